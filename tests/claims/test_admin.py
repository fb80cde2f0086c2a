"""The editors' admin on the seed data: finding by alias, entering statements with quotes."""

from __future__ import annotations

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article

ADD_URL = "/admin/claims/statement/add/"
# Statement 11 quotes this sentence of article 1 (HotNews.ro); recorded again here as a
# new statement on another claim, as an editor would.
QUOTED = "Moscow, in turn, denied the information."


def statement_data(**overrides) -> dict[str, str]:
    data = {
        "actor": str(Actor.objects.get(slug="russia").pk),
        "speaker": "",
        "claim": str(Claim.objects.get(slug="iran-supplied-drones-to-russia").pk),
        "stance": "denied",
        "made_on": "2022-07-01",
        "made_on_precision": "month",
        "date_wording": "",
        "note": "",
    }
    return data | overrides


def quotes_data(*quotes: dict[str, str], initial: int = 0) -> dict[str, str]:
    data = {
        "quotes-TOTAL_FORMS": str(len(quotes)),
        "quotes-INITIAL_FORMS": str(initial),
        "quotes-MIN_NUM_FORMS": "1",
        "quotes-MAX_NUM_FORMS": "1000",
    }
    for index, quote in enumerate(quotes):
        fields = {"id": "", "statement": "", "article": "", "text": "", "start": "", "end": ""}
        data |= {f"quotes-{index}-{name}": value for name, value in (fields | quote).items()}
    return data


def test_statement_add_page_uses_the_quotes_inline_prefix(seed, admin_client):
    response = admin_client.get(ADD_URL)

    assertContains(response, 'name="quotes-TOTAL_FORMS"')
    assertContains(response, 'name="quotes-0-text"')


@pytest.mark.parametrize(
    ("search", "expected", "absent"),
    [
        # Kanaani's statements (15, 16) under a spelling of his name that some outlets use.
        ("Kannani", [15, 16], [17]),
        # Ukraine's statements (10, 18, 22) under the old spelling of its capital.
        ("Kiev", [10, 18, 22], [17]),
    ],
)
def test_statement_changelist_finds_statements_by_an_alias(
    seed, admin_client, search, expected, absent
):
    response = admin_client.get("/admin/claims/statement/", {"q": search})

    assert response.status_code == 200
    for pk in expected:
        assertContains(response, f"/admin/claims/statement/{pk}/change/")
    for pk in absent:
        assertNotContains(response, f"/admin/claims/statement/{pk}/change/")


def test_actor_changelist_finds_dmitry_peskov_by_dmytro(seed, admin_client):
    peskov = Actor.objects.get(slug="dmitry-peskov")

    response = admin_client.get("/admin/claims/actor/", {"q": "Dmytro"})

    assertContains(response, f"/admin/claims/actor/{peskov.pk}/change/")
    assertContains(response, "Dmitry Peskov")
    assertNotContains(response, "Nasser Kanaani")


def test_statement_added_with_a_quote_given_by_text_only_gets_its_offsets(seed, admin_client):
    article = Article.objects.get(pk=1)
    before = Statement.objects.count()

    response = admin_client.post(
        ADD_URL,
        statement_data() | quotes_data({"article": str(article.pk), "text": QUOTED}),
    )

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert Statement.objects.count() == before + 1
    statement = Statement.objects.latest("pk")
    assert statement.made_on == datetime.date(2022, 7, 1)
    quote = statement.quotes.get()
    start = article.body.index(QUOTED)
    assert (quote.start, quote.end, quote.text) == (start, start + len(QUOTED), QUOTED)
    assert quote.is_valid()
    assert quote.prefix == article.body[start - len(quote.prefix) : start] != ""


def test_statement_with_a_quote_not_in_the_article_shows_the_error_and_saves_nothing(
    seed, admin_client
):
    before = (Statement.objects.count(), Quote.objects.count())

    response = admin_client.post(
        ADD_URL,
        statement_data() | quotes_data({"article": "1", "text": "Moscow admitted everything."}),
    )

    assert response.status_code == 200
    assertContains(response, "These words do not occur in the article exactly as given.")
    assert (Statement.objects.count(), Quote.objects.count()) == before


def test_statement_with_an_ambiguous_quote_shows_the_offsets_to_choose_from(seed, admin_client):
    body = Article.objects.get(pk=1).body
    first = body.index("Iranian drones")
    second = body.index("Iranian drones", first + 1)
    before = Statement.objects.count()

    response = admin_client.post(
        ADD_URL, statement_data() | quotes_data({"article": "1", "text": "Iranian drones"})
    )

    assert response.status_code == 200
    assertContains(response, f"at characters {first}, {second}")
    assert Statement.objects.count() == before


def test_statement_without_any_quote_is_refused(seed, admin_client):
    before = Statement.objects.count()

    response = admin_client.post(ADD_URL, statement_data() | quotes_data())

    assert response.status_code == 200
    assertContains(response, "Please submit at least 1 form.")
    assert Statement.objects.count() == before


def test_statement_with_a_speaker_who_is_not_a_person_is_refused(seed, admin_client):
    before = Statement.objects.count()
    data = statement_data(speaker=str(Actor.objects.get(slug="iran").pk))

    response = admin_client.post(ADD_URL, data | quotes_data({"article": "1", "text": QUOTED}))

    assert response.status_code == 200
    assert "speaker" in response.context["adminform"].form.errors
    assert Statement.objects.count() == before


def change_data(statement: Statement, **overrides) -> dict[str, str]:
    """The change form of a statement as the admin shows it, with `overrides` typed in."""
    quotes = list(statement.quotes.order_by("id"))
    data = statement_data(
        actor=str(statement.actor_id),
        speaker=str(statement.speaker_id or ""),
        claim=str(statement.claim_id),
        stance=statement.stance,
        made_on=statement.made_on.isoformat(),
        made_on_precision=statement.made_on_precision,
        date_wording=statement.date_wording,
        note=statement.note,
    ) | quotes_data(
        *(
            {
                "id": str(quote.pk),
                "statement": str(statement.pk),
                "article": str(quote.article_id),
                "text": quote.text,
                "start": str(quote.start),
                "end": str(quote.end),
            }
            for quote in quotes
        ),
        initial=len(quotes),
    )
    return data | overrides


def test_statement_history_page_lists_a_change_made_in_the_admin(seed, admin_client, admin_user):
    statement = Statement.objects.get(pk=17)
    data = change_data(statement, stance="confirmed")

    response = admin_client.post(f"/admin/claims/statement/{statement.pk}/change/", data)
    assert response.status_code == 302

    response = admin_client.get(f"/admin/claims/statement/{statement.pk}/history/")

    assert response.status_code == 200
    assertContains(response, "Changed")
    assertContains(response, "seed data")
    assertContains(response, admin_user.username)
    assert statement.history.count() == 2
    assert statement.history.first().stance == "confirmed"
    assert statement.history.first().history_user == admin_user


def test_actor_change_page_shows_the_aliases_inline(seed, admin_client):
    kanaani = Actor.objects.get(slug="nasser-kanaani")

    response = admin_client.get(f"/admin/claims/actor/{kanaani.pk}/change/")

    assert response.status_code == 200
    assertContains(response, 'name="aliases-TOTAL_FORMS"')
    for alias in ("Kanaani", "Kannani", "Nasser Kanani"):
        assertContains(response, f'value="{alias}"')


def test_deleting_the_only_quote_of_a_statement_is_refused(seed, admin_client):
    statement = Statement.objects.get(pk=16)
    data = change_data(statement, **{"quotes-0-DELETE": "on"})

    response = admin_client.post(f"/admin/claims/statement/{statement.pk}/change/", data)

    assert response.status_code == 200
    assertContains(response, "Please submit at least 1 form.")
    assert statement.quotes.count() == 1
