"""An imported file's units as wagtail-localize's string translations.

Where wagtail-localize manages a translation, its string translations are the
translation: its editor shows them, and its "Sync translated pages" and
publishing render the page from them. An import therefore writes each unit
it brings both into the page's draft and into the string translation of the
same source string, so that neither wagtail-localize's editor nor its next
synchronisation loses the imported text.

A unit is paired with wagtail-localize's string by where it is (the unit's
id without the page's translation key is wagtail-localize's content path:
``summary``, ``body.<block id>``, ``body.<block id>.caption``; a rich text
paragraph's is its block's) and by its source text as wagtail-localize
writes it: surrounding spaces, line breaks at its ends and one inline tag
around all of it are not part of a string there. A unit that pairs with no
string of the current source is a problem naming it.
"""

from django.utils.translation import gettext as _

from ..translation import localize
from . import markup
from .units import Kind


def strings(source, units, values, problems):
    """``{(path, source data): translated data}`` for the units in ``values``, or problems.

    ``source``: the live source page; ``units``: its units; ``values``:
    ``{unit id: text or tokens}``, the file's translations.
    """
    extracted = localize.page_strings(source)
    prefix = f"{source.translation_key}."
    found = {}
    for unit in units:
        if unit.id not in values:
            continue
        path = unit.id.removeprefix(prefix)
        if unit.segment is not None:
            path = path.removesuffix(f".{unit.segment}")
        try:
            key = (path, _data(unit, unit.source))
        except ValueError:
            key = None  # not a string wagtail-localize would make
        if key not in extracted:
            problems.append(
                _(
                    "Unit “%(unit)s”: wagtail-localize divides this text into strings "
                    "differently, so its editor could not show the translation. Leave the unit "
                    "untranslated in the file and translate it in wagtail-localize's editor."
                )
                % {"unit": unit.id}
            )
            continue
        try:
            translated = _data(unit, values[unit.id])
        except ValueError as error:
            problems.append(
                _("Unit “%(unit)s”: wagtail-localize cannot store this translation: %(problem)s")
                % {"unit": unit.id, "problem": error}
            )
            continue
        found[key] = translated
    return found


def changed(source, locale_id, found):
    """The strings of ``found`` that wagtail-localize does not already hold as they are."""
    stored = localize.stored_strings(source.translation_key, locale_id, set(found))
    return {key: data for key, data in found.items() if stored.get(key) != data}


def _data(unit, value):
    if unit.kind is Kind.TEXT:
        return localize.string_data(text=value)
    tokens = _as_localize_string(value, unit.placeholders)
    return localize.string_data(html=markup.to_markup(tokens, unit.placeholders))


def _as_localize_string(tokens, placeholders):
    """A rich text unit's tokens as wagtail-localize makes a string of them.

    As its ``extract_strings`` does: one tag (not a link) around everything is
    left out, and so are tags without text at either end (a line break); then
    the spaces at the ends.
    """
    nodes = _nodes(tokens)
    while nodes:
        first, last = nodes[0], nodes[-1]
        if len(nodes) == 1 and len(first) > 1 and placeholders[first[0].ref].name != "a":
            nodes = _nodes(first[1:-1])
        elif not _has_text(first):
            nodes = nodes[1:]
        elif not _has_text(last):
            nodes = nodes[:-1]
        else:
            break
    tokens = [token for node in nodes for token in node]
    if tokens and isinstance(tokens[0], str):
        tokens[0] = tokens[0].lstrip()
    if tokens and isinstance(tokens[-1], str):
        tokens[-1] = tokens[-1].rstrip()
    return markup.merged(tokens)


def _nodes(tokens):
    """``tokens`` as top-level nodes: ``[text]``, ``[empty tag]`` or ``[open, ..., close]``."""
    nodes, depth = [], 0
    for token in tokens:
        if depth == 0:
            nodes.append([])
        nodes[-1].append(token)
        if isinstance(token, markup.Tag):
            depth += {"open": 1, "close": -1}.get(token.kind, 0)
    return nodes


def _has_text(node):
    return any(isinstance(token, str) for token in node)
