"""Every name an actor goes by, loaded once per call: the actors and their aliases from
the database, and the states and organisations English names by capital, seat or
demonym (places.py), each pointing at an existing actor or at one to propose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.proposals import places
from assistant.proposals.proposal import ProposedActor
from claims.models import Actor, ActorAlias
from claims.models.choices import ActorKind

WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*", re.UNICODE)
TITLE_STOPWORDS = frozenset(["the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "s"])


TITLE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def title_set(text: str) -> frozenset[str]:
    """The lowercased words of a title or a description, without "the", "of"."""
    return frozenset(
        w.casefold() for w in TITLE_WORD.findall(text) if w.casefold() not in SMALL_WORDS
    )


SMALL_WORDS = frozenset(
    ["the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "by", "with", "from"]
)


@dataclass(frozen=True)
class Known:
    """An existing actor, or a state or organisation to propose (slug None)."""

    slug: str | None
    name: str
    kind: str
    speaks_for: Known | None = None

    def proposed(self) -> ProposedActor:
        speaks_for = None
        if self.speaks_for is not None:
            speaks_for = self.speaks_for.slug or self.speaks_for.name
        return ProposedActor(slug=self.slug, name=self.name, kind=self.kind, speaks_for=speaks_for)


@dataclass
class Directory:
    names: dict[str, Known] = field(default_factory=dict)  # as written, case-sensitive
    titles: list[tuple[frozenset[str], Known]] = field(default_factory=list)
    # Each person's title and description words, for "the minister" (coreference.py).
    descriptions: dict[Known, frozenset[str]] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    def add(self, name: str, known: Known, *, replace: bool = False) -> None:
        name = name.strip()
        if len(name) < 2:
            return
        if replace or name not in self.names:
            self.names[name] = known
            self.pattern = None
        # "the Kremlin" is written "Kremlin" after "the"; a lowercase form is kept only
        # for names that are never ordinary words when lowercased.

    def compiled(self) -> re.Pattern[str]:
        if self.pattern is None:
            forms = sorted(self.names, key=len, reverse=True)
            self.pattern = re.compile(
                r"(?<![\w.-])(?:" + "|".join(re.escape(form) for form in forms) + r")(?![\w-])"
            )
        return self.pattern

    def mentions(self, text: str) -> list[tuple[int, int, Known]]:
        if not self.names:
            return []
        return [(m.start(), m.end(), self.names[m.group()]) for m in self.compiled().finditer(text)]

    def titled(self, words: frozenset[str]) -> Known | None:
        """The person whose title ("Iranian Foreign Ministry spokesman") the words hold."""
        best = None
        for title, person in self.titles:
            if title <= words and (best is None or len(title) > len(best[0])):
                best = (title, person)
        return best[1] if best else None


def title_words(text: str, directory_demonyms: dict[str, str]) -> frozenset[str]:
    """Normalised words of a title: lowercased, demonyms as their state's name."""
    words = set()
    for match in WORD.finditer(text):
        word = match.group().casefold()
        word = re.sub(r"[’']s$", "", word)
        word = directory_demonyms.get(word, word)
        if word not in TITLE_STOPWORDS:
            words.add(word)
    return frozenset(words)


def demonym_words() -> dict[str, str]:
    """'iranian' -> 'iran', 'kremlin' -> 'russia': the words that name a state."""
    words = {}
    for name, others, demonyms in places.STATES:
        # One word for the state, whatever it is called: "us", "washington", "american".
        word = name.casefold().replace(" ", "")
        for form in (name, *others, *demonyms):
            if " " not in form:
                words[form.casefold().replace(".", "")] = word
    return words


def load_directory() -> Directory:
    """Two queries: the actors, and their aliases."""
    directory = Directory()
    rows = list(
        Actor.objects.order_by("pk").values_list(
            "pk", "slug", "name", "kind", "speaks_for_id", "description"
        )
    )
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in ActorAlias.objects.order_by("pk").values_list("actor_id", "name"):
        aliases.setdefault(actor_id, []).append(alias)
    bodies = {
        pk: Known(slug, name, kind)
        for pk, slug, name, kind, speaks_for, _ in rows
        if speaks_for is None
    }
    known: dict[int, Known] = dict(bodies)
    for pk, slug, name, kind, speaks_for, _ in rows:
        if speaks_for is not None:
            known[pk] = Known(slug, name, kind, bodies.get(speaks_for))
    # Every spelling of an existing actor, and what states are called besides.
    folded: dict[str, Known] = {}
    for pk, _slug, name, *_ in rows:
        for form in [name, *aliases.get(pk, [])]:
            directory.add(form, known[pk], replace=True)
            folded.setdefault(form.casefold(), known[pk])
            # "The Washington Post" is also "a Washington Post report".
            if form.startswith("The ") and len(form.split()) > 2:
                directory.add(form[4:], known[pk])
    for entries, kind in (
        (places.STATES, ActorKind.STATE),
        (places.ORGANISATIONS, ActorKind.ORGANISATION),
    ):
        for name, others, demonyms in entries:
            target = next(
                (folded[form.casefold()] for form in (name, *others) if form.casefold() in folded),
                Known(None, name, kind),
            )
            for form in (name, *others, *demonyms):
                directory.add(form, target)
    # After the first mention English names a person by surname ("Peskov said").
    for pk, _slug, name, kind, *_ in rows:
        surname = name.split()[-1] if kind == ActorKind.PERSON and " " in name else ""
        if len(surname) > 2 and surname[0].isupper():
            directory.add(surname, known[pk])
    demonyms = demonym_words()
    for pk, _slug, _name, kind, _speaks_for, description in rows:
        if kind == ActorKind.PERSON and description:
            directory.descriptions[known[pk]] = title_set(description)
            # "Kremlin spokesman, press secretary of the President of Russia": each
            # comma-separated part is one title the person may be named by.
            for part in re.split(r"[,;]", description):
                words = title_words(part, demonyms)
                if len(words) >= 3:
                    directory.titles.append((words, known[pk]))
    return directory
