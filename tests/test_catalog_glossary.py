# ruff: noqa: RUF001  (full-width punctuation is what this module checks)
"""The Japanese catalog keeps its glossary and its punctuation rules (locale/ja/glossary.md).

A failure names the msgid, the translation and the rule it breaks: correct the
translation (or, if the term itself is wrong, the glossary), then run
``make messages`` to compile.
"""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

pytestmark = pytest.mark.checkout

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = REPO / "locale" / "ja" / "glossary.md"
CATALOG = REPO / "locale" / "ja" / "LC_MESSAGES" / "django.po"

# A gettext placeholder: %(name)s, %(count)d, %(model)r.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
# Kana, kanji and the prolonged sound mark.
JAPANESE = "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u4e00-\u9fff"
FULL_WIDTH_PUNCTUATION = "、。「」『』（）〈〉：？！"
# Counters that follow a number directly (rule 5).
COUNTERS = ("件", "団体", "文字", "行目", "列目", "回", "つ", "番目", "年", "月", "個", "ページ目")
NUMBER = r"(?:\d+|%\(\w+\)d|%\((?:count|counter)\)s)"


# --- Reading the glossary and the catalog ---------------------------------------------


def glossary_terms(text):
    """The rows of the glossary's "Terms" table as dictionaries."""
    section = text.split("## Terms", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    terms = []
    for line in rows[2:]:
        cells = dict(
            zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True)
        )
        terms.append(
            {
                "english": [term.strip() for term in cells["English"].split(" / ")],
                "japanese": None if cells["Japanese"] == "—" else cells["Japanese"],
                "not": [word.strip() for word in cells["not"].split(",") if word.strip()],
                "except": [part.strip() for part in cells["except"].split(",") if part.strip()],
            }
        )
    return terms


def pairs(catalog):
    """``(msgid, translation)`` of every translated form of every entry."""
    for message in catalog:
        if not message.id:
            continue
        msgids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for msgid in msgids:
            for string in strings:
                if string:
                    yield msgid, string


def _word(term):
    """A pattern of an English term in a msgid.

    A name in capitals (RENGO) matches as written and not inside another name
    (JTUC-RENGO, RENGO-RIALS); other terms match in any case, as whole words,
    plurals and hyphenated compounds included ("source-language"), but not
    inside code (``locale=ja``, ``source_language``).
    """
    if term.isupper():
        return _ascii_word(term)
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<![\w.=/-]){words}(?:s|d|ed)?(?![\w=])", re.IGNORECASE)


def _ascii_word(word):
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def glossary_errors(catalog, terms):
    errors = []
    for msgid, string in pairs(catalog):
        english = PLACEHOLDER.sub(" ", msgid)
        translation = PLACEHOLDER.sub(" ", string)
        for term in terms:
            text = english
            for fragment in term["except"]:
                text = text.replace(fragment, " ")
            if not any(_word(word).search(text) for word in term["english"]):
                continue
            name = " / ".join(term["english"])
            if term["japanese"] and term["japanese"] not in translation:
                errors.append(f"{msgid!r}: {string!r} lacks {term['japanese']} ({name})")
            for word in term["not"]:
                found = _ascii_word(word).search(translation) if word.isascii() else word in string
                if found:
                    errors.append(f"{msgid!r}: {string!r} says {word}, not the term ({name})")
    return errors


# --- Punctuation -----------------------------------------------------------------------


CODE_TUPLE = re.compile(rf"\([^()（）\n{JAPANESE}]*,[^()（）\n{JAPANESE}]*\)")


def punctuation_errors(string):
    """The punctuation rules of the glossary that ``string`` breaks, as short descriptions."""
    if not re.search(f"[{JAPANESE}{FULL_WIDTH_PUNCTUATION}]", string):
        return []  # not Japanese text: a URL, a code name, "null"
    text = PLACEHOLDER.sub("X", string)
    errors = []
    if re.search(rf"[{JAPANESE}{FULL_WIDTH_PUNCTUATION}][,.?!:;]", text):
        errors.append("half-width , . ? ! : ; after Japanese text (rule 1)")
    if re.search(r"[()]", CODE_TUPLE.sub("", text)):
        errors.append("half-width parentheses outside a code tuple (rule 2)")
    if re.search(rf"\s[{FULL_WIDTH_PUNCTUATION}]|[{FULL_WIDTH_PUNCTUATION}]\s", string):
        errors.append("a space beside full-width punctuation (rule 3)")
    if re.search("[“”‘’]", string):
        errors.append("English quotation marks instead of 「」 (rule 4)")
    counter = "|".join(COUNTERS)
    if re.search(rf"{NUMBER}\s+(?:{counter})|[{JAPANESE}]\s+{NUMBER}(?:{counter})", string):
        errors.append("a space beside a number and its counter (rule 5)")
    return errors


def catalog_punctuation_errors(catalog):
    seen = set()
    errors = []
    for msgid, string in pairs(catalog):
        if string in seen:
            continue
        seen.add(string)
        errors.extend(f"{msgid!r}: {string!r}: {error}" for error in punctuation_errors(string))
    return errors


# --- The tests -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog():
    with CATALOG.open("rb") as fileobj:
        return read_po(fileobj, locale="ja")


@pytest.fixture(scope="module")
def terms():
    return glossary_terms(GLOSSARY.read_text(encoding="utf-8"))


def test_glossary_lists_the_terms_translators_disagreed_on(terms):
    by_term = {" / ".join(term["english"]): term for term in terms}
    assert by_term["source"]["japanese"] == "翻訳元"
    assert by_term["RENGO"]["japanese"] == "連合"
    assert by_term["type"]["japanese"] == "タイプ"
    assert by_term["consumer cooperative federation"]["japanese"] == "消費生活協同組合連合会"


def test_catalog_uses_the_glossary_terms(catalog, terms):
    errors = glossary_errors(catalog, terms)
    assert not errors, "locale/ja breaks its glossary (locale/ja/glossary.md):\n  " + (
        "\n  ".join(errors)
    )


def test_catalog_follows_the_punctuation_rules(catalog):
    errors = catalog_punctuation_errors(catalog)
    assert not errors, "locale/ja breaks its punctuation rules (locale/ja/glossary.md):\n  " + (
        "\n  ".join(errors)
    )


def test_source_has_one_translation_across_the_catalog(catalog):
    # The translation report shows "Source" beside "Source last published":
    # both (and every other mention) say 翻訳元, never 原文.
    sources = {
        string
        for msgid, string in pairs(catalog)
        if _word("source").search(PLACEHOLDER.sub(" ", msgid))
    }
    assert len(sources) >= 10
    assert [string for string in sources if "翻訳元" not in string or "原文" in string] == []


def test_the_glossary_check_catches_mistakes(terms):
    wrong = Catalog(locale="ja")
    wrong.add("Source", "原文")
    wrong.add("Remove RENGO content", "RENGO コンテンツの削除")
    wrong.add("Type", "種類")
    wrong.add(
        "Nothing here can be published by you.", "ここにはあなたが公開できるページがありません。"
    )
    errors = glossary_errors(wrong, terms)
    assert [error.rsplit(" (", 1)[0].split(": ", 1)[1] for error in errors] == [
        "'原文' lacks 翻訳元",
        "'原文' says 原文, not the term",
        "'RENGO コンテンツの削除' lacks 連合",
        "'RENGO コンテンツの削除' says RENGO, not the term",
        "'種類' lacks タイプ",
        "'種類' says 種類, not the term",
        "'ここにはあなたが公開できるページがありません。' says あなた, not the term",
    ]
    # The verb "Type" and names that contain RENGO are not the terms.
    right = Catalog(locale="ja")
    right.add("Type “yes” to continue: ", "続けるには「yes」と入力してください: ")
    right.add("such as RENGO-RIALS", "「RENGO-RIALS」など")
    assert glossary_errors(right, terms) == []


@pytest.mark.parametrize(
    ("string", "rule"),
    [
        ("上記のページを削除しますか? 続けるには", "rule 1"),
        ("ページ ID(正の整数)を指定してください。", "rule 2"),
        ("団体一覧ページが複数あります (%(ids)s)。", "rule 2"),
        ("インストーラーが引き継いだ(--adopt)ページ", "rule 2"),
        ("「%(title)s」 （%(url)s）", "rule 3"),
        ("“%(title)s”を公開", "rule 4"),
        ("%(count)d 件のページを公開しました", "rule 5"),
        ("%(line)d 行目", "rule 5"),
        ("いずれか 1つを指定してください。", "rule 5"),
        ("警告: %(text)s", "rule 1"),
    ],
)
def test_the_punctuation_check_catches_mistakes(string, rule):
    assert any(rule in error for error in punctuation_errors(string)), punctuation_errors(string)


@pytest.mark.parametrize(
    "string",
    [
        'CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS") と設定してください。',
        "WAGTAIL_CONTENT_LANGUAGES と LANGUAGES に (%(code)r, …) を追加してください。",
        "%(path)s: %(problem)s",
        "「%(title)s」（%(url)s）は%(count)s件あります。",
        "https://www.jtuc-rengo.or.jp/",
    ],
)
def test_the_punctuation_check_allows_code_and_correct_japanese(string):
    assert punctuation_errors(string) == []
