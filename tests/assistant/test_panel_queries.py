"""The panel's pages and actions read as many queries for an article with many
suggestions as for one with few (the assistant's own reads included)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assistant.decisions import fingerprint, open_proposals
from assistant.models import Decision
from tests.assistant.panel import article_with_suggestions, first_open, urls

pytestmark = pytest.mark.django_db


def queries_of(request) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert request().status_code in (200, 302)
    return len(captured.captured_queries)


def decided_article(editor_client, *, extra: int):
    article, *_ = article_with_suggestions(extra=extra)
    editor_client.post(urls(article)["accept"], {"proposal": fingerprint(first_open(article))})
    editor_client.post(urls(article)["dismiss"], {"proposal": fingerprint(first_open(article))})
    return article


def test_the_article_page_reads_as_many_queries_for_many_suggestions_as_for_few(
    editor_client, django_assert_max_num_queries
):
    few = decided_article(editor_client, extra=1)
    many = decided_article(editor_client, extra=30)
    assert len(open_proposals(many)) > 3 * len(open_proposals(few))
    bound = queries_of(lambda: editor_client.get(few.get_absolute_url()))
    with django_assert_max_num_queries(bound):
        editor_client.get(many.get_absolute_url())


def test_accepting_reads_as_many_queries_for_many_suggestions_as_for_few(
    editor_client, django_assert_max_num_queries
):
    few = decided_article(editor_client, extra=1)
    many = decided_article(editor_client, extra=30)
    bound = queries_of(
        lambda: editor_client.post(urls(few)["accept"], {"proposal": fingerprint(first_open(few))})
    )
    key = fingerprint(first_open(many))
    with django_assert_max_num_queries(bound):
        editor_client.post(urls(many)["accept"], {"proposal": key})


def test_dismissing_adjusting_and_undoing_read_as_many_queries_for_many_suggestions(
    editor_client, django_assert_max_num_queries
):
    def bounds(article):
        proposal = first_open(article)
        undo = Decision.objects.filter(article=article, verdict="accepted").get()
        return [
            lambda: editor_client.get(urls(article, proposal)["adjust"]),
            lambda: editor_client.post(
                urls(article)["dismiss"], {"proposal": fingerprint(proposal)}
            ),
            lambda: editor_client.post(urls(article)["undo"], {"decision": undo.pk}),
        ]

    # One after the other: the second article's accept would otherwise join the
    # first's statement, which an undo then refuses to remove.
    measured = [queries_of(request) for request in bounds(decided_article(editor_client, extra=1))]
    many = decided_article(editor_client, extra=30)
    for bound, request in zip(measured, bounds(many), strict=True):
        with django_assert_max_num_queries(bound):
            request()
