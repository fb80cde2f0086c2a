"""One call: an article in, its proposals out, in body order.

The names, aliases and claims are loaded once per call (a few queries whatever the
article's length); each sentence is then read without the database: its cue, the
speaker, what was said, the stance, the claim, the date; the statements the proposals
would join are found at the end in one query."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.proposals import dates, spans
from assistant.proposals.claims import ClaimIndex
from assistant.proposals.cues import ECHO, Cue, Kind, find_cues, main_cue
from assistant.proposals.directory import load_directory
from assistant.proposals.joining import Candidate, joined_statements
from assistant.proposals.proposal import Proposal
from assistant.proposals.sentences import sentence_spans
from assistant.proposals.speakers import Attribution, SpeakerFinder, speaker_region
from assistant.proposals.stance import stance_of

# How sure a proposal is, from what supports it (added up, at most 1).
BY_CUE = {
    Kind.DENY: 0.35,
    Kind.CONFIRM: 0.3,
    Kind.NONCOMMITTAL: 0.35,
    Kind.SAY: 0.3,
    Kind.ACT: 0.25,
}
KNOWN_ACTOR = 0.2
EXISTING_CLAIM = 0.4  # times the claim's similarity
ANAPHORIC = 6  # what was said has fewer words than this: "This was stated", "denied this"


@dataclass
class Reading:
    """What one sentence holds, before the proposals are made from it."""

    start: int  # the sentence's offset in the body
    sentence: str
    cue: Cue
    attribution: Attribution
    said: str
    stance: str
    quote: tuple[int, int]


def propose(article) -> list[Proposal]:
    body = article.body
    published_on = article.published_on
    directory = load_directory()
    claims = ClaimIndex.load()
    finder = SpeakerFinder(directory)
    drafts: list[dict] = []
    previous_when: dates.When | None = None
    previous_sentence = ""
    previous_actor = None
    earlier: dict = {}  # the last draft of each actor
    for s_start, s_end in sentence_spans(body):
        sentence = body[s_start:s_end]
        reading = _read(finder, s_start, sentence)
        if reading is None:
            finder.observe(sentence)
            previous_sentence = sentence
            continue
        attribution = reading.attribution
        when = dates.date_of(sentence, reading.cue.start, published_on, previous_when)
        if when is None:
            # The same speaker going on ("Patel said." after "said on Tuesday") spoke then.
            same = previous_when is not None and previous_actor == attribution.actor
            when = previous_when if same else dates.publication_month(published_on)
        # "This was stated by ...", "denied this": the proposition is the previous sentence's.
        about = reading.said
        if len(about.split()) < ANAPHORIC:
            about = f"{previous_sentence} {about}"
        # The sentence before often names what "the information" or "these efforts" are.
        chosen = claims.claims_of(f"{sentence} {about}", about, context=previous_sentence)
        echoed = earlier.get(attribution.actor) if ECHO.search(reading.cue.text) else None
        if echoed is not None:
            # "made similar statements", "reiterated": what the speaker said before.
            reading.stance = echoed["stance"]
            chosen = [(echoed["claim"], 1.0)]
        for claim, similarity in chosen:
            confidence = BY_CUE[reading.cue.kind]
            confidence += KNOWN_ACTOR if attribution.actor.slug else 0.0
            confidence += EXISTING_CLAIM * similarity if claim.slug else 0.0
            q_start, q_end = reading.quote
            drafts.append(
                {
                    "start": s_start + q_start,
                    "end": s_start + q_end,
                    "text": body[s_start + q_start : s_start + q_end],
                    "actor": attribution.actor.proposed(),
                    "speaker": attribution.speaker.proposed() if attribution.speaker else None,
                    "stance": reading.stance,
                    "claim": claim,
                    "made_on": when.made_on,
                    "made_on_precision": str(when.precision),
                    "date_wording": when.wording,
                    "confidence": min(1.0, confidence),
                    "cue": reading.cue.text,
                }
            )
        earlier[attribution.actor] = drafts[-1]
        finder.remember(attribution, sentence)
        if when.wording:
            previous_when = when
        previous_actor = attribution.actor
        previous_sentence = sentence
    joins = joined_statements([_candidate(d) for d in drafts])
    return [
        Proposal(**draft, joins_statement=join) for draft, join in zip(drafts, joins, strict=True)
    ]


def _read(finder: SpeakerFinder, s_start: int, sentence: str) -> Reading | None:
    quotes = spans.quotations(sentence)
    masked = spans.masked(sentence, quotes)
    cue = main_cue(find_cues(masked))
    if cue is None:
        return None
    attribution = finder.attribution(sentence, cue, quotes)
    if attribution is None:
        return None
    region = speaker_region(sentence, cue, quotes)
    spoken = spans.direct_speech(sentence, quotes, cue.start, cue.end)
    if spoken is not None:
        said = sentence[spoken[0] : spoken[1]]
        quote = spoken
    else:
        # Reported speech: what is neither the speaker nor the cue.
        if region[0] >= cue.end:
            said = sentence[: cue.start] + " " + sentence[region[1] :]
        else:
            said = sentence[cue.end :]
        quote = spans.trimmed(sentence, 0, len(sentence))
    stance = stance_of(masked, cue, said)
    return Reading(s_start, sentence, cue, attribution, said.strip(), stance, quote)


def _candidate(draft: dict) -> Candidate | None:
    actor, claim = draft["actor"], draft["claim"]
    if actor.slug is None or claim.slug is None:
        return None
    return Candidate(actor.slug, claim.slug, draft["stance"], draft["made_on"])
