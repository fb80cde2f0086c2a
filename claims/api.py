from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import ModelViewSet

from claims import actions, annotations, export_sql, exports, queries
from claims.filters import FILTER_PARAMETERS, StatementFilter
from claims.models import Actor, MergedActor, MergedClaim, Quote, Stance
from claims.serializers import (
    ActorSerializer,
    ClaimSerializer,
    QuoteSerializer,
    StatementOutSerializer,
    StatementSerializer,
)
from claimtracker.rest import StrictQueryMixin, VersionedMixin, _as_dict
from sources.api import ProtectedDeleteMixin

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
MERGE_INPUT = inline_serializer("MergeInto", {"into": serializers.SlugField()})


def filtered_statements(request, queryset):
    filterset = StatementFilter(request.query_params, queryset=queryset)
    if not filterset.is_valid():
        raise exceptions.ValidationError(
            {name: [str(e) for e in errors] for name, errors in filterset.errors.items()}
        )
    return filterset.qs


# The largest id either database can store (a signed 64-bit integer); a larger number
# would overflow the SQLite driver mid-stream instead of answering 400.
LARGEST_ID = 2**63 - 1


def whole_number(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise exceptions.ValidationError({name: ["Must be an id (a whole number)."]}) from None
    if not 1 <= number <= LARGEST_ID:
        raise exceptions.ValidationError({name: [f"Must be an id from 1 to {LARGEST_ID}."]})
    return number


class MergeMixin:
    merge_action = None
    merged_model = None

    @extend_schema(request=MERGE_INPUT, responses={200: None, 400: ERRORS})
    @action(detail=True, methods=["post"])
    def merge(self, request, slug=None):
        """Merge this record into another (administrators): its statements move, its
        URL redirects, history is kept."""
        source = self.get_object()
        into = request.data.get("into") if hasattr(request.data, "get") else None
        if not into:
            raise exceptions.ValidationError({"into": ["Give the slug to merge into."]})
        target = self.get_queryset().filter(slug=into).first()
        if target is None:
            raise exceptions.ValidationError({"into": [f"Nothing has the slug {into!r}."]})
        try:
            merged = type(self).merge_action(source=source, target=target, user=request.user)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(_as_dict(error)) from None
        # Read again: the survivor's aliases and counts changed in the merge.
        return Response(self.get_serializer(self.get_queryset().get(pk=merged.pk)).data)

    def get_object(self):
        slug = self.kwargs.get("slug")
        found = self.get_queryset().filter(slug=slug).first()
        if found is None:
            merged = self.merged_model.objects.filter(old_slug=slug).first()
            if merged is not None:
                target = getattr(merged, "actor", None) or merged.claim
                url = reverse(f"api:{self.basename}-detail", args=[target.slug])
                raise MovedPermanently(target.slug, self.request.build_absolute_uri(url))
        return super().get_object()


class MovedPermanently(exceptions.APIException):
    status_code = status.HTTP_301_MOVED_PERMANENTLY
    default_code = "merged"

    def __init__(self, slug: str, location: str):
        super().__init__(f"Merged into {slug}.")
        self.location = location


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("q", str, description="Name, slug or alias contains")]
    ),
)
class ActorViewSet(
    StrictQueryMixin, VersionedMixin, ProtectedDeleteMixin, MergeMixin, ModelViewSet
):
    serializer_class = ActorSerializer
    lookup_field = "slug"
    filter_parameters = ("q", "kind")
    merge_action = staticmethod(actions.merge_actors)
    merged_model = MergedActor

    def get_queryset(self):
        actors = Actor.objects.select_related("speaks_for").prefetch_related("aliases")
        # No name holds a NUL, and PostgreSQL refuses to compare text that does.
        q = self.request.query_params.get("q", "").replace("\x00", "").strip()
        if self.action == "list" and q:
            actors = actors.filter(
                Q(name__icontains=q) | Q(slug__icontains=q) | Q(aliases__name__icontains=q)
            ).distinct()
        kind = self.request.query_params.get("kind")
        if self.action == "list" and kind:
            actors = actors.filter(kind=kind)
        return actors


class ClaimViewSet(
    StrictQueryMixin, VersionedMixin, ProtectedDeleteMixin, MergeMixin, ModelViewSet
):
    serializer_class = ClaimSerializer
    lookup_field = "slug"
    merge_action = staticmethod(actions.merge_claims)
    merged_model = MergedClaim

    def get_queryset(self):
        return queries.claims_for_list()


@extend_schema_view(
    list=extend_schema(
        parameters=STATEMENT_PARAMETERS,
        responses={200: StatementOutSerializer(many=True), 400: ERRORS},
    ),
    retrieve=extend_schema(responses={200: StatementOutSerializer}),
    create=extend_schema(responses={201: StatementOutSerializer, 400: ERRORS}),
    update=extend_schema(responses={200: StatementOutSerializer, 400: ERRORS}),
    partial_update=extend_schema(responses={200: StatementOutSerializer, 400: ERRORS}),
)
class StatementViewSet(StrictQueryMixin, VersionedMixin, ModelViewSet):
    serializer_class = StatementSerializer
    filter_parameters = FILTER_PARAMETERS

    def get_queryset(self):
        statements = queries.statements_for_api()
        if self.action == "list":
            statements = filtered_statements(self.request, statements)
        return statements


class QuoteViewSet(StrictQueryMixin, VersionedMixin, ModelViewSet):
    serializer_class = QuoteSerializer
    filter_parameters = ("statement", "article")

    def get_queryset(self):
        quotes = Quote.objects.all()
        for name in self.filter_parameters:
            value = self.request.query_params.get(name)
            if self.action == "list" and value:
                quotes = quotes.filter(**{f"{name}_id": whole_number(name, value)})
        return quotes

    def perform_destroy(self, quote):
        try:
            actions.remove_quote(quote)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(_as_dict(error)) from None


class StatementExport(APIView):
    """Stream the whole filtered list of statements (all pages) in one response."""

    extension = ""
    content_type = ""
    chunks = None  # export_sql.csv_chunks or jsonl_chunks

    def get(self, request):
        unknown = sorted(set(request.query_params) - set(FILTER_PARAMETERS))
        if unknown:
            raise exceptions.ValidationError({n: ["Unknown parameter."] for n in unknown})
        statements = filtered_statements(request, queries.statements_for_export())
        chunks = type(self).chunks(statements, request.build_absolute_uri)
        response = StreamingHttpResponse(chunks, content_type=self.content_type)
        name = exports.export_filename(request.query_params, self.extension)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@extend_schema(
    parameters=STATEMENT_PARAMETERS,
    responses={(200, "text/csv"): OpenApiTypes.STR, 400: ERRORS},
    description=(
        "CSV (RFC 4180, UTF-8, header row): one row per statement, the first quote "
        "flattened, quote_count."
    ),
)
class StatementCsvExport(StatementExport):
    extension, content_type = "csv", "text/csv; charset=utf-8"
    chunks = staticmethod(export_sql.csv_chunks)


@extend_schema(
    parameters=STATEMENT_PARAMETERS,
    responses={(200, "application/x-ndjson"): OpenApiTypes.STR, 400: ERRORS},
    description="JSON Lines: one statement per line, in the shape of the statements endpoint.",
)
class StatementJsonlExport(StatementExport):
    extension, content_type = "jsonl", "application/x-ndjson; charset=utf-8"
    chunks = staticmethod(export_sql.jsonl_chunks)


QUOTE_EXPORT_PARAMETERS = [
    OpenApiParameter("statement", int, description="Only this statement's quotes."),
    OpenApiParameter("article", int, description="Only quotes from this article."),
]


class QuoteExport(APIView):
    extension = ""
    content_type = ""

    def quotes(self, request):
        unknown = sorted(set(request.query_params) - {"statement", "article"})
        if unknown:
            raise exceptions.ValidationError({n: ["Unknown parameter."] for n in unknown})
        quotes = annotations.quotes_for_export()
        for name in ("statement", "article"):
            value = request.query_params.get(name)
            if value:
                quotes = quotes.filter(**{f"{name}_id": whole_number(name, value)})
        return quotes

    def get(self, request):
        chunks = self.chunks(self.quotes(request), request.build_absolute_uri)
        response = StreamingHttpResponse(chunks, content_type=self.content_type)
        name = exports.export_filename(request.query_params, self.extension, "quotes")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@extend_schema(
    parameters=QUOTE_EXPORT_PARAMETERS,
    responses={(200, "text/csv"): OpenApiTypes.STR, 400: ERRORS},
    description="Every quote with its statement, offsets and context, as CSV.",
)
class QuoteCsvExport(QuoteExport):
    extension, content_type = "csv", "text/csv; charset=utf-8"

    def chunks(self, quotes, absolute_url):
        return annotations.quote_csv_lines(annotations.quote_records(quotes, absolute_url))


@extend_schema(
    parameters=QUOTE_EXPORT_PARAMETERS,
    responses={(200, "application/x-ndjson"): OpenApiTypes.STR, 400: ERRORS},
    description="Every quote with its statement, offsets and context, as JSON Lines.",
)
class QuoteJsonlExport(QuoteExport):
    extension, content_type = "jsonl", "application/x-ndjson; charset=utf-8"

    def chunks(self, quotes, absolute_url):
        return exports.jsonl_lines(annotations.quote_records(quotes, absolute_url))


@extend_schema(
    parameters=QUOTE_EXPORT_PARAMETERS,
    responses={(200, "application/ld+json"): OpenApiTypes.OBJECT, 400: ERRORS},
    description=(
        "Quotes as W3C Web Annotations (JSON-LD AnnotationPage): each targets its article "
        "with a TextQuoteSelector and a TextPositionSelector."
    ),
)
class QuoteAnnotationExport(QuoteExport):
    extension = "jsonld"
    content_type = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

    def chunks(self, quotes, absolute_url):
        return annotations.annotation_page_chunks(quotes, absolute_url)
