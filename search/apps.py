from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from portfolio.privacy.sources import subject_access_source_register
        from search.connection import connect_setting_changes
        from search.kinds import register
        from search.kinds.entries import EntryKind
        from search.kinds.learning_pages import LearningPageKind
        from search.policies import register_policies
        from search.signals import connect_entry_signals, connect_learning_signals
        from search.subject_access import search_documents_about

        register_policies()
        register(EntryKind())
        register(LearningPageKind())
        connect_entry_signals()
        connect_learning_signals()
        connect_setting_changes()
        # A subject access ZIP includes the index documents about the person.
        subject_access_source_register("search-index", search_documents_about)
