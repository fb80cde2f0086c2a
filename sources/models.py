from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from claimtracker import links
from claimtracker.versioning import Versioned
from sources.signals import body_correcting


class Outlet(Versioned):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    url = models.URLField("home page", blank=True)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="outlet_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class Article(Versioned):
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=500)
    # Blank when the article's address is unknown (some seed texts came without one);
    # unique otherwise, so the same article is never entered twice.
    url = models.URLField("URL", max_length=1000, blank=True)
    published_on = models.DateField("publication date")
    language = models.CharField(max_length=16, default="en", help_text="BCP 47 code, e.g. en")
    body = models.TextField(help_text="The text that quotes point into, as published.")
    note = models.TextField(
        blank=True, help_text="How the title, date or outlet were established, if not stated."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~models.Q(url=""), name="article_url_unique"
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
        ]
        indexes = [
            models.Index(fields=["published_on", "id"], name="article_published_idx"),
            models.Index(fields=["outlet", "published_on"], name="article_outlet_published_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.outlet}, {self.published_on:%Y-%m-%d})"

    def save(self, *args, **kwargs) -> None:
        # A corrected body moves the quotes that point into it (claims.signals); the
        # article and its quotes change together or not at all.
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return links.page_of("sources:article-detail", self.pk)

    def stored_body(self) -> str | None:
        """The body as the database holds it now, None for an unsaved article."""
        if self.pk is None:
            return None
        # From the primary: a replica may not have the latest correction yet.
        primary = router.db_for_write(Article)
        return (
            Article.objects.using(primary).filter(pk=self.pk).values_list("body", flat=True).first()
        )

    def clean(self) -> None:
        stored = self.stored_body()
        if stored is not None and stored != self.body:
            # Lets the quotes that point into the body refuse a correction they
            # cannot follow, as a form error instead of a failed save.
            body_correcting.send(sender=Article, article=self, old_body=stored, new_body=self.body)
        if not self.body.strip():
            raise ValidationError({"body": "The body is empty."})
