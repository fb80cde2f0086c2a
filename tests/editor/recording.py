"""What the tests of recording a statement share: the seed's articles, a valid form,
posting it, and reading what the page or the database says after."""

from __future__ import annotations

import html
import re

from django.test import Client

from claims.models import Actor, ActorAlias, Claim, Quote, Statement

WRITERS = {"editor", "administrator"}

RT_PESKOV = 3  # the seed's RT article, published on Tuesday 18 October 2022
HOTNEWS = 1  # the seed's HotNews.ro article, published 20 October 2022
UNQUOTED = "Neither Moscow nor Tehran confirmed the purported purchase."

# Valid as they stand on the seed data: Russia has said nothing yet on the factory claim,
# so there is no similar statement to offer.
VALID = {
    "text": UNQUOTED,
    "actor": "Kremlin",
    "claim": "russia-iran-drone-factory",
    "stance": "denied",
    "date_wording": "",
    "made_on": "2022-10-18",
    "made_on_precision": "day",
    "note": "",
}


def create_url(article_pk: int) -> str:
    return f"/articles/{article_pk}/statements/new/"


def record(client: Client, article_pk: int = RT_PESKOV, **changes):
    return client.post(create_url(article_pk), {**VALID, **changes})


def recorded(response) -> Statement:
    assert response.status_code == 302, response.content.decode()[:2000]
    match = re.fullmatch(r"/statements/(\d+)/", response["Location"])
    assert match, response["Location"]
    return Statement.objects.get(pk=match[1])


def written() -> tuple[int, ...]:
    """Every row count a write could change, history tables included."""
    return tuple(
        manager.count()
        for manager in (
            Actor.objects,
            Actor.history,
            ActorAlias.objects,
            Claim.objects,
            Claim.history,
            Statement.objects,
            Statement.history,
            Quote.objects,
            Quote.history,
        )
    )


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def shown(response) -> str:
    return html.unescape(response.content.decode())


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# Another article's words for what Kanaani said on 18 October (seed statement 16).
AGAIN = "Kannani said again that Iran sent no drones to Russia."
