"""Which claim an attribution is about: the most similar existing claim by weighted
word overlap (IDF over the claims, an inverted index so 5,000 claims cost little), or a
new claim in neutral words when none is close; two claims when a sentence states two
propositions ("agreed to send missiles to Russia, not just attack drones")."""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass

from assistant.proposals import places
from assistant.proposals.directory import demonym_words
from assistant.proposals.proposal import ProposedClaim
from assistant.proposals.words import PREDICATES, STOPWORDS, SYNONYMS
from claims.models import Claim

CLOSE = 0.35  # share of a claim's weighted words the sentence must hold
PREDICATE_WEIGHT = 2.0
SECOND = 0.5  # a second claim within this share of the best one's score
TOP = 3  # the claims a sentence is compared with closely
RARE_POSTINGS = 50  # a word in more claims than this (or a tenth of them) is common
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[’'-][^\W\d_]+)*|\d+")
HEDGES = re.compile(r"\b(?:allegedly|reportedly|purportedly|supposedly|apparently)\s+", re.I)
NEGATION = re.compile(r"\b(?:not|never)\s+|(?<=\w)n[’']t\b", re.I)
# The contractions whose verb changes without its "n't".
CONTRACTIONS = re.compile(r"\b(won|can|shan)[’']t\b", re.I)
UNCONTRACTED = {"won": "will", "can": "can", "shan": "shall"}


# States named in several words ("the United States", "North Korea"): one word, as the
# demonyms and short forms that name them ("US", "North Korean") become.
MULTIWORD_STATES = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(form.casefold())
        for name, others, demonyms in places.STATES
        for form in (name, *others, *demonyms)
        if " " in form
    )
    + r")\b"
)
STATE_WORDS = {
    form.casefold(): name.casefold().replace(" ", "")
    for name, others, demonyms in places.STATES
    for form in (name, *others, *demonyms)
    if " " in form
}


def words_of(text: str, demonyms: dict[str, str]) -> set[str]:
    found = set()
    text = MULTIWORD_STATES.sub(lambda m: STATE_WORDS[m.group()], text.casefold())
    for match in WORD.finditer(text):
        word = re.sub(r"[’']s$", "", match.group()).replace(".", "")
        for part in [word, *word.split("-")] if "-" in word else [word]:
            part = demonyms.get(part, part)
            part = SYNONYMS.get(part, part)
            if part in STOPWORDS or len(part) < 2 or (part.isdigit() and len(part) == 4):
                continue
            found.add(_stem(part))
    return found


def _stem(word: str) -> str:
    # Enough to meet "sanctions"/"sanction", "supported"/"support": no dictionary.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith(("ed", "er")):
        return word[:-2]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Match:
    claim: ProposedClaim
    score: float  # the share of the claim's weighted words the text holds
    words: frozenset[str]
    rank: float


class ClaimIndex:
    """The claims of the database, loaded in one query."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.demonyms = demonym_words()
        self.claims = [
            (slug, text, frozenset(words_of(text, self.demonyms))) for slug, text in rows
        ]
        counts: dict[str, int] = {}
        for _, _, words in self.claims:
            for word in words:
                counts[word] = counts.get(word, 0) + 1
        total = len(self.claims)
        # The verbs of a proposition ("supplied", "sought", "trained") tell claims on the
        # same parties apart: they weigh double.
        self.idf = {
            word: math.log(1 + total / n) * (PREDICATE_WEIGHT if word in PREDICATES else 1)
            for word, n in counts.items()
        }
        self.weights = [sum(self.idf[w] for w in words) or 1.0 for _, _, words in self.claims]
        self.norms = [
            math.sqrt(sum(self.idf[w] ** 2 for w in words)) or 1.0 for _, _, words in self.claims
        ]
        self.rare_postings = max(RARE_POSTINGS, total // 10)
        self.index: dict[str, list[int]] = {}
        for i, (_, _, words) in enumerate(self.claims):
            for word in words:
                self.index.setdefault(word, []).append(i)

    @classmethod
    def load(cls) -> ClaimIndex:
        return cls(list(Claim.objects.order_by("pk").values_list("slug", "text")))

    def ranked(self, text: str, limit: int = TOP) -> list[Match]:
        """The `limit` claims closest to `text`, best first."""
        words = words_of(text, self.demonyms)
        # Claims sharing a rare word with the text; a word most claims hold ("supplied"
        # among 5,000 claims on supplies) only adds to their score, never enlarges the
        # pool, so a call costs the postings of the text's rare words.
        postings = [self.index[word] for word in words if word in self.index]
        rare = [p for p in postings if len(p) <= self.rare_postings]
        pool = set().union(*(rare or postings))
        scored = []
        for i in pool:
            common = words & self.claims[i][2]
            # Ranked by the IDF-weighted cosine's claim side (the sentence's side is the
            # same for every claim): rare shared words ("trained", "missiles") decide.
            rank = sum(self.idf[w] ** 2 for w in common) / self.norms[i]
            scored.append((rank, i, common))
        found = []
        for rank, i, common in heapq.nlargest(limit, scored, key=lambda item: (item[0], -item[1])):
            slug, claim_text, _ = self.claims[i]
            # Close when the text holds most of the claim's weighted words.
            coverage = sum(self.idf[w] for w in common) / self.weights[i]
            found.append(Match(ProposedClaim(slug, claim_text), coverage, frozenset(common), rank))
        return found

    def claims_of(
        self, own: str, said: str, context: str = ""
    ) -> list[tuple[ProposedClaim, float]]:
        """The claim (or two) the sentence `own` is about, with a similarity; its
        `context` (the sentence before) helps only when the sentence alone is not close
        to any claim; a new claim in neutral words from what was `said` when neither is."""
        ranked = self.ranked(own)
        if context and (not ranked or ranked[0].score < CLOSE):
            ranked = self.ranked(f"{own} {context}")
        if not ranked or ranked[0].score < CLOSE:
            return [(ProposedClaim(None, neutral_text(said)), 0.0)]
        best = ranked[0]
        chosen = [(best.claim, best.score)]
        # The second proposition: the closest other claim that holds most of its own
        # words, with words of its own in the sentence and a coordination between.
        others = sorted(ranked[1:], key=lambda m: -m.score)
        for second in others[:1]:
            if second.score >= max(CLOSE, SECOND * best.score) and self._states_two(
                own, best.words - second.words, second.words - best.words
            ):
                chosen.append((second.claim, second.score))
        return chosen

    def _states_two(
        self, sentence: str, first_only: frozenset[str], second_only: frozenset[str]
    ) -> bool:
        """Two propositions in one sentence: each claim has words of its own in the sentence
        itself (not only in its context), joined by a coordination."""
        words = frozenset(words_of(sentence, self.demonyms))
        if not (first_only & words and second_only & words):
            return False
        return bool(
            re.search(
                r"\b(?:and|nor|as well as|not just|not only|but also|along with)\b", sentence, re.I
            )
        )


def neutral_text(said: str) -> str:
    """What was said as a proposition to assert or deny: no hedge, no negation, no
    reporting words, capitalised, at most a column's length."""
    text = said.strip().strip("“”\"'‘’ ")
    text = re.sub(r"^(?:that|whether|if)\s+", "", text, flags=re.I)
    text = HEDGES.sub("", text)
    text = CONTRACTIONS.sub(lambda m: UNCONTRACTED[m.group(1).lower()], text)
    text = NEGATION.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    if not text:
        return "(no claim found)"
    text = text[0].upper() + text[1:]
    return text[:300].rsplit(" ", 1)[0] if len(text) > 300 else text
