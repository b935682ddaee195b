"""The roles a person can hold in an organisation.

A person may hold several at once: most supervisors are practitioners too.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", _("Social worker")
    SUPERVISOR = "supervisor", _("Supervisor or practice educator")
    TRAINING_EDITOR = "training_editor", _("Training team editor")
    TRAINING_REVIEWER = "training_reviewer", _("Training team reviewer")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    SITE_ADMIN = "site_admin", _("Site admin")


#: The User field that records each role an organisation can grant. Site admin
#: is Django's superuser flag and is never granted through the portal.
ROLE_FIELDS = {
    Role.PRACTITIONER: "is_practitioner",
    Role.SUPERVISOR: "is_supervisor",
    Role.TRAINING_EDITOR: "is_training_editor",
    Role.TRAINING_REVIEWER: "is_training_reviewer",
    Role.ORG_ADMIN: "is_org_admin",
}

#: Roles an organisation admin may grant through an invitation.
GRANTABLE_ROLES = tuple(ROLE_FIELDS)
