"""The cast: outlets, actors (states, organisations, media, persons) with their aliases,
and claims, with the rankings statements draw them from."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from claims.corpus.shape import START, Sizes, zipf_cum_weights
from claims.corpus.words import (
    CLAIM_FORMS,
    FIRST_NAMES,
    LAST_NAMES,
    ORG_WORDS_1,
    ORG_WORDS_2,
    ORG_WORDS_3,
    OUTLET_FORMS,
    STATE_ENDINGS,
    STATE_FORMS,
    SYLLABLES,
    WEAPONS,
)


def _unique_slug(text: str, taken: set[str], limit: int = 90) -> str:
    base = slugify(text)[:limit].strip("-") or "x"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def _place_name(rng: random.Random) -> str:
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2))))
    return (stem + rng.choice(STATE_ENDINGS)).capitalize()


def _alias_variants(name: str) -> list[str]:
    """Spellings real reporting uses for the same name (Dmitry/Dmitri, Kyiv/Kiev...)."""
    rules = (("y", "i"), ("i", "y"), ("k", "c"), ("ov", "off"), ("sh", "ch"), ("ei", "ey"))
    variants = []
    for old, new in rules:
        if old in name:
            variants.append(name.replace(old, new, 1))
    return variants


@dataclass
class Cast:
    outlets: list[tuple] = field(default_factory=list)  # id, name, slug, url
    actors: list[tuple] = field(default_factory=list)  # id, name, slug, kind, speaks_for, desc
    aliases: list[tuple] = field(default_factory=list)  # id, actor_id, name
    claims: list[tuple] = field(default_factory=list)  # id, slug, text
    speaking_ranking: list[int] = field(default_factory=list)  # actor ids, busiest first
    speaking_weights: list[float] = field(default_factory=list)
    claim_ranking: list[int] = field(default_factory=list)
    claim_weights: list[float] = field(default_factory=list)
    outlet_weights: list[float] = field(default_factory=list)
    spokespeople: dict[int, tuple[list[int], list[float]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    parties: dict[int, int] = field(default_factory=dict)  # actor id -> its party's id


def build_cast(sizes: Sizes, seed: int) -> Cast:
    rng = random.Random(f"{seed}:cast")
    cast = Cast()
    lower_names: set[str] = set()  # actor names and aliases share one case-insensitive space

    outlet_names: list[str] = []
    taken_outlets: set[str] = set()
    while len(outlet_names) < sizes.outlets:
        name = rng.choice(OUTLET_FORMS).format(_place_name(rng))
        if name.lower() not in taken_outlets:
            taken_outlets.add(name.lower())
            outlet_names.append(name)
    slugs: set[str] = set()
    for i, name in enumerate(outlet_names, start=1):
        slug = _unique_slug(name, slugs)
        cast.outlets.append((i, name, slug, f"https://www.{slug}.example.com/"))
    cast.outlet_weights = zipf_cum_weights(sizes.outlets, 0.9)

    states = max(3, round(sizes.actors * 0.08))
    organisations = max(2, round(sizes.actors * 0.08))
    media = max(1, min(sizes.outlets, round(sizes.actors * 0.04)))
    persons = sizes.actors - states - organisations - media
    actor_slugs: set[str] = set()
    next_id = itertools.count(1)

    def add_actor(name: str, kind: str, speaks_for: int | None, description: str) -> int | None:
        if name.lower() in lower_names:
            return None
        lower_names.add(name.lower())
        pk = next(next_id)
        slug = _unique_slug(name, actor_slugs)
        cast.actors.append((pk, name, slug, kind, speaks_for, description))
        cast.names[pk] = name
        cast.kinds[pk] = kind
        return pk

    state_ids: list[int] = []
    while len(state_ids) < states:
        place = _place_name(rng)
        pk = add_actor(rng.choice(STATE_FORMS).format(place), "state", None, "")
        if pk:
            state_ids.append(pk)
    org_ids: list[int] = []
    while len(org_ids) < organisations:
        words = [rng.choice(ORG_WORDS_1.split()), rng.choice(ORG_WORDS_2.split())]
        name = " ".join([*words, rng.choice(ORG_WORDS_3.split())])
        pk = add_actor(name, "organisation", None, "")
        if pk:
            org_ids.append(pk)
    media_ids = []
    for name in outlet_names[:media]:
        pk = add_actor(name, "media", None, "")
        if pk:
            media_ids.append(pk)
    parties = state_ids + org_ids
    party_weights = zipf_cum_weights(len(parties), 0.8)
    person_ids: list[int] = []
    independents: list[int] = []
    roles = ("spokesperson", "foreign minister", "defence minister", "envoy", "adviser")
    while len(person_ids) < persons:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.15:
            pk = add_actor(name, "person", None, "Independent analyst")
            if pk:
                independents.append(pk)
        else:
            party = rng.choices(parties, cum_weights=party_weights)[0]
            role = rng.choice(roles)
            pk = add_actor(name, "person", party, f"{role} of {cast.names[party]}")
        if pk:
            person_ids.append(pk)

    alias_id = itertools.count(1)
    for pk, name, *_ in list(cast.actors):
        candidates = _alias_variants(name)
        if cast.kinds[pk] == "organisation":
            candidates.append("".join(word[0] for word in name.split()))
        if cast.kinds[pk] == "person":
            candidates.append(name.split(" ", 1)[1])  # the surname alone
        rng.shuffle(candidates)
        for alias in candidates[: rng.choice((0, 1, 1, 2, 3))]:
            if alias.lower() not in lower_names:
                lower_names.add(alias.lower())
                cast.aliases.append((next(alias_id), pk, alias))

    for party in parties:
        cast.spokespeople[party] = ([], [])
    for pk, _, _, _, speaks_for, _ in cast.actors:
        cast.parties[pk] = speaks_for or pk
        if speaks_for:
            cast.spokespeople[speaks_for][0].append(pk)
    for party, (people, _) in cast.spokespeople.items():
        cast.spokespeople[party] = (people, zipf_cum_weights(len(people), 1.0))

    # Who makes statements, busiest first: states lead, then a mix of the rest.
    rest = org_ids + media_ids + independents
    rng.shuffle(state_ids)
    rng.shuffle(rest)
    cast.speaking_ranking = state_ids[: max(1, len(state_ids) // 2)]
    cast.speaking_ranking += rest[: len(rest) // 4] + state_ids[len(cast.speaking_ranking) :]
    cast.speaking_ranking += rest[len(rest) // 4 :]
    cast.speaking_weights = zipf_cum_weights(len(cast.speaking_ranking), 1.0)

    claim_texts: set[str] = set()
    claim_slugs: set[str] = set()
    while len(cast.claims) < sizes.claims:
        a, b = rng.sample(parties, 2)
        text = rng.choice(CLAIM_FORMS).format(
            a=cast.names[a], b=cast.names[b], w=rng.choice(WEAPONS)
        )
        if rng.random() < 0.5:
            text += f" in {rng.randrange(START.year, START.year + 10)}"
        if text.lower() in claim_texts:
            continue
        claim_texts.add(text.lower())
        pk = len(cast.claims) + 1
        cast.claims.append((pk, _unique_slug(text, claim_slugs), text))
    cast.claim_ranking = [pk for pk, *_ in cast.claims]
    rng.shuffle(cast.claim_ranking)
    cast.claim_weights = zipf_cum_weights(len(cast.claim_ranking), 1.0)
    return cast
