"""Writes that touch several records: one transaction each, validated like the forms."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_update_with_history

from claims import cached, suggestions
from claims.models import Actor, ActorAlias, Claim, MergedActor, MergedClaim, Quote, Statement
from sources import text
from sources.models import Article


@dataclass(frozen=True)
class QuoteSpec:
    """A quote as an editor or a client types it: the words, and where they start when
    they occur more than once."""

    article: Article
    text: str
    start: int | None = None


class UnanchoredQuote(ValidationError):
    """The typed words are not in the article body once: not at all, or several times
    (`occurrences` lists where, for the editor to choose)."""

    def __init__(self, errors: dict[str, str], occurrences: Sequence[int] = ()) -> None:
        super().__init__(errors)
        self.occurrences = list(occurrences)


def anchor_quote(spec: QuoteSpec, *, relocate: bool = False) -> text.Anchor:
    """Where a quote's typed words lie in its article body: the one place where typed
    quote text becomes offsets, for the statement form, the admin and the API.

    `start` picks one of several occurrences and must hold the words. With `relocate`,
    a start that does not is taken for a stale selection (the editor changed the words
    after selecting them) and the words are looked for again.
    """
    body, words, start = spec.article.body, spec.text, spec.start
    if not words:
        raise UnanchoredQuote({"text": "Give the quoted words."})
    found = text.find_all(body, words)
    if start is not None and start in found:
        return text.anchor(body, start, start + len(words))
    if start is not None and not relocate:
        where = f"they occur at {_characters(found)}" if found else "they do not occur in it"
        raise UnanchoredQuote(
            {"start": f"The article's text at {start} is not the quoted words ({where})."},
            occurrences=found,
        )
    if not found:
        raise UnanchoredQuote({"text": "These words do not occur in the article exactly as given."})
    if len(found) > 1:
        raise UnanchoredQuote(
            {
                "start": f"These words occur {len(found)} times in the article (at "
                f"{_characters(found)}): give the start of the one you mean."
            },
            occurrences=found,
        )
    return text.anchor(body, found[0], found[0] + len(words))


def _characters(starts: Sequence[int]) -> str:
    shown = ", ".join(str(at) for at in starts[:10])
    more = f" and {len(starts) - 10} more" if len(starts) > 10 else ""
    return f"character{'s' if len(starts) > 1 else ''} {shown}{more}"


def build_quote(statement: Statement, spec: QuoteSpec) -> Quote:
    anchored = anchor_quote(spec)
    quote = Quote(
        statement=statement,
        article=spec.article,
        start=anchored.start,
        end=anchored.end,
        text=anchored.text,
        prefix=anchored.prefix,
        suffix=anchored.suffix,
    )
    quote.full_clean(exclude=["statement", "version"])
    return quote


class AlreadyRecorded(Exception):
    """The statement is already recorded: the same one reported by another article is
    one statement with another quote."""

    def __init__(self, existing: Statement) -> None:
        super().__init__(f"Already recorded as statement #{existing.pk}.")
        self.existing = existing


def record_statement(
    *,
    actor: Actor,
    claim: Claim,
    stance: str,
    made_on: datetime.date,
    made_on_precision: str,
    quotes: Sequence[QuoteSpec],
    speaker: Actor | None = None,
    date_wording: str = "",
    note: str = "",
    allow_duplicate: bool = True,
) -> Statement:
    """A new statement with its quotes, all or nothing.

    Without `allow_duplicate`, a valid statement that is already recorded (the same
    actor, claim and stance within the duplicate window) raises AlreadyRecorded."""
    if not quotes:
        raise ValidationError({"quotes": "A statement needs at least one quote."})
    statement = Statement(
        actor=actor,
        speaker=speaker,
        claim=claim,
        stance=stance,
        made_on=made_on,
        made_on_precision=made_on_precision,
        date_wording=date_wording,
        note=note,
    )
    statement.full_clean(exclude=["version"])
    errors = {}
    built = []
    for index, spec in enumerate(quotes):
        try:
            built.append(build_quote(statement, spec))
        except ValidationError as error:
            errors[f"quotes[{index}]"] = (
                [
                    f"{field}: {message}"
                    for field, msgs in error.message_dict.items()
                    for message in msgs
                ]
                if hasattr(error, "error_dict")
                else error.messages
            )
    if errors:
        raise ValidationError(errors)
    if not allow_duplicate:
        similar = suggestions.similar_statements(
            actor=actor, claim=claim, made_on=made_on, stance=stance
        )
        # The nearest in date is the one meant (several may lie within the window).
        existing = min(similar, key=lambda s: (abs(s.made_on - made_on), s.pk), default=None)
        if existing is not None:
            raise AlreadyRecorded(existing)
    with transaction.atomic():
        statement.save()
        for quote in built:
            quote.statement = statement
            quote.save()
    return statement


def add_quote(*, statement: Statement, spec: QuoteSpec) -> Quote:
    quote = build_quote(statement, spec)
    duplicate = statement.quotes.filter(article=quote.article, start=quote.start, end=quote.end)
    if duplicate.exists():
        raise ValidationError({"text": "This statement already has this quote."})
    quote.save()
    return quote


def join_statement(*, statement: Statement, spec: QuoteSpec, adopt: dict[str, str]) -> Quote:
    """Add a quote to a statement already recorded and adopt the facts the editor chose
    from what they typed (see claims.joining): "speaker" (a slug), "date"
    ("YYYY-MM-DD/precision"), "date_wording", "note". All or nothing; validated like an
    edit, and the statement's history says what the joining quote brought."""
    with transaction.atomic():
        quote = add_quote(statement=statement, spec=spec)
        if not adopt:
            return quote
        if "speaker" in adopt:
            speaker = Actor.objects.persons().filter(slug=adopt["speaker"]).first()
            if speaker is None:
                raise ValidationError({"speaker": f"No person has the slug “{adopt['speaker']}”."})
            statement.speaker = speaker
        if "date" in adopt:
            made_on, _, precision = adopt["date"].partition("/")
            try:
                statement.made_on = datetime.date.fromisoformat(made_on)
            except ValueError:
                raise ValidationError({"made_on": f"Not a date: “{made_on}”."}) from None
            statement.made_on_precision = precision
        for name in ("date_wording", "note"):
            if name in adopt:
                setattr(statement, name, adopt[name])
        statement.full_clean(exclude=["version"])
        adopted = ", ".join(sorted(adopt))
        statement._change_reason = f"joined by a quote from article {spec.article.pk}: {adopted}"
        statement.save()
    return quote


def remove_quote(quote: Quote) -> None:
    """Take a quote off its statement; claims.signals refuses a statement's only one."""
    with transaction.atomic():
        # Locks the statement's quotes: two removals at once cannot both pass the check.
        list(Quote.objects.select_for_update().filter(statement_id=quote.statement_id))
        quote.delete()


def _move(queryset, field: str, target, reason: str, user=None) -> int:
    """Point `field` of every row at `target`, keeping a history row for each."""
    rows = list(queryset)
    if not rows:
        return 0
    versioned = hasattr(rows[0], "version")
    for row in rows:
        setattr(row, field, target)
        if versioned:
            row.version += 1
    bulk_update_with_history(
        rows,
        type(rows[0]),
        [field, "version"] if versioned else [field],
        batch_size=1000,
        default_change_reason=reason,
        default_user=user,
    )
    cached.data_changed()  # a bulk update sends no signal
    return len(rows)


def merge_actors(*, source: Actor, target: Actor, user=None) -> Actor:
    """Fold `source` into `target`: its statements, spokespeople and names move to
    `target`, its URL redirects there, and every moved record keeps its history."""
    if source.pk == target.pk:
        raise ValidationError({"into": "An actor cannot be merged into itself."})
    if source.kind != target.kind:
        raise ValidationError(
            {
                "into": f"{source} is a {source.kind} and {target} a {target.kind}; merge "
                "only actors of the same kind."
            }
        )
    reason = f"merged actor {source.slug} into {target.slug}"
    with transaction.atomic():
        _move(Statement.objects.filter(actor=source), "actor", target, reason, user)
        _move(Statement.objects.filter(speaker=source), "speaker", target, reason, user)
        _move(Actor.objects.filter(speaks_for=source), "speaks_for", target, reason, user)
        _move(MergedActor.objects.filter(actor=source), "actor", target, reason, user)
        # The moved statements, and those of the moved spokespeople, now count for the
        # target; refreshed before the source goes, as their stored party protects it.
        Statement.objects.filter(Q(actor=target) | Q(actor__speaks_for=target)).refresh_party()
        taken = {target.name.casefold(), *(a.name.casefold() for a in target.aliases.all())}
        names = [source.name, *(alias.name for alias in source.aliases.all())]
        source.aliases.all().delete()
        for name in names:
            if name.casefold() not in taken:
                ActorAlias.objects.create(actor=target, name=name)
                taken.add(name.casefold())
        keep_what_it_said(source, target, source.name, reason)
        old_slug = source.slug
        source._change_reason = reason
        source.delete()
        MergedActor.objects.create(old_slug=old_slug, actor=target)
    return target


def merge_claims(*, source: Claim, target: Claim, user=None) -> Claim:
    """Fold `source` into `target`: its statements move, its URL redirects there."""
    if source.pk == target.pk:
        raise ValidationError({"into": "A claim cannot be merged into itself."})
    reason = f"merged claim {source.slug} into {target.slug}"
    with transaction.atomic():
        _move(Statement.objects.filter(claim=source), "claim", target, reason, user)
        _move(MergedClaim.objects.filter(claim=source), "claim", target, reason, user)
        keep_what_it_said(source, target, source.text, reason)
        old_slug = source.slug
        source._change_reason = reason
        source.delete()
        MergedClaim.objects.create(old_slug=old_slug, claim=target)
    return target


def keep_what_it_said(
    source: Actor | Claim, target: Actor | Claim, label: str, reason: str
) -> None:
    """A merge loses no description or note: the source's short description fills an
    empty one, and otherwise joins the notes, appended with where it came from."""
    changed, additions = False, []
    description = getattr(source, "description", "").strip()
    if description and description != getattr(target, "description", "").strip():
        if not target.description.strip():
            target.description, changed = description, True
        else:
            additions.append(f"described as: {description}")
    if source.note.strip() and source.note.strip() not in target.note:
        additions.append(source.note.strip())
    if additions:
        origin = f"From {label} ({source.slug}), merged into this {target._meta.verbose_name}:"
        target.note = "\n\n".join(filter(None, [target.note.strip(), origin, *additions]))
        changed = True
    if changed:
        target._change_reason = reason
        target.save()


# The history reason of a quote deleted because its statement was (claims.signals).
DELETED_WITH_STATEMENT = "deleted with statement {}"


@dataclass(frozen=True)
class Restored:
    statement: Statement
    quotes: list[Quote]
    left_out: list[str]  # the quotes that could not be found in their articles, and why


def restore_statement(version) -> Restored:
    """Bring back a deleted statement as `version` has it, with the quotes it had when it
    was deleted, each checked against its article's body as it is now: a quote whose
    words moved is re-anchored; one whose words are gone is left out and listed. All or
    nothing, and never a statement without a quote."""
    deletion = (
        Statement.history.filter(id=version.id, history_type="-").order_by("-history_date").first()
    )
    if deletion is None or Statement.objects.filter(pk=version.id).exists():
        raise ValidationError("Only a deleted statement is restored with its quotes.")
    # The quotes that went with it say so in their history (claims.signals); a quote
    # removed earlier on its own stays removed.
    gone = list(
        Quote.history.filter(
            statement_id=version.id,
            history_type="-",
            history_change_reason=DELETED_WITH_STATEMENT.format(version.id),
        ).order_by("history_date", "history_id")
    )
    existing = set(Quote.objects.filter(pk__in=[v.id for v in gone]).values_list("pk", flat=True))
    with transaction.atomic():
        statement = version.instance
        statement._change_reason = f"restored version {version.history_id}, with its quotes"
        statement.full_clean(exclude=["version"], validate_unique=False)
        statement.save()
        restored, left_out = [], []
        for quote_version in gone:
            if quote_version.id in existing:
                continue
            quote = quote_version.instance
            try:
                anchored = anchor_quote(
                    QuoteSpec(quote.article, quote.text, quote.start), relocate=True
                )
            except UnanchoredQuote as error:
                left_out.append(f"quote {quote.pk} “{quote.text[:80]}”: {' '.join(error.messages)}")
                continue
            quote.start, quote.end, quote.text = anchored.start, anchored.end, anchored.text
            quote.prefix, quote.suffix = anchored.prefix, anchored.suffix
            quote._change_reason = f"restored with statement {statement.pk}"
            quote.save()
            restored.append(quote)
        if not restored:
            raise ValidationError(
                "None of its quotes can be found in their articles any more, and a statement "
                "needs one: " + "; ".join(left_out or ["it had none"])
            )
    return Restored(statement, restored, left_out)
