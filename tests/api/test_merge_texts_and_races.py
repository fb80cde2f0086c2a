"""A merge keeps the source's description and note; a client that loses a race after
its If-Match matched gets 412, as the README promises."""

from __future__ import annotations

import http.client
import json
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import connection
from knox.models import AuthToken

from claims import actions
from claims.models import Actor, Claim, Statement
from tests.factories import make_actor, make_claim, make_statement, make_user


def test_an_actor_merge_keeps_the_sources_description_and_note(db):
    target = make_actor(name="Iran", kind="state", description="", note="Checked.")
    source = make_actor(
        name="Islamic Republic",
        kind="state",
        description="The government in Tehran",
        note="Named so in RT's reports.",
    )

    actions.merge_actors(source=source, target=target)

    target = Actor.objects.get(pk=target.pk)
    assert target.description == "The government in Tehran"
    assert target.note == (
        f"Checked.\n\nFrom Islamic Republic ({source.slug}), merged into this actor:"
        "\n\nNamed so in RT's reports."
    )
    latest = target.history.order_by("-history_date").first()
    assert latest.history_change_reason.startswith("merged actor")


def test_a_second_description_joins_the_note_and_a_claim_keeps_its_note(db):
    target = make_actor(name="Iran", kind="state", description="A state")
    source = make_actor(name="Persia", kind="state", description="Older name")
    actions.merge_actors(source=source, target=target)
    assert "described as: Older name" in Actor.objects.get(pk=target.pk).note

    keep = make_claim(text="Iran sent drones")
    duplicate = make_claim(text="Iran sent UAVs", note="Reported by two outlets.")
    actions.merge_claims(source=duplicate, target=keep)
    assert Claim.objects.get(pk=keep.pk).note.endswith("Reported by two outlets.")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's test database is in memory, one connection shared by the server threads",
)
@pytest.mark.django_db(transaction=True)
def test_ten_clients_racing_with_one_if_match_get_one_200_and_412s(live_server, figure):
    editor = make_user("racer", "editor")
    statement = make_statement()
    _, token = AuthToken.objects.create(user=editor)
    host = urlsplit(live_server.url)
    rounds, clients = 20, 10
    answers: list[int] = []
    winners: list[str] = []
    for round_number in range(rounds):
        etag = f'"statement-{statement.pk}-v{Statement.objects.get(pk=statement.pk).version}"'
        start = threading.Barrier(clients)

        def patch(n: int, etag=etag, start=start, note=f"round {round_number}") -> None:
            client = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
            headers = {
                "Authorization": f"Token {token}",
                "If-Match": etag,
                "Content-Type": "application/json",
            }
            body = json.dumps({"note": f"{note}, client {n}"})
            start.wait()
            client.request("PATCH", f"/api/v1/statements/{statement.pk}/", body, headers)
            response = client.getresponse()
            answers.append(response.status)
            if response.status == 200:
                winners.append(f"{note}, client {n}")
            client.close()

        threads = [threading.Thread(target=patch, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

    figure(
        f"concurrency: {rounds} rounds x {clients} clients PATCH one statement: "
        f"{sorted(Counter(answers).items())}"
    )
    assert Counter(answers) == {200: rounds, 412: rounds * (clients - 1)}
    assert Statement.objects.get(pk=statement.pk).version == 1 + rounds
    # The history holds exactly the winners' changes, one per round, in order.
    changed = statement.history.filter(history_type="~").order_by("history_date", "history_id")
    assert list(changed.values_list("note", flat=True)) == winners
