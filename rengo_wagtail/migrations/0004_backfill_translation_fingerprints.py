"""Installed translations count as up to date: record their fingerprints.

Pages the content installer wrote before translation states existed have no
fingerprint yet; a live installed translation whose source the installer wrote
too is recorded against that source's live content.
"""

from django.db import migrations

# The translated fields of each page type when this migration was written:
# historical models do not carry the page types' declarations.
TRANSLATED_FIELDS = {
    "OrganizationIndexPage": ("title", "intro", "seo_title", "search_description"),
    "OrganizationPage": (
        "title",
        "short_name",
        "summary",
        "body",
        "seo_title",
        "search_description",
    ),
}


def backfill(apps, schema_editor):
    from rengo_wagtail.declarations import fingerprint
    from rengo_wagtail.i18n import source_language_code

    InstalledContent = apps.get_model("rengo_wagtail", "InstalledContent")
    TranslationFingerprint = apps.get_model("rengo_wagtail", "TranslationFingerprint")
    page_models = [
        apps.get_model("rengo_wagtail", name)
        for name in ("OrganizationIndexPage", "OrganizationPage")
    ]
    try:
        source_code = source_language_code()
    except LookupError:
        return  # no source language configured: nothing can be compared yet
    installed = set(InstalledContent.objects.values_list("page_id", flat=True))
    for record in InstalledContent.objects.exclude(language_code=source_code).select_related("page"):
        page = record.page
        if not page.live or TranslationFingerprint.objects.filter(page_id=page.pk).exists():
            continue
        for model in page_models:
            source = model.objects.filter(
                translation_key=page.translation_key,
                locale__language_code=source_code,
                alias_of__isnull=True,
            ).first()
            if source is not None:
                break
        if source is not None and source.pk in installed:
            TranslationFingerprint.objects.create(
                page_id=page.pk,
                fingerprint=fingerprint(source, TRANSLATED_FIELDS[type(source).__name__]),
                source_revision_id=source.live_revision_id,
            )


class Migration(migrations.Migration):

    dependencies = [
        ("rengo_wagtail", "0003_translationfingerprint"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
