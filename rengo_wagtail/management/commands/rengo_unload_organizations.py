"""``manage.py rengo_unload_organizations``: remove what the content installer created."""

import sys

from django.core.management import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from rengo_wagtail.content.unload import find_removal, removal_lines, unload
from rengo_wagtail.management.output import RengoCommand


class Command(RengoCommand):
    help = (
        "Remove the Related Organizations pages that rengo_load_organizations created, in "
        "every language, and nothing else: pages editors added stay, and so does an index "
        "page with such pages under it. Pages editors have changed since they were installed "
        "stay unless --force. Asks for confirmation unless --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--yes", action="store_true", help="Remove without asking for confirmation."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be removed and kept."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also remove the installer's pages that editors have changed since.",
        )

    def handle(self, *args, yes=False, dry_run=False, force=False, **options):
        with transaction.atomic():
            removal = find_removal(force=force)
            lines = removal_lines(removal, dry_run=dry_run or not yes)
            if not removal.remove:
                self._write_lines(lines)
                if removal.edited:
                    self._write_edited(removal)
                else:
                    self.stdout.write(_("Nothing to remove: the installer created no pages here."))
                return
            if dry_run:
                self._write_lines(lines)
                self.stdout.write(self._summary(removal, removed=False))
                self.stdout.write(_("Dry run: nothing was changed."))
                return
            if not yes:
                if not sys.stdin.isatty():
                    raise CommandError(
                        _(
                            "Not removing anything without confirmation, and there is no "
                            "terminal to ask on. Run again with --yes to confirm, or with "
                            "--dry-run to see what would be removed."
                        )
                    )
                self._write_lines(lines)
                answer = input(_("Remove the pages listed above? Type “yes” to continue: "))
                if answer.strip().lower() not in ("yes", _("yes")):
                    self.stdout.write(_("Cancelled: nothing was changed."))
                    return
                lines = removal_lines(removal)
            self._write_lines(lines)
            unload(removal)
        self.stdout.write(self.style.SUCCESS(self._summary(removal, removed=True)))
        if removal.edited:
            self._write_edited(removal)

    def _write_edited(self, removal):
        self.stdout.write(
            _(
                "Kept %(count)d pages that editors have changed since they were installed. "
                "Run again with --force to remove them too."
            )
            % {"count": len(removal.edited)}
        )

    def _write_lines(self, lines):
        if self.verbosity >= 1:
            for line in lines:
                self.stdout.write(line)

    def _summary(self, removal, removed):
        message = (
            _("Removed: %(removed)d; kept: %(kept)d.")
            if removed
            else _("Would remove: %(removed)d; would keep: %(kept)d.")
        )
        return message % {"removed": len(removal.remove), "kept": len(removal.kept)}

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)
