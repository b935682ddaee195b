"""Legal holds and an organisation's privacy settings."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from portfolio.people.audit import audit_record
from portfolio.people.selectors import organisation_policy, people_policy
from portfolio.privacy.models import LegalHold, PrivacySettings


@transaction.atomic
def legal_hold_place(*, placed_by, person, reason: str) -> LegalHold:
    """Stop anything about ``person`` being erased until the hold is lifted.
    Their organisation's admins only. Raises PermissionDenied."""
    if not people_policy().user_has_permission_for_instance(
        placed_by, "change", person
    ):
        raise PermissionDenied
    hold = LegalHold.objects.create(person=person, reason=reason, placed_by=placed_by)
    audit_record(
        action="privacy.legal_hold_placed",
        actor=placed_by,
        subject=person,
        target=hold,
        after={"reason": reason},
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, lifted_by, hold: LegalHold) -> LegalHold:
    if not people_policy().user_has_permission_for_instance(
        lifted_by, "change", hold.person
    ):
        raise PermissionDenied
    hold.lifted_at = timezone.now()
    hold.save(update_fields=["lifted_at"])
    audit_record(
        action="privacy.legal_hold_lifted",
        actor=lifted_by,
        subject=hold.person,
        target=hold,
    )
    return hold


@transaction.atomic
def privacy_settings_update(*, changed_by, organisation, **values) -> PrivacySettings:
    """Change how long leavers keep access and records are kept. The
    organisation's admins only. Raises PermissionDenied."""
    if not organisation_policy().user_has_permission_for_instance(
        changed_by, "change", organisation
    ):
        raise PermissionDenied
    settings, _created = PrivacySettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    before = {name: getattr(settings, name) for name in values}
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    audit_record(
        action="privacy.settings_changed",
        actor=changed_by,
        organisation=organisation,
        target=settings,
        before=before,
        after=values,
    )
    return settings
