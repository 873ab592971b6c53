"""Page types of the Related Organizations section.

Each declares its fields' roles (translated, shared, in the content files, in
the API) once, on the class: ``rengo_wagtail.declarations`` says who reads what.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.http import Http404
from django.utils import translation
from django.utils.functional import classproperty
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .. import formats, i18n, links
from ..blocks import RICH_TEXT_FEATURES, OrganizationBodyBlock
from ..conf import get_setting
from ..delivery import fallback, http_cache
from ..search import ngram_text
from ..translation import localize
from ..translation.panels import SharedFactsPageForm, SharedFieldPanel


class WebsiteField(models.URLField):
    """A URL field whose form adds ``https://`` to an address typed without a scheme.

    Django 5.2 warns that forms will assume https from Django 6; this says so now.
    It deconstructs as a plain URLField: the column is the same, no migration.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


class LegalForm(models.TextChoices):
    PUBLIC_INTEREST_FOUNDATION = (
        "public_interest_foundation",
        _("public interest incorporated foundation"),
    )
    PUBLIC_INTEREST_ASSOCIATION = (
        "public_interest_association",
        _("public interest incorporated association"),
    )
    GENERAL_FOUNDATION = "general_foundation", _("general incorporated foundation")
    GENERAL_ASSOCIATION = "general_association", _("general incorporated association")
    CONSUMER_COOPERATIVE_FEDERATION = (
        "consumer_cooperative_federation",
        _("consumer cooperative federation"),
    )


# How each language writes an organization's name with its legal form. The
# catalogs decide: English leaves the name alone; Japanese puts a corporate
# prefix before it (公益財団法人 連合総合生活開発研究所) but not a form that is
# already part of the name (…生活協同組合連合会).
NAME_WITH_LEGAL_FORM = {
    LegalForm.PUBLIC_INTEREST_FOUNDATION: pgettext_lazy(
        "name with legal form: public interest incorporated foundation", "{name}"
    ),
    LegalForm.PUBLIC_INTEREST_ASSOCIATION: pgettext_lazy(
        "name with legal form: public interest incorporated association", "{name}"
    ),
    LegalForm.GENERAL_FOUNDATION: pgettext_lazy(
        "name with legal form: general incorporated foundation", "{name}"
    ),
    LegalForm.GENERAL_ASSOCIATION: pgettext_lazy(
        "name with legal form: general incorporated association", "{name}"
    ),
    LegalForm.CONSUMER_COOPERATIVE_FEDERATION: pgettext_lazy(
        "name with legal form: consumer cooperative federation", "{name}"
    ),
}


class Category(models.TextChoices):
    RESEARCH = "research", _("Research")
    INTERNATIONAL = "international", _("International")
    EDUCATION = "education", _("Education")
    CULTURE = "culture", _("Culture")
    RETIREES = "retirees", _("Retirees")
    WELFARE = "welfare", _("Welfare")
    FINANCE = "finance", _("Finance")
    INSURANCE = "insurance", _("Insurance")


class RengoPageMixin:
    """What every page type of ours shares: URLs by language tree, the host's base template."""

    @classproperty
    def override_translatable_fields(cls):
        # Read by wagtail-localize only, so only where it is installed.
        return localize.synchronized_fields(cls)

    def get_url_parts(self, request=None):
        # Wagtail's own placing can put a page on another language's domain
        # where each language has a Site; ``links`` decides by the page's tree,
        # so ``page.url``, ``full_url``, ``{% pageurl %}``, the admin's "View
        # live" and the API's ``html_url`` agree with our templates.
        parts = links.url_parts(self, request)
        if parts is None:
            return None
        site, path = parts
        return site.pk, site.root_url, path

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rengo_base_template"] = get_setting("BASE_TEMPLATE")
        context["rengo_show_switcher"] = get_setting("LANGUAGE_SWITCHER")
        return context

    def publish(self, revision, *args, **kwargs):
        # Wagtail's publish saves the page and only then sends ``page_published``,
        # whose receivers write too (the shared-facts sync of the translations):
        # in one transaction they commit together or not at all, from the admin,
        # scheduled publishing or a script alike, whatever ATOMIC_REQUESTS says.
        with transaction.atomic():
            return super().publish(revision, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        # Cache headers, and a 304 without rendering where the visitor's copy is current.
        private = fallback.is_restricted(kwargs.get(fallback.STAND_IN))
        return http_cache.serve_page(self, request, super().serve, *args, private=private, **kwargs)


class OrganizationIndexPage(RengoPageMixin, Page):
    """The "Related Organizations" listing: an introduction and its organizations."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown above the list of organizations."),
    )

    # Each field's role (rengo_wagtail.declarations).
    translated_fields = ("title", "intro", "seo_title", "search_description")
    content_file_fields = translated_fields
    api_fields = [APIField("intro")]
    api_detail_only_fields = ()
    search_name_fields = ("title",)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        # Japanese text as character n-grams (rengo_wagtail.search).
        index.SearchField("search_name_ngrams", boost=5),
        index.SearchField("search_text_ngrams"),
    ]

    subpage_types = ["rengo_wagtail.OrganizationPage"]
    template = "rengo_wagtail/organization_index_page.html"

    class Meta:
        verbose_name = _("organization index page")
        verbose_name_plural = _("organization index pages")

    def search_name_ngrams(self):
        return ngram_text(self, *self.search_name_fields)

    def search_text_ngrams(self):
        return ngram_text(self, "intro")

    def organizations(self):
        """Live child organizations, in the order editors gave them in the explorer."""
        return OrganizationPage.objects.child_of(self).live().public().order_by("path")

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            # An organization not live in this language: RENGO_WAGTAIL_FALLBACK decides.
            result = fallback.route(self, path_components)
            if result is None:
                raise
            return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cards = fallback.cards(self, list(self.organizations().select_related("logo")), request)
        context["organization_cards"] = cards
        context["organizations"] = [card.page for card in cards]
        return context


class OrganizationPage(RengoPageMixin, Page):
    """One related organization, translated page by page."""

    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("Abbreviation or common short name, such as RENGO-RIALS or 連合総研."),
    )
    legal_form = models.CharField(
        _("legal form"),
        max_length=40,
        choices=LegalForm.choices,
        blank=True,
        help_text=_("Leave blank for organizations without a corporate legal form."),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    founded_month = models.PositiveSmallIntegerField(
        _("month founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Leave blank when only the year is known."),
    )
    founded_by_rengo = models.BooleanField(
        _("founded by RENGO"),
        default=False,
        help_text=_("Tick only where RENGO itself established the organization."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=1000,
        help_text=_("A sentence or two, shown in the list of organizations and on the page."),
    )
    body = StreamField(OrganizationBodyBlock(), verbose_name=_("body"), blank=True)
    website = WebsiteField(_("official website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The logo is shared; what it shows is told in each language (images are not translatable).
    logo_alt = models.CharField(
        _("logo description"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the logo in this page's language for people who cannot see it "
            "(alt text), such as “RENGO-RIALS logo”. Leave blank for “(short name) logo”."
        ),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    content_key = models.SlugField(
        _("content key"),
        max_length=64,
        blank=True,
        help_text=_(
            "Identifies the organization in rengo-wagtail's content files. "
            "Leave blank for organizations you create."
        ),
    )

    # Each field's role (rengo_wagtail.declarations).
    translated_fields = (
        "title",
        "short_name",
        "summary",
        "body",
        "logo_alt",
        "seo_title",
        "search_description",
    )
    shared_fields = (
        "legal_form",
        "founded_year",
        "founded_month",
        "founded_by_rengo",
        "website",
        "category",
        "logo",
    )
    content_file_fields = (
        "title",
        "short_name",
        "summary",
        "body",
        "logo_alt",
        "legal_form",
        "founded_year",
        "founded_month",
        "founded_by_rengo",
        "website",
        "category",
    )
    # ``name`` is the title; ``founded`` the founding year and month as one date.
    api_fields = [
        APIField("name"),
        APIField("name_with_legal_form"),
        APIField("short_name"),
        APIField("legal_form"),
        APIField("founded"),
        APIField("founded_by_rengo"),
        APIField("website"),
        APIField("category"),
        APIField("summary"),
        APIField("body"),
        APIField("body_html"),
        # With its alt text from ``logo_alt_text``, in the page's language.
        APIField("logo"),
    ]
    api_detail_only_fields = ("body", "body_html")
    # What names an organization, for search ranking (rengo_wagtail.search).
    search_name_fields = ("title", "short_name")

    content_panels = [
        FieldPanel("title", heading=_("Name"), help_text=_("Without the legal form.")),
        FieldPanel("short_name"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    # Read-only on translations (rengo_wagtail.translation.panels).
    facts_panels = [
        SharedFieldPanel("legal_form"),
        FieldRowPanel(
            [SharedFieldPanel("founded_year"), SharedFieldPanel("founded_month")],
            heading=_("Founded"),
        ),
        SharedFieldPanel("founded_by_rengo"),
        SharedFieldPanel("category"),
        SharedFieldPanel("website"),
        SharedFieldPanel("logo"),
        # Translated: editable on every language's page, beside the logo it describes.
        FieldPanel("logo_alt"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel([FieldPanel("content_key")], heading=_("Content files")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name", boost=5),
        index.AutocompleteField("short_name"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("category"),
        # Japanese text as character n-grams (rengo_wagtail.search), weighted
        # as the fields they come from.
        index.SearchField("search_name_ngrams", boost=5),
        index.SearchField("search_summary_ngrams", boost=2),
        index.SearchField("search_text_ngrams"),
    ]
    base_form_class = SharedFactsPageForm
    parent_page_types = ["rengo_wagtail.OrganizationIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["content_key"]
    template = "rengo_wagtail/organization_page.html"

    class Meta:
        verbose_name = _("organization page")
        verbose_name_plural = _("organization pages")

    def serve(self, request, *args, **kwargs):
        stand_in = kwargs.get(fallback.STAND_IN)
        if stand_in is not None:
            # The translated index's view restrictions hold for what it shows.
            response = fallback.restriction_response(stand_in, request)
            response = response or fallback.redirect_response(stand_in, request)
            if response is not None:
                return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Shown in place of a missing translation (rengo_wagtail.fallback), or None.
        context["rengo_stand_in"] = kwargs.get(fallback.STAND_IN)
        # The content is written in its own language even where the page stands in.
        context["content_language"] = i18n.ui_language_for(self.locale.language_code)
        return context

    def clean(self):
        super().clean()
        errors = {}
        if self.founded_month and not self.founded_year:
            errors["founded_month"] = _("Give the year as well as the month.")
        if self.content_key and self.locale_id:
            clash = (
                OrganizationPage.objects.filter(
                    locale_id=self.locale_id, content_key=self.content_key
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash:
                errors["content_key"] = _(
                    "“%(title)s” already uses this content key in this language."
                ) % {"title": clash.title}
        if errors:
            raise ValidationError(errors)

    def search_name_ngrams(self):
        return ngram_text(self, *self.search_name_fields)

    def search_summary_ngrams(self):
        return ngram_text(self, "summary")

    def search_text_ngrams(self):
        return ngram_text(self, "body")

    # What ``api_fields`` names beyond the model's fields, as plain values: a
    # host serving our pages through Wagtail's stock API gets them too; ours
    # (rengo_wagtail.api) gives them labels and renditions.
    @property
    def name(self):
        """The organization's name: its title."""
        return self.title

    @property
    def founded(self):
        """The founding date as ``{"iso": "1987-12", "display": "December 1987"}``, or None."""
        if self.founded_year is None:
            return None
        return {"iso": self.founded_iso, "display": self.founded_display}

    @property
    def body_html(self):
        """The body rendered with the app's block templates."""
        return str(self.body.render_as_block())

    @property
    def founded_iso(self):
        """The founding date as an ISO partial date: ``"1987-12"`` or ``"1991"``."""
        return formats.partial_date_iso(self.founded_year, self.founded_month)

    @property
    def founded_display(self):
        """The founding date in words, in the active language."""
        return formats.format_partial_date(self.founded_year, self.founded_month)

    @property
    def logo_alt_text(self):
        """The logo's alt text in the page's language: ``logo_alt``, else "(short name) logo"."""
        if self.logo_alt:
            return self.logo_alt
        with translation.override(i18n.ui_language_for(self.locale.language_code)):
            # Translators: the logo's alt text where editors gave none; the name is the
            # organization's short name, else its name.
            return gettext("%(name)s logo") % {"name": self.short_name or self.title}

    @property
    def name_with_legal_form(self):
        """The name as the active language writes it with the legal form."""
        pattern = NAME_WITH_LEGAL_FORM.get(self.legal_form)
        return str(pattern).format(name=self.title) if pattern else self.title
