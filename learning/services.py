"""Writes for learning: reading, recording as CPD, attendance, views."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.models import ContentView, EventAttendance, ReadMark
from learning.policies import can_record_attendance
from learning.selectors import draft_recorded_from, mapping_choices_for
from portfolio.evidence.models import Entry
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.services import EntryOrigin, entry_save
from portfolio.notifications.services import notification_create

OTHER_ORGANISATION = "You can only record your own organisation's staff."
ATTENDED = "You attended %(title)s: a draft CPD entry is ready for your reflection."


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
