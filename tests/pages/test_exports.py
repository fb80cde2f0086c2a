"""The CSV and JSON Lines exports of the statement list, in the contract's shape."""

from __future__ import annotations

import csv
import datetime
import io
import json

from claims.exports.statements import CSV_COLUMNS
from claims.models import Statement
from sources.models import Article
from tests.factories import make_article, make_statement

CSV = "/api/v1/statements/export.csv"
JSONL = "/api/v1/statements/export.jsonl"

STATEMENT_KEYS = {
    "id",
    "claim",
    "actor",
    "actor_name",
    "speaker",
    "speaker_name",
    "stance",
    "made_on",
    "made_on_precision",
    "date_wording",
    "quotes",
    "url",
}
QUOTE_KEYS = {"article", "article_url", "outlet", "published_on", "text", "start", "end"}


def streamed(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> tuple[list[str], list[dict]]:
    reader = csv.reader(io.StringIO(streamed(response), newline=""))
    header, *rows = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def newest_first() -> list[int]:
    return list(Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True))


def test_the_csv_header_is_the_documented_columns(client, seed):
    header, rows = csv_rows(client.get(CSV))

    assert tuple(header) == CSV_COLUMNS
    assert rows


def test_the_csv_has_one_row_per_statement(client, seed):
    response = client.get(CSV)

    assert response["Content-Type"].startswith("text/csv")
    _, rows = csv_rows(response)
    assert [int(row["id"]) for row in rows] == newest_first()


def test_each_csv_row_holds_the_statement_and_its_first_quote(client, seed):
    _, rows = csv_rows(client.get(CSV))

    statements = Statement.objects.select_related("actor", "speaker", "claim").in_bulk()
    bodies = dict(Article.objects.values_list("id", "body"))
    several = 0
    for row in rows:
        statement = statements[int(row["id"])]
        quotes = list(statement.quotes.order_by("id"))
        assert int(row["quote_count"]) == len(quotes)
        several += len(quotes) > 1
        assert row["actor"] == statement.actor.slug
        assert row["speaker"] == (statement.speaker.slug if statement.speaker else "")
        assert row["claim"] == statement.claim.slug
        assert row["stance"] == statement.stance
        assert row["made_on"] == statement.made_on.isoformat()
        assert row["url"] == f"http://testserver/statements/{statement.pk}/"
        # The first quote, flattened: its offsets find its text in the article body.
        start, end = int(row["quote_start"]), int(row["quote_end"])
        assert bodies[int(row["quote_article"])][start:end] == row["quote_text"]
        assert row["quote_text"] == quotes[0].text
    assert several > 0


def test_quotes_with_commas_quotation_marks_and_line_breaks_survive_the_csv(client, db):
    body = 'He said: "No, never", then paused.\nAnd added, "we deny it."\nThe end.'
    article = make_article(body=body)
    statement = make_statement(
        article=article, quote='"No, never", then paused.\nAnd added, "we deny it."'
    )

    _, rows = csv_rows(client.get(CSV))

    assert len(rows) == 1
    assert rows[0]["quote_text"] == statement.quotes.get().text
    start, end = int(rows[0]["quote_start"]), int(rows[0]["quote_end"])
    assert body[start:end] == rows[0]["quote_text"]


def test_the_file_name_says_which_statements_it_holds(client, seed):
    response = client.get(f"{CSV}?actor=iran&stance=denied")

    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="statements-actor-iran-stance-denied-{today}.csv"'
    )
    jsonl = client.get(JSONL)
    assert jsonl["Content-Disposition"] == f'attachment; filename="statements-all-{today}.jsonl"'


def test_each_json_line_is_a_statement_in_the_contract_shape(client, seed):
    response = client.get(JSONL)

    assert response["Content-Type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in streamed(response).splitlines()]
    assert [record["id"] for record in records] == newest_first()
    for record in records:
        assert set(record) == STATEMENT_KEYS
        assert set(record["claim"]) == {"slug", "text"}
        assert record["quotes"]
        for quote in record["quotes"]:
            assert set(quote) == QUOTE_KEYS


def test_a_json_line_holds_what_the_statement_says(client, seed):
    records = {
        record["id"]: record
        for record in map(json.loads, streamed(client.get(f"{JSONL}?actor=iran")).splitlines())
    }

    kanaani = records[15]
    assert kanaani["claim"] == {
        "slug": "iran-supplied-drones-to-russia",
        "text": "Iran supplied attack drones to Russia for its war in Ukraine",
    }
    assert kanaani["actor"] == "iran"
    assert kanaani["actor_name"] == "Iran"
    assert kanaani["speaker"] == "nasser-kanaani"
    assert kanaani["speaker_name"] == "Nasser Kanaani"
    assert kanaani["stance"] == "denied"
    assert kanaani["made_on"] == "2022-10-17"
    assert kanaani["made_on_precision"] == "day"
    assert kanaani["date_wording"] == "This Monday"
    assert kanaani["url"] == "http://testserver/statements/15/"
    first = kanaani["quotes"][0]
    assert first["outlet"] == "hotnews-ro"
    assert first["published_on"] == "2022-10-20"
    body = Article.objects.get(pk=first["article"]).body
    assert body[first["start"] : first["end"]] == first["text"]
    # Iran's own statement, with no speaker named.
    assert records[3]["speaker"] is None
    assert records[3]["speaker_name"] is None


def test_an_invalid_filter_is_a_400_naming_the_field(client, seed):
    for url in (f"{CSV}?stance=maybe", f"{JSONL}?stance=maybe"):
        response = client.get(url)

        assert response.status_code == 400
        errors = response.json()
        assert set(errors) == {"stance"}
        assert "maybe" in errors["stance"][0]
    response = client.get(f"{JSONL}?actor=nobody&year=abc")
    assert response.status_code == 400
    assert set(response.json()) == {"actor", "year"}


def test_an_unknown_parameter_is_a_400_naming_it(client, seed):
    response = client.get(f"{CSV}?stance=denied&colour=red")

    assert response.status_code == 400
    assert response.json() == {"colour": ["Unknown parameter."]}
    assert client.get(f"{JSONL}?page=2").status_code == 400
