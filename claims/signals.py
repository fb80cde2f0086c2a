"""Guards and derived fields that hold for every way a quote, an article or a
statement is written.

Forms, the admin, the API and `loaddata` (which saves with raw=True, bypassing
Model.save) all pass through pre_save; bulk writes and raw SQL are caught by the
database triggers of migration 0002.
"""

from __future__ import annotations

import contextlib

from django.core import signals as request_signals
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import QuerySet
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver

from claims import actions, cached
from claims.anchoring import apply_reanchoring, plan_reanchoring, refuse_lost_quotes
from claims.models import Quote, Statement, StatementTag, Tally
from sources.models import Article
from sources.signals import body_correcting


@receiver(body_correcting, sender=Article)
def refuse_correction_that_loses_quotes(sender, article, old_body, new_body, **kwargs):
    resolutions = getattr(article, "quote_resolutions", {})
    refuse_lost_quotes(plan_reanchoring(article, old_body, new_body), resolutions, article)


@receiver(pre_save, sender=Article)
def plan_quote_moves(sender, instance: Article, raw: bool = False, **kwargs):
    old_body = instance.stored_body()
    if old_body is None or old_body == instance.body:
        instance._quote_moves = []
        return
    plan = plan_reanchoring(instance, old_body, instance.body)
    refuse_lost_quotes(plan, getattr(instance, "quote_resolutions", {}), instance)
    instance._quote_moves = plan


@receiver(post_save, sender=Article)
def move_quotes_with_body(sender, instance: Article, **kwargs):
    plan = getattr(instance, "_quote_moves", [])
    instance._quote_moves = []
    apply_reanchoring(plan, getattr(instance, "quote_resolutions", {}))
    instance.quote_resolutions = {}


@receiver(pre_save, sender=Quote)
def refuse_quote_outside_body(sender, instance: Quote, raw: bool = False, **kwargs):
    problem = instance.problem()
    if problem:
        raise ValidationError({"text": f"Quote {instance.pk or '(new)'}: {problem}"})
    if not raw:
        # Derived from the body, so refreshed on every save: context left over from
        # another span would mislead re-anchoring after a correction.
        instance.set_context()


@receiver(pre_save, sender=Statement)
def derive_party(sender, instance: Statement, raw: bool = False, **kwargs):
    """Store the party the statement counts for (Statement.party), on every save path
    including loaddata; bulk inserts derive it in StatementQuerySet.bulk_create."""
    instance.party_id = instance.actor.counts_for_id  # loads the actor if not cached


ONLY_QUOTE = (
    "This is statement #{}'s only quote, and a statement needs at least one: give it "
    "another quote first, or delete the statement."
)


@receiver(pre_save, sender=Quote)
def refuse_moving_a_statements_only_quote(sender, instance: Quote, raw: bool = False, **kwargs):
    """Every statement keeps at least one quote (the database checks it too, migration
    0011): a quote moved to another statement may not leave its own without one."""
    if raw or instance.pk is None:
        return
    stored = Quote.objects.filter(pk=instance.pk).values_list("statement_id", flat=True).first()
    if stored is None or stored == instance.statement_id:
        return
    if not Quote.objects.filter(statement_id=stored).exclude(pk=instance.pk).exists():
        raise ValidationError({"statement": ONLY_QUOTE.format(stored)})


@receiver(pre_delete, sender=Quote)
def refuse_deleting_a_statements_only_quote(sender, instance: Quote, origin=None, **kwargs):
    """Deleting a statement takes its quotes with it; deleting its last quote alone
    would leave it without one."""
    deleting = origin if isinstance(origin, QuerySet) else [origin]
    if any(isinstance(record, Statement) for record in deleting):
        # Said in its history, so that restoring the statement brings it back too.
        instance._change_reason = actions.DELETED_WITH_STATEMENT.format(instance.statement_id)
        return
    others = Quote.objects.filter(statement_id=instance.statement_id).exclude(pk=instance.pk)
    if not others.exists() and Statement.objects.filter(pk=instance.statement_id).exists():
        raise ValidationError({"statement": ONLY_QUOTE.format(instance.statement_id)})


# The apps whose records the cached aggregates (claims.cached) count or label.
COUNTED_APPS = frozenset({"claims", "sources"})


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def forget_cached_aggregates(sender, instance=None, **kwargs):
    if sender in (Statement, Statement.history.model):
        # A statement's write changes only its claim's and its actors' caches: the
        # database replaces their tokens, whatever wrote (claims.database.record_tokens).
        return
    if sender._meta.app_label in COUNTED_APPS:
        cached.data_changed()


@receiver(request_signals.request_started)
def read_the_data_version_once_per_request(sender, **kwargs):
    cached.request_started()


@receiver(request_signals.request_finished)
def forget_the_requests_data_version(sender, **kwargs):
    cached.request_finished()


@receiver(post_migrate)
def forget_cached_aggregates_after_migrate(sender, **kwargs):
    """After migrate or flush (tests flush between transactional tests) the data may be
    anything."""
    # The database cache's table is made after the first migrate (createcachetable).
    with contextlib.suppress(DatabaseError):
        cached.replace_version()
    forget_tallies_of_no_statements()


def forget_tallies_of_no_statements() -> None:
    """After a flush, which on SQLite deletes the tallies before the statements (whose
    triggers then count below zero), no statement is left: neither is any tally."""
    with contextlib.suppress(DatabaseError):  # before the tallies' migration
        if not Statement.objects.exists():
            Tally.objects.all().delete()
            StatementTag.objects.all().delete()
