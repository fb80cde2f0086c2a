"""The data set page (/data/) and its downloads: the zip, streamed as it is made, and
its datapackage.json alone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from claims.exports import dataset
from claims.exports.dataset_tables import TABLES


def page_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("claims:dataset"))


def dataset_page(request: HttpRequest) -> HttpResponse:
    version = dataset.data_version()
    return render(
        request,
        "claims/dataset.html",
        {
            "version": dataset.version_label(version),
            "archive_name": dataset.archive_name(version),
            "citation": dataset.citation(version, page_url(request)),
            "tables": TABLES,
            "licensed": bool(dataset.LICENSES),
        },
    )


def dataset_download(request: HttpRequest) -> StreamingHttpResponse:
    stream = dataset.package_chunks(page_url(request), request.build_absolute_uri)
    # The first item is the version, read in the snapshot the tables are read in.
    version = next(stream)
    response = StreamingHttpResponse(stream, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{dataset.archive_name(version)}"'
    return response


def dataset_descriptor(request: HttpRequest) -> JsonResponse:
    described = dataset.descriptor(dataset.data_version(), page_url(request))
    return JsonResponse(described, json_dumps_params={"ensure_ascii": False, "indent": 2})
