"""``manage.py rengo_load_organizations``: install the Related Organizations content."""

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from rengo_wagtail.content.files import ContentError, read_content
from rengo_wagtail.content.install import Installer, display_url
from rengo_wagtail.content.locate import default_site_root, find_page


class Command(BaseCommand):
    help = (
        "Create or update the Related Organizations index and its organization pages in "
        "every language of the content, each language a translation of the others. "
        "Safe to run again: pages already up to date, or changed by editors, are left alone."
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

    def handle(self, *args, parent=None, languages=None, source=None, draft=False, **options):
        verbose = options["verbosity"] >= 1
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
                )
                installer.plan()
                counts = installer.apply()
        except ContentError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(
                _("A page could not be saved, so nothing was installed: %(problem)s")
                % {"problem": " ".join(error.messages)}
            ) from None
        if verbose:
            self.report(installer, counts)

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
        if not changed:
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
