"""Page ids from outside: query strings, form posts, URLs and command options.

Every id and number the app reads from a request or a command line goes
through ``parse_number`` (ids through ``parse_id``), so that no odd value
(``²``, ``٣`` and other Unicode digits that ``str.isdigit()`` accepts, a sign,
spaces, a number beyond the database's integer column) reaches ``int()`` or
the database.
"""

import re

# Wagtail's page ids are 32-bit integer columns (AutoField).
MAX_ID = 2**31 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,12}")


def parse_number(value, lowest, highest):
    """``value`` as an int where it is ASCII digits from ``lowest`` to ``highest``; else None."""
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if lowest <= number <= highest else None


def parse_id(value):
    """The id ``value`` names (a string of ASCII digits from 1 to ``MAX_ID``), else ``None``."""
    return parse_number(value, 1, MAX_ID)


class PageIdConverter:
    """URL converter ``<page_id:...>``: a path segment that ``parse_id`` accepts."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # Django answers 404
        return number

    def to_url(self, value):
        return str(value)
