"""The statements endpoint: the contract's shape, exactly the page's filters, strict
parameters, validated writes that write all or nothing, and stable cursor pages."""

from __future__ import annotations

import datetime
import json
import random

import pytest

from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article
from tests.api.support import database_state, page_statement_ids, walk

CONTRACT_KEYS = {
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
# The design allows additions; these are the ones the API makes.
ADDED_KEYS = {"note", "version"}
QUOTE_KEYS = {"article", "article_url", "outlet", "published_on", "text", "start", "end"}


@pytest.fixture
def grown(seed):
    """The seed data plus 160 more statements, varied in actor, speaker, stance, claim,
    date and source (each backed by a copy of a real seed quote), so that most filters
    give more than one page on the statement list page (50 a page)."""
    rng = random.Random(6)
    seed_quotes = list(Quote.objects.order_by("id"))
    claims = list(Claim.objects.order_by("id"))
    parties = list(Actor.objects.exclude(kind="person").order_by("id"))
    for n in range(160):
        actor = parties[n % len(parties)] if n % 3 else Actor.objects.get(slug="iran")
        people = list(actor.spokespeople.order_by("id"))
        speaker = rng.choice(people) if people and rng.random() < 0.6 else None
        statement = Statement.objects.create(
            actor=actor,
            speaker=speaker,
            claim=rng.choice(claims),
            stance=rng.choice(["asserted", "denied", "confirmed"]),
            made_on=datetime.date(2021, 6, 1) + datetime.timedelta(days=rng.randrange(900)),
            made_on_precision="day",
        )
        source = rng.choice(seed_quotes)
        Quote.objects.create(
            statement=statement,
            article=source.article,
            start=source.start,
            end=source.end,
            text=source.text,
            prefix=source.prefix,
            suffix=source.suffix,
        )


def expected_record(statement: Statement) -> dict:
    speaker = statement.speaker
    return {
        "id": statement.pk,
        "claim": {"slug": statement.claim.slug, "text": statement.claim.text},
        "actor": statement.actor.slug,
        "actor_name": statement.actor.name,
        "speaker": speaker.slug if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "stance": statement.stance,
        "made_on": statement.made_on.isoformat(),
        "made_on_precision": statement.made_on_precision,
        "date_wording": statement.date_wording,
        "quotes": [
            {
                "article": quote.article_id,
                "article_url": quote.article.url,
                "outlet": quote.article.outlet.slug,
                "published_on": quote.article.published_on.isoformat(),
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
            }
            for quote in statement.quotes.order_by("id")
        ],
        "url": f"http://testserver/statements/{statement.pk}/",
        "note": statement.note,
        "version": statement.version,
    }


def assert_contract_shape(record: dict) -> None:
    assert set(record) >= CONTRACT_KEYS, CONTRACT_KEYS - set(record)
    assert set(record) - CONTRACT_KEYS <= ADDED_KEYS, set(record) - CONTRACT_KEYS
    assert isinstance(record["id"], int)
    assert set(record["claim"]) == {"slug", "text"}
    assert all(isinstance(record["claim"][k], str) for k in ("slug", "text"))
    for key in ("actor", "actor_name", "date_wording", "url"):
        assert isinstance(record[key], str), key
    for key in ("speaker", "speaker_name"):
        assert record[key] is None or isinstance(record[key], str), key
    assert (record["speaker"] is None) == (record["speaker_name"] is None)
    assert record["stance"] in {"asserted", "denied", "confirmed"}
    assert record["made_on_precision"] in {"day", "month", "year"}
    datetime.date.fromisoformat(record["made_on"])
    assert record["url"] == f"http://testserver/statements/{record['id']}/"
    assert isinstance(record["quotes"], list) and record["quotes"]
    for quote in record["quotes"]:
        assert set(quote) == QUOTE_KEYS
        assert isinstance(quote["article"], int)
        assert isinstance(quote["start"], int) and isinstance(quote["end"], int)
        assert quote["end"] - quote["start"] == len(quote["text"])
        for key in ("article_url", "outlet", "text"):
            assert isinstance(quote[key], str), key
        datetime.date.fromisoformat(quote["published_on"])


def test_a_statement_has_exactly_the_contracts_shape(seed, anonymous_api):
    statement = (
        Statement.objects.filter(speaker__slug="nasser-kanaani").exclude(date_wording="").first()
    )
    response = anonymous_api.get(f"/api/v1/statements/{statement.pk}/")
    assert response.status_code == 200
    record = response.json()
    assert_contract_shape(record)
    assert record == expected_record(statement)
    assert record["actor"] == "iran" and record["speaker_name"] == "Nasser Kanaani"
    for quote in record["quotes"]:
        body = Article.objects.get(pk=quote["article"]).body
        assert body[quote["start"] : quote["end"]] == quote["text"]


def test_list_detail_and_json_lines_give_every_statement_in_the_same_shape(seed, anonymous_api):
    listed = walk(anonymous_api, "/api/v1/statements/?page_size=10")
    assert len(listed) == Statement.objects.count()
    export = anonymous_api.get("/api/v1/statements/export.jsonl")
    lines = b"".join(export.streaming_content).decode().splitlines()
    exported = {record["id"]: record for record in map(json.loads, lines)}
    assert list(exported) == list(
        Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True)
    )
    for record in listed:
        assert_contract_shape(record)
        statement = Statement.objects.get(pk=record["id"])
        assert record == expected_record(statement)
        assert anonymous_api.get(f"/api/v1/statements/{statement.pk}/").json() == record
        # The export carries the contract's fields (note and version are API additions).
        assert exported[record["id"]] == {k: v for k, v in record.items() if k in CONTRACT_KEYS}
    assert any(r["speaker"] is None for r in listed) and any(r["speaker"] for r in listed)


# The statement list page's filters, as researchers type them into the URL.
FILTER_QUERIES = [
    "",
    "actor=Kiev",
    "actor=iran",
    "actor=Tehran&actor=Moscow",
    "speaker=Kannani",
    "speaker=dmitry-peskov&speaker=Lavrov",
    "stance=denied&stance=confirmed",
    "stance=asserted",
    "claim=iran-supplied-drones-to-russia",
    "claim=iran-supplied-drones-to-russia&claim=russia-sought-drones-from-iran",
    "outlet=rt",
    "outlet=rt&outlet=hotnews-ro",
    "year=2022",
    "year=2021&year=2023",
    "date_from=2022-09-01&date_to=2022-12-31",
    "date_from=2023-01-01",
    "date_to=2022-06-30",
    "q=supply",
    "q=drones+Iran",
    "actor=iran&stance=denied&year=2022",
    "actor=us&outlet=hotnews-ro&date_from=2022-10-01",
    "q=drones&stance=asserted&claim=iran-supplied-drones-to-russia",
    "actor=",
]


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_the_api_lists_exactly_the_statements_the_page_lists(query, grown, client, anonymous_api):
    on_page = page_statement_ids(client, query)
    assert len(on_page) == len(set(on_page)), "the page lists a statement twice"
    api_pages = walk(anonymous_api, f"/api/v1/statements/?{query}&page_size=20")
    in_api = [record["id"] for record in api_pages]
    assert len(in_api) == len(set(in_api)), "the API lists a statement twice"
    assert set(in_api) == set(on_page)
    assert on_page or query.startswith("date_to"), "a filter that matches nothing proves little"
    exported = b"".join(
        anonymous_api.get(f"/api/v1/statements/export.jsonl?{query}").streaming_content
    )
    assert {json.loads(line)["id"] for line in exported.splitlines()} == set(on_page)


def test_the_filters_really_filter(grown, anonymous_api):
    """Guard against both sides agreeing on an unfiltered list."""
    everything = len(walk(anonymous_api, "/api/v1/statements/?page_size=1000"))
    assert everything == Statement.objects.count() > 150
    several_pages = 0
    for query in FILTER_QUERIES[1:-1]:
        found = walk(anonymous_api, f"/api/v1/statements/?{query}&page_size=1000")
        assert 0 < len(found) < everything, query
        several_pages += len(found) > 50  # the page shows 50 at a time
    assert several_pages >= 5, "too few filters span several HTML pages"
    kiev = walk(anonymous_api, "/api/v1/statements/?actor=Kiev&page_size=1000")
    assert {r["actor"] for r in kiev} <= {"ukraine", "dmytro-kuleba", "volodymyr-zelensky"}
    denied = walk(anonymous_api, "/api/v1/statements/?stance=denied&stance=confirmed")
    assert {r["stance"] for r in denied} == {"denied", "confirmed"}


BAD_QUERIES = [
    ("colour=red", "colour"),
    ("Actor=iran", "Actor"),
    ("page=2", "page"),  # the HTML page's parameter: the API pages by cursor
    ("stance=maybe", "stance"),
    ("stance=denied&stance=maybe", "stance"),
    ("year=22", "year"),
    ("year=twenty-two", "year"),
    ("date_from=yesterday", "date_from"),
    ("date_to=2022-13-45", "date_to"),
    ("date_from=2023-01-01&date_to=2022-01-01", "date_to"),
    ("actor=nobody-at-all", "actor"),
    ("actor=iran&actor=nobody-at-all", "actor"),
    ("actor=iran%00", "actor"),
    ("speaker=iran", "speaker"),
    ("claim=no-such-claim", "claim"),
    ("claim=Iran", "claim"),
    ("outlet=no-such-outlet", "outlet"),
    ("q=%21%21%21", "q"),
    ("q=" + "word+" * 60, "q"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD_QUERIES)
def test_unknown_parameters_and_malformed_values_are_a_400_naming_the_parameter(
    query, parameter, seed, anonymous_api
):
    for path in (
        "/api/v1/statements/",
        "/api/v1/statements/export.csv",
        "/api/v1/statements/export.jsonl",
    ):
        response = anonymous_api.get(f"{path}?{query}")
        assert response.status_code == 400, (path, response.status_code)
        body = response.json()
        assert parameter in body, (path, body)
        assert body[parameter] and all(isinstance(m, str) for m in body[parameter])


# ---------------------------------------------------------------- writing statements


@pytest.fixture
def valid_statement(seed) -> dict:
    quote = Quote.objects.filter(article__outlet__slug="rt").order_by("id").first()
    return {
        "actor": "iran",
        "speaker": "nasser-kanaani",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "made_on": "2022-10-17",
        "made_on_precision": "day",
        "date_wording": "on Monday",
        "quotes": [{"article": quote.article_id, "text": quote.text, "start": quote.start}],
    }


def with_quote(valid: dict, **changes) -> dict:
    return {**valid, "quotes": [{**valid["quotes"][0], **changes}]}


def not_verbatim(valid: dict) -> dict:
    text = valid["quotes"][0]["text"]
    words = text.split(" ")
    words[len(words) // 2] = "definitely"
    return with_quote(valid, text=" ".join(words))


def elsewhere(valid: dict) -> dict:
    """The quote's words, with a start where the article does not hold them."""
    return with_quote(valid, start=valid["quotes"][0]["start"] + 5)


# What is wrong -> (the field the 400 names, words its message must hold).
INVALID_STATEMENTS = {
    "quote outside the body": (lambda v: with_quote(v, start=10**6), "quotes", ""),
    "quote not verbatim": (not_verbatim, "quotes", ""),
    "quote not verbatim, no start given": (
        lambda v: {**not_verbatim(v), "quotes": [{**not_verbatim(v)["quotes"][0], "start": None}]},
        "quotes",
        "",
    ),
    "quote not at the start given": (elsewhere, "quotes", "start"),
    "quote found nowhere in the article": (
        lambda v: with_quote(v, text="Iran admitted it supplied two thousand drones.", start=None),
        "quotes",
        "",
    ),
    "quote from an unknown article": (lambda v: with_quote(v, article=10**6), "quotes", ""),
    "no quote": (lambda v: {**v, "quotes": []}, "quotes", "at least one quote"),
    "unknown actor slug": (lambda v: {**v, "actor": "atlantis"}, "actor", "atlantis"),
    "unknown claim slug": (lambda v: {**v, "claim": "iran-supplied-unicorns"}, "claim", ""),
    # PostgreSQL refuses to compare text holding NUL; the fuzzer once made this a 500.
    "claim slug holding NUL": (lambda v: {**v, "claim": "iran\x00drones"}, "claim", ""),
    "speaker slug holding NUL": (lambda v: {**v, "speaker": "\x00"}, "speaker", ""),
    "stance maybe": (lambda v: {**v, "stance": "maybe"}, "stance", "maybe"),
    "speaker is not a person": (
        lambda v: {**v, "speaker": "russia"},
        "speaker",
        "must be a person",
    ),
    "wording contradicts precision": (
        lambda v: {**v, "date_wording": "in September", "made_on": "2022-09-14"},
        "made_on_precision",
        "month",
    ),
    "month precision not on the first": (
        lambda v: {**v, "made_on_precision": "month", "date_wording": ""},
        "made_on",
        "first day",
    ),
    "unknown precision": (
        lambda v: {**v, "made_on_precision": "hour"},
        "made_on_precision",
        "hour",
    ),
    "not a date": (lambda v: {**v, "made_on": "17/10/2022"}, "made_on", ""),
}


@pytest.mark.parametrize("case", INVALID_STATEMENTS, ids=list(INVALID_STATEMENTS))
def test_an_invalid_statement_is_a_400_naming_the_field_and_nothing_is_written(
    case, valid_statement, editor_api
):
    make_invalid, field, words = INVALID_STATEMENTS[case]
    before = database_state()
    statements, quotes = Statement.objects.count(), Quote.objects.count()
    response = editor_api.post("/api/v1/statements/", make_invalid(valid_statement), format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    named = [key for key in body if key == field or key.startswith(f"{field}[")]
    assert named, body
    assert str(body[named[0]]).strip("[]{}'\" "), "the problem is not said"
    assert words in str(body[named[0]]), body
    assert (Statement.objects.count(), Quote.objects.count()) == (statements, quotes)
    assert database_state() == before


def test_a_quote_given_without_its_start_is_found_in_the_article(valid_statement, editor_api):
    quote = valid_statement["quotes"][0]
    payload = {**valid_statement, "quotes": [{"article": quote["article"], "text": quote["text"]}]}
    response = editor_api.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 201, response.content
    (stored,) = Statement.objects.get(pk=response.json()["id"]).quotes.all()
    assert (stored.start, stored.end) == (quote["start"], quote["start"] + len(quote["text"]))
    assert stored.article.body[stored.start : stored.end] == quote["text"]


def test_a_valid_statement_is_created_in_the_contracts_shape_with_history(
    valid_statement, editor_api, editor
):
    statements, quotes = Statement.objects.count(), Quote.objects.count()
    response = editor_api.post("/api/v1/statements/", valid_statement, format="json")
    assert response.status_code == 201, response.content
    record = response.json()
    assert_contract_shape(record)
    created = Statement.objects.get(pk=record["id"])
    assert record == expected_record(created)
    assert (Statement.objects.count(), Quote.objects.count()) == (statements + 1, quotes + 1)
    assert (record["actor"], record["speaker"], record["stance"]) == (
        "iran",
        "nasser-kanaani",
        "denied",
    )
    history = created.history.get()
    assert history.history_type == "+"
    assert history.history_user == editor
    quote = created.quotes.get()
    assert quote.history.get().history_type == "+"
    assert quote.article.body[quote.start : quote.end] == quote.text
    # The new statement reads back the same, and the page shows it.
    assert editor_api.get(f"/api/v1/statements/{created.pk}/").json() == record


def test_a_statement_with_quotes_from_two_articles(seed, editor_api):
    first, second = (
        Quote.objects.filter(article__outlet__slug=slug).order_by("id").first()
        for slug in ("rt", "hotnews-ro")
    )
    payload = {
        "actor": "russia",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "made_on": "2022-10-01",
        "made_on_precision": "month",
        "quotes": [
            {"article": q.article_id, "text": q.text, "start": q.start} for q in (first, second)
        ],
    }
    response = editor_api.post("/api/v1/statements/", payload, format="json")
    assert response.status_code == 201, response.content
    assert {q["outlet"] for q in response.json()["quotes"]} == {"rt", "hotnews-ro"}
    # One bad quote among good ones writes nothing, not even the good ones.
    payload["quotes"][1] = {**payload["quotes"][1], "start": 10**6}
    before = database_state()
    refused = editor_api.post("/api/v1/statements/", payload, format="json")
    assert refused.status_code == 400
    assert "quotes[1]" in refused.json()
    assert database_state() == before


# ---------------------------------------------------------------- stable cursor pages


def new_statement(n: int, stance: str = "denied") -> Statement:
    source = Quote.objects.order_by("id").first()
    statement = Statement.objects.create(
        actor=Actor.objects.get(slug="iran"),
        claim=Claim.objects.order_by("id").first(),
        stance=stance,
        made_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
        made_on_precision="day",
    )
    Quote.objects.create(
        statement=statement,
        article=source.article,
        start=source.start,
        end=source.end,
        text=source.text,
    )
    return statement


@pytest.mark.parametrize("query", ["", "stance=denied", "actor=iran&year=2022"])
def test_cursor_pages_neither_skip_nor_repeat_while_statements_are_added(
    query, grown, anonymous_api
):
    def matching() -> set[int]:
        return {r["id"] for r in walk(anonymous_api, f"/api/v1/statements/?{query}&page_size=1000")}

    at_start = matching()
    assert len(at_start) > 14
    seen: list[int] = []
    url, added = f"/api/v1/statements/?{query}&page_size=7", 0
    while url:
        page = anonymous_api.get(url)
        assert page.status_code == 200
        ids = [r["id"] for r in page.json()["results"]]
        assert len(ids) <= 7
        seen.extend(ids)
        url = page.json()["next"]
        for _ in range(3):  # editors keep recording while the client walks
            new_statement(added)
            added += 1
    assert len(seen) == len(set(seen)), "a statement was repeated"
    assert at_start <= set(seen), f"skipped: {sorted(at_start - set(seen))}"
    assert seen == sorted(seen, reverse=True)
    assert added > 6


def test_cursor_pages_neither_skip_nor_repeat_while_statements_are_deleted(grown, anonymous_api):
    at_start = [r["id"] for r in walk(anonymous_api, "/api/v1/statements/?page_size=1000")]
    rng = random.Random(7)
    seen, deleted = [], set()
    url = "/api/v1/statements/?page_size=7"
    while url:
        page = anonymous_api.get(url).json()
        seen.extend(r["id"] for r in page["results"])
        url = page["next"]
        for pk in rng.sample(at_start, 2):
            Statement.objects.filter(pk=pk).delete()
            deleted.add(pk)
    assert len(seen) == len(set(seen))
    assert set(at_start) - deleted <= set(seen)


def test_page_size_and_cursor_are_checked(seed, anonymous_api):
    first = anonymous_api.get("/api/v1/statements/?page_size=5").json()
    assert len(first["results"]) == 5 and first["next"] and first["previous"] is None
    assert anonymous_api.get("/api/v1/statements/?cursor=not-a-cursor").status_code == 404
    capped = anonymous_api.get("/api/v1/statements/?page_size=100000").json()
    assert len(capped["results"]) == Statement.objects.count()
