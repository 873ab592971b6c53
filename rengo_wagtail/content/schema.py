"""Check content files against the JSON Schemas shipped in ``rengo_wagtail/content_schema/``.

The schemas are the one description of the file format, for translators' editors
and for this module alike. Rather than depend on a JSON Schema library, this
implements the handful of keywords they use (``type``, ``enum``, ``properties``,
``required``, ``additionalProperties``, ``propertyNames``, ``items``,
``minLength``, ``maxLength``, ``format`` and local ``$ref``) and words each
failure as a problem with its fix. The formats are our own: ``content-key``,
``slug``, ``language-code``, ``partial-date`` and ``uri``.
"""

import json
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils.translation import gettext as _

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "content_schema"

CONTENT_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
# Characters no database text column takes: NUL (PostgreSQL) and lone surrogates (UTF-8).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The founding years OrganizationPage accepts.
YEARS = range(1800, 2101)


class DuplicateKeysObject(dict):
    """A JSON object that remembers the names it was given more than once."""

    duplicates = ()


def object_pairs_hook(pairs):
    """``json.loads`` hook: keep the last value, as JSON does, but note repeated names."""
    result = DuplicateKeysObject()
    duplicates = []
    for name, value in pairs:
        if name in result:
            duplicates.append(name)
        result[name] = value
    result.duplicates = tuple(duplicates)
    return result


@cache
def load_schema(kind):
    """The schema of a file kind: ``"organizations"`` or ``"language"``."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def first_error(kind, instance):
    """The first way ``instance`` breaks the schema, as ``(path, problem)``; ``None`` if valid.

    ``path`` is a tuple of object names and list indices leading to the fault.
    """
    return next(_check(instance, load_schema(kind), (), load_schema(kind)), None)


def json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_words():
    return {
        "null": _("null"),
        "boolean": _("true or false"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "string": _("a string"),
        "array": _("a list"),
        "object": _("an object"),
    }


def _shown(value):
    return json.dumps(value, ensure_ascii=False)


def _check(value, schema, path, root):
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].removeprefix("#/$defs/")]
    expected = schema.get("type")
    if expected:
        expected = [expected] if isinstance(expected, str) else expected
        if json_type(value) not in expected:
            words = _type_words()
            yield (
                path,
                _("must be %(expected)s, not %(actual)s.")
                % {
                    "expected": _(" or ").join(words[name] for name in expected),
                    "actual": words[json_type(value)],
                },
            )
            return
    if "enum" in schema and not any(
        json_type(value) == json_type(option) and value == option for option in schema["enum"]
    ):
        yield (
            path,
            _("%(value)s is not allowed here; use one of: %(choices)s.")
            % {
                "value": _shown(value),
                "choices": ", ".join(_shown(option) for option in schema["enum"]),
            },
        )
        return
    if isinstance(value, str):
        yield from _check_string(value, schema, path)
    elif isinstance(value, list) and "items" in schema:
        for number, item in enumerate(value):
            yield from _check(item, schema["items"], (*path, number), root)
    elif isinstance(value, dict):
        yield from _check_object(value, schema, path, root)


def _check_string(value, schema, path):
    if UNSTORABLE.search(value):
        yield (
            path,
            _(
                "holds a NUL character or half of a surrogate pair (\\u0000, \\ud800 to "
                "\\udfff), which a database cannot store. Remove it."
            ),
        )
    elif len(value) < schema.get("minLength", 0):
        yield path, _("is empty; give a value.")
    elif len(value) > schema.get("maxLength", len(value)):
        yield (
            path,
            _("is %(length)d characters long; at most %(limit)d fit. Shorten it.")
            % {
                "length": len(value),
                "limit": schema["maxLength"],
            },
        )
    elif "format" in schema:
        problem = FORMATS[schema["format"]](value)
        if problem:
            yield path, problem


def _check_object(value, schema, path, root):
    for name in getattr(value, "duplicates", ()):
        yield (*path, name), _("is given twice in the same object; keep only one.")
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    names_schema = schema.get("propertyNames")
    for name in value:
        if names_schema is not None:
            problem = next(_check(name, names_schema, (*path, name), root), None)
            if problem:
                yield problem
        if name not in properties and extra is False:
            yield (
                (*path, name),
                _(
                    "is not a field of this file format. Remove it or correct its name; "
                    "the fields here are: %(fields)s."
                )
                % {"fields": ", ".join(properties)},
            )
    for name in schema.get("required", ()):
        if name not in value:
            yield (
                (*path, name),
                _("is missing. Add it (see %(schema)s).")
                % {"schema": f"rengo_wagtail/content_schema/{_schema_file(root)}"},
            )
    for name, item in value.items():
        item_schema = properties.get(name, extra if isinstance(extra, dict) else None)
        if item_schema is not None:
            yield from _check(item, item_schema, (*path, name), root)


def _schema_file(root):
    for kind in ("organizations", "language"):
        if load_schema(kind) is root:
            return f"{kind}.schema.json"
    return ""


def _check_content_key(value):
    if not CONTENT_KEY.match(value):
        return _(
            "%(value)s is not a valid key: use lowercase ASCII letters, digits and single "
            "hyphens, such as “rengo-rials”."
        ) % {"value": _shown(value)}
    return None


def _check_slug(value):
    try:
        validate_slug(value)
    except ValidationError:
        return _(
            "%(value)s is not a valid slug: use ASCII letters, digits, hyphens and "
            "underscores, such as “related-organizations”."
        ) % {"value": _shown(value)}
    return None


def _check_language_code(value):
    if not LANGUAGE_CODE.match(value):
        return _("%(value)s is not a language code such as “en” or “ja”.") % {
            "value": _shown(value)
        }
    return None


def _check_partial_date(value):
    match = PARTIAL_DATE.match(value)
    if match and int(match[1]) in YEARS and (match[2] is None or 1 <= int(match[2]) <= 12):
        return None
    return _(
        "%(value)s is not a date of the form YYYY or YYYY-MM (such as “1991” or "
        "“1987-12”) between %(first)d and %(last)d. Correct it, or use null when unknown."
    ) % {"value": _shown(value), "first": YEARS[0], "last": YEARS[-1]}


def _check_uri(value):
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return _(
            "%(value)s is not a full web address. Give one such as “https://www.example.org/”, "
            "or null for none."
        ) % {"value": _shown(value)}
    return None


FORMATS = {
    "content-key": _check_content_key,
    "slug": _check_slug,
    "language-code": _check_language_code,
    "partial-date": _check_partial_date,
    "uri": _check_uri,
}


def split_partial_date(value):
    """Year and month of a partial date: ``"1987-12"`` → ``(1987, 12)``; year alone: month None."""
    if value is None:
        return None, None
    match = PARTIAL_DATE.match(value)
    return int(match[1]), int(match[2]) if match[2] else None
