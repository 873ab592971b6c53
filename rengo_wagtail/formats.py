"""Locale-aware text: founding dates by precision, language names, og:locale codes.

Django's formats cannot say "a year alone" per locale ("1991" / "1991年"), nor
name a language Django does not know, so these come from Babel's CLDR data.
Templates, the API and structured data all take their dates from here.
"""

import datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.dates import format_skeleton
from django.utils import translation
from django.utils.translation import get_language_info, to_locale

# Dates in a language CLDR has no data for are written as in English.
FALLBACK_LANGUAGE = "en"


@lru_cache(maxsize=64)
def _babel_locale(language_code):
    """The Babel ``Locale`` of a Django language code, or ``None`` where CLDR lacks it."""
    try:
        return Locale.parse(to_locale(language_code))
    except (ValueError, UnknownLocaleError):
        return None


def partial_date_iso(year, month=None):
    """ISO 8601 text of a year, or of a year and month: ``"1991"``, ``"1987-12"``."""
    if year is None:
        return ""
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def format_partial_date(year, month=None, language_code=None):
    """A founding date in words, as precise as it is known, in the given or active language.

    ``format_partial_date(1987, 12, "en")`` is ``"December 1987"``, in Japanese
    ``"1987年12月"``; a year alone is ``"1991"`` / ``"1991年"``.
    """
    if year is None:
        return ""
    code = language_code or translation.get_language() or FALLBACK_LANGUAGE
    locale = _babel_locale(code) or _babel_locale(FALLBACK_LANGUAGE)
    date = datetime.date(year, month or 1, 1)
    return format_skeleton("yMMMM" if month else "y", date, locale=locale)


def language_name(language_code):
    """The language's name in that language: "English", "日本語", "粵語".

    Django's own name where Django knows the language, else CLDR's; the code
    itself for a language neither knows.
    """
    try:
        return get_language_info(language_code)["name_local"]
    except KeyError:
        pass
    locale = _babel_locale(language_code)
    name = locale.get_display_name() if locale else None
    if not name:
        return language_code
    return name[:1].upper() + name[1:]


def translated_language_name(language_code):
    """The language's name in the active language: "English", in Japanese "英語".

    CLDR's name (Django calls English "英語(米国)" in Japanese); the
    language's own name (``language_name``) where CLDR has none.
    """
    language = _babel_locale(language_code)
    active = _babel_locale(translation.get_language() or FALLBACK_LANGUAGE)
    name = language.get_display_name(active) if language and active else None
    return name or language_name(language_code)


def og_locale(language_code):
    """The Open Graph locale (``language_TERRITORY``) of a language code.

    A code without a territory gets the one where the language is most likely
    spoken: ``"ja"`` → ``"ja_JP"``, ``"zh-hant"`` → ``"zh_TW"``.
    """
    try:
        language, territory, script, _variant = parse_locale(to_locale(language_code))[:4]
    except ValueError:
        return language_code
    if not territory:
        likely_subtags = get_global("likely_subtags")
        for key in (f"{language}_{script}" if script else None, language):
            if key and key in likely_subtags:
                territory = parse_locale(likely_subtags[key])[1]
                break
    return f"{language}_{territory}" if territory else language
