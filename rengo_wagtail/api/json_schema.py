"""JSON Schemas of model fields and StreamField blocks as the API writes them.

``openapi`` builds the API's document from the page types' declared
``api_fields``: a field our serializers write has its schema on the
serializer (``openapi_schema()``); a plain model field gets the one here,
from its Django type. JSON Schema 2020-12, as OpenAPI 3.1 uses it.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
PAGE_ID = {"type": "integer", "minimum": 1}


def nullable(schema):
    """``schema`` or ``null``."""
    return {"anyOf": [schema, {"type": "null"}]}


def model_field_schema(model, name):
    """The schema of ``model``'s field ``name`` as Wagtail's serializers write it; ``{}``
    (anything) for what is not a model field."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {}
    schema = _field_schema(field)
    if field.verbose_name and schema:
        schema = {**schema, "title": str(field.verbose_name)}
    if field.null and schema:
        return nullable(schema)
    return schema


def _field_schema(field):
    if isinstance(field, StreamField):
        return stream_schema(field.stream_block)
    if isinstance(field, RichTextField):
        return {**STRING, "contentMediaType": "text/html"}
    if field.choices:
        codes = [code for code, _label in field.flatchoices]
        return {"enum": ["", *codes] if field.blank else codes}
    if isinstance(field, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, models.IntegerField | models.AutoField):
        return {"type": "integer"}
    if isinstance(field, models.FloatField | models.DecimalField):
        return {"type": "number"}
    if isinstance(field, models.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, models.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, models.URLField):
        return {"anyOf": [URL, {"const": ""}]} if field.blank else URL
    if isinstance(field, models.CharField | models.TextField):
        return {**STRING, "maxLength": field.max_length} if field.max_length else STRING
    if isinstance(field, models.ForeignKey):
        return {"type": "object", "properties": {"id": {"type": "integer"}}}
    return {}


def stream_schema(stream_block, value_schema=None):
    """A StreamField's JSON: a list of ``{"type", "value", "id"}``, one schema per block type.

    ``value_schema(block)`` may give a block's value schema where the API writes
    it differently from Wagtail (``block_schema``); ``None`` keeps Wagtail's.
    """
    value_schema = value_schema or block_schema
    return {
        "type": "array",
        "items": {
            "oneOf": [
                {
                    "type": "object",
                    "title": str(child.label or name),
                    "properties": {
                        "type": {"const": name},
                        "value": value_schema(child),
                        "id": STRING,
                    },
                    "required": ["type", "value", "id"],
                    "additionalProperties": False,
                }
                for name, child in stream_block.child_blocks.items()
            ]
        },
    }


def block_schema(block):
    """The schema of a block's value as ``get_api_representation`` writes it."""
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block)
    if isinstance(block, blocks.StructBlock):
        return {
            "type": "object",
            "properties": {name: block_schema(child) for name, child in block.child_blocks.items()},
        }
    if isinstance(block, blocks.ListBlock):
        return {"type": "array"}
    if isinstance(block, blocks.RichTextBlock):
        return {**STRING, "contentMediaType": "text/html"}
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, blocks.IntegerBlock):
        return nullable({"type": "integer"})
    if isinstance(block, blocks.FloatBlock | blocks.DecimalBlock):
        return nullable({"type": "number"})
    if isinstance(block, blocks.ChooserBlock):
        return nullable({"type": "integer"})
    if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.URLBlock):
        return STRING
    return {}
