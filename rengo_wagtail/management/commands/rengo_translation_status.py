"""``manage.py rengo_translation_status``: each page's translation state, for people and for CI."""

import json

from django.core.management import CommandError
from django.utils.translation import gettext as _

from rengo_wagtail import i18n
from rengo_wagtail.management.output import RengoCommand
from rengo_wagtail.translation import state as translation_state


class Command(RengoCommand):
    help = (
        "List the organization index and every organization in the source language with the "
        "state of each translation: missing, draft only, outdated or up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Write the states as JSON on standard output."
        )
        parser.add_argument(
            "--fail-on",
            metavar="STATE",
            help=(
                "Exit with an error when a translation needs work: 'outdated' fails on "
                "outdated, missing and draft-only translations, 'missing' on missing and "
                "draft-only ones."
            ),
        )

    def handle(self, *args, fail_on=None, **options):
        if fail_on is not None and fail_on not in translation_state.FAIL_LEVELS:
            raise CommandError(
                _("--fail-on must be “outdated” or “missing”, not “%(value)s”.")
                % {"value": fail_on}
            )
        rows = translation_state.compute()
        if options["json"]:
            self.stdout.write(json.dumps(as_json(rows), ensure_ascii=False, indent=2))
        else:
            self.write_table(rows)
        if fail_on is not None:
            states = translation_state.FAIL_LEVELS[fail_on]
            failing = [
                translation
                for row in rows
                for translation in row.translations.values()
                if translation.state in states
            ]
            if failing:
                raise CommandError(
                    _("Translations that need work: %(count)s (%(states)s).")
                    % {
                        "count": len(failing),
                        "states": ", ".join(str(state.label) for state in states),
                    }
                )

    def write_table(self, rows):
        languages = i18n.translation_languages()
        header = [_("Page"), _("Type"), _("Source last published"), *languages]
        lines = [
            [
                row.source.title,
                str(row.type_label),
                _date(row.source.last_published_at) or "-",
                *(str(row.translations[language].state_label) for language in languages),
            ]
            for row in rows
        ]
        widths = [
            max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)
        ]
        for line in [header, *lines]:
            self.stdout.write(
                "  ".join(
                    str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)
                ).rstrip()
            )


def _date(value):
    return value.isoformat(timespec="seconds") if value else None


def as_json(rows):
    """The states as plain data: one object per source page."""
    return [
        {
            "id": row.source.pk,
            "title": row.source.title,
            "type": row.source._meta.label_lower,
            "url_path": row.source.url_path,
            "source_last_published_at": _date(row.source.last_published_at),
            "source_live_revision": row.source.live_revision_id,
            "translations": {
                language: {
                    "state": str(translation.state),
                    "page": translation.page.pk if translation.page else None,
                    "published_against_revision": translation.source_revision_id,
                }
                for language, translation in row.translations.items()
            },
        }
        for row in rows
    ]
