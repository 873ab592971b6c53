"""``manage.py rengo_export_translations``: one language's translation work as one file."""

from pathlib import Path

from django.core.management import CommandError
from django.utils.translation import gettext as _

from rengo_wagtail import i18n
from rengo_wagtail.exchange import po, units, xliff
from rengo_wagtail.management.output import RengoCommand
from rengo_wagtail.translation.state import NEEDS_WORK, State

FORMATS = {"xliff": xliff, "po": po}


def parse_states(value):
    """``--state``'s comma-separated states, checked; ``CommandError`` names a wrong one."""
    states = [state.strip() for state in value.split(",") if state.strip()]
    wrong = [state for state in states if state not in State.values]
    if wrong or not states:
        raise CommandError(
            _("Unknown state “%(state)s”: choose among %(states)s.")
            % {"state": ", ".join(wrong), "states": ", ".join(State.values)}
        )
    return states


class Command(RengoCommand):
    help = (
        "Write every page of the Related Organizations section that needs translating into "
        "one language as one file for a translator or an agency: XLIFF 2.0 or PO, each "
        "translatable text a unit with its source, its current translation where there is "
        "one, and a note saying where it is. Bring the file back with "
        "rengo_import_translations."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", required=True, metavar="CODE", help="The target language, e.g. ja."
        )
        parser.add_argument(
            "--state",
            default=",".join(NEEDS_WORK),
            help="The translation states to include, comma-separated: missing, draft, "
            "outdated, up_to_date. Default: missing,draft,outdated.",
        )
        parser.add_argument(
            "--format", choices=sorted(FORMATS), default="xliff", help="Default: xliff."
        )
        parser.add_argument("--output", required=True, metavar="FILE", help="The file to write.")

    def handle(self, *args, language, state, format, output, **options):
        if language not in i18n.translation_languages():
            raise CommandError(
                _("“%(language)s” is not a language this site translates into (%(languages)s).")
                % {"language": language, "languages": ", ".join(i18n.translation_languages())}
            )
        states = parse_states(state)
        document = units.collect(language, states)
        if not document.pages:
            # An XLIFF file holds at least one unit: write none rather than an invalid one.
            self.stdout.write(
                _(
                    "Nothing to translate into %(language)s in the states %(states)s: no file "
                    "written."
                )
                % {"language": language, "states": ", ".join(states)}
            )
            return
        try:
            Path(output).write_bytes(FORMATS[format].write(document))
        except OSError as error:
            raise CommandError(
                _("Cannot write “%(file)s”: %(problem)s")
                % {"file": output, "problem": error.strerror}
            ) from None
        if options["verbosity"] >= 1:
            self.stdout.write(
                _(
                    "Wrote %(units)s units of %(pages)s pages to translate into %(language)s "
                    "to %(file)s."
                )
                % {
                    "units": len(document.units),
                    "pages": len(document.pages),
                    "language": language,
                    "file": output,
                }
            )
