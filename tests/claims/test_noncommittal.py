"""`noncommittal`, the fourth stance: an actor that neither confirms nor denies. It is
part of an actor's history and its position changes, and never counts as an assertion
or a denial."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from claims import standing
from claims.models import Statement
from tests.factories import make_actor, make_claim, make_statement


def test_noncommittal_is_a_stored_stance_and_others_are_still_refused(db):
    statement = make_statement(stance="noncommittal")
    assert Statement.objects.get(pk=statement.pk).stance == "noncommittal"

    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(stance="doubted")


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        (["noncommittal"], standing.Standing.UNADDRESSED),
        (["asserted", "noncommittal"], standing.Standing.ASSERTED),
        (["denied", "noncommittal"], standing.Standing.DENIED),
        (["asserted", "denied", "noncommittal"], standing.Standing.DISPUTED),
    ],
)
def test_noncommittal_never_counts_as_an_assertion_or_a_denial(stances, expected):
    assert standing.standing_of(stances) is expected


def test_denied_then_noncommittal_is_a_position_change(db):
    actor, claim = make_actor(), make_claim()
    make_statement(actor=actor, claim=claim, stance="denied", made_on=datetime.date(2022, 7, 1))
    later = make_statement(
        actor=actor, claim=claim, stance="noncommittal", made_on=datetime.date(2022, 10, 18)
    )

    changes = standing.position_changes(Statement.objects.select_related("actor"))

    assert [(c.before.stance, c.after.stance, c.after.id) for c in changes] == [
        ("denied", "noncommittal", later.pk)
    ]


def test_the_seed_records_peskov_not_knowing_as_noncommittal(client, seed):
    peskov = Statement.objects.get(
        speaker__slug="dmitry-peskov", stance="noncommittal", made_on="2022-10-18"
    )
    assert "does not know" in peskov.quotes.get().text

    page = client.get("/actors/dmitry-peskov/").content.decode()

    assert f"/statements/{peskov.pk}/" in page
    assert "noncommittal" in page


def test_the_statement_list_facets_and_filters_noncommittal_statements(client, seed):
    noncommittal = set(Statement.objects.filter(stance="noncommittal").values_list("pk", flat=True))

    response = client.get("/statements/?stance=noncommittal")

    assert response.status_code == 200
    assert {row.pk for row in response.context["page"].object_list} == noncommittal
    stances = dict(
        (value.value, value.count)
        for facet in response.context["facets"]
        if facet.name == "stance"
        for value in facet.values
    )
    assert stances.get("noncommittal") == len(noncommittal) > 0


def test_the_api_filters_exports_and_documents_noncommittal(seed):
    api = APIClient()
    expected = Statement.objects.filter(stance="noncommittal").count()

    listed = api.get("/api/v1/statements/?stance=noncommittal&page_size=100").json()["results"]
    exported = list(
        csv.DictReader(
            io.StringIO(
                b"".join(
                    api.get("/api/v1/statements/export.csv?stance=noncommittal").streaming_content
                ).decode()
            )
        )
    )
    schema = api.get("/api/v1/schema/?format=json").json()

    assert len(listed) == len(exported) == expected
    assert {row["stance"] for row in exported} == {"noncommittal"}
    stance = next(
        p
        for p in schema["paths"]["/api/v1/statements/"]["get"]["parameters"]
        if p["name"] == "stance"
    )
    assert "noncommittal" in stance["schema"]["items"]["enum"]


def test_the_timeline_draws_noncommittal_as_a_triangle_in_its_legend(client, seed):
    page = client.get("/claims/iran-supplied-drones-to-russia/").content.decode()

    assert '<a href="/statements/' in page and 'class="mark mark-noncommittal"' in page
    assert "<polygon points=" in page
    assert "noncommittal</span>" in page.split('<figcaption class="legend">')[1]
