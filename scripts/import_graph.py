"""The project's import graph: which module imports which, and the layers they must respect.

`python scripts/import_graph.py` prints the graph as a Markdown table (module → what it imports from the
project) and any import that runs against the layers; tests/test_architecture.py asserts there is none.
"""

from __future__ import annotations

import ast
import fnmatch
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"extract": ROOT / "src" / "extract", "flows": ROOT / "flows"}

# Groups of modules, lowest first; a module may import from its own group and the groups listed for it.
GROUPS: dict[str, list[str]] = {
    "base": [
        "extract",
        "extract.errors",
        "extract.settings",
        "extract.document",
        "extract.dataset.models",
        "extract.dataset.keys",
    ],
    "dataset": ["extract.dataset", "extract.dataset.*"],
    "profile": ["extract.profile", "extract.profiles", "extract.nlp"],
    "sources": ["extract.sources", "extract.sources.*"],
    "rules": ["extract.rules", "extract.rules.*"],
    "pipeline": ["extract.pipeline", "extract.preload"],
    "batch": ["extract.batch", "extract.evaluate", "extract.quality", "extract.quality.*"],
    "review": ["extract.review", "extract.review.*"],
    "flows": ["flows", "flows.*"],
}
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "dataset": {"base"},  # the writer knows the contract, never the extractor
    "profile": {"base"},
    "sources": {"base"},
    "rules": {"base", "profile", "dataset"},
    "pipeline": {"base", "profile", "rules", "dataset"},
    "batch": {"base", "profile", "rules", "dataset", "pipeline", "sources"},
    "review": {"base", "dataset"},  # the review site reads curated files, never the extractor
    "flows": {"base", "profile", "rules", "dataset", "pipeline", "sources", "batch", "review"},
}


def group_of(module: str) -> str:
    for group, patterns in GROUPS.items():
        if any(fnmatch.fnmatchcase(module, p) for p in patterns):
            return group
    raise KeyError(f"{module} belongs to no group: add it to GROUPS in scripts/import_graph.py")


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(path: Path) -> set[str]:
    """Project modules imported anywhere in the file (top level or inside functions)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        out.update(n for n in names if n.split(".")[0] in PACKAGES)
    return out


def graph() -> dict[str, set[str]]:
    return {name: imports(path) for name, path in modules().items()}


def violations(edges: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, targets in edges.items():
        own = group_of(module)
        for target in sorted(targets):
            other = group_of(target)
            if other != own and other not in ALLOWED[own]:
                bad.append(f"{module} ({own}) imports {target} ({other})")
    return bad


def table(edges: dict[str, set[str]]) -> str:
    rows = ["| module | layer | imports from the project |", "| --- | --- | --- |"]
    for module in sorted(edges, key=lambda m: (list(GROUPS).index(group_of(m)), m)):
        rows.append(f"| `{module}` | {group_of(module)} | {', '.join(sorted(edges[module])) or '—'} |")
    return "\n".join(rows)


if __name__ == "__main__":
    edges = graph()
    print(table(edges))
    bad = violations(edges)
    for line in bad:
        print("VIOLATION:", line)
    sys.exit(1 if bad else 0)
