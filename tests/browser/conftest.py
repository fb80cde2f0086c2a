"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's
live server.

No browser is ever downloaded: the tests use /usr/bin/chromium. Where it is missing they
skip, unless CLAIMTRACKER_REQUIRE_BROWSER is set (as in CI), where a missing browser is a
failure: a suite that silently skips its browser tests proves nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The Playwright sync API runs an asyncio event loop in the test thread; Django refuses
# database access from a thread with a running loop unless told it is safe. Here it is:
# the test thread only prepares data, and the live server answers from its own thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REQUIRE_BROWSER = "CLAIMTRACKER_REQUIRE_BROWSER"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"  # gitignored
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get(REQUIRE_BROWSER):
            pytest.fail(f"{message}; {REQUIRE_BROWSER} is set, so this is a failure")
        pytest.skip(f"{message}; set {REQUIRE_BROWSER}=1 to fail instead of skipping")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _open_page(browser, live_server) -> tuple[object, list[str]]:
    """A page in a new browser context (its own cookies: its own session), with every
    request it makes recorded and any to another host than the live server aborted."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    def only_live_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_live_server)
    return page, requested


def _close_page(page, requested: list[str], live_server) -> None:
    page.context.close()
    foreign = [url for url in requested if not url.startswith(live_server.url)]
    assert requested, "the page made no requests at all"
    assert not foreign, f"requests to other hosts than {live_server.url}: {foreign}"


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test. Every request the page makes is recorded, and
    the test fails if any went anywhere but the live server: the pages load nothing
    from other hosts (requests elsewhere are also aborted, so no test touches the net)."""
    page, requested = _open_page(browser, live_server)
    yield page
    _close_page(page, requested, live_server)


@pytest.fixture
def new_page(browser, live_server):
    """Opens further pages, each in a context of its own (another session, as a second
    person at another computer), checked like `page` when the test ends."""
    opened: list[tuple[object, list[str]]] = []

    def open_page():
        page, requested = _open_page(browser, live_server)
        opened.append((page, requested))
        return page

    yield open_page
    for page, requested in opened:
        _close_page(page, requested, live_server)


def shot(page, name: str) -> Path:
    """A full-page screenshot at tests/browser/screenshots/<name>.png, for a human to
    look at; the tests never compare pixels."""
    page.wait_for_load_state("load")  # after a click, the new page may still be loading
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
