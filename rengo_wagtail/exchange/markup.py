"""Rich text as a translator's segments: one per paragraph, heading or list item.

A segment's inline elements (bold, italic, links, line breaks) become
placeholders named after the element and its position (``b1``, ``a1``,
``br1``). A translator may move them but must keep each exactly once; their
attributes (a link's target) are never in the file: they are put back from
the source, or from the current translation where it has the same
placeholder (a link an editor pointed at the translated page stays so).

A segment is a list of tokens: text (``str``) and ``Tag``\\ s. ``to_markup``
and ``from_markup`` write and read the tokens as the text a PO file carries
(``Organizations that <a id="a1">work</a> with <b>RENGO</b>``); XLIFF
writes them as its own inline codes (``exchange.xliff``).
"""

import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

from django.utils.translation import gettext as _

# Elements whose inline content is one segment, and the other block-level
# elements: what is not one of these is inline.
SEGMENT_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
BLOCK_TAGS = SEGMENT_TAGS | {"ul", "ol", "hr", "embed", "div", "figure", "table"}
VOID_TAGS = frozenset({"br", "hr", "img", "embed", "wbr"})


class MarkupError(ValueError):
    """A translated segment whose tags do not match its source's placeholders."""


@dataclass
class Element:
    name: str
    attrs: list = field(default_factory=list)
    children: list = field(default_factory=list)


@dataclass(frozen=True)
class Tag:
    """A placeholder in a segment: ``kind`` "open", "close" or "empty"; ``ref`` its name."""

    kind: str
    ref: str


@dataclass(frozen=True)
class Placeholder:
    ref: str
    name: str
    attrs: tuple = ()


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = []
        self.stack = [Element("", children=self.root)]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, list(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, list(attrs)))

    def handle_endtag(self, tag):
        names = [element.name for element in self.stack]
        if tag in names[1:]:
            del self.stack[len(names) - names[::-1].index(tag) - 1 :]

    def handle_data(self, data):
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse(html):
    """Rich text (Wagtail's database format) as a list of nodes: text and ``Element``\\ s."""
    parser = _Parser()
    parser.feed(html or "")
    parser.close()
    return parser.root


def serialize(nodes):
    """Nodes as HTML again."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape(node, quote=False))
            continue
        attrs = "".join(
            f" {name}" if value is None else f' {name}="{escape(value)}"'
            for name, value in node.attrs
        )
        if node.name in VOID_TAGS:
            out.append(f"<{node.name}{attrs}/>")
        else:
            out.append(f"<{node.name}{attrs}>{serialize(node.children)}</{node.name}>")
    return "".join(out)


@dataclass
class _Site:
    """Where a segment sits: ``children[start:end]`` of some element."""

    key: str
    children: list
    start: int
    end: int


def _is_block(node):
    return isinstance(node, Element) and node.name in BLOCK_TAGS


def _text(nodes):
    return "".join(node if isinstance(node, str) else _text(node.children) for node in nodes)


def _sites(children, sites, key=None):
    """The segments among ``children``, in document order."""
    run = []
    runs = []
    for index, node in enumerate(children):
        if _is_block(node):
            runs.append(run)
            run = []
            own_key = dict(node.attrs).get("data-block-key") if node.name in SEGMENT_TAGS else None
            _sites(node.children, sites, own_key)
        else:
            run.append(index)
    runs.append(run)
    runs = [run for run in runs if run and _text([children[i] for i in run]).strip()]
    for number, run in enumerate(runs, 1):
        # Wagtail's editor gives each block a key; text without one goes by its position.
        site_key = (key if number == 1 else f"{key}-{number}") if key else str(len(sites) + 1)
        sites.append(_Site(site_key, children, run[0], run[-1] + 1))
    return sites


def _tokens(nodes, placeholders, counts):
    for node in nodes:
        if isinstance(node, str):
            yield node
            continue
        counts[node.name] = counts.get(node.name, 0) + 1
        ref = f"{node.name}{counts[node.name]}"
        placeholders[ref] = Placeholder(ref, node.name, tuple(node.attrs))
        if node.name in VOID_TAGS:
            yield Tag("empty", ref)
        else:
            yield Tag("open", ref)
            yield from _tokens(node.children, placeholders, counts)
            yield Tag("close", ref)


def merged(tokens):
    """``tokens`` with adjacent text joined and empty text left out."""
    joined = []
    for token in tokens:
        if isinstance(token, str) and joined and isinstance(joined[-1], str):
            joined[-1] += token
        elif token != "":
            joined.append(token)
    return joined


@dataclass
class Segment:
    key: str
    tokens: list
    placeholders: dict


def segments(html):
    """The segments of rich text, in order: ``Segment(key, tokens, placeholders)``.

    A segment's key is its block's ``data-block-key`` (which Wagtail's editor
    gives every paragraph), else its position.
    """
    found = []
    for site in _sites(parse(html), []):
        placeholders = {}
        tokens = merged(_tokens(site.children[site.start : site.end], placeholders, {}))
        found.append(Segment(site.key, tokens, placeholders))
    return found


def to_nodes(tokens, placeholders):
    """Checked tokens as nodes, each placeholder with its attributes."""
    root = Element("")
    stack = [root]
    for token in tokens:
        if isinstance(token, str):
            stack[-1].children.append(token)
            continue
        placeholder = placeholders[token.ref]
        if token.kind == "close":
            stack.pop()
            continue
        element = Element(placeholder.name, list(placeholder.attrs))
        stack[-1].children.append(element)
        if token.kind == "open":
            stack.append(element)
    return root.children


def rebuild(html, translated):
    """``html`` with the segments in ``translated`` (``{key: nodes}``) replaced."""
    nodes = parse(html)
    for site in reversed(_sites(nodes, [])):
        if site.key in translated:
            site.children[site.start : site.end] = translated[site.key]
    return serialize(nodes)


def _describe(placeholder, kind="open"):
    attrs = f' id="{placeholder.ref}"' if placeholder.attrs else ""
    if kind == "close":
        return f"</{placeholder.name}>"
    return f"<{placeholder.name}{attrs}/>" if kind == "empty" else f"<{placeholder.name}{attrs}>"


def check(tokens, placeholders):
    """Raise ``MarkupError`` unless ``tokens`` use each of ``placeholders`` once, nested rightly."""
    stack = []
    seen = []
    for token in tokens:
        if isinstance(token, str):
            continue
        placeholder = placeholders.get(token.ref)
        if placeholder is None:
            raise MarkupError(_("the tag “%(tag)s” is not in the source.") % {"tag": token.ref})
        void = placeholder.name in VOID_TAGS
        if token.kind == "close":
            if not stack or stack[-1] != token.ref:
                raise MarkupError(
                    _("the tag “%(tag)s” closes out of order.")
                    % {"tag": _describe(placeholder, "close")}
                )
            stack.pop()
            continue
        if void != (token.kind == "empty"):
            raise MarkupError(
                _("the tag “%(tag)s” is written differently in the source.")
                % {"tag": _describe(placeholder)}
            )
        if token.ref in seen:
            raise MarkupError(
                _("the tag “%(tag)s” appears more than once.") % {"tag": _describe(placeholder)}
            )
        seen.append(token.ref)
        if token.kind == "open":
            stack.append(token.ref)
    if stack:
        raise MarkupError(
            _("the tag “%(tag)s” is not closed.") % {"tag": _describe(placeholders[stack[-1]])}
        )
    missing = [placeholders[ref] for ref in placeholders if ref not in seen]
    if missing:
        raise MarkupError(
            _("the tags of the source are missing: %(tags)s.")
            % {"tags": ", ".join(_describe(placeholder) for placeholder in missing)}
        )


def to_markup(tokens, placeholders):
    """Tokens as text with HTML-like tags; a tag with attributes in the source names its id."""
    out = []
    for token in tokens:
        if isinstance(token, str):
            out.append(escape(token, quote=False))
        else:
            out.append(_describe(placeholders[token.ref], token.kind))
    return "".join(out)


_TAG = re.compile(r"<[^<>]*>")
_TAG_PARTS = re.compile(r'<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)\s*(?:id\s*=\s*"([^"]*)")?\s*(/?)\s*>')


def from_markup(text, placeholders):
    """Read ``to_markup``'s text back as tokens, then ``check`` them.

    A tag without an id stands for the source's next unused placeholder of
    that element without attributes.
    """
    tokens = []
    open_refs = []
    used = set()
    position = 0
    for match in [*_TAG.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        if "<" in chunk:
            raise MarkupError(_("“<” starts no tag; write “&lt;” for the character itself."))
        if chunk:
            tokens.append(unescape(chunk))
        if match is None:
            break
        position = match.end()
        parts = _TAG_PARTS.fullmatch(match.group())
        if parts is None:
            raise MarkupError(_("“%(tag)s” is not a tag of the source.") % {"tag": match.group()})
        closing, name, ref, empty = parts.groups()
        name = name.lower()
        if closing:
            if not open_refs or placeholders[open_refs[-1]].name != name:
                raise MarkupError(
                    _("the tag “%(tag)s” closes out of order.") % {"tag": f"</{name}>"}
                )
            tokens.append(Tag("close", open_refs.pop()))
            continue
        if ref is None:
            candidates = [
                candidate.ref
                for candidate in placeholders.values()
                if candidate.name == name and not candidate.attrs
            ]
            unused = [candidate for candidate in candidates if candidate not in used]
            if candidates and not unused:
                raise MarkupError(
                    _("the tag “%(tag)s” appears more than once.") % {"tag": match.group()}
                )
            ref = unused[0] if unused else None
        if ref not in placeholders or placeholders[ref].name != name:
            raise MarkupError(_("“%(tag)s” is not a tag of the source.") % {"tag": match.group()})
        if ref in used:
            raise MarkupError(
                _("the tag “%(tag)s” appears more than once.") % {"tag": match.group()}
            )
        used.add(ref)
        if empty or name in VOID_TAGS:
            tokens.append(Tag("empty", ref))
        else:
            tokens.append(Tag("open", ref))
            open_refs.append(ref)
    tokens = merged(tokens)
    check(tokens, placeholders)
    return tokens
