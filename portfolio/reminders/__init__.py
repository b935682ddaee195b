"""Reminders: the daily plan that records every reminder due as a
notification dispatch. Above exports.

Public face (what other packages may import):

- selectors
- services (reminders_plan)
- tasks (wired by portfolio.tasks)

Everything else here is private to this package.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
