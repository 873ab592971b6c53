"""``manage.py rengo_export_organizations``: write the pages back out as content files."""

from django.core.management import CommandError
from django.utils.translation import gettext as _

from rengo_wagtail.content.export import export_content, find_index
from rengo_wagtail.content.files import ContentError
from rengo_wagtail.management.output import RengoCommand


class Command(RengoCommand):
    help = (
        "Write the Related Organizations pages, in every language, as content files in the "
        "format rengo_load_organizations reads: organizations.json and one <language>.json "
        "per language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="DIR", help="Directory to write.")
        parser.add_argument(
            "--index",
            help="The index page to export (id, path or URL) where the site has several.",
        )

    def handle(self, *args, output, index=None, **options):
        try:
            files, warnings = export_content(find_index(index), output)
        except ContentError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(
                _("Cannot write to %(path)s: %(problem)s. Choose another --output directory.")
                % {"path": output, "problem": error.strerror or error}
            ) from None
        if options["verbosity"] >= 1:
            for warning in warnings:
                self.stdout.write(self.style.WARNING(_("Warning: %(text)s") % {"text": warning}))
            for path in files:
                self.stdout.write(_("Wrote %(path)s") % {"path": path})
