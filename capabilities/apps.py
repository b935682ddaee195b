from django.apps import AppConfig


class CapabilitiesConfig(AppConfig):
    name = "capabilities"
    verbose_name = "Capability frameworks"

    def ready(self):
        # Registered before anything can ask the registry (see PortfolioConfig).
        from capabilities.policies import register_policies

        register_policies()
