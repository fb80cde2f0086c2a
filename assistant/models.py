"""What editors decided about the assistant's proposals: the data its precision in real
use is read from, and what an undo needs to remove exactly what an accept created."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", "accepted"
    DISMISSED = "dismissed", "dismissed"


class DecisionQuerySet(models.QuerySet):
    def standing(self) -> DecisionQuerySet:
        """The decisions that hold: an undone accept returned its proposal to the list."""
        return self.filter(undone_at__isnull=True)

    def on_article(self, article: Article) -> DecisionQuerySet:
        return self.filter(article=article)


class Decision(models.Model):
    """One editor's verdict on one proposal of one article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    # assistant.decisions.fingerprint: the same span, actor, stance and claim.
    fingerprint = models.CharField(max_length=64)
    # The proposal as the editor saw it (Proposal.as_json()), so the assistant's
    # output can be compared with what was made of it after the rules change.
    proposal = models.JSONField()
    confidence = models.FloatField(help_text="The proposal's confidence, for precision by band.")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    adjusted = models.BooleanField(
        default=False, help_text="Accepted after changing it in the statement form."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    # What an accept created or joined; an undo removes exactly these.
    statement = models.ForeignKey(
        Statement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    quote = models.ForeignKey(
        Quote, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_statement = models.BooleanField(
        default=False, help_text="The accept recorded a new statement (rather than joining one)."
    )
    created_actors = models.ManyToManyField(Actor, blank=True, related_name="+")
    created_claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            # Two editors deciding on one proposal at once: one of them wins.
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=models.Q(undone_at__isnull=True),
                name="assistant_one_standing_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(verdict__in=Verdict.values), name="assistant_verdict_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["article", "fingerprint"], name="assistant_article_fp_idx"),
            models.Index(fields=["verdict", "decided_at"], name="assistant_verdict_idx"),
        ]

    def __str__(self) -> str:
        actor = (self.proposal.get("actor") or {}).get("name", "?")
        return f"{self.verdict} on article {self.article_id}: {actor} {self.proposal.get('stance')}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
