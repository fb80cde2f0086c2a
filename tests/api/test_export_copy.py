"""The statement exports are made by one SQL query (claims.exports.copy): streamed from
COPY on PostgreSQL, through csv.writer on SQLite. A client must get the very bytes the
writer of model instances (claims.exports.statements, which defines the export's shape)
makes for the same statements: same columns, quoting and line ends, same JSON spacing and
escapes, same order, whatever the filter."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest

from claims import queries
from claims.exports import statements as exports
from claims.filters import StatementFilter
from claims.models import Statement
from tests.factories import make_actor, make_article, make_claim, make_outlet, make_quote

# Text that trips writers: both quote marks, commas, a semicolon, a backslash, a tab, a
# newline, a carriage return, a control character, accents and astral emoji.
AWKWARD = 'He said "no", twice; C:\\path\tthen\nnext line\r\nand \x07 bell: café 🚀🇺🇦'
BODY = f"Opening words. {AWKWARD} Closing words, plainly said."


@pytest.fixture
def awkward(db):
    outlet = make_outlet(slug="awkward-outlet")
    article = make_article(body=BODY, outlet=outlet, url="")
    plain = make_article()
    state = make_actor(name='The "Ministry", of Things', slug="ministry")
    person = make_actor(name="Ана Spokes\\person", slug="spokes", kind="person", speaks_for=state)
    claim = make_claim(text='Claim with "quotes",\nand a newline', slug="awkward-claim")
    made = []
    for n, (speaker, wording) in enumerate([(person, ""), (None, "on Monday"), (None, "")]):
        statement = Statement.objects.create(
            actor=state,
            speaker=speaker,
            claim=claim,
            stance=("asserted", "denied", "confirmed")[n],
            made_on=datetime.date(2021, 3, 1 + n),
            made_on_precision="day",
            date_wording=wording,
        )
        make_quote(statement=statement, article=article, quoted=AWKWARD)
        if n == 1:  # a second quote, from another article
            make_quote(statement=statement, article=plain, quoted="no drones were supplied")
        made.append(statement)
    # A statement with no quote left (its last one was deleted): zero quotes, empty cells.
    bare = Statement.objects.create(
        actor=state, claim=claim, stance="denied", made_on=datetime.date(2020, 1, 1)
    )
    made.append(bare)
    return made


def python_export(params: dict, kind: str) -> bytes:
    """What the Python writer makes of these filter parameters (the SQLite path)."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    filterset = StatementFilter(query, queryset=queries.statements_for_export())
    assert filterset.is_valid(), filterset.errors
    rows = exports.records(filterset.qs, lambda path: f"http://testserver{path}")
    lines = exports.csv_lines(rows) if kind == "csv" else exports.jsonl_lines(rows)
    return "".join(lines).encode()


def copied_export(client, params: dict, kind: str) -> bytes:
    response = client.get(f"/api/v1/statements/export.{kind}", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


FILTERS = [
    {},
    {"stance": "denied"},
    {"actor": "spokes"},  # by_actors: the person's statements
    {"actor": "ministry", "year": "2021"},
    {"outlet": "awkward-outlet"},  # an EXISTS over quotes
    {"q": "twice"},  # full-text search
    {"claim": "awkward-claim", "date_from": "2021-03-02", "date_to": "2021-03-03"},
    {"year": "1999"},  # nothing matches
]


@pytest.mark.parametrize(
    "params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all"
)
@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_copy_writes_the_same_bytes_as_the_python_writer(awkward, client, params, kind):
    expected = python_export(params, kind)
    assert copied_export(client, params, kind) == expected


def test_the_copied_csv_reads_back_field_for_field(awkward, client):
    body = copied_export(client, {}, "csv").decode()
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    newest_first = [awkward[2], awkward[1], awkward[0], awkward[3]]
    assert [int(row["id"]) for row in rows] == [s.pk for s in newest_first]
    newest = rows[0]
    assert newest["quote_text"] == AWKWARD
    assert BODY[int(newest["quote_start"]) : int(newest["quote_end"])] == AWKWARD
    assert newest["quote_article_url"] == ""
    assert newest["date_wording"] == ""
    assert newest["url"] == f"http://testserver/statements/{awkward[2].pk}/"
    assert rows[1]["quote_count"] == "2"
    assert rows[3]["quote_count"] == "0" and rows[3]["quote_text"] == ""
    assert body.count("\r\n") == len(rows) + 1 + AWKWARD.count("\r\n") * 3


def test_the_copied_json_lines_parse_with_every_character_intact(awkward, client):
    lines = copied_export(client, {"actor": "spokes"}, "jsonl").decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["speaker_name"] == "Ана Spokes\\person"
    assert record["quotes"][0]["text"] == AWKWARD
    assert record["claim"]["text"] == 'Claim with "quotes",\nand a newline'
