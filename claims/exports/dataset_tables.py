"""The tables of the data set: each CSV file's columns (name, type, description), its
primary key and the keys that point into other tables, as the Frictionless Table
Schema writes them (https://specs.frictionlessdata.io/table-schema/).

The statements table is the statement export's CSV (claims.exports.statements), column
for column: STATEMENT_FIELDS describes those columns and has no say in their order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.exports.quotes import QUOTE_CSV_COLUMNS
from claims.exports.statements import CSV_COLUMNS
from claims.models import ActorKind, DatePrecision, Stance


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = False

    def descriptor(self) -> dict:
        described = {"name": self.name, "type": self.type, "description": self.description}
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: str
    # column -> (table, column) it points to
    references: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def resource_name(self, table: str) -> str:
        # A key into the table itself names no resource, as the spec asks.
        return "" if table == self.name else table

    def schema(self) -> dict:
        return {
            "fields": [column.descriptor() for column in self.columns],
            "primaryKey": [self.primary_key],
            "foreignKeys": [
                {
                    "fields": [column],
                    "reference": {"resource": self.resource_name(table), "fields": [target]},
                }
                for column, (table, target) in self.references.items()
            ],
            "missingValues": [""],
        }


def text(name: str, description: str, **options) -> Column:
    return Column(name, "string", description, **options)


def number(name: str, description: str, **options) -> Column:
    return Column(name, "integer", description, **options)


def date(name: str, description: str, **options) -> Column:
    return Column(name, "date", description, **options)


SLUG = "Unique identifier used in the site's URLs and the API's filters"
WIKIDATA = "Wikidata item of the {}, Q followed by digits (https://www.wikidata.org/wiki/<id>)"

OUTLETS = Table(
    "outlets",
    "Outlets",
    "Who published the articles.",
    (
        number("id", "Record number", required=True),
        text("slug", SLUG, required=True),
        text("name", "The outlet's name", required=True),
        text("url", "The outlet's home page"),
        text("note", "Editors' note"),
    ),
    primary_key="slug",
)
ARTICLES = Table(
    "articles",
    "Articles",
    "Published texts that quotes point into; a quote's offsets are positions in its body.",
    (
        number("id", "Record number", required=True),
        text("outlet", "The outlet that published it (outlets.slug)", required=True),
        text("title", "Title as published", required=True),
        text("url", "Address it was published at, empty when unknown"),
        text("archive_url", "A copy in the Wayback Machine or archive.today"),
        date("published_on", "Publication date", required=True),
        text("language", "BCP 47 language code", required=True),
        text("body", "The text as published; quote offsets count its characters", required=True),
        text("note", "How the title, date or outlet were established, if not stated"),
    ),
    primary_key="id",
    references={"outlet": ("outlets", "slug")},
)
ACTORS = Table(
    "actors",
    "Actors",
    "Parties whose positions are tracked: states, organisations, persons and media.",
    (
        number("id", "Record number", required=True),
        text("slug", SLUG, required=True),
        text("name", "The actor's name", required=True),
        text("kind", "What the actor is", enum=tuple(ActorKind.values), required=True),
        text("speaks_for", "For a person: the state or organisation they speak for (actors.slug)"),
        text("description", "Who the actor is, e.g. Kremlin spokesman"),
        text("wikidata_id", WIKIDATA.format("actor")),
        text("note", "Editors' note"),
    ),
    primary_key="slug",
    references={"speaks_for": ("actors", "slug")},
)
ACTOR_ALIASES = Table(
    "actor_aliases",
    "Actor aliases",
    "Other spellings of actors' names (Kiev for Ukraine, Kannani for Nasser Kanaani).",
    (
        number("id", "Record number", required=True),
        text("actor", "The actor it names (actors.slug)", required=True),
        text("name", "The spelling; unique whatever its case", required=True),
    ),
    primary_key="id",
    references={"actor": ("actors", "slug")},
)
CLAIMS = Table(
    "claims",
    "Claims",
    "Propositions tracked over time, phrased neutrally.",
    (
        number("id", "Record number", required=True),
        text("slug", SLUG, required=True),
        text("text", "The claim, in ClaimTracker's neutral wording", required=True),
        text("note", "Editors' note"),
    ),
    primary_key="slug",
)

# The statement export's columns, described; their order is CSV_COLUMNS'.
STATEMENT_FIELDS = {
    "id": number("id", "Statement number; its page is `url`", required=True),
    "claim": text("claim", "The claim (claims.slug)", required=True),
    "claim_text": text("claim_text", "The claim's wording", required=True),
    "actor": text("actor", "The party whose position it is (actors.slug)", required=True),
    "actor_name": text("actor_name", "The actor's name", required=True),
    "speaker": text("speaker", "The person who said it, if named (actors.slug)"),
    "speaker_name": text("speaker_name", "The speaker's name"),
    "stance": text(
        "stance",
        "asserted: says the claim is true; denied: says it is false; confirmed: "
        "acknowledges or verifies it; noncommittal: neither confirms nor denies",
        enum=tuple(Stance.values),
        required=True,
    ),
    "made_on": date("made_on", "When the statement was made", required=True),
    "made_on_precision": text(
        "made_on_precision",
        "How much of made_on is known: day, month (the day is the 1st) or year",
        enum=tuple(DatePrecision.values),
        required=True,
    ),
    "date_wording": text("date_wording", "How the article worded the date (on Monday)"),
    "quote_article": number("quote_article", "The first quote's article (articles.id)"),
    "quote_article_url": text("quote_article_url", "That article's address"),
    "quote_outlet": text("quote_outlet", "That article's outlet (outlets.slug)"),
    "quote_published_on": date("quote_published_on", "That article's publication date"),
    "quote_text": text("quote_text", "The first quote's words, verbatim"),
    "quote_start": number("quote_start", "Where they start in the article's body"),
    "quote_end": number("quote_end", "Where they end in the article's body (exclusive)"),
    "quote_count": number("quote_count", "How many quotes back the statement (quotes.csv)"),
    "url": text("url", "The statement's page", required=True),
    "actor_wikidata": text("actor_wikidata", WIKIDATA.format("actor")),
    "speaker_wikidata": text("speaker_wikidata", WIKIDATA.format("speaker")),
}
STATEMENTS = Table(
    "statements",
    "Statements",
    "One actor's dated position on one claim, one row each, its first quote flattened "
    "(the rows of the statement export, /api/v1/statements/export.csv).",
    tuple(STATEMENT_FIELDS[name] for name in CSV_COLUMNS),
    primary_key="id",
    references={
        "claim": ("claims", "slug"),
        "actor": ("actors", "slug"),
        "speaker": ("actors", "slug"),
        "quote_article": ("articles", "id"),
        "quote_outlet": ("outlets", "slug"),
    },
)

QUOTE_FIELDS = {
    "id": number("id", "Quote number", required=True),
    "statement": number("statement", "The statement it backs (statements.id)", required=True),
    "statement_url": text("statement_url", "That statement's page", required=True),
    "actor": text("actor", "The statement's actor (actors.slug)", required=True),
    "stance": text("stance", "The statement's stance", enum=tuple(Stance.values), required=True),
    "claim": text("claim", "The statement's claim (claims.slug)", required=True),
    "article": number("article", "The article quoted (articles.id)", required=True),
    "article_url": text("article_url", "That article's address"),
    "outlet": text("outlet", "That article's outlet (outlets.slug)", required=True),
    "published_on": date("published_on", "That article's publication date", required=True),
    "text": text("text", "The words quoted, verbatim: body[start:end]", required=True),
    "start": number("start", "Offset of the first character in the body", required=True),
    "end": number("end", "Offset after the last character", required=True),
    "prefix": text("prefix", "The text just before, to find the quote again"),
    "suffix": text("suffix", "The text just after"),
}
QUOTES = Table(
    "quotes",
    "Quotes",
    "Verbatim spans of article bodies that back statements (the rows of the quote "
    "export, /api/v1/quotes/export.csv); offsets count Unicode code points.",
    tuple(QUOTE_FIELDS[name] for name in QUOTE_CSV_COLUMNS),
    primary_key="id",
    references={
        "statement": ("statements", "id"),
        "actor": ("actors", "slug"),
        "claim": ("claims", "slug"),
        "article": ("articles", "id"),
        "outlet": ("outlets", "slug"),
    },
)

# In the order a reader meets them, each table after those it points to.
TABLES = (OUTLETS, ARTICLES, ACTORS, ACTOR_ALIASES, CLAIMS, STATEMENTS, QUOTES)
