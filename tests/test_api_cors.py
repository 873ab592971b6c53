"""CORS for the API (the ``cors`` extra, django-cors-headers), its checks, and hosts without it.

The app must work for hosts that install neither Django REST framework nor
django-cors-headers: nothing outside ``rengo_wagtail.api`` imports them.
"""

import ast
import subprocess
import sys

import pytest
from django.core.checks import run_checks

from tests.helpers.layouts import ORIGIN
from tests.settings import REPO_DIR

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"


def check_ids(settings):
    return {
        message.id
        for message in run_checks()
        if message.id in ("rengo_wagtail.W010", "rengo_wagtail.W011")
    }


def test_api_answers_other_origins_read_only(client, cors, section):
    response = client.get(API, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(API, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_pages_and_admin_are_not_shared(client, cors, section):
    for path in ("/en/", "/admin/login/"):
        response = client.get(path, HTTP_ORIGIN=ORIGIN)
        assert "Access-Control-Allow-Origin" not in response, path


def test_no_warning_when_limited_to_the_api(cors):
    assert check_ids(cors) == set()


def test_warns_when_cors_covers_every_url(cors):
    del cors.CORS_URLS_REGEX
    assert check_ids(cors) == {"rengo_wagtail.W010"}
    cors.CORS_URLS_REGEX = r"^/"
    assert check_ids(cors) == {"rengo_wagtail.W010"}


def test_warns_when_cors_allows_writing(cors):
    del cors.CORS_ALLOW_METHODS
    assert check_ids(cors) == {"rengo_wagtail.W011"}
    cors.CORS_ALLOW_METHODS = ("GET", "POST")
    assert check_ids(cors) == {"rengo_wagtail.W011"}


def test_no_check_without_corsheaders(settings):
    assert not any("corsheaders" in name for name in settings.MIDDLEWARE)
    settings.CORS_URLS_REGEX = r"^.*$"
    assert check_ids(settings) == set()


HOST_WITHOUT_THE_API = """
import sys
import django
from django.conf import settings
import tests.settings as test_settings

values = {name: getattr(test_settings, name) for name in dir(test_settings) if name.isupper()}
values["INSTALLED_APPS"] = [
    app for app in values["INSTALLED_APPS"] if app not in ("rest_framework", "wagtail.api.v2")
]
settings.configure(**values)
django.setup()
from django.core.management import call_command
import rengo_wagtail.templatetags.rengo_wagtail_tags, rengo_wagtail.wagtail_hooks
call_command("check", fail_level="ERROR")
prefixes = ("corsheaders", "rengo_wagtail.api.")
leaked = sorted(name for name in sys.modules if name.startswith(prefixes))
assert not leaked, leaked
print("ok")
"""


def test_app_works_without_rest_framework_or_corsheaders():
    result = subprocess.run(
        [sys.executable, "-c", HOST_WITHOUT_THE_API],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")


def imported_modules(module):
    """The absolute names a module imports (relative imports resolved within the package)."""
    tree = ast.parse(module.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.relative_to(REPO_DIR).with_suffix("").parts[: -node.level]
                base = ".".join([*package, *([base] if base else [])])
            names |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
    return names


def test_only_the_api_package_imports_rest_framework_or_corsheaders():
    # Wagtail's own admin may import Django REST framework; ours never does outside the API.
    package = REPO_DIR / "rengo_wagtail"
    for module in package.rglob("*.py"):
        if module.is_relative_to(package / "api"):
            continue
        for name in imported_modules(module):
            assert not name.startswith(
                ("rest_framework", "corsheaders", "wagtail.api.v2", "rengo_wagtail.api.")
            ), (module, name)
            assert name != "rengo_wagtail.api", module
