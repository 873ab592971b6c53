"""How the API writes our page types' fields and each page's meta data.

Labels and dates are in the page's own language. Everything that needs the
database reads what ``loading.prepare`` fetched in bulk for the whole batch, so a
listing's query count does not grow with its length.
"""

from django.utils import translation
from rest_framework.fields import Field, ReadOnlyField, SkipField
from wagtail import blocks
from wagtail.api import APIField
from wagtail.api.v2.serializers import PageParentField, PageSerializer, get_serializer_class
from wagtail.api.v2.utils import get_object_detail_url
from wagtail.blocks import StreamValue
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .. import formats, i18n, links
from ..conf import DEFAULTS
from ..models import Category, LegalForm, RengoPageMixin
from . import images, rich_text
from .json_schema import PAGE_ID, STRING, URL, block_schema, nullable, stream_schema

# The logo's renditions by default (RENGO_WAGTAIL_API_RENDITIONS["logo"]): each
# fits the logo inside a square of that many pixels, keeping its proportions.
LOGO_RENDITIONS = DEFAULTS["API_RENDITIONS"]["logo"]
HTML = {**STRING, "contentMediaType": "text/html"}


class PageURLField(Field):
    """``html_url``: the page's absolute URL on its own language's domain (``links``); for a
    page that stands in for a missing translation, where the HTML site shows it
    (``loading``)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        stand_in_url = self.context["view"].batch.stand_in_urls.get(page.pk)
        return stand_in_url or links.page_url(page, self.context["request"])

    def openapi_schema(self):
        return nullable(URL)


TRANSLATION_SCHEMA = {
    "type": "object",
    "properties": {
        "locale": STRING,
        "id": PAGE_ID,
        "html_url": nullable(URL),
        "detail_url": URL,
    },
    "required": ["locale", "id", "html_url", "detail_url"],
    "additionalProperties": False,
}


class TranslationsField(Field):
    """``meta.translations``: the page's other live, public versions: locale, id and URL."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context["request"]
        router = self.context["router"]
        versions = self.context["view"].batch.translations.get(page.translation_key, ())
        return [
            {
                "locale": version.locale.language_code,
                "id": version.pk,
                "html_url": links.page_url(version, request),
                "detail_url": get_object_detail_url(router, request, type(version), version.pk),
            }
            for version in versions
            if version.pk != page.pk and version.locale_id != page.locale_id
        ]

    def openapi_schema(self):
        return {"type": "array", "items": TRANSLATION_SCHEMA}


class FallbackField(Field):
    """``meta.fallback``: whether a ``fallback=true`` listing stands in a source page for one
    missing in the requested language. Left out of responses without ``fallback``."""

    def get_attribute(self, instance):
        locale = self.context["view"].fallback_locale
        if locale is None:
            raise SkipField
        return instance

    def to_representation(self, page):
        return page.locale_id != self.context["view"].fallback_locale.pk

    def openapi_schema(self):
        return {"type": "boolean"}


class VisibleAliasOfField(Field):
    """``meta.alias_of``: the page this one is an alias of, only where it is public itself."""

    def get_attribute(self, instance):
        if instance.alias_of_id is None:
            return None
        target = self.context["view"].batch.alias_targets.get(instance.alias_of_id)
        return target  # None where the original is a draft or restricted

    def to_representation(self, page):
        return _page_summary(page, self.context)

    def openapi_schema(self):
        return nullable(PAGE_SUMMARY_SCHEMA)


class VisibleParentField(PageParentField):
    """``meta.parent`` (detail only) where it is visible, with the URL from ``links``."""

    def get_attribute(self, instance):
        parent_path = instance.path[: -instance.steplen]
        return (
            self.context["base_queryset"].filter(path=parent_path).select_related("locale").first()
        )

    def to_representation(self, value):
        return _page_summary(value, self.context)

    def openapi_schema(self):
        return nullable(PAGE_SUMMARY_SCHEMA)


# What _page_summary writes.
PAGE_SUMMARY_SCHEMA = {
    "type": "object",
    "properties": {
        "id": PAGE_ID,
        "meta": {
            "type": "object",
            "properties": {"type": STRING, "detail_url": URL, "html_url": nullable(URL)},
            "required": ["type", "detail_url", "html_url"],
        },
        "title": STRING,
    },
    "required": ["id", "meta", "title"],
}


def _page_summary(page, context):
    serializer_class = get_serializer_class(
        type(page),
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=RengoPageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class ChoiceField(Field):
    """A choice as its code and its label in the page's language; ``null`` when blank."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if not value:
            return None
        try:
            label = str(self.choices(value).label)
        except ValueError:  # a code that is no longer a choice
            label = value
        return {"code": value, "label": label}

    def openapi_schema(self):
        return nullable(
            {
                "type": "object",
                "properties": {"code": {"enum": list(self.choices.values)}, "label": STRING},
                "required": ["code", "label"],
                "additionalProperties": False,
            }
        )


class FoundedField(Field):
    """The founding date: ISO partial date (``"1987-12"``) and the page's language's words."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        if page.founded_year is None:
            return None
        return {
            "iso": page.founded_iso,
            "display": formats.format_partial_date(
                page.founded_year, page.founded_month, page.locale.language_code
            ),
        }

    def openapi_schema(self):
        return nullable(
            {
                "type": "object",
                "properties": {
                    "iso": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2})?$"},
                    "display": STRING,
                },
                "required": ["iso", "display"],
                "additionalProperties": False,
            }
        )


class BodyHTMLField(Field):
    """The body rendered with the app's block templates, ready for a front end: its rich
    text's links resolved as ``rich_text`` resolves them, images at absolute URLs. With
    ``?rich_text_format=db_html``, as the CMS renders it (links to the CMS's paths)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="body", **kwargs)

    def to_representation(self, value):
        if self.context["view"].rich_text_format == rich_text.STORED:
            return str(value.render_as_block())
        # The same blocks, each paragraph's rich text already resolved: the block
        # templates then find no stored link left to expand.
        resolved = StreamValue(
            value.stream_block,
            [
                (
                    child.block_type,
                    RichText(_rich_text(child.value.source, self.context))
                    if isinstance(child.block, blocks.RichTextBlock)
                    else child.value,
                    child.id,
                )
                for child in value
            ],
        )
        return rich_text.absolute_urls(str(resolved.render_as_block()), self.context["request"])

    def openapi_schema(self):
        return {**STRING, "contentMediaType": "text/html"}


class LogoField(Field):
    """The logo: size, renditions and ``srcset`` (``images``, ``"logo"``), and the page's alt
    text for it in the page's language (``logo_alt_text``): the image is shared, its
    description is not."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        if page.logo is None:
            return None
        return images.image_data(page.logo, "logo", self.context["request"], alt=page.logo_alt_text)

    def openapi_schema(self):
        return nullable(images.image_schema("logo"))


class RichTextHTMLField(Field):
    """A rich text field, its links resolved for a front end (``rich_text``), or as stored
    with ``?rich_text_format=db_html``."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return _rich_text(str(value), self.context)

    def openapi_schema(self):
        return HTML


def _rich_text(html, context):
    if context["view"].rich_text_format == rich_text.STORED:
        return html
    resolver = context.get("rengo_rich_text")
    if resolver is None:
        resolver = context["rengo_rich_text"] = rich_text.Resolver(context["request"])
    return resolver(html)


class BodyField(Field):
    """The body as StreamField JSON that a front end renders as it is: rich text resolved
    (``rich_text``), each image as ``images`` writes it. With
    ``?rich_text_format=db_html``, Wagtail's own JSON: stored rich text, image ids."""

    def __init__(self, stream_block=None, **kwargs):
        self.stream_block = stream_block
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if self.context["view"].rich_text_format == rich_text.STORED:
            return value.stream_block.get_api_representation(value, self.context)
        return self._stream(value)

    def _stream(self, value):
        return [
            {
                "type": child.block.name,
                "value": self._value(child.block, child.value),
                "id": child.id,
            }
            for child in value
        ]

    def _value(self, block, value):
        if isinstance(block, blocks.StreamBlock):
            return self._stream(value)
        if isinstance(block, blocks.StructBlock):
            return {
                name: self._value(block.child_blocks[name], item) for name, item in value.items()
            }
        if isinstance(block, blocks.ListBlock):
            return [self._value(block.child_block, item) for item in value]
        if isinstance(block, blocks.RichTextBlock):
            return _rich_text(value.source, self.context)
        if isinstance(block, ImageChooserBlock):
            return images.image_data(value, "body", self.context["request"]) if value else None
        return block.get_api_representation(value, self.context)

    def openapi_schema(self):
        return stream_schema(self.stream_block, _block_value_schema)


def _block_value_schema(block):
    """What ``BodyField`` writes for ``block``, where that differs from Wagtail's JSON."""
    if isinstance(block, blocks.StructBlock):
        return {
            "type": "object",
            "properties": {
                name: _block_value_schema(child) for name, child in block.child_blocks.items()
            },
        }
    if isinstance(block, blocks.RichTextBlock):
        return HTML
    if isinstance(block, ImageChooserBlock):
        return nullable(images.image_schema("body"))
    return block_schema(block)


class TextField(ReadOnlyField):
    """A text attribute that is not a model field: ``name`` (the title), a property."""

    def openapi_schema(self):
        return STRING


# How the API writes those of our page types' ``api_fields`` (declared on the
# page classes) that are not plain values: by field name, a serializer for the model.
SERIALIZERS = {
    "name": lambda model: TextField(source="title"),
    "name_with_legal_form": lambda model: TextField(),
    "legal_form": lambda model: ChoiceField(LegalForm),
    "founded": lambda model: FoundedField(),
    "category": lambda model: ChoiceField(Category),
    "body_html": lambda model: BodyHTMLField(),
    "logo": lambda model: LogoField(),
    "intro": lambda model: RichTextHTMLField(),
    "body": lambda model: BodyField(model._meta.get_field("body").stream_block),
}


def api_fields(model):
    """``model``'s declared ``api_fields``; on our page types, each with its serializer
    from ``SERIALIZERS``. Other page types keep theirs as they are."""
    fields = list(getattr(model, "api_fields", ()))
    if not issubclass(model, RengoPageMixin):
        return fields
    return [
        APIField(field.name, serializer=SERIALIZERS[field.name](model))
        if field.name in SERIALIZERS and field.serializer is None
        else field
        for field in fields
    ]


class RengoPageSerializer(PageSerializer):
    """Wagtail's page serializer with URLs from ``links``, labels in the page's language."""

    html_url = PageURLField(read_only=True)
    parent = VisibleParentField(read_only=True)
    alias_of = VisibleAliasOfField(read_only=True)
    translations = TranslationsField(read_only=True)
    fallback = FallbackField(read_only=True)

    def to_representation(self, instance):
        with translation.override(i18n.ui_language_for(instance.locale.language_code)):
            return super().to_representation(instance)
