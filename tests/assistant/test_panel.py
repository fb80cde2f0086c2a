"""The "Suggested statements" panel on the article page: who sees it, and what accept,
adjust, dismiss and undo do, over HTTP as a browser sends them."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assistant.decisions import fingerprint, open_proposals
from assistant.models import Decision
from claims.models import Actor, Claim, Quote, Statement
from tests.assistant.panel import article_with_suggestions, first_open, joining_article, urls
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor_client(db):
    """Another editor in a browser of their own."""
    second = Client()
    second.force_login(make_user("second-editor", "editor"))
    return second


def counts():
    return (
        Statement.objects.count(),
        Quote.objects.count(),
        Actor.objects.count(),
        Claim.objects.count(),
        Decision.objects.count(),
    )


def test_an_editor_sees_each_suggestion_in_the_panel_and_marked_in_the_text(editor_client):
    article, *_ = article_with_suggestions()
    proposals = open_proposals(article)
    response = editor_client.get(article.get_absolute_url())
    assertContains(response, 'id="suggestions"')
    assertContains(response, "Suggested statements")
    for proposal in proposals:
        assertContains(response, f'data-mark="suggestion-{fingerprint(proposal)}"', count=2)
        assertContains(response, f"“{proposal.cue}”")
        assertContains(response, f'name="proposal" value="{fingerprint(proposal)}"', count=2)
    assertContains(response, "js/assistant.js")


@pytest.mark.parametrize("role", ["anonymous", "reader"])
def test_readers_never_see_the_panel(role_client):
    article, *_ = article_with_suggestions()
    response = role_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assertNotContains(response, "Suggested statements")
    assertNotContains(response, "mark class=")
    assertNotContains(response, "assistant.js")


def test_a_reader_gets_403_on_every_action_and_nothing_changes(reader_client):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    before = counts()
    for name, url in urls(article, proposal).items():
        response = reader_client.post(url, {"proposal": fingerprint(proposal), "decision": "1"})
        assert response.status_code == 403, name
    assert reader_client.get(urls(article, proposal)["adjust"]).status_code == 403
    assert counts() == before


def test_anonymous_visitors_are_sent_to_sign_in(client):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    response = client.post(urls(article)["accept"], {"proposal": fingerprint(proposal)})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Decision.objects.count() == 0


def test_a_post_without_the_csrf_token_is_refused(editor):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    before = counts()
    for url in urls(article).values():
        assert browser.post(url, {"proposal": fingerprint(proposal)}).status_code == 403
    assert counts() == before


def test_accepting_records_the_statement_and_the_decision(editor_client, editor):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    response = editor_client.post(urls(article)["accept"], {"proposal": fingerprint(proposal)})
    assertRedirects(
        response, f"{article.get_absolute_url()}#suggestions", fetch_redirect_response=False
    )
    statement = Statement.objects.get()
    quote = statement.quotes.get()
    assert (quote.start, quote.end, quote.text) == (proposal.start, proposal.end, proposal.text)
    assert article.body[quote.start : quote.end] == quote.text
    assert statement.stance == proposal.stance
    assert statement.actor.name == proposal.actor.name
    assert statement.history.count() == 1
    decision = Decision.objects.get()
    assert (decision.verdict, decision.decided_by, decision.statement) == (
        "accepted",
        editor,
        statement,
    )
    assert decision.fingerprint == fingerprint(proposal)
    assert decision.proposal == proposal.as_json()

    page = editor_client.get(article.get_absolute_url())
    assertContains(page, f"Recorded statement #{statement.pk}")
    assertContains(page, f'href="/statements/{statement.pk}/"')  # the quote, highlighted
    assertNotContains(page, f'value="{fingerprint(proposal)}"')
    assertContains(page, f'name="decision" value="{decision.pk}"')  # the undo


def test_undo_removes_exactly_what_the_accept_created_and_returns_the_suggestion(
    editor_client,
):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    before = counts()
    editor_client.post(urls(article)["accept"], {"proposal": fingerprint(proposal)})
    decision = Decision.objects.get()
    statement_id = decision.statement_id
    assert Statement.objects.filter(pk=statement_id).exists()

    response = editor_client.post(urls(article)["undo"], {"decision": decision.pk})
    assertRedirects(
        response, f"{article.get_absolute_url()}#suggestions", fetch_redirect_response=False
    )
    statements, quotes, actors, claims, decisions = counts()
    assert (statements, quotes, actors, claims) == before[:4]
    assert decisions == 1  # the record stays, marked undone
    decision.refresh_from_db()
    assert decision.undone_at is not None
    assert Statement.history.filter(id=statement_id, history_type="-").exists()
    assert fingerprint(proposal) in {fingerprint(p) for p in open_proposals(article)}
    page = editor_client.get(article.get_absolute_url())
    assertContains(page, f'name="proposal" value="{fingerprint(proposal)}"', count=2)
    assertContains(page, f"Undone: removed statement #{statement_id}")


def test_only_the_editor_who_accepted_or_an_administrator_undoes(
    editor_client, second_editor_client, administrator_browser
):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    editor_client.post(urls(article)["accept"], {"proposal": fingerprint(proposal)})
    decision = Decision.objects.get()
    assert (
        second_editor_client.post(urls(article)["undo"], {"decision": decision.pk}).status_code
        == 403
    )
    assert Statement.objects.count() == 1
    response = administrator_browser.post(urls(article)["undo"], {"decision": decision.pk})
    assert response.status_code == 302
    assert Statement.objects.count() == 0


def test_a_dismissed_suggestion_does_not_come_back(editor_client):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    response = editor_client.post(urls(article)["dismiss"], {"proposal": fingerprint(proposal)})
    assertRedirects(
        response, f"{article.get_absolute_url()}#suggestions", fetch_redirect_response=False
    )
    assert Decision.objects.get().verdict == "dismissed"
    assert Statement.objects.count() == 0
    page = editor_client.get(article.get_absolute_url())
    assertNotContains(page, f'value="{fingerprint(proposal)}"')
    assertContains(page, "1 dismissed")
    assert fingerprint(proposal) not in {fingerprint(p) for p in open_proposals(article)}


@pytest.mark.parametrize(
    ("value", "status", "message"),
    [
        ("", 400, "proposal: not a suggestion"),
        ("drop table", 400, "proposal: not a suggestion"),
        ("0123456789abcdef0123456789abcdef", 409, "no longer offered"),
    ],
)
def test_an_unknown_or_malformed_suggestion_is_refused_naming_it(
    editor_client, value, status, message
):
    article, *_ = article_with_suggestions()
    before = counts()
    for action in ("accept", "dismiss"):
        response = editor_client.post(urls(article)[action], {"proposal": value})
        assertContains(response, message, status_code=status)
    assert counts() == before


def test_a_suggestion_decided_meanwhile_is_refused_saying_by_whom(
    editor_client, second_editor_client
):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    second_editor_client.post(urls(article)["dismiss"], {"proposal": fingerprint(proposal)})
    before = counts()
    response = editor_client.post(urls(article)["accept"], {"proposal": fingerprint(proposal)})
    assertContains(response, "already dismissed by second-editor", status_code=409)
    assert counts() == before


def test_an_unknown_or_foreign_decision_cannot_be_undone(editor_client):
    article, *_ = article_with_suggestions()
    for value in ("", "abc", "999999"):
        response = editor_client.post(urls(article)["undo"], {"decision": value})
        assertContains(response, "decision: no such accept", status_code=400)


def test_the_form_opens_prefilled_from_the_suggestion(editor_client):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    response = editor_client.get(urls(article, proposal)["adjust"])
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["text"] == proposal.text
    assert form.initial["start"] == proposal.start
    assert form.initial["actor"] == proposal.actor.name
    assert form.initial["stance"] == proposal.stance
    assert form.initial["claim"] == proposal.claim.text
    assert form.initial["made_on"] == proposal.made_on.isoformat()
    assertContains(response, proposal.text)
    assertContains(response, f'value="{proposal.stance}" required id="id_stance_')


def test_saving_the_adjusted_form_counts_as_accepting(editor_client, editor):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    other = "confirmed" if proposal.stance != "confirmed" else "denied"
    data = {
        "text": proposal.text,
        "start": proposal.start,
        "actor": proposal.actor.slug or proposal.actor.name,
        "claim": "Iran supplied drones to Russia",
        "stance": other,
        "made_on": proposal.made_on.isoformat(),
        "made_on_precision": proposal.made_on_precision,
        "date_wording": proposal.date_wording,
    }
    response = editor_client.post(urls(article, proposal)["adjust"], data)
    assertRedirects(
        response, f"{article.get_absolute_url()}#suggestions", fetch_redirect_response=False
    )
    statement = Statement.objects.get()
    assert statement.stance == other
    assert statement.claim.text == "Iran supplied drones to Russia"
    decision = Decision.objects.get()
    assert (decision.verdict, decision.adjusted, decision.statement) == (
        "accepted",
        True,
        statement,
    )
    assert decision.created_claim == statement.claim
    assert fingerprint(proposal) not in {fingerprint(p) for p in open_proposals(article)}


def test_an_invalid_adjusted_form_comes_back_and_records_nothing(editor_client):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    before = counts()
    response = editor_client.post(
        urls(article, proposal)["adjust"],
        {"text": "words not in the article", "actor": "iran", "claim": "x", "stance": "denied"},
    )
    assertContains(response, "do not occur in the article", status_code=400)
    assert counts() == before


def test_saving_an_article_lands_on_its_suggestions(editor_client):
    article, *_ = article_with_suggestions()
    response = editor_client.post(
        "/articles/new/",
        {
            "title": "Tehran denies it",
            "outlet": article.outlet_id,
            "published_on": "2022-10-21",
            "language": "en",
            "url": "https://news.example/tehran-denies-it",
            "body": "Iran denied on Monday that it had sent drones to Russia.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/#suggestions")
    page = editor_client.get(response["Location"])
    assertContains(page, 'id="suggestions"')


def test_adding_the_quote_in_the_form_counts_as_accepting_and_undo_gives_back_the_note(
    editor_client,
):
    article, statement, proposal = joining_article()
    note = "Said at the weekly briefing."
    response = editor_client.post(
        urls(article, proposal)["adjust"],
        {
            "add_to": statement.pk,
            "text": proposal.text,
            "start": proposal.start,
            "adopt_note": "mine",
            "typed_note": note,
        },
    )
    assertRedirects(
        response, f"{article.get_absolute_url()}#suggestions", fetch_redirect_response=False
    )
    statement.refresh_from_db()
    assert statement.note == note
    assert statement.quotes.filter(article=article, start=proposal.start).exists()
    decision = Decision.objects.get()
    assert (decision.adjusted, decision.created_statement, decision.statement) == (
        True,
        False,
        statement,
    )

    editor_client.post(urls(article)["undo"], {"decision": decision.pk})
    statement.refresh_from_db()
    assert statement.note == ""
    assert not statement.quotes.filter(article=article).exists()
    assert statement.history.first().history_change_reason == "undo of an accepted suggestion"
