"""Organisation insight: reports for organisation admins, team managers and the
training team, made of counts and states only (never reflection text).

The highest sub-package of portfolio: nothing in portfolio imports it; learning
adds reports and sections through its registry.

Public face (what other packages may import):

- registry (register_report, register_training_needs_section, Audience, …)
- scope (ReportRequest, report_request_for), tables, charts: what a report
  builder returns and how it is drawn
- models (ReportView), selectors, services, policies, builders
  (register_builtin_reports)
- urls, views

Private to this package (an import contract in pyproject.toml enforces it):
csv_export, forms, managers.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
