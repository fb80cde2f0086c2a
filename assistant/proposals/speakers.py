"""Who an attribution is by: the actor whose position it is and the person who spoke.

The speaker is looked for where English puts it for the cue: before an active verb
("Peskov said"), after an inverted one (", said Kremlin aide Yury Ushakov"), after
"according to" or "a report by". A named person known by any alias wins over the state
in their title; an unknown name after a title is a new person, speaking for the state or
organisation the title names ("British Foreign Secretary James Cleverly")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.proposals import coreference, places
from assistant.proposals.cues import Cue
from assistant.proposals.directory import (
    Directory,
    Known,
    demonym_words,
    title_set,
    title_words,
)
from assistant.proposals.regions import speaker_region
from assistant.proposals.words import NOT_NAMES, TITLES
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


RECENT_BODIES = 12  # the states and organisations "the company" may refer back to
TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(map(re.escape, TITLES)) + r")\W*$", re.I)


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
        # The people and bodies the whole article names, for "the minister" and "the jury"
        # (scan), and the people named so far, the last first.
        self.article_people: list[Known] = []
        self.article_bodies: list[Known] = []
        self.people: list[Known] = []

    def scan(self, body: str) -> None:
        """Before the first sentence: whom the article names anywhere."""
        named = [k for _, _, k in self.directory.mentions(body)]
        self.article_people = list(dict.fromkeys(k for k in named if k.kind == ActorKind.PERSON))
        self.article_bodies = list(
            dict.fromkeys(k for k in named if k.kind in (ActorKind.STATE, ActorKind.ORGANISATION))
        )

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
        found = self._described(tail or region, after_cue)
        found = found or (self._best(tail) if tail.strip() else None) or self._best(region)
        # "American journalists", "the newspaper": the outlet last named, unless one is named.
        bodily = found is None or found.kind in (ActorKind.STATE, ActorKind.ORGANISATION)
        if bodily and GENERIC_MEDIA.search(region) and self.last_media is not None:
            found = self.last_media
        if found is None:
            found = coreference.court(region, self.article_bodies)
        if found is None:
            found = coreference.referred_body(region, self.bodies, self.last_body)
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
            self._recent(attribution.person)
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
        for person in people:
            self._recent(person)
        media = [k for _, _, k in named if k.kind == ActorKind.MEDIA]
        if media:
            self.last_media = media[-1]

    def _recent(self, person: Known) -> None:
        self.people = [person, *(p for p in self.people if p != person)]

    def _described(self, region: str, after_cue: bool) -> Known | None:
        """ "the minister said", "said the Minister", "the Ambah MLA said": a person of
        the article whose title fits, unless the words name someone themselves ("a
        senior EU official")."""
        if self.directory.mentions(region[-60:] if not after_cue else region[:60]):
            return None
        people = list(dict.fromkeys([*self.people, *self.article_people]))
        titled = [
            (p, self.directory.descriptions[p]) for p in people if p in self.directory.descriptions
        ]
        return coreference.described_person(region, after_cue, titled)

    def _salient(self, known: Known) -> None:
        self.bodies = [known, *(b for b in self.bodies if b != known)][:RECENT_BODIES]

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
        title = title_set(region[max(0, offset - 80) : offset].rsplit(",", 1)[-1])
        if title:
            self.directory.descriptions[person] = title
        # Later sentences name them by surname ("Cleverly said").
        if len(words) >= 2:
            self.directory.add(words[-1], person)
        self.directory.add(name, person)
        return person
