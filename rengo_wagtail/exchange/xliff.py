"""Exchange files as XLIFF 2.0 (OASIS), the format CAT tools read and write.

One ``<file>`` per page (its id the page's translation key, ``original`` its
path), one ``<unit>`` per unit with one ``<segment>``: ``state="translated"``
with the current translation as ``<target>``, or ``state="initial"`` for new
text and for a translation to review (its previous source text in a
``<note category="previous-source">``). Rich text's inline tags are ``<pc>``
and ``<ph>`` codes that tools protect, named like the placeholders
(``markup``). What rengo-wagtail needs back (the site's mark) is an attribute
in its own namespace on ``<xliff>``, as the standard allows for extensions.

Reading is strict: no DTD or entity (``defusedxml``), the XLIFF 2 namespace,
and every unit's id, source and target where the standard puts them. A unit
the tool split into several segments is joined again. A target counts as done
when its segments' ``state`` is past ``initial``.
"""

import re
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import markup
from .units import ExchangeError, Kind, ReturnedFile, ReturnedUnit, Status

NS = "urn:oasis:names:tc:xliff:document:2.0"
EXTENSION_NS = "urn:rengo-wagtail:exchange:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VERSIONS = ("2.0", "2.1")
CONTENT_TYPE = "application/xliff+xml"
EXTENSION = "xlf"

# XLIFF as the standard's examples and the tools write it: its namespace the default one.
ElementTree.register_namespace("", NS)
ElementTree.register_namespace("rengo", EXTENSION_NS)

# How the standard's inline codes name our elements (XLIFF 2.0, 4.3.1.39-40).
CODE_TYPES = {
    "b": ("fmt", "xlf:b"),
    "strong": ("fmt", "xlf:b"),
    "i": ("fmt", "xlf:i"),
    "em": ("fmt", "xlf:i"),
    "u": ("fmt", "xlf:u"),
    "br": ("fmt", "xlf:lb"),
    "a": ("link", None),
}

# Structural elements: indented for people reading the file; the content of
# <source>, <target> and <note> is never touched.
STRUCTURE = {"xliff", "file", "notes", "unit", "segment"}


def _q(name, namespace=NS):
    return f"{{{namespace}}}{name}"


def _local(tag):
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def write(document):
    """``document`` (``units.Document``) as XLIFF 2.0, UTF-8 bytes."""
    root = ElementTree.Element(
        _q("xliff"),
        {
            "version": "2.0",
            "srcLang": document.source_language,
            "trgLang": document.target_language,
            _q("site", EXTENSION_NS): document.site,
            _q("siteName", EXTENSION_NS): document.site_name,
        },
    )
    for page in document.pages:
        source = page.source
        file = ElementTree.SubElement(
            root,
            _q("file"),
            {
                "id": str(source.translation_key),
                "original": source.url_path,
                "canResegment": "no",
                _q("space", XML_NS): "preserve",
            },
        )
        notes = ElementTree.SubElement(file, _q("notes"))
        _note(notes, "page", f"{capfirst(source._meta.verbose_name)}: {source.title}")
        for unit in page.units:
            _write_unit(file, source, unit)
    _indent(root)
    data = ElementTree.tostring(root, encoding="unicode")
    # A carriage return would come back as a line feed: XML parsers normalise line ends.
    data = data.replace("\r", "&#13;")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{data}\n'.encode()


def _note(notes, category, text):
    note = ElementTree.SubElement(notes, _q("note"), {"category": category})
    note.text = text


def _write_unit(file, source, unit):
    element = ElementTree.SubElement(file, _q("unit"), {"id": unit.id, "name": unit.field})
    notes = ElementTree.SubElement(element, _q("notes"))
    _note(notes, "location", unit.where(source))
    if unit.previous is not None:
        _note(notes, "previous-source", _plain(unit, unit.previous))
    state = "translated" if unit.status is Status.TRANSLATED else "initial"
    segment = ElementTree.SubElement(element, _q("segment"), {"state": state})
    _content(ElementTree.SubElement(segment, _q("source")), unit, unit.source)
    if unit.target is not None:
        _content(ElementTree.SubElement(segment, _q("target")), unit, unit.target)


def _plain(unit, value):
    return value if unit.kind is Kind.TEXT else markup.to_markup(value, unit.placeholders)


def _content(element, unit, value):
    if unit.kind is Kind.TEXT:
        element.text = value
        return
    stack = [element]
    for token in value:
        if isinstance(token, str):
            _append_text(stack[-1], token)
        elif token.kind == "close":
            stack.pop()
        else:
            placeholder = unit.placeholders[token.ref]
            code = _code(stack[-1], placeholder, token.kind)
            if token.kind == "open":
                stack.append(code)


def _code(parent, placeholder, kind):
    code_type, sub_type = CODE_TYPES.get(placeholder.name, ("other", None))
    attributes = {"id": placeholder.ref, "type": code_type, "canDelete": "no", "canCopy": "no"}
    if sub_type:
        attributes["subType"] = sub_type
    if kind == "empty":
        attributes["disp"] = f"<{placeholder.name}/>"
        return ElementTree.SubElement(parent, _q("ph"), attributes)
    attributes["dispStart"] = f"<{placeholder.name}>"
    attributes["dispEnd"] = f"</{placeholder.name}>"
    return ElementTree.SubElement(parent, _q("pc"), attributes)


def _append_text(element, text):
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _indent(element, level=0):
    if _local(element.tag) not in STRUCTURE:
        return
    children = list(element)
    if not children:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        _indent(child, level + 1)
    children[-1].tail = "\n" + "  " * level


def read(data):
    """A returned XLIFF file as a ``ReturnedFile``; ``ExchangeError`` if it is not one of ours."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise ExchangeError(
            [
                _(
                    "The file is not well-formed XML (line %(line)s, column %(column)s): it may "
                    "be truncated or damaged. Export it again from your translation tool."
                )
                % {"line": line, "column": column}
            ]
        ) from None
    except DefusedXmlException:
        raise ExchangeError(
            [_("The file declares a DTD or entities, which XLIFF files never need: refused.")]
        ) from None
    if root.tag != _q("xliff") or root.get("version") not in VERSIONS:
        raise ExchangeError(
            [_('The file is not an XLIFF 2.0 document (its root is not <xliff version="2.0">).')]
        )
    site = root.get(_q("site", EXTENSION_NS))
    if not site:
        raise ExchangeError(
            [
                _(
                    "The file was not exported by rengo-wagtail, or a tool removed its "
                    "“rengo:site” attribute: export a new file from this site."
                )
            ]
        )
    units = []
    problems = []
    for unit in root.iter(_q("unit")):
        try:
            units.append(_read_unit(unit))
        except ExchangeError as error:
            problems += error.problems
    if problems:
        raise ExchangeError(problems)
    return ReturnedFile(
        format="xliff",
        site=site,
        site_name=root.get(_q("siteName", EXTENSION_NS), ""),
        source_language=root.get("srcLang", ""),
        target_language=root.get("trgLang", ""),
        units=units,
    )


def _read_unit(element):
    unit_id = element.get("id")
    if not unit_id:
        raise ExchangeError([_("A <unit> has no id: the file was damaged.")])
    source, target, confirmed = [], [], True
    parts = [child for child in element if _local(child.tag) in ("segment", "ignorable")]
    if not parts:
        raise ExchangeError([_("Unit “%(unit)s”: it has no <segment>.") % {"unit": unit_id}])
    try:
        for part in parts:
            part_source = part.find(_q("source"))
            if part_source is None:
                raise ExchangeError(
                    [_("Unit “%(unit)s”: a segment has no <source>.") % {"unit": unit_id}]
                )
            part_target = part.find(_q("target"))
            source += _tokens(part_source)
            if part_target is not None:
                target += _tokens(part_target)
            elif _local(part.tag) == "ignorable":
                target += _tokens(part_source)
            else:
                confirmed = False
            if _local(part.tag) == "segment" and part.get("state", "initial") == "initial":
                confirmed = False
    except markup.MarkupError as error:
        raise ExchangeError(
            [_("Unit “%(unit)s”: %(problem)s") % {"unit": unit_id, "problem": error}]
        ) from None
    target = markup.merged(target)
    return ReturnedUnit(
        id=unit_id,
        source=markup.merged(source),
        target=target if target else None,
        confirmed=confirmed and bool(target),
    )


def _tokens(element):
    """The inline content of ``<source>`` or ``<target>`` as tokens (``markup.Tag`` for codes)."""
    tokens = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        if child.tag != _q(name):
            raise markup.MarkupError(
                _("the element “%(element)s” is not XLIFF 2.0 inline content.")
                % {"element": child.tag}
            )
        if name == "pc":
            tokens += [markup.Tag("open", child.get("id", "")), *_tokens(child)]
            tokens.append(markup.Tag("close", child.get("id", "")))
        elif name == "ph":
            tokens.append(markup.Tag("empty", child.get("id", "")))
        elif name == "mrk":  # an annotation (a term, a comment): its text counts
            tokens += _tokens(child)
        elif name == "cp":
            tokens.append(_code_point(child.get("hex", "")))
        elif name not in ("sm", "em"):
            raise markup.MarkupError(
                _("the inline code <%(element)s> is not one this file was exported with.")
                % {"element": name}
            )
        tokens.append(child.tail or "")
    return markup.merged(tokens)


def _code_point(value):
    """The character an XLIFF ``<cp hex="…"/>`` names; a ``MarkupError`` for anything else."""
    if re.fullmatch(r"[0-9A-Fa-f]{1,6}", value) and int(value, 16) <= 0x10FFFF:
        return chr(int(value, 16))
    raise markup.MarkupError(_('<cp hex="%(value)s"/> names no character.') % {"value": value})


def decode(raw, unit):
    """A returned source or target (tokens) in ``unit``'s terms: text, or checked tokens."""
    if unit.kind is Kind.TEXT:
        if any(not isinstance(token, str) for token in raw):
            raise markup.MarkupError(_("it has inline codes, but its source has none."))
        return "".join(raw)
    markup.check(raw, unit.placeholders)
    return list(raw)
