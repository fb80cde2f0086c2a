"""The change log made readable: names and links for the records a change points to,
dates in the site's format, a word-level diff of long text, and a statement's quotes
being added, moved, corrected and removed, in that statement's history.

Reads a bounded number of queries per page: the records that changed fields point to
are read in one query per related model, however many versions are shown.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils import dateformat

from claims.models import Quote
from claimtracker import links
from sources import dates

HIDDEN_FIELDS = {"version", "updated_at"}
LONG_TEXT = 120  # characters: past this a change is shown as a diff of words
CONTEXT_WORDS = 8  # unchanged words kept on each side of a change
QUOTE_FIELDS = ("start", "end", "text")
WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Shown:
    """A value as a reader sees it: text, and the address of the record it names."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Words:
    """A run of a word-level diff: "same", "removed" or "added" text."""

    kind: str
    text: str


@dataclass(frozen=True)
class Change:
    field: str
    before: Shown
    after: Shown
    words: tuple[Words, ...] = ()  # for long text: the words removed and added


@dataclass
class Entry:
    """One line of a history: a version of the record, or an event of one of its quotes."""

    date: datetime.datetime
    user: object
    action: str  # "created", "changed", "deleted", "added a quote", ...
    reason: str = ""
    version: object = None  # the record's own version, linked to its permalink
    changes: list[Change] = field(default_factory=list)


def shown(value: object, related: models.Model | None = None) -> Shown:
    if value is None or value == "":
        return Shown("—")
    if related is not None:
        url = related.get_absolute_url() if hasattr(related, "get_absolute_url") else ""
        return Shown(str(related), url)
    if isinstance(value, datetime.datetime):
        return Shown(dateformat.format(value, "j F Y, H:i"))
    if isinstance(value, datetime.date):
        return Shown(dates.describe(value, dates.Precision.DAY))
    return Shown(str(value))


def word_diff(before: str, after: str) -> tuple[Words, ...]:
    """The words removed and added between two texts, with a few unchanged words of
    context around each change and the long unchanged stretches cut to "…"."""
    old, new = WORDS.findall(before), WORDS.findall(after)
    runs: list[Words] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(Words("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(Words("removed", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(Words("added", "".join(new[j1:j2])))
    return tuple(_trimmed(runs))


def _trimmed(runs: Sequence[Words]) -> Iterable[Words]:
    keep = CONTEXT_WORDS * 2  # tokens: a word and the space after it
    for index, run in enumerate(runs):
        tokens = WORDS.findall(run.text)
        if run.kind != "same" or len(tokens) <= 2 * keep + 2:
            yield run
        elif index == 0:
            yield Words("same", "… " + "".join(tokens[-keep:]))
        elif index == len(runs) - 1:
            yield Words("same", "".join(tokens[:keep]) + " …")
        else:
            yield Words("same", "".join(tokens[:keep]) + " … " + "".join(tokens[-keep:]))


class Describer:
    """Turns the changes between versions of one model into readable Changes, reading
    every related record the versions name in one query per related model."""

    def __init__(self, model: type[models.Model], pairs: Sequence[tuple[object, object]]):
        self.model = model
        self.deltas = [
            (newer, [c for c in newer.diff_against(older).changes if c.field not in HIDDEN_FIELDS])
            if older is not None
            else (newer, [])
            for newer, older in pairs
        ]
        wanted: dict[type[models.Model], set] = defaultdict(set)
        for _, changes in self.deltas:
            for change in changes:
                related = self.related_model(change.field)
                if related is not None:
                    wanted[related] |= {v for v in (change.old, change.new) if v is not None}
        self.records = {
            related: related._base_manager.in_bulk(list(ids)) for related, ids in wanted.items()
        }

    def related_model(self, name: str) -> type[models.Model] | None:
        try:
            model_field = self.model._meta.get_field(name)
        except Exception:  # a field the model no longer has
            return None
        return model_field.related_model if model_field.many_to_one else None

    def label(self, name: str) -> str:
        try:
            return str(self.model._meta.get_field(name).verbose_name)
        except Exception:
            return name

    def value(self, name: str, value: object) -> Shown:
        related = self.related_model(name)
        if related is None or value is None:
            return shown(value)
        record = self.records.get(related, {}).get(value)
        if record is None:
            return Shown(f"{related._meta.verbose_name} {value} (deleted)")
        return shown(value, record)

    def changes_of(self, changes) -> list[Change]:
        described = []
        for change in changes:
            before, after = (
                self.value(change.field, change.old),
                self.value(change.field, change.new),
            )
            long = (
                isinstance(change.old, str)
                and isinstance(change.new, str)
                and (max(len(change.old), len(change.new)) > LONG_TEXT)
            )
            words = word_diff(change.old, change.new) if long else ()
            described.append(Change(self.label(change.field), before, after, words))
        return described

    def entries(self) -> list[Entry]:
        return [
            Entry(
                date=newer.history_date,
                user=newer.history_user,
                action=ACTIONS[newer.history_type],
                reason=newer.history_change_reason or "",
                version=newer,
                changes=self.changes_of(changes),
            )
            for newer, changes in self.deltas
        ]


ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def history_entries(model: type[models.Model], versions: Sequence[object]) -> list[Entry]:
    """Versions newest first, each with what changed since the one before it."""
    pairs = list(zip(versions, [*versions[1:], None], strict=True))
    return Describer(model, pairs).entries()


def quote_entries(statement_id: int, limit: int) -> list[Entry]:
    """What happened to the quotes of a statement: added, corrected, moved in or out,
    removed; each with the quote's words and what changed."""
    ids = Quote.history.filter(statement_id=statement_id).values("id").distinct()
    versions = list(
        Quote.history.filter(id__in=ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")[: limit * 4]
    )
    events = []
    previous = {}
    for version in versions:
        before = previous.get(version.id)
        previous[version.id] = version
        event = _quote_event(statement_id, version, before)
        if event is not None:
            events.append(event)
    events.sort(key=lambda entry: entry.date, reverse=True)
    return events[:limit]


def _quote_event(statement_id: int, version, before) -> Entry | None:
    here, was_here = (
        version.statement_id == statement_id,
        bool(before and before.statement_id == statement_id),
    )
    article = links.page_of("sources:article-detail", version.article_id)
    words = Shown(version.text, f"{article}#quote-{version.id}")
    if version.history_type == "-":
        action = "removed a quote" if here or was_here else ""
    elif before is None:
        action = "added a quote" if here else ""
    elif here and not was_here:
        action = f"moved a quote here from statement #{before.statement_id}"
    elif was_here and not here:
        action = f"moved a quote to statement #{version.statement_id}"
    elif here:
        action = "corrected a quote"
    else:
        action = ""
    if not action:
        return None
    changes = [Change("quote", Shown("—"), words)] if action != "corrected a quote" else []
    if action == "corrected a quote" and before is not None:
        for name in QUOTE_FIELDS:
            old, new = getattr(before, name), getattr(version, name)
            if old != new:
                long = name == "text" and max(len(old), len(new)) > LONG_TEXT
                changes.append(
                    Change(name, shown(old), shown(new), word_diff(old, new) if long else ())
                )
        if not changes:
            return None
    if action == "removed a quote":
        changes = [Change("quote", words, Shown("—"))]
    return Entry(
        date=version.history_date,
        user=version.history_user,
        action=action,
        reason=version.history_change_reason or "",
        changes=changes,
    )
