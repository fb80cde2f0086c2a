"""The links to the wider record through the API: actors' Wikidata ids (in the
actor endpoint, the statement shape, the schema and the exports) and articles' archive
URLs, each refused with a message naming the field when malformed."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.models import Actor
from sources.models import Article
from tests.factories import make_actor, make_article, make_outlet, make_statement


@pytest.mark.django_db
def test_the_api_reads_and_writes_the_id_and_refuses_a_bad_one_naming_the_field(
    anonymous_api, editor_api
):
    created = editor_api.post(
        "/api/v1/actors/",
        {"slug": "iran", "name": "Iran", "kind": "state", "wikidata_id": "Q794"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert anonymous_api.get("/api/v1/actors/iran/").json()["wikidata_id"] == "Q794"
    bad = editor_api.post(
        "/api/v1/actors/",
        {"slug": "persia", "name": "Persia", "kind": "state", "wikidata_id": "Q0794"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["wikidata_id"] == [
        "A Wikidata id is Q followed by digits, with no leading zero: Q794 for Iran."
    ]
    taken = editor_api.post(
        "/api/v1/actors/",
        {"slug": "persia", "name": "Persia", "kind": "state", "wikidata_id": "Q794"},
        format="json",
    )
    assert taken.status_code == 400
    assert taken.json()["wikidata_id"] == ["Q794 is already the Wikidata id of Iran."]
    assert not Actor.objects.filter(slug="persia").exists()


@pytest.mark.django_db
def test_the_schema_documents_the_id_on_actors_and_statements(anonymous_api):
    schema = anonymous_api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    components = schema["components"]["schemas"]
    assert "wikidata_id" in components["Actor"]["properties"]
    assert {"actor_wikidata", "speaker_wikidata"} <= set(components["StatementOut"]["properties"])


@pytest.mark.django_db
def test_the_exports_end_with_the_actor_and_speaker_ids(anonymous_api):
    state = make_actor(slug="iran", name="Iran", wikidata_id="Q794")
    person = make_actor(
        slug="kanaani", name="A Spokesman", kind="person", speaks_for=state, wikidata_id="Q1000001"
    )
    with_speaker = make_statement(actor=state, speaker=person)
    without = make_statement(actor=make_actor(slug="atlantis", name="Atlantis"))
    response = anonymous_api.get("/api/v1/statements/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    header = list(rows[0])
    assert header[-2:] == ["actor_wikidata", "speaker_wikidata"]
    assert header[:-2][-2:] == ["quote_count", "url"]  # what was there stays in place
    by_id = {int(row["id"]): row for row in rows}
    assert by_id[with_speaker.pk]["actor_wikidata"] == "Q794"
    assert by_id[with_speaker.pk]["speaker_wikidata"] == "Q1000001"
    assert (by_id[without.pk]["actor_wikidata"], by_id[without.pk]["speaker_wikidata"]) == ("", "")
    lines = b"".join(anonymous_api.get("/api/v1/statements/export.jsonl").streaming_content)
    records = {r["id"]: r for r in map(json.loads, lines.decode().splitlines())}
    assert records[with_speaker.pk]["actor_wikidata"] == "Q794"
    assert records[with_speaker.pk]["speaker_wikidata"] == "Q1000001"
    assert records[without.pk]["actor_wikidata"] is None
    assert list(records[without.pk])[-2:] == ["actor_wikidata", "speaker_wikidata"]


@pytest.mark.django_db
def test_the_api_keeps_an_articles_archive_url_and_refuses_other_hosts(anonymous_api, editor_api):
    outlet = make_outlet(slug="rt", name="RT")
    article = {
        "outlet": outlet.slug,
        "title": "Iran denies",
        "url": "https://news.example/iran-denies",
        "published_on": "2022-10-18",
        "language": "en",
        "body": "Iran denied supplying drones.",
    }
    refused = editor_api.post(
        "/api/v1/articles/",
        article | {"archive_url": "https://mirror.example/web/2022/https://news.example/"},
        format="json",
    )
    assert refused.status_code == 400
    assert "Wayback Machine" in refused.json()["archive_url"][0]
    assert not Article.objects.exists()
    archived = "https://web.archive.org/web/20221018000000/https://news.example/iran-denies"
    created = editor_api.post(
        "/api/v1/articles/", article | {"archive_url": archived}, format="json"
    )
    assert created.status_code == 201, created.json()
    read = anonymous_api.get(f"/api/v1/articles/{created.json()['id']}/").json()
    assert read["archive_url"] == archived
    existing = make_article(outlet=outlet)
    patched = editor_api.patch(
        f"/api/v1/articles/{existing.pk}/",
        {"archive_url": "http://archive.ph/AbCdE", "version": existing.version},
        format="json",
    )
    assert patched.status_code == 400  # plain http: an archive link is cited over https
    assert "archive_url" in patched.json()
    assert Article.objects.get(pk=existing.pk).archive_url == ""
