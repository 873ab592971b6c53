"""The query string's numbers and names, read strictly: a 400 that names the parameter, never a 500.

Python's ``int()`` takes ``"²"``, ``" 7"`` and ``"1_000"``, and a number past the
database's integer range makes SQLite and PostgreSQL fail the whole query. Every
id, count and port the API reads from a request goes through here (and
``rengo_wagtail.ids``).
"""

from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError

from .. import ids

# Larger offsets are past any listing and past what SQLite's OFFSET takes.
MAX_OFFSET = 2**31 - 1
MAX_PORT = 65535


def parse_id(value, parameter):
    """``value`` as a page id (``ids.parse_id``); a 400 naming ``parameter`` otherwise."""
    number = ids.parse_id(value)
    if number is None:
        raise BadRequestError(
            _("%(parameter)s must be a page id (a positive whole number).")
            % {"parameter": parameter}
        )
    return number


def parse_count(value, parameter, highest):
    """``value`` as a whole number from 0 to ``highest``; a 400 naming ``parameter`` otherwise."""
    number = ids.parse_number(value, 0, highest)
    if number is None:
        raise BadRequestError(
            _("%(parameter)s must be a whole number from 0 to %(highest)s.")
            % {"parameter": parameter, "highest": highest}
        )
    return number


def parse_site(value):
    """``?site=hostname[:port]`` as ``(hostname, port or None)``; a 400 for a bad port."""
    hostname, colon, port = value.partition(":")
    if not colon:
        return hostname, None
    number = ids.parse_number(port, 1, MAX_PORT)
    if number is None:
        raise BadRequestError(
            _("site must be a hostname with an optional port, as in %(example)s.")
            % {"example": "www.example.org:8080"}
        )
    return hostname, number


def reject_null_characters(query):
    """A 400 for a NUL character anywhere in the query string: PostgreSQL stores none."""
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            raise BadRequestError(
                _("The query string has a NUL character (%%00) in %(parameter)s.")
                % {"parameter": name.replace("\x00", "%00")}
            )
