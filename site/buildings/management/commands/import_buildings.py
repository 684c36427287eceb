"""`manage.py import_buildings FILE.geojson [--draft]`: update building footprints from GeoJSON.

Prints what it updated and left alone; on any fault, names each feature and
fault, changes nothing and exits non-zero. Messages are in the active
language (the site's default, Russian, unless one is activated).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from buildings.importer import format_report, import_buildings


class Command(BaseCommand):
    help = (
        "Update building footprints from a GeoJSON FeatureCollection whose features name buildings by slug "
        "(id or properties.slug). Publishes the new geometry, or saves drafts with --draft. "
        "Any fault changes nothing and exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="GeoJSON file (RFC 7946: WGS 84 longitude, latitude)")
        parser.add_argument("--draft", action="store_true", help="save drafts for review instead of publishing")

    def handle(self, *args, file, draft, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror or error}
            ) from error
        report = import_buildings(data, publish=not draft)
        summary, *details = format_report(report)
        if not report.ok:
            for line in details:
                self.stderr.write(line)
            raise CommandError(summary)
        self.stdout.write(summary)
        for line in details:
            self.stdout.write(line)
