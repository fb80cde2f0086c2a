"""Statement counts per facet value and per pair of facet values, kept by the database.

Never written by the application: triggers in claims.database.tallies keep both tables
exact in the same transaction as every write to statements, quotes and articles. The
statement list reads its counts here instead of grouping every statement
(claims.facets); see claims.database.tallies for what a tag and a pair are.
"""

from __future__ import annotations

from django.db import models

NO_FACET = ""  # the tag every statement has: paired with it, a value's own count


class Tally(models.Model):
    facet_a = models.CharField(max_length=8)
    value_a = models.CharField(max_length=40)
    facet_b = models.CharField(max_length=8)
    value_b = models.CharField(max_length=40)
    statements = models.IntegerField()

    class Meta:
        db_table = "claims_tally"
        constraints = [
            models.UniqueConstraint(
                fields=["facet_a", "value_a", "facet_b", "value_b"], name="tally_pair_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet_a}={self.value_a} & {self.facet_b}={self.value_b}: {self.statements}"


class StatementTag(models.Model):
    """The tags a statement was last counted under, so a write can take them away."""

    statement_id = models.BigIntegerField()
    facet = models.CharField(max_length=8)
    value = models.CharField(max_length=40)

    class Meta:
        db_table = "claims_statementtag"
        indexes = [
            # Covering: a search's facet counts read the tags of its matches from the index.
            models.Index(fields=["statement_id", "facet", "value"], name="statementtag_idx"),
            # The statements with a tag in one index range: the outlet filter
            # (claims.filters.by_outlets) reads it instead of joining every quote.
            models.Index(fields=["facet", "value", "statement_id"], name="statementtag_value_idx"),
        ]

    def __str__(self) -> str:
        return f"statement {self.statement_id}: {self.facet}={self.value}"


class ScopeVersion(models.Model):
    """A token per cache scope ("claim:17", "actor:4"), replaced in the same transaction
    as every write to a statement of that claim or actor (claims.cached)."""

    scope = models.CharField(max_length=40, unique=True)
    token = models.CharField(max_length=32)

    class Meta:
        db_table = "claims_scopeversion"

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"
