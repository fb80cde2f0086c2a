"""The API over real HTTP, as an analyst's script uses it: pytest-django's live
server, urllib, the csv and json modules, a real token."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request

import pytest
from knox.models import AuthToken

from claims.exports.statements import CSV_COLUMNS
from claims.models import Quote, Statement
from claims.seed import load_seed


@pytest.fixture
def seeded(transactional_db):
    load_seed()


def fetch(url: str, data: dict | None = None, token: str | None = None):
    request = urllib.request.Request(url)
    if data is not None:
        request.data = json.dumps(data).encode()
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def test_an_analyst_downloads_a_filtered_csv_and_every_row_checks_out(seeded, live_server):
    status, headers, body = fetch(f"{live_server.url}/api/v1/statements/export.csv?stance=denied")
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert 'filename="statements-stance-denied-' in headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    expected = Statement.objects.filter(stance="denied")
    assert sorted(int(r["id"]) for r in rows) == sorted(expected.values_list("id", flat=True))
    for row in rows:
        statement = Statement.objects.select_related("actor").get(pk=row["id"])
        assert (row["actor"], row["stance"]) == (statement.actor.slug, "denied")
        assert int(row["quote_count"]) == statement.quotes.count()
        first = statement.quotes.order_by("id").first()
        start, end = int(row["quote_start"]), int(row["quote_end"])
        assert first.article.body[start:end] == row["quote_text"] == first.text
        assert row["url"] == f"{live_server.url}/statements/{statement.pk}/"


def test_json_lines_and_web_annotations_parse_and_point_at_the_quoted_text(seeded, live_server):
    _, _, body = fetch(f"{live_server.url}/api/v1/statements/export.jsonl?actor=russia")
    records = [json.loads(line) for line in body.decode().splitlines()]
    assert {r["actor"] for r in records} == {"russia"}
    assert all(r["quotes"] and r["claim"]["slug"] for r in records)

    _, headers, body = fetch(f"{live_server.url}/api/v1/quotes/annotations.jsonld")
    assert headers["Content-Type"].startswith("application/ld+json")
    page = json.loads(body)
    assert page["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert len(page["items"]) == Quote.objects.count()
    for item in page["items"]:
        quote = Quote.objects.select_related("article").get(
            pk=item["id"].rstrip("/").split("/")[-1]
        )
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        position, exact = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        assert quote.article.body[position["start"] : position["end"]] == exact["exact"]


def test_a_token_lets_an_editors_script_record_a_statement_and_a_readers_token_cannot(
    seeded, live_server, editor, reader
):
    statement = {
        "actor": "russia",
        "claim": "russia-sought-drones-from-iran",
        "stance": "denied",
        "made_on": "2022-07-01",
        "made_on_precision": "month",
        "quotes": [{"article": 1, "text": "Moscow, in turn, denied the information."}],
    }
    _, key = AuthToken.objects.create(editor)
    status, _, body = fetch(f"{live_server.url}/api/v1/statements/", statement, token=key)
    assert status == 201
    assert Statement.objects.filter(pk=json.loads(body)["id"]).exists()

    _, reader_key = AuthToken.objects.create(reader)
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{live_server.url}/api/v1/statements/", statement, token=reader_key)
    assert refused.value.code == 403

    with pytest.raises(urllib.error.HTTPError) as bad:
        fetch(f"{live_server.url}/api/v1/statements/?stance=maybe")
    assert bad.value.code == 400
    assert "stance" in json.loads(bad.value.read())
