"""The editor's second pass in Chromium: joining a quote to a recorded statement and
adopting the speaker typed for it, correcting a typo inside a quote through to a saved
article with the quote re-pointed, and a restore that asks before it changes anything."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from tests.browser.conftest import shot
from tests.factories import make_article

FIRST = "Iran denied again that it sent drones to Russia."
SECOND = "On Tuesday Kannani said again that Iran sent no drones to Russia. Talks went on."
WORDS = "Kannani said again that Iran sent no drones to Russia."
TYPO_BODY = (
    "Tehran said on Monday it sent no drones, the Foreign Ministry Spokesman Nasser Kanaani said."
)
TYPO_QUOTE = "the Foreign Ministry Spokesman Nasser Kanaani said"


def person(username: str, group: str) -> User:
    user = User.objects.create_user(username=username, password=f"{username}-pass-2022")
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    form = page.locator("main form")
    form.get_by_label("User name").fill(username)
    form.get_by_label("Password").fill(f"{username}-pass-2022")
    form.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def recorded(transactional_db):
    iran = Actor.objects.create(name="Iran", slug="iran", kind="state")
    ActorAlias.objects.create(actor=iran, name="Tehran")
    kanaani = Actor.objects.create(
        name="Nasser Kanaani", slug="nasser-kanaani", kind="person", speaks_for=iran
    )
    ActorAlias.objects.create(actor=kanaani, name="Kannani")
    claim = Claim.objects.create(
        slug="iran-supplied-drones-to-russia", text="Iran supplied drones to Russia"
    )
    first = make_article(body=FIRST, published_on=datetime.date(2022, 10, 18))
    statement = Statement.objects.create(
        actor=iran,
        claim=claim,
        stance="denied",
        made_on=datetime.date(2022, 10, 1),
        made_on_precision="month",
    )
    Quote.objects.create(statement=statement, article=first, start=0, end=len(FIRST), text=FIRST)
    second = make_article(body=SECOND, published_on=datetime.date(2022, 10, 19))
    return statement, second


def test_joining_a_recorded_statement_adopts_the_typed_speaker(recorded, page, live_server):
    statement, second = recorded
    person("nadia", "editor")
    base = live_server.url
    sign_in(page, base, "nadia")

    start = SECOND.index(WORDS)
    page.goto(
        f"{base}/articles/{second.pk}/statements/new/?u16start={start}&u16end={start + len(WORDS)}"
    )
    expect(page.locator("textarea[name=text]")).to_have_value(WORDS)
    page.get_by_label("Actor", exact=True).fill("Tehran")
    page.get_by_label("Speaker", exact=True).fill("Kannani")
    page.get_by_label("Claim", exact=True).fill("iran-supplied-drones-to-russia")
    page.get_by_label("denied").check()
    page.get_by_label("Date made").fill("2022-10-18")
    page.get_by_role("button", name="Save the statement").click()

    panel = page.locator("section.similar")
    expect(panel).to_contain_text("Already recorded?")
    adopt = panel.get_by_label("add “Nasser Kanaani”")
    expect(adopt).to_be_checked()
    shot(page, "second-pass-01-join-offers")
    panel.get_by_role(
        "button", name=f"Add this quote to statement #{statement.pk}, with what is ticked"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Iran denied")
    expect(page.locator("dl.facts")).to_contain_text("Nasser Kanaani")
    expect(page.locator("main .notice").first).to_contain_text(
        f"Added the quote to statement #{statement.pk}"
    )
    shot(page, "second-pass-02-joined")
    statement.refresh_from_db()
    assert statement.speaker.slug == "nasser-kanaani"
    assert statement.quotes.count() == 2


def test_a_typo_inside_a_quote_is_corrected_through_to_a_saved_article(
    transactional_db, page, live_server
):
    article = make_article(body=TYPO_BODY)
    claim = Claim.objects.create(slug="c", text="Iran supplied drones to Russia")
    statement = Statement.objects.create(
        actor=Actor.objects.create(name="Iran", slug="iran", kind="state"),
        claim=claim,
        stance="denied",
        made_on=datetime.date(2022, 10, 17),
        made_on_precision="day",
    )
    at = TYPO_BODY.index(TYPO_QUOTE)
    quote = Quote.objects.create(
        statement=statement, article=article, start=at, end=at + len(TYPO_QUOTE), text=TYPO_QUOTE
    )
    person("nadia", "editor")
    base = live_server.url
    sign_in(page, base, "nadia")

    page.goto(f"{base}/articles/{article.pk}/edit/")
    body = page.locator("textarea[name=body]")
    body.fill(TYPO_BODY.replace("Spokesman", "spokesman"))
    page.locator("main form").get_by_role("button", name="Save", exact=True).last.click()

    listed = page.locator("section.lost-quotes")
    expect(listed).to_contain_text(f"Statement #{statement.pk}, quote {quote.pk}")
    expect(listed.get_by_label("Re-point it to the corrected words")).to_be_checked()
    expect(listed.locator("mark")).to_have_text(TYPO_QUOTE.replace("Spokesman", "spokesman"))
    shot(page, "second-pass-03-correction-proposed")
    page.locator("main form").get_by_role("button", name="Save", exact=True).last.click()

    expect(page.locator("main .notice").first).to_contain_text(f"Saved article #{article.pk}.")
    page.goto(f"{base}/statements/{statement.pk}/")
    expect(page.locator("figure.quote-in-context mark")).to_have_text(
        TYPO_QUOTE.replace("Spokesman", "spokesman")
    )
    shot(page, "second-pass-04-quote-re-pointed")


def test_a_restore_shows_what_it_changes_and_asks_first(recorded, page, live_server):
    statement, _ = recorded
    person("ada", "administrator")
    first = statement.history.order_by("history_date").first()
    statement.note = "Checked against the transcript."
    statement.save()
    base = live_server.url
    sign_in(page, base, "ada")

    page.goto(f"{base}/history/statement/{statement.pk}/{first.history_id}/")
    page.get_by_role("link", name="Restore this version…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Restore statement")
    table = page.locator("table.changes-table")
    expect(table).to_contain_text("Checked against the transcript.")
    expect(table.locator("thead")).to_contain_text("After the restore")
    shot(page, "second-pass-05-restore-confirm")
    statement.refresh_from_db()
    assert statement.note == "Checked against the transcript."  # nothing restored yet

    page.get_by_role("button", name="Restore this version").click()
    expect(page.locator("main .notice").first).to_contain_text("Restored statement")
    statement.refresh_from_db()
    assert statement.note == ""
