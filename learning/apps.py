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
        _connect_home_url_signals()


def _ensure_learning_site(**kwargs):
    from learning.setup import learning_site_ensure

    learning_site_ensure()


def _connect_home_url_signals():
    """The header's cached learning home address is dropped by anything that
    could change it (learning.selectors.learning_home_url)."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    from learning.selectors import learning_home_url_forget

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(learning_home_url_forget, dispatch_uid=f"home-url-{id(signal)}")
    for model in (Page, PageViewRestriction, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                learning_home_url_forget,
                sender=model,
                dispatch_uid=f"home-url-{model.__name__}-{id(signal)}",
            )
