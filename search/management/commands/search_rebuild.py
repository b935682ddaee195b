from django.core.management.base import BaseCommand, CommandError

from search.connection import elasticsearch_configured
from search.kinds import all_kinds, get_kind
from search.rebuild import index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search indices from the database into new indices, then "
        "swap the aliases (searches keep working meanwhile)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kinds", nargs="*", help="Kinds to rebuild (default: all), e.g. entry."
        )

    def handle(self, *args, kinds, **options):
        if not elasticsearch_configured():
            raise CommandError("ELASTICSEARCH_URL is not set: there is no index.")
        try:
            chosen = [get_kind(name) for name in kinds] if kinds else all_kinds()
        except KeyError as error:
            raise CommandError(f"Unknown kind {error}.") from error
        for kind in chosen:
            name, loaded = index_rebuild(kind=kind)
            self.stdout.write(f"{kind.name}: {loaded} documents in {name}")
