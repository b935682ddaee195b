from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Integration API"

    def ready(self):
        # Registered here, not in wagtail_hooks.py, for the reason
        # portfolio.apps gives: a default policy must never be handed out.
        from api import schema  # noqa: F401 (registers the OpenAPI extension)
        from api.personal_data import register_personal_data
        from api.policies import register_policies

        register_policies()
        register_personal_data()
