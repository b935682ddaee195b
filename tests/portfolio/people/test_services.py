import re
from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from portfolio.people import services
from portfolio.people.models import Invitation, User
from portfolio.people.roles import Role
from tests.factories.portfolio import TeamFactory

pytestmark = pytest.mark.django_db


def _invite(invited_by, **overrides):
    arguments = {
        "invited_by": invited_by,
        "email": "New.Person@Example.org",
        "first_name": "Nia",
        "last_name": "Jones",
        "roles": [Role.PRACTITIONER],
        "team": None,
        "accept_url_builder": lambda path: f"https://portal.test{path}",
    }
    arguments.update(overrides)
    return services.staff_member_invite(**arguments)


def _token_from_email() -> str:
    return re.search(r"/invitation/([\w-]+)/", mail.outbox[-1].body).group(1)


def test_invite_creates_an_account_in_the_inviters_organisation(
    org_admin, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = _invite(
            org_admin, team=team, roles=[Role.PRACTITIONER, Role.SUPERVISOR]
        )
    assert person.email == "new.person@example.org"
    assert person.organisation == org_admin.organisation
    assert person.roles == {Role.PRACTITIONER, Role.SUPERVISOR}
    assert not person.has_usable_password()
    assert not EmailAddress.objects.get(user=person).verified
    assert len(mail.outbox) == 1
    assert "https://portal.test/invitation/" in mail.outbox[0].body


def test_only_organisation_admins_may_invite(practitioner, supervisor):
    for user in (practitioner, supervisor):
        with pytest.raises(PermissionDenied):
            _invite(user)
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_invite_refuses_a_team_from_another_organisation(org_admin, other_organisation):
    foreign_team = TeamFactory(organisation=other_organisation)
    with pytest.raises(ValidationError) as error:
        _invite(org_admin, team=foreign_team)
    assert services.TEAM_NOT_IN_ORGANISATION in str(error.value)
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_invite_refuses_an_existing_email(org_admin, practitioner):
    with pytest.raises(ValidationError) as error:
        _invite(org_admin, email=practitioner.email.upper())
    assert services.EMAIL_ALREADY_REGISTERED in str(error.value)


def test_invite_cannot_grant_site_admin(org_admin):
    with pytest.raises(ValidationError):
        _invite(org_admin, roles=[Role.SITE_ADMIN])


def test_accepting_sets_the_password_and_verifies_the_email(
    org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = _invite(org_admin)
    token = _token_from_email()
    services.invitation_accept(token=token, password="a-sound-passphrase-31")
    person.refresh_from_db()
    assert person.check_password("a-sound-passphrase-31")
    assert EmailAddress.objects.get(user=person).verified


def test_an_invitation_works_once(org_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(org_admin)
    token = _token_from_email()
    services.invitation_accept(token=token, password="a-sound-passphrase-31")
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, password="another-passphrase-32")


def test_an_expired_invitation_is_refused(
    org_admin, django_capture_on_commit_callbacks, time_machine
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(org_admin)
    token = _token_from_email()
    time_machine.move_to(
        timezone.now() + services.INVITATION_LIFETIME + timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, password="a-sound-passphrase-31")


def test_the_token_is_not_stored(org_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(org_admin)
    token = _token_from_email()
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_org_admin_deactivates_someone_in_their_organisation(org_admin, practitioner):
    services.staff_member_set_active(
        changed_by=org_admin, member=practitioner, active=False
    )
    practitioner.refresh_from_db()
    assert not practitioner.is_active


def test_nobody_deactivates_someone_in_another_organisation(
    other_org_admin, practitioner
):
    with pytest.raises(PermissionDenied):
        services.staff_member_set_active(
            changed_by=other_org_admin, member=practitioner, active=False
        )


def test_an_admin_cannot_deactivate_themselves(org_admin):
    with pytest.raises(PermissionDenied):
        services.staff_member_set_active(
            changed_by=org_admin, member=org_admin, active=False
        )


def test_org_admin_changes_mfa_requirements_of_their_own_organisation_only(
    org_admin, other_organisation
):
    services.organisation_update_security(
        changed_by=org_admin,
        organisation=org_admin.organisation,
        mfa_required_for_practitioners=True,
    )
    org_admin.organisation.refresh_from_db()
    assert org_admin.organisation.mfa_required_for_practitioners
    with pytest.raises(PermissionDenied):
        services.organisation_update_security(
            changed_by=org_admin,
            organisation=other_organisation,
            mfa_required_for_practitioners=True,
        )
