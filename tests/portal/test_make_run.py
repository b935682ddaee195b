"""`make run` serves on one address and builds its links on that address."""

import re
from pathlib import Path

import pytest

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def _run_recipe() -> tuple[dict, list[str]]:
    text = MAKEFILE.read_text()
    variables = dict(re.findall(r"^([A-Z_]+) :?= (.+)$", text, flags=re.MULTILINE))
    recipe = re.search(r"^run: .*\n((?:\t.*\n)+)", text, flags=re.MULTILINE)[1]
    lines = []
    for line in recipe.splitlines():
        for name, value in variables.items():
            line = line.replace(f"$({name})", value)
        lines.append(line.strip())
    return variables, lines


def test_make_run_sets_the_base_url_to_the_address_it_serves_on():
    _variables, lines = _run_recipe()
    served = next(line for line in lines if " runserver " in line).split()[-1]
    exports = [line for line in lines if "WAGTAILADMIN_BASE_URL=" in line]
    assert exports == [f"export WAGTAILADMIN_BASE_URL=http://{served}"]
    # Set before anything that makes pages or links.
    assert lines.index(exports[0]) < next(
        index for index, line in enumerate(lines) if "manage.py" in line
    )


@pytest.mark.django_db
def test_the_wagtail_site_answers_on_the_configured_address(settings):
    from wagtail.models import Site

    from learning.setup import learning_site_ensure

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    Site.objects.update(hostname="localhost", port=80)
    home = learning_site_ensure()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert home.full_url.startswith("http://127.0.0.1:8000/")


@pytest.mark.django_db
def test_a_site_someone_configured_is_left_alone(settings):
    from wagtail.models import Site

    from learning.setup import learning_site_ensure

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    Site.objects.update(hostname="portfolio.example.gov.uk", port=443)
    learning_site_ensure()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portfolio.example.gov.uk", 443)
