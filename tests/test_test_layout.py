"""Tests share code through tests/support/ and fixtures through conftest.py files, never by importing
each other: no module of tests/, bench/ or scripts/ imports a test module (test_*.py) or a conftest.py.
Pytest loads those itself; imported again they run twice under two names, and a test module's
fixtures would then be defined in two places."""
from __future__ import annotations

import ast

import pytest

from tests.support.paths import ROOT

FOLDERS = ("tests", "bench", "scripts")


def is_test_module(name: str) -> bool:
    """Whether a dotted module name ("tests.test_site", "test_site", ".conftest") names a test module
    or a conftest: one of its parts does."""
    return any(part.startswith("test_") or part == "conftest" for part in name.split(".") if part)


def imports_of_test_modules(source: str) -> list[str]:
    """The imports in `source` (at any depth) of a test module or a conftest, as "line N: module"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            # `from tests import test_site`, `from . import test_site`: the names may be modules too.
            joined = [base + ("." if node.module else "") + alias.name for alias in node.names]
            modules = [base] if is_test_module(base) else joined
        else:
            continue
        found += [f"line {node.lineno}: {module}" for module in modules if is_test_module(module)]
    return found


@pytest.mark.parametrize("source", [
    "from test_site import built, read_page",
    "import test_pdf_bad_input",
    "from tests.test_site import check_internal_links",
    "import tests.test_site as site",
    "from tests import test_site",
    "from .test_pages import shot",
    "from . import test_pages",
    "from conftest import ROOT",
    "from .conftest import open_context",
    "from tests.conftest import ROOT",
    "def test_inspected():\n    from test_pdf_bad_input import MINUTES\n",
])
def test_an_import_of_a_test_module_or_conftest_is_found(source):
    assert len(imports_of_test_modules(source)) == 1


@pytest.mark.parametrize("source", [
    "from tests.support.site_pages import read_page",
    "from tests.support import synthetic",
    "import tests.layouts.matrix",
    "from generator.parse.text import plain_text",
    "import pytest\nfrom hypothesis import strategies as st",
    "from .matrix import Layout",
])
def test_other_imports_are_not(source):
    assert imports_of_test_modules(source) == []


def test_no_module_imports_a_test_module_or_a_conftest():
    files = sorted(path for folder in FOLDERS for path in (ROOT / folder).rglob("*.py"))
    names = {path.relative_to(ROOT).as_posix() for path in files}
    assert {"tests/test_site.py", "tests/browser/test_pages.py", "tests/layouts/matrix.py",
            "tests/support/synthetic.py", "bench/bench_build.py"} <= names  # every folder is read
    found = [f"{path.relative_to(ROOT)} {place}" for path in files
             for place in imports_of_test_modules(path.read_text(encoding="utf-8"))]
    assert not found, "import from tests/support/ instead:\n" + "\n".join(found)
