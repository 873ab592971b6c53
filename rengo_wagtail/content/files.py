"""Reading and checking a directory of content files, and writing their canonical form.

A content directory holds ``organizations.json`` (structure and facts, once)
and one ``<language>.json`` per language (that language's text). Everything is
checked before anything is returned: the first problem found is raised as a
``ContentError`` naming the file, the organization and the field, and what to do.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.blocks import RichTextBlock
from wagtail.fields import RichTextField

from ..blocks import OrganizationBodyBlock
from ..escaping import one_line
from ..models import OrganizationIndexPage
from . import schema
from .rich_text import rich_text_problem

STRUCTURE_FILE = "organizations.json"
FORMAT_VERSION = 1


class ContentError(Exception):
    """Content that cannot be installed; the message says where and what to do."""


@dataclass(frozen=True)
class Organization:
    """An organization's language-independent facts, as in ``organizations.json``."""

    key: str
    slug: str
    legal_form: str | None
    founded: str | None
    founded_by_rengo: bool
    website: str | None
    category: str


@dataclass(frozen=True)
class LanguageText:
    """One ``<language>.json``: the index's text and each organization's text by key."""

    language: str
    path: Path
    index: dict
    organizations: dict


@dataclass(frozen=True)
class Content:
    """A checked content directory."""

    directory: Path
    source_language: str
    index_slug: str
    organizations: tuple[Organization, ...]
    texts: dict  # language code → LanguageText, the source language first

    def missing(self, language):
        """Keys of the organizations that ``language`` has no text for, in content order."""
        text = self.texts[language].organizations
        return [org.key for org in self.organizations if org.key not in text]


def shipped_content_dir():
    """The content that ships with the app.

    In an installed wheel it is ``rengo_wagtail/fixtures/``; in a checkout, the
    top-level ``fixtures/``.
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "fixtures", package.parent / "fixtures"):
        if (candidate / STRUCTURE_FILE).is_file():
            return candidate
    return package / "fixtures"


def dumps(data):
    """The canonical text of a content file: what the exporter writes, byte for byte."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_content(directory=None):
    """Read and check a content directory (default: the shipped content)."""
    directory = Path(directory) if directory is not None else shipped_content_dir()
    if not directory.is_dir():
        raise ContentError(
            _("The content directory %(path)s does not exist. Give an existing directory.")
            % {"path": directory}
        )
    structure_path = directory / STRUCTURE_FILE
    if not structure_path.is_file():
        raise ContentError(
            _(
                "%(path)s has no %(file)s. A content directory holds %(file)s and one "
                "<language>.json per language, such as en.json."
            )
            % {"path": directory, "file": STRUCTURE_FILE}
        )
    structure = _read_checked(structure_path, "organizations")
    organizations = tuple(_organization(item) for item in structure["organizations"])
    _check_unique(structure_path, structure, organizations)

    texts = {}
    for path in sorted(directory.glob("*.json")):
        if path.name != STRUCTURE_FILE:
            text = _read_language(path, organizations)
            texts[text.language] = text
    source = structure["source_language"]
    if source not in texts:
        raise ContentError(
            _(
                "%(path)s, field “source_language”: the source language is %(code)s but "
                "there is no %(code)s.json beside it. Add that file or correct the field."
            )
            % {"path": structure_path, "code": source}
        )
    ordered = {source: texts.pop(source), **texts}
    return Content(
        directory=directory,
        source_language=source,
        index_slug=structure["index"]["slug"],
        organizations=organizations,
        texts=ordered,
    )


def _organization(item):
    return Organization(**{name: item[name] for name in Organization.__dataclass_fields__})


def _read_json(path):
    raw = path.read_bytes()
    if not raw.strip():
        raise ContentError(
            _("%(path)s is empty. It should hold one JSON object; see %(schema)s.")
            % {"path": path, "schema": _schema_path(path)}
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(
            _(
                "%(path)s is not UTF-8 text (byte 0x%(byte)02x on line %(line)d). "
                "Save the file with UTF-8 encoding."
            )
            % {
                "path": path,
                "byte": raw[error.start],
                "line": raw[: error.start].count(b"\n") + 1,
            }
        ) from None
    try:
        return json.loads(text, object_pairs_hook=schema.object_pairs_hook)
    except json.JSONDecodeError as error:
        raise ContentError(
            _(
                "%(path)s is not valid JSON: %(reason)s on line %(line)d, column %(column)d. "
                "Correct the syntax there."
            )
            % {"path": path, "reason": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except (RecursionError, ValueError):
        # Valid syntax that Python's parser still refuses: very deep nesting, or an
        # integer of thousands of digits.
        raise ContentError(
            _(
                "%(path)s cannot be read: it nests lists and objects too deeply or holds a "
                "number too long to read. Correct the file."
            )
            % {"path": path}
        ) from None


def _schema_path(path):
    kind = "organizations" if path.name == STRUCTURE_FILE else "language"
    return f"rengo_wagtail/content_schema/{kind}.schema.json"


def _read_checked(path, kind):
    data = _read_json(path)
    error = schema.first_error(kind, data)
    if error:
        raise _located(path, data, *error)
    return data


def _located(path, data, location, problem):
    """A ContentError for the fault at ``location`` (a schema path) in ``data``."""
    location = list(location)
    where = None
    if location[:1] == ["organizations"] and len(location) > 1:
        item = location[1]
        if isinstance(item, int):
            entry = data["organizations"][item]
            key = entry.get("key") if isinstance(entry, dict) else None
            organization = (
                _("organization “%(key)s”") % {"key": key}
                if isinstance(key, str)
                else _("organization number %(number)d") % {"number": item + 1}
            )
        else:
            organization = _("organization “%(key)s”") % {"key": item}
        location = location[2:]
        where = organization
    elif location[:1] == ["index"] and len(location) > 1:
        where = _("the index")
        location = location[1:]
    if location:
        field = _("field “%(field)s”") % {"field": _field_name(location)}
        where = f"{where}, {field}" if where else field
    message = _("%(path)s, %(where)s: %(problem)s") if where else _("%(path)s: %(problem)s")
    # One line whatever the file holds: a key may carry a newline or an escape.
    text = message % {"path": path, "where": where, "problem": problem}
    return ContentError(one_line(text))


def _field_name(location):
    name = str(location[0])
    for part in location[1:]:
        name += f"[{part}]" if isinstance(part, int) else f".{part}"
    return name


def _check_unique(path, data, organizations):
    seen_keys, seen_slugs = {}, {}
    for number, org in enumerate(organizations):
        for field, value, seen in (("key", org.key, seen_keys), ("slug", org.slug, seen_slugs)):
            if value in seen:
                raise _located(
                    path,
                    data,
                    ("organizations", number, field),
                    _(
                        "“%(value)s” is already the %(field)s of organization number "
                        "%(other)d. Give each organization its own %(field)s."
                    )
                    % {"value": value, "field": field, "other": seen[value] + 1},
                )
            seen[value] = number


def _read_language(path, organizations):
    data = _read_checked(path, "language")
    if data["language"] != path.stem:
        raise _located(
            path,
            data,
            ("language",),
            _(
                "says “%(language)s” but the file is named %(name)s. Name the file after "
                "its language (%(language)s.json) or correct the field."
            )
            % {"language": data["language"], "name": path.name},
        )
    _check_index(path, data, data["index"])
    known = {org.key for org in organizations}
    for key, text in data["organizations"].items():
        if key not in known:
            raise _located(
                path,
                data,
                ("organizations", key),
                _(
                    "%(structure)s has no organization with this key. Check its spelling, "
                    "add the organization to %(structure)s first, or remove it here."
                )
                % {"structure": STRUCTURE_FILE},
            )
        _check_body(path, data, key, text["body"])
    return LanguageText(
        language=data["language"],
        path=path,
        index=dict(data["index"]),
        organizations={key: dict(value) for key, value in data["organizations"].items()},
    )


def _check_index(path, data, index):
    """Check the index's rich text fields as the page editor would."""
    for name, value in index.items():
        field = OrganizationIndexPage._meta.get_field(name)
        if isinstance(field, RichTextField):
            problem = rich_text_problem(value, field.features)
            if problem:
                raise _located(path, data, ("index", name), problem)


def _check_body(path, data, key, body):
    """Check each block as the page editor would, such as a heading's length."""
    stream = OrganizationBodyBlock()
    for number, item in enumerate(body):
        block = stream.child_blocks[item["type"]]
        if isinstance(block, RichTextBlock):
            problem = rich_text_problem(item["value"], block.features)
            if problem:
                location = ("organizations", key, "body", number, "value")
                raise _located(path, data, location, problem)
        try:
            block.clean(block.to_python(item["value"]))
        except ValidationError as error:
            raise _located(
                path,
                data,
                ("organizations", key, "body", number, "value"),
                " ".join(error.messages),
            ) from None
