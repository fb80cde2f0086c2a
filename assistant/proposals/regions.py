"""Where in a sentence the speaker of a cue is named: before an active verb ("Peskov
said"), after an inverted one (", said Kremlin aide Yury Ushakov"), after "according
to"; for a participle ("..., denying a report") the sentence's subject."""

from __future__ import annotations

import re

from assistant.proposals.cues import Cue, Place

INVERTED_BEFORE = re.compile(r"[,”\"’]\s*$")
# A word that makes a clause of the words around it.
VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|did|does|do|could|should|can|may"
    r"|might|must)\b|\b[a-z]\w{2,}ed\b"
)
# "NAIROBI (Reuters) – ", "NEW DELHI - ", "Dec 3 " before the first sentence.
DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,}(?:\([^)]{1,40}\))?\s*[–—-]\s+")
RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|where)\b", re.IGNORECASE)
OBJECT_RELATIVE = re.compile(r"\b(?:which|whom)\s+(?=(?:[\w.’'&-]+\s+){0,4}$)", re.I)
CLAUSE_END = re.compile(r",\s|\bthat\b|[;:!?](?:\s|$)|[“\"]")


def speaker_region(
    sentence: str,
    cue: Cue,
    quotes: list[tuple[int, int]],
    subject_end: int | None = None,
    *,
    wide: bool = False,
) -> tuple[int, int]:
    """The part of the sentence that names the speaker of `cue`; for a participle
    ("..., denying a report") the sentence's subject, before `subject_end`."""
    if subject_end is not None:  # where the main verb ("said") stands
        cue = Cue(subject_end, subject_end, "", cue.kind, Place.BEFORE)
    after_end = _clause_end(sentence, cue.end)
    if cue.place is Place.AFTER:
        return cue.end, after_end
    if cue.place is Place.WITHIN:  # "Sputnik quoted Yury as saying"
        return cue.start, cue.end
    before = sentence[: cue.start]
    after = sentence[cue.end : after_end]
    # ", said Kremlin aide Yury Ushakov" and "” said Peskov": the speaker follows, after
    # a quotation or a clause of its own ("Putin did not discuss drones, said ..."), not
    # after an apposition ("The head of the commission, Chrisologue Karangwa, accuses").
    # A participle ("..., denying a report") has the sentence's subject.
    inverted = (
        INVERTED_BEFORE.search(before)
        and not cue.text.lower().endswith("ing")
        and re.match(r"\s*(?:the\s+|a\s+|an\s+)?[A-Z]", after)
        and not VERB.search(after)
        and (re.search(r"[”\"’]\s*$", before) or VERB.search(before))
    )
    if inverted:
        return cue.end, after_end
    start = DATELINE.match(sentence).end() if DATELINE.match(sentence) else 0
    for _, q_end in quotes:  # after a quotation that ends before the cue
        if q_end <= cue.start:
            start = max(start, q_end)
    # After a dateline or a label: "Washington D.C./26.07.23/Turan: The State Department said"
    colon = before.rfind(": ")
    start = max(start, colon + 1)
    # "... plants in Iowa which Tate claimed": the subject of a relative clause is the
    # few words after its pronoun, not the names of the clause it hangs on.
    relative = OBJECT_RELATIVE.search(before, start)
    if relative:
        start = relative.end()
    if wide:
        return start, cue.start
    # After the clause the speaker closes: "There are no signs of cases, a WHO official said";
    # a relative clause is no such clause ("Melgen, who lives in Florida, also pleaded").
    commas = [m.end() for m in re.finditer(r",\s", before)]
    for n in range(len(commas) - 1, -1, -1):
        boundary, previous = commas[n], commas[n - 1] if n else start
        relative = RELATIVE.match(before, previous)
        if boundary > start and not relative and VERB.search(before, start, boundary):
            return boundary, cue.start
    return start, cue.start


def _clause_end(sentence: str, start: int) -> int:
    match = CLAUSE_END.search(sentence, start + 1)
    return match.start() if match else len(sentence)
