from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from claims import signals  # noqa: F401  (connects the quote guards)
        from claims.database.quote_body import ensure_sqlite_triggers

        post_migrate.connect(ensure_sqlite_triggers, sender=self)
