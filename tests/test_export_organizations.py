"""manage.py rengo_export_organizations: pages back to content files."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from rengo_wagtail.content.files import read_content
from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage
from tests.helpers import REPO
from tests.helpers.pages import publish


def export(directory, **options):
    out = StringIO()
    call_command("rengo_export_organizations", output=str(directory), stdout=out, **options)
    return out.getvalue()


def read(directory, name):
    return json.loads((directory / name).read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_round_trip_is_byte_for_byte(tmp_path):
    call_command("rengo_load_organizations", verbosity=0)
    output = export(tmp_path)
    shipped = sorted(path.name for path in (REPO / "fixtures").glob("*.json"))
    assert sorted(path.name for path in tmp_path.iterdir()) == shipped
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (REPO / "fixtures" / name).read_bytes(), name
    assert "Wrote" in output


@pytest.mark.django_db
def test_round_trip_with_japanese_as_the_site_source_language(tmp_path, settings):
    settings.RENGO_WAGTAIL_SOURCE_LANGUAGE = "ja"
    call_command("rengo_load_organizations", verbosity=0)
    export(tmp_path)
    assert read(tmp_path, "organizations.json")["source_language"] == "ja"
    for name in ("en.json", "ja.json"):
        assert (tmp_path / name).read_bytes() == (REPO / "fixtures" / name).read_bytes(), name


@pytest.mark.django_db
def test_editors_changes_and_pages_are_exported_and_load_again(tmp_path, locales):
    call_command("rengo_load_organizations", verbosity=0)
    jilaf = OrganizationPage.objects.get(locale=locales.ja, content_key="jilaf")
    jilaf.summary = "編集者が書き換えた紹介文です。"
    jilaf.body = [{"type": "heading", "value": "沿革"}]
    jilaf.save_revision()  # a draft: exported as last saved
    index = OrganizationIndexPage.objects.get(locale=locales.en)
    added = index.add_child(
        instance=OrganizationPage(
            title="Example Workers' Association",
            slug="example_workers",
            summary="Added by an editor.",
            category="welfare",
            founded_year=2001,
        )
    )
    publish(added)
    export(tmp_path)

    structure = read(tmp_path, "organizations.json")
    last = structure["organizations"][-1]
    assert last == {
        "key": "example-workers",
        "slug": "example_workers",
        "legal_form": None,
        "founded": "2001",
        "founded_by_rengo": False,
        "website": None,
        "category": "welfare",
    }
    ja = read(tmp_path, "ja.json")
    assert ja["organizations"]["jilaf"]["summary"] == "編集者が書き換えた紹介文です。"
    assert ja["organizations"]["jilaf"]["body"] == [{"type": "heading", "value": "沿革"}]
    assert "example-workers" not in ja["organizations"]
    assert read(tmp_path, "en.json")["organizations"]["example-workers"]["title"] == (
        "Example Workers' Association"
    )
    content = read_content(tmp_path)
    assert content.missing("ja") == ["example-workers"]


@pytest.mark.django_db
def test_aliases_are_not_exported_as_translations(tmp_path, locales):
    call_command("rengo_load_organizations", language=["en"], verbosity=0)
    index = OrganizationIndexPage.objects.get(locale=locales.en)
    index.copy_for_translation(locales.ja, copy_parents=True, alias=True)
    export(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["en.json", "organizations.json"]


@pytest.mark.django_db
def test_nothing_to_export(tmp_path):
    with pytest.raises(CommandError, match="no organization index page"):
        export(tmp_path)


@pytest.mark.django_db
def test_the_installed_index_is_preferred_and_index_names_another(tmp_path, locales):
    call_command("rengo_load_organizations", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    other = home.add_child(instance=OrganizationIndexPage(title="Partners", slug="partners"))
    other.add_child(
        instance=OrganizationPage(title="Partner", slug="partner", summary="S.", category="culture")
    )
    export(tmp_path / "installed")
    assert len(read(tmp_path / "installed", "organizations.json")["organizations"]) == 8

    export(tmp_path / "chosen", index="/en/partners/")
    structure = read(tmp_path / "chosen", "organizations.json")
    assert structure["index"] == {"slug": "partners"}
    assert [item["key"] for item in structure["organizations"]] == ["partner"]
    assert sorted(path.name for path in (tmp_path / "chosen").iterdir()) == [
        "en.json",
        "organizations.json",
    ]
    with pytest.raises(CommandError, match="not an organization index page"):
        export(tmp_path / "wrong", index=str(home.pk))


@pytest.mark.django_db
def test_several_hand_made_indexes_ask_for_index(tmp_path, section):
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=OrganizationIndexPage(title="More", slug="more"))
    with pytest.raises(CommandError, match=r"several organization index pages.*--index"):
        export(tmp_path)
