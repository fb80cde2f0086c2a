"""Actors, their aliases, and the slugs of actors merged into others."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from claims.models.choices import SPOKESBODY_KINDS, ActorKind, choices_check
from claimtracker import links
from claimtracker.versioning import Versioned


class ActorQuerySet(models.QuerySet):
    def persons(self) -> ActorQuerySet:
        return self.filter(kind=ActorKind.PERSON)


class Actor(Versioned):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=ActorKind.choices)
    speaks_for = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spokespeople",
        limit_choices_to={"kind__in": SPOKESBODY_KINDS},
        help_text="For a person: the state or organisation they speak for.",
    )
    description = models.CharField(max_length=300, blank=True, help_text="e.g. Kremlin spokesman")
    note = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_check("kind", ActorKind, "actor_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(speaks_for__isnull=True) | models.Q(kind=ActorKind.PERSON),
                name="actor_only_persons_speak_for",
            ),
            models.UniqueConstraint(Lower("name"), name="actor_name_unique_ci"),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="actor_kind_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return links.page_of("claims:actor-detail", self.slug)

    @property
    def counts_for_id(self) -> int:
        """The party its statements count for (Statement.party): the state or
        organisation it speaks for, else itself."""
        return self.speaks_for_id or self.pk

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:  # a new actor has no statements yet
            # Its statements count for the party it speaks for: follow a change of it.
            self.statements.exclude(party_id=self.counts_for_id).refresh_party()

    def clean(self) -> None:
        errors = {}
        if self.speaks_for_id:
            if self.kind != ActorKind.PERSON:
                errors["speaks_for"] = "Only a person can speak for a state or organisation."
            elif self.speaks_for.kind not in SPOKESBODY_KINDS:
                errors["speaks_for"] = (
                    f"{self.speaks_for} is a {self.speaks_for.kind}; a person can only speak "
                    "for a state or an organisation."
                )
            elif self.speaks_for_id == self.pk:
                errors["speaks_for"] = "An actor cannot speak for itself."
        if self.pk and self.kind not in SPOKESBODY_KINDS:
            speakers = list(
                Actor.objects.filter(speaks_for_id=self.pk)
                .order_by("name")
                .values_list("name", flat=True)[:6]
            )
            if speakers:
                who = ", ".join(speakers[:5]) + (" and others" if len(speakers) > 5 else "")
                errors["kind"] = (
                    f"{who} speak{'s' if len(speakers) == 1 else ''} for {self.name}, so it "
                    "stays a state or an organisation: have them speak for another first."
                )
        if self.name:
            clash = ActorAlias.objects.filter(name__iexact=self.name.strip())
            if self.pk:
                clash = clash.exclude(actor_id=self.pk)
            alias = clash.select_related("actor").first()
            # The unique constraint on the name, whatever its case, would only say that
            # it is violated, on no field; with the name in error here, full_clean
            # leaves that constraint out.
            namesake = Actor.objects.filter(name__iexact=self.name.strip())
            namesake = namesake.exclude(pk=self.pk).first() if self.pk else namesake.first()
            if alias:
                errors["name"] = f"“{self.name}” is already an alias of {alias.actor}."
            elif namesake:
                errors["name"] = f"Another actor is already called “{namesake.name}”."
        if errors:
            raise ValidationError(errors)


class ActorAlias(models.Model):
    """Another spelling of an actor's name ("Kiev" for Kyiv, "Kannani" for Kanaani)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        constraints = [
            # One spelling names one actor, whatever its case.
            models.UniqueConstraint(Lower("name"), name="actor_alias_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        name = self.name.strip()
        if not name:
            return
        owner = (
            Actor.objects.filter(name__iexact=name).exclude(pk=self.actor_id).first()
            or Actor.objects.filter(aliases__name__iexact=name)
            .exclude(aliases__pk=self.pk)
            .exclude(pk=self.actor_id)
            .first()
        )
        if owner:
            raise ValidationError({"name": f"“{name}” already names another actor: {owner}."})


class MergedActor(models.Model):
    """The slug of an actor merged into another, so its old URLs redirect."""

    old_slug = models.SlugField(max_length=100, unique=True)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="merged_slugs")
    merged_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.actor.slug}"
