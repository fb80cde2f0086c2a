"""Entering an article: typed, extracted from a saved page, or fetched from an address."""

from __future__ import annotations

import datetime
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from sources import extraction, fetching
from sources.models import Article, Outlet
from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db

CREATE = reverse("sources:article-create")
PARAGRAPHS = (
    "Tehran, 17 October. The foreign ministry held its weekly briefing on Monday, "
    "where the spokesman answered questions about drones seen over Kyiv.",
    "“We have not supplied weapons to any of the belligerent countries,” the spokesman "
    "said, repeating the position Iran has held since the summer.",
    "Officials in Washington disagreed, saying they had evidence of deliveries made by "
    "air and by sea since August.",
)


def saved_page(
    *,
    title: str = "Iran denies supplying drones to Russia",
    published: str | None = "2022-10-20T09:15:00+03:00",
    canonical: str | None = "https://news.example/iran-denies-drones",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    lang: str = "en",
) -> str:
    """A page as a browser saves it: site chrome around an <article>."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} | News Example</title>
<meta property="og:title" content="{title}">
{meta}
{link}
</head>
<body>
<header><nav>
<a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a>
</nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By A. Reporter</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Something else</a></li></ul></aside>
</main>
<footer><p>© 2022 News Example. All rights reserved.</p></footer>
</body>
</html>"""


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


# --- who may enter an article ------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(CREATE)

    assertRedirects(response, f"/accounts/login/?next={CREATE}", fetch_redirect_response=False)


def test_anonymous_post_is_sent_to_sign_in_and_writes_nothing(client):
    outlet = make_outlet()

    response = client.post(CREATE, typed(outlet))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Article.objects.exists()


def test_reader_cannot_open_the_form(reader_client):
    assert reader_client.get(CREATE).status_code == 403


def test_reader_cannot_post_an_article_even_without_the_form(reader_client):
    outlet = make_outlet()

    response = reader_client.post(CREATE, typed(outlet))

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_reader_cannot_create_an_outlet_through_the_form(reader_client):
    response = reader_client.post(CREATE, typed(new_outlet="Turan"))

    assert response.status_code == 403
    assert not Outlet.objects.exists()


@pytest.mark.parametrize("cast", ["editor_client", "administrator_client"])
def test_editors_and_administrators_get_the_form_with_a_csrf_token(request, cast):
    response = request.getfixturevalue(cast).get(CREATE)

    assertContains(response, "Add an article")
    assertContains(response, 'name="csrfmiddlewaretoken"')
    assertContains(response, 'enctype="multipart/form-data"')
    assertContains(response, 'value="en"')  # the language a new article starts with


@pytest.mark.parametrize("cast", ["editor_client", "administrator_client"])
def test_editors_and_administrators_can_save_an_article(request, cast):
    outlet = make_outlet()

    response = request.getfixturevalue(cast).post(CREATE, typed(outlet))

    article = Article.objects.get()
    assertRedirects(response, article.get_absolute_url(), fetch_redirect_response=False)


def test_a_post_without_the_csrf_token_is_refused(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)

    response = browser.post(CREATE, typed(make_outlet()))

    assert response.status_code == 403
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("cast", "shown"),
    [
        ("anonymous_client", False),
        ("reader_client", False),
        ("editor_client", True),
        ("administrator_client", True),
    ],
)
def test_only_editors_see_the_add_an_article_link(request, cast, shown):
    response = request.getfixturevalue(cast).get(reverse("sources:article-list"))

    assert response.status_code == 200
    assert (CREATE in response.content.decode()) is shown


# --- typing an article -------------------------------------------------------------


def test_editor_enters_an_article_by_typing_it(editor_client):
    outlet = make_outlet(name="HotNews.ro", slug="hotnews-ro")

    response = editor_client.post(CREATE, typed(outlet, note="Date from the print edition."))

    article = Article.objects.get()
    assertRedirects(response, article.get_absolute_url(), fetch_redirect_response=False)
    assert article.outlet == outlet
    assert article.title == "Iran denies supplying drones to Russia"
    assert article.url == "https://news.example/iran-denies-drones"
    assert article.published_on == datetime.date(2022, 10, 20)
    assert article.language == "en"
    assert article.body == "\n\n".join(PARAGRAPHS)
    assert article.note == "Date from the print edition."
    assertContains(editor_client.get(article.get_absolute_url()), f"Saved article #{article.pk}.")


def test_a_body_pasted_from_a_browser_keeps_plain_line_ends(editor_client):
    body = "\r\n\r\n".join(PARAGRAPHS) + "\r\n"

    editor_client.post(CREATE, typed(make_outlet(), body=body))

    assert Article.objects.get().body == "\n\n".join(PARAGRAPHS)


def test_an_article_without_url_can_be_entered(editor_client):
    editor_client.post(CREATE, typed(make_outlet(), url=""))
    editor_client.post(CREATE, typed(make_outlet(), url="", title="Another one"))

    assert Article.objects.filter(url="").count() == 2


def test_editor_enters_an_article_with_a_new_outlet(editor_client):
    make_outlet(name="Turan Information Agency", slug="turan")

    response = editor_client.post(CREATE, typed(new_outlet="  Turan  "))

    article = Article.objects.select_related("outlet").get()
    assertRedirects(response, article.get_absolute_url())
    assert article.outlet.name == "Turan"
    assert article.outlet.slug == "turan-2"
    assert Outlet.objects.count() == 2


def test_typing_the_name_of_an_existing_outlet_uses_that_outlet(editor_client):
    outlet = make_outlet(name="HotNews.ro", slug="hotnews-ro")

    editor_client.post(CREATE, typed(new_outlet="hotnews.RO"))

    assert Article.objects.get().outlet == outlet
    assert Outlet.objects.count() == 1


def test_picking_an_outlet_and_typing_a_new_one_is_refused(editor_client):
    outlet = make_outlet()

    response = editor_client.post(CREATE, typed(outlet, new_outlet="Turan"))

    assert response.status_code == 400
    assertContains(
        response, "Pick an outlet from the list or type a new one, not both.", status_code=400
    )
    assert not Article.objects.exists()
    assert Outlet.objects.count() == 1


def test_an_article_without_an_outlet_is_refused_and_keeps_what_was_typed(editor_client):
    response = editor_client.post(CREATE, typed(note="Seen in print"))

    assertContains(
        response, "Outlet</a>: Pick the outlet that published the article", status_code=400
    )
    assertContains(response, 'value="Iran denies supplying drones to Russia"', status_code=400)
    assertContains(response, "Seen in print</textarea>", status_code=400)
    assert not Article.objects.exists()


def test_missing_title_body_and_date_are_named_and_nothing_is_saved(editor_client):
    outlet = make_outlet()

    response = editor_client.post(
        CREATE, typed(outlet, title="", body="   ", published_on="", note="kept")
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "Title</a>: This field is required." in content
    assert "Body</a>: This field is required." in content
    assert "Publication date</a>: This field is required." in content
    assert "<strong>Title:</strong> This field is required." in content  # at the field too
    assert 'value="https://news.example/iran-denies-drones"' in content
    assert f'<option value="{outlet.pk}" selected>' in content
    assert "kept</textarea>" in content
    assert not Article.objects.exists()


def test_an_impossible_date_is_refused_on_its_field(editor_client):
    response = editor_client.post(CREATE, typed(make_outlet(), published_on="2022-02-30"))

    assertContains(response, "Publication date</a>: Enter a valid date.", status_code=400)
    assertContains(response, 'value="2022-02-30"', status_code=400)
    assert not Article.objects.exists()


def test_a_malformed_url_is_refused_on_its_field(editor_client):
    response = editor_client.post(CREATE, typed(make_outlet(), url="not a url"))

    assertContains(response, "URL</a>: Enter a valid URL.", status_code=400)
    assert not Article.objects.exists()


def test_the_same_url_twice_is_refused_with_a_link_to_the_existing_article(editor_client):
    existing = make_article(url="https://news.example/iran-denies-drones", title="First entry")

    response = editor_client.post(CREATE, typed(make_outlet(), title="Second entry"))

    assert response.status_code == 400
    assertContains(
        response,
        f"URL</a>: This URL is already entered, as article #{existing.pk}.",
        status_code=400,
    )
    assertContains(
        response,
        f'<a href="{existing.get_absolute_url()}">article #{existing.pk}, “First entry”</a>',
        status_code=400,
    )
    assertContains(response, 'value="Second entry"', status_code=400)
    assert Article.objects.count() == 1


def test_a_new_outlet_is_not_created_when_the_article_is_refused(editor_client):
    make_article(url="https://news.example/iran-denies-drones")

    editor_client.post(CREATE, typed(new_outlet="Brand New Outlet"))

    assert not Outlet.objects.filter(name="Brand New Outlet").exists()


def test_typed_markup_is_shown_as_text_when_the_form_comes_back(editor_client):
    response = editor_client.post(
        CREATE, typed(title="", body="<script>alert('body')</script> text")
    )

    assertContains(
        response, "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt; text", status_code=400
    )
    assertNotContains(response, "<script>alert(", status_code=400)


# --- extracting a saved page ---------------------------------------------------------


def test_uploading_a_saved_page_prefills_the_form_and_saves_nothing(editor_client):
    response = editor_client.post(CREATE, {"action": "extract", "page": upload(saved_page())})

    assert response.status_code == 200
    assertContains(response, "Found in the page:")
    assertContains(response, 'value="Iran denies supplying drones to Russia"')
    assertContains(response, 'value="2022-10-20"')
    assertContains(response, 'value="https://news.example/iran-denies-drones"')
    assertContains(response, "where the spokesman answered questions about drones seen over Kyiv.")
    assertNotContains(response, "Most read")
    assertNotContains(response, "All rights reserved")
    assert not Article.objects.exists()
    form = response.context["form"]
    assert form.initial["body"] == "\n\n".join(PARAGRAPHS)
    assert form.initial["published_on"] == datetime.date(2022, 10, 20)


def test_the_extracted_article_is_saved_when_the_editor_submits_again(editor_client):
    outlet = make_outlet()
    response = editor_client.post(CREATE, {"action": "extract", "page": upload(saved_page())})
    form = response.context["form"]
    checked = {name: form.initial.get(name, "") for name in ("title", "url", "language", "body")}

    response = editor_client.post(
        CREATE, checked | {"outlet": outlet.pk, "published_on": "2022-10-20", "action": "save"}
    )

    article = Article.objects.get()
    assertRedirects(response, article.get_absolute_url())
    assert article.title == "Iran denies supplying drones to Russia"
    assert article.body == "\n\n".join(PARAGRAPHS)


def test_extracting_keeps_what_the_editor_had_typed_in_other_fields(editor_client):
    outlet = make_outlet()

    response = editor_client.post(
        CREATE,
        {
            "action": "extract",
            "page": upload(saved_page()),
            "outlet": outlet.pk,
            "note": "Saved on 21 October",
        },
    )

    assertContains(response, f'<option value="{outlet.pk}" selected>')
    assertContains(response, "Saved on 21 October</textarea>")


def test_what_the_page_does_not_say_is_listed_for_the_editor(editor_client):
    page = saved_page(published=None, canonical=None)

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(page)})

    assertContains(response, "Not found:")
    assertContains(response, "URL")
    assert "url" not in response.context["form"].initial


def test_a_page_whose_address_is_already_entered_says_so_at_once(editor_client):
    existing = make_article(url="https://news.example/iran-denies-drones")

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(saved_page())})

    assertContains(response, f'<a href="{existing.get_absolute_url()}">article #{existing.pk}')
    assert Article.objects.count() == 1


def test_a_page_saved_in_another_encoding_is_read_in_it(editor_client):
    page = saved_page(title="Иран отрицает поставки дронов", lang="ru").replace(
        'charset="utf-8"', 'charset="windows-1251"'
    )

    response = editor_client.post(
        CREATE, {"action": "extract", "page": upload(page.encode("windows-1251"))}
    )

    assertContains(response, 'value="Иран отрицает поставки дронов"')
    assertContains(response, 'value="ru"')


def test_extracting_without_a_file_asks_for_one(editor_client):
    response = editor_client.post(CREATE, {"action": "extract", "title": "Kept"})

    assertContains(response, "Saved web page</a>: Choose a saved web page", status_code=400)
    assertContains(response, 'value="Kept"', status_code=400)


def test_a_file_that_is_not_a_saved_web_page_is_refused(editor_client):
    response = editor_client.post(
        CREATE, {"action": "extract", "page": upload("%PDF-1.4", name="article.pdf")}
    )

    assertContains(response, "“article.pdf” is not a saved web page", status_code=400)
    assert not Article.objects.exists()


def test_a_page_larger_than_5_mb_is_refused(editor_client):
    big = saved_page() + "<!--" + "x" * (5 * 1024 * 1024) + "-->"

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(big)})

    assertContains(response, "the limit is 5 MB", status_code=400)


def test_a_page_without_article_text_is_refused_on_its_field(editor_client):
    page = "<html><head><title>Sign in</title></head><body><form></form></body></html>"

    response = editor_client.post(CREATE, {"action": "extract", "page": upload(page)})

    assertContains(response, "Saved web page</a>: No article text was found", status_code=400)


# --- extraction, the pure function -------------------------------------------------


def test_extraction_finds_title_date_address_language_and_paragraphs():
    found = extraction.extract_article(saved_page(), None)

    assert found == extraction.Extracted(
        title="Iran denies supplying drones to Russia",
        published_on=datetime.date(2022, 10, 20),
        body="\n\n".join(PARAGRAPHS),
        url="https://news.example/iran-denies-drones",
        language="en",
    )


def test_extraction_falls_back_to_the_address_the_page_was_saved_from():
    page = "<!-- saved from url=(0032)https://news.example/saved-page -->\n" + saved_page(
        canonical=None
    )

    assert extraction.extract_article(page, None).url == "https://news.example/saved-page"


def test_extraction_uses_the_address_it_was_fetched_from_when_the_page_names_none():
    found = extraction.extract_article(saved_page(canonical=None), "https://news.example/x")

    assert found.url == "https://news.example/x"


def test_extraction_keeps_markup_in_the_text_as_text():
    page = saved_page(
        paragraphs=(*PARAGRAPHS, "He wrote &lt;script&gt;alert(1)&lt;/script&gt; in the chat.")
    )

    assert "<script>alert(1)</script>" in extraction.extract_article(page, None).body


# --- fetching from an address --------------------------------------------------------


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
