"""A text search shows why each statement matched: the words found are marked in its
quotes, in the stemmed forms the quotes use, and the quote text stays text."""

from __future__ import annotations

import datetime
import re

from tests.factories import make_actor, make_article, make_quote, make_statement
from tests.pages.reading import main_html, visible_text

MARKED = re.compile(r"<mark>(.*?)</mark>")


def marked_words(response) -> list[str]:
    return MARKED.findall(main_html(response))


def test_a_search_marks_the_stemmed_forms_found_in_the_seed_quotes(client, seed):
    response = client.get("/statements/?q=supply")

    words = {word.lower() for word in marked_words(response)}
    # "supply" finds the quotes that say "supplied", "supplies" or "supply", and marks them.
    assert "supplied" in words
    assert words <= {"supply", "supplied", "supplies", "supplying"}
    # Every listed statement has at least one marked word (each matched the search).
    blocks = main_html(response).split('<article class="statement')[1:]
    assert blocks and all("<mark>" in block for block in blocks)


def test_quotes_are_marked_only_under_a_search(client, seed):
    assert marked_words(client.get("/statements/")) == []
    assert marked_words(client.get("/statements/?actor=iran")) == []


def test_every_word_of_the_search_is_marked(client, db):
    body = "Officials said drones and missiles were delivered. Nothing else was said."
    article = make_article(body=body)
    make_statement(article=article, quote="drones and missiles were delivered")

    response = client.get("/statements/?q=missile+drone")

    assert marked_words(response) == ["drones", "missiles"]
    assert "drones and missiles were delivered" in visible_text(response)


def test_a_quote_that_does_not_match_is_shown_plain_beside_one_that_does(client, db):
    body = "They sent drones. Later they denied everything, loudly."
    article = make_article(body=body)
    statement = make_statement(article=article, quote="They sent drones.")
    make_quote(statement=statement, article=article, quoted="denied everything, loudly")

    html = main_html(client.get("/statements/?q=drones"))

    assert "They sent <mark>drones</mark>." in html
    assert "denied everything, loudly" in html


def test_markup_in_a_quote_stays_text_and_cannot_close_the_highlight(client, db):
    payload = 'drones</mark><img src=x onerror="alert(1)"><mark>&amp;<script>x()</script>'
    article = make_article(body=f"He wrote {payload} on the board.")
    make_statement(article=article, quote=f"wrote {payload} on")

    response = client.get("/statements/?q=drones")
    html = main_html(response)

    assert "<img" not in html and "<script>" not in html
    assert "&lt;/mark&gt;&lt;img src=x" in html
    assert "&amp;amp;&lt;script&gt;" in html
    assert marked_words(response) == ["drones"]
    unmarked = html.replace("<mark>", "").replace("</mark>", "")
    assert f"wrote {payload} on" in visible_text(unmarked)


def test_highlighting_a_page_is_one_query_whatever_its_size(
    client, db, django_assert_max_num_queries
):
    def page_of_matches(n: int) -> None:
        actor = make_actor()
        article = make_article()
        for day in range(n):
            make_statement(actor=actor, article=article, made_on=datetime.date(2021, 1, 1 + day))

    page_of_matches(2)
    with django_assert_max_num_queries(40) as few:
        client.get("/statements/?q=supplied")
    page_of_matches(25)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get("/statements/?q=supplied")
    assert marked_words(response).count("supplied") == 27
    highlight_queries = [
        q["sql"]
        for q in many.captured_queries
        if "highlight(" in q["sql"] or "ts_headline" in q["sql"]
    ]
    assert len(highlight_queries) == 1


def test_two_searches_finding_the_same_statement_mark_their_own_words(client, db):
    article = make_article(body="Officials said drones and missiles were delivered.")
    make_statement(article=article, quote="drones and missiles were delivered")

    assert marked_words(client.get("/statements/?q=drones")) == ["drones"]
    assert marked_words(client.get("/statements/?q=missiles")) == ["missiles"]


def test_a_quote_across_lines_and_odd_spacing_is_marked_word_for_word(client, db):
    quoted = "Drones  were sent.\n\nThe  “Shahed-136” drones, (yes) drones!"
    article = make_article(body=f"Reported: {quoted} End.")
    make_statement(article=article, quote=quoted)

    response = client.get("/statements/?q=drone")
    html = main_html(response)

    assert marked_words(response) == ["Drones", "drones", "drones"]
    assert "<mark>Drones</mark>  were sent.\n\nThe  “Shahed-136” <mark>drones</mark>" in html
