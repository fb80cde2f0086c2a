"""The stance an attribution takes, from its cue and the words around it: "denied" is a
denial, "did not deny" is not, "said ... no evidence" is one, "neither confirmed nor
denied" is noncommittal."""

from __future__ import annotations

import re

from assistant.proposals.cues import Cue, Kind, find_cues, main_cue
from claims.models.choices import Stance

# A negation just before the cue turns a denial or a confirmation into neither:
# "did not deny", "has never confirmed", "Neither Moscow nor Tehran confirmed".
NEGATED = re.compile(
    r"(?:\b(?:not|never|no one|nobody)|n[’']t)\s+(?:\w+\s+){0,2}$|\bneither\b.*\bnor\b[^,;]*$",
    re.IGNORECASE,
)
# "Not only", "not just", and a negated reporting verb ("the authorities didn't admit
# it") deny nothing themselves.
_NOT_DENIALS = r"(?:only|just|least|yet|far|long|admit|confirm|acknowledge|say|comment|deny|know)\b"
# What was said denies the proposition: "there was no evidence", "We have not supplied
# weapons", "unfounded". "Not only ... but also" and "not just" are no denial.
DENIAL_WORDS = re.compile(
    r"\b(?:no evidence|not true|untrue|unfounded|baseless|groundless|false|fake|"
    r"disinformation|lies|a lie|fabricat\w*|propaganda|nonsense|no such|nothing to do with|"
    r"no (?:indications?|signs?|signals?|proof|reason to believe)|"
    r"(?:is|are|was|were|has|have|had) no|"
    r"never|no (?:plans?|intention)|nothing\s+wrong|no\s+wrongdoing|"
    r"(?:is|are|was|were) (?:\w+ )?(?:wrong|incorrect|inaccurate)(?![\w-])|not (?!"
    + _NOT_DENIALS
    + r")\w+)|"
    r"\w+n[’']t (?!" + _NOT_DENIALS + r")",
    re.IGNORECASE,
)
DIRECT_STANCES = {
    Kind.DENY: Stance.DENIED,
    Kind.CONFIRM: Stance.CONFIRMED,
    Kind.NONCOMMITTAL: Stance.NONCOMMITTAL,
    Kind.ACT: Stance.ASSERTED,
    Kind.ACCUSE: Stance.ASSERTED,
}


def stance_of(sentence: str, cue: Cue, said: str) -> str:
    """The stance of the attribution `cue` in `sentence`; `said` is what the speaker
    is reported to have said (the quotation or the reported clause)."""
    negated = bool(NEGATED.search(sentence[: cue.start]))
    if cue.kind in (Kind.DENY, Kind.CONFIRM):
        return Stance.NONCOMMITTAL if negated else DIRECT_STANCES[cue.kind]
    if cue.kind in DIRECT_STANCES:
        return DIRECT_STANCES[cue.kind]
    if negated:  # "did not say", "would not say whether"
        return Stance.NONCOMMITTAL
    # What was said may carry its own stance: "UTi can confirm that ...", "De La Rue
    # categorically refutes ...", "I can't comment on ...".
    own = [c for c in find_cues(said) if c.kind in (Kind.DENY, Kind.CONFIRM, Kind.NONCOMMITTAL)]
    # A negated one ("the authorities didn't admit it") is no stance of the speaker's.
    own = [c for c in own if not NEGATED.search(said[: c.start])]
    spoken = main_cue(own)
    if spoken is not None:
        return DIRECT_STANCES[spoken.kind]
    return Stance.DENIED if DENIAL_WORDS.search(said) else Stance.ASSERTED


# A claim that is itself a negative proposition ("Tanzania withheld the samples", "X
# failed to disclose the gifts"): saying "has not made the samples available" or "never
# disclosed" agrees with it.
NEGATIVE_CLAIM = re.compile(
    r"\b(?:not|never|no|fail(?:ed|s)?|refus(?:ed|es)|withh[eo]ld\w*|hid|hidden|hides?"
    r"|conceal\w*|lack\w*|without)\b|n[’']t\b",
    re.IGNORECASE,
)
# Words that call the proposition false, whatever its polarity.
FALSEHOOD = re.compile(
    r"\b(?:no evidence|not true|untrue|unfounded|baseless|groundless|false|fake|"
    r"disinformation|lies|a lie|fabricat\w*|propaganda|nonsense)\b",
    re.IGNORECASE,
)


# What was said is about the speaker itself ("said it held talks"): an admission.
SELF = re.compile(r"\W*(?:that\s+)?(?:it|we|i|he|she|they)\b", re.IGNORECASE)
NEGATION_SCOPE = re.compile(r"(?:\b(?:not|never|no)|n[’']t)\s+((?:[\w-]+\s+){0,4}[\w-]+)", re.I)


def stance_on(claim_text: str, stance: str, cue: Cue, said: str, actor_name: str = "") -> str:
    """The stance on one claim: a negation in what was said denies a positive claim,
    and asserts a negative one when it negates the claim's own words; a party the claim
    is about that asserts it confirms it ("UTi said it held talks" on "UTi and DSV have
    held talks")."""
    if (
        stance == Stance.ASSERTED
        and cue.kind is Kind.SAY
        and SELF.match(said)
        and _is_subject(actor_name, claim_text)
    ):
        return Stance.CONFIRMED
    if stance != Stance.DENIED or cue.kind is not Kind.SAY or not NEGATIVE_CLAIM.search(claim_text):
        return stance
    if FALSEHOOD.search(said) or any(c.kind is Kind.DENY for c in find_cues(said)):
        return stance
    claim_stems = {w[:5] for w in re.findall(r"\w{4,}", claim_text.casefold())}
    negated = " ".join(m.group(1) for m in NEGATION_SCOPE.finditer(said)).casefold()
    if not claim_stems & {w[:5] for w in re.findall(r"\w{4,}", negated)}:
        return stance
    return Stance.ASSERTED


def _is_subject(name: str, claim_text: str) -> bool:
    """The claim's subject is `name`, alone or coordinated ("UTi Worldwide and DSV")."""
    subject = CLAIM_SUBJECT.match(claim_text)
    if not name or subject is None:
        return False
    conjuncts = re.split(r"\s+and\s+", re.sub(r"^The\s+", "", subject.group(1)))
    return name in conjuncts


CLAIM_SUBJECT = re.compile(r"((?:[A-Z][\w.’'&/-]*|and)(?:\s+(?:[A-Z][\w.’'&/-]*|and))*)\s+[a-z]")
