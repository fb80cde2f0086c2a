"""The streaming export endpoints: whole filtered lists of statements or quotes."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.views import APIView

from claims import queries
from claims.api.parameters import (
    ERRORS,
    QUOTE_EXPORT_PARAMETERS,
    QUOTE_FILTERS,
    STATEMENT_PARAMETERS,
    filtered_quotes,
    filtered_statements,
)
from claims.exports import copy as copy_export
from claims.exports import quotes as quote_export
from claims.exports import statements as statement_export
from claims.filters import FILTER_PARAMETERS


class StatementExport(APIView):
    """Stream the whole filtered list of statements (all pages) in one response."""

    extension = ""
    content_type = ""
    chunks = None  # copy_export.csv_chunks or jsonl_chunks

    def get(self, request):
        unknown = sorted(set(request.query_params) - set(FILTER_PARAMETERS))
        if unknown:
            raise exceptions.ValidationError({n: ["Unknown parameter."] for n in unknown})
        statements = filtered_statements(request, queries.statements_for_export())
        chunks = type(self).chunks(statements, request.build_absolute_uri)
        response = StreamingHttpResponse(chunks, content_type=self.content_type)
        name = statement_export.export_filename(request.query_params, self.extension)
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
    chunks = staticmethod(copy_export.csv_chunks)


@extend_schema(
    parameters=STATEMENT_PARAMETERS,
    responses={(200, "application/x-ndjson"): OpenApiTypes.STR, 400: ERRORS},
    description="JSON Lines: one statement per line, in the shape of the statements endpoint.",
)
class StatementJsonlExport(StatementExport):
    extension, content_type = "jsonl", "application/x-ndjson; charset=utf-8"
    chunks = staticmethod(copy_export.jsonl_chunks)


class QuoteExport(APIView):
    extension = ""
    content_type = ""

    def quotes(self, request):
        unknown = sorted(set(request.query_params) - set(QUOTE_FILTERS))
        if unknown:
            raise exceptions.ValidationError({n: ["Unknown parameter."] for n in unknown})
        return filtered_quotes(request.query_params, quote_export.quotes_for_export())

    def get(self, request):
        chunks = self.chunks(self.quotes(request), request.build_absolute_uri)
        response = StreamingHttpResponse(chunks, content_type=self.content_type)
        name = statement_export.export_filename(request.query_params, self.extension, "quotes")
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
        return quote_export.quote_csv_lines(quote_export.quote_records(quotes, absolute_url))


@extend_schema(
    parameters=QUOTE_EXPORT_PARAMETERS,
    responses={(200, "application/x-ndjson"): OpenApiTypes.STR, 400: ERRORS},
    description="Every quote with its statement, offsets and context, as JSON Lines.",
)
class QuoteJsonlExport(QuoteExport):
    extension, content_type = "jsonl", "application/x-ndjson; charset=utf-8"

    def chunks(self, quotes, absolute_url):
        return statement_export.jsonl_lines(quote_export.quote_records(quotes, absolute_url))


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
        return quote_export.annotation_page_chunks(quotes, absolute_url)
