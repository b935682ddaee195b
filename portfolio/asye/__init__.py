"""The assessed and supported year in employment (ASYE) as assessors run it:
the programme's shape as data, the assessor assigned per newly qualified
social worker, the support plan, reviews with a holistic judgement, the
critical reflection log, the final recommendation and the internal moderation
panel. Above appraisal, below career (the career path shows the outcome).

Public face (what other packages may import):

- models
- selectors
- services
- policies
- urls, views

Private to this package (an import contract in pyproject.toml enforces it):
forms.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
