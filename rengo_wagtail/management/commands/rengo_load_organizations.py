"""``manage.py rengo_load_organizations``: install the Related Organizations content."""

from django.core.exceptions import ValidationError
from django.core.management import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from rengo_wagtail.content.files import ContentError, read_content
from rengo_wagtail.content.install import Installer, display_url
from rengo_wagtail.content.locate import default_site_root, find_page
from rengo_wagtail.management.output import RengoCommand


class Command(RengoCommand):
    help = (
        "Create or update the Related Organizations index and its organization pages in "
        "every language of the content, each language a translation of the others. "
        "Safe to run again: pages that differ from the content are only updated with "
        "--update, and pages editors changed only with --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--parent",
            help="Page to install under: a page id, a path such as /en/about-rengo/, or a "
            "full URL. Default: the default Site's root page.",
        )
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="Install only this language (repeatable). Default: every language file.",
        )
        parser.add_argument(
            "--source",
            metavar="DIR",
            help="Read content files from DIR instead of the content shipped with the app.",
        )
        parser.add_argument(
            "--draft", action="store_true", help="Save drafts instead of publishing."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created, updated, skipped or warned about; change nothing.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Bring pages that differ from the content files up to date, except pages "
            "editors changed after they were installed (reported as conflicts).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="With --update: take the content's version of pages editors changed too "
            "(their version stays in the page history).",
        )
        parser.add_argument(
            "--recreate",
            action="append",
            default=[],
            metavar="KEY",
            help="Create the organization KEY again where an editor deleted it (repeatable).",
        )
        parser.add_argument(
            "--adopt",
            action="store_true",
            help="Take over an organization index page at the content's slug that the "
            "installer did not create, keeping its id, URL and history.",
        )

    def handle(self, *args, parent=None, languages=None, source=None, draft=False, **options):
        verbose = options["verbosity"] >= 1
        dry_run = options["dry_run"]
        if dry_run and verbose:
            self.stdout.write(_("Dry run: nothing is written. The command would do this:"))
        try:
            content = read_content(source)
            with transaction.atomic():
                page = find_page(parent) if parent else default_site_root()
                installer = Installer(
                    content,
                    page,
                    languages=languages,
                    draft=draft,
                    write=self.stdout.write if verbose else None,
                    update=options["update"],
                    force=options["force"],
                    recreate=options["recreate"],
                    adopt=options["adopt"],
                )
                installer.check()
                counts = installer.apply()
                if dry_run:
                    transaction.set_rollback(True)
        except ContentError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(
                _("A page could not be saved, so nothing was installed: %(problem)s")
                % {"problem": " ".join(error.messages)}
            ) from None
        if verbose:
            self.report(installer, counts)
            if dry_run:
                self.stdout.write(
                    _("Dry run: nothing was changed. Run again without --dry-run to do this.")
                )

    def report(self, installer, counts):
        for warning in installer.warnings:
            self.stdout.write(self.style.WARNING(_("Warning: %(text)s") % {"text": warning}))
        if installer.to_translate:
            self.stdout.write(
                _("Pages created as aliases to hold the translations; translate them in the admin:")
            )
            for page in installer.to_translate:
                self.stdout.write(
                    f"  {page.locale.language_code}  {display_url(page)}  {page.title}"
                )
        changed = counts["created"] + counts["updated"]
        if not changed and not counts["differs"] and not counts["conflicts"]:
            self.stdout.write(_("Nothing to change: the content is already installed."))
        summary = _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(skipped)d skipped; warnings: %(warnings)d."
        ) % {
            "created": counts["created"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
            "skipped": counts["skipped"],
            "warnings": len(installer.warnings),
        }
        self.stdout.write(self.style.SUCCESS(summary) if changed else summary)
        if counts["differs"] or counts["conflicts"] or counts["adopted"]:
            self.stdout.write(
                _(
                    "Differing from the content (left as they are): %(differs)d; conflicts "
                    "with editors' changes: %(conflicts)d; adopted: %(adopted)d."
                )
                % {
                    "differs": counts["differs"],
                    "conflicts": counts["conflicts"],
                    "adopted": counts["adopted"],
                }
            )
