"""What a leaver within their grace period may do: ask for their portable
portfolio, to download or sent to a personal email address."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from portfolio.exports.services import export_request_portable
from portfolio.people.audit import audit_record
from portfolio.people.leaver_links import leaver_link_person
from portfolio.privacy.selectors import leaver_in_grace

MSG_BAD_EMAIL = "Enter an email address in the correct format, like name@example.com."


@transaction.atomic
def leaver_portfolio_request(*, person, send_to: str = ""):
    """Queue the person's portable portfolio. Only for a leaver within their
    grace period (an active person uses the exports page). Raises
    PermissionDenied, or ValidationError for a malformed address."""
    if not leaver_in_grace(person=person):
        raise PermissionDenied
    if send_to:
        try:
            validate_email(send_to)
        except ValidationError as error:
            raise ValidationError({"send_to": _(MSG_BAD_EMAIL)}) from error
    export = export_request_portable(owner=person, send_to=send_to)
    audit_record(
        action="privacy.leaver_portfolio_requested",
        actor=person,
        subject=person,
        target=export,
        after={"emailed": bool(send_to)},
    )
    return export


@transaction.atomic
def leaver_link_redeem(*, token: str):
    """The leaver an emailed link names, if it is still good and they are
    within their grace period; None otherwise. The caller signs them in,
    which spends the link, in the same transaction (requests are atomic), so
    the row lock taken here holds until then. Recorded in the audit log."""
    person = leaver_link_person(token)
    if person is None:
        return None
    # Two presses at once: the second waits here until the first has signed
    # in (changing ``last_login``, which spends the link), then reads again.
    type(person).objects.select_for_update().filter(pk=person.pk).exists()
    person = leaver_link_person(token)
    if person is None or not leaver_in_grace(person=person):
        return None
    audit_record(
        action="privacy.leaver_link_used",
        actor=person,
        organisation=person.organisation,
        subject=person,
        target=person,
    )
    return person
