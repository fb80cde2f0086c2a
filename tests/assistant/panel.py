"""An article the assistant has something to say about, for the panel's tests."""

from __future__ import annotations

import datetime

from assistant.decisions import fingerprint, open_proposals
from claims.models import Actor, Claim
from tests.factories import make_actor, make_article, make_statement

SENTENCES = (
    "Iran denied on Monday that it had sent drones to Russia.",
    "Ukraine said the drones that hit Kyiv were made in Iran.",
    "The weather in the capital was mild for the season.",
)


def article_with_suggestions(*, extra: int = 0):
    """Iran and Ukraine exist (made if missing); the body attributes something to each (and, with
    `extra`, as many more attributions)."""
    iran = Actor.objects.filter(slug="iran").first() or make_actor(
        name="Iran", slug="iran", aliases=("Tehran",)
    )
    ukraine = Actor.objects.filter(slug="ukraine").first() or make_actor(
        name="Ukraine", slug="ukraine", aliases=("Kyiv",)
    )
    more = [f"Ukraine said {n} drones that hit Odesa were made in Iran." for n in range(extra)]
    body = " ".join([*SENTENCES, *more])
    article = make_article(body=body, published_on=datetime.date(2022, 10, 20))
    return article, iran, ukraine


CLAIM = "Iran supplied drones to Russia"


def first_open(article):
    proposals = open_proposals(article)
    assert proposals, "the assistant proposes nothing for the test article"
    return proposals[0]


def joining_article():
    """Iran's denial is recorded from one article; another reports it again."""
    article, iran, _ = article_with_suggestions()
    claim = Claim.objects.create(slug="iran-supplied-drones", text=CLAIM)
    earlier = make_article(
        body="Iran denied on Monday that it had sent drones to Russia, officials said.",
        outlet=article.outlet,
    )
    statement = make_statement(
        quote="Iran denied on Monday that it had sent drones to Russia",
        article=earlier,
        actor=iran,
        claim=claim,
        stance="denied",
        made_on=datetime.date(2022, 10, 17),
    )
    proposal = next(p for p in open_proposals(article) if p.actor.slug == "iran")
    assert proposal.joins_statement == statement.pk, "the assistant proposes no join"
    return article, statement, proposal


def urls(article, proposal=None) -> dict[str, str]:
    """The panel's addresses for an article (and a proposal's form)."""
    base = f"/articles/{article.pk}/suggestions/"
    return {
        "accept": base + "accept/",
        "dismiss": base + "dismiss/",
        "undo": base + "undo/",
        "adjust": base + f"{fingerprint(proposal) if proposal else '0' * 32}/adjust/",
    }
