"""Joining a quote to a statement already recorded keeps what the editor typed: facts the
statement lacks are offered for adoption with one click, different ones side by side."""

from __future__ import annotations

import datetime
import html

import pytest

from claims import joining
from claims.models import Actor, Claim, Quote, Statement
from tests.factories import make_article, make_outlet

SECOND_REPORT = (
    "On Tuesday Kannani said again that Iran sent no drones to Russia. "
    "He called the reports baseless."
)
WORDS = "Kannani said again that Iran sent no drones to Russia."


@pytest.fixture
def recorded(seed):
    """Iran's denial recorded from a first report that named no speaker."""
    first = make_article(
        body="Iran denied again on Monday that it sent drones to Russia.",
        published_on=datetime.date(2022, 10, 18),
        outlet=make_outlet(name="First Outlet"),
    )
    statement = Statement.objects.create(
        actor=Actor.objects.get(slug="iran"),
        claim=Claim.objects.get(slug="iran-supplied-drones-to-russia"),
        stance="denied",
        made_on=datetime.date(2022, 10, 1),
        made_on_precision="month",
        note="The first report names no speaker.",
    )
    Quote.objects.create(
        statement=statement,
        article=first,
        start=0,
        end=len(first.body),
        text=first.body,
    )
    second = make_article(body=SECOND_REPORT, published_on=datetime.date(2022, 10, 19))
    return statement, second


def typed(**changes) -> dict:
    return {
        "text": WORDS,
        "start": str(len("On Tuesday ")),
        "actor": "Tehran",
        "speaker": "Kannani",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "date_wording": "On Tuesday",
        "made_on": "2022-10-18",
        "made_on_precision": "day",
        "note": "",
    } | changes


def offered(editor_client, second, **changes):
    response = editor_client.post(f"/articles/{second.pk}/statements/new/", typed(**changes))
    assert response.status_code == 400
    return response


def test_the_statement_form_offers_what_the_statement_lacks(editor_client, recorded):
    statement, second = recorded

    response = offered(editor_client, second)

    [similar] = [s for s in response.context["similar"] if s.pk == statement.pk]
    by_name = {offer.name: offer for offer in similar.join_offers}
    assert by_name["speaker"].typed == "Nasser Kanaani" and not by_name["speaker"].conflict
    assert by_name["date"].current == "October 2022" and by_name["date"].typed == "18 October 2022"
    assert not by_name["date"].conflict  # a finer date inside the month: adds detail only
    assert by_name["date_wording"].typed == "On Tuesday"
    page = html.unescape(response.content.decode())
    assert 'name="adopt_speaker" value="mine" checked' in page
    assert "add “Nasser Kanaani”" in page


def join(editor_client, statement, second, **choices):
    data = typed() | {"add_to": str(statement.pk)}
    for name, value in (
        ("speaker", "nasser-kanaani"),
        ("date", "2022-10-18/day"),
        ("date_wording", "On Tuesday"),
    ):
        data[f"typed_{name}"] = value
    return editor_client.post(f"/articles/{second.pk}/statements/new/", data | choices)


def test_joining_with_one_click_adopts_the_typed_speaker_and_date(editor_client, client, recorded):
    statement, second = recorded

    response = join(
        editor_client,
        statement,
        second,
        adopt_speaker="mine",
        adopt_date="mine",
        adopt_date_wording="mine",
    )

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.speaker.slug == "nasser-kanaani"
    assert (statement.made_on, statement.made_on_precision) == (datetime.date(2022, 10, 18), "day")
    assert statement.date_wording == "On Tuesday"
    assert statement.quotes.filter(article=second, text=WORDS).exists()
    latest = statement.history.order_by("-history_date").first()
    assert latest.history_change_reason.startswith(f"joined by a quote from article {second.pk}")
    # Now found where a researcher looks for Kanaani.
    listed = client.get("/statements/?speaker=kannani").context["page"].object_list
    assert statement.pk in [row.pk for row in listed]
    assert f"/statements/{statement.pk}/" in client.get("/actors/nasser-kanaani/").content.decode()


def test_a_conflicting_value_kept_as_it_was_is_not_changed(editor_client, recorded):
    statement, second = recorded
    statement.speaker = Actor.objects.get(slug="hossein-amir-abdollahian")
    statement.save()

    form = offered(editor_client, second)
    [similar] = [s for s in form.context["similar"] if s.pk == statement.pk]
    speaker = next(o for o in similar.join_offers if o.name == "speaker")
    assert speaker.conflict and speaker.current == "Hossein Amir-Abdollahian"
    assert 'value="keep" checked' in form.content.decode()

    join(editor_client, statement, second, adopt_speaker="keep")

    statement.refresh_from_db()
    assert statement.speaker.slug == "hossein-amir-abdollahian"
    assert statement.quotes.filter(article=second).exists()


def test_a_join_that_cannot_be_saved_adds_nothing_and_keeps_what_was_typed(editor_client, recorded):
    statement, second = recorded
    quotes, version = statement.quotes.count(), statement.version

    # The day-precise wording without the day-precise date contradicts month precision.
    response = join(editor_client, statement, second, adopt_date_wording="mine")

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert f"Not added to statement #{statement.pk}:" in page
    assert 'name="speaker" value="Kannani"' in page  # the form comes back as typed
    statement.refresh_from_db()
    assert (statement.quotes.count(), statement.version) == (quotes, version)


def test_a_finer_date_inside_the_statements_period_refines_it_and_another_conflicts():
    october = (datetime.date(2022, 10, 1), "month")
    assert joining.refines((datetime.date(2022, 10, 18), "day"), october)
    assert not joining.refines((datetime.date(2022, 11, 2), "day"), october)
    assert not joining.refines(october, (datetime.date(2022, 10, 18), "day"))
    assert joining.refines(october, (datetime.date(2022, 1, 1), "year"))


def test_a_join_without_typed_extras_offers_nothing(editor_client, recorded):
    statement, second = recorded
    statement.speaker = Actor.objects.get(slug="nasser-kanaani")
    statement.made_on, statement.made_on_precision = datetime.date(2022, 10, 18), "day"
    statement.date_wording = "On Tuesday"
    statement.save()

    response = offered(editor_client, second)

    [similar] = [s for s in response.context["similar"] if s.pk == statement.pk]
    assert similar.join_offers == []
