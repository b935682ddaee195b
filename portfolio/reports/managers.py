"""Team managers: the supervisors who see a team's reports. Organisation
admins choose them; reads and the write live here, beside the reports they
open up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from portfolio.people.models import Organisation, Team, User

NOT_A_SUPERVISOR = _("Only supervisors in your organisation can manage a team.")


def supervisors_of(*, organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(
        organisation=organisation, is_supervisor=True, is_active=True
    ).order_by("last_name", "first_name", "email")


def team_list_with_managers(*, organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation).prefetch_related(
        Prefetch(
            "managers",
            queryset=User.objects.filter(organisation=organisation).order_by(
                "last_name", "first_name"
            ),
        )
    )


@transaction.atomic
def team_managers_set(*, team: Team, managers, changed_by: User) -> None:
    """Make exactly ``managers`` the team's managers. Each must be an active
    supervisor in the team's organisation; raises ValidationError otherwise.
    ``changed_by`` must be an organisation admin (the view checks the policy)."""
    allowed = set(
        supervisors_of(organisation=team.organisation).values_list("pk", flat=True)
    )
    if any(manager.pk not in allowed for manager in managers):
        raise ValidationError(NOT_A_SUPERVISOR)
    team.managers.set(managers)
