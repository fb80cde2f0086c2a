"""The text the corpus is written in.

A vocabulary of news words and made-up ones in Zipf order, the phrases quotes and bodies
are assembled from, and the name lists the cast and the date wordings are drawn from.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from claims.corpus.shape import (
    COMMON_WORD,
    COMMON_WORD_SHARE,
    RARE_WORD,
    RARE_WORD_SHARE,
    zipf_cum_weights,
)


def _words(text: str) -> list[str]:
    return text.split()


NEWS_WORDS = _words(
    """
officials said government ministry foreign defence military forces attack missile missiles
weapons supply supplied delivered shipment shipments army navy border ceasefire talks
sanctions evidence report reports intelligence sources spokesman spokeswoman minister
president embassy agreement treaty troops strike strikes airfield satellite images
production factory components engines warheads launch launched deny denied confirm
confirmed claims allegations accused accuses statement statements press conference
briefing interview television agency official unnamed senior analysts experts according
week month year region regional security council resolution vote parliament election
oil gas pipeline energy exports imports trade deal negotiations envoy delegation summit
visit capital city province frontline offensive counteroffensive casualties civilians
infrastructure power grid drone aircraft helicopter radar air defence systems ballistic
cruise range payload training instructors advisers volunteers mercenaries contractors
company companies network finance payments banks currency cargo flights ports vessels
tanker ship ships seized inspection inspectors nuclear enrichment uranium programme
facility facilities cyberattack hackers propaganda disinformation media newspaper
journalists investigation documents leaked memo cable officials insisted rejected
dismissed baseless fabricated lies provocation hostile campaign pressure threat threats
warned warning response retaliation escalation de-escalation humanitarian aid corridor
refugees prisoners exchange negotiators mediator mediation neutral partner partners
alliance allies coalition bloc members membership observers monitors mission peacekeepers
withdrawal deployment exercises manoeuvres drills build-up mobilisation conscription
"""
)

SYLLABLES = _words(
    "ka ri to va lo ne sa mi ru de an el or is ta ko ve li na zu be ga ho ju ly pe qu "
    "ra se ti um vo we xa yo za bra cle dri fro gla kro pla sto tre vri ost ark und esk"
)
ACCENTED = ("é", "ü", "ø", "å", "ł", "ș", "ñ", "ç")


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(syllables))
    if rng.random() < 0.05:
        at = rng.randrange(len(word))
        word = word[:at] + rng.choice(ACCENTED) + word[at + 1 :]
    return word


@functools.cache
def vocabulary() -> Vocabulary:
    """News words first, then 20,000 made-up ones, in Zipf order (s = 1.05)."""
    rng = random.Random("claimtracker-vocabulary")
    words = [w for w in dict.fromkeys(NEWS_WORDS) if w not in (COMMON_WORD, RARE_WORD)]
    rng.shuffle(words)
    seen = set(words) | {COMMON_WORD, RARE_WORD}
    while len(words) < 20_000 + len(NEWS_WORDS):
        word = _pseudo_word(rng, rng.choice((2, 2, 3, 3, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return Vocabulary(tuple(words), tuple(zipf_cum_weights(len(words), 1.05)))


class Phrases:
    """Pools of clauses and filler sentences drawn from the vocabulary once per seed;
    quotes and bodies are assembled from them, which is fast and keeps Zipf's law."""

    def __init__(self, seed: int, clauses: int = 30_000, fillers: int = 20_000):
        rng = random.Random(f"{seed}:phrases")
        vocab = vocabulary()
        draws = rng.choices(vocab.words, cum_weights=vocab.cum_weights, k=clauses * 8)
        self.clauses: list[str] = []
        at = 0
        for _ in range(clauses):
            n = rng.randint(4, 9)
            self.clauses.append(" ".join(draws[at : at + n]))
            at += n
        self.fillers = [
            " ".join(rng.choice(self.clauses) for _ in range(rng.randint(1, 3))).capitalize()
            + rng.choice((".", ".", ".", "?", ";"))
            for _ in range(fillers)
        ]
        self.fillers = [s[:-1] + "." if s.endswith(";") else s for s in self.fillers]

    def quote(self, rng: random.Random) -> str:
        clauses = rng.choice((1, 2, 2, 3))
        words = " ".join(rng.choice(self.clauses) for _ in range(clauses)).split(" ")
        if rng.random() < COMMON_WORD_SHARE:
            words.insert(rng.randrange(len(words) + 1), COMMON_WORD)
        if rng.random() < RARE_WORD_SHARE:
            words.insert(rng.randrange(len(words) + 1), RARE_WORD)
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def title(self, rng: random.Random) -> str:
        return " ".join(rng.choice(self.clauses) for _ in range(2)).capitalize()[:200]


@functools.lru_cache(maxsize=2)
def phrases_for(seed: int) -> Phrases:
    return Phrases(seed)


# --------------------------------------------------------------------------- names

FIRST_NAMES = _words(
    """
Aleksandr Amir Anna Antony Aziz Bogdan Carla Chen Dariusz Dmitry Elena Emre Farah Fatima
Giorgi Hassan Helga Hossein Ilya Ioana Jake Jana José Kamal Karin Katarzyna Leila Lucas
Marek Maria Mehmet Mikhail Nadia Nasser Nikolai Olena Omar Pavel Petra Rashid Ruslan Sami
Sergei Sofia Søren Tamar Tariq Vasily Vedant Viktor Volodymyr Wally Yana Yury Zofia Zoltán
Ángel Łukasz Björn Chiara Dmytro Ebru Fernando Gulnara Ibrahim Jurgen Kenji Lina Mateusz
"""
)
LAST_NAMES = _words(
    """
Abdollahian Adeyemo Aliyev Amini Bakr Baranov Blinken Borisov Castillo Cohen Dimitrov
Duda Eriksen Farouk Fischer Gashi Gonzalez Haddad Hoffmann Ivanov Jensen Kanaani Karimi
Kovač Kowalski Kuleba Lavrov Levy Lindqvist Lopez Makarov Mansour Medvedev Morozov Müller
Nebenzya Novak Nowak Orlov Patel Peskov Petrov Popescu Pukhov Rahimi Rossi Sadeghi Shai
Sokolov Sullivan Tanaka Tkachenko Ushakov Vasquez Volkov Wójcik Yilmaz Zakharova Zelensky
Ahmadi Bondarenko Chaudhry Dąbrowski Efremov Fedorov Grigoryan Hakimi Ibragimov Jovanović
"""
)
ORG_WORDS_1 = "International Northern Southern Eastern Western Central Atlantic Pacific "
ORG_WORDS_1 += "Continental Federal United Allied Independent Regional Global Joint"
ORG_WORDS_2 = "Defence Energy Security Trade Maritime Aviation Nuclear Monetary Health "
ORG_WORDS_2 += "Development Cooperation Intelligence Research Humanitarian Arms Cyber"
ORG_WORDS_3 = "Council Agency Organisation Union Commission Forum Alliance Committee "
ORG_WORDS_3 += "Bureau Command Corps Authority Office Institute Directorate"
STATE_FORMS = ("{}", "{}", "{}", "Republic of {}", "Kingdom of {}", "{} Federation")
STATE_ENDINGS = ("ia", "stan", "land", "ova", "ar", "ea", "is", "ania", "ovia", "ur")
OUTLET_FORMS = (
    "The {} Times",
    "{} Daily",
    "{} Herald",
    "{} News Agency",
    "{} Today",
    "Radio {}",
    "{} Observer",
    "The {} Post",
    "{} Tribune",
    "{} Wire",
)
WEAPONS = (
    "attack drones",
    "ballistic missiles",
    "cruise missiles",
    "air defence systems",
    "artillery shells",
    "drone engines",
    "military advisers",
    "fighter jets",
    "tanks",
    "small arms",
    "radar equipment",
    "electronic warfare kits",
)
CLAIM_FORMS = (
    "{a} supplied {w} to {b}",
    "{a} trained {b}'s forces to use {w}",
    "{a} built a factory for {w} in {b}",
    "{a} paid {b} for {w} with gold",
    "{a} shipped {w} to {b} by sea",
    "{a} helped {b} evade sanctions on {w}",
    "{a} deployed {w} on {b}'s border",
    "{a} sold {w} to {b} through intermediaries",
)
MONTHS = _words(
    "January February March April May June July August September October November December"
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
