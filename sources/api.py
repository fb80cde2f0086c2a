from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets

from claimtracker.rest import ProtectedDeleteMixin, StrictQueryMixin, VersionedMixin
from sources.models import Article, Outlet
from sources.serializers import ArticleListSerializer, ArticleSerializer, OutletSerializer


class OutletViewSet(StrictQueryMixin, VersionedMixin, ProtectedDeleteMixin, viewsets.ModelViewSet):
    queryset = Outlet.objects.all()
    serializer_class = OutletSerializer
    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("outlet", str, description="Outlet slug")])
)
class ArticleViewSet(StrictQueryMixin, VersionedMixin, ProtectedDeleteMixin, viewsets.ModelViewSet):
    serializer_class = ArticleSerializer
    filter_parameters = ("outlet",)

    def get_queryset(self):
        articles = Article.objects.select_related("outlet")
        if self.action == "list":
            articles = articles.defer("body")
            outlet = self.request.query_params.get("outlet")
            if outlet:
                # As the statement filters: a slug that names nothing is a 400, not an
                # empty list that looks like an outlet without articles.
                if not Outlet.objects.filter(slug=outlet).exists():
                    raise exceptions.ValidationError(
                        {"outlet": [f"No outlet has the slug {outlet!r}."]}
                    )
                articles = articles.filter(outlet__slug=outlet)
        return articles

    def get_serializer_class(self):
        return ArticleListSerializer if self.action == "list" else ArticleSerializer
