"""The words that make a sentence an attribution: a reporting verb ("said", "denied"),
a phrase ("according to", "declined to comment") or an official act ("imposed
sanctions"), each with what it says about the stance and where its speaker stands."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    SAY = "say"  # the stance comes from what was said
    DENY = "deny"
    CONFIRM = "confirm"
    NONCOMMITTAL = "noncommittal"
    ACT = "act"  # an official act: an assertion by deed
    ACCUSE = "accuse"  # an accusation asserts, whatever its words ("for not sharing")


class Place(StrEnum):
    """Where the speaker is, relative to the cue."""

    BEFORE = "before"  # "Peskov said", "Moscow denied"
    AFTER = "after"  # "according to Reuters", "a report by The Washington Post"
    WITHIN = "within"  # "Sputnik quoted Ushakov as saying"


@dataclass(frozen=True)
class Cue:
    start: int  # offsets into the sentence
    end: int
    text: str
    kind: Kind
    place: Place


def _any(*alternatives: str) -> str:
    return "|".join(alternatives)


_DENIED = r"den(?:ied|ies|y|ying)"
_CONFIRMED = r"confirm(?:ed|s)?"
_BASELESS = _any(
    "unfounded",
    "baseless",
    "groundless",
    "false",
    "fake",
    "lies",
    "a lie",
    "unsubstantiated",
    "far-fetched",
    "nonsense",
    "disinformation",
    "propaganda",
    "fabricated",
    "fabrications",
    "a stuffing",
    r"rumou?rs",
    "speculation",
    "absurd",
    "ridiculous",
    "untrue",
)
_MERE = r"(?:(?:mere|pure|just|simply) )?[“\"'‘]?"
_SAYING = _any(
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "stated",
    "states",
    "announced",
    "announces",
    "added",
    "adds",
    "adding",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "insisted",
    "insists",
    "warned",
    "warns",
    "argued",
    "argues",
    "explained",
    "declared",
    "declares",
    "claimed",
    "asserted",
    "asserts",
    "maintained",
    "maintains",
    "wrote",
    "writes",
    "reported",
    "reiterated",
    "reiterates",
    "reiterating",
    "repeated",
    "reminded",
    "believes",
    "suggested",
    "suggests",
    r"quotes(?=[.,])",
    "cited",
    "citing",
    r"(?:claims?|reports|believe) that",
    "made similar statements",
    "indicated",
    "revealed",
    "disclosed",
    "emphasi[sz]ed",
    "underlined",
    "pointed out",
    "concluded",
    "predicted",
    "estimated",
    "assessed",
    "welcomed",
    "urged",
    "called on",
    "vowed",
    "pledged",
    "promised",
    "threatened",
    "clarified",
    "mentioned",
    "termed",
    r"describ(?:ed|es|ing) (?:\S+ ){1,12}?as",
    r"expressed (?:\S+ )?concerns? (?:that|about|over)",
)
_ACTS = _any(
    r"imposed (?:\S+ ){0,2}?sanctions",
    "sanctioned",
    r"(?:cut|severed|downgraded|broke off|suspended) (?:\S+ ){0,2}?(?:ties|relations)",
    "expelled",
    # A court's verdict and a prosecutor's charge assert the offence by an official act.
    r"found (?:\S+ ){1,4}?guilty",
    r"convicted",
    r"indicted",
    r"charged (?:\S+ ){0,4}?with",
    r"(?:filed|brought) (?:\S+ ){0,2}?charges",
    # A lawsuit asserts the wrong it alleges; a ruling for one side, the court's finding.
    "sued",
    r"(?:filed|brought) (?:a |the )?(?:law)?suit",
    r"rul(?:ed|ing) (?:in favou?r of|against)",
)

# (pattern, kind, where the speaker is). Where two overlap, the earlier entry wins:
# "neither confirmed nor denied" is one noncommittal cue, not a confirmation.
_PATTERNS: list[tuple[str, Kind, Place]] = [
    (
        rf"neither (?:{_CONFIRMED}|{_DENIED}) nor (?:{_CONFIRMED}|{_DENIED})",
        Kind.NONCOMMITTAL,
        Place.BEFORE,
    ),
    (
        r"(?:declined|refused|would not|did not want) to "
        r"(?:comment|confirm|say|discuss|answer|elaborate)",
        Kind.NONCOMMITTAL,
        Place.BEFORE,
    ),
    (
        _any(
            r"(?:does|do|did) not know",
            r"(?:could|can|would|will) not (?:confirm|say)",
            r"(?:cannot|can't|couldn't|can’t|couldn’t) confirm",
            r"(?:is|was|were) not aware",
            r"(?:can't|can’t|cannot|could not|would not|will not) comment",
        ),
        Kind.NONCOMMITTAL,
        Place.BEFORE,
    ),
    (
        _any(
            r"(?:would|will|to) (?:look|seek|search) for (?:\S+ )?evidence",
            r"(?:would|will) investigate",
            r"(?:called|calls|asked) for an investigation",
        ),
        Kind.NONCOMMITTAL,
        Place.BEFORE,
    ),
    (
        r"no comment (?:was|has been|had been) (?:made|given|offered) (?:\S+ ){0,8}?by",
        Kind.NONCOMMITTAL,
        Place.AFTER,
    ),
    (
        r"(?:was|were|has been|have been|had been) (?:\w+ly )?"
        r"(?:denied|refuted|rejected|dismissed) (?:\S+ ){0,4}?by",
        Kind.DENY,
        Place.AFTER,
    ),
    (
        rf"call(?:ed|s|ing)? (?:\S+ ){{0,8}}?{_MERE}(?:{_BASELESS})"
        rf"|(?:describ|dismiss)(?:ed|es|ing) (?:\S+ ){{0,8}}?as {_MERE}(?:{_BASELESS})",
        Kind.DENY,
        Place.BEFORE,
    ),
    (
        _any(
            r"dismiss(?:ed|es|ing)?",
            r"plead(?:ed|s|ing)? not guilty",
            r"pled not guilty",
            r"(?:enter(?:ed|ing|s)? )?(?:a )?(?:plea of not guilty|not[- ]guilty pleas?)",
            _DENIED,
            r"(?:a |the )?denials? of",
            r"reject(?:ed|s|ing)?",
            r"refut(?:ed|es|e|ing)",
            r"rebuff(?:ed|s)?",
            "ruled out",
            "rules out",
            r"disput(?:ed|es)",
        ),
        Kind.DENY,
        Place.BEFORE,
    ),
    (
        _any(
            r"confirm(?:ed|s|ing)?",
            r"acknowledg(?:ed|es|e|ing)",
            r"admit(?:ted|s|ting)?",
            r"conced(?:ed|es)",
            r"verif(?:ied|ies)",
        ),
        Kind.CONFIRM,
        Place.BEFORE,
    ),
    (r"quoted (?:\S+ ){1,3}?as saying", Kind.SAY, Place.WITHIN),
    (r"was (?:stated|said|announced|reported|claimed) (?:\S+ ){0,4}?by", Kind.SAY, Place.AFTER),
    (
        r"(?:was|were|has been|have been|had been) (?:\w+ly )?(?:detained|arrested|charged"
        r"|indicted|convicted|sentenced|sanctioned) (?:\S+ ){0,4}?by",
        Kind.ACT,
        Place.AFTER,
    ),
    (f"(?:{_SAYING})", Kind.SAY, Place.BEFORE),
    (r"according to", Kind.SAY, Place.AFTER),
    (r"(?:a |the )?reports? (?:by|from|in)|(?:an )?interview (?:with|to)", Kind.SAY, Place.AFTER),
    (_ACTS, Kind.ACT, Place.BEFORE),
    (
        r"accus(?:ed|es|ing)|alleg(?:ed|es|ing)|blam(?:ed|es|ing)|condemn(?:ed|s|ing)"
        r"|criticis(?:ed|es|ing)|criticiz(?:ed|es|ing)|charg(?:ed|es) that|slamm(?:ed|ing)",
        Kind.ACCUSE,
        Place.BEFORE,
    ),
]
_COMPILED = [
    (re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE), kind, place)
    for pattern, kind, place in _PATTERNS
]
# Stronger evidence of the stance first; among sayings a verb before a phrase
# ("said" before "in an interview with"), then the earliest in the sentence.
_RANK = {
    Kind.NONCOMMITTAL: 0,
    Kind.DENY: 1,
    Kind.CONFIRM: 2,
    Kind.ACT: 3,
    Kind.ACCUSE: 3,
    Kind.SAY: 4,
}
PHRASES = re.compile(r"(?:a |the |an )?(?:according|reports?|interview)\b", re.IGNORECASE)
# "made similar statements", "reiterated": the stance of the speaker's last statement.
ECHO = re.compile(r"similar|reiterat|repeat", re.IGNORECASE)


ADJECTIVAL = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|this|these|those|such)|[’']s)\s+$", re.IGNORECASE
)


def find_cues(sentence: str) -> list[Cue]:
    """Every cue in a sentence, in sentence order, without overlaps (the stronger kind
    wins where two overlap: "neither confirmed nor denied" is one noncommittal cue)."""
    found: list[Cue] = []
    for pattern, kind, place in _COMPILED:
        for match in pattern.finditer(sentence):
            # A capital inside a sentence is a name or a headline ("United States",
            # "U.S. Says"), not a verb.
            if match.start() > 0 and match.group()[0].isupper():
                continue
            # "Moscow's alleged deal", "the claimed involvement": a participle used as an
            # adjective hedges a noun; nobody alleges anything in the sentence.
            if ADJECTIVAL.search(sentence, 0, match.start()) and match.group().lower().endswith(
                "ed"
            ):
                continue
            cue = Cue(match.start(), match.end(), match.group(), kind, place)
            if not any(cue.start < other.end and other.start < cue.end for other in found):
                found.append(cue)
    return sorted(found, key=lambda cue: cue.start)


def main_cue(cues: list[Cue]) -> Cue | None:
    """The cue that sets the sentence's stance."""
    return min(
        cues,
        key=lambda cue: (_RANK[cue.kind], bool(PHRASES.match(cue.text)), cue.start),
        default=None,
    )
