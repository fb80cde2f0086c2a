"""What one sentence holds for the proposals: each attribution in it, with its cue, who
made it, what was said, the stance and the span to quote. Usually one; two when a
participle adds a stance of its own ("UTi said it held talks, denying a report that
they were advanced"); one for a sentence that is only a quotation, continuing the
attribution just before it (“...,” Mwalimu told reporters. “There is no outbreak.”)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.proposals import spans
from assistant.proposals.cues import Cue, Kind, Place, find_cues, main_cue
from assistant.proposals.regions import speaker_region
from assistant.proposals.speakers import Attribution, SpeakerFinder
from assistant.proposals.stance import stance_of
from claims.models.choices import Stance

# Participles that take a stance of their own after a saying: "..., denying a report".
STANCE_KINDS = (Kind.DENY, Kind.CONFIRM, Kind.NONCOMMITTAL)
PARTICIPLE_BEFORE = re.compile(r"\b\w+ing\s+$")
# Someone else's words named by a noun: "denying a Bloomberg report that ...", "the US
# president's claim in an interview that ...", "Washington's claims of talks". Their
# owner asserted (or, for a denial, denied) what the that-clause says.
OWNED = re.compile(
    r"\b(?P<noun>reports?|claims?|allegations?|assertions?|accusations?|denials?)\b"
    r"(?P<link>\s+of\b|(?:\s+[\w’'-]+){0,8}?\s+that\b)"
)
OWNER_WORDS = 6  # how far before the noun its owner may stand
# A clause of its own before a cue: "A day after the AAP", ", which AAP", "as Kyiv".
SUBORDINATE = re.compile(
    r"(?:^|[,;]\s*|\b)(?:(?:a|one|two|three) \w+ )?(?:after|before|when|while|since|as|which"
    r"|whereas)\s+(?P<subject>[^,;]{1,60}?)\s*$",
    re.IGNORECASE,
)
DIRECTIVE = re.compile(r"urged|called on|vowed|pledged|promised|threatened", re.IGNORECASE)
PARTICIPLE_AFTER_COMMA = re.compile(r",\s+\w+ing$")
CONTRAST = re.compile(r",?\s+but\s+(?:also\s+|then\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    cue: Cue
    attribution: Attribution
    said: str
    stance: str
    quote: tuple[int, int]  # offsets into the sentence
    # A quotation standing alone after it continues it; not a third party's report.
    speaking: bool = True
    # The words that say the claim, when not the whole sentence (offsets in it).
    scope: tuple[int, int] | None = None


def readings(finder: SpeakerFinder, sentence: str, previous: Reading | None) -> list[Reading]:
    quotes = spans.quotations(sentence)
    masked = spans.masked(sentence, quotes)
    cues = find_cues(masked)
    cue = main_cue(cues)
    if cue is None:
        return _owned(finder, sentence, masked, None) + _continued(sentence, quotes, previous)
    earlier = [c for c in cues if c.end <= cue.start and c.kind is Kind.SAY]
    subject_end = earlier[0].start if earlier and _participle(cue, masked) else None
    attribution = finder.attribution(sentence, cue, quotes, subject_end)
    if attribution is None:
        return _owned(finder, sentence, masked, None)
    # "Kyiv urged Israel to share intelligence": a demand states no proposition.
    if (
        DIRECTIVE.fullmatch(cue.text)
        and spans.direct_speech(sentence, quotes, cue.start, cue.end) is None
    ):
        return _owned(finder, sentence, masked, attribution)
    region = speaker_region(sentence, cue, quotes, subject_end)
    spoken = spans.direct_speech(sentence, quotes, cue.start, cue.end)
    whole = spans.trimmed(sentence, 0, len(sentence))
    if spoken is not None:
        said, quote = sentence[spoken[0] : spoken[1]], spoken
    elif region[0] >= cue.end:  # the speaker after the cue: what was said is around them
        said, quote = sentence[: cue.start] + " " + sentence[region[1] :], whole
    else:  # what comes before the speaker ("There are no signs, a WHO official said")
        said, quote = sentence[: region[0]] + " " + sentence[cue.end :], whole
    found = [Reading(cue, attribution, said.strip(), stance_of(masked, cue, said), quote)]
    if earlier and _participle(cue, masked) and cue.kind in STANCE_KINDS:
        # "X said A, denying B": A is said in its own right.
        first = earlier[0]
        own = sentence[first.end : cue.start]
        # Each says its own proposition: the claims are matched on its own words.
        found[0] = replace(found[0], scope=(cue.start, len(sentence)))
        found.insert(
            0,
            Reading(
                first,
                attribution,
                own.strip(),
                stance_of(masked, first, own),
                quote,
                scope=(0, cue.start),
            ),
        )
    used = {cue, *(earlier[:1] if len(found) > 1 else [])}
    clauses = _clauses(finder, sentence, masked, [c for c in cues if c not in used], found[-1])
    before = [r for r in clauses if r.cue.start < cue.start]
    after = [r for r in clauses if r.cue.start > cue.start]
    return _owned(finder, sentence, masked, attribution) + before + found + after


def _clauses(
    finder: SpeakerFinder, sentence: str, masked: str, others: list[Cue], main: Reading
) -> list[Reading]:
    """Attributions of their own in a clause beside the main one: a subordinate or
    relative clause with its own subject ("A day after the AAP accused X, the company
    refuted ...", "..., which the party alleged was ..."), and a contrasting verb of the
    same subject ("confirmed talks, but said that there were none now")."""
    found = []
    for cue in others:
        # A demand or a promise ("urged the US to cancel") states no proposition.
        if cue.kind is Kind.SAY and (cue.place is not Place.BEFORE or DIRECTIVE.match(cue.text)):
            continue
        before = masked[: cue.start]
        end = _clause_end(masked, cue.end)
        said = sentence[cue.end : end]
        subordinate = SUBORDINATE.search(before)
        if subordinate:
            owner = finder.named(subordinate.group("subject"))
            if owner is None or owner.actor == main.attribution.actor:
                continue
            start = subordinate.start("subject")
            quote = spans.trimmed(sentence, start, end)
            quote = (quote[0], quote[1] - (sentence[quote[1] - 1 : quote[1]] == "."))
            stance = stance_of(masked, cue, said)
            found.append(
                Reading(cue, owner, said.strip(), stance, quote, speaking=False, scope=quote)
            )
        elif (
            cue.start > main.cue.end
            and cue.kind in (Kind.ACCUSE, *STANCE_KINDS)
            and cue.kind is not main.cue.kind
            and PARTICIPLE_AFTER_COMMA.search(masked, 0, cue.end)
        ):
            # "X denied the reports, accusing the paper of ...": the participle's own
            # stance, on its own words.
            said = sentence[cue.end :]
            stance = stance_of(masked, cue, said)
            scope = (cue.start, len(sentence))
            found.append(
                Reading(cue, main.attribution, said.strip(), stance, main.quote, scope=scope)
            )
        elif CONTRAST.search(before) and cue.start > main.cue.end:
            said = sentence[cue.end :]
            stance = stance_of(masked, cue, said)
            if stance != main.stance:
                found.append(Reading(cue, main.attribution, said.strip(), stance, main.quote))
    return found


def _clause_end(masked: str, start: int) -> int:
    match = re.search(
        r",\s+(?!(?:which|who|that)\b)(?=\w+\s+\w+)|;|(?<![A-Z])\.\s|\.$", masked[start:]
    )
    return start + match.start() if match else len(masked)


def _owned(
    finder: SpeakerFinder, sentence: str, masked: str, attribution: Attribution | None
) -> list[Reading]:
    """The stance of a third party whose report, claim or denial the sentence names."""
    found = []
    for match in OWNED.finditer(masked):
        before = masked[: match.start("noun")]
        clause = re.split(r"[,;:()“”\"]|\b(?:that|and|but|as)\b", before)[-1]
        region = " ".join(clause.split()[-OWNER_WORDS:])
        named_from = re.search(r"\b(?:the|a|an)\s+(?=[A-Z])|[A-Z]", region)
        region = region[named_from.start() :] if named_from else region
        # Only a named owner ("a Bloomberg report", "Washington's claims"), not "the reports".
        if not re.search(r"[A-Z]|[’']s\s*$", region):
            continue
        owner = finder.named(region)
        if owner is None or (attribution is not None and owner.actor == attribution.actor):
            continue
        end = re.search(r"[,;]\s|$", masked[match.end() :]).start() + match.end()
        start = match.start("noun") - len(region) - (len(before) - len(before.rstrip()))
        start, end = spans.trimmed(sentence, max(0, start), end)
        end -= sentence[end - 1 : end] == "."
        said = sentence[match.end() : end]
        noun = match.group("noun").lower()
        kind = Kind.DENY if noun.startswith("denial") else Kind.SAY
        cue = Cue(match.start("noun"), match.end("noun"), match.group("noun"), kind, Place.BEFORE)
        stance = stance_of(masked, cue, "") if kind is Kind.DENY else Stance.ASSERTED
        found.append(
            Reading(
                cue, owner, said.strip(), stance, (start, end), speaking=False, scope=(start, end)
            )
        )
    return found


def _participle(cue: Cue, sentence: str) -> bool:
    """ "..., denying a report", "..., reiterating a denial of reports"."""
    return cue.text.lower().endswith("ing") or bool(
        PARTICIPLE_BEFORE.search(sentence, 0, cue.start)
    )


def continued(sentence: str, speaker: Reading) -> list[Reading]:
    """A sentence that is only a quotation, as the words of `speaker`'s attribution."""
    return _continued(sentence, spans.quotations(sentence), speaker)


def _continued(
    sentence: str, quotes: list[tuple[int, int]], previous: Reading | None
) -> list[Reading]:
    if previous is None or not spans.is_quoted_sentence(sentence, quotes):
        return []
    start, end = spans.trimmed(sentence, quotes[0][0], quotes[-1][1])
    said = sentence[start:end]
    cue = replace(previous.cue, start=0, end=0, text=previous.cue.text, kind=Kind.SAY)
    return [Reading(cue, previous.attribution, said, stance_of("", cue, said), (start, end))]
