"""Which Chromium the browser tests drive: one lookup for ``scripts/provision.py`` and conftest.

In order: ``RENGO_CHROMIUM``; a system Chromium (Debian's ``/usr/bin/chromium``, then
``chromium``, ``chromium-browser`` or ``google-chrome`` on ``PATH``); Playwright's own
Chromium where ``playwright install chromium`` has downloaded it.
"""

import os
import shutil

from playwright.sync_api import sync_playwright

SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def system_chromium():
    """The first system Chromium that is there, or ``None``."""
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chromium_path():
    """Where Playwright's own Chromium is, or would be once installed (in a plain script)."""
    with sync_playwright() as playwright:
        return playwright.chromium.executable_path


def find(playwright_path):
    """The Chromium to drive, or ``None`` where there is none.

    ``RENGO_CHROMIUM`` wins whenever it is set, even when it names nothing: the
    caller says so rather than driving another browser. ``playwright_path`` is
    where Playwright keeps its own Chromium (``playwright.chromium.executable_path``).
    """
    configured = os.environ.get("RENGO_CHROMIUM")
    if configured:
        return configured
    found = system_chromium()
    if found:
        return found
    if playwright_path and os.access(playwright_path, os.X_OK):
        return playwright_path
    return None
