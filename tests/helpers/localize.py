"""wagtail-localize's editor as tests drive it: submit, type strings, publish, its status.

For test modules marked ``localize`` (run with ``tests.settings_localize``).
"""

import json
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page


def editor_props(client, page):
    """The props wagtail-localize's editor is opened with, from the page's edit view."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    editor = BeautifulSoup(response.content, "html.parser").select_one(".js-translation-editor")
    assert editor is not None, "the edit view is not wagtail-localize's editor"
    return json.loads(editor["data-props"])


def editor_strings(client, page):
    """``{content path: [translated text]}`` as wagtail-localize's editor shows ``page``."""
    props = editor_props(client, page)
    paths = {segment["id"]: segment["contentPath"] for segment in props["segments"]}
    shown = {}
    for item in props["initialStringTranslations"]:
        shown.setdefault(paths[item["segment_id"]], []).append(item["data"])
    return shown


def translate_strings(client, page, strings):
    """Type ``strings`` (``{content path: text}``) into wagtail-localize's editor."""
    props = editor_props(client, page)
    segments = [
        segment
        for segment in props["segments"]
        if segment["type"] == "string" and segment["contentPath"] in strings
    ]
    assert {segment["contentPath"] for segment in segments} == set(strings)
    for segment in segments:
        # As the editor's script sends it: a form-encoded PUT.
        response = client.put(
            segment["editUrl"],
            urlencode({"value": strings[segment["contentPath"]]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def submit_translation(client, on_commit, page, locale):
    """Translate ``page`` into ``locale`` with wagtail-localize's "Translate"."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.get(url).status_code == 200
    response = on_commit(client.post, url, {"locales": [locale.pk]})
    assert response.status_code == 302
    return page.get_translation(locale).specific


def publish_translation(client, on_commit, page):
    """Publish ``page`` from wagtail-localize's editor: the page rendered from its strings."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = on_commit(client.post, url, {"action": "publish"})
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk).specific


def localize_status(page):
    """wagtail-localize's own status of the translation ``page``, as its report shows it."""
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    )
    return str(translation.get_status_display())


def string_translations(page):
    """``{(content path, source text): translated text}``: wagtail-localize's string
    translations of ``page``'s source into ``page``'s language."""
    from wagtail_localize.models import StringTranslation

    rows = StringTranslation.objects.filter(
        locale_id=page.locale_id, context__object_id=page.translation_key
    ).values_list("context__path", "translation_of__data", "data")
    return {(path, source): data for path, source, data in rows}
