"""Our UI catalogs (locale/), read by the same code as ``make messages`` (scripts/messages.py)."""

import importlib.util

from tests.helpers import REPO


def _load_messages_script():
    spec = importlib.util.spec_from_file_location(
        "messages_script", REPO / "scripts" / "messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


messages = _load_messages_script()


def entries(catalog):
    """The catalog's messages without its header."""
    return [message for message in catalog if message.id]
