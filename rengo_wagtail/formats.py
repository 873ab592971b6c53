"""Locale-aware text: founding dates by precision, language names, og:locale codes.

Django's formats cannot say "a year alone" per locale ("1991" / "1991年"), nor
name a language Django does not know, so these come from Babel's CLDR data.
Templates, the API and structured data all take their dates from here.
"""

import datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_skeleton
from django.utils import translation
from django.utils.translation import get_language_info, to_locale


@lru_cache(maxsize=64)
def _babel_locale(language_code):
    try:
        return Locale.parse(to_locale(language_code))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def _current(language_code):
    return _babel_locale(language_code or translation.get_language() or "en")


def partial_date_iso(year, month=None):
    """ISO 8601 text of a year, or of a year and month: ``"1991"``, ``"1987-12"``."""
    if year is None:
        return ""
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def format_partial_date(year, month=None, language_code=None):
    """A founding date in words, as precise as it is known.

    ``format_partial_date(1987, 12, "en")`` is ``"December 1987"``, in Japanese
    ``"1987年12月"``; a year alone is ``"1991"`` / ``"1991年"``.
    """
    if year is None:
        return ""
    locale = _current(language_code)
    date = datetime.date(year, month or 1, 1)
    return format_skeleton("yMMMM" if month else "y", date, locale=locale)


def language_name(language_code):
    """The language's name in that language ("English", "日本語")."""
    try:
        return get_language_info(language_code)["name_local"]
    except KeyError:
        name = _babel_locale(language_code).get_display_name()
        return name[:1].upper() + name[1:]


def og_locale(language_code):
    """The Open Graph locale (``language_TERRITORY``) of a language code."""
    locale = _babel_locale(language_code)
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags").get(locale.language, "")
    territory = likely.split("_")[-1] if likely.count("_") else ""
    return f"{locale.language}_{territory}" if territory else locale.language
