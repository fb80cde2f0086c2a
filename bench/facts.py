"""What the benchmark reads about the corpus in its database, inside Django.

Run through servers.helper (`python -m bench.run _discover`, `_export_scope`), in a
subprocess whose environment names the benchmark database.
"""

from __future__ import annotations

from bench import setup_django


def discover(_payload: dict) -> dict:
    """What the benchmark needs to know about the corpus in this database."""
    setup_django()
    from django.db.models import Count, Max, Min

    from claims.corpus.shape import COMMON_WORD, CORPUS_VERSION, RARE_WORD
    from claims.corpus.words import vocabulary
    from claims.models import Actor, Claim, Quote, Stance, Statement
    from sources.models import Article

    total = Statement.objects.count()
    info = {
        "version": CORPUS_VERSION,
        "common_word": COMMON_WORD,
        "rare_word": RARE_WORD,
        "statements": total,
    }
    if not total:
        return info
    parties = list(Statement.objects.values("party").annotate(n=Count("id")).order_by("-n")[:50])
    slugs = dict(
        Actor.objects.filter(pk__in=[p["party"] for p in parties]).values_list("pk", "slug")
    )
    claims = list(Statement.objects.values("claim").annotate(n=Count("id")).order_by("-n")[:100])
    claim_slugs = dict(
        Claim.objects.filter(pk__in=[c["claim"] for c in claims]).values_list("pk", "slug")
    )
    ids = Statement.objects.order_by("id").values_list("id", flat=True)
    dates = Statement.objects.aggregate(first=Min("made_on"), last=Max("made_on"))
    outlets = list(
        Article.objects.values("outlet__slug").annotate(n=Count("id")).order_by("-n", "outlet")
    )
    info.update(
        quotes=Quote.objects.count(),
        articles=Article.objects.count(),
        actors=Actor.objects.count(),
        claims=Claim.objects.count(),
        busiest_actor=slugs[parties[0]["party"]],
        busiest_actor_statements=parties[0]["n"],
        busiest_claim=claim_slugs[claims[0]["claim"]],
        busiest_claim_statements=claims[0]["n"],
        top_actors=[slugs[p["party"]] for p in parties],
        top_claims=[claim_slugs[c["claim"]] for c in claims],
        # For the fresh filter combinations: busy and rare values of each facet.
        filter_actors=busy_and_rare(Statement.objects, "party__slug"),
        filter_claims=busy_and_rare(Statement.objects, "claim__slug"),
        filter_outlets=[o["outlet__slug"] for o in outlets[:25] + outlets[25:][-25:]],
        stances=list(Stance.values),
        years=list(range(dates["first"].year, dates["last"].year + 1)),
        deep_id=ids[total // 10],
        max_statement_id=ids.reverse()[0],
        max_article_id=Article.objects.order_by("-id").values_list("id", flat=True)[0],
        words=[vocabulary().words[rank] for rank in (0, 10, 100, 1000, 5000)],
    )
    return info


def busy_and_rare(statements, field: str, each: int = 25) -> list[str]:
    """The `each` values of `field` with the most statements and the `each` with the
    fewest (of those with any), busiest first."""
    from django.db.models import Count

    counted = statements.values_list(field).annotate(n=Count("id")).order_by("-n", field)
    busy = [row[0] for row in counted[:each]]
    rare = [row[0] for row in counted.reverse()[:each] if row[0] not in busy]
    return busy + rare[::-1]


def export_scope(payload: dict) -> dict:
    """A date_from giving about `rows` statements, and the exact count."""
    setup_django()
    from claims.models import Statement

    rows = payload["rows"]
    total = Statement.objects.count()
    if total <= rows:
        return {"date_from": None, "rows": total}
    date = Statement.objects.order_by("-made_on").values_list("made_on", flat=True)[rows - 1]
    count = Statement.objects.filter(made_on__gte=date).count()
    return {"date_from": date.isoformat(), "rows": count}
