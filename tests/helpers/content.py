"""The content files the app ships, copies to break, and the installer command that loads them."""

import json
import shutil
from io import StringIO
from types import SimpleNamespace

from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from rengo_wagtail.content.files import dumps
from rengo_wagtail.models import InstalledContent, OrganizationPage
from tests.helpers import REPO

KEYS = ["rengo-rials", "jilaf", "ilec", "jlcf", "jcrp", "rofukukyo", "rokin", "zenrosai"]


def copy_content(directory):
    """A writable copy of the shipped content files in ``directory``."""
    shutil.copytree(REPO / "fixtures", directory)
    return directory


def edit(directory, name, change):
    """Load ``name`` from ``directory``, let ``change`` alter the data, write it back."""
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dumps(data), encoding="utf-8")


def set_org(name, field, value, key="jcrp"):
    def change(data):
        organizations = data["organizations"]
        if isinstance(organizations, list):
            next(item for item in organizations if item["key"] == key)[field] = value
        else:
            organizations[key][field] = value

    return name, change


def delete_field(name, field, key="jcrp"):
    def change(data):
        organizations = data["organizations"]
        if isinstance(organizations, list):
            del next(item for item in organizations if item["key"] == key)[field]
        else:
            del organizations[key][field]

    return name, change


def add_stray_organization(data):
    data["organizations"]["jtuc"] = dict(data["organizations"]["jcrp"])


def duplicate_key(data):
    data["organizations"][5]["key"] = "jcrp"


# Each bad edit, and what its message must name: file, organization, field, the fix.
BAD_EDITS = {
    "unknown field": (
        set_org("ja.json", "titel", "x"),
        ["ja.json", "organization “jcrp”", "field “titel”", "Remove it or correct its name"],
    ),
    "missing field": (
        delete_field("en.json", "summary"),
        ["en.json", "organization “jcrp”", "field “summary”", "is missing"],
    ),
    "missing fact": (
        delete_field("organizations.json", "category"),
        ["organizations.json", "organization “jcrp”", "field “category”", "is missing"],
    ),
    "organization the source lacks": (
        ("ja.json", add_stray_organization),
        ["ja.json", "organization “jtuc”", "organizations.json has no organization"],
    ),
    "invalid URL": (
        set_org("organizations.json", "website", "tr.jtuc-rengo.jp"),
        ["organizations.json", "organization “jcrp”", "field “website”", "https://"],
    ),
    "invalid date": (
        set_org("organizations.json", "founded", "1991-13"),
        ["organizations.json", "organization “jcrp”", "field “founded”", "YYYY-MM"],
    ),
    "date out of range": (
        set_org("organizations.json", "founded", "0991"),
        ["organizations.json", "organization “jcrp”", "field “founded”", "1800"],
    ),
    "duplicate key": (
        ("organizations.json", duplicate_key),
        ["organizations.json", "organization “jcrp”", "field “key”", "own key"],
    ),
    "title too long": (
        set_org("ja.json", "title", "退" * 256),
        ["ja.json", "organization “jcrp”", "field “title”", "256 characters", "at most 255"],
    ),
    "unknown legal form": (
        set_org("organizations.json", "legal_form", "foundation"),
        ["organizations.json", "organization “jcrp”", "field “legal_form”", "use one of"],
    ),
    "wrong type": (
        set_org("organizations.json", "founded_by_rengo", "no"),
        ["organizations.json", "field “founded_by_rengo”", "must be true or false"],
    ),
    "invalid key": (
        set_org("organizations.json", "key", "JCRP"),
        ["organizations.json", "organization “JCRP”", "field “key”", "lowercase"],
    ),
    "unknown body block": (
        set_org("en.json", "body", [{"type": "image", "value": "1"}]),
        ["en.json", "organization “jcrp”", "field “body[0].type”"],
    ),
    "heading too long": (
        set_org("en.json", "body", [{"type": "heading", "value": "H" * 121}]),
        ["en.json", "organization “jcrp”", "field “body[0].value”", "120"],
    ),
    "index field": (
        ("ja.json", lambda data: data["index"].pop("seo_title")),
        ["ja.json", "the index, field “seo_title”", "is missing"],
    ),
    "language mismatch": (
        ("ja.json", lambda data: data.update(language="jp")),
        ["ja.json", "field “language”", "jp.json"],
    ),
}


BAD_BYTES = {
    "malformed JSON": (b'{"language": "ja",,}', ["ja.json", "not valid JSON", "line 1"]),
    "invalid UTF-8": (b'{"language": "ja",\n "x": "\xff"}', ["ja.json", "not UTF-8", "line 2"]),
    "empty file": (b"  \n", ["ja.json", "is empty", "language.schema.json"]),
    "not an object": (b"[]", ["ja.json", "must be an object, not a list"]),
}


def load(**options):
    out = StringIO()
    call_command("rengo_load_organizations", stdout=out, **options)
    return out.getvalue()


def db_state():
    """Everything a failed or idle run must leave as it was."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "records": InstalledContent.objects.count(),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
    }


def installed(language):
    return OrganizationPage.objects.filter(locale__language_code=language).order_by("path")


def shipped_section(locales):
    """The shipped content, installed under the default Site's home page, in both languages."""
    call_command("rengo_load_organizations", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    return SimpleNamespace(site=site, home=home, home_ja=home.get_translation(locales.ja))
