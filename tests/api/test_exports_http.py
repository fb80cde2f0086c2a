"""The API over real HTTP, the way an analyst's script uses it: the live server,
urllib, the csv and json modules, and a real token for writing."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from claims.exports.statements import CSV_COLUMNS
from claims.models import Quote, Statement
from tests.api.support import token_for


@pytest.fixture
def server(committed_seed, live_server) -> str:
    return live_server.url


def fetch(url: str, *, data: dict | None = None, token: str | None = None, method=None):
    request = urllib.request.Request(url, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.data = json.dumps(data).encode()
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def refused(url: str, **kwargs) -> tuple[int, dict]:
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(url, **kwargs)
    return error.value.code, json.loads(error.value.read())


class ArticleBodies(dict):
    """Article bodies as the API's article detail gives them, fetched once each."""

    def __init__(self, server: str):
        super().__init__()
        self.server = server

    def __missing__(self, pk: int) -> str:
        _, _, body = fetch(f"{self.server}/api/v1/articles/{pk}/")
        self[pk] = json.loads(body)["body"]
        return self[pk]


def test_an_analyst_downloads_denials_as_csv_and_every_row_checks_out(server):
    status, headers, body = fetch(f"{server}/api/v1/statements/export.csv?stance=denied")
    assert status == 200
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today().isoformat()
    assert headers["Content-Disposition"] == (
        f'attachment; filename="statements-stance-denied-{today}.csv"'
    )
    text = body.decode("utf-8")  # UTF-8, no byte order mark
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n")  # RFC 4180 line ends
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert tuple(header) == CSV_COLUMNS
    rows = [dict(zip(header, row, strict=True)) for row in reader]

    denied = Statement.objects.filter(stance="denied")
    assert len(rows) == denied.count() > 5
    assert {int(row["id"]) for row in rows} == set(denied.values_list("id", flat=True))
    bodies = ArticleBodies(server)
    for row in rows:
        statement = Statement.objects.select_related("actor", "speaker", "claim").get(pk=row["id"])
        quotes = list(statement.quotes.select_related("article__outlet").order_by("id"))
        first = quotes[0]
        assert row["stance"] == "denied"
        assert (row["actor"], row["actor_name"]) == (statement.actor.slug, statement.actor.name)
        assert row["speaker"] == (statement.speaker.slug if statement.speaker else "")
        assert (row["claim"], row["claim_text"]) == (statement.claim.slug, statement.claim.text)
        assert row["made_on"] == statement.made_on.isoformat()
        assert row["made_on_precision"] == statement.made_on_precision
        assert row["date_wording"] == statement.date_wording
        assert int(row["quote_count"]) == len(quotes)
        assert int(row["quote_article"]) == first.article_id
        assert row["quote_outlet"] == first.article.outlet.slug
        assert row["quote_published_on"] == first.article.published_on.isoformat()
        # The proof comes with the row: the offsets point at the quoted text, in the
        # article body as the API gives it and as the database holds it.
        start, end = int(row["quote_start"]), int(row["quote_end"])
        assert bodies[int(row["quote_article"])][start:end] == row["quote_text"]
        assert first.article.body[start:end] == row["quote_text"] == first.text
        assert row["url"] == f"{server}/statements/{statement.pk}/"
        _, _, page = fetch(row["url"])  # the statement's page, where a reader checks it
        assert row["quote_text"][:40] in html.unescape(page.decode())
    assert any(int(row["quote_count"]) > 1 for row in rows), "no row has several quotes"


def test_csv_json_lines_and_the_list_agree_row_for_row(server):
    query = "actor=iran&actor=russia"
    _, _, body = fetch(f"{server}/api/v1/statements/export.csv?{query}")
    csv_rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
    status, headers, body = fetch(f"{server}/api/v1/statements/export.jsonl?{query}")
    assert headers["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert headers["Content-Disposition"].endswith(
        f'filename="statements-actor-iran-actor-russia-{datetime.date.today()}.jsonl"'
    )
    lines = body.decode("utf-8").split("\n")
    assert lines[-1] == ""  # every line ends with a newline, the last too
    records = []
    for number, line in enumerate(lines[:-1], start=1):
        record = json.loads(line)  # each line is a JSON document on its own
        assert isinstance(record, dict), number
        records.append(record)
    assert {r["actor"] for r in records} == {"iran", "russia"}
    assert all(r["quotes"] and r["claim"]["slug"] for r in records)

    listed, url = [], f"{server}/api/v1/statements/?{query}&page_size=5"
    while url:
        _, _, page = fetch(url)
        page = json.loads(page)
        listed.extend(page["results"])
        url = page["next"]
        assert url is None or urlsplit(url).netloc == urlsplit(server).netloc

    assert [r["id"] for r in records] == [int(row["id"]) for row in csv_rows]
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in listed)
    by_id = {r["id"]: r for r in listed}
    for record, row in zip(records, csv_rows, strict=True):
        assert record == {k: v for k, v in by_id[record["id"]].items() if k in record}
        first = record["quotes"][0]
        assert row["quote_text"] == first["text"]
        assert (int(row["quote_start"]), int(row["quote_end"])) == (first["start"], first["end"])
        assert row["actor_name"] == record["actor_name"]
        assert int(row["quote_count"]) == len(record["quotes"])


def test_web_annotations_parse_and_each_selector_points_at_the_quote(server):
    status, headers, body = fetch(f"{server}/api/v1/quotes/annotations.jsonld")
    assert status == 200
    assert headers["Content-Type"].startswith("application/ld+json")
    today = datetime.date.today().isoformat()
    assert headers["Content-Disposition"] == f'attachment; filename="quotes-all-{today}.jsonld"'
    page = json.loads(body)
    assert page["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert page["type"] == "AnnotationPage"
    assert len(page["items"]) == Quote.objects.count()
    bodies = ArticleBodies(server)
    for item in page["items"]:
        assert item["type"] == "Annotation"
        quote = Quote.objects.select_related("article").get(
            pk=item["id"].rstrip("/").split("/")[-1]
        )
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        exact = selectors["TextQuoteSelector"]["exact"]
        position = selectors["TextPositionSelector"]
        article_body = bodies[quote.article_id]
        assert article_body[position["start"] : position["end"]] == exact == quote.text
        assert article_body[: position["start"]].endswith(selectors["TextQuoteSelector"]["prefix"])
        assert article_body[position["end"] :].startswith(selectors["TextQuoteSelector"]["suffix"])
        assert item["target"]["source"] in (
            quote.article.url,
            f"{server}/articles/{quote.article_id}/",
        )


def test_quote_exports_over_http(server):
    _, headers, body = fetch(f"{server}/api/v1/quotes/export.jsonl?article=1")
    records = [json.loads(line) for line in body.decode().splitlines()]
    assert len(records) == Quote.objects.filter(article_id=1).count() > 0
    _, headers, body = fetch(f"{server}/api/v1/quotes/export.csv?article=1")
    rows = list(csv.DictReader(io.StringIO(body.decode(), newline="")))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in records]
    bodies = ArticleBodies(server)
    for row in rows:
        assert bodies[1][int(row["start"]) : int(row["end"])] == row["text"]


def test_a_bad_filter_over_http_is_a_400_naming_it(server):
    code, body = refused(f"{server}/api/v1/statements/?stance=maybe")
    assert code == 400 and "stance" in body
    code, body = refused(f"{server}/api/v1/statements/export.csv?stance=maybe")
    assert code == 400 and "stance" in body
    code, body = refused(f"{server}/api/v1/statements/export.jsonl?colour=red")
    assert code == 400 and "colour" in body


@pytest.mark.parametrize("value", ["99999999999999999999", "0", "-3", "x"])
def test_a_quote_export_for_an_impossible_id_is_a_400_naming_it(server, value):
    # An id past 64 bits once overflowed the SQLite driver after the headers were sent.
    for name in ("statement", "article"):
        code, body = refused(f"{server}/api/v1/quotes/export.csv?{name}={value}")
        assert code == 400 and name in body, body


def test_an_actor_search_holding_a_nul_is_a_400_naming_it_not_a_server_error(server):
    code, body = refused(f"{server}/api/v1/actors/?q=Kyiv%00")
    assert code == 400 and body == {"q": ["Holds a NUL character, which text never contains."]}


def test_an_editors_script_records_a_statement_with_a_token(server, editor, reader):
    quote = Quote.objects.filter(article__outlet__slug="rt").order_by("id").first()
    statement = {
        "actor": "russia",
        "claim": "russia-sought-drones-from-iran",
        "stance": "denied",
        "made_on": "2022-10-01",
        "made_on_precision": "month",
        "quotes": [{"article": quote.article_id, "text": quote.text, "start": quote.start}],
    }
    count = Statement.objects.count()

    code, body = refused(f"{server}/api/v1/statements/", data=statement)
    assert code == 401
    code, body = refused(f"{server}/api/v1/statements/", data=statement, token=token_for(reader))
    assert code == 403
    assert Statement.objects.count() == count

    key = token_for(editor)
    status, headers, body = fetch(f"{server}/api/v1/statements/", data=statement, token=key)
    assert status == 201
    created = json.loads(body)
    assert Statement.objects.count() == count + 1
    assert created["url"] == f"{server}/statements/{created['id']}/"
    assert Statement.objects.get(pk=created["id"]).history.get().history_user == editor

    # Read back over HTTP, then edit with If-Match as a careful script does.
    _, headers, body = fetch(f"{server}/api/v1/statements/{created['id']}/")
    assert json.loads(body)["quotes"] == created["quotes"]
    etag = headers["ETag"]
    request = urllib.request.Request(
        f"{server}/api/v1/statements/{created['id']}/",
        data=json.dumps({"note": "from a script"}).encode(),
        method="PATCH",
        headers={
            "Authorization": f"Token {key}",
            "Content-Type": "application/json",
            "If-Match": etag,
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert response.headers["ETag"] != etag
    with pytest.raises(urllib.error.HTTPError) as stale:
        urllib.request.urlopen(request, timeout=30)
    assert stale.value.code == 412
