"""Moving up the career path: the practitioner asks, a current supervisor
recommends (or not), an organisation admin decides, and the change is kept."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.career.models import LevelChange, LevelRequest, LevelRequestState
from portfolio.career.policies import OPEN_STATES
from portfolio.notifications.services import notification_create
from portfolio.people.audit import audit_record
from portfolio.people.selectors import (
    current_supervisions,
    is_current_supervisor,
    people_policy,
)

NOT_ABOVE_CURRENT = "Choose a level above the one you are at now."
ALREADY_WAITING = "You already have a request waiting. Withdraw it to make another."
REASON_NEEDED = "Say why you are ready: the evidence and experience behind it."
PATHWAY_NEEDED = "Choose a pathway for the Advanced level."
WRONG_STAGE = "This request is not waiting for that step."


@transaction.atomic
def level_request_create(*, person, level, pathway=None, reason: str) -> LevelRequest:
    """A practitioner asks to move to a higher level. Their current supervisors
    are told. Raises ValidationError."""
    current = person.career_level
    if current is not None and (
        level.framework_id != current.framework_id
        or level.sort_order <= current.sort_order
    ):
        raise ValidationError({"level": _(NOT_ABOVE_CURRENT)})
    if level.pathways.exists() and pathway is None:
        raise ValidationError({"pathway": _(PATHWAY_NEEDED)})
    if pathway is not None and pathway.level_id != level.pk:
        raise ValidationError({"pathway": _(PATHWAY_NEEDED)})
    if not reason.strip():
        raise ValidationError({"reason": _(REASON_NEEDED)})
    if LevelRequest.objects.filter(person=person, state__in=OPEN_STATES).exists():
        raise ValidationError(_(ALREADY_WAITING))
    request = LevelRequest.objects.create(
        person=person, level=level, pathway=pathway, reason=reason
    )
    for supervision in (
        current_supervisions().filter(supervisee=person).select_related("supervisor")
    ):
        notification_create(
            recipient=supervision.supervisor,
            text=_("%(name)s asks to move to %(level)s.")
            % {"name": person, "level": level},
            link=reverse("career:requests"),
        )
    return request


@transaction.atomic
def level_request_recommend(
    *, supervisor, request: LevelRequest, recommend: bool, note: str
) -> LevelRequest:
    """A current supervisor of the person gives their recommendation."""
    request = LevelRequest.objects.select_for_update().get(pk=request.pk)
    if not is_current_supervisor(supervisor=supervisor, supervisee=request.person):
        raise PermissionDenied
    if request.state != LevelRequestState.REQUESTED:
        raise ValidationError(_(WRONG_STAGE))
    request.state = (
        LevelRequestState.RECOMMENDED
        if recommend
        else LevelRequestState.NOT_RECOMMENDED
    )
    request.recommended_by, request.recommendation_note = supervisor, note
    request.recommended_at = timezone.now()
    request.save()
    notification_create(
        recipient=request.person,
        text=_(
            "%(name)s has given a recommendation on your request to move to %(level)s."
        )
        % {"name": supervisor, "level": request.level},
        link=reverse("career:mine"),
    )
    return request


@transaction.atomic
def level_request_decide(
    *, decided_by, request: LevelRequest, approve: bool, note: str = ""
) -> LevelRequest:
    """An organisation admin of the person's organisation approves or declines.
    Approval records the change on the career path. Raises PermissionDenied or
    ValidationError."""
    request = (
        LevelRequest.objects.select_for_update()
        .select_related("person")
        .get(pk=request.pk)
    )
    if not people_policy().user_has_permission_for_instance(
        decided_by, "change", request.person
    ):
        raise PermissionDenied
    if decided_by.pk == request.person_id:
        raise PermissionDenied
    if request.state not in (
        LevelRequestState.RECOMMENDED,
        LevelRequestState.NOT_RECOMMENDED,
    ):
        raise ValidationError(_(WRONG_STAGE))
    request.state = (
        LevelRequestState.APPROVED if approve else LevelRequestState.DECLINED
    )
    request.decided_by, request.decision_note = decided_by, note
    request.decided_at = timezone.now()
    request.save()
    person = request.person
    audit_record(
        action="level.approved" if approve else "level.declined",
        actor=decided_by,
        organisation=person.organisation,
        subject=person,
        target=request,
        before={"level": str(person.career_level or "")},
        after={"requested_level": str(request.level), "note": note},
    )
    if approve:
        LevelChange.objects.create(
            person=person,
            from_level=person.career_level,
            to_level=request.level,
            pathway=request.pathway,
            changed_on=timezone.localdate(),
            recorded_by=decided_by,
            note=note,
        )
        person.career_level, person.career_pathway = request.level, request.pathway
        if person.target_level_id == request.level_id:
            person.target_level = None
        person.save(update_fields=["career_level", "career_pathway", "target_level"])
    notification_create(
        recipient=person,
        text=(
            _("Your move to %(level)s has been approved.")
            if approve
            else _("Your request to move to %(level)s was not approved.")
        )
        % {"level": request.level},
        link=reverse("career:mine"),
    )
    return request


@transaction.atomic
def level_request_withdraw(*, person, request: LevelRequest) -> None:
    if request.person_id != person.pk:
        raise PermissionDenied
    if request.state in OPEN_STATES:
        request.state = LevelRequestState.WITHDRAWN
        request.save(update_fields=["state"])
