from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Article, Outlet


@admin.register(Outlet)
class OutletAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "url"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "outlet", "published_on", "language"]
    list_filter = ["outlet", "language"]
    date_hierarchy = "published_on"
    search_fields = ["title", "url", "outlet__name"]
    autocomplete_fields = ["outlet"]
    list_select_related = ["outlet"]
