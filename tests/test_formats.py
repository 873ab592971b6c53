"""Founding dates, language names and Open Graph locales, per language."""

import pytest
from django.utils import translation

from rengo_wagtail.formats import format_partial_date, language_name, og_locale, partial_date_iso


@pytest.mark.parametrize(
    ("year", "month", "language", "expected"),
    [
        (1987, 12, "en", "December 1987"),
        (1987, 12, "ja", "1987年12月"),
        (1991, None, "en", "1991"),
        (1991, None, "ja", "1991年"),
        (1987, 12, "en-gb", "December 1987"),
        (1987, 12, "de", "Dezember 1987"),
        (1987, 12, "ko", "1987년 12월"),
        (1987, 12, "zh-hant", "1987年12月"),
        (1989, 1, "ja", "1989年1月"),
    ],
)
def test_founding_date_in_words(year, month, language, expected):
    assert format_partial_date(year, month, language) == expected


def test_founding_date_follows_the_active_language():
    with translation.override("ja"):
        assert format_partial_date(1987, 12) == "1987年12月"
    with translation.override("en"):
        assert format_partial_date(1991) == "1991"


def test_unknown_founding_date_is_empty():
    assert format_partial_date(None, None, "ja") == ""
    assert partial_date_iso(None) == ""


def test_founding_date_in_a_language_without_cldr_data_is_written_in_english():
    assert format_partial_date(1987, 12, "xx") == "December 1987"


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(1987, 12, "1987-12"), (1991, None, "1991"), (1991, 3, "1991-03"), (987, 1, "0987-01")],
)
def test_founding_date_in_iso_8601(year, month, expected):
    assert partial_date_iso(year, month) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "English"),
        ("ja", "日本語"),
        ("fr", "français"),  # Django's own name, as Django writes it
        ("gsw", "Schwiizertüütsch"),  # unknown to Django: CLDR names it
        ("yue", "粵語"),
        ("xx", "xx"),  # unknown to both: the code
    ],
)
def test_language_named_in_its_own_language(code, expected):
    assert language_name(code) == expected


def test_language_name_does_not_depend_on_the_active_language():
    with translation.override("ja"):
        assert language_name("en") == "English"
    with translation.override("en"):
        assert language_name("ja") == "日本語"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en_US"),
        ("ja", "ja_JP"),
        ("en-gb", "en_GB"),
        ("pt", "pt_BR"),
        ("pt-br", "pt_BR"),
        ("zh-hans", "zh_CN"),
        ("zh-hant", "zh_TW"),
        ("xx", "xx"),
    ],
)
def test_open_graph_locale(code, expected):
    assert og_locale(code) == expected
