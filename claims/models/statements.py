"""Statements, and the quotes that back them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Length
from simple_history.models import HistoricalRecords

from claims import cached
from claims.models.actors import Actor
from claims.models.choices import ActorKind, DatePrecision, Stance, choices_check
from claims.models.claims import Claim
from claimtracker import links
from claimtracker.versioning import Versioned
from sources import dates, text
from sources.models import Article


class StatementQuerySet(models.QuerySet):
    def by_actor(self, actor: Actor) -> StatementQuerySet:
        return self.by_actors([actor])

    def by_actors(self, actors) -> StatementQuerySet:
        """The actors' own statements, those of the people who speak for them, and
        (for a person) the statements they made as speaker."""
        return self.filter(
            models.Q(party__in=actors) | models.Q(actor__in=actors) | models.Q(speaker__in=actors)
        )

    def on_claim(self, claim: Claim) -> StatementQuerySet:
        return self.filter(claim=claim)

    def chronological(self) -> StatementQuerySet:
        return self.order_by("made_on", "id")

    def refresh_party(self) -> int:
        """Recompute the stored party of these statements from their actors, in one
        UPDATE (after an actor's speaks_for changes, or statements change actor)."""
        speaks_for = Actor.objects.filter(pk=models.OuterRef("actor_id")).values("speaks_for_id")
        changed = self.update(party_id=Coalesce(models.Subquery(speaks_for), "actor_id"))
        cached.data_changed()  # an UPDATE sends no signal
        return changed

    def bulk_create(self, objs, *args, **kwargs):
        # save() derives the party; bulk inserts bypass it, so derive it here.
        objs = list(objs)
        missing = {obj.actor_id for obj in objs if obj.party_id is None}
        if missing:
            actors = Actor.objects.only("speaks_for").in_bulk(missing)
            for obj in objs:
                if obj.party_id is None:
                    obj.party_id = actors[obj.actor_id].counts_for_id
        cached.data_changed()  # bulk inserts send no signal
        return super().bulk_create(objs, *args, **kwargs)

    def with_previous_stance(self) -> StatementQuerySet:
        """Annotate the stance, date and precision of the same party's previous
        statement on the same claim, so position changes show in any list with one
        correlated lookup per row, served by the (party, claim, made_on, id) index.

        Annotate a page of rows, not a whole filtered list: before a sort, a database
        computes these for every row it sorts (see claims.views.pagination)."""
        previous = (
            Statement.objects.filter(
                claim_id=models.OuterRef("claim_id"), party_id=models.OuterRef("party_id")
            )
            # Before (made_on, id), written as "on or before the day, not a later id
            # that day": the day bound is an index condition, so the lookup starts at
            # the statement. The equivalent OR scanned the party's whole thread (800 ms
            # for a page of the busiest claim at 1,000,000 statements).
            .filter(made_on__lte=models.OuterRef("made_on"))
            .exclude(made_on=models.OuterRef("made_on"), id__gte=models.OuterRef("id"))
            .order_by("-made_on", "-id")
        )
        return self.annotate(
            previous_stance=models.Subquery(previous.values("stance")[:1]),
            previous_made_on=models.Subquery(previous.values("made_on")[:1]),
            previous_precision=models.Subquery(previous.values("made_on_precision")[:1]),
        )

    def position_changes(self) -> StatementQuerySet:
        """Statements whose stance differs from their party's previous one on the claim."""
        return (
            self.with_previous_stance()
            .exclude(previous_stance=None)
            .exclude(previous_stance=models.F("stance"))
        )

    def with_sources(self) -> StatementQuerySet:
        return self.select_related("actor", "speaker", "claim").prefetch_related(
            models.Prefetch(
                "quotes", queryset=Quote.objects.select_related("article__outlet").order_by("id")
            )
        )


class Statement(Versioned):
    """One actor's dated position on one claim, backed by one or more quotes."""

    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="The party whose position this is.",
    )
    # Derived, never typed in: the actor this statement counts for (its actor's state or
    # organisation, else the actor). Stored so that histories, position changes and the
    # actor facet read one indexed column instead of joining through speaks_for.
    party = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="party_statements",
        editable=False,
        help_text="Derived: the actor's state or organisation, else the actor.",
    )
    speaker = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spoken_statements",
        limit_choices_to={"kind": ActorKind.PERSON},
        help_text="The person who said it, if named.",
    )
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="statements")
    stance = models.CharField(max_length=16, choices=Stance.choices)
    made_on = models.DateField(
        "date made", help_text="For month or year precision, the first day of the month or year."
    )
    made_on_precision = models.CharField(
        "date precision", max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_wording = models.CharField(
        max_length=200,
        blank=True,
        help_text="The article's wording for the date, e.g. “on Monday”.",
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["party"])  # derived from the actor
    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-id"]
        constraints = [
            choices_check("stance", Stance, "statement_stance_valid"),
            choices_check("made_on_precision", DatePrecision, "statement_precision_valid"),
        ]
        # One index per filter of the statement list; the composite ones also serve the
        # per-actor and per-claim histories, which read in date order.
        indexes = [
            models.Index(fields=["made_on", "id"], name="statement_made_on_idx"),
            models.Index(fields=["actor", "made_on"], name="statement_actor_date_idx"),
            models.Index(fields=["speaker", "made_on"], name="statement_speaker_date_idx"),
            models.Index(fields=["claim", "made_on"], name="statement_claim_date_idx"),
            models.Index(fields=["stance", "made_on"], name="statement_stance_date_idx"),
            # A claim's first confirmation and last denial, read for every listed claim.
            models.Index(fields=["claim", "stance", "made_on"], name="statement_claim_stance_idx"),
            # Each party's first confirmation and last denial of a claim, grouped from the
            # index alone (queries.party_voices).
            models.Index(
                fields=["claim", "stance", "party", "made_on"], name="statement_party_voice_idx"
            ),
            # A party's thread on a claim in date order: previous stances, position
            # changes, actor histories and the actor facet.
            # With the stance last, a party's position changes are found in it alone.
            models.Index(
                fields=["party", "claim", "made_on", "id", "stance"],
                name="statement_party_thread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.stance}: {self.claim} ({self.made_on_display})"

    def get_absolute_url(self) -> str:
        return links.page_of("claims:statement-detail", self.pk)

    def save(self, *args, **kwargs) -> None:
        # The party is derived by claims.signals.derive_party, which loaddata also runs.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "party"}
        super().save(*args, **kwargs)

    @property
    def made_on_display(self) -> str:
        return dates.describe(self.made_on, dates.Precision(self.made_on_precision))

    @property
    def made_on_phrase(self) -> str:
        return dates.describe_when(self.made_on, self.made_on_precision)

    @property
    def is_position_change(self) -> bool:
        """Needs with_previous_stance(); False when not annotated."""
        previous = getattr(self, "previous_stance", None)
        return previous is not None and previous != self.stance

    @property
    def previous_display(self) -> str:
        previous = getattr(self, "previous_made_on", None)
        if previous is None:
            return ""
        return f"{self.previous_stance} {dates.describe_when(previous, self.previous_precision)}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.speaker_id and self.speaker.kind != ActorKind.PERSON:
            errors["speaker"] = (
                f"{self.speaker} is a {self.speaker.kind}; a speaker must be a person."
            )
        if self.made_on and self.made_on_precision in DatePrecision.values:
            precision = dates.Precision(self.made_on_precision)
            if dates.normalise(self.made_on, precision) != self.made_on:
                errors["made_on"] = (
                    f"With {precision} precision the date must be the first day of its "
                    f"{precision}: {dates.normalise(self.made_on, precision):%Y-%m-%d}."
                )
        if self.date_wording and self.made_on_precision in DatePrecision.values:
            implied = dates.wording_precision(self.date_wording)
            if implied and implied != self.made_on_precision:
                errors["made_on_precision"] = (
                    f"The wording “{self.date_wording}” gives {implied} precision, "
                    f"not {self.made_on_precision}."
                )
        if errors:
            raise ValidationError(errors)


class Quote(Versioned):
    """A verbatim span of an article body that supports a statement."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="quotes")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="quotes")
    start = models.PositiveIntegerField(help_text="Offset of the first character, in code points.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character.")
    text = models.TextField(help_text="Exactly article.body[start:end].")
    prefix = models.CharField(max_length=64, blank=True, help_text="Text just before the quote.")
    suffix = models.CharField(max_length=64, blank=True, help_text="Text just after the quote.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="quote_span_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(end=models.F("start") + Length("text")),
                name="quote_length_matches_span",
            ),
            models.UniqueConstraint(
                fields=["statement", "article", "start", "end"], name="quote_unique_per_statement"
            ),
        ]
        indexes = [models.Index(fields=["article", "start"], name="quote_article_start_idx")]

    def __str__(self) -> str:
        return f"“{self.text[:80]}”"

    def is_valid(self) -> bool:
        return text.matches(self.article.body, self.start, self.end, self.text)

    def problem(self) -> str:
        """Why this quote does not match its article body, or "" when it does."""
        body = self.article.body
        if self.end is None or self.start is None or not 0 <= self.start < self.end <= len(body):
            return (
                f"The span {self.start}–{self.end} lies outside the article body "
                f"({len(body)} characters)."
            )
        if body[self.start : self.end] != self.text:
            found = text.find_all(body, self.text)
            where = f" (the text occurs at {', '.join(map(str, found[:5]))})" if found else ""
            return (
                f"The text does not match the article body at {self.start}–{self.end}: the body "
                f"there reads “{body[self.start : self.end][:60]}”{where}."
            )
        return ""

    def clean(self) -> None:
        if self.article_id is None or self.start is None or self.end is None:
            return
        problem = self.problem()
        if problem:
            raise ValidationError({"text": problem})

    def set_context(self) -> None:
        anchored = text.anchor(self.article.body, self.start, self.end)
        self.prefix, self.suffix = anchored.prefix, anchored.suffix
