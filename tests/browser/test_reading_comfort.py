"""Reading comfort, as a reader finds it in Chromium, served and from disk: the light and dark
schemes (the system's preference, a toggle whose choice is kept), breadcrumbs that lead up the
site, and the footer naming the build's date and version."""
from __future__ import annotations

import json
import os
import tomllib
from datetime import datetime, timezone

import pytest

from tests.support.browser import AXE, new_page, open_context, shot
from tests.support.paths import ROOT

MEETING, SECTION = "meetings/S-PV-9389.html", "sections/2023-i-24.html"
LIGHT, DARK = "default", "slate"  # Material's names of the two schemes (mkdocs.yml theme.palette)


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def background_luminance(page) -> float:
    """The page's background, 0 (black) to 1 (white): what the reader sees, whatever the attribute says."""
    red, green, blue = page.evaluate("""() => getComputedStyle(document.body).backgroundColor
        .match(/[\\d.]+/g).slice(0, 3).map(Number)""")
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("system, expected", [("light", LIGHT), ("dark", DARK)])
def test_the_scheme_follows_the_system_preference(browser, site, origin, system, expected):
    context = open_context(browser, site, origin, color_scheme=system)
    try:
        page = new_page(context, origin)
        page.goto(page.base + MEETING)
        assert scheme(page) == expected
        assert (background_luminance(page) < 0.3) == (system == "dark")
    finally:
        context.close()


def test_the_toggle_switches_the_scheme_and_the_choice_is_kept_on_other_pages(page):
    page.goto(page.base + MEETING)
    assert scheme(page) == LIGHT
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert background_luminance(page) < 0.3
    page.goto(page.base + SECTION)  # another page, in another folder
    assert scheme(page) == DARK
    page.goto(page.base + "index.html")
    assert scheme(page) == DARK
    page.locator("label[title='Switch to light mode']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.goto(page.base + MEETING)
    assert scheme(page) == LIGHT
    assert background_luminance(page) > 0.7
    assert not page.errors


def contrast_problems(page) -> dict:
    """axe-core's colour rules on the page: {rule: [elements]} of the violations, and how many passed."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const results = await axe.run(document, {runOnly: ['color-contrast', 'link-in-text-block']});
        return {violations: Object.fromEntries(results.violations.map(v => [v.id,
                    v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)])),
                checked: results.passes.reduce((n, rule) => n + rule.nodes.length, 0)};
    }""")


def test_the_dark_scheme_passes_colour_contrast(browser, site, origin):
    context = open_context(browser, site, origin, color_scheme="dark")
    found = {}
    try:
        page = new_page(context, origin)
        for address in ("index.html", SECTION, MEETING):
            page.goto(page.base + address)
            assert scheme(page) == DARK, address
            found[address] = contrast_problems(page)
            if found[address]["violations"]:
                shot(page, "dark-" + address.replace("/", "-"), full_page=True)
    finally:
        context.close()
    assert all(result["checked"] > 20 for result in found.values()), found  # axe measured real text
    assert not any(result["violations"] for result in found.values()), json.dumps(found, indent=2)


def crumbs(page) -> list[tuple[str, str | None]]:
    """The page's breadcrumbs: (label, href) of each step, href None for the page itself."""
    return page.evaluate("""() => [...document.querySelectorAll('nav[aria-label="Breadcrumb"] li')].map(li => {
        const a = li.querySelector('a'), here = li.querySelector('[aria-current="page"]');
        return [(a || here).textContent, a ? a.getAttribute('href') : null];
    })""")


def country_page(site) -> str:
    return next(p for p in site.pages("countries") if not p.endswith("/index.html"))


@pytest.mark.parametrize("address, above, here", [
    (MEETING, ["Home", "Meetings", "2023"], "S/PV.9389"),
    (SECTION, ["Home", "Sections"], "Section 24"),
    ("country", ["Home", "Countries"], ""),
    ("about.html", ["Home"], "About"),
])
def test_breadcrumbs_lead_up_the_site(page, site, address, above, here):
    address = country_page(site) if address == "country" else address
    page.goto(page.base + address)
    trail = crumbs(page)
    assert page.locator("nav[aria-label='Breadcrumb']").count() == 1
    assert [label for label, _ in trail[:-1]] == above
    assert all(href for _, href in trail[:-1]) and trail[-1][1] is None  # the page itself is not a link
    assert trail[-1][0].startswith(here)
    # Each step's link leads to that page, whose own breadcrumbs are the steps before it.
    for position, (label, href) in enumerate(trail[:-1]):
        page.goto(page.base + address)
        page.locator("nav[aria-label='Breadcrumb'] a").nth(position).click()
        page.wait_for_load_state()
        if position == 0:
            assert page.url == page.base + "index.html"
            assert crumbs(page) == []  # the home page is the top
        else:
            assert [step for step, _ in crumbs(page)] == [step for step, _ in trail[:position + 1]], href
        assert page.locator("h1").count() == 1, href
    assert not page.errors


def expected_footer() -> str:
    """What the footer must say, found independently of the generator: the day of SOURCE_DATE_EPOCH
    or today (UTC), and pyproject.toml's version."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    with open(ROOT / "pyproject.toml", "rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    return f"Built {moment.date().isoformat()} from Repertoire Site {version}"


@pytest.mark.parametrize("address", ["index.html", MEETING, "topics/index.html", "about.html"])
def test_the_footer_names_the_build_date_and_version(page, site, address):
    page.goto(page.base + address)
    footer = page.locator(".md-footer .md-copyright")
    assert footer.is_visible()
    assert expected_footer() in footer.inner_text()
    report = json.loads((site.site_dir / "build-report.json").read_text(encoding="utf-8"))
    assert f"Built {report['built']['date']} from Repertoire Site {report['built']['version']}" == expected_footer()
