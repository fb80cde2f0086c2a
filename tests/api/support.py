"""Helpers the API tests share: token clients, the whole database state, walking cursor
pages, and reading the ids a statement list page shows."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from knox.models import AuthToken
from rest_framework.test import APIClient

from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    MergedActor,
    MergedClaim,
    Quote,
    Statement,
)
from sources.models import Article, Outlet


def token_for(user) -> str:
    """A real knox token, as an editor creates one on their token page."""
    return AuthToken.objects.create(user)[1]


def token_client(user) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


VERSIONED = (Outlet, Article, Actor, Claim, Statement, Quote)
PLAIN = (ActorAlias, MergedActor, MergedClaim, User, AuthToken)


def database_state() -> dict:
    """Everything a write could change: each versioned record's id, version and
    fields, the other tables' rows, and the size of every history table."""
    state = {}
    for model in VERSIONED:
        state[model.__name__] = sorted(map(tuple, model.objects.values_list()))
        state[f"{model.__name__} history"] = model.history.count()
    for model in PLAIN:
        state[model.__name__] = model.objects.count()
    state["ActorAlias names"] = sorted(ActorAlias.objects.values_list("actor_id", "name"))
    return state


def walk(client, url: str, limit: int = 1000) -> list[dict]:
    """Every result of a paginated list, following `next` links to the end."""
    results, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:500])
        body = response.json()
        results.extend(body["results"])
        url = body["next"]
        pages += 1
        assert pages < limit, "the next links never end"
    return results


RESULTS = '<section class="results"'
STATEMENT_LINK = re.compile(r'href="/statements/(\d+)/"')
NEXT_PAGE = re.compile(r'<a rel="next" href="([^"]*)"')


def page_statement_ids(client, query: str) -> list[int]:
    """The ids the statement list page shows for `query`, over all its pages (each
    statement once per listing: its permalink), as a researcher would collect them."""
    url, ids, pages = f"/statements/?{query}", [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content = response.content.decode()
        assert RESULTS in content, "the page has no results section"
        results = content.split(RESULTS, 1)[1].split("</main>", 1)[0]
        ids.extend(int(pk) for pk in STATEMENT_LINK.findall(results))
        following = NEXT_PAGE.search(results)
        url = "/statements/" + html.unescape(following.group(1)) if following else None
        pages += 1
        assert pages < 100
    return ids


def api_path(url: str) -> str:
    """The path and query of an absolute URL the API gave."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
