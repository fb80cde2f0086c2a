"""A strict Content-Security-Policy on every page, and every page works under it: in
Chromium, no CSP violation on any page type, reader, editor or administrator, the API's
documentation and the admin included."""

from __future__ import annotations

from django.contrib.auth.models import User
from playwright.sync_api import expect

from claims.models import Statement
from tests.browser.conftest import shot

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
READER_PAGES = [
    "/",
    "/statements/",
    "/statements/?q=drones&stance=denied",
    "/statements/17/",
    "/actors/",
    "/actors/dmitry-peskov/",
    "/claims/",
    "/claims/iran-supplied-drones-to-russia/",
    "/articles/",
    "/articles/1/",
    "/history/statement/17/",
    "/accounts/login/",
    "/api/v1/docs/",
    "/api/v1/statements/",
    "/api/v1/actors/iran/",  # the browsable API's Extra Actions button (a style attribute)
]
ADMINISTRATOR_PAGES = [
    "/articles/1/edit/",
    "/articles/1/statements/new/",
    "/statements/17/edit/",
    "/actors/iran/edit/",
    "/actors/iran/merge/",
    "/accounts/tokens/",
    "/admin/",
    "/admin/claims/statement/17/change/",
]


def visit(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.__violations")


def test_every_page_type_works_under_the_policy_without_a_violation(
    committed_seed, page, live_server
):
    User.objects.create_superuser("ada", "ada@example.org", "ada-pass-2022")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH)
    base = live_server.url

    response = page.goto(f"{base}/")
    policy = response.headers["content-security-policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "script-src 'self'",
        "style-src 'self'",
    ):
        assert directive in policy
    violations = {url: visit(page, base + url) for url in READER_PAGES}

    page.goto(f"{base}/accounts/login/")
    form = page.locator("main form")
    form.get_by_label("User name").fill("ada")
    form.get_by_label("Password").fill("ada-pass-2022")
    form.get_by_role("button", name="Sign in", exact=True).click()
    violations |= {url: visit(page, base + url) for url in ADMINISTRATOR_PAGES}
    shot(page, "csp-admin-statement")

    assert {url: found for url, found in violations.items() if found} == {}
    assert [text for text in console if "Content Security Policy" in text] == []
    assert Statement.objects.filter(pk=17).exists()


def test_the_api_documentation_renders_its_operations_under_the_policy(
    committed_seed, page, live_server
):
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/api/v1/docs/")

    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert page.evaluate("() => window.__violations") == []
    shot(page, "csp-api-docs")
