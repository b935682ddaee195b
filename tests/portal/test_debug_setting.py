"""Issue 14, item 5: DJANGO_DEBUG controls debug pages under the default
settings, as docs/env-vars.md says (dev.py used to force it on)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_DEBUG = (
    "import django; django.setup(); "
    "from django.conf import settings; print(settings.DEBUG)"
)


def _debug_under(settings_module: str, **variables: str) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **variables)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_DEBUG],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("value", "expected"), [("false", "False"), ("true", "True"), ("0", "False")]
)
def test_django_debug_is_obeyed_by_the_default_settings(value, expected):
    assert _debug_under("portal.settings.dev", DJANGO_DEBUG=value) == expected


def test_debug_is_off_unless_asked_for():
    assert _debug_under("portal.settings.dev") == "False"
