"""The attribution assistant's figure for `make bench`: proposals for a 10,000-character
article, in a fresh test database holding the seed set's outlets, actors (with aliases)
and claims, once as they are (7 claims) and once with 5,000 claims, as an established
database might have. Target: under 1 s (issue 16). Run alone: python -m bench.assistant.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench import ROOT, log, setup_django

LENGTH = 10_000
CLAIMS = 5_000
REPEAT = 5
TARGET_SECONDS = 1.0


def article_body(bodies: list[str]) -> str:
    """The seed bodies one after another, cut at the last sentence before 10,000 characters."""
    text = "\n\n".join(bodies * (1 + LENGTH // max(1, sum(map(len, bodies)))))
    cut = text.rfind(". ", 0, LENGTH)
    return text[: cut + 1] if cut > 0 else text[:LENGTH]


def best_of(article) -> tuple[float, int]:
    from assistant.proposals import propose

    times, count = [], 0
    for _ in range(REPEAT):
        started = time.perf_counter()
        count = len(propose(article))
        times.append(time.perf_counter() - started)
    return min(times), count


def measure() -> list[str]:
    setup_django()
    import json

    from django.core import serializers
    from django.db import transaction
    from django.test.utils import setup_databases, teardown_databases

    from assistant import evaluation
    from claims.models import Claim
    from sources.models import Article

    state = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    lines = []
    try:
        with transaction.atomic():
            records = evaluation.read_set(evaluation.SETS["seed"])
            kept = [r for r in records if r["model"] in evaluation.KEPT_MODELS]
            for obj in serializers.deserialize("json", json.dumps(kept)):
                obj.save()
            first = Article.objects.order_by("pk").first()
            bodies = list(Article.objects.order_by("pk").values_list("body", flat=True))
            article = Article.objects.create(
                outlet=first.outlet,
                title="The seed bodies, 10,000 characters",
                published_on=first.published_on,
                body=article_body(bodies),
            )
            for claims in (None, CLAIMS):
                if claims:
                    Claim.objects.bulk_create(
                        Claim(
                            slug=f"bench-claim-{n}",
                            text=f"Party {n} supplied item {n} to state {n % 97}",
                        )
                        for n in range(claims)
                    )
                seconds, count = best_of(article)
                verdict = "PASS" if seconds < TARGET_SECONDS else "FAIL"
                lines.append(
                    f"{verdict}  proposals for a {len(article.body):,}-character article: "
                    f"{seconds * 1000:.0f} ms ({count} proposals, "
                    f"{Claim.objects.count():,} claims; target < {TARGET_SECONDS * 1000:.0f} ms)"
                )
            transaction.set_rollback(True)
    finally:
        teardown_databases(state, verbosity=0)
    return lines


def print_timing() -> None:
    """For bench.run: the figure, from a process of its own (Django is set up there)."""
    log("\nThe attribution assistant (bench/assistant.py):")
    # The test settings: a throwaway test database, and no production secrets needed.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    subprocess.run([sys.executable, "-m", "bench.assistant"], cwd=ROOT, env=env, check=False)


if __name__ == "__main__":
    for line in measure():
        print(line, flush=True)
