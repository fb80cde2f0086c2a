"""Every API endpoint for each role: anyone reads, editors write, administrators also
delete and merge. A refused write changes nothing."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article, Outlet

ROLES = ["anonymous", "reader", "editor", "administrator"]
CAN_WRITE = {"editor", "administrator"}
CAN_DELETE = {"administrator"}


def client_for(cast, role) -> APIClient:
    client = APIClient()
    if cast[role] is not None:
        client.force_authenticate(cast[role])
    return client


def snapshot() -> tuple:
    return tuple(
        (m.objects.count(), sorted(m.objects.values_list("version", flat=True)))
        for m in (Outlet, Article, Actor, Claim, Statement, Quote)
    )


READS = [
    "/api/v1/outlets/",
    "/api/v1/outlets/hotnews-ro/",
    "/api/v1/articles/",
    "/api/v1/articles/1/",
    "/api/v1/actors/",
    "/api/v1/actors/iran/",
    "/api/v1/claims/",
    "/api/v1/claims/iran-supplied-drones-to-russia/",
    "/api/v1/statements/",
    "/api/v1/statements/17/",
    "/api/v1/quotes/",
    "/api/v1/quotes/1/",
]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_every_endpoint(seed, cast, role):
    client = client_for(cast, role)
    for url in READS:
        assert client.get(url).status_code == 200, url


def creations():
    return [
        ("/api/v1/outlets/", {"slug": "new-outlet", "name": "New Outlet"}),
        (
            "/api/v1/articles/",
            {
                "outlet": "rt",
                "title": "T",
                "published_on": "2022-10-20",
                "body": "Iran denied it on Monday.",
            },
        ),
        (
            "/api/v1/actors/",
            {"slug": "new-state", "name": "New State", "kind": "state", "aliases": ["Newland"]},
        ),
        ("/api/v1/claims/", {"slug": "new-claim", "text": "A new claim is true"}),
        (
            "/api/v1/statements/",
            {
                "actor": "iran",
                "claim": "iran-supplied-drones-to-russia",
                "stance": "denied",
                "made_on": "2022-10-18",
                "made_on_precision": "day",
                "quotes": [{"article": 1, "text": "Moscow, in turn, denied the information."}],
            },
        ),
        (
            "/api/v1/quotes/",
            {
                "statement": 4,
                "article": 3,
                "text": "Neither Moscow nor Tehran confirmed the purported purchase.",
            },
        ),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_create(seed, cast, role):
    client = client_for(cast, role)
    for url, data in creations():
        before = snapshot()
        response = client.post(url, data, format="json")
        if role in CAN_WRITE:
            assert response.status_code == 201, (url, response.content)
        else:
            assert response.status_code in (401, 403), url
            assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_update(seed, cast, role):
    client = client_for(cast, role)
    for url in [
        "/api/v1/claims/iran-supplied-drones-to-russia/",
        "/api/v1/statements/17/",
        "/api/v1/actors/iran/",
        "/api/v1/articles/1/",
        "/api/v1/outlets/rt/",
    ]:
        before = snapshot()
        response = client.patch(url, {"note": f"checked by {role}", "version": 1}, format="json")
        if role in CAN_WRITE:
            assert response.status_code == 200, (url, response.content)
            assert response.json()["version"] == 2
        else:
            assert response.status_code in (401, 403), url
            assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_delete_and_merge(seed, cast, role):
    client = client_for(cast, role)
    before = snapshot()
    deleted = client.delete("/api/v1/statements/17/")
    merged = client.post(
        "/api/v1/claims/russia-iran-drone-factory/merge/",
        {"into": "iran-militarily-supports-russia"},
        format="json",
    )
    if role in CAN_DELETE:
        assert deleted.status_code == 204
        assert merged.status_code == 200
        assert not Statement.objects.filter(pk=17).exists()
        moved = client.get("/api/v1/claims/russia-iran-drone-factory/")
        assert moved.status_code == 301
        assert moved["Location"].endswith("/api/v1/claims/iran-militarily-supports-russia/")
    else:
        assert deleted.status_code in (401, 403)
        assert merged.status_code in (401, 403)
        assert snapshot() == before


def test_reading_can_require_sign_in(seed, cast, settings):
    settings.READ_REQUIRES_SIGN_IN = True
    assert client_for(cast, "anonymous").get("/api/v1/statements/").status_code in (401, 403)
    assert client_for(cast, "reader").get("/api/v1/statements/").status_code == 200
    page = client_for(cast, "anonymous").get("/statements/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
