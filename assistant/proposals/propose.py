"""One call: an article in, its proposals out (a first, simple rule set)."""

from __future__ import annotations

import re

from assistant.proposals.proposal import Proposal, ProposedActor, ProposedClaim
from claims.models import Actor
from sources.sentences import sentence_bounds

CUE = re.compile(r"\b(said|says|denied|denies|confirmed|confirms|admitted|told)\b", re.I)
STANCES = {
    "denied": "denied",
    "denies": "denied",
    "confirmed": "confirmed",
    "confirms": "confirmed",
    "admitted": "confirmed",
}


def propose(article) -> list[Proposal]:
    body = article.body
    actors = list(Actor.objects.values_list("slug", "name", "kind"))
    proposals = []
    for start, end in sentence_bounds(body):
        sentence = body[start:end]
        cue = CUE.search(sentence)
        if not cue:
            continue
        found = next(((s, n, k) for s, n, k in actors if n in sentence), None)
        if found is None:
            continue
        slug, name, kind = found
        proposals.append(
            Proposal(
                start=start,
                end=end,
                text=sentence,
                actor=ProposedActor(slug=slug, name=name, kind=kind),
                speaker=None,
                stance=STANCES.get(cue.group(1).lower(), "asserted"),
                claim=ProposedClaim(slug=None, text=sentence),
                made_on=article.published_on,
                made_on_precision="day",
                date_wording="",
                joins_statement=None,
                confidence=0.3,
                cue=cue.group(0),
            )
        )
    return proposals
