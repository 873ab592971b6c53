"""Text from editors and translators, made safe for where it is written outside HTML.

Page titles and content file text are untrusted. Printed on a terminal, an
escape sequence (``\\x1b]0;…\\x07`` sets the window title, ``\\x1b[8m`` hides
what follows) would drive it; in a spreadsheet a cell starting with ``=``
would run as a formula, and XLSX cannot hold most control characters at all.
"""

import re

# Control characters but tab and newline, and the bidirectional overrides.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What a spreadsheet reads as the start of a formula (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def visible_controls(text):
    """``text`` with each control character written as a visible ``\\uXXXX``."""
    return _CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", str(text))


def one_line(text):
    """``visible_controls(text)`` with line breaks and tabs made visible too: one line."""
    text = visible_controls(text)
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def spreadsheet_cell(text):
    """``text`` for a CSV or XLSX cell: controls made visible, never read as a formula."""
    text = visible_controls(text)
    return "'" + text if text.startswith(_FORMULA_START) else text
