"""CPD evidence: entries, reflections, mappings, attachments, the
confidentiality check, registration-year readiness and PCF coverage; the
practitioner's dashboard and its panel registry; the audit trail of who other
than the owner opened an item. Above people and notifications.

Public face (what other packages may import):

- models (Entry, EntryState, ReviewState, CPDType, EntryMapping, MappingChoice,
  ReflectionStage, Attachment, AccessEvent, …)
- selectors (entry_list, coverage_heatmap, registration_readiness,
  access_events_for_owner, …)
- services (entry_save, entry_delete, access_record, access_record_item,
  attachment_add and attachment_delete from the private attachments module, …)
- policies (entry_policy, register_policies)
- dashboard_panels (DashboardPanel, dashboard_panel_register: how higher
  packages and apps add to the dashboard)
- registration_year, presentation (view helpers), uploads (safe downloads)
- views (wired by portfolio.urls)

Private to this package (an import contract in pyproject.toml enforces it):
attachments, confidentiality, forms, reflection.

The order between portfolio's sub-packages is in docs/architecture.md.
"""
