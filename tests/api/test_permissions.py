"""Every endpoint for each role: anyone reads; editors create and update; only
administrators delete and merge. A refused write changes nothing at all."""

from __future__ import annotations

import pytest
from django.test import override_settings
from knox.models import AuthToken
from rest_framework.test import APIClient

from claims.models import Actor, MergedActor, MergedClaim
from tests.api.endpoints import ENDPOINT_IDS, ENDPOINTS, MERGEABLE
from tests.api.support import database_state, token_for
from tests.factories import ROLES, make_user

# Expected answers by role. Anonymous requests carry no credentials: 401 (with
# WWW-Authenticate), never a redirect to a sign-in page.
WRITERS = {"anonymous": 401, "reader": 403, "editor": None, "administrator": None}
ADMINISTRATORS = {"anonymous": 401, "reader": 403, "editor": 403, "administrator": None}


def assert_refused(response, expected: int, before: dict) -> None:
    assert response.status_code == expected, response.content
    if expected == 401:
        assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()
    assert database_state() == before, "a refused request changed the database"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
def test_everyone_lists_and_reads_each_record(endpoint, role, world, api_as):
    client = api_as(role)
    listed = client.get(f"/api/v1/{endpoint.name}/")
    assert listed.status_code == 200
    assert listed.json()["results"], "the list is empty"
    assert {r["id"] for r in listed.json()["results"]} == set(
        endpoint.model.objects.values_list("id", flat=True)
    )
    record = endpoint.key(world)
    detail = client.get(endpoint.detail_url(record))
    assert detail.status_code == 200
    assert detail.json()["id"] == record.pk


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
def test_only_editors_create(endpoint, role, world, api_as):
    client = api_as(role)
    before = database_state()
    count = endpoint.model.objects.count()
    response = client.post(f"/api/v1/{endpoint.name}/", endpoint.create(world), format="json")
    if WRITERS[role]:
        assert_refused(response, WRITERS[role], before)
        return
    assert response.status_code == 201, response.content
    assert endpoint.model.objects.count() == count + 1
    created = endpoint.model.objects.get(pk=response.json()["id"])
    assert created.history.count() == 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
def test_only_editors_update(endpoint, role, world, api_as):
    record, changes = endpoint.update(world)
    client = api_as(role)
    before = database_state()
    response = client.patch(
        endpoint.detail_url(record), {**changes, "version": record.version}, format="json"
    )
    if WRITERS[role]:
        assert_refused(response, WRITERS[role], before)
        return
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    for name, value in changes.items():
        assert getattr(record, name) == value
    assert record.version == 2
    assert response.json()["version"] == 2


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=ENDPOINT_IDS)
def test_only_administrators_delete(endpoint, role, world, api_as):
    record = endpoint.deletable(world)
    client = api_as(role)
    before = database_state()
    response = client.delete(endpoint.detail_url(record))
    if ADMINISTRATORS[role]:
        assert_refused(response, ADMINISTRATORS[role], before)
        return
    assert response.status_code == 204, response.content
    assert not endpoint.model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", MERGEABLE, ids=[e.name for e in MERGEABLE])
def test_only_administrators_merge(endpoint, role, world, api_as):
    source, target = endpoint.mergeable(world)
    client = api_as(role)
    before = database_state()
    response = client.post(
        f"{endpoint.detail_url(source)}merge/", {"into": target.slug}, format="json"
    )
    if ADMINISTRATORS[role]:
        assert_refused(response, ADMINISTRATORS[role], before)
        return
    assert response.status_code == 200, response.content
    assert response.json()["slug"] == target.slug
    assert not endpoint.model.objects.filter(pk=source.pk).exists()
    merged = MergedActor if endpoint.model is Actor else MergedClaim
    assert merged.objects.filter(old_slug=source.slug).exists()


@pytest.mark.parametrize("role", ROLES)
def test_everyone_downloads_the_exports(role, world, api_as):
    client = api_as(role)
    for path in (
        "statements/export.csv",
        "statements/export.jsonl",
        "quotes/export.csv",
        "quotes/export.jsonl",
        "quotes/annotations.jsonld",
    ):
        response = client.get(f"/api/v1/{path}")
        assert response.status_code == 200, path
        assert b"".join(response.streaming_content)


READS = [
    *(f"/api/v1/{endpoint.name}/" for endpoint in ENDPOINTS),
    "/api/v1/actors/persia/",
    "/api/v1/claims/drones-supplied/",
    "/api/v1/outlets/daily-news/",
    "/api/v1/statements/export.csv",
    "/api/v1/statements/export.jsonl",
    "/api/v1/quotes/export.csv",
    "/api/v1/quotes/annotations.jsonld",
]


@override_settings(READ_REQUIRES_SIGN_IN=True)
@pytest.mark.parametrize("path", READS)
def test_when_reading_requires_sign_in_anonymous_reads_are_refused(path, world, api_as):
    refused = api_as("anonymous").get(path)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Token"
    # Any signed-in user still reads, whatever their role.
    assert api_as("reader").get(path).status_code == 200


@override_settings(READ_REQUIRES_SIGN_IN=True)
def test_when_reading_requires_sign_in_details_of_each_endpoint_are_refused(world, api_as):
    for endpoint in ENDPOINTS:
        url = endpoint.detail_url(endpoint.key(world))
        assert api_as("anonymous").get(url).status_code == 401, url
        assert api_as("reader").get(url).status_code == 200, url


def test_a_revoked_or_made_up_token_is_refused_and_writes_nothing(world, editor):
    key = token_for(editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 200
    AuthToken.objects.filter(user=editor).delete()  # revoked on the token page
    before = database_state()
    payload = {"slug": "sneaky", "text": "A claim from a revoked token"}
    assert client.post("/api/v1/claims/", payload, format="json").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 64)
    assert client.post("/api/v1/claims/", payload, format="json").status_code == 401
    # A bad token is an error even for reads, not a silent fall back to anonymous.
    assert client.get("/api/v1/claims/").status_code == 401
    assert database_state() == before


def test_an_editor_who_loses_the_role_can_no_longer_write(world, editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(editor)}")
    payload = {"slug": "first", "text": "First claim"}
    assert client.post("/api/v1/claims/", payload, format="json").status_code == 201
    editor.groups.clear()
    before = database_state()
    payload = {"slug": "second", "text": "Second claim"}
    assert client.post("/api/v1/claims/", payload, format="json").status_code == 403
    assert database_state() == before


def test_a_superuser_deletes_and_merges_without_a_group(world):
    root = make_user("root", is_staff=True, is_superuser=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(root)}")
    assert client.delete(f"/api/v1/actors/{world.spare_actor.slug}/").status_code == 204
    merged = client.post(
        f"/api/v1/claims/{world.spare_claim.slug}/merge/", {"into": world.claim.slug}
    )
    assert merged.status_code == 200


def test_session_writes_need_the_csrf_token(world, editor):
    """A signed-in browser session writes only with its CSRF token: a page on another
    site cannot make an editor's browser write."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get("/api/v1/claims/").status_code == 200
    before = database_state()
    payload = {"slug": "forged", "text": "A forged claim"}
    refused = client.post("/api/v1/claims/", payload, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert database_state() == before

    client.get("/accounts/login/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post("/api/v1/claims/", payload, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201
