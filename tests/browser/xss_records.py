"""Records whose every text field an editor fills holds stored-XSS payloads, for
test_stored_xss.py: few records, many payloads in each, so that a few pages show them all.

The payloads are split into chunks that fit the shortest of the text fields (200
characters); record set i (an outlet, an article, an actor with an alias, a claim, a
statement and its quotes) carries chunk i in each short field, every payload in each
long one. Actor 0 is an organisation that the other actors speak for, so its page shows
every statement; article 0's body holds every payload and a quote of each statement.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import Group, User

from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from sources.models import Article, Outlet
from tests.factories import quote_for

PAYLOADS = tuple(
    line
    for line in Path(__file__).with_name("xss_payloads.txt").read_text("utf-8").splitlines()
    if line.strip()
)
SHORT_FIELD = 200  # characters: names, titles, date wordings
REASON_FIELD = 100  # characters: a history change reason
LANGUAGE_FIELD = 16


def chunks(limit: int) -> list[tuple[str, ...]]:
    """The payloads in order, grouped so that each group joined by spaces fits `limit`."""
    groups: list[list[str]] = [[]]
    for payload in PAYLOADS:
        if groups[-1] and len(" ".join([*groups[-1], payload])) > limit:
            groups.append([])
        groups[-1].append(payload)
    return [tuple(group) for group in groups]


def tagged(tag: str, chunk: tuple[str, ...]) -> str:
    return f"{tag} " + " ".join(chunk)


ALL = "\n".join(PAYLOADS)
CHUNKS = chunks(SHORT_FIELD - 12)  # room for a tag such as "Outlet 13:"
SHORT = [p for p in PAYLOADS if len(p) <= LANGUAGE_FIELD]
# A URL field accepts any characters but whitespace after the host: these payloads fit.
UNSPACED = [p for p in PAYLOADS if not any(c.isspace() for c in p)]


@dataclass
class RecordSet:
    outlet: Outlet
    article: Article
    actor: Actor
    alias: ActorAlias
    claim: Claim
    statement: Statement
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Records:
    editor: User
    sets: list[RecordSet]
    reasons: list[str]
    fields: dict[str, list[str]]  # field -> every value stored in it

    @property
    def first(self) -> RecordSet:
        return self.sets[0]


def saved(record, user: User, reason: str = ""):
    """Saved as an editor's form saves it: validated, with its editor in the history."""
    record.full_clean()
    record._history_user = user
    if reason:
        record._change_reason = reason
    record.save()
    return record


def body_of(n: int) -> str:
    return f"Article {n} opens. " + " ".join(PAYLOADS) + f" Article {n} closes."


def quoted(statement: Statement, article: Article, words: str, user: User) -> Quote:
    return saved(quote_for(statement=statement, article=article, quoted=words), user)


def make_records() -> Records:
    username = tagged("Editor", CHUNKS[0])[:150]
    editor = User.objects.create_user(username=username, password="pw-xss-editor")
    editor.groups.add(Group.objects.get_or_create(name="editor")[0])
    sets: list[RecordSet] = []
    for n, chunk in enumerate(CHUNKS):
        sets.append(record_set(n, chunk, editor, sets[0] if sets else None))
    reasons = [tagged(f"Reason {n}:", chunk) for n, chunk in enumerate(chunks(REASON_FIELD - 12))]
    statement = sets[0].statement
    for reason in reasons:  # the history of statement 0 gives every reason
        statement.note = f"{reason}\n{ALL}"
        saved(statement, editor, reason)
    fields = {
        "outlet name": [s.outlet.name for s in sets],
        "outlet URL": [s.outlet.url for s in sets],
        "outlet note": [s.outlet.note for s in sets],
        "article title": [s.article.title for s in sets],
        "article URL": [s.article.url for s in sets],
        "article language": [s.article.language for s in sets],
        "article body": [s.article.body for s in sets],
        "article note": [s.article.note for s in sets],
        "actor name": [s.actor.name for s in sets],
        "actor alias": [s.alias.name for s in sets],
        "actor description": [s.actor.description for s in sets],
        "actor note": [s.actor.note for s in sets],
        "claim text": [s.claim.text for s in sets],
        "claim note": [s.claim.note for s in sets],
        "statement date wording": [s.statement.date_wording for s in sets],
        "statement note": [s.statement.note for s in sets],
        "quote text": [q.text for s in sets for q in s.quotes],
        "change reason": reasons,
        "username": [editor.username],
    }
    return Records(editor, sets, reasons, fields)


def record_set(n: int, chunk: tuple[str, ...], editor: User, hub: RecordSet | None) -> RecordSet:
    words = " ".join(chunk)
    unspaced = UNSPACED[n % len(UNSPACED)]
    outlet = saved(
        Outlet(
            name=tagged(f"Outlet {n}:", chunk),
            slug=f"xss-outlet-{n}",
            url=f"https://outlet{n}.example/?{unspaced}",
            note=f"Outlet note {n}:\n{ALL}",
        ),
        editor,
    )
    article = saved(
        Article(
            outlet=outlet,
            title=tagged(f"Title {n}:", chunk),
            url=f"https://news.example/{n}/{unspaced}",
            published_on=datetime.date(2022, 10, 20),
            language=SHORT[n % len(SHORT)],
            body=body_of(n),
            note=f"Article note {n}:\n{ALL}",
        ),
        editor,
    )
    actor = saved(
        Actor(
            name=tagged(f"Actor {n}:", chunk),
            slug=f"xss-actor-{n}",
            kind="organisation" if hub is None else "person",
            speaks_for=None if hub is None else hub.actor,
            description=tagged(f"Describes {n}:", chunk),
            note=f"Actor note {n}:\n{ALL}",
        ),
        editor,
    )
    alias = saved(ActorAlias(actor=actor, name=tagged(f"Alias {n}:", chunk)), editor)
    claim = saved(
        Claim(
            slug=f"xss-claim-{n}",
            text=tagged(f"Claim {n}:", chunk),
            note=f"Claim note {n}:\n{ALL}",
        ),
        editor,
    )
    statement = saved(
        Statement(
            actor=actor,
            claim=claim,
            stance=("asserted", "denied", "confirmed", "noncommittal")[n % 4],
            made_on=datetime.date(2022, 10, 17) - datetime.timedelta(days=n),
            made_on_precision="day",
            date_wording=tagged(f"Said {n}:", chunk),
            note=f"Statement note {n}:\n{ALL}",
        ),
        editor,
    )
    records = RecordSet(outlet, article, actor, alias, claim, statement)
    records.quotes.append(quoted(statement, article, words, editor))
    if hub is not None:
        records.quotes.append(quoted(statement, hub.article, words, editor))
    # A second version of each, so that the history pages show changes, not only creations.
    for record, name in ((outlet, "note"), (article, "note"), (actor, "note"), (claim, "note")):
        setattr(record, name, getattr(record, name) + "\n" + words)
        saved(record, editor, tagged(f"Edit {n}:", chunk[:1])[:REASON_FIELD])
    return records
