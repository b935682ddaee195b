"""Reflective models offered on an entry, Schön's among them."""

from django.urls import reverse

import pytest

from portfolio.evidence.reflection import ReflectiveModel, stages_for
from portfolio.evidence.services import entry_save
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def test_schon_offers_reflection_in_and_on_action():
    stages = stages_for(ReflectiveModel.SCHON)
    assert [stage.key for stage in stages] == ["in_action", "on_action"]
    assert str(stages[0].label) == "Reflection-in-action"


def test_an_entry_keeps_its_schon_reflections(practitioner):
    entry = entry_save(
        saved_by=practitioner,
        values={"title": "A tense home visit", "reflective_model": "schon"},
        stages={
            "in_action": "I slowed down when the father raised his voice.",
            "on_action": "Afterwards I read about de-escalation.",
        },
    )
    assert dict(entry.stages.values_list("stage", "text")) == {
        "in_action": "I slowed down when the father raised his voice.",
        "on_action": "Afterwards I read about de-escalation.",
    }


def test_the_entry_form_offers_schon(client, practitioner):
    sign_in(client, practitioner)
    page = client.get(reverse("portfolio:entry_create")).content.decode()
    assert "Schön: reflection-in-action and reflection-on-action" in page
