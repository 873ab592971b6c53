"""What the app records about pages: the content installer's pages, translations' sources."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstalledContent(models.Model):
    """A page that ``rengo_load_organizations`` wrote, and what it wrote there.

    Later runs find their pages through these records (the index page has no
    ``content_key`` field) and compare ``content_hash`` with the page's current
    content to tell an untouched page, which they may update, from one an
    editor has changed, which they leave alone.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="rengo_installed_content",
    )
    content_key = models.CharField(
        _("content key"),
        max_length=64,
        blank=True,
        help_text=_("The organization's key in the content files; blank for the index page."),
    )
    language_code = models.CharField(_("language code"), max_length=100)
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        help_text=_("SHA-256 of the fields as the installer last wrote them."),
    )
    created_at = models.DateTimeField(_("installed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("installed content")
        verbose_name_plural = _("installed content")

    def __str__(self):
        return f"{self.language_code}:{self.content_key or 'index'} → {self.page_id}"


class TranslationFingerprint(models.Model):
    """The source content a translation was last published (or marked up to date) against.

    ``fingerprint`` is the SHA-256 of the source's translatable fields at that
    moment; a translation whose source now has another fingerprint is outdated.
    ``source_revision`` is the source's live revision then, for the admin's
    revision comparison.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        related_name="rengo_translation_fingerprint",
    )
    fingerprint = models.CharField(_("source fingerprint"), max_length=64)
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("source revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("translation fingerprint")
        verbose_name_plural = _("translation fingerprints")

    def __str__(self):
        return f"{self.page_id}: {self.fingerprint[:12]}"
