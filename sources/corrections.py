"""What an editor decided for each quote that a corrected article body would lose.

A correction that leaves a quote without its text is refused (claims.anchoring) unless
the editor says what becomes of that quote: re-point it to words of the corrected body
(the proposed span, or other words), or detach it from its statement. The decisions
travel with the article being saved (`Article.quote_resolutions`), so that `sources`
never needs to know what a quote is.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtracker import inputs

ACCEPT, WORDS, DETACH = "accept", "words", "detach"


@dataclass(frozen=True)
class QuoteResolution:
    quote_id: int
    words: str = ""  # the words of the corrected body the quote now cites
    start: int | None = None  # where they start, when they occur more than once
    detach: bool = False  # remove the quote from its statement instead
    delete_statement: bool = False  # and delete the statement if it was its only quote


def resolutions_from(data, quote_ids, proposals) -> dict[int, QuoteResolution]:
    """The editor's decisions in a submitted article form: for quote 47, `quote_47` is
    "accept" (the proposed span), "words" (`quote_47_words`, optionally
    `quote_47_start`) or "detach" (`quote_47_delete_statement` to delete a statement
    left without quotes). `proposals` maps a quote id to its proposed Anchor."""
    decided = {}
    for quote_id in quote_ids:
        choice = data.get(f"quote_{quote_id}", "")
        if choice == ACCEPT and proposals.get(quote_id) is not None:
            proposal = proposals[quote_id]
            decided[quote_id] = QuoteResolution(quote_id, proposal.text, proposal.start)
        elif choice == WORDS:
            words = data.get(f"quote_{quote_id}_words", "").replace("\r\n", "\n")
            start = inputs.whole_number(data.get(f"quote_{quote_id}_start", ""))
            decided[quote_id] = QuoteResolution(quote_id, words, start)
        elif choice == DETACH:
            delete = data.get(f"quote_{quote_id}_delete_statement") == "1"
            decided[quote_id] = QuoteResolution(quote_id, detach=True, delete_statement=delete)
    return decided
