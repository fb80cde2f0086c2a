"""Schemathesis runs the OpenAPI schema against the live app, with the seed data: no
request, valid or not, gives a server error, and every answer matches the schema.

CASES generated cases per operation (reads, an editor's writes, an administrator's
deletions and merges), plus the schema's own examples, counted as they run and recorded
as a figure when the module is done. Three things keep the module within CI's time:

- one live server and one committed seed for the whole module, flushed at its end (the
  seed is loaded once, not once per operation: loading and flushing it 43 times took
  longer than the fuzzing on PostgreSQL). The tests run in file order (reads, writes,
  deletions, merges) and derandomized, so a run of the module reproduces exactly;
- every case is one request on one kept-alive connection;
- Schemathesis's coverage phase (thousands of fixed boundary values on top of the
  generated cases) is off: the generated cases find the same kinds of input.
"""

from __future__ import annotations

import json
import socket
from collections import Counter
from http.cookiejar import DefaultCookiePolicy

import pytest
import requests
import schemathesis
from django.test import TransactionTestCase
from django.test.testcases import QuietWSGIRequestHandler
from hypothesis import HealthCheck, settings
from pytest_django.live_server_helper import LiveServer
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup, ServerError
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from claims import seed as seed_data
from tests.api.support import token_for
from tests.factories import make_user
from tests.figures import record_figure

# Not "positive data acceptance": a schema-valid slug that names nothing is rightly a
# 400 here (an unknown filter value is refused, never silently ignored), and a schema-
# valid update from a made-up version is rightly a 409 or 412.
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
CASES = 100
FUZZ = settings(
    max_examples=CASES,
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
schema.config.phases.update(phases=["examples", "fuzzing"])


class Tally:
    """The cases run per operation and the failures among them, for the figure."""

    cases: Counter[str] = Counter()
    server_errors = 0
    schema_violations = 0

    @classmethod
    def failed(cls, error: BaseException) -> None:
        failures = error.exceptions if isinstance(error, FailureGroup) else (error,)
        for failure in failures:
            if isinstance(failure, ServerError):
                cls.server_errors += 1
            else:
                cls.schema_violations += 1


class Flush(TransactionTestCase):
    """What ends a transactional test: every table emptied (the module's seed)."""

    def runTest(self):
        pass


class NoDelayHandler(QuietWSGIRequestHandler):
    """The live server writes an answer's headers and body in two sends; on a kept-alive
    connection Nagle's algorithm holds the second until the client's delayed ACK, 40 ms
    a request. TCP_NODELAY sends each at once."""

    def setup(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()


@pytest.fixture(scope="module")
def seeded_server(request, django_db_setup, django_db_blocker):
    """A live server of the module's own on the seed, committed once for all the module's
    tests, and each role's token header; every table is flushed at the module's end."""
    with django_db_blocker.unblock():
        flush = Flush()
        flush._pre_setup()
        try:
            seed_data.load_seed()
            tokens = {}
            for role in ("editor", "administrator"):
                user = make_user(f"fuzz-{role}", role)
                tokens[role] = {"Authorization": f"Token {token_for(user)}"}
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr("django.test.testcases.QuietWSGIRequestHandler", NoDelayHandler)
                server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            try:
                yield server.url, tokens
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            flush._post_teardown()
    if Tally.cases:
        operations, fewest = len(Tally.cases), min(Tally.cases.values())
        record_figure(
            request.node.nodeid,
            f"fuzzing: {operations} operations x at least {fewest} cases = "
            f"{Tally.cases.total():,} requests: {Tally.server_errors} server errors, "
            f"{Tally.schema_violations} schema violations",
        )


@pytest.fixture(scope="module")
def session():
    """One kept-alive connection for all the module's cases; it keeps no cookie, so each
    case sends only what it says (a token header, or nothing)."""
    with requests.Session() as kept_alive:
        kept_alive.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        yield kept_alive


def fuzz(case, server, session: requests.Session, role: str | None = None) -> None:
    url, tokens = server
    try:
        case.call_and_validate(
            base_url=url, session=session, headers=tokens.get(role), checks=CHECKS
        )
    except BaseException as error:  # a FailureGroup is a BaseExceptionGroup
        Tally.failed(error)
        raise
    finally:
        Tally.cases[case.operation.label] += 1


def test_the_fuzzed_schema_is_the_one_the_live_server_serves(seeded_server):
    live = schemathesis.openapi.from_url(f"{seeded_server[0]}/api/v1/schema/?format=json")
    assert live.raw_schema == schema.raw_schema
    operations = [result.ok() for result in live.get_all_operations()]
    assert len(operations) == 44  # 43, and the attribution assistant's proposals


@schema.include(method="GET").exclude(path_regex="/proposals/$").parametrize()
@FUZZ
def test_reads_never_fail_and_match_the_schema(case, seeded_server, session):
    fuzz(case, seeded_server, session)


@schema.include(path_regex="/proposals/$").parametrize()
@FUZZ
def test_an_editors_proposals_never_fail_and_match_the_schema(case, seeded_server, session):
    fuzz(case, seeded_server, session, "editor")


@schema.include(method=["POST", "PUT", "PATCH"]).exclude(path_regex="/merge/$").parametrize()
@FUZZ
def test_an_editors_writes_never_fail_and_match_the_schema(case, seeded_server, session):
    fuzz(case, seeded_server, session, "editor")


@schema.include(method="DELETE").parametrize()
@FUZZ
def test_an_administrators_deletions_never_fail_and_match_the_schema(case, seeded_server, session):
    fuzz(case, seeded_server, session, "administrator")


@schema.include(path_regex="/merge/$").parametrize()
@FUZZ
def test_an_administrators_merges_never_fail_and_match_the_schema(case, seeded_server, session):
    fuzz(case, seeded_server, session, "administrator")
