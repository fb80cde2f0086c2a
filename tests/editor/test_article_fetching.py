"""Entering an article by its address: the server fetches the page (sources/fetching.py)
and fills in the form, or says on the address field why it could not."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from sources import fetching
from sources.models import Article
from tests.editor.entering import CREATE
from tests.factories import saved_page

pytestmark = pytest.mark.django_db


@dataclass
class LocalSite:
    """Pages served on 127.0.0.1 by a thread of the test process."""

    base: str
    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def add(
        self,
        path: str,
        body: str | bytes,
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
    ) -> str:
        self.pages[path] = (status, content_type, body.encode() if isinstance(body, str) else body)
        return self.base + path


@pytest.fixture
def local_site():
    site = LocalSite(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if site.delay:
                time.sleep(site.delay)
            if self.path in site.redirects:
                self.send_response(301)
                self.send_header("Location", site.redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, content_type, body = site.pages.get(self.path, (404, "text/html", b"Not here"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def fetching_local_pages(settings):
    # Production refuses private and local addresses; the test pages live on 127.0.0.1.
    settings.ARTICLE_FETCH_PRIVATE_ADDRESSES = True


def fetch(client: Client, url: str, **typed_values):
    return client.post(CREATE, {"action": "fetch", "fetch_url": url, **typed_values})


def test_fetching_an_address_prefills_the_form_and_saves_nothing(
    editor_client, local_site, fetching_local_pages
):
    url = local_site.add("/2022/10/iran-drones", saved_page(canonical=None))

    response = fetch(editor_client, url)

    assert response.status_code == 200
    assertContains(response, 'value="Iran denies supplying drones to Russia"')
    assertContains(response, 'value="2022-10-20"')
    assertContains(response, f'value="{url}"')
    assertContains(response, "repeating the position Iran has held since the summer.")
    assert not Article.objects.exists()


def test_fetching_follows_a_redirect_and_keeps_the_final_address(
    editor_client, local_site, fetching_local_pages
):
    url = local_site.add("/final", saved_page(canonical=None))
    local_site.redirects["/old"] = url

    response = fetch(editor_client, local_site.base + "/old")

    assert response.context["form"].initial["url"] == url


def test_a_page_that_redirects_in_a_loop_is_refused(
    editor_client, local_site, fetching_local_pages
):
    local_site.redirects["/loop"] = local_site.base + "/loop"

    response = fetch(editor_client, local_site.base + "/loop")

    assertContains(response, "the page redirects too many times", status_code=400)


def test_a_redirect_away_from_the_web_is_refused(editor_client, local_site, fetching_local_pages):
    local_site.redirects["/old"] = "file:///etc/passwd"

    response = fetch(editor_client, local_site.base + "/old")

    assertContains(
        response,
        "the page redirects to file:///etc/passwd, and only http:// and https:// addresses",
        status_code=400,
    )


@pytest.mark.parametrize(
    ("path", "status", "content_type", "problem"),
    [
        ("/missing", None, None, "the server answered 404 Not Found instead of the page"),
        (
            "/report.pdf",
            200,
            "application/pdf",
            "the address gives application/pdf, not an HTML page",
        ),
        (
            "/data.json",
            200,
            "application/json",
            "the address gives application/json, not an HTML page",
        ),
        ("/gone", 410, "text/html", "the server answered 410 Gone instead of the page"),
    ],
)
def test_a_page_that_cannot_be_used_is_refused_on_the_address_field(
    editor_client, local_site, fetching_local_pages, path, status, content_type, problem
):
    if status is not None:
        local_site.add(
            path,
            b"%PDF-1.4" if "pdf" in content_type else b"{}",
            status=status,
            content_type=content_type,
        )

    response = fetch(editor_client, local_site.base + path, title="Kept")

    assertContains(
        response, f"Fetch from address</a>: {local_site.base}{path}: {problem}.", status_code=400
    )
    assertContains(response, f'value="{local_site.base}{path}"', status_code=400)
    assertContains(response, 'value="Kept"', status_code=400)
    assert not Article.objects.exists()


def test_an_address_where_nothing_answers_is_refused_on_its_field(
    editor_client, fetching_local_pages
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The port is free again: nothing listens there.

    response = fetch(editor_client, f"http://127.0.0.1:{port}/article")

    assertContains(
        response, f"nothing answers at 127.0.0.1:{port} (connection refused)", status_code=400
    )


def test_a_host_name_that_does_not_resolve_is_refused_on_its_field(editor_client, monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)

    response = fetch(editor_client, "https://no-such-host.example/article")

    assertContains(
        response, "the host name no-such-host.example could not be found (DNS)", status_code=400
    )


def test_a_server_that_does_not_answer_in_time_is_refused(
    editor_client, local_site, fetching_local_pages, monkeypatch
):
    monkeypatch.setattr(fetching, "TIMEOUT_SECONDS", 0.3)
    local_site.delay = 1.0
    url = local_site.add("/slow", saved_page())

    response = fetch(editor_client, url)

    assertContains(response, "the server did not answer within 0.3 seconds", status_code=400)


def test_a_page_larger_than_5_mb_is_not_fetched(editor_client, local_site, fetching_local_pages):
    url = local_site.add("/huge", saved_page() + " " * (5 * 1024 * 1024))

    response = fetch(editor_client, url)

    assertContains(response, "more than 5.0 MB", status_code=400)


def test_only_web_addresses_are_fetched(editor_client):
    response = fetch(editor_client, "ftp://news.example/article.html")

    assertContains(response, "only http:// and https:// addresses can be fetched", status_code=400)


def test_private_and_local_addresses_are_refused_in_production(editor_client, local_site):
    url = local_site.add("/internal", saved_page())

    response = fetch(editor_client, url)

    assertContains(response, "is a private or local address (127.0.0.1)", status_code=400)


def test_fetching_can_be_turned_off(editor_client, settings):
    settings.ARTICLE_FETCH_ENABLED = False

    assertNotContains(editor_client.get(CREATE), "Fetch from address")
    response = fetch(editor_client, "https://news.example/article")
    assertContains(response, "Fetching pages is turned off on this server.", status_code=400)


def test_a_reader_cannot_make_the_server_fetch_a_page(
    reader_client, local_site, fetching_local_pages
):
    url = local_site.add("/page", saved_page())
    requested = []
    local_site.pages = _Recording(local_site.pages, requested)

    response = fetch(reader_client, url)

    assert response.status_code == 403
    assert requested == []


class _Recording(dict):
    def __init__(self, pages, requested):
        super().__init__(pages)
        self.requested = requested

    def get(self, key, default=None):
        self.requested.append(key)
        return super().get(key, default)
