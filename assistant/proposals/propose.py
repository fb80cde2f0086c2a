"""One call: an article in, its proposals out, in body order.

The names, aliases and claims are loaded once per call (a few queries whatever the
article's length); each sentence is then read without the database: its cue, the
speaker, what was said, the stance, the claim, the date; the statements the proposals
would join are found at the end in one query."""

from __future__ import annotations

import re

from assistant.proposals import anaphora, dates
from assistant.proposals.claims import ClaimIndex
from assistant.proposals.cues import ECHO, Kind
from assistant.proposals.directory import load_directory
from assistant.proposals.joining import Candidate, joined_statements
from assistant.proposals.proposal import Proposal
from assistant.proposals.readings import Reading, continued, readings
from assistant.proposals.sentences import sentence_spans
from assistant.proposals.speakers import SpeakerFinder
from assistant.proposals.stance import stance_on
from claims.models.choices import Stance

# How sure a proposal is, from what supports it (added up, at most 1), calibrated on
# the two evaluation sets: a cue that states the stance itself ("denied", "declined to
# comment", "accused", an official act) is right nineteen times in twenty; a plain
# saying whose words deny is right about five times in six, one that asserts about two
# times in three; a confirmation read from an assertion about half the time; a
# proposal on no existing claim about one time in four.
BY_CUE = {
    Kind.DENY: 0.6,
    Kind.CONFIRM: 0.35,
    Kind.NONCOMMITTAL: 0.6,
    Kind.SAY: 0.2,
    Kind.ACT: 0.55,
    Kind.ACCUSE: 0.6,
}
SAID_DENIAL = 0.2  # a plain saying whose words deny ("we have no such information")
READ_CONFIRMATION = -0.1  # an assertion about the speaker itself read as a confirmation
KNOWN_ACTOR = 0.1
EXISTING_CLAIM = 0.15  # a claim that exists, plus its similarity times:
SIMILARITY = 0.2
SUMMARY = re.compile(
    r"\b(?:repeatedly|consistently|routinely|time and again|again and again|(?:has|have) long"
    r"|on (?:many|several|numerous|multiple|various) occasions)\b|^\W*(?:Both|Neither)\b",
    re.IGNORECASE,
)
PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?$", re.IGNORECASE)
OPENING_QUOTES = '“"«'
ANAPHORIC = 6  # what was said has fewer words than this: "This was stated", "denied this"


def propose(article) -> list[Proposal]:
    proposer = Proposer(article)
    last: Reading | None = None
    waiting: tuple[int, str] | None = None  # a quotation whose speaker is named next
    proposer.finder.scan(article.body)
    for start, end in sentence_spans(article.body):
        sentence = article.body[start:end]
        found = readings(proposer.finder, sentence, last)
        speaking = [r for r in found if r.speaking]
        if waiting is not None and speaking and sentence[:1] in OPENING_QUOTES:
            # “...” / “...,” Guo said: a quotation standing alone before another one is
            # the words of the speaker the next quotation names.
            for reading in continued(waiting[1], speaking[0]):
                proposer.add(reading, *waiting)
        waiting = None
        if not found:
            proposer.finder.observe(sentence)
            if last is None and sentence[:1] in OPENING_QUOTES:
                waiting = (start, sentence)
        for reading in found:
            proposer.add(reading, start, sentence)
        proposer.previous_sentence = sentence
        last = speaking[-1] if speaking else None
    return proposer.proposals()


class Proposer:
    """What one article's reading remembers from sentence to sentence."""

    def __init__(self, article) -> None:
        self.article = article
        self.finder = SpeakerFinder(load_directory())
        self.claims = ClaimIndex.load()
        self.drafts: list[dict] = []
        self.previous_sentence = ""
        self.previous_when: dates.When | None = None
        self.previous_actor = None
        self.earlier: dict = {}  # each actor's last draft
        self.dated: dict = {}  # each actor's last dated statement

    def add(self, reading: Reading, start: int, sentence: str) -> None:
        attribution = reading.attribution
        published_on = self.article.published_on
        cue = reading.cue
        when = dates.date_of(sentence, cue.start, published_on, self.previous_when, cue.end)
        if when is None and SUMMARY.search(sentence):
            # "Moscow and Tehran have repeatedly denied ...": the outlet's summary of
            # statements made at no one time, not a statement to date.
            self.finder.remember(attribution, sentence)
            return
        if when is None and PLUPERFECT.search(sentence, 0, reading.cue.start):
            # "had conceded", "had sued": before the time the article reports.
            when = dates.publication_month(published_on)
        if when is None:
            # The same speaker going on ("Patel said." after "said on Tuesday") spoke then;
            # a speaker dated earlier in the article, undated now, is still on that day.
            same = self.previous_when is not None and self.previous_actor == attribution.actor
            when = (
                (self.previous_when if same else None)
                or self.dated.get(attribution.actor)
                or dates.publication_month(published_on)
            )
        # "This was stated by ...", "denied this": the proposition is the previous sentence's.
        about = reading.said
        if len(about.split()) < ANAPHORIC:
            about = f"{self.previous_sentence} {about}"
        # The sentence before often names what "the information" or "these efforts" are.
        # "The company said it does not supply ...": the actor is named by a pronoun or a
        # noun, and a claim about it names it; its name joins the words matched.
        own = sentence[slice(*reading.scope)] if reading.scope else sentence
        chosen = self.claims.claims_of(
            f"{own} {about} {attribution.actor.name}", about, context=self.previous_sentence
        )
        stance = reading.stance
        referent = anaphora.referent(sentence, reading.cue, reading.said)
        owner = None
        if referent is not None and referent.owner:
            named = self.finder.named(referent.owner)
            owner = named.actor.proposed() if named is not None else None
        echoed = self.earlier.get(attribution.actor) if ECHO.search(reading.cue.text) else None
        if referent is not None:
            echoed = None
        if echoed is not None:
            # "made similar statements", "reiterated": what the speaker said before.
            stance, chosen = echoed["stance"], [(echoed["claim"], 1.0)]
        q_start, q_end = start + reading.quote[0], start + reading.quote[1]
        for claim, similarity in chosen:
            on_claim = (
                stance_on(claim.text, stance, reading.cue, reading.said, attribution.actor.name)
                if claim.slug and echoed is None
                else stance
            )
            confidence = BY_CUE[reading.cue.kind]
            if reading.cue.kind is Kind.SAY:
                confidence += SAID_DENIAL if on_claim == Stance.DENIED else 0.0
                confidence += READ_CONFIRMATION if on_claim == Stance.CONFIRMED else 0.0
            confidence += KNOWN_ACTOR if attribution.actor.slug else 0.0
            confidence += EXISTING_CLAIM + SIMILARITY * min(1.0, similarity) if claim.slug else 0.0
            self.drafts.append(
                {
                    "start": q_start,
                    "end": q_end,
                    "text": self.article.body[q_start:q_end],
                    "actor": attribution.actor.proposed(),
                    "speaker": attribution.speaker.proposed() if attribution.speaker else None,
                    "stance": on_claim,
                    "claim": claim,
                    "made_on": when.made_on,
                    "made_on_precision": str(when.precision),
                    "date_wording": when.wording,
                    "confidence": max(0.05, min(1.0, confidence)),
                    "cue": reading.cue.text,
                    "cue_kind": reading.cue.kind,
                    "_refers": referent is not None,
                    "_owner": owner,
                    "_collective": referent is not None and referent.collective,
                }
            )
        self.earlier[attribution.actor] = self.drafts[-1]
        self.finder.remember(attribution, sentence)
        if when.wording:
            self.previous_when = when
            self.dated[attribution.actor] = when
        self.previous_actor = attribution.actor

    def proposals(self) -> list[Proposal]:
        self.drafts = _distinct(anaphora.resolved(self.drafts))
        for draft in self.drafts:
            del draft["_refers"], draft["_owner"], draft["_collective"]
        joins = joined_statements([_candidate(d) for d in self.drafts])
        return [Proposal(**d, joins_statement=j) for d, j in zip(self.drafts, joins, strict=True)]


def _candidate(draft: dict) -> Candidate | None:
    actor, claim = draft["actor"], draft["claim"]
    if actor.slug is None or claim.slug is None:
        return None
    return Candidate(actor.slug, claim.slug, draft["stance"], draft["made_on"])


def _distinct(drafts: list[dict]) -> list[dict]:
    """Where one passage gives an actor a plain saying and a stance cue of its own on
    one claim ("X said A, denying B", both about the same claim), the cue's stance
    stands and the plain assertion goes; and no two proposals are the same."""
    stated = {
        (d["start"], d["end"], d["actor"], d["claim"]) for d in drafts if d["cue_kind"] != Kind.SAY
    }
    result, seen = [], set()
    for draft in drafts:
        key = (draft["start"], draft["end"], draft["actor"], draft["claim"])
        plain = draft["cue_kind"] == Kind.SAY and draft["stance"] == "asserted"
        if (plain and key in stated) or (*key, draft["stance"]) in seen:
            continue
        seen.add((*key, draft["stance"]))
        result.append(draft)
    for draft in result:
        del draft["cue_kind"]
    return result
