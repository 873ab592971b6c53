"""The API's OpenAPI 3.1 document, generated from the page types' declared ``api_fields``.

Nothing here lists a page type's fields: each page type's schema is read from
what the endpoint serves (``get_body_fields``, ``get_meta_fields``), each
field's schema from its serializer (``openapi_schema()``) or, for a plain
model field, from its Django type (``json_schema``); the query parameters are
the endpoint's ``known_query_parameters`` and the field filters of each type.
The document is in English, as the API's field names and Wagtail's messages
are: it is a contract for programs, not text for visitors.
"""

from django.conf import settings
from django.utils import translation
from wagtail.models import Page, get_page_models

from .. import __version__, i18n
from .json_schema import PAGE_ID, STRING, URL, model_field_schema, nullable
from .parameters import MAX_OFFSET
from .preview import PREVIEW_PARAMETER

OPENAPI_VERSION = "3.1.0"
JSON = "application/json"

# Wagtail's own meta fields, which its serializers write without a schema of their own.
WAGTAIL_META_SCHEMAS = {
    "type": {**STRING, "description": "The page type, as app_label.ModelName."},
    "detail_url": URL,
    "locale": {**STRING, "description": "The page's language code."},
}

# What each query parameter the endpoint knows means. Names the endpoint does
# not know (``rich_text_format`` before Wagtail 8) are left out of the document.
PARAMETERS = {
    "limit": ("How many items, at most WAGTAILAPI_LIMIT_MAX (default 20).", None),
    "offset": ("How many items to skip.", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
    "fields": (
        "Fields to add or (with a minus) remove: `title,-slug`; `*` for all of each type's "
        "fields, `_` for none.",
        STRING,
    ),
    "order": ("A field to order by; a minus reverses; `random` shuffles.", STRING),
    "search": (
        "Words to search for in `locale` or the visitor's language; Japanese matches any part "
        "of a word. At most 100 characters and 16 words.",
        STRING,
    ),
    "search_operator": ("Whether every word (`and`) or any word (`or`) must match.", None),
    "type": (
        "Page types, as app_label.ModelName, comma-separated. One type allows its own fields "
        "in `fields` and as filters.",
        STRING,
    ),
    "child_of": ("Children of this page id (or `root`).", STRING),
    "descendant_of": ("Descendants of this page id (or `root`).", STRING),
    "ancestor_of": ("Ancestors of this page id.", PAGE_ID),
    "translation_of": ("Translations of this page id (or `root`).", STRING),
    "locale": ("Pages in this language only.", None),
    "fallback": (
        "With `locale`: where a page has no live version in that language, its "
        "source-language version, marked `meta.fallback`.",
        {"type": "boolean"},
    ),
    "site": ("The Site whose pages to serve, as hostname or hostname:port.", STRING),
    "rich_text_format": (
        "`html` (the default): rich text with links resolved to absolute URLs, images in the "
        "body with their renditions; `db_html`: as stored, Wagtail's own JSON.",
        {"enum": ["html", "db_html"]},
    ),
}
SKIPPED_PARAMETERS = {"_", "format"}


def _parameter_schema(name):
    description, schema = PARAMETERS.get(name, ("", STRING))
    if name == "limit":
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or MAX_OFFSET
        schema = {"type": "integer", "minimum": 0, "maximum": limit_max}
    elif name == "locale":
        schema = {"enum": i18n.content_language_codes()}
    elif name == "search_operator":
        schema = {"enum": ["and", "or"]}
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _field_schema(view_class, model, field):
    declared = view_class.base_serializer_class._declared_fields
    serializer = field.serializer or declared.get(field.name)
    if serializer is not None and hasattr(serializer, "openapi_schema"):
        return serializer.openapi_schema()
    if field.name in WAGTAIL_META_SCHEMAS:
        return WAGTAIL_META_SCHEMAS[field.name]
    if field.name == "id":
        return PAGE_ID
    return model_field_schema(model, field.name)


def page_schema(view_class, model, *, own_types=()):
    """The schema of a page of type ``model`` as the endpoint writes it.

    Every field may be left out (``fields=``). ``meta.type`` names ``model``; for
    ``Page`` itself, any type but ``own_types``, which have schemas of their own.
    """
    meta = {
        field.name: _field_schema(view_class, model, field)
        for field in view_class.get_meta_fields(model)
    }
    if model is Page:
        meta["type"] = {**STRING, "not": {"enum": list(own_types)}}
    else:
        meta["type"] = {"const": model._meta.label}
    body = {
        field.name: _field_schema(view_class, model, field)
        for field in view_class.get_body_fields(model)
    }
    return {
        "type": "object",
        "title": str(model._meta.verbose_name),
        "properties": {
            "id": body.pop("id", PAGE_ID),
            "meta": {"type": "object", "properties": meta, "additionalProperties": False},
            **body,
        },
        # Page types of the host's with no schema of their own may add fields.
        "additionalProperties": model is Page,
    }


def _field_filters(view_class, model, own_filters=()):
    """Query parameters that filter ``model`` by one of its database fields' value."""
    names = view_class.get_available_fields(model, db_fields_only=True)
    filters = []
    for name in names:
        if name in own_filters or name in ("locale", "id"):
            continue
        schema = model_field_schema(model, name)
        if schema.get("type") not in ("string", "boolean", "integer") and "enum" not in schema:
            continue  # rich text, StreamField, relations: no filter worth documenting
        note = "" if model is Page else f" Needs `type={model._meta.label}`."
        filters.append(
            {
                "name": name,
                "in": "query",
                "description": f"Only pages whose `{name}` is this value.{note}",
                "schema": {key: value for key, value in schema.items() if key != "title"},
            }
        )
    return filters


CONTENT_LANGUAGE = {
    "Content-Language": {
        "description": "The language of the pages in the response (comma-separated).",
        "schema": STRING,
    }
}
REDIRECT = {
    "type": "object",
    "properties": {
        "redirect": {
            "type": "object",
            "properties": {
                "status": {"enum": [301, 302]},
                "location": URL,
                "page": nullable(
                    {
                        "type": "object",
                        "properties": {"id": PAGE_ID, "detail_url": URL},
                        "required": ["id", "detail_url"],
                    }
                ),
            },
            "required": ["status", "location", "page"],
        }
    },
    "required": ["redirect"],
}


def _error(description):
    return {
        "description": description,
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def document(view_class, server_url):
    """The OpenAPI 3.1 document of ``view_class``'s endpoint at ``server_url``."""
    with translation.override(None):
        return _document(view_class, server_url)


def _document(view_class, server_url):
    own_models = [
        model
        for model in get_page_models()
        if model is not Page and "api_fields" in vars(model) and model.api_fields
    ]
    own_types = [model._meta.label for model in own_models]
    schemas = {
        "Error": {
            "type": "object",
            "properties": {"message": STRING},
            "required": ["message"],
        },
        "Page": page_schema(view_class, Page, own_types=own_types),
    }
    for model in own_models:
        schemas[model.__name__] = page_schema(view_class, model)
    any_page = {
        "anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in schemas if name != "Error"]
    }
    schemas["AnyPage"] = any_page
    schemas["Listing"] = {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {
                    "total_count": {"type": "integer", "minimum": 0},
                    "next": nullable(URL),
                    "previous": nullable(URL),
                },
                "required": ["total_count", "next", "previous"],
            },
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/AnyPage"}},
        },
        "required": ["meta", "items"],
        "additionalProperties": False,
    }

    known = sorted(set(view_class.known_query_parameters) - SKIPPED_PARAMETERS)
    listing_parameters = [_parameter_schema(name) for name in known]
    page_filters = _field_filters(view_class, Page, own_filters=known)
    type_filters = []
    seen = {parameter["name"] for parameter in page_filters}
    for model in own_models:
        for parameter in _field_filters(view_class, model, own_filters=known):
            if parameter["name"] not in seen:
                seen.add(parameter["name"])
                type_filters.append(parameter)
    detail_names = [name for name in ("fields", "site", "rich_text_format") if name in known]
    detail_parameters = [_parameter_schema(name) for name in detail_names]
    find_parameters = [
        {
            "name": "html_path",
            "in": "query",
            "description": "A page's path on the site, with its language prefix where "
            "the site has them (`/ja/about/`).",
            "schema": STRING,
        },
        {"name": "id", "in": "query", "description": "A page id.", "schema": PAGE_ID},
        _parameter_schema("site"),
    ]
    errors = {
        "400": _error("A parameter is wrong; the message says which and why."),
        "404": _error("No page with this id or path is published here."),
        "429": _error(
            "Too many requests, where the host turns on Django REST framework's throttling; "
            "the Retry-After header says when to try again."
        ),
    }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "rengo-wagtail pages API",
            "version": __version__,
            "description": "Wagtail's API v2 pages endpoint with rengo-wagtail's page types, "
            'in every content language. Errors are JSON: {"message": "…"}.',
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/": {
                "get": {
                    "operationId": "listPages",
                    "summary": "Live, public pages",
                    "parameters": [*listing_parameters, *page_filters, *type_filters],
                    "responses": {
                        "200": {
                            "description": "The pages, paginated.",
                            "headers": CONTENT_LANGUAGE,
                            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Listing"}}},
                        },
                        **errors,
                    },
                }
            },
            "/{id}/": {
                "get": {
                    "operationId": "getPage",
                    "summary": "One live, public page, with every field of its type",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": PAGE_ID},
                        *detail_parameters,
                    ],
                    "responses": {
                        "200": {
                            "description": "The page.",
                            "headers": CONTENT_LANGUAGE,
                            "content": {JSON: {"schema": {"$ref": "#/components/schemas/AnyPage"}}},
                        },
                        **errors,
                    },
                }
            },
            "/find/": {
                "get": {
                    "operationId": "findPage",
                    "summary": "The page at a path or with an id: a redirect to its detail URL",
                    "description": "Other query parameters are kept in the redirect. A page "
                    "that stands in for a missing translation at that path gets `locale` and "
                    "`fallback=true` added. A path that a Wagtail redirect (wagtail.contrib."
                    "redirects) covers answers 200 with that redirect, for the front end to "
                    "answer with.",
                    "parameters": find_parameters,
                    "responses": {
                        "200": {
                            "description": "The path is redirected (wagtail.contrib.redirects).",
                            "content": {JSON: {"schema": REDIRECT}},
                        },
                        "302": {
                            "description": "The page's detail URL.",
                            "headers": {"Location": {"schema": URL, "required": True}},
                        },
                        **errors,
                    },
                }
            },
            "/preview/": {
                "get": {
                    "operationId": "previewPage",
                    "summary": "The draft a preview token names (private, no-store)",
                    "description": 'The admin\'s "Preview on front end" opens the front end '
                    "with `?content_type=…&token=…&locale=…`; the front end passes the token "
                    "here and gets the page's latest revision as the detail view writes it.",
                    "parameters": [
                        {
                            "name": PREVIEW_PARAMETER,
                            "in": "query",
                            "required": True,
                            "description": "The preview token.",
                            "schema": STRING,
                        },
                        _parameter_schema("fields"),
                    ],
                    "responses": {
                        "200": {
                            "description": "The draft.",
                            "headers": CONTENT_LANGUAGE,
                            "content": {JSON: {"schema": {"$ref": "#/components/schemas/AnyPage"}}},
                        },
                        "400": _error("No token, or one that has expired or no longer works."),
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenAPIDocument",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "The OpenAPI 3.1 document.",
                            "content": {JSON: {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": schemas},
    }
