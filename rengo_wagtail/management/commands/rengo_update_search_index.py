"""``manage.py rengo_update_search_index``: rebuild the search index of our pages."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backends_with_name

from rengo_wagtail.management.output import RengoCommand
from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage

# Pages indexed per database round trip.
CHUNK_SIZE = 500


class Command(RengoCommand):
    help = (
        "Rebuild the search index entries of every organization index and organization page, "
        "in every language, with their Japanese n-grams. Run it once after upgrading "
        "rengo-wagtail; Wagtail keeps the entries current after that."
    )

    def handle(self, *args, **options):
        for name, backend in get_search_backends_with_name():
            # All or nothing: a failure leaves the index as it was.
            with transaction.atomic():
                counts = [
                    (model, self.index_model(backend, model))
                    for model in (OrganizationIndexPage, OrganizationPage)
                ]
            for model, count in counts:
                self.stdout.write(
                    _("%(backend)s: %(pages)s indexed: %(count)s.")
                    % {"backend": name, "pages": model._meta.verbose_name_plural, "count": count}
                )
        self.stdout.write(_("The search index of rengo-wagtail's pages is up to date."))

    def index_model(self, backend, model):
        pages = model.get_indexed_objects().order_by("pk")
        count = 0
        for start in range(0, pages.count(), CHUNK_SIZE):
            chunk = list(pages[start : start + CHUNK_SIZE])
            backend.add_bulk(model, chunk)
            count += len(chunk)
        return count
