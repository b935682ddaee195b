"""Writing the audit log. Every administrative change (and every read the
organisation must be able to account for) calls ``audit_record`` in the same
transaction as the change, so the log and the change commit or fail together.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from portfolio.people.models import AuditEvent


def _label(obj) -> str:
    return str(obj)[:200] if obj is not None else ""


def audit_record(
    *,
    action: str,
    actor=None,
    actor_label: str = "",
    organisation=None,
    subject=None,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one row. ``actor`` is a user; a system actor (a SCIM token, an
    API client, a scheduled job) passes ``actor_label`` alone. The organisation
    defaults to the actor's, then the subject's."""
    if organisation is None:
        organisation = getattr(actor, "organisation", None) or getattr(
            subject, "organisation", None
        )
    if not actor_label:
        actor_label = (
            (actor.get_full_name() or actor.get_username()) if actor else "System"
        )
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label[:200],
        subject=subject,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=_label(target),
        before=before or {},
        after=after or {},
    )
