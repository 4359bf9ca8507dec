"""The shape of the code (docs/architecture.md): read -> assemble -> link -> render -> site, each
stage a package importing only the stages before it, and no import cycle anywhere."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.support.paths import ROOT

PACKAGE = ROOT / "generator"
# In order: a module may import its own stage and the stages before it, never one after.
STAGES = [
    ("base", {"generator.settings", "generator.background", "generator.progress", "generator.processes"}),
    ("model", {"generator.model"}),
    ("parse", {"generator.parse"}),
    ("assemble", {"generator.assemble"}),
    ("link", {"generator.link"}),
    ("render", {"generator.render"}),
    ("site", {"generator.site"}),
    ("pipeline", {"generator.pipeline"}),
    ("commands", {"generator.cli", "generator.serve", "generator.fetch", "generator.inspect"}),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every generator module `path` imports, at its top or inside a function."""
    found = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("generator")}


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    # "from generator import settings" names the package too: its __init__ is empty, not an edge.
    return {name: {m for m in imports(path) if m in modules and m not in (name, "generator")}
            for name, path in modules.items()}


def stage_of(module: str) -> int:
    for position, (_, prefixes) in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return position
    raise AssertionError(f"{module} belongs to no stage: add it to tests/test_architecture.py and docs/architecture.md")


def test_every_module_belongs_to_a_stage():
    for module in graph():
        if module != "generator":
            stage_of(module)


def test_a_stage_imports_only_the_stages_before_it():
    wrong = sorted(f"{module} ({STAGES[stage_of(module)][0]}) imports {target} ({STAGES[stage_of(target)][0]})"
                   for module, targets in graph().items() if module != "generator"
                   for target in targets if stage_of(target) > stage_of(module))
    assert wrong == []


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan's algorithm)."""
    order, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in order:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], order[target])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in order:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    assert cycles(graph()) == []


# Each library that does one stage's job is imported by that stage only: the PDF library by the
# PDF reader, the template engine by the renderer, MkDocs by the site stage (and the preview
# server, which runs MkDocs' own).
LIBRARIES = {"pdfplumber": ("generator.parse.pdf",), "pdfminer": ("generator.parse.pdf",),
             "jinja2": ("generator.render",), "mkdocs": ("generator.site", "generator.serve"),
             "material": ("generator.site",)}


def external_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_each_library_is_imported_by_its_stage_only():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        for library in external_imports(path) & LIBRARIES.keys():
            if not any(module == owner or module.startswith(owner + ".") for owner in LIBRARIES[library]):
                wrong.append(f"{module} imports {library}")
    assert wrong == []


NAMED_FILE = re.compile(r"(?<![\w/.])((?:generator|tests|templates|scripts|bench)/[\w/.-]*\w)")
NAMED_MODULE = re.compile(r"(?<![\w/.])(generator(?:\.\w+)+)")


def named_elsewhere(text: str) -> set[str]:
    """Paths (generator/parse/raw.py) and modules (generator.parse.raw) that a text names."""
    paths = set(NAMED_FILE.findall(text))
    for dotted in NAMED_MODULE.findall(text):
        parts = dotted.split(".")
        # generator.link.index.SiteIndex names a module and then an attribute: the longest module part counts.
        for end in range(len(parts), 1, -1):
            candidate = "/".join(parts[:end])
            if (ROOT / f"{candidate}.py").is_file() or (ROOT / candidate).is_dir():
                break
        else:
            paths.add("/".join(parts[:2]) + ".py")  # not even its first module exists
    return paths


def test_the_finder_of_named_files_reads_paths_and_modules():
    assert named_elsewhere("see generator/parse/raw.py and generator.link.index.SiteIndex.build") == {
        "generator/parse/raw.py"}
    assert named_elsewhere("generator.nowhere.thing") == {"generator/nowhere.py"}


def _ignored(relative: str) -> bool:
    """A path git ignores (tests/browser/artifacts/) exists only once something has made it."""
    import subprocess

    return any(subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0
               for path in (relative, relative + "/"))


def test_the_code_names_only_files_that_exist():
    """Docstrings, comments, the README and the architecture notes name files and modules that exist."""
    missing = []
    for path in [*sorted(PACKAGE.rglob("*.py")), *sorted((ROOT / "templates").glob("*.j2")),
                 ROOT / "README.md", ROOT / "docs" / "architecture.md"]:
        for named in named_elsewhere(path.read_text(encoding="utf-8")):
            if not (ROOT / named).exists() and "*" not in named and not _ignored(named):
                missing.append(f"{path.relative_to(ROOT)} names {named}")
    assert missing == []
