"""The tallies equal a count over the statements after every kind of write, on both
databases: the database keeps them (claims.database.tallies), whatever wrote."""

from __future__ import annotations

import datetime
import io
import itertools
from collections import Counter

from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import actions
from claims.models import Quote, Statement, Tally
from sources.models import Article
from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_outlet,
    make_quote,
    make_statement,
)


def counted() -> Counter:
    """The tallies as the database keeps them, without the pairs no statement has."""
    rows = Tally.objects.exclude(statements=0).values_list(
        "facet_a", "value_a", "facet_b", "value_b", "statements"
    )
    return Counter({row[:4]: row[4] for row in rows})


def expected() -> Counter:
    """The same counts computed here from the statements, one by one: what the actor,
    speaker, stance, claim, outlet and year filters would each match."""
    outlets: dict[int, set[int]] = {}
    for statement_id, outlet_id in Quote.objects.values_list("statement_id", "article__outlet_id"):
        outlets.setdefault(statement_id, set()).add(outlet_id)
    pairs: Counter = Counter()
    rows = Statement.objects.values_list(
        "id", "actor_id", "party_id", "speaker_id", "stance", "claim_id", "made_on"
    )
    for pk, actor, party, speaker, stance, claim, made_on in rows:
        tags = {("", "")}
        tags |= {("actor", str(a)) for a in (actor, party, speaker) if a is not None}
        if speaker is not None:
            tags.add(("speaker", str(speaker)))
        tags |= {("stance", stance), ("claim", str(claim)), ("year", str(made_on.year))}
        tags |= {("outlet", str(o)) for o in outlets.get(pk, ())}
        for a, b in itertools.permutations(tags, 2):
            if a[0] != b[0] and b[0] != "":
                pairs[(*a, *b)] += 1
    return pairs


def assert_exact() -> None:
    assert counted() == expected()


def test_the_seed_is_tallied(seed):
    assert_exact()
    total = sum(n for key, n in counted().items() if key[:3] == ("", "", "stance"))
    assert total == Statement.objects.count() == 36


def test_each_kind_of_write_keeps_the_tallies_exact(seed):
    statement = make_statement()
    assert_exact()
    statement.stance = "confirmed"
    statement.made_on = datetime.date(2019, 5, 1)
    statement.save()
    assert_exact()
    statement.actor = make_actor(kind="person", speaks_for=make_actor())
    statement.speaker = statement.actor
    statement.claim = make_claim()
    statement.save()
    assert_exact()
    other = make_statement()
    extra = make_quote(statement=other, article=make_article(), quoted="drones")
    Quote.objects.filter(pk=extra.pk).update(statement=statement)  # raw move
    make_statement(article=make_article(outlet=Quote.objects.first().article.outlet))
    assert_exact()
    Article.objects.filter(pk=Quote.objects.filter(statement=statement).first().article_id).update(
        outlet=make_outlet()
    )
    assert_exact()
    Statement.objects.filter(stance="denied").update(stance="noncommittal")  # bulk update
    assert_exact()
    statement.delete()
    assert_exact()


def test_merges_restores_and_party_changes_keep_the_tallies_exact(seed, administrator):
    busy = Statement.objects.values("actor").order_by("actor").first()["actor"]
    source = Statement.objects.get(pk=Statement.objects.filter(actor=busy).first().pk).actor
    target = make_actor(kind=source.kind)
    actions.merge_actors(source=source, target=target, user=administrator)
    assert_exact()
    claim = Statement.objects.first().claim
    actions.merge_claims(source=claim, target=make_claim(), user=administrator)
    assert_exact()
    person = Statement.objects.filter(actor__kind="person").first().actor
    person.speaks_for = make_actor()
    person.save()
    Statement.objects.filter(actor=person).refresh_party()
    assert_exact()
    deleted = Statement.objects.first()
    pk = deleted.pk
    deleted.delete()
    assert_exact()
    actions.restore_statement(Statement.history.filter(id=pk).order_by("-history_date")[1])
    assert_exact()


def test_a_generated_corpus_is_tallied_in_one_pass(transactional_db):
    call_command("generate_corpus", "--statements", "300", "--no-progress", stdout=io.StringIO())
    assert Statement.objects.count() == 300
    assert_exact()
    make_statement()  # and the triggers are back on afterwards
    assert_exact()


WRITES = st.lists(
    st.tuples(
        st.sampled_from(["create", "stance", "actor", "claim", "date", "quote", "delete"]),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(writes=WRITES)
def test_random_writes_keep_the_tallies_exact(db, writes):
    with transaction.atomic():  # each example starts afresh
        actors = [make_actor(), make_actor(kind="organisation")]
        actors.append(make_actor(kind="person", speaks_for=actors[0]))
        claims = [make_claim(), make_claim()]
        articles = [make_article(), make_article()]
        make_statement(actor=actors[0], claim=claims[0], article=articles[0])
        for write, n in writes:
            statements = list(Statement.objects.order_by("pk"))
            statement = statements[n % len(statements)] if statements else None
            if write == "create" or statement is None:
                make_statement(
                    actor=actors[n % 3],
                    speaker=actors[2] if n % 2 else None,
                    claim=claims[n % 2],
                    article=articles[n % 2],
                )
            elif write == "stance":
                statement.stance = ["asserted", "denied", "confirmed", "noncommittal"][n % 4]
                statement.save()
            elif write == "actor":
                statement.actor = actors[n % 3]
                statement.save()
            elif write == "claim":
                statement.claim = claims[n % 2]
                statement.save()
            elif write == "date":
                statement.made_on = datetime.date(2015 + n % 10, 1 + n % 12, 1)
                statement.save()
            elif write == "quote":
                article = articles[n % 2]
                if not statement.quotes.filter(article=article, text="drones").exists():
                    make_quote(statement=statement, article=article, quoted="drones")
            elif write == "delete":
                statement.delete()
            assert counted() == expected(), (write, n, connection.vendor)
        transaction.set_rollback(True)
