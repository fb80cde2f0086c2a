"""An article's page: its body, escaped, with every quote highlighted and linked to the
statement it backs; and the article list, page by page."""

from __future__ import annotations

import datetime
import html
import re

from claims.models import Quote
from sources.models import Article
from tests.factories import make_actor, make_article, make_outlet, make_statement
from tests.pages.reading import between, main_html

HIGHLIGHT = re.compile(
    r'<a class="quote[^"]*" href="/statements/(\d+)/" title="([^"]*)" data-quotes="([\d ]+)">'
    r"(.*?)</a>",
    re.DOTALL,
)
ARTICLE_LINK = re.compile(r'<li><a href="/articles/(\d+)/">')


def article_body(response) -> str:
    return between(main_html(response), '<div class="article-body"', "</div>")


def highlights(response) -> list[tuple[int, str, set[int], str]]:
    """(statement id, title, quote ids, text) of every highlighted run of the body."""
    return [
        (int(pk), html.unescape(title), {int(q) for q in quotes.split()}, html.unescape(text))
        for pk, title, quotes, text in HIGHLIGHT.findall(article_body(response))
    ]


def test_every_quote_in_an_article_is_highlighted_and_linked_to_its_statement(client, db):
    article = make_article(
        body="Officials said the drones were Iranian. Moscow denied it. Kyiv was not surprised."
    )
    iran = make_statement(article=article, quote="the drones were Iranian", stance="asserted")
    russia = make_statement(article=article, quote="Moscow denied it", stance="denied")

    shown = highlights(client.get(article.get_absolute_url()))

    assert [(pk, text) for pk, _, _, text in shown] == [
        (iran.pk, "the drones were Iranian"),
        (russia.pk, "Moscow denied it"),
    ]
    assert shown[1][1] == f"{russia.actor.name} denied: {russia.claim.text}"
    assert shown[0][2] == {iran.quotes.get().pk}


def test_overlapping_quotes_each_link_to_their_statement(client, db):
    article = make_article(body="Alpha said the drones were Iranian and cheap, Beta said.")
    first = make_statement(article=article, quote="the drones were Iranian")
    second = make_statement(article=article, quote="were Iranian and cheap")
    first_quote, second_quote = first.quotes.get(), second.quotes.get()

    response = client.get(article.get_absolute_url())

    shown = highlights(response)
    linked = {pk for pk, _, _, _ in shown}
    assert linked == {first.pk, second.pk}
    overlap = [run for run in shown if len(run[2]) == 2]
    assert [text for _, _, _, text in overlap] == ["were Iranian"]
    assert overlap[0][2] == {first_quote.pk, second_quote.pk}
    # Both quotes' statements are named where they overlap.
    assert first.claim.text in overlap[0][1] and second.claim.text in overlap[0][1]
    body = article_body(response)
    assert f'id="quote-{first_quote.pk}"' in body
    assert f'id="quote-{second_quote.pk}"' in body


def test_quotes_on_the_same_words_each_lead_to_their_statement(client, db):
    article = make_article(body="The report said Tehran agreed to send missiles. Nothing more.")
    missiles = make_statement(article=article, quote="Tehran agreed to send missiles")
    drones = make_statement(article=article, quote="Tehran agreed to send missiles")
    inside = make_statement(article=article, quote="agreed")

    response = client.get(article.get_absolute_url())

    content = main_html(response)
    for statement in (missiles, drones, inside):
        assert f'href="/statements/{statement.pk}/"' in content, statement.pk
    assert {pk for pk, _, _, _ in highlights(response)} >= {missiles.pk}


def test_every_seed_quote_leads_from_its_article_to_its_statement(client, seed):
    for article in Article.objects.all():
        content = main_html(client.get(article.get_absolute_url()))
        quotes = Quote.objects.filter(article=article)
        assert quotes.exists()
        for quote in quotes:
            assert f'id="quote-{quote.pk}"' in content
            assert f'href="/statements/{quote.statement_id}/"' in content, (
                article.pk,
                quote.statement_id,
            )


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def test_markup_in_an_article_is_shown_as_text_and_never_run(client, db):
    article = make_article(
        title=f"Comments {SCRIPT}",
        body=f"A reader wrote {SCRIPT} in the box. Another replied {IMG} at once. The end & more.",
    )
    make_statement(
        actor=make_actor(name='Mallory "<b>"'), article=article, quote=f"replied {IMG} at once"
    )

    response = client.get(article.get_absolute_url())

    content = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article_body(response)
    assert "&lt;img src=x onerror=alert(1)&gt;" in article_body(response)
    assert "The end &amp; more." in article_body(response)
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "<b>" not in content
    assert [text for _, _, _, text in highlights(response)] == [f"replied {IMG} at once"]


def test_the_article_list_pages_through_every_article_newest_first(client, db):
    outlet = make_outlet()
    for n in range(55):
        make_article(outlet=outlet, published_on=datetime.date(2022, 1, 1 + n % 20))

    first = client.get("/articles/")
    second = client.get("/articles/?page=2")

    on_first = [int(pk) for pk in ARTICLE_LINK.findall(main_html(first))]
    on_second = [int(pk) for pk in ARTICLE_LINK.findall(main_html(second))]
    assert len(on_first) == 50
    assert len(on_second) == 5
    expected = list(Article.objects.order_by("-published_on", "-id").values_list("id", flat=True))
    assert on_first + on_second == expected
    assert 'rel="next" href="?page=2"' in main_html(first)
    assert 'rel="prev" href="?page=1"' in main_html(second)
    assert "Page 2 of 2" in main_html(second)
