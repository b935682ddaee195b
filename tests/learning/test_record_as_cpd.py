"""From reading to a CPD record in one step."""

from django.conf import settings

import pytest

from learning.models import ContentView, ReadMark
from portfolio.evidence.models import Entry, EntryState

pytestmark = pytest.mark.django_db


def _record(client, page):
    return client.post(f"/learning/pages/{page.pk}/record-as-cpd/")


def test_recording_makes_a_draft_filled_from_the_page(
    signed_in, practitioner, learning_page
):
    client = signed_in(practitioner)
    response = _record(client, learning_page)
    entry = Entry.objects.get(owner=practitioner)
    assert response.status_code == 302
    assert response["Location"] == f"/portfolio/entries/{entry.pk}/edit/"
    assert entry.state == EntryState.DRAFT
    assert entry.title == learning_page.title
    assert entry.cpd_type == "research_summary"
    assert entry.hours == learning_page.cpd_hours
    assert entry.source_url == f"{settings.WAGTAILADMIN_BASE_URL}{learning_page.url}"
    assert entry.source_page_id == learning_page.pk
    assert entry.reflection_prompts == [
        "What does this mean for the families you work with?"
    ]
    assert set(entry.mappings.values_list("item_id", flat=True)) == set(
        learning_page.supported_items.values_list("pk", flat=True)
    )
    editor = client.get(response["Location"]).content.decode()
    assert "What does this mean for the families you work with?" in editor


def test_the_mapping_level_is_the_one_they_work_towards_when_the_page_fits(
    signed_in, practitioner, shipped_frameworks
):
    from capabilities.models import Item, Level
    from tests.factories.learning import research_summary

    experienced = Level.objects.get(
        framework__family="pcf",
        framework__is_active=True,
        code="experienced-social-worker",
    )
    social_worker = Level.objects.get(
        framework__family="pcf", framework__is_active=True, code="social-worker"
    )
    practitioner.career_level, practitioner.target_level = social_worker, experienced
    practitioner.save()
    domain = Item.objects.filter(
        framework__family="pcf", framework__is_active=True, kind="domain"
    ).first()
    page = research_summary(items=[domain], levels=[social_worker, experienced])
    _record(signed_in(practitioner), page)
    assert Entry.objects.get(owner=practitioner).mappings.get().level == experienced


def test_a_second_click_opens_the_same_draft(signed_in, practitioner, learning_page):
    client = signed_in(practitioner)
    first = _record(client, learning_page)
    second = _record(client, learning_page)
    assert first["Location"] == second["Location"]
    assert Entry.objects.filter(owner=practitioner).count() == 1


def test_the_page_shows_whether_it_has_been_recorded(
    signed_in, practitioner, other_practitioner, learning_page
):
    client = signed_in(practitioner)
    assert (
        "You have not recorded this as CPD yet."
        in client.get(learning_page.url).content.decode()
    )
    _record(client, learning_page)
    html = client.get(learning_page.url).content.decode()
    assert "You have recorded this as CPD:" in html
    # Somebody else's record is not theirs.
    other = signed_in(other_practitioner).get(learning_page.url).content.decode()
    assert "You have not recorded this as CPD yet." in other


def test_only_published_pages_can_be_recorded(
    signed_in, practitioner, shipped_frameworks
):
    from tests.factories.learning import research_summary

    draft = research_summary(title="Not yet approved", live=False)
    response = _record(signed_in(practitioner), draft)
    assert response.status_code == 404
    assert not Entry.objects.exists()


def test_recording_needs_a_post(signed_in, practitioner, learning_page):
    client = signed_in(practitioner)
    assert (
        client.get(f"/learning/pages/{learning_page.pk}/record-as-cpd/").status_code
        == 405
    )


def test_extra_fields_cannot_make_the_entry_someone_elses(
    signed_in, practitioner, other_practitioner, learning_page
):
    client = signed_in(practitioner)
    client.post(
        f"/learning/pages/{learning_page.pk}/record-as-cpd/",
        {"owner": other_practitioner.pk, "state": "complete"},
    )
    entry = Entry.objects.get()
    assert entry.owner == practitioner
    assert entry.state == EntryState.DRAFT


def test_marking_as_read_and_back(signed_in, practitioner, learning_page):
    client = signed_in(practitioner)
    client.post(f"/learning/pages/{learning_page.pk}/read/", {"read": "yes"})
    assert ReadMark.objects.filter(user=practitioner, page=learning_page).exists()
    assert (
        "You marked this as read on" in client.get(learning_page.url).content.decode()
    )
    client.post(f"/learning/pages/{learning_page.pk}/read/", {"read": "no"})
    assert not ReadMark.objects.exists()


def test_views_are_counted_once_per_person_per_day(
    signed_in, practitioner, learning_page
):
    client = signed_in(practitioner)
    client.get(learning_page.url)
    client.get(learning_page.url)
    assert ContentView.objects.filter(page=learning_page).count() == 1
