"""Supervision: sharing evidence with supervisors, the review queue and its
decisions, and supervision sessions. The relationship itself (who supervises
whom) is people's. Above evidence.

Public face (what other packages may import):

- models (ReviewDecision, ReviewDecisionKind, SupervisionSession, SessionKind)
- selectors (review_queue, supervision_due_list, …)
- services (supervision_start/end, entry_share, review_decide, session_record,
  session_to_entry, …)
- urls, views

Private to this package (an import contract in pyproject.toml enforces it):
forms.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
