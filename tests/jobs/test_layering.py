"""The jobs package is the lowest layer, and work reaches tasks only through
it: no services module imports a tasks module (not even inside a function,
which would only hide the circle)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = ("portal", "portfolio", "capabilities", "learning", "search", "api")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _modules(*packages: str):
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_the_jobs_package_imports_nothing_of_ours():
    upward = {
        (str(path.relative_to(ROOT)), name)
        for path in _modules("jobs")
        for name in _imports(path)
        if name.split(".")[0] in OURS
    }
    assert upward == set()


def test_no_services_module_imports_a_tasks_module():
    circles = {
        (str(path.relative_to(ROOT)), name)
        for path in _modules(*OURS)
        if "services" in path.parts or path.stem == "services"
        for name in _imports(path)
        if name.endswith(".tasks") or name.endswith("_tasks")
    }
    assert circles == set()
