"""Personal data, the top of portfolio's order (it reads every sub-package):
the register of personal data, the portable portfolio's import, subject
access, retention with legal holds, erasure on request, and leavers' grace
period.

Public face (what other packages may import):

- models
- register (the register of personal data; others add to it)
- sources (where apps above portfolio plug in what a subject access ZIP needs)
- policies, selectors, services, tasks
- views, person_views (wired by portfolio.urls)

Private to this package (an import contract in pyproject.toml enforces it):
forms, archive (reading an uploaded ZIP safely).

The order between portfolio's sub-packages is in docs/architecture.md.
"""
