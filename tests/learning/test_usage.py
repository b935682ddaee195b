"""Counts of learning content use for the organisation reports."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from capabilities.selectors import active_pcf, item_by_reference
from learning.models import Topic
from learning.usage import content_use, pages_per_domain, pages_per_topic
from tests.factories.learning import research_summary

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = (TODAY - datetime.timedelta(days=365), TODAY)


def test_views_and_records_are_counted_per_page(
    signed_in, practitioner, other_practitioner, other_organisation, learning_page
):
    from tests.factories.portfolio import UserFactory

    outsider = UserFactory(organisation=other_organisation, email="out@example.org")
    for person in (practitioner, other_practitioner, outsider):
        signed_in(person).get(learning_page.url)
    signed_in(practitioner).post(f"/learning/pages/{learning_page.pk}/record-as-cpd/")

    people = get_user_model().objects.filter(organisation=practitioner.organisation)
    [use] = content_use(people=people, starts=YEAR[0], ends=YEAR[1])
    assert (use.page_id, use.views, use.viewers, use.recorded, use.completed) == (
        learning_page.pk,
        2,
        2,
        1,
        0,
    )
    # Another organisation's reading is not counted here.
    outsiders = get_user_model().objects.filter(pk=outsider.pk)
    [theirs] = content_use(people=outsiders, starts=YEAR[0], ends=YEAR[1])
    assert (theirs.views, theirs.recorded) == (1, 0)


def test_use_outside_the_period_is_not_counted(signed_in, practitioner, learning_page):
    signed_in(practitioner).get(learning_page.url)
    people = get_user_model().objects.filter(pk=practitioner.pk)
    long_ago = datetime.date(2020, 1, 1)
    assert content_use(people=people, starts=long_ago, ends=long_ago) == []


def test_content_is_counted_per_domain_through_crosswalks(shipped_frameworks):
    research_summary(title="Direct", items=[item_by_reference("pcf@2018:7")])
    research_summary(
        title="Through KSS", items=[item_by_reference("kss-cf-practitioner@2018:1")]
    )
    research_summary(
        title="Unpublished", live=False, items=[item_by_reference("pcf@2018:7")]
    )
    counts = {
        domain: len(pages)
        for domain, pages in pages_per_domain(framework=active_pcf()).items()
    }
    assert counts[item_by_reference("pcf@2018:7").pk] == 2
    assert item_by_reference("pcf@2018:9").pk not in counts


def test_content_is_counted_per_topic(shipped_frameworks):
    early_help = Topic.objects.get(slug="early-help")
    research_summary(title="One", topics=[early_help])
    research_summary(title="Two", topics=[early_help], live=False)
    assert len(pages_per_topic()[early_help.pk]) == 1
