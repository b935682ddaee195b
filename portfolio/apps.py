from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio"

    def ready(self):
        # Policies are registered here rather than in wagtail_hooks.py: Wagtail
        # loads hook modules lazily, and a selector that asks the registry
        # before then would be handed a default policy that is too permissive.
        from portfolio.appraisal.plan_panel import register_dashboard_panel
        from portfolio.appraisal.policies import register_policies as appraisal
        from portfolio.asye.policies import register_policies as asye
        from portfolio.career.policies import register_policies as career
        from portfolio.evidence.policies import register_policies as evidence
        from portfolio.exports.policies import register_policies as exports
        from portfolio.identity.policies import register_policies as identity
        from portfolio.notifications.policies import register_policies as notices
        from portfolio.people.mfa_audit import mfa_audit_connect
        from portfolio.people.policies import register_policies as people
        from portfolio.privacy.policies import register_policies as privacy
        from portfolio.reports.builders import register_builtin_reports
        from portfolio.reports.policies import register_policies as reports
        from portfolio.supervision.policies import register_policies as supervision

        # One policy per model a person can reach (tests/portal/test_policies.py).
        people()
        mfa_audit_connect()
        identity()
        notices()
        evidence()
        supervision()
        appraisal()
        asye()
        career()
        exports()
        reports()
        privacy()
        register_builtin_reports()
        # After learning's suggestions (learning is installed first), as the
        # dashboard has always shown them.
        register_dashboard_panel()
        post_migrate.connect(_ensure_shipped_rows, sender=self)
        _connect_freshness_signals()


def _ensure_shipped_rows(**kwargs):
    from portfolio.asye.services import programmes_ensure
    from portfolio.people.groups import role_groups_ensure

    role_groups_ensure()
    # Shipped data rows a flush (between browser tests) would otherwise lose.
    programmes_ensure()


def _connect_freshness_signals():
    """Cached per-person reads are dropped by every write they depend on
    (portfolio.evidence.freshness); the frameworks' own rows are watched by
    capabilities, an organisation's settings here."""
    from capabilities.caching import frameworks_changed_on_save_of
    from portfolio.evidence.freshness import connect_entry_signals
    from portfolio.evidence.models import EntryMapping, ReflectionStage
    from portfolio.people.models import Organisation
    from portfolio.reports.services import summaries_connect
    from portfolio.supervision.models import ReviewDecision

    connect_entry_signals(EntryMapping, ReflectionStage, ReviewDecision)
    # Database search's kept text documents follow the same writes.
    from portfolio.evidence.search_document import connect_search_document_signals

    connect_search_document_signals()
    # The reports' yearly summaries follow the same writes.
    summaries_connect()
    frameworks_changed_on_save_of(Organisation)
