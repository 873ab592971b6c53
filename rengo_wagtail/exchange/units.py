"""What a translator translates: each page's text as units, and the text put back together.

The units of a page come from its type's ``translated_fields``
(``rengo_wagtail.declarations``), nothing else: the shared facts are never in
an exchange file. A plain text field is one unit; rich text is one unit per
paragraph or list item (``markup``); a StreamField is walked block by block,
each text it holds a unit (a heading, each paragraph of a rich text block, an
image's caption). Empty text is no unit.

A unit's id is stable from one round to the next, so that a translator's
tool can reuse its memory: the page's translation key, the field, the block
id and the paragraph's block key (``<key>.body.<block id>.<paragraph key>``).
"""

import copy
import enum
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.text import capfirst
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Revision

from .. import i18n
from ..translation import localize
from ..translation import state as translation_state
from ..translation.state import NEEDS_WORK, State
from . import markup

# Between a page and its field, a field and its block, in notes for translators.
SEPARATOR = " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} "


class Kind(enum.Enum):
    TEXT = "text"  # plain text: the file carries it as it is
    HTML = "html"  # a rich text segment: text and placeholders (``markup``)


class Status(enum.Enum):
    """Where a unit stands at export: what the file says to the translator."""

    NEW = "new"  # no translation yet
    TRANSLATED = "translated"  # the current translation follows this source text
    OUTDATED = "outdated"  # translated against other source text: to review


@dataclass
class Unit:
    """One text to translate, where it sits in its page, and its value.

    ``location``: the path to its text within the field's data (``()`` for a
    plain field; block indexes and keys in a StreamField's raw data);
    ``segment``: the paragraph's key within rich text, or None.
    ``source`` (and ``target``, ``previous``) are text for ``Kind.TEXT``,
    tokens for ``Kind.HTML``.
    """

    id: str
    field: str
    label: str
    kind: Kind
    source: object
    location: tuple = ()
    segment: str | None = None
    placeholders: dict = field(default_factory=dict)
    target: object = None
    previous: object = None
    status: Status = Status.NEW

    def where(self, page):
        """Where the unit is, for people: the page title, the field, the block."""
        return f"{page.title}{SEPARATOR}{self.label}"

    @property
    def shape(self):
        # What pairs two pages' units by position when their ids differ.
        return (self.field, self.label, self.kind, len(self.location))


@dataclass
class PageUnits:
    """A source page of ours, its translation in the target language, and its units."""

    source: object
    translation: object
    state: str
    units: list


class ExchangeError(Exception):
    """A file that cannot be imported: ``problems``, one message each, naming the unit."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class ReturnedUnit:
    """A unit as a file brings it back, in the file format's own terms (see its ``decode``)."""

    id: str
    source: object
    target: object
    confirmed: bool  # the translator's tool says the target is done


@dataclass
class ReturnedFile:
    """What a returned file says, before it is checked against this site's pages."""

    format: str
    site: str
    site_name: str
    source_language: str
    target_language: str
    units: list


@dataclass
class Document:
    """What an exchange file holds: one target language's units, page by page."""

    site: str
    site_name: str
    source_language: str
    target_language: str
    pages: list

    @property
    def units(self):
        return [unit for page in self.pages for unit in page.units]


def site_token(secret=None):
    """This site's mark on its exchange files: an HMAC of the site's ``SECRET_KEY``.

    A file exported elsewhere (another site, a copy of this one with its own
    key) carries another mark and is refused.
    """
    return salted_hmac(
        "rengo_wagtail.exchange", "site", secret=secret, algorithm="sha256"
    ).hexdigest()[:32]


def site_tokens():
    """This site's marks: with the current key and with each of ``SECRET_KEY_FALLBACKS``."""
    return {
        site_token(),
        *(site_token(key) for key in getattr(settings, "SECRET_KEY_FALLBACKS", ())),
    }


def page_units(page):
    """The units of ``page`` (specific; any version of it: the live row or a revision)."""
    units = []
    for name in type(page).translated_fields:
        model_field = page._meta.get_field(name)
        prefix = f"{page.translation_key}.{name}"
        label = capfirst(model_field.verbose_name)
        value = getattr(page, name)
        if isinstance(model_field, StreamField):
            _block_units(
                model_field.stream_block, value.get_prep_value(), prefix, label, name, (), units
            )
        elif isinstance(model_field, RichTextField):
            _rich_text_units(value, prefix, label, name, (), units)
        elif value:
            units.append(Unit(prefix, name, label, Kind.TEXT, value))
    return units


def _rich_text_units(html, prefix, label, name, location, units):
    for segment in markup.segments(html):
        units.append(
            Unit(
                f"{prefix}.{segment.key}",
                name,
                label,
                Kind.HTML,
                segment.tokens,
                location,
                segment.key,
                segment.placeholders,
            )
        )


def _block_units(block, raw, prefix, label, name, location, units):
    """The units of one block's raw (JSON) value, depth first."""
    if isinstance(block, blocks.RichTextBlock):
        _rich_text_units(raw, prefix, label, name, location, units)
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        if raw:
            units.append(Unit(prefix, name, label, Kind.TEXT, raw, location))
    elif isinstance(block, blocks.StructBlock):
        for child_name, child in block.child_blocks.items():
            if child_name in raw:
                _block_units(
                    child,
                    raw[child_name],
                    f"{prefix}.{child_name}",
                    f"{label}{SEPARATOR}{capfirst(child.label)}",
                    name,
                    (*location, child_name),
                    units,
                )
    elif isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        for index, item in enumerate(raw or ()):
            child = block.child_block if isinstance(block, blocks.ListBlock) else None
            if isinstance(item, dict) and "value" in item:
                child = child or block.child_blocks.get(item.get("type"))
                item_id, value, path = item.get("id") or str(index), item["value"], "value"
            else:  # a ListBlock's items in the older, plain form
                item_id, value, path = str(index), item, None
            if child is None:
                continue
            item_location = (*location, index, path) if path else (*location, index)
            _block_units(
                child,
                value,
                f"{prefix}.{item_id}",
                f"{label}{SEPARATOR}{capfirst(child.label)}",
                name,
                item_location,
                units,
            )


def paired(units, others):
    """``{unit id: other unit}``: the units of another version of the page paired with ``units``.

    By id; a field whose units have other ids (a translation written by the
    content installer has its own block ids) by position, where both
    versions have the same units in the same order.
    """
    by_id = {unit.id: unit for unit in others}
    pairs = {}
    fields = dict.fromkeys(unit.field for unit in units)
    for name in fields:
        mine = [unit for unit in units if unit.field == name]
        theirs = [unit for unit in others if unit.field == name]
        positional = [u.shape for u in mine] == [u.shape for u in theirs]
        for index, unit in enumerate(mine):
            other = by_id.get(unit.id) or (theirs[index] if positional else None)
            if other is not None:
                pairs[unit.id] = other
    return pairs


def translation_value(unit, other):
    """The text of ``other`` (a unit of a translation) in ``unit``'s terms, or None.

    Rich text whose tags no longer match the source's placeholders has none.
    """
    if other is None or other.kind is not unit.kind:
        return None
    if unit.kind is Kind.TEXT:
        return other.source
    placeholders = merged_placeholders(unit, other)
    try:
        markup.check(other.source, placeholders)
    except markup.MarkupError:
        return None
    return other.source


def merged_placeholders(unit, other):
    """The source's placeholders, with the attributes the translation gives the same ones."""
    placeholders = dict(unit.placeholders)
    if other is not None:
        for ref, theirs in other.placeholders.items():
            if ref in placeholders and placeholders[ref].name == theirs.name:
                placeholders[ref] = theirs
    return placeholders


def field_values(page, units, values, others=None):
    """The translated fields' new values: ``page``'s (the source's) with ``values`` put in.

    ``values``: ``{unit id: text or tokens}``. Only fields with a unit in
    ``values`` are returned; their other units keep the translation's text
    where ``others`` (``paired``) has it, else the source's. The structure
    (paragraphs, blocks, images) is the source's.
    """
    others = others or {}
    changed = {unit.field for unit in units if unit.id in values}
    result = {}
    for name in changed:
        model_field = page._meta.get_field(name)
        value = getattr(page, name)
        is_stream = isinstance(model_field, StreamField)
        data = copy.deepcopy(value.get_prep_value()) if is_stream else value
        segments = {}
        for unit in units:
            if unit.field != name:
                continue
            other = others.get(unit.id)
            new = values.get(unit.id)
            if new is None:
                new = translation_value(unit, other)
            if new is None:
                continue
            if unit.segment is None:
                data = _set(data, unit.location, new)
            else:
                nodes = markup.to_nodes(new, merged_placeholders(unit, other))
                segments.setdefault(unit.location, {})[unit.segment] = nodes
        for location, translated in segments.items():
            data = _set(data, location, markup.rebuild(_get(data, location), translated))
        result[name] = data
    return result


def _get(data, location):
    for key in location:
        data = data[key]
    return data


def _set(data, location, value):
    if not location:
        return value
    _get(data, location[:-1])[location[-1]] = value
    return data


def collect(language, states=NEEDS_WORK):
    """The ``Document`` for translators into ``language``: every page of ours in ``states``.

    States are the report's (``translation.state.compute``, against the live
    source), and the source text is the live source's. Each unit carries the
    current translation's text where there is one (``current_translation``), and
    for an outdated translation whose units changed, the source text it was
    translated from.
    """
    pages = []
    for row in translation_state.compute([language]):
        translation = row.translations[language]
        if translation.state not in states:
            continue
        units = page_units(row.source)
        if not units:
            continue
        page = translation.page.specific if translation.state != State.MISSING else None
        others = {}
        if page is not None:
            others = paired(units, page_units(current_translation(page)))
        outdated = translation.state == State.OUTDATED
        before = _translated_from(page, translation) if outdated else None
        for unit in units:
            _describe_translation(unit, others.get(unit.id), outdated, before)
        pages.append(PageUnits(row.source, page, translation.state, units))
    return Document(
        site=site_token(),
        site_name=getattr(settings, "WAGTAIL_SITE_NAME", ""),
        source_language=i18n.source_language_code(),
        target_language=language,
        pages=pages,
    )


def current_translation(page):
    """The translation ``page`` as its translators left it: wagtail-localize's strings where
    it manages the page (which its editor saves before any revision), else the latest
    revision."""
    return localize.current_translation(page) or page.get_latest_revision_as_object()


def _translated_from(page, translation):
    """``{unit id: unit}`` of the source version an outdated translation was made from, or None."""
    source = localize.synchronised_source(page)
    if source is None and translation.source_revision_id:
        revision = Revision.objects.filter(pk=translation.source_revision_id).first()
        source = revision.as_object() if revision else None
    return None if source is None else {unit.id: unit for unit in page_units(source)}


def _describe_translation(unit, other, outdated, before):
    """Give ``unit`` its current translation and status.

    ``outdated``: whether the page's translation is; ``before``: the units it
    was translated from (``_translated_from``), None where that is not known.
    """
    target = translation_value(unit, other)
    if target == unit.source:
        target = None  # a copy of the source (simple_translation's) is nobody's translation
    unit.target = target
    if target is None:
        unit.status = Status.NEW
        return
    previous = before.get(unit.id) if before is not None else None
    if not outdated:
        unit.status = Status.TRANSLATED
    elif before is None or previous is None or previous.source != unit.source:
        unit.status = Status.OUTDATED
        unit.previous = previous.source if previous is not None else None
    else:
        unit.status = Status.TRANSLATED
