"""The API's query parameters and error shapes: their OpenAPI description, and the one
reading of the statement filters that the list endpoint and the exports share."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers

from claims.filters import StatementFilter
from claims.models import Quote, Stance
from claimtracker.rest import whole_number

STATEMENT_PARAMETERS = [
    OpenApiParameter(
        "actor",
        str,
        many=True,
        description=(
            "Actor slug, name or alias; repeat for several. Includes the people who speak for it."
        ),
    ),
    OpenApiParameter(
        "speaker", str, many=True, description="Speaker (a person) by slug, name or alias."
    ),
    OpenApiParameter(
        "stance", str, many=True, enum=Stance.values, description="Stance; repeat for several."
    ),
    OpenApiParameter("claim", str, many=True, description="Claim slug."),
    OpenApiParameter(
        "outlet", str, many=True, description="Slug of an outlet that published a quote."
    ),
    OpenApiParameter("year", int, many=True, description="Year the statement was made."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Made on or after (YYYY-MM-DD)."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Made on or before (YYYY-MM-DD)."),
    OpenApiParameter("q", str, description="Words that must all occur in a quote (stemmed)."),
]
ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid input: each parameter or field named with its problems. Nothing written.",
)
DUPLICATE = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "Already recorded: the same actor, claim and stance within the duplicate window. "
        "`duplicate_of` names that statement (also in `Location`), `add_quote` is the "
        "request that adds the quote to it; nothing written."
    ),
)
MERGE_INPUT = inline_serializer("MergeInto", {"into": serializers.SlugField()})


QUOTE_EXPORT_PARAMETERS = [
    OpenApiParameter("statement", int, description="Only this statement's quotes."),
    OpenApiParameter("article", int, description="Only quotes from this article."),
]


QUOTE_FILTERS = ("statement", "article")


def filtered_quotes(params, quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    """Quotes of the statement and the article the parameters give by id, if they do."""
    for name in QUOTE_FILTERS:
        value = params.get(name)
        if value:
            quotes = quotes.filter(**{f"{name}_id": whole_number(name, value)})
    return quotes


def filtered_statements(request, queryset):
    filterset = StatementFilter(request.query_params, queryset=queryset)
    if not filterset.is_valid():
        raise exceptions.ValidationError(
            {name: [str(e) for e in errors] for name, errors in filterset.errors.items()}
        )
    return filterset.qs
