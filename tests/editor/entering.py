"""What the tests of entering an article share: the form's address, the form as an
editor types it, and a file to upload."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sources.models import Outlet
from tests.factories import PARAGRAPHS

CREATE = reverse("sources:article-create")


def typed(outlet: Outlet | None = None, **overrides) -> dict:
    data = {
        "outlet": outlet.pk if outlet else "",
        "new_outlet": "",
        "title": "Iran denies supplying drones to Russia",
        "url": "https://news.example/iran-denies-drones",
        "published_on": "2022-10-20",
        "language": "en",
        "body": "\n\n".join(PARAGRAPHS),
        "note": "",
        "action": "save",
    }
    return data | overrides


def upload(content: str | bytes, name: str = "article.html") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/html")
