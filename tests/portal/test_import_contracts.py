"""The import contracts in pyproject.toml hold, and they catch the imports
they are there to forbid.

Each case copies the apps' Python files into a temporary directory, adds one
forbidden import (inside a function, where a circle used to hide) and runs
``lint-imports`` on the copy: the contract named must report itself broken.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "portal",
    "search",
    "learning",
    "portfolio",
    "capabilities",
    "jobs",
    "replica",
    "api",
)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_project(target: Path) -> None:
    for app in APPS:
        if (ROOT / app).is_dir():
            shutil.copytree(
                ROOT / app,
                target / app,
                ignore=shutil.ignore_patterns(
                    "templates", "static", "static_src", "__pycache__", "*.json"
                ),
            )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=directory,
        env={"PYTHONPATH": str(directory), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _add_function_import(module: Path, statement: str) -> None:
    with module.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\ndef _added_by_the_test():\n    {statement}\n")


def test_the_project_keeps_every_contract(tmp_path):
    _copy_project(tmp_path)
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "broken"),
    [
        # An app importing one above it.
        (
            "capabilities/selectors.py",
            "from learning.models import Topic  # noqa: F401",
            "The apps, top to bottom",
        ),
        # A lower portfolio sub-package importing a higher one: the circle
        # evidence <-> supervision used to hide like this.
        (
            "portfolio/evidence/policies.py",
            "from portfolio.supervision.models import ReviewDecision  # noqa: F401",
            "portfolio's sub-packages, top to bottom",
        ),
        # people is the lowest: even notifications is above it.
        (
            "portfolio/people/selectors.py",
            "from portfolio.notifications.models import Notification  # noqa: F401",
            "portfolio's sub-packages, top to bottom",
        ),
        (
            "portfolio/evidence/selectors.py",
            "from portfolio.evidence.services import entry_save  # noqa: F401",
            "Selectors never call services (reads never write)",
        ),
        # The learning circle: a page model asking its own selectors.
        (
            "learning/models/pages.py",
            "from learning.selectors import home_listing  # noqa: F401",
            "Models import no selectors, services, policies or views",
        ),
        (
            "learning/models/pages.py",
            "from learning.selectors import home_listing  # noqa: F401",
            "No circles between sibling modules or packages",
        ),
        (
            "portfolio/appraisal/views.py",
            "from portfolio.evidence.forms import EntryForm  # noqa: F401",
            "portfolio.evidence keeps its private modules",
        ),
        # Nothing below imports the API, and search (its sibling) neither.
        (
            "search/selectors.py",
            "from api.scopes import PORTFOLIO_READ  # noqa: F401",
            "The apps, top to bottom",
        ),
        # The API reads through the apps' public faces, never their forms.
        (
            "api/views/me.py",
            "from portfolio.evidence.forms import EntryForm  # noqa: F401",
            "The API uses the apps' public faces only",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, statement, broken):
    _copy_project(tmp_path)
    _add_function_import(tmp_path / module, statement)
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert f"{broken} BROKEN" in result.stdout, result.stdout
