"""Browser tests: Playwright driving Chromium against pytest-django's live server.

The browser is the one ``make test`` found or installed before the suite
(``scripts/provision.py``; the lookup is ``chromium.find``): ``RENGO_CHROMIUM``,
else a system Chromium, else Playwright's own. A missing browser fails these
tests: they never skip. Under pytest-xdist they all run in one worker (group
``browser``, with ``--dist loadgroup``), beside the rest of the suite, so one
Chromium runs at a time. ``RENGO_SCREENSHOTS`` names the directory for the
screenshots of each step (default ``var/screenshots/``, not committed).
"""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site

from tests.browser import chromium
from tests.helpers.pages import EDITOR
from tests.settings import REPO_DIR

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for the admin's first load on a busy 2-core CI machine.
TIMEOUT_MS = 15_000


# Before pytest-xdist reads the groups (--dist loadgroup) from the markers.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser_type_launch_args(playwright):
    """Launch the Chromium that ``make test`` found or installed."""
    executable = chromium.find(playwright.chromium.executable_path)
    if executable is None or not os.access(executable, os.X_OK):
        pytest.fail(
            f"No Chromium to drive ({executable or 'none found'}): run `make test`, which "
            "finds or installs one, or set RENGO_CHROMIUM to a Chromium executable. "
            "The browser tests do not skip."
        )
    return {"executable_path": executable, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 860}}


@pytest.fixture
def page(page):
    page.set_default_timeout(TIMEOUT_MS)
    return page


@pytest.fixture
def screenshot(request):
    """``screenshot(page, name)`` saves the page as ``NN-name.png``, numbered in step order."""
    directory = Path(os.environ.get("RENGO_SCREENSHOTS") or REPO_DIR / "var" / "screenshots")
    directory = directory / re.sub(r"\W+", "-", request.node.name).strip("-")
    directory.mkdir(parents=True, exist_ok=True)
    taken = []

    def take(page, name):
        taken.append(name)
        path = directory / f"{len(taken):02d}-{name}.png"
        page.screenshot(path=path)
        return path

    return take


@pytest.fixture
def site(live_server, transactional_db):
    """The shipped section in English and Japanese, served by the live server; an editor."""
    port = int(live_server.url.rsplit(":", 1)[1])
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=port)
    call_command("rengo_load_organizations", stdout=StringIO())
    get_user_model().objects.create_superuser(email="editor@example.org", **EDITOR)
    return live_server
