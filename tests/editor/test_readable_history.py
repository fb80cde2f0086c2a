"""History a researcher can read: names and links instead of ids, dates in the site's
format, the words a correction changed however long the text, a statement's quotes
coming and going, and a restore that shows what it will change before it does."""

from __future__ import annotations

import datetime
import html
import re

from claims import actions
from claims.models import Actor, Quote, Statement
from sources.models import Article
from tests.factories import make_article, make_statement


def page_text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_a_changed_speaker_shows_names_and_links_not_ids(client, seed):
    statement = Statement.objects.filter(speaker__isnull=True, actor__slug="iran").first()
    kanaani = Actor.objects.get(slug="nasser-kanaani")
    statement.speaker = kanaani
    statement.made_on = datetime.date(2022, 10, 18)
    statement.save()

    response = client.get(f"/history/statement/{statement.pk}/")

    text = page_text(response)
    assert "speaker — Nasser Kanaani" in text
    assert f'<a href="{kanaani.get_absolute_url()}">Nasser Kanaani</a>' in response.content.decode()
    assert f"speaker — {kanaani.pk} " not in text + " "
    assert "18 October 2022" in text


def test_a_typo_fixed_deep_in_a_long_body_shows_in_its_history(client, db):
    filler = "The talks went on for many hours. " * 40
    article = make_article(body=filler + "The ministry Spokesman said no more." + filler)
    article.body = filler + "The ministry spokesman said no more." + filler
    article.save()

    response = client.get(f"/history/article/{article.pk}/")

    content = response.content.decode()
    assert "<del>Spokesman</del>" in content and "<ins>spokesman</ins>" in content
    assert "The ministry" in page_text(response)
    # The unchanged stretches are cut, not the change.
    assert content.count("The talks went on for many hours.") < 10


def test_adding_moving_and_removing_a_quote_appear_in_the_statements_history(client, db):
    article = make_article()
    statement = make_statement(article=article, quote="no drones were supplied")
    other = make_statement(article=article, quote="Officials in Washington disagreed")
    added = actions.add_quote(
        statement=statement,
        spec=actions.QuoteSpec(article, "the spokesman said"),
    )
    moved = Quote.objects.get(statement=other)
    actions.add_quote(statement=other, spec=actions.QuoteSpec(article, "The ministry said"))
    moved.statement = statement
    moved.save()
    actions.remove_quote(Quote.objects.get(pk=added.pk))

    text = page_text(client.get(f"/history/statement/{statement.pk}/"))
    other_text = page_text(client.get(f"/history/statement/{other.pk}/"))

    assert "added a quote" in text and "quote — the spokesman said" in text
    assert f"moved a quote here from statement #{other.pk}" in text
    assert "removed a quote" in text
    assert f"moved a quote to statement #{statement.pk}" in other_text


def test_a_restore_asks_first_and_shows_what_it_will_change(administrator_browser, db):
    statement = make_statement(note="First note.")
    first = statement.history.order_by("history_date").first()
    statement.note = "Checked against the video."
    statement.save()
    restore = f"/history/statement/{statement.pk}/{first.history_id}/restore/"

    asked = administrator_browser.get(restore)

    assert asked.status_code == 200
    text = page_text(asked)
    assert "Now After the restore" in text
    assert "note Checked against the video. First note." in text
    assert Statement.objects.get(pk=statement.pk).note == "Checked against the video."
    assert f'action="{restore}"' in asked.content.decode()

    done = administrator_browser.post(restore)

    assert done.status_code == 302
    assert Statement.objects.get(pk=statement.pk).note == "First note."


def test_the_version_page_links_the_restore_confirmation(administrator_browser, seed):
    first = Statement.objects.get(pk=17).history.order_by("history_date").first()

    page = administrator_browser.get(f"/history/statement/17/{first.history_id}/").content.decode()

    assert f'href="/history/statement/17/{first.history_id}/restore/">Restore this version…' in page
    assert "Russia" in page_text(
        administrator_browser.get(f"/history/statement/17/{first.history_id}/")
    )


def test_a_history_reads_a_bounded_number_of_queries(client, db, django_assert_max_num_queries):
    statement = make_statement()
    speakers = [
        Actor.objects.create(name=f"Speaker {n}", slug=f"s-{n}", kind="person") for n in range(30)
    ]
    for speaker in speakers:
        statement.speaker = speaker
        statement.save()

    with django_assert_max_num_queries(20):
        response = client.get(f"/history/statement/{statement.pk}/")

    assert "Speaker 29" in page_text(response)
    assert Article.objects.count() == 1
