"""learning.services.completed_learning_record: a completion reported by an
organisation's learning system becomes a draft with the course's prompts."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from learning.services import (
    COURSE_PROMPTS,
    CompletedLearning,
    completed_learning_record,
)
from portfolio.evidence.models import Entry, EntryState
from portfolio.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _course(**overrides):
    values = {
        "title": "Court skills",
        "completed_on": timezone.localdate(),
        "hours": Decimal("2"),
    }
    return CompletedLearning(**{**values, **overrides})


def test_a_completion_becomes_a_draft_with_the_standard_prompts(
    org_admin, practitioner
):
    entry = completed_learning_record(
        recorded_by=org_admin, person=practitioner, learning=_course()
    )
    assert entry.owner == practitioner and entry.state == EntryState.DRAFT
    assert entry.cpd_type == "course"
    assert entry.reflection_prompts == list(COURSE_PROMPTS)
    assert Notification.objects.filter(recipient=practitioner).exists()


def test_a_learning_pages_questions_become_the_prompts(
    org_admin, practitioner, learning_page
):
    entry = completed_learning_record(
        recorded_by=org_admin,
        person=practitioner,
        learning=_course(page=learning_page.specific),
    )
    assert entry.reflection_prompts == learning_page.specific.reflection_prompts()
    assert entry.source_page_id == learning_page.pk


def test_another_organisations_admin_may_not_record(other_org_admin, practitioner):
    with pytest.raises(PermissionDenied):
        completed_learning_record(
            recorded_by=other_org_admin, person=practitioner, learning=_course()
        )
    assert not Entry.objects.exists()


def test_a_date_before_the_registration_year_is_refused(org_admin, practitioner):
    with pytest.raises(ValidationError) as error:
        completed_learning_record(
            recorded_by=org_admin,
            person=practitioner,
            learning=_course(completed_on=timezone.localdate() - timedelta(days=400)),
        )
    assert "completed_on" in error.value.message_dict
    assert not Entry.objects.exists()


def test_an_item_the_organisation_does_not_map_to_is_refused(
    org_admin, practitioner, other_organisation, shipped_frameworks
):
    from tests.factories.capabilities import DomainFactory, FrameworkFactory

    theirs = DomainFactory(
        framework=FrameworkFactory(owner_organisation=other_organisation)
    )
    with pytest.raises(ValidationError) as error:
        completed_learning_record(
            recorded_by=org_admin,
            person=practitioner,
            learning=_course(item_ids=(theirs.pk,)),
        )
    assert "framework_items" in error.value.message_dict
    assert not Entry.objects.exists()
