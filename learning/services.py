"""Writes for learning: reading, recording as CPD, attendance, views, and
completed learning reported by an organisation's learning system."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from capabilities.selectors import mappable_items
from learning.models import ContentView, EventAttendance, ReadMark
from learning.policies import can_record_attendance
from learning.selectors import draft_recorded_from, mapping_choices_for
from portfolio.evidence.models import Entry, MappingChoice
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.evidence.services import EntryOrigin, entry_save
from portfolio.notifications.services import notification_create
from portfolio.people.selectors import people_policy

OTHER_ORGANISATION = "You can only record your own organisation's staff."
ATTENDED = "You attended %(title)s: a draft CPD entry is ready for your reflection."
COMPLETED = "You completed %(title)s: a draft CPD entry is ready for your reflection."
OUTSIDE_YEAR = (
    "The date must be in the current registration year, from %(starts)s to today."
)
NOT_MAPPABLE = "Framework item %(item)s is not one your organisation maps evidence to."
#: What a course from outside the portal asks the person to reflect on.
COURSE_PROMPTS = (
    "What did the course cover, and why was it relevant to your practice?",
    "What did you learn that you did not know before?",
    "How will you use it, and what difference will it make to the people you "
    "work with?",
)


def content_view_record(*, user, page) -> None:
    """Count one view per person, page and day (a repeat is a no-op)."""
    ContentView.objects.bulk_create(
        [ContentView(user=user, page=page, viewed_on=timezone.localdate())],
        ignore_conflicts=True,
    )


def read_mark_set(*, user, page, read: bool) -> None:
    if read:
        ReadMark.objects.get_or_create(user=user, page=page)
    else:
        ReadMark.objects.filter(user=user, page=page).delete()


@transaction.atomic
def page_record_as_cpd(*, user, page, request_url: str = "") -> Entry:
    """A new draft entry filled in from a learning page, or the draft already
    made from it (so a second click, or a double submit, makes no duplicate).

    The draft carries the page's type, title, link, time and framework items,
    with its questions for reflection as prompts; the person writes the rest.
    """
    if not entry_policy().user_has_permission(user, "add"):
        raise PermissionDenied
    existing = draft_recorded_from(user=user, page=page)
    if existing is not None:
        return existing
    return _draft_from_page(user=user, page=page, link=request_url)


def _draft_from_page(*, user, page, link: str, description: str = "") -> Entry:
    return entry_save(
        saved_by=user,
        values={
            "title": page.title[:200],
            "cpd_type": page.cpd_type,
            "activity_date": timezone.localdate(),
            "hours": page.cpd_hours,
            "source_url": link[:500],
            "description": description,
        },
        mappings=mapping_choices_for(user=user, page=page),
        origin=EntryOrigin(
            page=page, reflection_prompts=tuple(page.reflection_prompts())
        ),
    )


@transaction.atomic
def attendance_record(*, event, attendees, recorded_by, event_url: str) -> int:
    """Record that people attended an event; each new attendee gets a draft
    CPD entry and a notification inviting them to reflect on it. Returns how
    many were newly recorded (recording someone twice changes nothing)."""
    if not can_record_attendance(user=recorded_by, event=event):
        raise PermissionDenied
    recorded = 0
    already = set(
        EventAttendance.objects.filter(event=event).values_list(
            "attendee_id", flat=True
        )
    )
    for attendee in attendees:
        if attendee.pk in already:
            continue
        if attendee.organisation_id != recorded_by.organisation_id:
            raise ValidationError(_(OTHER_ORGANISATION))
        entry = _draft_from_page(
            user=attendee,
            page=event,
            link=event_url,
            description=_("I attended this training on %(date)s.")
            % {"date": date_format(timezone.localtime(event.starts_at), "j F Y")},
        )
        EventAttendance.objects.create(
            event=event, attendee=attendee, recorded_by=recorded_by, entry=entry
        )
        notification_create(
            recipient=attendee,
            text=_(ATTENDED) % {"title": event.title},
            link=reverse("portfolio:entry_edit", args=[entry.pk]),
        )
        recorded += 1
    return recorded


@dataclass(frozen=True)
class CompletedLearning:
    """A course or event a learning system says a person completed."""

    title: str
    completed_on: date
    hours: Decimal
    #: Framework item ids the system maps the course to.
    item_ids: tuple[int, ...] = ()
    link: str = ""
    description: str = ""
    #: The portal's own learning page for the course, if it is one: its
    #: questions for reflection become the prompts.
    page: object | None = None
    #: The system's own questions for reflection (used when there is no page).
    prompts: tuple[str, ...] = ()


@transaction.atomic
def completed_learning_record(
    *, recorded_by, person, learning: CompletedLearning
) -> Entry:
    """Turn a completion reported for ``person`` into a draft CPD entry with
    the course's questions for reflection as prompts, and tell the person.

    ``recorded_by`` is who the learning system acts for (the admin who
    registered it): they must manage ``person``'s account in their own
    organisation. The date must fall in the current registration year and
    not in the future; every framework item must be one the person's
    organisation maps to. Completing the entry stays with the person, in the
    portal. Raises PermissionDenied (the caller answers 404) or
    ValidationError; on either nothing is written.
    """
    if not (
        person.is_active
        and person.organisation_id is not None
        and person.organisation_id == recorded_by.organisation_id
        and people_policy().user_has_permission_for_instance(
            recorded_by, "change", person
        )
    ):
        raise PermissionDenied
    today = timezone.localdate()
    year = registration_year_containing(today)
    if not (year.starts <= learning.completed_on <= today):
        raise ValidationError(
            {
                "completed_on": _(OUTSIDE_YEAR)
                % {"starts": date_format(year.starts, "j F Y")}
            }
        )
    items = {
        item.pk: item
        for item in mappable_items(organisation=person.organisation).filter(
            pk__in=learning.item_ids
        )
    }
    missing = [pk for pk in learning.item_ids if pk not in items]
    if missing:
        raise ValidationError(
            {"framework_items": _(NOT_MAPPABLE) % {"item": missing[0]}}
        )
    level = person.target_level or person.career_level
    justification = _("Reported as completed by your organisation's learning system.")
    if learning.page is not None:
        prompts = tuple(learning.page.reflection_prompts())
    else:
        prompts = learning.prompts or tuple(_(prompt) for prompt in COURSE_PROMPTS)
    entry = entry_save(
        saved_by=person,
        values={
            "title": learning.title[:200],
            "cpd_type": "course",
            "activity_date": learning.completed_on,
            "hours": learning.hours,
            "source_url": learning.link[:500],
            "description": learning.description,
        },
        mappings=[
            MappingChoice(items[pk], level, justification)
            for pk in dict.fromkeys(items)
        ],
        origin=EntryOrigin(page=learning.page, reflection_prompts=prompts),
    )
    notification_create(
        recipient=person,
        text=_(COMPLETED) % {"title": learning.title},
        link=reverse("portfolio:entry_edit", args=[entry.pk]),
    )
    return entry
