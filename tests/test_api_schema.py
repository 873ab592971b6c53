"""The API's OpenAPI 3.1 document: valid, generated from the declarations, and kept.

``openapi-spec-validator`` checks the document; schemathesis generates
requests for every operation from it, in both languages, and checks each
response against it: documented status, content type and JSON schema, and
never a 5xx.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
DOCUMENT = f"{API}openapi.json"
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def document(client, api, section):
    response = client.get(DOCUMENT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)
    assert document["servers"] == [{"url": "http://testserver/api/v2/pages"}]
    assert set(document["paths"]) == {"/", "/{id}/", "/find/", "/preview/", "/openapi.json"}


def test_each_page_type_has_its_declared_api_fields(document):
    schemas = document["components"]["schemas"]
    for model in (OrganizationPage, OrganizationIndexPage):
        properties = schemas[model.__name__]["properties"]
        assert {field.name for field in model.api_fields} <= set(properties)
        assert properties["meta"]["properties"]["type"] == {"const": model._meta.label}
        assert schemas[model.__name__]["additionalProperties"] is False
    organization = schemas["OrganizationPage"]["properties"]
    assert organization["category"]["anyOf"][0]["properties"]["code"]["enum"][0] == "research"
    assert organization["founded_by_rengo"]["type"] == "boolean"
    body_types = [
        item["properties"]["type"]["const"] for item in organization["body"]["items"]["oneOf"]
    ]
    assert body_types == ["heading", "paragraph", "image"]


def test_every_parameter_is_documented(document):
    listing = {parameter["name"] for parameter in document["paths"]["/"]["get"]["parameters"]}
    assert {
        "locale",
        "fallback",
        "search",
        "search_operator",
        "type",
        "fields",
        "limit",
        "offset",
        "order",
        "child_of",
        "descendant_of",
        "ancestor_of",
        "translation_of",
        "site",
        "category",
        "slug",
    } <= listing
    parameters = document["paths"]["/"]["get"]["parameters"]
    locale = next(parameter for parameter in parameters if parameter["name"] == "locale")
    assert locale["schema"] == {"enum": ["en", "ja"]}
    for operation in ("/", "/{id}/", "/find/"):
        responses = document["paths"][operation]["get"]["responses"]
        assert responses["400"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }


def test_the_document_follows_a_change_of_declaration(client, api, section, monkeypatch):
    from wagtail.api import APIField

    monkeypatch.setattr(
        OrganizationIndexPage, "api_fields", [*OrganizationIndexPage.api_fields, APIField("slug")]
    )
    schemas = client.get(DOCUMENT).json()["components"]["schemas"]
    assert schemas["OrganizationIndexPage"]["properties"]["slug"]["type"] == "string"


CONFORMANCE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def valid_queries(section):
    """Queries that the API answers with data: schemathesis' own mostly meet a 400 or 404."""
    organization = "rengo_wagtail.OrganizationPage"
    return st.fixed_dictionaries(
        {},
        optional={
            "locale": st.sampled_from(["en", "ja"]),
            "type": st.sampled_from([organization, "rengo_wagtail.OrganizationIndexPage"]),
            "fields": st.sampled_from(["*", "_,title", "title,-slug", "*,-translations"]),
            "limit": st.integers(0, 5).map(str),
            "offset": st.integers(0, 10).map(str),
            "order": st.sampled_from(["title", "-id", "id"]),
            "search": st.sampled_from(["RENGO", "連合", "research", "研究所"]),
            "child_of": st.sampled_from([section.index.pk, section.index_ja.pk]).map(str),
        },
    )


@pytest.fixture
def wsgi_app():
    """The WSGI application, kept on the test's database connection as Django's test client
    keeps it: a finished request would otherwise close it (PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_responses_conform_to_the_document(api, section, language, wsgi_app):
    schema = schemathesis.openapi.from_wsgi(DOCUMENT, wsgi_app)
    operations = {result.ok().label: result.ok() for result in schema.get_all_operations()}
    assert {"GET /", "GET /{id}/", "GET /find/"} <= set(operations)
    for operation in operations.values():
        conform(operation, section, language)


def conform(operation, section, language):
    """Schemathesis' cases for ``operation``, and as many with values that find something."""
    page_ids = [page.pk for page in vars(section).values() if hasattr(page, "pk")]
    paths = ["/en/", "/ja/about-rengo/related-organizations/rengo-rials/", "/en/nowhere/"]

    @CONFORMANCE
    @given(
        case=operation.as_strategy(),
        ours=st.booleans(),
        query=valid_queries(section),
        page_id=st.sampled_from(page_ids),
        html_path=st.sampled_from(paths),
    )
    def check(case, ours, query, page_id, html_path):
        if ours:
            if operation.label == "GET /":
                case.query = query
            elif operation.label == "GET /find/":
                case.query = {"html_path": html_path}
            else:
                case.query = {"fields": query.get("fields", "*")}
            if case.path_parameters:
                case.path_parameters = {"id": page_id}
        case.call_and_validate(headers={"Accept-Language": language}, checks=CHECKS)

    check()
