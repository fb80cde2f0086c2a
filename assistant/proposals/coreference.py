"""Who a noun phrase refers back to, when it names no one: "it" and "the company" (the
nearest state or organisation named before that the noun fits), "the minister" or "the
Ambah MLA" (a person of the article whose title holds those words), and "the jury" or
"the judge" (the court the article names)."""

from __future__ import annotations

import re

from assistant.proposals.directory import Known, title_set
from assistant.proposals.words import INSTITUTION_HEADS
from claims.models.choices import ActorKind

# "It said", "the company added": the organisation or state last named.
IT = re.compile(
    r"\b(?:the|a|an|its)\s+(?:[\w-]+\s+){0,5}?(?P<body>company|firm|group|ministry|government"
    r"|department|party|agency|organi[sz]ation|statement|commission|court|bank)\b"
    r"|\b(?:it|its)\b",
    re.IGNORECASE,
)
BODY_WORDS = {
    **dict.fromkeys(("ministry", "government", "department", "court"), ActorKind.STATE),
    **dict.fromkeys(
        ("company", "firm", "group", "party", "agency", "organisation", "organization", "bank"),
        ActorKind.ORGANISATION,
    ),
}
# A phrase that describes a person instead of naming them, next to the verb: "the
# minister", "the 63-year-old Democratic governor", "an analyst", "said the Minister".
DESCRIPTION = r"(?:the|an?)\s+(?P<words>(?:[\w-]+\s+){0,3}?)(?P<head>[A-Za-z][\w-]+)"
DESCRIBED_BEFORE = re.compile(r"(?:^|[\s,])" + DESCRIPTION + r"\s*$", re.IGNORECASE)
DESCRIBED_AFTER = re.compile(r"^\s*" + DESCRIPTION + r"\b", re.IGNORECASE)
# A court's people and the court itself: their words are the court's acts.
COURT_PEOPLE = re.compile(r"\b(?:jury|jurors|judge|judges|justices|court|tribunal)\b", re.I)
COURT_NAME = re.compile(r"\b(?:court|tribunal)\b", re.IGNORECASE)


def referred_body(region: str, bodies: list[Known], last_body: Known | None) -> Known | None:
    """ "It said", "the company added", "the department said": the nearest state or
    organisation named before that the noun fits."""
    matches = list(IT.finditer(region))
    if not matches:
        return None
    # A noun says more than "it": "In its statement, the company said".
    nouns = [m for m in matches if m.group("body")]
    it = next((m for m in nouns if m.group("body").lower() != "statement"), matches[0])
    noun = (it.group("body") or "").lower()
    if not noun or noun == "statement":
        return last_body
    kind = BODY_WORDS.get(noun)
    for known in bodies:
        if kind is not None and known.kind != kind:
            continue
        head = known.name.split()[-1].casefold() if known.name else ""
        if head in INSTITUTION_HEADS and not head.startswith(noun[:5]):
            continue
        return known
    return None


def described_person(
    region: str, after_cue: bool, people: list[tuple[Known, frozenset[str]]]
) -> Known | None:
    """The person a description next to the verb fits: its last word is a word of
    their title, and of those who fit, the one whose title holds most of its words, then
    the one named last. `people` are the article's people with their titles, the most
    recently named first."""
    match = (DESCRIBED_AFTER if after_cue else DESCRIBED_BEFORE).search(region)
    if match is None:
        return None
    head = match.group("head").casefold()
    words = title_set(match.group("words")) | {head}
    best, best_score = None, 0
    for known, title in people:
        if head not in title:
            continue
        score = len(words & title)
        if score > best_score:
            best, best_score = known, score
    return best


def court(region: str, bodies: list[Known]) -> Known | None:
    """ "The jury said", "jurors ... ruling": the court the article names."""
    if not COURT_PEOPLE.search(region):
        return None
    return next(
        (
            b
            for b in bodies
            if b.kind in (ActorKind.ORGANISATION, ActorKind.STATE) and COURT_NAME.search(b.name)
        ),
        None,
    )
