"""Who an attribution is by: the actor whose position it is and the person who spoke.

The speaker is looked for where English puts it for the cue: before an active verb
("Peskov said"), after an inverted one (", said Kremlin aide Yury Ushakov"), after
"according to" or "a report by". A named person known by any alias wins over the state
in their title; an unknown name after a title is a new person, speaking for the state or
organisation the title names ("British Foreign Secretary James Cleverly")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.proposals import places
from assistant.proposals.cues import Cue, Place
from assistant.proposals.directory import Directory, Known, demonym_words, title_words
from assistant.proposals.words import INSTITUTION_HEADS, NOT_NAMES, TITLES
from claims.models.choices import ActorKind

# A name: capitalised words (two letters at least, or an initial), with the particles
# names carry ("bin", "de", "al-").
NAME_WORD = r"(?:[A-Z](?=[\w’'-]*[a-z])[\w’'-]+|[A-Z]\.|al-[A-Z][\w-]*)"
NAME = re.compile(
    r"(?<![\w.])" + NAME_WORD + r"(?:\s+(?:(?:bin|de|van|von|da|di|le|la)\s+)?" + NAME_WORD + r")*"
)
PRONOUN = re.compile(
    r"\b(?:he|she|him|her)\b(?:\s+\w+ly|\s+also|\s+(?:can|could|would|will|may|might|must"
    r"|should|has|had|have|did|does|do|was|is)(?:\s+not|n[’']t)?)*\s*$",
    re.IGNORECASE,
)
PRONOUN_AFTER = re.compile(r"^\s*(?:him|her)\b", re.IGNORECASE)
INVERTED_BEFORE = re.compile(r"[,”\"’]\s*$")
# A media outlet named in a sentence ("The Kyiv Independent", "Reuters").
NEWSPAPER = re.compile(
    r"(?:The\s+)?(?:[A-Z][\w-]+\s+){0,3}(?:" + "|".join(places.NEWSPAPER_WORDS) + r")\b"
    r"|\b(?:" + "|".join(re.escape(name) for name in places.NEWS_AGENCIES) + r")\b"
)
RANK = {"known person": 0, "title": 0, "media": 1, "new person": 2, "new media": 2, "body": 3}
# "American journalists", "the newspaper", "the media": the outlet last named.
GENERIC_MEDIA = re.compile(
    r"\b(?:journalists|media|newspaper|reporters|the paper|the outlet)\b", re.I
)


# A word that makes a clause of the words around it.
VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|did|does|do|could|should|can|may"
    r"|might|must)\b|\b[a-z]\w{2,}ed\b"
)
# "NAIROBI (Reuters) – ", "NEW DELHI - ", "Dec 3 " before the first sentence.
DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,}(?:\([^)]{1,40}\))?\s*[–—-]\s+")
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
RECENT_BODIES = 12  # the states and organisations "the company" may refer back to
RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|where)\b", re.IGNORECASE)
TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(map(re.escape, TITLES)) + r")\W*$", re.I)
CLAUSE_END = re.compile(r",\s|\bthat\b|[;:!?](?:\s|$)|[“\"]")


@dataclass(frozen=True)
class Attribution:
    actor: Known
    speaker: Known | None

    @property
    def person(self) -> Known | None:
        """The person who spoke, for "he said" in a later sentence."""
        if self.speaker is not None:
            return self.speaker
        return self.actor if self.actor.kind == ActorKind.PERSON else None


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


class SpeakerFinder:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.demonyms = demonym_words()
        self.last_person: Known | None = None
        self.last_media: Known | None = None
        self.last_body: Known | None = None
        # The states and organisations named lately, the most salient first: the last
        # attribution's actor, then each sentence's subject before its other mentions.
        self.bodies: list[Known] = []
        self.new_people: dict[str, Known] = {}

    def attribution(
        self,
        sentence: str,
        cue: Cue,
        quotes: list[tuple[int, int]],
        subject_end: int | None = None,
    ) -> Attribution | None:
        start, end = speaker_region(sentence, cue, quotes, subject_end)
        found = self._found(sentence[start:end], start >= cue.end)
        if found is None:  # the clause named no one: the whole of the sentence before the cue
            start, end = speaker_region(sentence, cue, quotes, subject_end, wide=True)
            found = self._found(sentence[start:end], start >= cue.end)
        if found is None:
            return None
        return self._as_attribution(found)

    def named(self, region: str) -> Attribution | None:
        """Who a few words name ("a Bloomberg", "the US president's"), no pronoun."""
        found = self._best(region)
        return None if found is None else self._as_attribution(found)

    def _found(self, region: str, after_cue: bool) -> Known | None:
        # The noun phrase next to the verb is its subject; the names before it are
        # appositions ("... from Salomon Melgen, a Florida doctor, the Justice Department
        # said").
        tail = region.rsplit(", ", 1)[-1] if not after_cue and ", " in region else ""
        found = (self._best(tail) if tail.strip() else None) or self._best(region)
        # "American journalists", "the newspaper": the outlet last named, unless one is named.
        bodily = found is None or found.kind in (ActorKind.STATE, ActorKind.ORGANISATION)
        if bodily and GENERIC_MEDIA.search(region) and self.last_media is not None:
            found = self.last_media
        if found is None:
            found = self._referred_body(region)
        if found is None and self.last_person is not None:
            pronoun = PRONOUN_AFTER if after_cue else PRONOUN
            # "he said", or the first name alone ("Sputnik quoted Yury as saying").
            named = set(self.last_person.name.split()) & set(re.findall(r"[\w’'-]+", region))
            if pronoun.search(region) or named:
                found = self.last_person
        return found

    def remember(self, attribution: Attribution, sentence: str) -> None:
        """After a sentence with an attribution: its speaker is "he" or "she" next."""
        self.observe(sentence)
        if attribution.person is not None:
            self.last_person = attribution.person
        if attribution.actor.kind == ActorKind.MEDIA:
            self.last_media = attribution.actor
        elif attribution.actor.kind != ActorKind.PERSON:
            self.last_body = attribution.actor
            self._salient(attribution.actor)

    def observe(self, sentence: str) -> None:
        """After any sentence: the last person it names is "he" or "she" next, the last
        outlet "the newspaper"."""
        named = self.directory.mentions(sentence)
        # Centering: the subject, named first, is the likeliest antecedent of "it".
        for _, _, known in reversed(named):
            if known.kind in (ActorKind.STATE, ActorKind.ORGANISATION):
                self._salient(known)
        people = [k for _, _, k in named if k.kind == ActorKind.PERSON]
        if people:
            self.last_person = people[-1]
        media = [k for _, _, k in named if k.kind == ActorKind.MEDIA]
        if media:
            self.last_media = media[-1]

    def _salient(self, known: Known) -> None:
        self.bodies = [known, *(b for b in self.bodies if b != known)][:RECENT_BODIES]

    def _referred_body(self, region: str) -> Known | None:
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
            return self.last_body
        kind = BODY_WORDS.get(noun)
        for known in self.bodies:
            if kind is not None and known.kind != kind:
                continue
            head = known.name.split()[-1].casefold() if known.name else ""
            if head in INSTITUTION_HEADS and not head.startswith(noun[:5]):
                continue
            return known
        return None

    def _as_attribution(self, found: Known) -> Attribution:
        if found.kind == ActorKind.PERSON and found.speaks_for is not None:
            return Attribution(found.speaks_for, found)
        return Attribution(found, None)

    def _best(self, region: str) -> Known | None:
        candidates: list[tuple[int, int, Known]] = []  # rank, distance from the cue, who
        mentions = self.directory.mentions(region)
        named = [(s, e) for s, e, k in mentions if k.kind in (ActorKind.PERSON, ActorKind.MEDIA)]
        papers = [
            match
            for match in NEWSPAPER.finditer(region)
            if not any(s < match.end() and match.start() < e for s, e in named)
        ]
        # "The Kyiv Independent" names an outlet, not Ukraine.
        mentions = [
            (s, e, k)
            for s, e, k in mentions
            if not any(p.start() <= s and e <= p.end() for p in papers)
        ]
        for _, m_end, known in mentions:
            rank = {
                ActorKind.PERSON: "known person" if known.slug else "new person",
                ActorKind.MEDIA: "media",
            }.get(known.kind, "body")
            candidates.append((RANK[rank], len(region) - m_end, known))
        covered = [(s, e) for s, e, _ in mentions] + [(p.start(), p.end()) for p in papers]
        for match in NAME.finditer(region):
            person = self._new_person(region, match, covered, mentions)
            if person is not None:
                candidates.append((RANK["new person"], len(region) - match.end(), person))
        for match in papers:
            outlet = Known(None, match.group().strip(), ActorKind.MEDIA)
            candidates.append((RANK["new media"], len(region) - match.end(), outlet))
        titled = self.directory.titled(title_words(region, self.demonyms))
        if titled is not None:
            candidates.append((RANK["title"], len(region), titled))
        if not candidates:
            return None
        return min(candidates, key=lambda c: (c[0], c[1]))[2]

    def _new_person(self, region, match, covered, mentions) -> Known | None:
        words = match.group().split()
        offset = match.start()
        # Leading titles, demonyms and sentence openers are not part of the name.
        while words and (
            words[0].casefold().rstrip(",") in TITLES
            or words[0].casefold() in NOT_NAMES
            or self.directory.names.get(words[0].rstrip(".’'s")) is not None
        ):
            offset += len(words[0]) + 1
            words = words[1:]
        while words and (words[-1].casefold() in NOT_NAMES or words[-1].casefold() in TITLES):
            words = words[:-1]
        if not words:
            return None
        end = offset + len(" ".join(words))
        if any(s < end and offset < e for s, e in covered):
            return None
        titled = offset > match.start() or TITLE_BEFORE.search(region[:offset])
        if len(words) < 2 and not titled:
            return None
        if any(w.casefold() in TITLES or w.casefold() in NOT_NAMES for w in words):
            return None
        # "Dominican-born Florida", "Florida" alone: places, not a name.
        if any("-born" in w or w.rstrip(".,’'s") in self.directory.names for w in words):
            return None
        name = " ".join(words).rstrip(".,’'")
        if name in self.new_people:
            return self.new_people[name]
        # The state or organisation in the title before the name speaks through them.
        body = next(
            (
                known
                for s, e, known in reversed(mentions)
                if e <= offset and known.kind in (ActorKind.STATE, ActorKind.ORGANISATION)
            ),
            None,
        )
        person = Known(None, name, ActorKind.PERSON, body)
        self.new_people[name] = person
        # Later sentences name them by surname ("Cleverly said").
        if len(words) >= 2:
            self.directory.add(words[-1], person)
        self.directory.add(name, person)
        return person
