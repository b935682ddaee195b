"""Django finds the app's models here; each concept keeps its own in a package."""

from portfolio.people.models import (
    Invitation,
    Organisation,
    StaffMember,
    Team,
    User,
)

__all__ = ["Invitation", "Organisation", "StaffMember", "Team", "User"]
