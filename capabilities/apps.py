from django.apps import AppConfig


class CapabilitiesConfig(AppConfig):
    name = "capabilities"
    verbose_name = "Capability frameworks"

    def ready(self):
        # Registered before anything can ask the registry (see PortfolioConfig).
        from capabilities.policies import register_policies

        register_policies()
        _connect_cache_signals()


def _connect_cache_signals():
    from capabilities.caching import frameworks_changed_on_save_of
    from capabilities.models import (
        Domain,
        DomainGroup,
        Framework,
        Item,
        ItemMapping,
        Level,
        Pathway,
        Statement,
    )

    frameworks_changed_on_save_of(
        Framework, Level, Pathway, Item, Domain, DomainGroup, Statement, ItemMapping
    )
