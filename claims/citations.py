"""How a statement is cited: as text, and as BibTeX, RIS and CSL-JSON for Zotero and
other reference managers.

A statement is cited as a ClaimTracker record (a web page with its permalink), with the
earliest published article that quotes it as its source. The claim is never put in
quotation marks: it is our neutral wording, not the actor's words.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from claims.models import Quote, Statement
from sources import dates

# How each stance reads before "the claim that ...".
STANCE_PHRASES = {
    "asserted": "asserted",
    "denied": "denied",
    "confirmed": "confirmed",
    "noncommittal": "was noncommittal on",
}
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Citation:
    statement: Statement
    source: Quote | None  # the quote from the earliest published article
    permalink: str
    accessed: datetime.date

    @property
    def key(self) -> str:
        return f"claimtracker-statement-{self.statement.pk}"

    @property
    def who(self) -> str:
        statement = self.statement
        speaker = f" ({statement.speaker.name})" if statement.speaker_id else ""
        return f"{statement.actor.name}{speaker}"

    @property
    def position(self) -> str:
        """ "denied the claim that Iran supplied ..." """
        statement = self.statement
        phrase = STANCE_PHRASES.get(statement.stance, statement.stance)
        return f"{phrase} the claim that {statement.claim.text.rstrip('. ')}"

    @property
    def title(self) -> str:
        return f"{self.who} {self.position}"

    @property
    def made_on(self) -> str:
        return self.statement.made_on_display

    @property
    def quoted_in(self) -> str:
        """ "Quoted in RT, “Title”, 18 October 2022, https://..." or "" """
        if self.source is None:
            return ""
        article = self.source.article
        published = dates.describe(article.published_on, dates.Precision.DAY)
        url = f", {article.url}" if article.url else ""
        archived = f", archived at {article.archive_url}" if article.archive_url else ""
        return f"Quoted in {article.outlet.name}, “{article.title}”, {published}{url}{archived}"

    def text(self) -> str:
        quoted = f" {self.quoted_in}." if self.quoted_in else ""
        return (
            f"{self.who}, {self.made_on}: {self.position}.{quoted} "
            f"ClaimTracker statement #{self.statement.pk}, {self.permalink}"
        )

    def date_parts(self) -> list[int]:
        made_on, precision = self.statement.made_on, self.statement.made_on_precision
        parts = [made_on.year, made_on.month, made_on.day]
        return parts[: {"year": 1, "month": 2}.get(precision, 3)]

    def csl_json(self) -> str:
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": self.statement.actor.name}],
            "issued": {"date-parts": [self.date_parts()]},
            "accessed": {
                "date-parts": [[self.accessed.year, self.accessed.month, self.accessed.day]]
            },
            "container-title": "ClaimTracker",
            "URL": self.permalink,
        }
        if self.quoted_in:
            item["note"] = self.quoted_in
        return json.dumps([item], ensure_ascii=False, indent=2) + "\n"

    def ris(self) -> str:
        parts = self.date_parts()
        date = "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
        lines = [
            ("TY", "ELEC"),
            ("ID", self.key),
            ("TI", self.title),
            ("AU", self.statement.actor.name),
            ("PY", str(parts[0])),
            ("DA", date + "/" * (3 - len(parts) + 1)),
            ("UR", self.permalink),
            ("DB", "ClaimTracker"),
            ("Y2", self.accessed.strftime("%Y/%m/%d")),
        ]
        if self.quoted_in:
            lines.append(("N1", self.quoted_in))
        lines.append(("ER", ""))
        # RIS is line-based: a line break inside a value would start a bogus tag.
        return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)

    def bibtex(self) -> str:
        parts = self.date_parts()
        fields = [
            ("author", "{" + bibtex_escape(self.statement.actor.name) + "}"),
            ("title", bibtex_escape(self.title)),
            ("year", str(parts[0])),
        ]
        if len(parts) > 1:
            fields.append(("month", BIBTEX_MONTHS[parts[1] - 1]))
        fields += [
            ("howpublished", "ClaimTracker"),
            ("url", self.permalink),
            ("urldate", self.accessed.isoformat()),
        ]
        if self.quoted_in:
            fields.append(("note", bibtex_escape(self.quoted_in)))
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields
        )
        return f"@misc{{{self.key},\n{body}\n}}\n"


BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def bibtex_escape(value: str) -> str:
    """Text as a BibTeX value: braces balanced, TeX's special characters escaped."""
    value = " ".join(value.split())
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_REPLACEMENTS.get(m[1], "\\" + m[1]), value)


def earliest_source(statement: Statement) -> Quote | None:
    """The quote from the first published article (prefetched quotes are used as they
    are: no query when the page has them)."""
    quotes = list(statement.quotes.all())
    if not quotes:
        return None
    return min(quotes, key=lambda q: (q.article.published_on, q.article_id, q.start))


def citation_of(statement: Statement, permalink: str, accessed: datetime.date) -> Citation:
    return Citation(statement, earliest_source(statement), permalink, accessed)


FORMATS = {
    # extension: (how Citation writes it, content type)
    "bib": (Citation.bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (Citation.ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (Citation.csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
