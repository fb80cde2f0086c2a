"""The stored values of the vocabulary: actor kinds, stances, date precisions."""

from __future__ import annotations

from django.db import models


class ActorKind(models.TextChoices):
    STATE = "state", "state"
    ORGANISATION = "organisation", "organisation"
    PERSON = "person", "person"
    MEDIA = "media", "media"


class Stance(models.TextChoices):
    ASSERTED = "asserted", "asserted"
    DENIED = "denied", "denied"
    CONFIRMED = "confirmed", "confirmed"
    # Neither confirms nor denies: does not know, declines to comment, cannot confirm,
    # relays allegations without endorsing them. Never counts as assertion or denial.
    NONCOMMITTAL = "noncommittal", "noncommittal"


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


# Parties a person can speak for.
SPOKESBODY_KINDS = (ActorKind.STATE, ActorKind.ORGANISATION)


def choices_check(field: str, choices: type[models.TextChoices], name: str):
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)
