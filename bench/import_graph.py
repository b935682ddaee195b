"""Size and shape of the project's own code: modules, lines and import cycles.

Run from the project root: ``.venv/bin/python bench/import_graph.py``.

Counts every ``.py`` file of the apps (migrations left out), its lines, and the
cycles in the import graph grimp builds (the graph import-linter checks, with
imports inside functions counted like any other: a circle dodged inside a
function is still a circle). Cycles are reported at three grains: modules,
portfolio's sub-packages, and the top-level apps.
"""

import ast
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
APPS = ["portal", "api", "search", "learning", "portfolio", "capabilities", "jobs"]


def _app_files(apps):
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def _function_imports(files) -> tuple[int, int]:
    """Imports of the project's own modules inside functions: all of them, and
    those in ``AppConfig.ready()`` or a Celery task (where Django and Celery
    expect them)."""
    total = expected = 0
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.ImportFrom)
                    and node.level == 0
                    and node.module.split(".")[0] in APPS
                ):
                    total += 1
                    if function.name == "ready" or path.name == "tasks.py":
                        expected += 1
    return total, expected


def _grain(module: str, depth: int) -> str:
    parts = module.split(".")
    if depth == 2:
        # portfolio's sub-packages, every other app as one.
        return ".".join(parts[:2]) if parts[0] == "portfolio" else parts[0]
    return parts[0] if depth == 1 else module


def main() -> None:
    apps = [app for app in APPS if (ROOT / app).is_dir()]
    files = list(_app_files(apps))
    lines = sum(len(path.read_text(encoding="utf-8").splitlines()) for path in files)
    print(f"modules={len(files)} lines={lines} (no migrations; {', '.join(apps)})")

    total, expected = _function_imports(files)
    print(
        f"own-module imports inside functions={total} "
        f"(in AppConfig.ready() or tasks.py: {expected})"
    )

    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*apps, include_external_packages=False, cache_dir=None)
    own = {m for m in graph.modules if ".migrations" not in m}
    for label, depth in (("modules", 3), ("portfolio sub-packages", 2), ("apps", 1)):
        edges: dict[str, set[str]] = {}
        for importer in own:
            for imported in graph.find_modules_directly_imported_by(importer):
                if imported not in own:
                    continue
                a, b = _grain(importer, depth), _grain(imported, depth)
                # A module importing its own package's __init__ is not a circle
                # worth counting (the package re-exporting it is how it looks).
                if a != b and not a.startswith(b + "."):
                    edges.setdefault(a, set()).add(b)
        cycles = _cycles(edges)
        print(f"cycles between {label}: {len(cycles)}")
        for cycle in cycles:
            print("  " + " <-> ".join(cycle))


if __name__ == "__main__":
    main()
