"""The career path: readiness for the target level, requests to move up, level
history and the ASYE programme. Above appraisal.

Public face (what other packages may import):

- models (LevelRequest, LevelChange)
- selectors
- services
- urls, views

Private to this package (an import contract in pyproject.toml enforces it):
forms.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
