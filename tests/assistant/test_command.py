"""python manage.py propose_statements ARTICLE_ID: the proposals as JSON Lines, the same
objects the API gives; a bad id is a clear message naming the argument."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from assistant.proposals import propose
from tests.factories import make_article


def run(*args) -> list[dict]:
    out = io.StringIO()
    call_command("propose_statements", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_command_prints_one_json_object_per_proposal(newsroom, editor_api):
    article = make_article(
        body="Tehran denied on Monday that it had sent drones. Peskov said Russia used its own."
    )
    lines = run(str(article.pk))
    assert [line["actor"]["slug"] for line in lines] == ["iran", "russia"]
    assert lines == [p.as_json() for p in propose(article)]
    api = editor_api.get(f"/api/v1/articles/{article.pk}/proposals/").json()
    assert lines == api["proposals"]


def test_an_article_without_attributions_prints_nothing(newsroom):
    article = make_article(body="Drones flew over the city on Monday morning.")
    assert run(str(article.pk)) == []


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("abc", "article_id: 'abc' is not an article id (a whole number)."),
        ("-3", "article_id: '-3' is not an article id (a whole number)."),
        ("999999", "article_id: no article has the id 999999."),
    ],
)
def test_a_bad_article_id_is_refused_with_a_message_naming_it(db, given, message):
    with pytest.raises(CommandError) as error:
        run(given)
    assert str(error.value) == message
