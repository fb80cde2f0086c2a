"""What "the allegations", "the charges" or "these reports" are: the claims asserted
elsewhere in the article. A denial of "the Justice Department's allegations" is a
denial of every claim the department asserted (sibling claims, one proposal each); one
of "the charges" with no owner, of the claims of the nearest assertion by someone else;
a plea of not guilty answers the charges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.proposals.cues import Cue, Kind
from claims.models.choices import Stance

# The cue's object, or what was said, opens with a noun that names earlier words and
# says nothing itself: "denied the information", "refuted the charges", "that the
# Justice Department's allegations are false". "The reports that ..." and "findings of
# observers" say what they are, and are no anaphora.
ANAPHOR = re.compile(
    r"^\W*(?:that\s+)?(?:(?:the|these|those|such|this|its|their|his|her|all)\s+|"
    r"(?P<owner>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})[’']s\s+)"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>allegations?|charges|accusations?|claims?|reports?|"
    r"information|observations|findings|assertions|rumou?rs|speculation)\b"
    r"(?!\s+(?:that|of|by|about|on|from|in)\b)"
)
PLEA = re.compile(r"\bguilty\b|\bplea\b", re.IGNORECASE)


COLLECTIVE = re.compile(r"allegations|charges|accusations|claims", re.IGNORECASE)


@dataclass(frozen=True)
class Referent:
    owner: str  # the words naming whose they are ("the Justice Department"), or ""
    # "the charges", a plea: all the accuser's claims, not only one passage's.
    collective: bool = False


def referent(sentence: str, cue: Cue, said: str) -> Referent | None:
    """The earlier words the attribution answers, when it names them only by a noun."""
    if cue.kind is Kind.DENY and PLEA.search(cue.text):
        return Referent("", collective=True)
    match = None
    if cue.kind in (Kind.DENY, Kind.CONFIRM, Kind.NONCOMMITTAL) and cue.end:
        match = ANAPHOR.match(sentence[cue.end :])
    if match is None and cue.kind is Kind.SAY:
        match = ANAPHOR.match(said)
    if match is None:
        return None
    return Referent(match.group("owner") or "", bool(COLLECTIVE.fullmatch(match.group("noun"))))


def resolved(drafts: list[dict]) -> list[dict]:
    """The drafts, each anaphoric one replaced by one per claim it refers to."""
    result = []
    for i, draft in enumerate(drafts):
        if not draft["_refers"]:
            result.append(draft)
            continue
        claims = _referred_claims(drafts, i)
        if not claims:
            result.append(draft)
            continue
        result.extend({**draft, "claim": claim} for claim in claims)
    return result


def _referred_claims(drafts: list[dict], i: int) -> list:
    draft = drafts[i]
    asserted = [
        (j, d)
        for j, d in enumerate(drafts)
        if j != i
        and not d["_refers"]
        and d["stance"] == Stance.ASSERTED
        and d["claim"].slug
        and d["actor"] != draft["actor"]
    ]
    if draft["_owner"] is not None:
        mine = [d for _, d in asserted if d["actor"] == draft["_owner"]]
        return _distinct(mine)
    # The nearest assertion before, else after; with the claims its passage gave.
    before = [(j, d) for j, d in asserted if j < i]
    nearest = before[-1] if before else next(iter(asserted), None)
    if nearest is None:
        return []
    _, near = nearest
    return _distinct(
        [
            d
            for _, d in asserted
            if d["actor"] == near["actor"] and (draft["_collective"] or d["start"] == near["start"])
        ]
    )


def _distinct(drafts: list[dict]) -> list:
    claims = []
    for d in drafts:
        if d["claim"] not in claims:
            claims.append(d["claim"])
    return claims
