"""The import rules of the layout (../shared/LAYOUT.md and CONTRIBUTING.md), read from the
import statements of every module with `ast`: no code is imported or run.

Each failure names the file, the line and the import that breaks a rule.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("accounts", "assistant", "bench", "claims", "claimtracker", "sources")
LONGEST_MODULE = 400  # lines; past about 300 a module becomes a package by concern


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    path: Path
    line: int
    target: str  # the imported module, dotted (first-party only)
    names: tuple[str, ...]  # the names taken from it by `from ... import`

    def __str__(self) -> str:
        taken = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.path.relative_to(ROOT)}:{self.line} imports {self.target}{taken}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def first_party(dotted: str) -> bool:
    return dotted.split(".")[0] in PACKAGES


def imports_of(path: Path) -> list[Import]:
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if first_party(alias.name):
                    found.append(Import(source, path, node.lineno, alias.name, ()))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if not first_party(base):
                continue
            for alias in node.names:
                # `from claims import queries` imports the module claims.queries.
                submodule = f"{base}.{alias.name}"
                if is_module(submodule):
                    found.append(Import(source, path, node.lineno, submodule, ()))
                else:
                    found.append(Import(source, path, node.lineno, base, (alias.name,)))
    return found


@cache
def all_imports() -> tuple[Import, ...]:
    paths = [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))]
    return tuple(found for path in paths for found in imports_of(path))


def within(dotted: str, *prefixes: str) -> bool:
    return any(dotted == prefix or dotted.startswith(prefix + ".") for prefix in prefixes)


def broken(rule) -> list[str]:
    return [str(found) for found in all_imports() if rule(found)]


# The layers of claims/ that the interfaces (forms, api, views, exports) build on.
CLAIMS_CORE = (
    "claims.models",
    "claims.standing",
    "claims.timeline",
    "claims.timeline_points",
    "claims.queries",
    "claims.histories",
    "claims.actions",
    "claims.filters",
)
CLAIMS_INTERFACES = ("claims.forms", "claims.api", "claims.views", "claims.exports")

RULES = {
    "sources/ imports nothing from claims/ or accounts/": lambda i: (
        within(i.source, "sources") and within(i.target, "claims", "accounts")
    ),
    "claims/ imports nothing from accounts/ (accounts' pages use everything else)": lambda i: (
        within(i.source, "claims") and within(i.target, "accounts")
    ),
    # The assistant builds on sources/ and claims/; they must work without it.
    "sources/, claims/ and accounts/ import nothing from assistant/": lambda i: (
        within(i.source, "sources", "claims", "accounts") and within(i.target, "assistant")
    ),
    "assistant/ imports nothing from accounts/": lambda i: (
        within(i.source, "assistant") and within(i.target, "accounts")
    ),
    "models, standing, timeline, queries, actions and filters import no interface": lambda i: (
        within(i.source, *CLAIMS_CORE) and within(i.target, *CLAIMS_INTERFACES)
    ),
    "exports/ imports nothing from api/ or views/": lambda i: (
        within(i.source, "claims.exports") and within(i.target, "claims.api", "claims.views")
    ),
    "api/ and views/ do not import each other": lambda i: (
        (within(i.source, "claims.api") and within(i.target, "claims.views"))
        or (within(i.source, "claims.views") and within(i.target, "claims.api"))
    ),
    "forms/ imports neither api/ nor views/": lambda i: (
        within(i.source, "claims.forms") and within(i.target, "claims.api", "claims.views")
    ),
    "claims/database/ imports nothing of claims/ but itself": lambda i: (
        within(i.source, "claims.database")
        and within(i.target, "claims")
        and not within(i.target, "claims.database")
    ),
    "migrations import only claims/database/": lambda i: (
        ".migrations." in f".{i.source}." and not within(i.target, "claims.database")
    ),
    "corpus/ is imported only by generate_corpus and bench/": lambda i: (
        within(i.target, "claims.corpus")
        and not within(i.source, "claims.corpus", "bench")
        and i.source != "claims.management.commands.generate_corpus"
    ),
    "no module imports a _private name from another module": lambda i: any(
        name.startswith("_") and not name.startswith("__") for name in i.names
    ),
}


@pytest.mark.parametrize("rule", RULES, ids=list(RULES))
def test_the_layout_import_rules_hold(rule):
    assert broken(RULES[rule]) == [], f"Broken rule: {rule}"


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_back_through_a_circle():
    edges: dict[str, set[str]] = {}
    for found in all_imports():
        if found.target != found.source:
            edges.setdefault(found.source, set()).add(found.target)
    described = []
    for component in circles(edges):
        members = set(component)
        lines = [str(i) for i in all_imports() if i.source in members and i.target in members]
        described.append(" <-> ".join(component) + ":\n    " + "\n    ".join(lines))
    assert described == [], "Import circles:\n" + "\n".join(described)


def test_no_module_passes_the_size_at_which_it_becomes_a_package():
    too_long = []
    for package in (*PACKAGES, "tests"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text().splitlines())
            if lines > LONGEST_MODULE:
                too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert too_long == []


# --- the checker itself, on modules written for the test ---------------------------------


def test_the_checker_names_the_file_line_and_import_that_break_a_rule(tmp_path, monkeypatch):
    package = tmp_path / "sources"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bad.py").write_text("import os\n\nfrom claims.queries import _secret\n")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "__init__.py").write_text("")
    (tmp_path / "claims" / "queries.py").write_text("from sources import bad\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    all_imports.cache_clear()
    try:
        assert broken(RULES["sources/ imports nothing from claims/ or accounts/"]) == [
            "sources/bad.py:3 imports claims.queries (_secret)"
        ]
        assert broken(RULES["no module imports a _private name from another module"]) == [
            "sources/bad.py:3 imports claims.queries (_secret)"
        ]
        edges: dict[str, set[str]] = {}
        for found in all_imports():
            edges.setdefault(found.source, set()).add(found.target)
        assert circles(edges) == [["claims.queries", "sources.bad"]]
    finally:
        all_imports.cache_clear()
