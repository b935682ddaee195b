"""The appraisal cycle and mid-year review, and the development plan it
produces (a dashboard panel this package registers). Above supervision.

Public face (what other packages may import):

- models (Appraisal, Objective, rating_scale, …)
- selectors (appraisal_get, appraisal_list_for, development_plan, …)
- services
- policies (register_policies)
- plan_panel (register_dashboard_panel)
- urls, views

Everything else here is private to this package.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
