"""The page templates: each kind extends templates/_base.md.j2, writes out only the context its
header comment lists, and a user's template can override one block of a bundled one."""
from __future__ import annotations

import re

import jinja2
import pytest
from jinja2 import meta, nodes

from generator.assemble.sources import read_sources
from generator.link.index import SiteIndex
from generator.render.environment import BUNDLED_TEMPLATES, make_environment
from generator.render.renderer import SiteRenderer
from tests.support.paths import SAMPLE_TXT

BASE = "_base.md.j2"
NOT_PAGES = {BASE, "_macros.md.j2", "_cite.md.j2", "what_links_here.md.j2"}  # the base, macros, partials, and what is appended to pages
PAGE_TEMPLATES = sorted(p.name for p in BUNDLED_TEMPLATES.glob("*.md.j2") if p.name not in NOT_PAGES)


def parse(name: str) -> jinja2.nodes.Template:
    env = make_environment()
    return env.parse(env.loader.get_source(env, name)[0])


def header(name: str) -> str:
    """A template's opening comment, which lists its context."""
    found = re.match(r"\{#-(.*?)-#\}", (BUNDLED_TEMPLATES / name).read_text(encoding="utf-8"), re.S)
    assert found, f"{name} opens with no {{#- ... -#}} comment"
    return found.group(1)


def test_there_are_page_templates():
    assert {"meeting.md.j2", "section.md.j2", "home.md.j2", "country.md.j2"} <= set(PAGE_TEMPLATES)


@pytest.mark.parametrize("name", PAGE_TEMPLATES)
def test_every_page_template_extends_the_base(name):
    extends = list(parse(name).find_all(nodes.Extends))
    assert [e.template.value for e in extends if isinstance(e.template, nodes.Const)] == [BASE]
    blocks = {block.name for block in parse(name).find_all(nodes.Block)}
    assert "body" in blocks and "title" in blocks


def test_the_base_holds_the_front_matter_and_the_body():
    blocks = {block.name for block in parse(BASE).find_all(nodes.Block)}
    assert {"front_matter", "title", "description_line", "description", "body"} <= blocks


@pytest.mark.parametrize("name", PAGE_TEMPLATES + ["what_links_here.md.j2"])
def test_a_template_uses_only_the_context_its_header_lists(name):
    template = parse(name)
    imported = {node.target for node in template.find_all(nodes.Import)}  # the macros, used in blocks
    used = meta.find_undeclared_variables(template) - imported
    assert "index" not in used  # the contexts give ready values: no template reaches into the index
    documented = header(name) + header(BASE)
    missing = sorted(v for v in used if not re.search(rf"\b{re.escape(v)}\b", documented))
    assert not missing, f"{name} uses {missing}, which its header comment does not list"


@pytest.fixture(scope="module")
def index():
    return SiteIndex.build(read_sources([SAMPLE_TXT]))


def test_a_users_template_overrides_one_block_of_the_meeting_page(index, tmp_path):
    mine = tmp_path / "templates"
    mine.mkdir()
    ours = "## How to cite\n\nAsk the Dag Hammarskjöld Library.\n"
    (mine / "meeting.md.j2").write_text(
        '{% extends "bundled/meeting.md.j2" %}\n{% block cite %}\n' + ours + "{% endblock %}\n", encoding="utf-8")
    bundled = SiteRenderer(index, jobs=1)
    meetings = {page for template, page, _ in bundled.planned_pages() if template == "meeting"}
    before, after = bundled.pages(), SiteRenderer(index, [mine], jobs=1).pages()
    assert meetings and {page for page in before if before[page] != after[page]} == meetings
    for page in meetings:
        head, found, tail = after[page].rstrip("\n").partition(ours.rstrip("\n"))
        assert found and before[page].startswith(head) and before[page].endswith(tail)
        assert tail == ""  # "Cite this page" is the page's last block, after "What links here"
        replaced = before[page][len(head):len(before[page]) - len(tail)]
        assert replaced.startswith("## Cite this page") and "Address of this page" in replaced
        assert replaced.count("\n## ") == 0 and "[^" not in replaced  # that block only, not the next


def test_a_users_template_named_like_a_bundled_one_replaces_it(index, tmp_path):
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "home.md.j2").write_text('{% extends "_base.md.j2" %}{% block title %}Mine{% endblock %}'
                                     "{% block body %}# {{ counts.meetings }} meetings{% endblock %}", encoding="utf-8")
    pages = SiteRenderer(index, [mine], jobs=1).pages()
    assert pages["index.md"].startswith("---\ntitle: Mine\n")
    assert f"\n# {len(index.repertoire.meetings())} meetings\n" in pages["index.md"]
