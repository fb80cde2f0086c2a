"""The data set at /data/: a zip of CSV files with a Frictionless datapackage.json,
validated with the frictionless package and read back with pandas as a researcher
would, every table's rows and relations against the database."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
from django.core.management import call_command
from django.db.models import F, Max
from django.test import Client
from frictionless import Package, validate
from pytest_django.asserts import assertContains

from claims.exports.dataset import DATED_MODELS
from claims.exports.dataset_tables import TABLES
from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from sources.models import Article, Outlet

DOWNLOAD = "/data/claimtracker-data.zip"
COUNTS = {
    "outlets": Outlet,
    "articles": Article,
    "actors": Actor,
    "actor_aliases": ActorAlias,
    "claims": Claim,
    "statements": Statement,
    "quotes": Quote,
}


def download(client) -> bytes:
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    return b"".join(response.streaming_content)


def unzipped(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every member's checksum holds
        archive.extractall(folder)
    return folder / "datapackage.json"


def latest_change() -> str:
    latest = max(
        model.history.aggregate(latest=Max("history_date"))["latest"] for model in DATED_MODELS
    )
    return latest.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_download_validates_as_a_data_package_and_holds_every_record(seed, client, tmp_path):
    descriptor = unzipped(download(client), tmp_path)
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads(descriptor.read_text())
    assert package["version"] == latest_change()
    assert "licenses" not in package  # the project states no licence
    assert package["version"] in package["citation"]
    assert package["citation"].endswith("http://testserver/data/")
    assert [r["name"] for r in package["resources"]] == list(COUNTS)
    for resource in package["resources"]:
        frame = pd.read_csv(tmp_path / resource["path"], dtype=str, keep_default_na=False)
        assert len(frame) == COUNTS[resource["name"]].objects.count(), resource["name"]
        fields = resource["schema"]["fields"]
        assert list(frame.columns) == [field["name"] for field in fields]
        for field in fields:
            assert field["type"] in {"string", "integer", "date"}
            assert field["description"].strip(), (resource["name"], field["name"])


def test_every_key_in_the_tables_resolves_and_the_words_are_the_databases(seed, client, tmp_path):
    unzipped(download(client), tmp_path)
    tables = {
        table.name: pd.read_csv(tmp_path / table.path, dtype=str, keep_default_na=False)
        for table in TABLES
    }
    for table in TABLES:
        for column, (target, key) in table.references.items():
            values = set(tables[table.name][column]) - {""}
            assert values, (table.name, column)  # each relation is used by the seed
            assert values <= set(tables[target][key]), (table.name, column)
    # Quotes point into article bodies: the offsets find the words in the CSV's body.
    bodies = dict(zip(tables["articles"]["id"], tables["articles"]["body"], strict=True))
    for quote in tables["quotes"].itertuples():
        assert bodies[quote.article][int(quote.start) : int(quote.end)] == quote.text
    iran = tables["actors"].set_index("slug").loc["iran"]
    assert iran["wikidata_id"] == "Q794"
    aliases = tables["actor_aliases"]
    assert set(aliases[aliases["actor"] == "ukraine"]["name"]) == {"Kyiv", "Kiev"}


def test_the_statements_file_is_the_statement_export(seed, client, tmp_path):
    unzipped(download(client), tmp_path)
    exported = b"".join(client.get("/api/v1/statements/export.csv").streaming_content)
    assert (tmp_path / "statements.csv").read_bytes() == exported
    quotes = b"".join(client.get("/api/v1/quotes/export.csv").streaming_content)
    assert (tmp_path / "quotes.csv").read_bytes() == quotes


def test_the_same_data_gives_the_same_bytes_and_a_change_gives_a_new_version(seed, client):
    # The seed as loaded yesterday: a change now is a later second, whatever the clock.
    for model in DATED_MODELS:
        model.history.update(history_date=F("history_date") - datetime.timedelta(days=1))
    first = client.get(DOWNLOAD)
    name = first["Content-Disposition"]
    assert b"".join(first.streaming_content) == download(client)
    actor = Actor.objects.get(slug="israel")
    actor.note = "Corrected"
    actor.save()
    changed = client.get(DOWNLOAD)
    # Read to the end, as a client does: a download left unread holds its transaction.
    b"".join(changed.streaming_content)
    assert changed["Content-Disposition"] != name
    package = Package(
        json.loads(zipfile.ZipFile(io.BytesIO(download(client))).read("datapackage.json"))
    )
    assert package.version == latest_change()


def test_the_command_writes_the_file_the_page_serves(seed, client, tmp_path, capsys):
    target = tmp_path / "data.zip"
    call_command("build_dataset", output=str(target), base_url="http://testserver/")
    assert target.read_bytes() == download(client)
    assert f"data version {latest_change()}" in capsys.readouterr().out
    call_command("build_dataset", output=str(tmp_path), base_url="http://testserver/")
    assert [p.name for p in tmp_path.glob("claimtracker-data-*.zip")], list(tmp_path.iterdir())


def test_the_descriptor_alone_is_the_one_in_the_zip(seed, client):
    alone = client.get("/data/datapackage.json").json()
    inside = json.loads(zipfile.ZipFile(io.BytesIO(download(client))).read("datapackage.json"))
    assert alone == inside


def test_the_page_offers_the_download_with_its_version_and_citation(seed, client):
    page = client.get("/data/")
    version = latest_change()
    assertContains(page, f'<time datetime="{version}">{version}</time>', html=True)
    assertContains(page, f'href="{DOWNLOAD}"')
    assertContains(page, "ClaimTracker (20")
    assertContains(page, f"version {version}. http://testserver/data/")
    for table in TABLES:
        assertContains(page, f"<code>{table.path}</code>", html=True)
    assertContains(page, "none is stated for this data yet")
    assertContains(client.get("/"), 'href="/data/"')


def test_the_download_outside_a_transaction_reads_one_snapshot(committed_seed, client, tmp_path):
    """As served: no transaction around the request, so the data set opens its own
    (repeatable read on PostgreSQL) and every table is read in it."""
    report = validate(str(unzipped(download(client), tmp_path)))
    assert report.valid


def test_the_data_set_asks_for_sign_in_when_reading_does(seed, reader_client, settings):
    settings.READ_REQUIRES_SIGN_IN = True
    for url in ("/data/", DOWNLOAD, "/data/datapackage.json"):
        assert Client().get(url).status_code == 302, url
    assert download(reader_client).startswith(b"PK")
