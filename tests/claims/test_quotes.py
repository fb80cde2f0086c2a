"""A quote is valid only if article.body[start:end] == text, whatever path writes it."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, transaction
from rest_framework.test import APIClient

from claims.forms.admin import QuoteForm
from claims.forms.statements import StatementFromArticleForm
from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article, Outlet
from sources.text import CONTEXT_LENGTH
from tests.factories import BODY, make_article, make_quote, make_statement

pytestmark = pytest.mark.django_db

SPOKESMAN = "We have not supplied weapons to any of the belligerent countries"
TRIGGER_MESSAGE = "does not match article.body"


def unsaved_quote(statement: Statement, article: Article, **overrides) -> Quote:
    start = article.body.index(SPOKESMAN)
    fields = {"start": start, "end": start + len(SPOKESMAN), "text": SPOKESMAN}
    return Quote(statement=statement, article=article, **(fields | overrides))


@pytest.fixture
def statement():
    return make_statement()


@pytest.fixture
def article():
    return make_article()


# --- the ORM ------------------------------------------------------------------------------


def test_quote_whose_text_differs_from_the_body_span_is_refused_naming_text(statement, article):
    before = Quote.objects.count()
    quote = unsaved_quote(
        statement, article, text="We have not supplied weapons to any of the warring countries"
    )
    quote.end = quote.start + len(quote.text)

    with pytest.raises(ValidationError) as raised:
        quote.save()

    assert "text" in raised.value.message_dict
    assert "does not match" in raised.value.message_dict["text"][0]
    assert Quote.objects.count() == before


def test_quote_with_right_words_at_wrong_offsets_is_refused(statement, article):
    quote = unsaved_quote(statement, article)
    quote.start, quote.end = quote.start + 1, quote.end + 1

    with pytest.raises(ValidationError) as raised:
        quote.full_clean()

    assert "text" in raised.value.message_dict
    # The message helps the editor: it says where the text really is.
    assert str(article.body.index(SPOKESMAN)) in raised.value.message_dict["text"][0]


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, len(BODY) + 5), (len(BODY), len(BODY) + 3), (10, 10)],
    ids=["past-the-end", "after-the-end", "empty"],
)
def test_quote_outside_the_body_is_refused(statement, article, start, end):
    before = Quote.objects.count()
    quote = Quote(
        statement=statement, article=article, start=start, end=end, text="x" * (end - start)
    )

    with pytest.raises(ValidationError) as raised:
        quote.save()

    assert "outside the article body" in raised.value.message_dict["text"][0]
    assert Quote.objects.count() == before


def test_valid_quote_is_saved_and_is_valid(statement, article):
    quote = unsaved_quote(statement, article)
    quote.full_clean()
    quote.save()

    quote.refresh_from_db()
    assert quote.is_valid()
    assert article.body[quote.start : quote.end] == SPOKESMAN


def test_bulk_create_of_a_bad_quote_is_refused_by_the_database(statement, article):
    before = Quote.objects.count()
    # Same length as the real span, so only the text comparison can catch it.
    quote = unsaved_quote(statement, article, text=SPOKESMAN.upper())

    with pytest.raises(DatabaseError, match=TRIGGER_MESSAGE), transaction.atomic():
        Quote.objects.bulk_create([quote])

    assert Quote.objects.count() == before


def test_bulk_create_of_a_quote_past_the_body_end_is_refused_by_the_database(statement):
    article = make_article(body="Short body.")
    quote = Quote(statement=statement, article=article, start=6, end=14, text="body.xyz")

    with pytest.raises(DatabaseError), transaction.atomic():
        Quote.objects.bulk_create([quote])

    assert not Quote.objects.filter(article=article).exists()


def test_queryset_update_of_quote_text_is_refused_by_the_database(statement):
    quote = statement.quotes.get()
    original = quote.text

    with pytest.raises(DatabaseError, match=TRIGGER_MESSAGE), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(text=original.upper())

    quote.refresh_from_db()
    assert quote.text == original


def test_queryset_update_of_quote_offsets_is_refused_by_the_database(statement):
    quote = statement.quotes.get()

    with pytest.raises(DatabaseError, match=TRIGGER_MESSAGE), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(start=quote.start + 1, end=quote.end + 1)

    quote.refresh_from_db()
    assert quote.is_valid()


def test_quote_in_a_body_with_emoji_curly_quotes_and_cyrillic_uses_code_point_offsets(statement):
    body = "🎉🇺🇦 Песков сказал: «Нет». “We will not comment,” the spokesman said 😐 later."
    article = make_article(body=body)
    quoted = "“We will not comment,”"

    quote = make_quote(statement=statement, article=article, quoted=quoted)

    quote.refresh_from_db()
    # 🎉 and the flag's two regional-indicator letters are one character each, as in Python.
    assert quote.start == body.index(quoted) == 26
    assert quote.end == quote.start + len(quoted)
    assert quote.text == quoted
    assert quote.is_valid()
    cyrillic = make_quote(statement=statement, article=article, quoted="«Нет»")
    cyrillic.refresh_from_db()
    assert (cyrillic.start, cyrillic.end) == (19, 24)


def test_quote_saved_without_context_gets_its_prefix_and_suffix(statement, article):
    quote = unsaved_quote(statement, article)
    assert (quote.prefix, quote.suffix) == ("", "")

    quote.save()

    quote.refresh_from_db()
    assert quote.prefix == article.body[quote.start - CONTEXT_LENGTH : quote.start]
    assert quote.suffix == article.body[quote.end : quote.end + CONTEXT_LENGTH]
    assert quote.prefix.endswith("supplied. “")
    assert quote.suffix.startswith(",” the spokesman")


def test_quote_moved_to_another_span_gets_the_context_of_its_new_place(statement, article):
    # "said" occurs twice; the editor first picks the wrong one, then corrects it.
    quote = make_quote(statement=statement, article=article, quoted="said", occurrence=1)
    second = article.body.index("said", quote.end)

    quote.start, quote.end = second, second + len("said")
    quote.save()

    quote.refresh_from_db()
    assert quote.prefix == article.body[second - CONTEXT_LENGTH : second]
    assert quote.suffix == article.body[quote.end : quote.end + CONTEXT_LENGTH]


# --- loaddata -----------------------------------------------------------------------------


def test_loaddata_of_a_fixture_with_a_bad_quote_is_refused_and_writes_nothing(tmp_path):
    body = "The minister said: “No drones were sold.” Nothing more."
    records = [
        {
            "model": "sources.outlet",
            "pk": 901,
            "fields": {"name": "Fixture News", "slug": "fixture-news"},
        },
        {
            "model": "sources.article",
            "pk": 901,
            "fields": {
                "outlet": 901,
                "title": "A fixture article",
                "url": "",
                "published_on": "2022-10-20",
                "body": body,
            },
        },
        {
            "model": "claims.actor",
            "pk": 901,
            "fields": {"name": "Fixtureland", "slug": "fixtureland", "kind": "state"},
        },
        {
            "model": "claims.claim",
            "pk": 901,
            "fields": {"slug": "fixture-claim", "text": "Drones were sold"},
        },
        {
            "model": "claims.statement",
            "pk": 901,
            "fields": {
                "actor": 901,
                "claim": 901,
                "stance": "denied",
                "made_on": "2022-10-20",
                "made_on_precision": "day",
                "created_at": "2022-10-20T00:00:00Z",
                "updated_at": "2022-10-20T00:00:00Z",
            },
        },
        {
            "model": "claims.quote",
            "pk": 901,
            "fields": {
                "statement": 901,
                "article": 901,
                # One character off: "he minister said: “N".
                "start": 1,
                "end": 21,
                "text": "The minister said: “",
            },
        },
    ]
    path = tmp_path / "bad_quote.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(ValidationError, match="does not match"):
        call_command("loaddata", str(path), verbosity=0)

    for model in (Outlet, Article, Actor, Claim, Statement, Quote):
        assert not model.objects.exists(), model


def test_loaddata_of_a_fixture_with_a_good_quote_loads_it(tmp_path, statement, article):
    start = article.body.index(SPOKESMAN)
    record = {
        "model": "claims.quote",
        "pk": 902,
        "fields": {
            "statement": statement.pk,
            "article": article.pk,
            "start": start,
            "end": start + len(SPOKESMAN),
            "text": SPOKESMAN,
        },
    }
    path = tmp_path / "good_quote.json"
    path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")

    call_command("loaddata", str(path), verbosity=0)

    assert Quote.objects.get(pk=902).is_valid()


# --- QuoteForm ----------------------------------------------------------------------------


def test_quote_form_given_only_the_text_finds_the_offsets(statement, article):
    form = QuoteForm(data={"article": article.pk, "text": SPOKESMAN})

    assert form.is_valid(), form.errors
    quote = form.save(commit=False)
    quote.statement = statement
    quote.save()

    start = article.body.index(SPOKESMAN)
    assert (quote.start, quote.end) == (start, start + len(SPOKESMAN))
    assert quote.is_valid()


def test_quote_form_reports_an_ambiguous_text_with_its_offsets_under_start(article):
    first = article.body.index("said")
    second = article.body.index("said", first + 1)

    form = QuoteForm(data={"article": article.pk, "text": "said"})

    assert not form.is_valid()
    assert list(form.errors) == ["start"]
    message = form.errors["start"][0]
    assert "2 times" in message
    assert f"{first}, {second}" in message


def test_quote_form_ambiguous_text_is_settled_by_the_start_offset_alone(article):
    second = article.body.index("said", article.body.index("said") + 1)

    form = QuoteForm(data={"article": article.pk, "text": "said", "start": second})

    assert form.is_valid(), form.errors
    assert (form.instance.start, form.instance.end) == (second, second + 4)


def test_quote_form_reports_a_text_not_in_the_article_under_text(article):
    form = QuoteForm(data={"article": article.pk, "text": "We sold them drones"})

    assert not form.is_valid()
    assert list(form.errors) == ["text"]
    assert "do not occur in the article" in form.errors["text"][0]


def test_quote_form_with_a_start_that_does_not_hold_the_text_is_refused_under_start(article):
    start = article.body.index(SPOKESMAN)
    form = QuoteForm(
        data={
            "article": article.pk,
            "text": SPOKESMAN,
            "start": start + 2,
            "end": start + 2 + len(SPOKESMAN),
        }
    )

    assert not form.is_valid()
    assert f"they occur at character {start}" in form.errors["start"][0]


# --- one rule for typed quote text, on every path --------------------------------------


def test_typed_words_not_in_the_article_get_one_message_from_the_form_the_admin_and_the_api(
    statement, article, admin_user
):
    words = "We sold them drones"
    admin_form = QuoteForm(data={"article": article.pk, "text": words})
    statement_form = StatementFromArticleForm(data={"text": words}, article=article)
    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.post(
        "/api/v1/quotes/",
        {"statement": statement.pk, "article": article.pk, "text": words},
        format="json",
    )

    assert not admin_form.is_valid() and not statement_form.is_valid()
    assert response.status_code == 400
    messages = {
        admin_form.errors["text"][0],
        statement_form.errors["text"][0],
        response.json()["text"][0],
    }
    assert messages == {"These words do not occur in the article exactly as given."}
