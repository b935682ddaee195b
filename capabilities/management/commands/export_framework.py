"""Export a framework as JSON (whole) or CSV (levels and items)."""

from django.core.management.base import BaseCommand, CommandError

from capabilities.exporting import framework_to_csv, framework_to_json
from capabilities.models import Framework


class Command(BaseCommand):
    help = "Print a framework as JSON or CSV (the formats import_framework reads)."

    def add_arguments(self, parser):
        parser.add_argument("framework", help="family@version, e.g. pcf@2018")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, framework, format, **options):
        family, _, version = framework.partition("@")
        found = Framework.objects.filter(family=family, version=version).first()
        if found is None:
            raise CommandError(f"There is no framework {framework}.")
        writer = framework_to_json if format == "json" else framework_to_csv
        self.stdout.write(writer(found), ending="")
