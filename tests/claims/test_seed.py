"""The shipped seed data: correct, loadable twice, and built from the reviewed annotations."""

from __future__ import annotations

import copy
import datetime
import json
from collections import Counter
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from claims import seed as seed_data
from claims.models import Actor, Quote, Statement
from sources.models import Article
from tests.factories import make_statement


def read_body(name: str) -> str:
    return (seed_data.FIXTURES_DIR / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def annotations() -> dict:
    return yaml.safe_load(seed_data.ANNOTATIONS.read_text(encoding="utf-8"))


def counts() -> dict[str, tuple[int, int]]:
    return {
        model.__name__: (model.objects.count(), model.history.count())
        for model in seed_data.SEED_MODELS
    }


# --- the loaded data ----------------------------------------------------------------------


def test_check_quotes_passes_on_the_seed_data(seed):
    out = StringIO()

    call_command("check_quotes", stdout=out, stderr=StringIO())

    assert f"All {Quote.objects.count()} quotes match their articles." in out.getvalue()
    assert Quote.objects.count() == 49


def test_every_seed_quote_is_its_article_body_slice(seed):
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start : quote.end] == quote.text, quote.pk
        assert quote.article.body[: quote.start].endswith(quote.prefix), quote.pk
        assert quote.article.body[quote.end :].startswith(quote.suffix), quote.pk


def test_loading_the_seed_twice_adds_nothing(seed):
    before = counts()

    report = seed_data.load_seed()

    assert counts() == before
    assert all(added == 0 for added, _ in report.values())
    assert report["statements"] == (0, Statement.objects.count())


def test_loading_the_seed_again_keeps_an_editors_change(seed):
    statement = Statement.objects.get(pk=17)
    statement.note = "Checked against the Kremlin transcript."
    statement.save()
    actor = Actor.objects.get(slug="dmitry-peskov")
    actor.description = "Press secretary of the President of Russia"
    actor.save()

    seed_data.load_seed()

    assert Statement.objects.get(pk=17).note == "Checked against the Kremlin transcript."
    assert (
        Actor.objects.get(pk=actor.pk).description == "Press secretary of the President of Russia"
    )
    assert Statement.objects.get(pk=17).history.count() == 2


def test_load_seed_command_says_when_there_is_nothing_to_do(seed):
    out = StringIO()

    call_command("load_seed", stdout=out)

    assert "already loaded" in out.getvalue()


def test_every_seed_record_has_an_initial_history_row(seed):
    for model in seed_data.SEED_MODELS:
        pks = set(model.objects.values_list("pk", flat=True))
        history = model.history.filter(history_type="+", history_change_reason="seed data")
        assert set(history.values_list("id", flat=True)) == pks, model.__name__
        assert history.count() == len(pks), model.__name__


def test_records_added_after_the_seed_get_fresh_ids(seed):
    # The seed sets its own ids; the sequences must have moved past them (PostgreSQL).
    statement = make_statement(
        article=Article.objects.get(pk=1), quote="Moscow, in turn, denied the information."
    )

    assert statement.pk > 36
    assert statement.quotes.get().pk > Quote.objects.exclude(statement=statement).latest("pk").pk


def test_peskovs_briefing_of_18_october_2022_is_recorded_as_each_outlet_reports_it(seed):
    # RT reports a denial, quoted twice; HotNews.ro reports "does not know": noncommittal.
    peskov = Actor.objects.get(slug="dmitry-peskov")
    on_the_day = Statement.objects.filter(speaker=peskov, made_on=datetime.date(2022, 10, 18))

    stances = {
        statement.stance: {
            quote.article.outlet.name
            for quote in statement.quotes.select_related("article__outlet")
        }
        for statement in on_the_day
    }
    assert stances == {"denied": {"RT"}, "noncommittal": {"HotNews.ro"}}
    assert {s.actor.slug for s in on_the_day} == {"russia"}
    assert {s.claim.slug for s in on_the_day} == {"iran-supplied-drones-to-russia"}
    assert on_the_day.get(stance="denied").quotes.count() == 2


def test_kanaanis_denial_of_17_october_2022_is_recorded_for_iran(seed):
    statement = Statement.objects.get(
        speaker__slug="nasser-kanaani", made_on=datetime.date(2022, 10, 17)
    )

    assert statement.actor.slug == "iran"
    assert statement.stance == "denied"
    assert statement.made_on_precision == "day"
    assert statement.date_wording == "This Monday"


def test_no_statement_is_recorded_twice(seed):
    keys = Counter(Statement.objects.values_list("actor", "speaker", "claim", "made_on", "stance"))

    assert [key for key, n in keys.items() if n > 1] == []


def test_every_seed_statement_has_a_quote(seed):
    assert not Statement.objects.filter(quotes__isnull=True).exists()
    assert Statement.objects.count() == 36


def test_seed_statements_pass_model_validation(seed):
    for statement in Statement.objects.select_related("speaker"):
        statement.full_clean()
    for actor in Actor.objects.select_related("speaks_for"):
        actor.full_clean()


# --- building the fixture -----------------------------------------------------------------


def test_seed_json_is_up_to_date_with_the_annotations(annotations):
    built = seed_data.build_fixture(copy.deepcopy(annotations), read_body)

    assert built == json.loads(seed_data.SEED_FIXTURE.read_text(encoding="utf-8"))


def statement_15(annotations: dict) -> dict:
    return next(item for item in annotations["statements"] if item["id"] == 15)


def build_with(annotations: dict, change) -> str:
    modified = copy.deepcopy(annotations)
    change(statement_15(modified))
    with pytest.raises(seed_data.AnnotationError) as raised:
        seed_data.build_fixture(modified, read_body)
    return str(raised.value)


def test_build_refuses_a_quote_that_is_not_verbatim(annotations):
    def reword(item):
        item["quotes"][0]["text"] = item["quotes"][0]["text"].replace(
            "Iran again", "Iran once again"
        )

    message = build_with(annotations, reword)

    assert message.startswith("statement 15, quote from hotnews-pukhov:")
    assert "does not occur" in message


def test_build_refuses_an_ambiguous_quote(annotations):
    def ambiguous(item):
        item["quotes"][0]["text"] = "Iranian drones"

    message = build_with(annotations, ambiguous)

    assert message.startswith("statement 15, quote from hotnews-pukhov:")
    assert "times in the article body" in message


def test_build_accepts_an_ambiguous_quote_with_its_occurrence(annotations):
    modified = copy.deepcopy(annotations)
    item = statement_15(modified)
    item["quotes"][0].update(text="Iranian drones", occurrence=2)

    records = seed_data.build_fixture(modified, read_body)

    body = read_body("articles/000_50ca7a024e2c8184.txt")
    second = body.index("Iranian drones", body.index("Iranian drones") + 1)
    quotes = [r for r in records if r["model"] == "claims.quote" and r["fields"]["statement"] == 15]
    assert quotes[0]["fields"]["start"] == second


def test_build_refuses_an_unknown_stance(annotations):
    message = build_with(annotations, lambda item: item.update(stance="maybe"))

    assert message == "statement 15: unknown stance 'maybe'"


def test_build_refuses_a_speaker_who_is_not_a_person(annotations):
    message = build_with(annotations, lambda item: item.update(speaker="iran"))

    assert message == "statement 15: the speaker 'iran' is not a person actor"


def test_build_refuses_a_misspelt_speaker_or_article_naming_the_statement(annotations):
    assert build_with(annotations, lambda item: item.update(speaker="nasser-kanani")) == (
        "statement 15: unknown speaker 'nasser-kanani'"
    )
    message = build_with(annotations, lambda item: item["quotes"][0].update(article="hotnews"))
    assert message == "statement 15: unknown article 'hotnews'"


def test_build_reports_every_problem_of_a_statement_at_once(annotations):
    message = build_with(annotations, lambda item: item.update(actor="irn", made_on="2022-10-16"))

    assert "statement 15: unknown actor 'irn'" in message


def test_build_refuses_a_wording_that_contradicts_the_date(annotations):
    message = build_with(annotations, lambda item: item.update(made_on=datetime.date(2022, 10, 16)))

    assert message.startswith("statement 15: “This Monday” against 2022-10-20 gives 2022-10-17")


def test_build_refuses_a_month_precision_date_that_is_not_the_first(annotations):
    def mid_month(item):
        item.update(made_on="2022-10-17", precision="month", wording="")

    message = build_with(annotations, mid_month)

    assert message == "statement 15: with month precision the date must start its month"
