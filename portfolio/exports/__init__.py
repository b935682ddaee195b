"""Exports: a practitioner's portfolio as PDF or ZIP, and PDFs of signed
appraisals, recorded first and built by a task. Above career.

Public face (what other packages may import):

- models (Export, ExportKind)
- portable (the portable portfolio's writer, format constants and JSON Schema)
- selectors
- services
- tasks (the durable-job machinery the jobs package replaces)
- views (wired by portfolio.urls, including asking for an appraisal's PDF)

Private to this package (an import contract in pyproject.toml enforces it):
forms, rendering, leap2a (written into the portable ZIP).

The order between portfolio's sub-packages is in docs/architecture.md.
"""
