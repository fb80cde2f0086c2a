"""The six record endpoints as the tests drive them: for each, the record a test reads
and updates (from the `world` fixture), a valid new record, a change, a record an
administrator may delete, and for actors and claims a pair to merge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article, Outlet
from tests.factories import BODY


@dataclass(frozen=True)
class Endpoint:
    name: str
    model: type
    key: Callable  # world -> the record used for detail and update
    create: Callable  # world -> payload
    update: Callable  # world -> (record, changes)
    deletable: Callable  # world -> a record the administrator may delete
    mergeable: Callable | None = None  # world -> (source, target)

    def detail_url(self, record) -> str:
        lookup = getattr(record, "slug", None) or record.pk
        return f"/api/v1/{self.name}/{lookup}/"


ENDPOINTS = [
    Endpoint(
        "outlets",
        Outlet,
        key=lambda w: w.outlet,
        create=lambda w: {
            "slug": "new-outlet",
            "name": "New Outlet",
            "url": "https://new.example/",
        },
        update=lambda w: (w.outlet, {"name": "Daily News Renamed"}),
        deletable=lambda w: w.spare_outlet,
    ),
    Endpoint(
        "articles",
        Article,
        key=lambda w: w.article,
        create=lambda w: {
            "outlet": w.outlet.slug,
            "title": "A new article",
            "url": "https://news.example/new-article",
            "published_on": "2022-11-05",
            "language": "en",
            "body": BODY,
        },
        update=lambda w: (w.article, {"title": "Drones article, corrected title"}),
        deletable=lambda w: w.spare_article,
    ),
    Endpoint(
        "actors",
        Actor,
        key=lambda w: w.state,
        create=lambda w: {
            "slug": "new-state",
            "name": "New State",
            "kind": "state",
            "aliases": ["Newland"],
        },
        update=lambda w: (w.state, {"description": "An old empire"}),
        deletable=lambda w: w.spare_actor,
        mergeable=lambda w: (w.spare_actor, w.other_state),
    ),
    Endpoint(
        "claims",
        Claim,
        key=lambda w: w.claim,
        create=lambda w: {"slug": "new-claim", "text": "A new claim is tracked"},
        update=lambda w: (w.claim, {"note": "Phrased neutrally"}),
        deletable=lambda w: w.spare_claim,
        mergeable=lambda w: (w.spare_claim, w.claim),
    ),
    Endpoint(
        "statements",
        Statement,
        key=lambda w: w.statement,
        create=lambda w: {
            "actor": w.other_state.slug,
            "claim": w.claim.slug,
            "stance": "asserted",
            "made_on": "2022-10-01",
            "made_on_precision": "month",
            "date_wording": "in October",
            "quotes": [{"article": w.article.pk, "text": "Officials in Washington disagreed."}],
        },
        update=lambda w: (w.statement, {"note": "Checked against the original"}),
        deletable=lambda w: w.statement,
    ),
    Endpoint(
        "quotes",
        Quote,
        key=lambda w: w.first_quote,
        create=lambda w: {
            "statement": w.statement.pk,
            "article": w.article.pk,
            "text": "Officials in Washington disagreed.",
        },
        update=lambda w: (w.first_quote, {"text": "Officials in Washington disagreed."}),
        deletable=lambda w: w.second_quote,
    ),
]
ENDPOINT_IDS = [endpoint.name for endpoint in ENDPOINTS]
MERGEABLE = [endpoint for endpoint in ENDPOINTS if endpoint.mergeable]
