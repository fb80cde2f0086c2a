"""Claims, and the slugs of claims merged into others."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from claimtracker import links
from claimtracker.versioning import Versioned


class Claim(Versioned):
    """A proposition tracked over time, phrased neutrally."""

    slug = models.SlugField(max_length=100, unique=True)
    text = models.CharField(max_length=500, unique=True)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["text"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return links.page_of("claims:claim-detail", self.slug)


class MergedClaim(models.Model):
    """The slug of a claim merged into another, so its old URLs redirect."""

    old_slug = models.SlugField(max_length=100, unique=True)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="merged_slugs")
    merged_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.claim.slug}"
