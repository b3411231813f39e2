"""The layout the redesign promised: no import cycle inside dbkit, no module doing too many jobs."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from support.commands import PROJECT_ROOT

DBKIT = PROJECT_ROOT / "dbkit"
MAX_LINES = 600


def modules() -> dict[str, Path]:
    found = {}
    for path in DBKIT.rglob("*.py"):
        parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(mods: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the dbkit modules it imports, at the top or inside a function alike."""
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.split(".")[0] == "dbkit":
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    graph[name].add(full if full in mods else node.module)
            elif isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name in mods)
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]], nodes: list[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in nodes:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_inside_dbkit():
    mods = modules()
    assert "dbkit.errors" in mods and "dbkit.review.rules" in mods
    assert cycles(imports(mods), sorted(mods)) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}, ["a", "b", "c"]) == [["a", "b"]]


def test_no_module_of_dbkit_is_over_600_lines():
    long = {str(p.relative_to(PROJECT_ROOT)): n for p in modules().values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


RECIPE = re.compile(r"^## (Add .+?)\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
NAMED_PATH = re.compile(r"`((?:dbkit|tests|docs|migrations)/[^`\s]*|models\.py)`")


def recipes() -> dict[str, list[str]]:
    """CONTRIBUTING.md's recipes ("## Add a ..."): the files and folders each one names."""
    text = (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return {title: NAMED_PATH.findall(body) for title, body in RECIPE.findall(text)}


def test_contributing_has_its_four_recipes_each_naming_files():
    found = recipes()
    assert {"Add a review rule", "Add a drift kind", "Add a command", "Add a revision"} <= set(found)
    assert all(found.values()), found


def test_every_file_a_recipe_names_exists():
    """A path with a placeholder (``dbkit/cli/<name>.py``) must at least have its folder."""
    missing = []
    for title, paths in recipes().items():
        for path in paths:
            fixed = path.split("<", 1)[0]
            where = PROJECT_ROOT / (fixed if "<" not in path else fixed.rsplit("/", 1)[0])
            if not where.exists():
                missing.append(f"{title}: {path}")
    assert missing == []
