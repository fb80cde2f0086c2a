"""The rules of statements (claims/models/statements.py), in forms (full_clean) and in the
database: speakers, stance, precision and dates, the statements of an actor, history,
and the party a statement counts for."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Statement
from tests.factories import make_actor, make_claim, make_statement

pytestmark = pytest.mark.django_db


def unsaved_statement(**overrides) -> Statement:
    fields = {
        "actor": overrides.pop("actor", None) or make_actor(),
        "claim": overrides.pop("claim", None) or make_claim(),
        "stance": "denied",
        "made_on": datetime.date(2022, 10, 17),
        "made_on_precision": "day",
        "date_wording": "on Monday",
    }
    return Statement(**(fields | overrides))


def errors_of(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


# --- speakers and spokespeople --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["state", "organisation", "media"])
def test_a_speaker_who_is_not_a_person_is_refused(iran, kind):
    statement = unsaved_statement(actor=iran, speaker=make_actor(kind=kind))

    with pytest.raises(ValidationError) as raised:
        statement.full_clean()

    assert list(errors_of(raised)) == ["speaker"]
    assert "a speaker must be a person" in " ".join(errors_of(raised)["speaker"])


def test_a_person_speaker_is_accepted(iran, kanaani):
    unsaved_statement(actor=iran, speaker=kanaani).full_clean()


# --- stance, precision and dates ----------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [("stance", "maybe"), ("made_on_precision", "week")])
def test_an_unknown_stance_or_precision_is_refused_by_full_clean(field, value):
    statement = unsaved_statement(**{field: value, "date_wording": ""})

    with pytest.raises(ValidationError) as raised:
        statement.full_clean()

    assert list(errors_of(raised)) == [field]


@pytest.mark.parametrize(("field", "value"), [("stance", "maybe"), ("made_on_precision", "week")])
def test_an_unknown_stance_or_precision_is_refused_by_the_database(field, value):
    statement = make_statement()

    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(**{field: value})

    statement.refresh_from_db()
    assert (statement.stance, statement.made_on_precision) == ("denied", "day")


@pytest.mark.parametrize(
    ("precision", "made_on", "first"),
    [
        ("month", datetime.date(2022, 9, 15), "2022-09-01"),
        ("year", datetime.date(2022, 9, 1), "2022-01-01"),
    ],
)
def test_a_date_that_does_not_start_its_month_or_year_is_refused(precision, made_on, first):
    statement = unsaved_statement(made_on=made_on, made_on_precision=precision, date_wording="")

    with pytest.raises(ValidationError) as raised:
        statement.full_clean()

    assert list(errors_of(raised)) == ["made_on"]
    assert first in errors_of(raised)["made_on"][0]


def test_month_precision_on_the_first_of_the_month_is_accepted():
    unsaved_statement(
        made_on=datetime.date(2022, 9, 1), made_on_precision="month", date_wording="in September"
    ).full_clean()


def test_a_wording_that_contradicts_the_precision_is_refused():
    statement = unsaved_statement(
        made_on=datetime.date(2022, 9, 1), made_on_precision="day", date_wording="in September"
    )

    with pytest.raises(ValidationError) as raised:
        statement.full_clean()

    assert list(errors_of(raised)) == ["made_on_precision"]
    assert "month precision" in errors_of(raised)["made_on_precision"][0]


def test_a_wording_the_resolver_cannot_read_is_accepted():
    unsaved_statement(made_on=datetime.date(2022, 10, 18), date_wording="the next day").full_clean()
    unsaved_statement(
        made_on=datetime.date(2022, 10, 18), date_wording="A few days later"
    ).full_clean()


# --- statements by actor ------------------------------------------------------------------


def test_statements_by_a_state_include_those_of_its_spokespeople(iran, kanaani):
    own = make_statement(actor=iran)
    spoken = make_statement(actor=iran, speaker=kanaani)
    recorded_under_person = make_statement(actor=kanaani, speaker=kanaani)
    elsewhere = make_statement()

    found = set(Statement.objects.by_actor(iran))

    assert found == {own, spoken, recorded_under_person}
    assert elsewhere not in found


def test_statements_by_a_person_are_their_own(iran, kanaani):
    make_statement(actor=iran)
    mine = make_statement(actor=kanaani)

    assert list(Statement.objects.by_actor(kanaani)) == [mine]


# --- history ------------------------------------------------------------------------------


def test_every_edit_of_a_statement_is_kept_in_its_history():
    statement = make_statement(stance="denied")

    statement.stance = "confirmed"
    statement.save()

    records = list(statement.history.order_by("history_id"))
    assert [record.stance for record in records] == ["denied", "confirmed"]
    assert [record.history_type for record in records] == ["+", "~"]
    diff = records[1].diff_against(records[0])
    assert "stance" in diff.changed_fields
    change = next(change for change in diff.changes if change.field == "stance")
    assert (change.old, change.new) == ("denied", "confirmed")


# --- the stored party ------------------------------------------------------------------------


def test_a_statement_counts_for_the_party_its_speaker_speaks_for(iran, kanaani):
    own = make_statement(actor=iran)
    spoken = make_statement(actor=kanaani)
    assert (own.party, spoken.party) == (iran, iran)
    assert set(Statement.objects.by_actor(iran)) == {own, spoken}


def test_when_a_person_changes_sides_their_statements_follow(iran, kanaani):
    spoken = make_statement(actor=kanaani)
    russia = make_actor(name="Russia", slug="russia", kind="state")
    kanaani.speaks_for = russia
    kanaani.save()
    spoken.refresh_from_db()
    assert spoken.party == russia
    assert list(Statement.objects.by_actor(russia)) == [spoken]
    assert not Statement.objects.by_actor(iran).exists()
    kanaani.speaks_for = None
    kanaani.save()
    spoken.refresh_from_db()
    assert spoken.party == kanaani


def test_bulk_inserted_statements_get_their_party(iran, kanaani):
    claim = make_claim()
    made = Statement.objects.bulk_create(
        [unsaved_statement(actor=actor, claim=claim) for actor in (iran, kanaani)]
    )
    assert [s.party_id for s in Statement.objects.filter(pk__in=[s.pk for s in made])] == [
        iran.pk,
        iran.pk,
    ]
