"""What each party may do at each step, as the page is told it, and that the
services refuse the same things the page does not offer."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from portfolio.appraisal import services
from portfolio.appraisal.models import AppraisalStage
from portfolio.appraisal.policies import appraisal_actions

pytestmark = pytest.mark.django_db

S, F, A, M, G = (
    AppraisalStage.SELF_ASSESSMENT,
    AppraisalStage.FEEDBACK,
    AppraisalStage.APPRAISER_ASSESSMENT,
    AppraisalStage.MEETING,
    AppraisalStage.SIGNING,
)
#: (stage, side) → the flags that are True; every other flag is False.
OPEN = {
    (S, "supervisee"): {
        "can_edit_self_assessment",
        "can_gather_feedback",
        "can_finish_step",
    },
    (S, "appraiser"): {"can_see_appraiser_assessment"},
    (F, "supervisee"): {"can_gather_feedback", "can_finish_step"},
    (F, "appraiser"): {"can_see_appraiser_assessment"},
    (A, "supervisee"): {"can_see_appraiser_assessment"},
    (A, "appraiser"): {
        "can_see_appraiser_assessment",
        "can_edit_appraiser_assessment",
        "can_finish_step",
    },
    (M, "supervisee"): {"can_see_appraiser_assessment"},
    (M, "appraiser"): {
        "can_see_appraiser_assessment",
        "can_record_meeting",
        "can_finish_step",
    },
    (G, "supervisee"): {"can_see_appraiser_assessment", "can_sign"},
    (G, "appraiser"): {"can_see_appraiser_assessment", "can_sign"},
}
FLAGS = (
    "can_edit_self_assessment",
    "can_edit_appraiser_assessment",
    "can_see_appraiser_assessment",
    "can_gather_feedback",
    "can_record_meeting",
    "can_finish_step",
    "can_sign",
    "can_add_addendum",
    "can_export_pdf",
)


@pytest.mark.parametrize(("stage", "side"), sorted(OPEN))
def test_each_side_is_offered_only_its_own_step(
    appraisal, practitioner, supervisor, stage, side
):
    appraisal.stage = stage
    appraisal.save()
    user = practitioner if side == "supervisee" else supervisor
    actions = appraisal_actions(user=user, appraisal=appraisal)
    assert {flag for flag in FLAGS if getattr(actions, flag)} == OPEN[(stage, side)]


@pytest.mark.parametrize(("stage", "side"), sorted(OPEN))
def test_finishing_a_step_not_offered_is_refused(
    appraisal, practitioner, supervisor, stage, side
):
    appraisal.stage = stage
    appraisal.save()
    user = practitioner if side == "supervisee" else supervisor
    offered = appraisal_actions(user=user, appraisal=appraisal).can_finish_step
    if offered:
        services.stage_advance(
            user=user, appraisal=appraisal, expected_version=appraisal.version
        )
    else:
        with pytest.raises(ValidationError):
            services.stage_advance(
                user=user, appraisal=appraisal, expected_version=appraisal.version
            )


def test_once_signed_only_addenda_and_the_pdf_are_offered(
    signed_appraisal, practitioner
):
    actions = appraisal_actions(user=practitioner, appraisal=signed_appraisal)
    assert {flag for flag in FLAGS if getattr(actions, flag)} == {
        "can_see_appraiser_assessment",
        "can_add_addendum",
        "can_export_pdf",
    }


def test_nothing_is_offered_to_an_appraiser_who_no_longer_supervises(
    appraisal, supervisor, supervision
):
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    actions = appraisal_actions(user=supervisor, appraisal=appraisal)
    assert actions.side is None
    assert not any(getattr(actions, flag) for flag in FLAGS)
