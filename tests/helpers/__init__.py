"""What the test modules share, as plain functions and constants.

A test module imports from ``tests.helpers.<topic>``, never from another test
module or from ``tests/conftest.py``; fixtures live in ``tests/conftest.py``,
which pytest hands to every test without an import.
"""

from pathlib import Path

# The checkout (or, in the version legs, the copy of it the tests run from).
REPO = Path(__file__).resolve().parent.parent.parent
