"""Who may see and work on an appraisal: the supervisee, and the appraiser
while they still supervise them. Nobody else, whatever their role.

Which side writes at each step is written here once: the services refuse a
write out of turn with these rules, and ``appraisal_actions`` hands the page
what the viewer may do now, so no template compares stage names.
"""

from dataclasses import dataclass

from django.db.models import Q

from wagtail.permissions import policy_registry

from capabilities.policies import FilteredPermissionPolicy
from portfolio.appraisal.models import Addendum, Appraisal, AppraisalStage
from portfolio.people.selectors import supervisee_ids_of

#: ``export`` (a PDF once signed) goes with ``view``: whoever sees it may print it.
ACTIONS = frozenset({"view", "change", "sign", "export"})

SUPERVISEE, APPRAISER = "supervisee", "appraiser"
#: The side that closes each open step (and writes in it).
STEP_OWNER = {
    AppraisalStage.SELF_ASSESSMENT: SUPERVISEE,
    AppraisalStage.FEEDBACK: SUPERVISEE,
    AppraisalStage.APPRAISER_ASSESSMENT: APPRAISER,
    AppraisalStage.MEETING: APPRAISER,
}
#: The step in which each side writes their assessment.
ASSESSMENT_STEP = {
    SUPERVISEE: AppraisalStage.SELF_ASSESSMENT,
    APPRAISER: AppraisalStage.APPRAISER_ASSESSMENT,
}
#: Steps in which the supervisee gathers feedback.
FEEDBACK_STEPS = (AppraisalStage.SELF_ASSESSMENT, AppraisalStage.FEEDBACK)
#: Until these steps are over the supervisee does not see the appraiser's view.
BEFORE_APPRAISER_SHOWN = FEEDBACK_STEPS


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


class AppraisalPermissionPolicy(FilteredPermissionPolicy):
    def user_has_permission(self, user, action):
        return _active(user) and action in ACTIONS

    def instances_user_has_any_permission_for(self, user, actions):
        if not _active(user) or not set(actions) & ACTIONS:
            return Appraisal.objects.none()
        return Appraisal.objects.filter(
            Q(supervisee=user)
            | Q(appraiser=user, supervisee_id__in=supervisee_ids_of(user))
        )

    def side_of(self, user, appraisal) -> str | None:
        """``supervisee`` or ``appraiser`` for someone who may work on the
        appraisal now; None for anyone else (an appraiser who no longer
        supervises included)."""
        if user.pk == appraisal.supervisee_id:
            # The supervisee's own appraisal is always theirs (the first
            # branch of the filter above), so no query is needed to say so.
            return SUPERVISEE if self.user_has_permission(user, "change") else None
        if user.pk != appraisal.appraiser_id:
            return None
        if getattr(appraisal, "appraiser_supervising_since", None) is not None:
            # Fetched in this request by the appraiser, who supervises the
            # supervisee now (appraisal_get): that is the filter's second
            # branch, already answered.
            return APPRAISER if self.user_has_permission(user, "change") else None
        if self.user_has_permission_for_instance(user, "change", appraisal):
            return APPRAISER
        return None


class AddendumPermissionPolicy(FilteredPermissionPolicy):
    """Addenda go with their appraisal: its parties read them, and either adds
    one once it is signed."""

    def user_has_permission(self, user, action):
        return _active(user) and action in ("view", "add")

    def instances_user_has_any_permission_for(self, user, actions):
        if not _active(user) or "view" not in actions:
            return Addendum.objects.none()
        appraisals = appraisal_policy().instances_user_has_any_permission_for(
            user, ["view"]
        )
        return Addendum.objects.filter(appraisal__in=appraisals)


@dataclass(frozen=True)
class AppraisalActions:
    """What the viewer may do on the appraisal page now."""

    side: str | None = None
    can_edit_self_assessment: bool = False
    can_edit_appraiser_assessment: bool = False
    #: The appraiser's ratings are shown to the supervisee only after feedback.
    can_see_appraiser_assessment: bool = False
    can_gather_feedback: bool = False
    can_record_meeting: bool = False
    can_finish_step: bool = False
    can_sign: bool = False
    can_add_addendum: bool = False
    can_export_pdf: bool = False

    @property
    def can_save_assessment(self) -> bool:
        return self.can_edit_self_assessment or self.can_edit_appraiser_assessment


def appraisal_actions(*, user, appraisal: Appraisal) -> AppraisalActions:
    side = appraisal_policy().side_of(user, appraisal)
    if side is None:
        return AppraisalActions()
    locked = appraisal.locked_at is not None
    stage = appraisal.stage
    return AppraisalActions(
        side=side,
        can_edit_self_assessment=not locked
        and side == SUPERVISEE
        and stage == ASSESSMENT_STEP[SUPERVISEE],
        can_edit_appraiser_assessment=not locked
        and side == APPRAISER
        and stage == ASSESSMENT_STEP[APPRAISER],
        can_see_appraiser_assessment=side == APPRAISER
        or stage not in BEFORE_APPRAISER_SHOWN,
        can_gather_feedback=not locked
        and side == SUPERVISEE
        and stage in FEEDBACK_STEPS,
        can_record_meeting=not locked
        and side == APPRAISER
        and stage == AppraisalStage.MEETING,
        can_finish_step=not locked and STEP_OWNER.get(stage) == side,
        can_sign=not locked and stage == AppraisalStage.SIGNING,
        can_add_addendum=locked,
        can_export_pdf=locked,
    )


def appraisal_policy() -> AppraisalPermissionPolicy:
    return policy_registry.get_by_type(Appraisal)


def register_policies() -> None:
    if policy_registry.get_by_type(Appraisal, fallback=False) is None:
        policy_registry.register(Appraisal, AppraisalPermissionPolicy(Appraisal))
    if policy_registry.get_by_type(Addendum, fallback=False) is None:
        policy_registry.register(Addendum, AddendumPermissionPolicy(Addendum))
