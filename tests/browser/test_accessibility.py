"""Accessibility: axe-core (vendored, injected into the page) finds nothing serious or critical."""
from __future__ import annotations

import json

import pytest

from tests.support.browser import AXE, artifact, new_page, open_context, shot

# The page kinds a reader lands on. Country pages (countries/<name>.html) are
# picked up when the site has them; the countries index is checked always.
FIXED = ["index.html", "sections/2023-i-24.html", "meetings/S-PV-9389.html", "countries/index.html"]


def axe_pages(site) -> list[str]:
    pages = list(FIXED)
    countries = [p for p in site.pages("countries") if not p.endswith("/index.html")]
    pages += countries[:1]  # one country page when they exist
    return pages


def run_axe(page) -> dict:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ['violations']});
        return {violations: results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})),
                passes: results.passes.length};
    }""")


def test_no_serious_or_critical_violations(browser, site):
    context = open_context(browser, site, "http")
    page = new_page(context, "http")
    report, serious = {}, []
    try:
        for address in axe_pages(site):
            page.goto(site.http_base + address)
            assert page.evaluate("document.documentElement.lang") == "en", address
            result = run_axe(page)
            report[address] = result
            serious += [(address, v) for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if serious and serious[-1][0] == address:
                shot(page, "axe-" + address.replace("/", "-"), full_page=True)
        # The search dialog open with results is part of every page too.
        page.goto(site.http_base + "index.html")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("MONUSCO")
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_timeout(600)  # let Material's result transitions finish: axe reads colours mid-fade
        result = run_axe(page)
        report["index.html (search open)"] = result
        serious += [("search", v) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    finally:
        artifact("axe-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        context.close()
    assert len(report) >= 5
    assert all(r["passes"] > 10 for r in report.values())  # axe really ran its rules
    assert not serious, json.dumps(serious, indent=2)


@pytest.mark.parametrize("address", ["index.html", "meetings/S-PV-9389.html"])
def test_keyboard_reaches_content_first_with_the_skip_link(page, address):
    page.goto(page.base + address)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert "md-skip" in focused[0], focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
