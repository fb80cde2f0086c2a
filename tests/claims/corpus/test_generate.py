"""The synthetic corpus generator (manage.py generate_corpus), on a small N.

The benchmark itself (bench/run.py, `make bench`) is not a test and never runs here.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max

from claims.corpus.generate import QUOTE_TRIGGER
from claims.corpus.shape import COMMON_WORD, RARE_WORD, Sizes
from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from claims.search import matching_statement_ids
from sources.models import Article, Outlet
from sources.text import CONTEXT_LENGTH

N = 300

pytestmark = pytest.mark.django_db


def generate(n: int = N, **options) -> str:
    out = io.StringIO()
    call_command("generate_corpus", statements=n, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def digest() -> str:
    """Every statement and quote row (ids, foreign keys, values) in one hash."""
    sha = hashlib.sha256()
    for row in Statement.objects.order_by("id").values_list(
        "id",
        "actor_id",
        "speaker_id",
        "claim_id",
        "stance",
        "made_on",
        "made_on_precision",
        "date_wording",
        "created_at",
    ):
        sha.update(repr(row).encode())
    for row in Quote.objects.order_by("id").values_list(
        "id", "statement_id", "article_id", "start", "end", "text", "prefix", "suffix"
    ):
        sha.update(repr(row).encode())
    return sha.hexdigest()


def test_counts_are_roughly_as_asked():
    output = generate()
    sizes = Sizes.for_statements(N)
    assert Statement.objects.count() == N
    assert Article.objects.count() == sizes.articles == 60
    assert Claim.objects.count() == sizes.claims == 20
    assert Actor.objects.count() == sizes.actors == 30
    assert Outlet.objects.count() == sizes.outlets == 10
    assert ActorAlias.objects.exists()
    quotes = Quote.objects.count()
    assert 1.7 * N <= quotes <= 2.3 * N  # two per statement on average
    per_statement = Counter(
        Statement.objects.annotate(n=Count("quotes")).values_list("n", flat=True)
    )
    assert set(per_statement) <= {1, 2, 3, 4} and len(per_statement) >= 3
    assert set(Statement.objects.values_list("stance", flat=True)) == {
        "asserted",
        "denied",
        "confirmed",
    }
    precisions = Counter(Statement.objects.values_list("made_on_precision", flat=True))
    assert precisions.most_common(1)[0][0] == "day"
    dates = Statement.objects.order_by("made_on").values_list("made_on", flat=True)
    assert (dates.last() - dates.first()).days > 9 * 365  # ten years
    kinds = set(Actor.objects.values_list("kind", flat=True))
    assert kinds == {"state", "organisation", "media", "person"}
    assert Actor.objects.filter(kind="person", speaks_for__isnull=False).exists()
    assert Statement.objects.filter(speaker__isnull=False).exists()
    assert f"{N:,} statements" in output
    assert "No simple-history rows" in output
    assert not Statement.history.exists()


def test_every_quote_is_an_exact_span_with_context():
    generate()
    out = io.StringIO()
    call_command("check_quotes", stdout=out, stderr=io.StringIO())
    assert "match their articles" in out.getvalue()
    for quote in Quote.objects.select_related("article")[:200]:
        body = quote.article.body
        assert body[quote.start : quote.end] == quote.text
        assert quote.prefix == body[max(0, quote.start - CONTEXT_LENGTH) : quote.start]
        assert quote.suffix == body[quote.end : quote.end + CONTEXT_LENGTH]
        assert quote.article.published_on >= quote.statement.made_on
    # The quote trigger is back on after the load: a bad span is refused.
    quote = Quote.objects.first()
    wrong = quote.text[:-1] + ("y" if quote.text.endswith("x") else "x")
    with pytest.raises(DatabaseError, match="quote text does not match"), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(text=wrong)


def test_same_seed_same_data_other_seed_other_data():
    generate(seed=7)
    first = digest()
    generate(seed=7, force_empty=True)
    assert digest() == first
    generate(seed=8, force_empty=True)
    assert digest() != first


def test_batch_size_does_not_change_the_data():
    generate(2500, batch=10_000)
    first = digest()
    generate(2500, batch=1000, force_empty=True)
    assert digest() == first


def test_distributions_are_skewed():
    generate(2000)
    statements = Statement.objects.count()
    by_actor = Statement.objects.values("actor").annotate(n=Count("id"))
    top_actor = by_actor.aggregate(top=Max("n"))["top"]
    assert top_actor > 3 * statements / by_actor.count()
    by_claim = Statement.objects.values("claim").annotate(n=Count("id"))
    top_claim = by_claim.aggregate(top=Max("n"))["top"]
    assert top_claim > 3 * statements / by_claim.count()
    # A few actors hold most statements.
    shares = sorted((row["n"] for row in by_actor), reverse=True)
    assert sum(shares[:5]) > 0.3 * statements


def test_search_finds_common_and_rare_words():
    generate(2000)
    quotes = Quote.objects.count()
    common = Statement.objects.filter(id__in=matching_statement_ids(COMMON_WORD)).count()
    assert common > 0.03 * quotes / 2
    rare = Statement.objects.filter(id__in=matching_statement_ids(RARE_WORD)).count()
    assert rare < 0.01 * quotes


def test_refuses_a_database_with_data_unless_forced():
    generate()
    with pytest.raises(CommandError, match="--force-empty"):
        generate()
    generate(N + 10, force_empty=True)
    assert Statement.objects.count() == N + 10
    assert Statement.objects.order_by("id").first().id == 1


def test_new_records_get_fresh_ids_after_the_load():
    generate()
    outlet = Outlet.objects.create(name="A New Outlet", slug="a-new-outlet")
    assert outlet.pk == Outlet.objects.count()
    claim = Claim.objects.create(slug="new-claim", text="A new claim")
    assert claim.pk == Sizes.for_statements(N).claims + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
def test_the_quote_trigger_is_enabled_after_the_load():
    generate()
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = %s", [QUOTE_TRIGGER])
        assert cursor.fetchone()[0] == "O"
