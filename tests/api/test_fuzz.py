"""Schemathesis runs the OpenAPI schema against the live app, with the seed data: no
request, valid or not, gives a server error, and every answer matches the schema.
Bounded examples per operation, so the whole run fits CI's time."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.support import token_for
from tests.factories import make_user

# Not "positive data acceptance": a schema-valid slug that names nothing is rightly a
# 400 here (an unknown filter value is refused, never silently ignored), and a schema-
# valid update from a made-up version is rightly a 409 or 412.
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
FUZZ = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same cases every run: a failure in CI reproduces locally
    suppress_health_check=list(HealthCheck),
    database=None,
)


def served_schema() -> dict:
    """The document /api/v1/schema/ serves, made by the same generator and hooks."""
    from drf_spectacular.generators import SchemaGenerator

    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


# Built when the tests are collected, so that each operation is a test of its own;
# test_the_fuzzed_schema_is_the_one_the_live_server_serves proves it is the same one.
schema = schemathesis.openapi.from_dict(served_schema())


@pytest.fixture
def seeded_server(committed_seed, live_server) -> str:
    return live_server.url


@pytest.fixture
def tokens(seeded_server) -> dict[str, dict]:
    headers = {}
    for role in ("editor", "administrator"):
        user = make_user(f"fuzz-{role}", role)
        headers[role] = {"Authorization": f"Token {token_for(user)}"}
    return headers


def test_the_fuzzed_schema_is_the_one_the_live_server_serves(seeded_server):
    live = schemathesis.openapi.from_url(f"{seeded_server}/api/v1/schema/?format=json")
    assert live.raw_schema == schema.raw_schema
    operations = [result.ok() for result in live.get_all_operations()]
    assert len(operations) == 43


@schema.include(method="GET").parametrize()
@FUZZ
def test_reads_never_fail_and_match_the_schema(case, seeded_server):
    case.call_and_validate(base_url=seeded_server, checks=CHECKS)


@schema.include(method=["POST", "PUT", "PATCH"]).exclude(path_regex="/merge/$").parametrize()
@FUZZ
def test_an_editors_writes_never_fail_and_match_the_schema(case, seeded_server, tokens):
    case.call_and_validate(base_url=seeded_server, headers=tokens["editor"], checks=CHECKS)


@schema.include(method="DELETE").parametrize()
@FUZZ
def test_an_administrators_deletions_never_fail_and_match_the_schema(case, seeded_server, tokens):
    case.call_and_validate(base_url=seeded_server, headers=tokens["administrator"], checks=CHECKS)


@schema.include(path_regex="/merge/$").parametrize()
@FUZZ
def test_an_administrators_merges_never_fail_and_match_the_schema(case, seeded_server, tokens):
    case.call_and_validate(base_url=seeded_server, headers=tokens["administrator"], checks=CHECKS)
