"""Writes to appraisals. Every change names the version it started from: two
people editing at once never overwrite each other, the later save is refused
with the other person's change to show."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from capabilities.models import ItemKind
from capabilities.selectors import active_pcf
from portfolio.appraisal.models import (
    Addendum,
    Appraisal,
    AppraisalFeedback,
    AppraisalStage,
    DomainAssessment,
    FeedbackLink,
    FeedbackSource,
    Objective,
)
from portfolio.appraisal.policies import (
    APPRAISER,
    ASSESSMENT_STEP,
    FEEDBACK_STEPS,
    STEP_OWNER,
    SUPERVISEE,
    appraisal_policy,
)
from portfolio.evidence.models import Entry, EntryState
from portfolio.people.link_tokens import link_token_hash, link_token_new
from portfolio.people.selectors import is_current_supervisor

FEEDBACK_LINK_LIFETIME = timedelta(days=14)
STAGE_ORDER = list(AppraisalStage.values)

CHANGED_BY_SOMEONE_ELSE = (
    "Someone else saved this appraisal while you were editing. Their changes "
    "are shown below; yours have not been saved. Check and save again."
)
LOCKED = "This appraisal is signed and locked. Add a dated addendum instead."
NOT_THIS_STAGE = "That step is not open at this stage of the appraisal."
FEEDBACK_LINK_INVALID = (
    "This feedback link is not valid. It may have been used already or have expired."
)
PERIOD_BACKWARDS = "The end of the period must be after its start."


class AppraisalConflict(Exception):
    """A stale save; ``current`` is the appraisal as the other person left it."""

    def __init__(self, current: Appraisal):
        self.current = current
        super().__init__(_(CHANGED_BY_SOMEONE_ELSE))


def _role(user, appraisal) -> str:
    """Which side ``user`` is on; PermissionDenied unless the policy lets them
    work on this appraisal (an appraiser who no longer supervises cannot)."""
    side = appraisal_policy().side_of(user, appraisal)
    if side is None:
        raise PermissionDenied
    return side


def _require_stage(appraisal, *stages):
    if appraisal.locked_at is not None:
        raise ValidationError(_(LOCKED))
    if appraisal.stage not in stages:
        raise ValidationError(_(NOT_THIS_STAGE))


def _evidence_for(appraisal: Appraisal, domain_id: int):
    return (
        Entry.objects.filter(
            owner_id=appraisal.supervisee_id,
            state=EntryState.COMPLETE,
            activity_date__range=(appraisal.period_start, appraisal.period_end),
        )
        .filter(Q(mappings__item_id=domain_id) | Q(mappings__item__parent_id=domain_id))
        .distinct()
    )


def _bump(appraisal: Appraisal, expected_version: int, **fields) -> Appraisal:
    """Write ``fields`` only if nobody saved since ``expected_version``: one
    conditional UPDATE, so the database decides who was first."""
    updated = Appraisal.objects.filter(
        pk=appraisal.pk, version=expected_version, locked_at__isnull=True
    ).update(version=F("version") + 1, updated_at=timezone.now(), **fields)
    current = Appraisal.objects.get(pk=appraisal.pk)
    if not updated:
        raise AppraisalConflict(current)
    return current


@transaction.atomic
def appraisal_start(
    *, appraiser, supervisee, kind: str, period_start: date, period_end: date
) -> Appraisal:
    """A current supervisor starts an appraisal; one assessment row per PCF
    domain is made ready for the self-assessment."""
    if not is_current_supervisor(supervisor=appraiser, supervisee=supervisee):
        raise PermissionDenied
    if period_end <= period_start:
        raise ValidationError({"period_end": _(PERIOD_BACKWARDS)})
    appraisal = Appraisal.objects.create(
        supervisee=supervisee,
        appraiser=appraiser,
        organisation_id=supervisee.organisation_id,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
    )
    pcf = active_pcf()
    if pcf is not None:
        DomainAssessment.objects.bulk_create(
            DomainAssessment(appraisal=appraisal, domain=domain)
            for domain in pcf.items.filter(kind=ItemKind.DOMAIN)
        )
    return appraisal


@transaction.atomic
def assessment_save(
    *, user, appraisal: Appraisal, expected_version: int, ratings: dict
) -> Appraisal:
    """Save ratings and commentary per domain: ``ratings`` maps a domain id to
    ``(rating, commentary, evidence_entries)``. The supervisee writes the
    self-assessment; the appraiser writes their own assessment."""
    role = _role(user, appraisal)
    _require_stage(appraisal, ASSESSMENT_STEP[role])
    current = _bump(appraisal, expected_version)
    prefix = "self" if role == SUPERVISEE else "appraiser"
    for assessment in appraisal.assessments.filter(domain_id__in=ratings):
        rating, commentary, evidence = ratings[assessment.domain_id]
        setattr(assessment, f"{prefix}_rating", rating)
        setattr(assessment, f"{prefix}_commentary", commentary)
        assessment.save()
        if role == SUPERVISEE:
            # The evidence is the practitioner's complete entries in the period
            # mapped to the domain (or one of its statements), unless they chose.
            chosen = evidence
            if chosen is None:
                chosen = _evidence_for(appraisal, assessment.domain_id)
            assessment.evidence.set(
                [e for e in chosen if e.owner_id == appraisal.supervisee_id]
            )
    return current


@transaction.atomic
def stage_advance(*, user, appraisal: Appraisal, expected_version: int) -> Appraisal:
    """Move to the next step: the supervisee closes their self-assessment and
    feedback; the appraiser closes their assessment and the meeting."""
    role = _role(user, appraisal)
    if appraisal.locked_at is not None or STEP_OWNER.get(appraisal.stage) != role:
        raise ValidationError(_(NOT_THIS_STAGE))
    next_stage = STAGE_ORDER[STAGE_ORDER.index(appraisal.stage) + 1]
    return _bump(appraisal, expected_version, stage=next_stage)


@transaction.atomic
def feedback_record(
    *, user, appraisal: Appraisal, source: str, text: str
) -> AppraisalFeedback:
    """The supervisee records feedback they were given."""
    if _role(user, appraisal) != SUPERVISEE:
        raise PermissionDenied
    _require_stage(appraisal, *FEEDBACK_STEPS)
    if source not in FeedbackSource.values or not text.strip():
        raise ValidationError(_("Choose who gave the feedback and write it down."))
    return AppraisalFeedback.objects.create(
        appraisal=appraisal, source=source, text=text
    )


@transaction.atomic
def feedback_link_create(*, user, appraisal: Appraisal, source: str) -> str:
    """A single-use link, valid for 14 days, that asks for feedback without a
    login and shows nothing of the portfolio. Returns the token (shown once)."""
    if _role(user, appraisal) != SUPERVISEE:
        raise PermissionDenied
    _require_stage(appraisal, *FEEDBACK_STEPS)
    token = link_token_new()
    FeedbackLink.objects.create(
        appraisal=appraisal,
        source=source,
        token_hash=link_token_hash(token),
        expires_at=timezone.now() + FEEDBACK_LINK_LIFETIME,
    )
    return token


def feedback_link_get(*, token: str) -> FeedbackLink | None:
    return FeedbackLink.objects.filter(
        token_hash=link_token_hash(token),
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
        appraisal__locked_at__isnull=True,
    ).first()


@transaction.atomic
def feedback_submit(*, token: str, text: str) -> None:
    """Anonymous feedback through a link; the link is then used up."""
    link = (
        FeedbackLink.objects.select_for_update()
        .filter(token_hash=link_token_hash(token))
        .first()
    )
    if (
        link is None
        or link.used_at
        or link.expires_at <= timezone.now()
        or link.appraisal.locked_at
    ):
        raise ValidationError(_(FEEDBACK_LINK_INVALID))
    if not text.strip():
        raise ValidationError({"text": _("Write your feedback before you send it.")})
    AppraisalFeedback.objects.create(
        appraisal=link.appraisal, source=link.source, text=text, via_link=True
    )
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])


@transaction.atomic
def meeting_save(
    *,
    user,
    appraisal: Appraisal,
    expected_version: int,
    strengths: str,
    development_needs: str,
    career_conversation: str,
    objectives: list[dict],
) -> Appraisal:
    """The appraiser records the meeting: strengths, needs, the career
    conversation and the SMART objectives (each with a due date and domains)."""
    if _role(user, appraisal) != APPRAISER:
        raise PermissionDenied
    _require_stage(appraisal, AppraisalStage.MEETING)
    for objective in objectives:
        if not objective.get("text", "").strip() or not objective.get("due_on"):
            raise ValidationError(
                _("Each objective needs a description and a due date.")
            )
    current = _bump(
        appraisal,
        expected_version,
        strengths=strengths,
        development_needs=development_needs,
        career_conversation=career_conversation,
    )
    appraisal.objectives.all().delete()
    for objective in objectives:
        made = Objective.objects.create(
            appraisal=appraisal,
            text=objective["text"],
            due_on=objective["due_on"],
            suggested_learning=objective.get("suggested_learning", ""),
        )
        made.domains.set(objective.get("domains", []))
    return current


@transaction.atomic
def appraisal_sign(*, user, appraisal: Appraisal) -> Appraisal:
    """Each party signs for themselves; with both signatures the appraisal is
    locked. Nobody can sign for the other person."""
    role = _role(user, appraisal)
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    _require_stage(appraisal, AppraisalStage.SIGNING)
    now = timezone.now()
    if role == SUPERVISEE:
        appraisal.supervisee_signed_at = appraisal.supervisee_signed_at or now
    else:
        appraisal.appraiser_signed_at = appraisal.appraiser_signed_at or now
    if appraisal.supervisee_signed_at and appraisal.appraiser_signed_at:
        appraisal.stage = AppraisalStage.SIGNED
        appraisal.locked_at = now
    appraisal.version += 1
    appraisal.save()
    return appraisal


@transaction.atomic
def addendum_add(*, user, appraisal: Appraisal, text: str) -> Addendum:
    """A dated note after signing, by either party."""
    _role(user, appraisal)
    if appraisal.locked_at is None:
        raise ValidationError(
            _("Addenda are for signed appraisals; edit the appraisal instead.")
        )
    if not text.strip():
        raise ValidationError({"text": _("Write the addendum.")})
    return Addendum.objects.create(appraisal=appraisal, author=user, text=text)


@transaction.atomic
def objective_link_evidence(*, owner, objective: Objective, entry) -> Objective:
    """The practitioner links one of their complete entries to an objective of
    their development plan, as evidence that it is being met."""
    if objective.appraisal.supervisee_id != owner.pk or entry.owner_id != owner.pk:
        raise PermissionDenied
    if not entry.is_complete:
        raise ValidationError(_("Link a complete entry."))
    objective.evidence.add(entry)
    return objective
