"""The logo's alt text, per language (``OrganizationPage.logo_alt``).

The new field is a translated field that the content files carry, so the
fingerprint of a source's translated content and the hash of an installed
page's content now include it. Both are brought forward where they matched
before the field existed: an up-to-date translation stays up to date, and the
content installer still recognises the pages it wrote. Records that did not
match stay as they were (outdated, or edited on the site).
"""

from django.db import migrations, models

# The fields as they were when this migration was written: historical models
# do not carry the page types' declarations.
TRANSLATED_BEFORE = ("title", "short_name", "summary", "body", "seo_title", "search_description")
CONTENT_FILE_BEFORE = (
    "slug",
    "content_key",
    "title",
    "short_name",
    "summary",
    "body",
    "legal_form",
    "founded_year",
    "founded_month",
    "founded_by_rengo",
    "website",
    "category",
)
NEW_FIELD = "logo_alt"


def bring_forward(apps, schema_editor):
    from rengo_wagtail.declarations import content_hash, field_values, fingerprint
    from rengo_wagtail.i18n import source_language_code

    OrganizationPage = apps.get_model("rengo_wagtail", "OrganizationPage")
    InstalledContent = apps.get_model("rengo_wagtail", "InstalledContent")
    TranslationFingerprint = apps.get_model("rengo_wagtail", "TranslationFingerprint")

    pages = OrganizationPage.objects.in_bulk(
        InstalledContent.objects.values_list("page_id", flat=True)
    )
    for record in InstalledContent.objects.filter(page_id__in=pages):
        page = pages[record.page_id]
        if record.content_hash == content_hash(field_values(page, CONTENT_FILE_BEFORE)):
            record.content_hash = content_hash(
                field_values(page, (*CONTENT_FILE_BEFORE, NEW_FIELD))
            )
            record.save(update_fields=["content_hash"])

    try:
        source_code = source_language_code()
    except LookupError:
        return  # no source language configured: no fingerprint was recorded
    translations = OrganizationPage.objects.in_bulk(
        TranslationFingerprint.objects.values_list("page_id", flat=True)
    )
    sources = {
        page.translation_key: page
        for page in OrganizationPage.objects.filter(
            translation_key__in={page.translation_key for page in translations.values()},
            locale__language_code=source_code,
            alias_of__isnull=True,
        )
    }
    for record in TranslationFingerprint.objects.filter(page_id__in=translations):
        source = sources.get(translations[record.page_id].translation_key)
        if source is not None and record.fingerprint == fingerprint(source, TRANSLATED_BEFORE):
            record.fingerprint = fingerprint(source, (*TRANSLATED_BEFORE, NEW_FIELD))
            record.save(update_fields=["fingerprint"])


class Migration(migrations.Migration):

    dependencies = [
        ("rengo_wagtail", "0005_translationsuptodatetask"),
    ]

    operations = [
        migrations.AddField(
            model_name="organizationpage",
            name="logo_alt",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Describe the logo in this page's language for people who cannot see it "
                    "(alt text), such as “RENGO-RIALS logo”. Leave blank for “(short name) logo”."
                ),
                max_length=250,
                verbose_name="logo description",
            ),
        ),
        migrations.RunPython(bring_forward, migrations.RunPython.noop),
    ]
