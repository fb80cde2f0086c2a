"""Reads from a PostgreSQL read replica when DATABASE_REPLICA_URL is set.

Writes, and reads inside a transaction (which may need to see their own writes), go
to the primary. Replication lag means a page read right after a save may briefly show
the old value; editor pages redirect to the record, which reads it again after the lag
that streaming replication typically has (well under a second).
"""

from __future__ import annotations

from django.db import connections, transaction

PRIMARY = "default"
REPLICA = "replica"
# Read where they were just written: sign-in state, lockouts, tokens, throttle counts.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "axes", "knox", "django_cache", "admin"})


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if REPLICA not in connections.databases:
            return PRIMARY
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if not transaction.get_autocommit(using=PRIMARY):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
