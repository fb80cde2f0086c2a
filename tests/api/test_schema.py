"""The OpenAPI 3 document describes every endpoint, parameter, enumeration and error,
and its documentation page is served entirely from this server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

from claims.exports.statements import QUOTE_FIELDS
from claims.filters import FILTER_PARAMETERS
from tests.api.contract import CONTRACT_KEYS

RECORDS = {
    "outlets": "{slug}",
    "articles": "{id}",
    "actors": "{slug}",
    "claims": "{slug}",
    "statements": "{id}",
    "quotes": "{id}",
}
EXPORTS = [
    "/api/v1/statements/export.csv",
    "/api/v1/statements/export.jsonl",
    "/api/v1/quotes/export.csv",
    "/api/v1/quotes/export.jsonl",
    "/api/v1/quotes/annotations.jsonld",
]


@pytest.fixture
def schema(db, client) -> dict:
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


def test_the_schema_is_valid_openapi_3_in_yaml_and_json(schema, client):
    validate_schema(schema)  # the OpenAPI 3 JSON Schema, as drf-spectacular ships it
    assert schema["openapi"].startswith("3.")
    as_yaml = client.get("/api/v1/schema/")
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(as_yaml.content) == schema


def test_every_reference_resolves(schema):
    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    found = set(refs(schema))
    assert found
    for ref in found:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schema["components"]["schemas"], ref


def test_every_endpoint_and_method_is_described(schema):
    paths = schema["paths"]
    for name, lookup in RECORDS.items():
        assert set(paths[f"/api/v1/{name}/"]) >= {"get", "post"}, name
        assert set(paths[f"/api/v1/{name}/{lookup}/"]) >= {"get", "put", "patch", "delete"}, name
    for name in ("actors", "claims"):
        assert "post" in paths[f"/api/v1/{name}/{{slug}}/merge/"]
    for path in EXPORTS:
        assert "get" in paths[path], path
    assert "/api/v1/statements/export.csv" in paths
    # Nothing undocumented is served either: every path is one of these.
    expected = (
        {f"/api/v1/{name}/" for name in RECORDS}
        | {f"/api/v1/{name}/{lookup}/" for name, lookup in RECORDS.items()}
        | {"/api/v1/actors/{slug}/merge/", "/api/v1/claims/{slug}/merge/"}
        | set(EXPORTS)
        | {"/api/v1/articles/{id}/proposals/"}  # the attribution assistant's, for editors
    )
    assert set(paths) == expected


def test_the_enumerations_are_the_contracts(schema):
    components = schema["components"]["schemas"]
    assert components["StanceEnum"]["enum"] == ["asserted", "denied", "confirmed", "noncommittal"]
    assert components["DatePrecisionEnum"]["enum"] == ["day", "month", "year"]
    assert components["ActorKindEnum"]["enum"] == ["state", "organisation", "person", "media"]
    statement = components["StatementOut"]["properties"]
    assert statement["stance"]["$ref"].endswith("/StanceEnum")
    assert statement["made_on_precision"]["$ref"].endswith("/DatePrecisionEnum")
    request = components["StatementRequest"]["properties"]
    assert request["stance"]["$ref"].endswith("/StanceEnum")
    assert request["made_on_precision"]["$ref"].endswith("/DatePrecisionEnum")


def test_the_statement_shape_is_the_contracts(schema):
    components = schema["components"]["schemas"]
    statement = components["StatementOut"]
    assert set(statement["properties"]) >= CONTRACT_KEYS
    assert set(statement["required"]) >= CONTRACT_KEYS
    assert set(components["QuoteOut"]["properties"]) == set(QUOTE_FIELDS)
    assert set(components["ClaimRef"]["properties"]) == {"slug", "text"}
    listed = schema["paths"]["/api/v1/statements/"]["get"]["responses"]["200"]
    page = listed["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert components[page]["properties"]["results"]["items"]["$ref"].endswith("/StatementOut")
    assert set(components[page]["properties"]) >= {"next", "previous", "results"}


def parameters(operation: dict) -> dict[str, dict]:
    return {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}


def test_the_statement_filters_are_described_with_their_enumerations(schema):
    listed = parameters(schema["paths"]["/api/v1/statements/"]["get"])
    assert set(listed) == {*FILTER_PARAMETERS, "cursor", "page_size"}
    # The vocabulary's names, as the pages use them.
    assert set(FILTER_PARAMETERS) >= {
        "actor",
        "speaker",
        "stance",
        "claim",
        "outlet",
        "year",
        "date_from",
        "date_to",
        "q",
    }
    for path in ("/api/v1/statements/export.csv", "/api/v1/statements/export.jsonl"):
        assert set(parameters(schema["paths"][path]["get"])) == set(FILTER_PARAMETERS), path
    stance = listed["stance"]["schema"]
    assert stance["type"] == "array"  # several values: ?stance=denied&stance=confirmed
    assert set(stance["items"]["enum"]) == {"asserted", "denied", "confirmed", "noncommittal"}
    for name in ("actor", "speaker", "claim", "outlet", "year"):
        assert listed[name]["schema"]["type"] == "array", name
    assert listed["year"]["schema"]["items"]["type"] == "integer"
    assert listed["date_from"]["schema"] == {"type": "string", "format": "date"}


def test_errors_and_credentials_are_described(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in ("400", "401", "403", "429"):
                assert code in responses, (method, path, code)
            security = operation.get("security", [])
            if method == "get" and path.endswith("/proposals/"):
                # The attribution assistant's proposals are for editors, even to read.
                assert {} not in security, (path, "proposals need an editor's credentials")
            elif method == "get":
                assert {} in security, (path, "reads need no credentials")
            else:
                assert {} not in security, (method, path, "writes need credentials")
                assert {"knoxApiToken": []} in security, (method, path)
            if method in ("put", "patch"):
                assert {"409", "412"} <= set(responses), (method, path)
    token = schema["components"]["securitySchemes"]["knoxApiToken"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")


def test_the_docs_page_is_served_entirely_from_this_server(db, client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    # The initialising script is a file of its own (the CSP allows no inline script).
    [script] = re.findall(r'<script src="(/api/v1/docs/\?script=[^"]*)"', page)
    assert "SwaggerUIBundle" in client.get(script).content.decode()
    assert "<script>" not in page and "<style>" not in page
    # No other host anywhere: no CDN for scripts, styles or fonts, nor the schema.
    others = [
        url
        for url in re.findall(r"""(?:https?:)?//[^\s"'<>)]+""", page)
        if not url.split("//", 1)[1].startswith(("testserver/", "testserver:"))
    ]
    assert others == []
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    assets.remove(script)
    assert len(assets) >= 3
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/")
        relative = asset.removeprefix("/").removeprefix(settings.STATIC_URL.strip("/") + "/")
        assert finders.find(relative), f"{asset} is not among this server's static files"
    assert '"/api/v1/schema/"' in client.get(script).content.decode()


def test_spectacular_validates_the_schema_without_warnings():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            os.devnull,
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stderr and "Error" not in result.stderr, result.stderr


def test_updates_describe_how_to_name_the_version_they_were_made_from(schema):
    """A client built from the schema alone can update: it learns of the ETag, of
    If-Match and of `version` (without one of them every update is a 400)."""
    components = schema["components"]["schemas"]
    for name, lookup in RECORDS.items():
        detail = schema["paths"][f"/api/v1/{name}/{lookup}/"]
        assert "ETag" in detail["get"]["responses"]["200"]["headers"], name
        for method in ("put", "patch", "delete"):
            headers = {p["name"] for p in detail[method]["parameters"] if p["in"] == "header"}
            assert "If-Match" in headers, (method, name)
        for method in ("put", "patch"):
            body = detail[method]["requestBody"]["content"]["application/json"]["schema"]
            properties = components[body["$ref"].rsplit("/", 1)[1]]["properties"]
            assert properties["version"]["type"] == "integer", (method, name)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/articles/1.5e-3/",  # no route matches: an id is digits, a suffix letters
        "/api/v1/actors/a.b-c/",
        "/api/v1/claims/%C2%9C.%C2%A3/",
        "/api/v1/no-such-thing/",
        "/api/v1/statements/1/quotes/",
    ],
)
def test_any_other_api_address_answers_a_json_404_as_the_schema_says(path, db, client):
    """Found by the schema fuzzing: these fell through to the site's HTML 404 page."""
    for method in (client.get, client.post, client.delete):
        response = method(path)
        assert response.status_code == 404, (method, path)
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]
    # Without the slash, Django still points to the address with one.
    assert client.get("/api/v1/claims").status_code == 301
