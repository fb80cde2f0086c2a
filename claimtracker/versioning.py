"""Optimistic concurrency: every editable record carries a version number.

An edit made from a copy of version N is saved only if the record is still at version
N; the check and the increment are one UPDATE, so two concurrent editors cannot both
win, on PostgreSQL (row lock) or SQLite (database write lock) alike.
"""

from __future__ import annotations

from django.db import models, transaction


class StaleVersion(Exception):
    def __init__(self, record: models.Model, expected: int, current: int | None):
        self.record, self.expected, self.current = record, expected, current
        super().__init__(
            f"{record._meta.verbose_name} {record.pk} was changed by someone else: you edited "
            f"version {expected}, it is now at version {current}."
        )


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, expected_version: int | None = None, **kwargs) -> None:
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            if expected_version is not None:
                claimed = (
                    type(self)
                    ._base_manager.filter(pk=self.pk, version=expected_version)
                    .update(version=expected_version + 1)
                )
                if not claimed:
                    current = (
                        type(self)
                        ._base_manager.filter(pk=self.pk)
                        .values_list("version", flat=True)
                        .first()
                    )
                    raise StaleVersion(self, expected_version, current)
                self.version = expected_version + 1
            else:
                self.version = (self.version or 0) + 1
            super().save(*args, **kwargs)
