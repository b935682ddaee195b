from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning content"

    def ready(self):
        from learning.page_views import register_page_context
        from learning.policies import register_policies
        from learning.recommendations_panel import register_dashboard_panel
        from learning.reports import register_reports

        register_policies()
        register_page_context()
        register_dashboard_panel()
        register_reports()
        post_migrate.connect(_ensure_learning_site, sender=self)


def _ensure_learning_site(**kwargs):
    from learning.setup import learning_site_ensure

    learning_site_ensure()
