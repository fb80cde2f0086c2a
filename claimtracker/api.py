"""The one router for /api/v1/, and the schema and its documentation page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from assistant import api as assistant_api
from claims.api import exports as claims_exports
from claims.api import viewsets as claims_api
from sources import api as sources_api

router = DefaultRouter()
router.register("outlets", sources_api.OutletViewSet, basename="outlet")
router.register("articles", sources_api.ArticleViewSet, basename="article")
router.register("actors", claims_api.ActorViewSet, basename="actor")
router.register("claims", claims_api.ClaimViewSet, basename="claim")
router.register("statements", claims_api.StatementViewSet, basename="statement")
router.register("quotes", claims_api.QuoteViewSet, basename="quote")

app_name = "api"


class NoSuchEndpoint(APIView):
    """Any other address under /api/v1/ (say /api/v1/articles/1.5e-3/, which no route
    matches) answers as the API does, a JSON 404, not with the site's HTML page."""

    permission_classes = []
    schema = None  # not an endpoint

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound("No API endpoint has this address.")


urlpatterns = [
    # Before the router, whose detail routes would read "export.csv" as an id.
    path(
        "statements/export.csv",
        claims_exports.StatementCsvExport.as_view(),
        name="statement-export-csv",
    ),
    path(
        "statements/export.jsonl",
        claims_exports.StatementJsonlExport.as_view(),
        name="statement-export-jsonl",
    ),
    path("quotes/export.csv", claims_exports.QuoteCsvExport.as_view(), name="quote-export-csv"),
    path(
        "quotes/export.jsonl", claims_exports.QuoteJsonlExport.as_view(), name="quote-export-jsonl"
    ),
    path(
        "quotes/annotations.jsonld",
        claims_exports.QuoteAnnotationExport.as_view(),
        name="quote-annotations",
    ),
    # Before the router, which would answer the article's detail route's 404 first.
    path(
        "articles/<int:pk>/proposals/",
        assistant_api.ArticleProposals.as_view(),
        name="article-proposals",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's initialising script as a file: no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    # Last, and only for addresses ending in a slash, so that Django still redirects
    # /api/v1/claims to /api/v1/claims/.
    re_path(r"^.*/$", NoSuchEndpoint.as_view(), name="no-such-endpoint"),
]
