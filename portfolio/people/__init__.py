"""People: organisations, teams, accounts and roles, invitations, and who
supervises whom (the relationship every other part of portfolio follows). The
lowest sub-package of portfolio: it imports none of the others.

Public face (what other packages may import):

- models (Organisation, Team, User, StaffMember, Invitation, Supervision, AuditEvent)
- audit (audit_record: append one row to the audit log)
- mfa_audit (mfa_audit_connect: authenticators added or removed, in the log)
- roles (Role, the role flags)
- selectors (people_policy, user_requires_mfa, current_supervisions,
  current_supervisions_of, supervisee_ids_of, is_current_supervisor, …)
- services (invitations, activation, career levels)
- policies (register_policies)
- groups (role_groups_ensure, staff_member_sync_groups)
- views (wired by portfolio.urls)

Private to this package (an import contract in pyproject.toml enforces it):
account_forms (allauth's forms, named in settings), forms.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
