from django.contrib import admin

from assistant.models import Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read-only: decisions are written by the panel, and read to measure the assistant
    (filter by verdict, by "adjusted" and by undone to count its precision)."""

    list_display = [
        "decided_at",
        "verdict",
        "adjusted",
        "confidence",
        "article",
        "statement",
        "decided_by",
        "undone_at",
    ]
    list_filter = ["verdict", "adjusted", ("undone_at", admin.EmptyFieldListFilter), "decided_at"]
    list_select_related = ["article__outlet", "statement__actor", "statement__claim", "decided_by"]
    search_fields = ["fingerprint"]
    date_hierarchy = "decided_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
