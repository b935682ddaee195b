"""Notifications in the portal and by email: every one a dispatch row first,
delivered by a task, swept if lost. Above people; below everything that
notifies.

Public face (what other packages may import):

- models (Dispatch, DispatchKind, Notification, EmailOptOut)
- selectors
- services (dispatch_record, notification_create, …)
- tasks and enqueue (the durable-job machinery the jobs package replaces)
- urls, views

Private to this package (an import contract in pyproject.toml enforces it):
email, forms.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
