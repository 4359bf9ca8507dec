"""The shape of the code (docs/architecture.md): read -> assemble -> link -> render -> site, each
stage a package importing only the stages before it, and no import cycle anywhere."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

PACKAGE = ROOT / "generator"
# In order: a module may import its own stage and the stages before it, never one after.
STAGES = [
    ("base", {"generator.settings", "generator.background", "generator.progress"}),
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
