"""Import a framework (JSON), a crosswalk (JSON) or levels and items (CSV)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capabilities.importing import FrameworkFileError, decode_upload, parse
from capabilities.models import Framework
from capabilities.services import framework_import


class Command(BaseCommand):
    help = "Import a framework file. Checked in full first; a bad file changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--framework",
            help="family@version to load a CSV file into, e.g. pcf@2018.",
        )
        parser.add_argument(
            "--organisation-id",
            type=int,
            help="Make the imported framework or mappings local to this organisation.",
        )

    def handle(self, *args, path, framework=None, organisation_id=None, **options):
        target = None
        if framework:
            family, _, version = framework.partition("@")
            target = Framework.objects.filter(family=family, version=version).first()
            if target is None:
                raise CommandError(f"There is no framework {framework}.")
        try:
            document = parse(
                decode_upload(path.read_bytes(), filename=path.name), filename=path.name
            )
            summary = framework_import(
                document=document, target=target, owner_organisation_id=organisation_id
            )
        except FrameworkFileError as error:
            raise CommandError("\n".join(str(p) for p in error.problems)) from error
        self.stdout.write(self.style.SUCCESS(f"{path.name}: {summary}"))
