"""The evaluation sets of real articles on other subjects, annotated by hand.

Four sets: `articles` (the assistant's rules may be tuned on it), `heldout` (built to be
never tuned on, now tuned on as well), `heldout2` and `heldout3` (never tuned on, to tell
general rules from fitted ones). Each set is built with the seed's own builder
(claims/seed.py), so every quote is verbatim and unambiguous, every actor, claim, stance
and precision is known and every date wording agrees with sources/dates.py; the built
records are then loaded into the database, where the models' own rules check them again.
"""

from __future__ import annotations

import copy
import datetime
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.core import serializers

from claims import seed as seed_data
from claims.models import Actor, Quote, Statement
from sources import dates
from sources.models import Article

SETS_DIR = Path(__file__).parent
# A relative wording each set must exercise, besides weekdays and undated statements.
RELATIVE_WORDING = {
    "articles": "last week",
    "heldout": "today",
    "heldout2": "A day earlier",
    "heldout3": "on Saturday",
}
# Sets built to be held out: each must share no article, body or claim with any other set.
HELD_OUT = ("heldout", "heldout2", "heldout3")


def read_annotations(set_name: str) -> dict:
    return yaml.safe_load((SETS_DIR / set_name / "annotations.yaml").read_text(encoding="utf-8"))


def body_reader(set_name: str):
    def read_body(name: str) -> str:
        return (SETS_DIR / set_name / name).read_text(encoding="utf-8")

    return read_body


@pytest.fixture(scope="module", params=sorted(RELATIVE_WORDING))
def set_name(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def annotations(set_name) -> dict:
    return read_annotations(set_name)


@pytest.fixture(scope="module")
def read_body(set_name):
    return body_reader(set_name)


@pytest.fixture(scope="module")
def records(annotations, read_body) -> list[dict]:
    # Raises AnnotationError, naming the statement, on any broken rule.
    return seed_data.build_fixture(copy.deepcopy(annotations), read_body)


def of_model(records: list[dict], model: str) -> list[dict]:
    return [record for record in records if record["model"] == model]


# --- the set itself -----------------------------------------------------------------------


def test_the_set_has_at_least_five_articles_from_at_least_three_outlets(annotations):
    articles = annotations["articles"]

    assert len(articles) >= 5
    assert len({article["outlet"] for article in articles}) >= 3


def test_every_article_says_where_it_comes_from_and_how_it_was_dated(annotations, set_name):
    for article in annotations["articles"]:
        assert article["url"].startswith(("http://", "https://")), article["key"]
        assert article["title"].strip(), article["key"]
        assert isinstance(article["published_on"], datetime.date), article["key"]
        assert "published" in article["note"].lower(), article["key"]
        assert SETS_DIR.joinpath(set_name, article["body"]).is_file(), article["key"]


def test_no_article_is_about_the_seeds_drone_story(annotations, read_body):
    seed = yaml.safe_load(seed_data.ANNOTATIONS.read_text(encoding="utf-8"))
    seed_claims = {claim["slug"] for claim in seed["claims"]}
    seed_bodies = {
        seed_data.FIXTURES_DIR.joinpath(article["body"]).read_text(encoding="utf-8")
        for article in seed["articles"]
    }

    assert not seed_claims & {claim["slug"] for claim in annotations["claims"]}
    for article in annotations["articles"]:
        body = read_body(article["body"])
        assert body not in seed_bodies, article["key"]
        assert "drone" not in body.lower(), article["key"]


def test_every_article_has_a_statement_and_every_claim_is_used(annotations):
    quoted = Counter(
        quote["article"] for item in annotations["statements"] for quote in item["quotes"]
    )
    claimed = {item["claim"] for item in annotations["statements"]}

    assert {article["key"] for article in annotations["articles"]} <= set(quoted)
    assert claimed == {claim["slug"] for claim in annotations["claims"]}


def test_the_set_has_every_stance_and_both_undated_and_relative_dates(annotations, set_name):
    # What the assistant is measured on: each stance, and dates it must resolve or mark.
    statements = annotations["statements"]

    assert {item["stance"] for item in statements} == {
        "asserted",
        "denied",
        "confirmed",
        "noncommittal",
    }
    assert any(not item.get("wording") for item in statements)
    assert any(item.get("wording") == RELATIVE_WORDING[set_name] for item in statements)


@pytest.mark.parametrize("held_out", HELD_OUT)
def test_a_held_out_set_shares_no_article_body_or_claim_with_any_other_set(held_out):
    seed = yaml.safe_load(seed_data.ANNOTATIONS.read_text(encoding="utf-8"))
    others = [name for name in RELATIVE_WORDING if name != held_out]
    other_articles = [
        (name, article) for name in others for article in read_annotations(name)["articles"]
    ]
    other_urls = {article["url"] for _, article in other_articles} | {
        article["url"] for article in seed["articles"] if "url" in article
    }
    other_bodies = {body_reader(name)(article["body"]) for name, article in other_articles} | {
        seed_data.FIXTURES_DIR.joinpath(article["body"]).read_text(encoding="utf-8")
        for article in seed["articles"]
    }
    other_claims = {claim["slug"] for claim in seed["claims"]} | {
        claim["slug"] for name in others for claim in read_annotations(name)["claims"]
    }
    held = read_annotations(held_out)
    read_held = body_reader(held_out)

    for article in held["articles"]:
        assert article["url"] not in other_urls, article["key"]
        assert read_held(article["body"]) not in other_bodies, article["key"]
    assert not other_claims & {claim["slug"] for claim in held["claims"]}


# --- the builder's checks -----------------------------------------------------------------


def test_every_quote_is_its_article_body_slice(annotations, records, read_body):
    bodies = {article["id"]: read_body(article["body"]) for article in annotations["articles"]}
    quotes = of_model(records, "claims.quote")

    assert len(quotes) == sum(len(item["quotes"]) for item in annotations["statements"])
    for quote in quotes:
        fields = quote["fields"]
        assert bodies[fields["article"]][fields["start"] : fields["end"]] == fields["text"]


def test_every_date_wording_agrees_with_the_date_resolver(annotations):
    published_on = {article["key"]: article["published_on"] for article in annotations["articles"]}
    checked = 0
    for item in annotations["statements"]:
        if not item.get("wording"):
            assert item["precision"] == "month", f"statement {item['id']}: undated, so month"
            continue
        try:
            resolved = dates.resolve(item["wording"], published_on[item["quotes"][0]["article"]])
        except dates.UnresolvableDate:
            # Relative to another event ("during the same hearing"): dated by hand, with a note.
            assert item.get("note"), f"statement {item['id']}: say what the date counts from"
            continue
        checked += 1
        assert (resolved.date, str(resolved.precision)) == (item["made_on"], item["precision"]), (
            item["id"]
        )
    assert checked >= len(annotations["statements"]) // 2


def test_the_builder_refuses_a_reworded_quote(annotations, read_body):
    modified = copy.deepcopy(annotations)
    quote = modified["statements"][0]["quotes"][0]
    quote["text"] = quote["text"].replace(" ", "  ", 1)

    with pytest.raises(seed_data.AnnotationError) as raised:
        seed_data.build_fixture(modified, read_body)

    assert str(raised.value).startswith(f"statement {modified['statements'][0]['id']}, quote")


def test_the_builder_refuses_a_wrong_date_for_a_wording(annotations, read_body):
    modified = copy.deepcopy(annotations)
    item = next(item for item in modified["statements"] if item.get("wording") == "on Monday")
    item["made_on"] = item["made_on"] - datetime.timedelta(days=1)

    with pytest.raises(seed_data.AnnotationError) as raised:
        seed_data.build_fixture(modified, read_body)

    assert f"statement {item['id']}: “on Monday”" in str(raised.value)


# --- loaded into the database ---------------------------------------------------------------


@pytest.fixture
def loaded(db, records) -> list[dict]:
    for deserialized in serializers.deserialize("python", copy.deepcopy(records)):
        deserialized.save()
    return records


def test_the_set_loads_and_every_record_passes_model_validation(loaded, annotations):
    assert Article.objects.count() == len(annotations["articles"])
    assert Statement.objects.count() == len(annotations["statements"])
    for actor in Actor.objects.select_related("speaks_for"):
        actor.full_clean()
    for statement in Statement.objects.select_related("speaker"):
        statement.full_clean()
    for quote in Quote.objects.select_related("article"):
        assert quote.problem() == "", quote.pk
        assert quote.article.body[: quote.start].endswith(quote.prefix), quote.pk
        assert quote.article.body[quote.end :].startswith(quote.suffix), quote.pk


def test_no_statement_is_recorded_twice(loaded):
    keys = Counter(Statement.objects.values_list("actor", "speaker", "claim", "made_on", "stance"))

    assert [key for key, n in keys.items() if n > 1] == []


def test_every_speaker_speaks_for_the_statements_actor(loaded):
    # An official in office is recorded under the state or organisation they speak for.
    for statement in Statement.objects.filter(speaker__isnull=False).select_related("speaker"):
        assert statement.speaker.speaks_for_id == statement.actor_id, statement.pk


def test_every_statement_is_dated_on_or_before_its_articles(loaded):
    for quote in Quote.objects.select_related("statement", "article"):
        assert quote.statement.made_on <= quote.article.published_on, quote.statement_id
