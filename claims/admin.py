from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from claims.forms.admin import QuoteForm
from claims.models import Actor, ActorAlias, Claim, Quote, Statement


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "speaks_for", "alias_list", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__name", "description", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["speaks_for"]
    inlines = [ActorAliasInline]
    list_select_related = ["speaks_for"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, actor: Actor) -> str:
        return ", ".join(alias.name for alias in actor.aliases.all())


@admin.register(ActorAlias)
class ActorAliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["text", "slug"]
    search_fields = ["text", "slug"]
    prepopulated_fields = {"slug": ["text"]}


class QuoteInline(admin.StackedInline):
    model = Quote
    form = QuoteForm
    extra = 0
    # Every statement is backed by at least one quote.
    min_num = 1
    autocomplete_fields = ["article"]

    def get_formset(self, request, obj=None, **kwargs):
        # The admin passes min_num to the formset but not validate_min, without which
        # min_num only sets how many blank forms are shown.
        kwargs.setdefault("validate_min", True)
        return super().get_formset(request, obj, **kwargs)


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "actor", "speaker", "stance", "made_on", "made_on_precision"]
    list_filter = ["stance", "made_on_precision", "actor__kind", "claim"]
    date_hierarchy = "made_on"
    search_fields = [
        "actor__name",
        "actor__aliases__name",
        "speaker__name",
        "speaker__aliases__name",
        "claim__text",
        "quotes__text",
    ]
    autocomplete_fields = ["actor", "speaker", "claim"]
    list_select_related = ["claim", "actor", "speaker"]
    inlines = [QuoteInline]


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    form = QuoteForm
    list_display = ["__str__", "article", "start", "end", "statement"]
    search_fields = ["text", "article__title"]
    autocomplete_fields = ["article", "statement"]
    list_select_related = ["article__outlet", "statement__actor", "statement__claim"]
    fields = ["statement", "article", "text", "start", "end"]
    readonly_fields = ["end"]  # follows from the start and the words

    def delete_model(self, request, obj):
        # A statement's only quote is kept (claims.signals): say why instead of a 500.
        try:
            with transaction.atomic():  # a savepoint: the request's transaction stays usable
                obj.delete()
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)

    def delete_queryset(self, request, queryset):
        for quote in queryset:
            self.delete_model(request, quote)
