"""The OpenAPI document and its documentation page."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml
from django.conf import settings
from drf_spectacular.validation import validate_schema


def test_the_schema_is_valid_openapi_describing_every_endpoint(db, client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for name in ["outlets", "articles", "actors", "claims", "statements", "quotes"]:
        assert f"/api/v1/{name}/" in paths
    for path in [
        "/api/v1/statements/export.csv",
        "/api/v1/statements/export.jsonl",
        "/api/v1/quotes/annotations.jsonld",
        "/api/v1/actors/{slug}/merge/",
    ]:
        assert path in paths
    text = response.content.decode()
    assert re.search(r"- asserted\s+- denied\s+- confirmed", text)
    assert re.search(r"- day\s+- month\s+- year", text)
    parameters = {p["name"] for p in schema["paths"]["/api/v1/statements/"]["get"]["parameters"]}
    assert {
        "actor",
        "speaker",
        "stance",
        "claim",
        "outlet",
        "year",
        "date_from",
        "date_to",
        "q",
        "cursor",
    } <= parameters


def test_the_docs_page_loads_nothing_from_another_host(db, client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger" in html.lower()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def test_schema_generation_has_no_warnings():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            "/dev/null",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr
