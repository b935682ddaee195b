"""The demo library `make run` loads."""

import io

from django.core.management import call_command

import pytest

from learning.models import LearningContentPage, ResearchSummaryPage

pytestmark = pytest.mark.django_db


def test_the_demo_library_has_the_munro_summary_and_marked_samples(shipped_frameworks):
    call_command("load_learning_content", stdout=io.StringIO())
    pages = LearningContentPage.objects.live()
    assert pages.count() >= 8
    munro = ResearchSummaryPage.objects.get(slug="munro-review-of-child-protection")
    assert not munro.is_sample
    assert munro.references.count() == 2
    assert munro.supported_items.count() >= 2
    # Everything else says it is sample content.
    assert set(pages.filter(is_sample=False).values_list("slug", flat=True)) == {
        "munro-review-of-child-protection"
    }
    assert all(page.title.startswith("Sample") for page in pages.filter(is_sample=True))


def test_loading_twice_adds_nothing(shipped_frameworks):
    call_command("load_learning_content", stdout=io.StringIO())
    before = LearningContentPage.objects.count()
    out = io.StringIO()
    call_command("load_learning_content", stdout=out)
    assert LearningContentPage.objects.count() == before
    assert "0 pages added" in out.getvalue()


def test_every_demo_page_renders(signed_in, practitioner, shipped_frameworks):
    call_command("load_learning_content", stdout=io.StringIO())
    client = signed_in(practitioner)
    assert client.get("/learning/").status_code == 200
    for page in LearningContentPage.objects.live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
