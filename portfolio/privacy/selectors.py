"""Reads for personal-data handling: settings with their defaults, legal
holds, leavers' grace, what an import would do, and the register as the
privacy notice shows it."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from wagtail.permissions import policy_registry

from capabilities.models import Framework, Item
from capabilities.selectors import current_version_of
from portfolio.evidence.models import Entry
from portfolio.exports.models import Export, ExportKind, ExportStatus
from portfolio.people.leaver_links import leaver_link_person
from portfolio.people.models import StaffMember
from portfolio.people.selectors import organisation_policy
from portfolio.privacy.models import (
    ErasureRequest,
    ErasureState,
    ImportedItem,
    LegalHold,
    PortableImport,
    PrivacySettings,
    SubjectAccessRequest,
)
from portfolio.privacy.register import BASIS_TEXT, REGISTER, RETENTION_TEXT

#: Used where a person has no organisation (or it has no settings yet).
DEFAULT_SETTINGS = PrivacySettings()


def privacy_settings(*, organisation) -> PrivacySettings:
    """The organisation's settings, or the documented defaults (90 days'
    grace, 6 years for appraisals, supervision and the audit log)."""
    if organisation is None:
        return DEFAULT_SETTINGS
    found = PrivacySettings.objects.filter(organisation=organisation).first()
    return found or PrivacySettings(organisation=organisation)


def legal_hold_active(*, person) -> bool:
    return LegalHold.objects.filter(person=person, lifted_at__isnull=True).exists()


def leaver_grace_ends(*, person):
    """When a deactivated person's grace period ends, or None if they are not
    a leaver (active, or deactivated before deactivation was dated)."""
    if person.is_active or person.deactivated_at is None:
        return None
    settings = privacy_settings(organisation=person.organisation)
    return person.deactivated_at + timedelta(days=settings.leaver_grace_days)


def leaver_in_grace(*, person) -> bool:
    """A deactivated person still within their organisation's grace period:
    they may sign in to take their portable portfolio, and do nothing else."""
    ends = leaver_grace_ends(person=person)
    return ends is not None and timezone.now() < ends


def leaver_link_usable(*, token: str) -> bool:
    """An emailed leaver's link that still works: unspent, for someone in
    their grace period."""
    person = leaver_link_person(token)
    return person is not None and leaver_in_grace(person=person)


@dataclass(frozen=True)
class Resolution:
    item: Item | None
    #: empty when the very item exists here; otherwise what happens instead
    note: str


def portable_item_resolve(*, family: str, version: str, code: str) -> Resolution:
    """The framework item here for one named in a portable portfolio: the same
    item; else its successor in the current version; else the item with the
    same code in this portal's current version of the family; else none."""
    exact = (
        Item.objects.filter(
            framework__family=family, framework__version=version, code=code
        )
        .select_related("framework")
        .first()
    )
    if exact is not None and exact.framework.is_active:
        return Resolution(exact, "")
    if exact is not None:
        successors = current_version_of(exact)
        if successors:
            successor = successors[0]
            return Resolution(
                successor,
                f"{family} {version} {code} is recorded as its successor "
                f"{successor.framework.version} {successor.code}.",
            )
        return Resolution(exact, "")
    current = (
        Framework.objects.filter(family=family, is_active=True)
        .order_by("-version")
        .first()
    )
    if current is not None:
        same = Item.objects.filter(framework=current, code=code).first()
        if same is not None:
            return Resolution(
                same,
                f"{family} {version} is not here: {code} is recorded against "
                f"version {current.version}.",
            )
    return Resolution(None, f"{family} {version} {code} does not exist here: left out.")


def imported_keys(*, owner) -> set[str]:
    return set(
        ImportedItem.objects.filter(owner=owner).values_list("source_key", flat=True)
    )


def entry_already_present(*, owner, title: str, date) -> bool:
    """The same entry (title and date) is already in the portfolio, made here."""
    return (
        Entry.objects.filter(owner=owner, title=title, activity_date=date)
        .filter(imported_from__isnull=True)
        .exists()
    )


def portable_import_list(*, fetched_by):
    """The person's own uploads (nobody else's, whatever their role)."""
    return policy_registry.get_by_type(
        PortableImport
    ).instances_user_has_any_permission_for(fetched_by, ["view"])


def portable_import_get(*, fetched_by, pk: int) -> PortableImport | None:
    return portable_import_list(fetched_by=fetched_by).filter(pk=pk).first()


def imported_items(*, owner):
    return ImportedItem.objects.filter(owner=owner).select_related("entry")


def subject_access_list(*, organisation):
    """The organisation's subject access requests, soonest due first, each
    with ``overdue``."""
    today = timezone.localdate()
    requests = list(SubjectAccessRequest.objects.filter(organisation=organisation))
    for request in requests:
        request.overdue = request.status != request.READY and request.due_on < today
    return requests


@dataclass(frozen=True)
class NoticeRow:
    what: str
    why: str
    kept: str
    how_to_get_it: str


def privacy_notice_rows() -> list[NoticeRow]:
    """What the portal holds about a person, why, for how long and how to ask
    for it: the public entries of the register, as the privacy page shows
    them."""
    return [
        NoticeRow(
            what=entry.what,
            why=str(BASIS_TEXT[entry.basis]),
            kept=str(RETENTION_TEXT[entry.retention]),
            how_to_get_it=entry.exported,
        )
        for entry in REGISTER.values()
        if entry.public
    ]


def people_with_data_in(model, entry, person) -> Q:
    """The rows of ``model`` that are about ``person`` under ``entry``."""
    query = Q()
    for path in entry.whose:
        if path == "self":
            query |= Q(pk=person.pk)
        else:
            query |= Q(**{path: person})
    return query


def leaver_exports(*, person):
    """A leaver's portable portfolios, newest first; none for anyone else."""
    if not leaver_in_grace(person=person):
        return Export.objects.none()
    return Export.objects.filter(owner=person, kind=ExportKind.PORTABLE)


def leaver_export_get(*, person, pk: int) -> Export | None:
    """One of a leaver's portable portfolios that is ready and not expired."""
    return (
        leaver_exports(person=person)
        .filter(pk=pk, status=ExportStatus.READY, expires_at__gt=timezone.now())
        .first()
    )


def _administered_organisation(user):
    if user.organisation_id is None:
        return None
    organisation = user.organisation
    if organisation_policy().user_has_permission_for_instance(
        user, "change", organisation
    ):
        return organisation
    return None


def subject_access_organisation(*, fetched_by):
    """The organisation whose requests ``fetched_by`` handles (its admins)."""
    return _administered_organisation(fetched_by)


def subject_access_get(*, fetched_by, pk: int) -> SubjectAccessRequest | None:
    """A finished request of the organisation ``fetched_by`` administers."""
    return (
        policy_registry.get_by_type(SubjectAccessRequest)
        .instances_user_has_any_permission_for(fetched_by, ["download"])
        .filter(pk=pk, status=SubjectAccessRequest.READY)
        .first()
    )


@dataclass
class PersonPrivacy:
    """What an organisation admin sees and may do about one person's data."""

    person: object
    holds: list
    erasures: list
    held: bool
    can_request_erasure: bool


def person_privacy_get(*, fetched_by, pk: int) -> PersonPrivacy | None:
    """One person of the admin's organisation with their legal holds and
    erasure requests (each with ``can_approve`` for ``fetched_by``), or None
    when missing or not theirs to manage."""
    person = (
        policy_registry.get_by_type(StaffMember)
        .instances_user_has_any_permission_for(fetched_by, ["change"])
        .filter(pk=pk)
        .first()
    )
    if person is None or not fetched_by.is_org_admin:
        return None
    holds = list(LegalHold.objects.filter(person=person, lifted_at__isnull=True))
    erasures = list(ErasureRequest.objects.filter(subject=person))
    for request in erasures:
        request.can_approve = (
            request.state == ErasureState.REQUESTED
            and request.requested_by_id != fetched_by.pk
            and not holds
        )
    return PersonPrivacy(
        person=person,
        holds=holds,
        erasures=erasures,
        held=bool(holds),
        can_request_erasure=not person.is_active
        and not holds
        and not any(e.state == ErasureState.REQUESTED for e in erasures),
    )
