"""Cite this: the statement's earliest source, the claim never in quotation marks, and
the same citation as BibTeX, RIS and CSL-JSON files for a reference manager."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.utils import timezone

from tests.factories import make_actor, make_article, make_claim, make_outlet, make_quote
from tests.factories import make_statement as build_statement
from tests.pages.reading import cited, main_html

BODY = "Officials said on Monday that no drones were sent to Russia. The talks ended late."


@pytest.fixture
def statement(db):
    """Freedonia's denial, quoted first by the Courier (attached first) and then, a day
    earlier, by the Gazette (attached second): the Gazette is the earliest source."""
    later = make_article(
        body=BODY,
        outlet=make_outlet(name="The Vienna Courier"),
        url="https://courier.example/talks",
        title="Talks end late",
        published_on=datetime.date(2022, 10, 21),
    )
    earlier = make_article(
        body=BODY,
        outlet=make_outlet(name="Gazette & Co"),
        url="https://gazette.example/first",
        title="First report {draft}",
        published_on=datetime.date(2022, 10, 18),
    )
    statement = build_statement(
        actor=make_actor(name="Freedonia"),
        speaker=make_actor(name="Rufus Firefly", kind="person"),
        claim=make_claim(text="Freedonia sent drones to Russia"),
        stance="denied",
        made_on=datetime.date(2022, 10, 17),
        article=later,
        quote="no drones were sent to Russia",
    )
    make_quote(statement=statement, article=earlier, quoted="no drones were sent to Russia")
    return statement


def test_the_citation_cites_the_earliest_source_and_does_not_quote_the_claim(client, statement):
    citation = cited(client.get(statement.get_absolute_url()))

    assert citation == (
        "Freedonia (Rufus Firefly), 17 October 2022: denied the claim that Freedonia sent "
        "drones to Russia. Quoted in Gazette & Co, “First report {draft}”, 18 October 2022, "
        f"https://gazette.example/first. ClaimTracker statement #{statement.pk}, "
        f"http://testserver/statements/{statement.pk}/"
    )
    assert "“Freedonia sent drones" not in citation


def test_the_page_links_each_citation_file(client, statement):
    page = main_html(client.get(statement.get_absolute_url()))

    for extension, name in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")):
        assert f'href="/statements/{statement.pk}/cite.{extension}" download>{name}</a>' in page


def download(client, statement, extension: str):
    response = client.get(f"/statements/{statement.pk}/cite.{extension}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="claimtracker-statement-{statement.pk}.{extension}"'
    )
    return response


def test_csl_json_is_a_webpage_item_with_the_date_at_its_precision(client, statement):
    response = download(client, statement, "json")

    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    [item] = json.loads(response.content)
    assert item["type"] == "webpage"
    assert item["title"] == (
        "Freedonia (Rufus Firefly) denied the claim that Freedonia sent drones to Russia"
    )
    assert item["author"] == [{"literal": "Freedonia"}]
    assert item["issued"] == {"date-parts": [[2022, 10, 17]]}
    assert item["URL"] == f"http://testserver/statements/{statement.pk}/"
    assert item["note"].startswith("Quoted in Gazette & Co, “First report {draft}”")
    today = timezone.localdate()
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}


def test_a_month_precise_statement_is_cited_with_its_month_only(client, statement):
    statement.made_on, statement.made_on_precision, statement.date_wording = (
        datetime.date(2022, 10, 1),
        "month",
        "in October",
    )
    statement.save()

    [item] = json.loads(download(client, statement, "json").content)
    ris = download(client, statement, "ris").content.decode()
    bib = download(client, statement, "bib").content.decode()

    assert item["issued"] == {"date-parts": [[2022, 10]]}
    assert "DA  - 2022/10//\r\n" in ris
    assert "  month = oct" in bib


def test_ris_has_one_tag_per_line_and_ends_its_record(client, statement):
    response = download(client, statement, "ris")

    assert response["Content-Type"].startswith("application/x-research-info-systems")
    lines = response.content.decode().split("\r\n")
    tags = [line[:2] for line in lines if line]
    assert tags[0] == "TY" and tags[-1] == "ER"
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines if line)
    assert f"UR  - http://testserver/statements/{statement.pk}/" in lines
    assert "DA  - 2022/10/17/" in lines
    assert "AU  - Freedonia" in lines


def test_bibtex_escapes_tex_and_keeps_its_braces_balanced(client, statement):
    response = download(client, statement, "bib")

    bib = response.content.decode()
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert bib.startswith(f"@misc{{claimtracker-statement-{statement.pk},\n")
    assert "  author = {{Freedonia}}" in bib
    assert r"Gazette \& Co, “First report \{draft\}”" in bib
    depth = 0
    for character in bib.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0


def test_an_unknown_statement_has_no_citation(client, db):
    assert client.get("/statements/999999/cite.bib").status_code == 404
    assert client.get("/statements/1/cite.pdf").status_code == 404
