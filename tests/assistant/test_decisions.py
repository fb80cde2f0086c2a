"""What the editor's decisions do to the assistant's list, and what an accept and its
undo write, read from the records (tests/assistant/test_panel.py drives the pages)."""

from __future__ import annotations

import pytest

from assistant import accepting, decisions
from assistant.decisions import fingerprint
from assistant.models import Decision
from claims.models import Claim, Quote, Statement
from tests.assistant.panel import article_with_suggestions, first_open, joining_article
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
CLAIM = "Iran supplied drones to Russia"


@pytest.fixture
def editor_user():
    return make_user("decider", "editor")


def keys(article) -> set[str]:
    return {fingerprint(proposal) for proposal in decisions.open_proposals(article)}


def test_the_same_article_gives_the_same_fingerprints():
    article, *_ = article_with_suggestions()
    assert keys(article) == keys(article)
    assert all(decisions.FINGERPRINT.match(key) for key in keys(article))


def test_accepted_and_dismissed_proposals_leave_the_list_and_an_undone_one_returns(
    editor_user,
):
    article, *_ = article_with_suggestions(extra=1)
    accepted = accepting.accept(article, fingerprint(first_open(article)), user=editor_user)
    dismissed = decisions.dismiss(article, fingerprint(first_open(article)), user=editor_user)
    assert accepted.decision.fingerprint not in keys(article)
    assert dismissed.fingerprint not in keys(article)

    accepting.undo(accepted.decision, user=editor_user)
    assert accepted.decision.fingerprint in keys(article)
    assert dismissed.fingerprint not in keys(article)


def test_a_dismissed_proposal_stays_dismissed_once_its_new_claim_exists(editor_user):
    article, *_ = article_with_suggestions()
    proposal = next(p for p in decisions.open_proposals(article) if p.claim.slug is None)
    decisions.dismiss(article, fingerprint(proposal), user=editor_user)
    Claim.objects.create(slug="made-by-hand", text=proposal.claim.text)
    again = [
        p for p in decisions.propose(article) if (p.start, p.end) == (proposal.start, proposal.end)
    ]
    assert any(p.claim.slug == "made-by-hand" for p in again), "the claim is not matched"
    assert not [
        p
        for p in decisions.open_proposals(article)
        if (p.start, p.end, p.actor.name, p.stance)
        == (
            proposal.start,
            proposal.end,
            proposal.actor.name,
            proposal.stance,
        )
    ]


def test_a_decision_on_one_article_leaves_another_articles_list_alone(editor_user):
    article, *_ = article_with_suggestions()
    twin = make_article(body=article.body, outlet=article.outlet)
    decisions.dismiss(article, fingerprint(first_open(article)), user=editor_user)
    assert len(keys(twin)) == len(keys(article)) + 1


def test_two_decisions_on_one_proposal_cannot_both_stand(editor_user):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    decisions.record(article, proposal, verdict="dismissed", user=editor_user)
    with pytest.raises(decisions.ProposalUnavailable, match="another editor decided"):
        decisions.record(article, proposal, verdict="accepted", user=editor_user)
    assert Decision.objects.count() == 1


def test_accepting_a_join_adds_only_the_quote_and_undo_takes_only_it(editor_user):
    article, statement, proposal = joining_article()
    version = statement.version
    accepted = accepting.accept(article, fingerprint(proposal), user=editor_user)
    assert accepted.message == f"Added the quote to statement #{statement.pk}."
    assert Statement.objects.count() == 1
    added = statement.quotes.get(article=article)
    assert (added.start, added.end) == (proposal.start, proposal.end)
    assert accepted.decision.quote == added
    assert not accepted.decision.created_statement

    accepting.undo(accepted.decision, user=editor_user)
    statement.refresh_from_db()
    assert statement.version == version
    assert list(statement.quotes.values_list("article", flat=True)) == [
        statement.quotes.get().article_id
    ]
    assert not statement.quotes.filter(article=article).exists()
    assert Quote.history.filter(id=added.pk, history_type="-").exists()


def test_undo_refuses_a_statement_that_gained_quotes_since(editor_user):
    article, *_ = article_with_suggestions()
    accepted = accepting.accept(article, fingerprint(first_open(article)), user=editor_user)
    statement = accepted.decision.statement
    other = make_article(body=f"Again: {statement.quotes.get().text}", outlet=article.outlet)
    Quote.objects.create(
        statement=statement,
        article=other,
        start=7,
        end=len(other.body),
        text=other.body[7:],
    )
    with pytest.raises(accepting.NotAccepted, match="has quotes added since"):
        accepting.undo(accepted.decision, user=editor_user)
    assert Statement.objects.filter(pk=statement.pk).exists()
    assert Decision.objects.get().undone_at is None


def test_undo_removes_the_claims_the_accepts_created(editor_user):
    article, *_ = article_with_suggestions(extra=1)
    created = []
    while decisions.open_proposals(article):
        created.append(
            accepting.accept(article, fingerprint(first_open(article)), user=editor_user)
        )
    new_claims = [a.decision.created_claim for a in created if a.decision.created_claim]
    assert new_claims, "the accepts created no claim"
    for accepted in reversed(created):  # a later accept may have joined an earlier one
        accepting.undo(accepted.decision, user=editor_user)
    assert not Claim.objects.filter(pk__in=[c.pk for c in new_claims]).exists()
    assert Statement.objects.count() == 0
    assert Claim.history.filter(history_type="-").count() == len(new_claims)


def test_an_undo_is_kept_in_the_decisions_history(editor_user):
    article, *_ = article_with_suggestions()
    accepted = accepting.accept(article, fingerprint(first_open(article)), user=editor_user)
    accepting.undo(accepted.decision, user=editor_user)
    versions = list(accepted.decision.history.order_by("history_date"))
    assert [v.history_type for v in versions] == ["+", "~"]
    assert versions[-1].undone_by == editor_user
    with pytest.raises(accepting.NotAccepted, match="not a standing accept"):
        accepting.undo(accepted.decision, user=editor_user)


def test_a_proposal_already_recorded_by_a_quote_of_the_article_is_not_offered(editor_user):
    article, *_ = article_with_suggestions()
    proposal = first_open(article)
    accepted = accepting.accept(article, fingerprint(proposal), user=editor_user)
    statement = accepted.decision.statement
    # Whatever the assistant now proposes for those words (its claim exists now), the
    # words are recorded with that actor and claim: nothing is offered for them.
    for left in decisions.open_proposals(article):
        overlaps = left.start < proposal.end and proposal.start < left.end
        assert not (
            overlaps
            and left.actor.slug == statement.actor.slug
            and left.claim.slug == statement.claim.slug
        ), left


def test_the_api_lists_what_the_panel_offers_and_nothing_decided(editor):
    from tests.api.support import token_client

    article, *_ = article_with_suggestions(extra=1)
    api = token_client(editor)
    url = f"/api/v1/articles/{article.pk}/proposals/"
    before = api.get(url).json()["proposals"]
    accepted = accepting.accept(article, fingerprint(first_open(article)), user=editor)
    dismissed = decisions.dismiss(article, fingerprint(first_open(article)), user=editor)
    after = api.get(url).json()["proposals"]
    assert [p.as_json()["quote"] for p in decisions.open_proposals(article)] == [
        p["quote"] for p in after
    ]
    assert len(after) == len(before) - 2
    listed = {(p["quote"]["start"], p["quote"]["end"]) for p in after}
    for decision in (accepted.decision, dismissed):
        quote = decision.proposal["quote"]
        assert (quote["start"], quote["end"]) not in listed


def test_the_admin_lists_decisions_read_only_and_filters_them(editor_user):
    from django.test import Client

    article, *_ = article_with_suggestions()
    decisions.dismiss(article, fingerprint(first_open(article)), user=editor_user)
    staff = Client()
    staff.force_login(make_user("staff", is_staff=True, is_superuser=True))
    listing = staff.get("/admin/assistant/decision/?verdict__exact=dismissed")
    assert listing.status_code == 200
    assert "1 decision" in listing.content.decode()
    assert (
        staff.get("/admin/assistant/decision/?verdict__exact=accepted").context["cl"].result_count
        == 0
    )
    assert staff.get("/admin/assistant/decision/add/").status_code == 403
    decision = Decision.objects.get()
    page = staff.get(f"/admin/assistant/decision/{decision.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
