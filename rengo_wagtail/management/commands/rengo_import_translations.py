"""``manage.py rengo_import_translations``: bring a translator's file back."""

from pathlib import Path

from django.core.management import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from rengo_wagtail.exchange import importer
from rengo_wagtail.exchange.units import ExchangeError
from rengo_wagtail.management.output import RengoCommand


class Command(RengoCommand):
    help = (
        "Import a file written by rengo_export_translations and translated in a translation "
        "tool (XLIFF 2.0 or PO): each page's translation is created or updated as a draft, "
        "or published with --publish. The whole file is checked first; on any problem "
        "nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and show what would change; change nothing.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish each translation the file translates in full against the current "
            "source (as Publish with translations would); others stay drafts.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import units whose source text changed since export (their pages stay "
            "drafts and outdated).",
        )

    def handle(self, *args, file, dry_run=False, publish=False, force=False, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read “%(file)s”: %(problem)s") % {"file": file, "problem": error.strerror}
            ) from None
        try:
            with transaction.atomic():
                plan = importer.check(data, path.name, force=force)
                importer.apply(plan, publish=publish)
                if dry_run:
                    transaction.set_rollback(True)
        except ExchangeError as error:
            raise CommandError(
                "\n".join(
                    [
                        _("Nothing was imported from “%(file)s”:") % {"file": path.name},
                        *error.problems,
                    ]
                )
            ) from None
        if options["verbosity"] >= 1:
            if dry_run:
                self.stdout.write(_("Dry run: nothing was changed. Importing would do this:"))
            for line in importer.summary(plan):
                self.stdout.write(line)
