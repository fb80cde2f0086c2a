"""The read and write endpoints for actors, claims, statements and quotes."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.viewsets import ModelViewSet

from claims import actions, queries
from claims.api.parameters import (
    DUPLICATE,
    ERRORS,
    MERGE_INPUT,
    QUOTE_FILTERS,
    STATEMENT_PARAMETERS,
    filtered_quotes,
    filtered_statements,
)
from claims.api.serializers import (
    ActorSerializer,
    ClaimSerializer,
    QuoteSerializer,
    StatementOutSerializer,
    StatementSerializer,
)
from claims.filters import FILTER_PARAMETERS
from claims.models import Actor, ActorKind, MergedActor, MergedClaim, Quote
from claimtracker.rest import (
    ProtectedDeleteMixin,
    StrictQueryMixin,
    VersionedMixin,
    error_dict,
)


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
            raise exceptions.ValidationError(error_dict(error)) from None
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
        q = self.request.query_params.get("q", "")
        if self.action == "list" and q.strip():
            actors = queries.actors_named([q], partial=True, among=actors)
        kind = self.request.query_params.get("kind")
        if self.action == "list" and kind:
            if kind not in ActorKind.values:  # a stored value: a typo is no empty list
                raise exceptions.ValidationError(
                    {"kind": [f"Not an actor kind; the kinds are {ActorKind.values}."]}
                )
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
    create=extend_schema(responses={201: StatementOutSerializer, 400: ERRORS, 409: DUPLICATE}),
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
    filter_parameters = QUOTE_FILTERS

    def get_queryset(self):
        quotes = Quote.objects.all()
        if self.action == "list":
            quotes = filtered_quotes(self.request.query_params, quotes)
        return quotes

    def perform_destroy(self, quote):
        try:
            actions.remove_quote(quote)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error_dict(error)) from None
