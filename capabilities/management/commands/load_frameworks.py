"""Load the frameworks the portal ships (capabilities/data/manifest.json)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capabilities.importing import FrameworkFileError, decode_upload, parse
from capabilities.services import framework_import

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Load or refresh the shipped capability frameworks and crosswalks."

    def handle(self, *args, **options):
        manifest = json.loads((DATA_DIR / "manifest.json").read_text())
        for name in manifest["files"]:
            path = DATA_DIR / name
            try:
                document = parse(
                    decode_upload(path.read_bytes(), filename=name), filename=name
                )
                summary = framework_import(document=document)
            except FrameworkFileError as error:
                raise CommandError(f"{name}: {error}") from error
            self.stdout.write(f"{name}: {summary}")
