"""Merged slugs keep old bookmarks working: every filter that takes a slug resolves a
merged-away slug to the record it was merged into, on the pages and in the API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims import actions
from claims.models import Actor, Claim, Statement
from tests.factories import make_statement


@pytest.fixture
def merged_speaker(seed):
    duplicate = Actor.objects.create(name="Kanaani (dup)", slug="kanaani-dup", kind="person")
    actions.merge_actors(source=duplicate, target=Actor.objects.get(slug="nasser-kanaani"))


@pytest.fixture
def merged_claim(seed):
    drones = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    duplicate = Claim.objects.create(slug="iran-drones-dup", text="Iran sent drones (dup)")
    make_statement(claim=duplicate)
    actions.merge_claims(source=duplicate, target=drones)
    return drones


def ids_of(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_a_merged_speaker_slug_filters_the_statement_list(client, merged_speaker):
    kanaani = Statement.objects.filter(speaker__slug="nasser-kanaani")

    old = client.get("/statements/?speaker=kanaani-dup")
    new = client.get("/statements/?speaker=nasser-kanaani")

    assert old.status_code == 200
    assert old.context["page"].paginator.count == new.context["page"].paginator.count
    assert old.context["page"].paginator.count == kanaani.count() > 0


def test_a_merged_slug_filters_the_api_and_the_export(merged_speaker, merged_claim):
    api = APIClient()
    for parameter, slug, current in (
        ("speaker", "kanaani-dup", "nasser-kanaani"),
        ("actor", "kanaani-dup", "nasser-kanaani"),
        ("claim", "iran-drones-dup", merged_claim.slug),
    ):
        old = api.get(f"/api/v1/statements/?{parameter}={slug}&page_size=1000")
        new = api.get(f"/api/v1/statements/?{parameter}={current}&page_size=1000")
        assert old.status_code == 200, (parameter, old.content)
        assert ids_of(old) == ids_of(new) != set()
        export = api.get(f"/api/v1/statements/export.csv?{parameter}={slug}")
        assert export.status_code == 200


def test_a_merged_claim_slug_filters_an_actor_page(client, merged_claim):
    response = client.get("/actors/iran/?claim=iran-drones-dup")

    assert response.status_code == 200
