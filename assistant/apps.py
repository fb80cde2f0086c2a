from django.apps import AppConfig


class AssistantConfig(AppConfig):
    """The attribution assistant: proposes the statements an article's body reports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "assistant"
    verbose_name = "attribution assistant"
