"""Stored XSS, issue 14: every text field an editor fills holds payloads (script tags,
event handlers, javascript: and data: URLs, attribute and element breakouts, template
syntax, SVG and MathML, encoded and unicode variants, JSON breakouts; one per line in
xss_payloads.txt), and every page type that shows them is opened in Chromium, reader,
editor and administrator pages, the Django admin and the browsable API included.

On each page load: no payload ran (the window marker they set is undefined, no dialog
opened), no CSP violation was reported, no element or attribute a payload would inject
exists, and the stored text is shown literally, escaped, where the page shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client

from tests.browser.conftest import PHONE, shot
from tests.browser.xss_records import PAYLOADS, Records, make_records

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push([event.violatedDirective, event.blockedURI,
    event.sourceFile + ":" + event.lineNumber, event.sample].join(" "));
});
"""
# What a payload would leave in the document had it been parsed as markup: an event
# handler attribute (the site, the admin and the API pages have none: the CSP forbids
# them), a script URL, a script or style holding the marker, an element only a payload
# makes. Attribute values holding the marker are fine where text belongs in them
# (a form field's value, a title, a link to an article's own URL).
INJECTED = """() => {
  const found = [];
  const urls = ["href", "src", "action", "formaction", "data", "srcdoc", "background", "poster"];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/\\s/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`${element.tagName} ${name}`);
      if (urls.includes(name) && /^(javascript|data:text\\/html|vbscript)/.test(value)) {
        found.push(`${element.tagName} ${name}=${value}`);
      }
      if (urls.includes(name) && name !== "href" && value.includes("__xss")) {
        found.push(`${element.tagName} ${name}=${value}`);
      }
    }
  }
  const only = 'img[src="x"], #xss, iframe, object, embed, math, video, audio, marquee, '
    + 'base[href^="javascript"], meta[http-equiv="refresh"], animate, foreignObject';
  for (const element of document.querySelectorAll(only)) found.push(element.outerHTML);
  for (const element of document.querySelectorAll("script, style")) {
    if (/__xss|alert\\(/.test(element.textContent)) found.push(element.outerHTML.slice(0, 80));
  }
  return found;
}"""
SHOWN = """() => [document.body.innerText,
  ...Array.from(document.querySelectorAll("input, textarea"), (element) => element.value),
].join("\\n")"""


def flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Watch:
    """One browser context's page and what it reported, page load by page load."""

    page: object
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # the fields shown literally
    loads: int = 0
    types: set[str] = field(default_factory=set)
    executions: int = 0
    violations: int = 0

    def __post_init__(self):
        self.page.add_init_script(WATCH)
        self.page.on("dialog", self.on_dialog)
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("pageerror", lambda error: self.console.append(f"error: {error}"))

    def on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, kind: str, url: str, records: Records, shown: tuple[str, ...]) -> None:
        page = self.page
        dialogs, console = len(self.dialogs), len(self.console)
        response = page.goto(url)
        if kind == "API documentation":
            page.locator(".opblock").first.wait_for(timeout=15_000)
        self.loads += 1
        self.types.add(kind)
        problems = []
        if response.status != 200:
            problems.append(f"answered {response.status}")
        if page.evaluate("typeof window.__xss") != "undefined":
            self.executions += 1
            problems.append(f"a payload ran: window.__xss = {page.evaluate('window.__xss')}")
        violations = page.evaluate("() => window.__violations")
        self.violations += len(violations)
        problems += [f"CSP violation: {v}" for v in violations]
        problems += [f"injected: {found}" for found in page.evaluate(INJECTED)]
        problems += [f"dialog: {message}" for message in self.dialogs[dialogs:]]
        problems += [
            f"console: {text}"
            for text in self.console[console:]
            if "Content Security Policy" in text or text.startswith("error:")
        ]
        text = flat(page.evaluate(SHOWN))
        if kind != "API documentation" and not any(flat(p) in text for p in PAYLOADS):
            problems.append("no payload is shown literally")
        for name in shown:
            if any(flat(value) in text for value in records.fields[name]):
                self.seen.add(name)
            else:
                problems.append(f"the {name} is not shown literally")
        if problems:
            self.problems[url] = problems


def signed_in(page, client, live_server) -> None:
    """The browser context takes the session a test client signed in with."""
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def reader_and_editor_pages(records: Records) -> list[tuple[str, str, tuple[str, ...]]]:
    first, statement = records.first, records.first.statement
    mark = next(s for s in records.sets if "</mark>" in s.statement.quotes.first().text)
    version = statement.history.order_by("-history_id").first().history_id
    listed = ("actor name", "claim text", "quote text", "article title", "outlet name")
    said = ("statement date wording", "username")
    return [
        ("home", "/", (*listed, *said)),
        ("statement list", "/statements/", (*listed, *said)),
        ("search results", "/statements/?q=breakout", listed),
        ("statement page", statement.get_absolute_url(), (*listed, "statement note", *said)),
        ("statement page", mark.statement.get_absolute_url(), (*listed, "statement note")),
        ("article list", "/articles/", ("article title", "outlet name", "article language")),
        ("article page", first.article.get_absolute_url(), (*listed, "article language")),
        ("actor list", "/actors/", ("actor name", "actor alias")),
        ("actor page", first.actor.get_absolute_url(), (*listed, "actor description")),
        ("claim list", "/claims/", ("claim text",)),
        ("claim page", first.claim.get_absolute_url(), (*listed, "claim note")),
        ("history", f"/history/statement/{statement.pk}/", ("change reason", "username")),
        ("history", f"/history/actor/{first.actor.pk}/", ("actor name", "username")),
        ("history", f"/history/article/{first.article.pk}/", ("article title", "username")),
        ("history", f"/history/outlet/{first.outlet.pk}/", ("outlet name", "username")),
        ("history", f"/history/claim/{first.claim.pk}/", ("claim text", "username")),
        ("version", f"/history/statement/{statement.pk}/{version}/", ("statement note",)),
        ("statement edit", f"/statements/{statement.pk}/edit/", ("statement note", *said)),
        (
            "article edit",
            f"/articles/{first.article.pk}/edit/",
            ("article title", "article URL", "article body", "article note"),
        ),
        (
            "statement entry",
            f"/articles/{first.article.pk}/statements/new/",
            ("article title", "quote text"),
        ),
        (
            "actor edit",
            f"/actors/{first.actor.slug}/edit/",
            ("actor name", "actor alias", "actor description", "actor note"),
        ),
        ("claim edit", f"/claims/{first.claim.slug}/edit/", ("claim text", "claim note")),
        ("quote edit", f"/quotes/{first.quotes[0].pk}/edit/", ("quote text",)),
        ("API tokens", "/accounts/tokens/", ("username",)),
    ]


def administrator_pages(records: Records) -> list[tuple[str, str, tuple[str, ...]]]:
    first, statement = records.first, records.first.statement
    oldest = statement.history.order_by("history_id").first().history_id
    return [
        ("restore confirmation", f"/history/statement/{statement.pk}/{oldest}/restore/", ()),
        ("merge", f"/actors/{first.actor.slug}/merge/", ("actor name",)),
        ("admin change list", "/admin/claims/statement/", ("actor name", "claim text")),
        ("admin change list", "/admin/claims/actor/", ("actor name", "actor alias")),
        ("admin change list", "/admin/sources/article/", ("article title", "outlet name")),
        ("admin change list", "/admin/sources/outlet/", ("outlet name", "outlet URL")),
        (
            "admin change form",
            f"/admin/claims/statement/{statement.pk}/change/",
            ("statement note", "statement date wording", "quote text"),
        ),
        (
            "admin change form",
            f"/admin/claims/actor/{first.actor.pk}/change/",
            ("actor name", "actor alias", "actor description", "actor note"),
        ),
        (
            "admin change form",
            f"/admin/sources/outlet/{first.outlet.pk}/change/",
            ("outlet name", "outlet URL", "outlet note"),
        ),
        (
            "browsable API",
            f"/api/v1/actors/{first.actor.slug}/",
            ("actor name", "actor alias", "actor description", "actor note"),
        ),
        ("browsable API", f"/api/v1/statements/?claim={first.claim.slug}", ("claim text",)),
        ("browsable API", f"/api/v1/articles/{first.article.pk}/", ("article body",)),
        ("browsable API", f"/api/v1/outlets/{first.outlet.slug}/", ("outlet note",)),
        ("API documentation", "/api/v1/docs/", ()),
    ]


def citation_files(page, base: str, records: Records) -> dict[str, str]:
    """The citation downloads are files for reference managers, never HTML pages."""
    wrong = {}
    for extension in ("bib", "ris", "json"):
        url = f"{base}{records.first.statement.get_absolute_url()}cite.{extension}"
        response = page.request.get(url)
        kind = response.headers["content-type"]
        if (
            response.status != 200
            or "html" in kind
            or "attachment" not in (response.headers.get("content-disposition", ""))
        ):
            wrong[url] = f"{response.status} {kind}"
    return wrong


def test_payloads_in_every_field_run_nowhere_and_show_literally(
    transactional_db, page, new_page, live_server, administrator, administrator_browser, figure
):
    records = make_records()
    administrator.is_staff = administrator.is_superuser = True  # the Django admin's door
    administrator.save()
    editor_client = Client()
    editor_client.force_login(records.editor)
    base = live_server.url

    editor = Watch(page)
    signed_in(page, editor_client, live_server)
    for kind, url, shown in reader_and_editor_pages(records):
        editor.visit(kind, base + url, records, shown)
        if url == records.first.statement.get_absolute_url():
            shot(page, "xss-statement")
            page.set_viewport_size(PHONE)
            shot(page, "xss-statement-phone")
        if url == records.first.actor.get_absolute_url():
            shot(page, "xss-actor-phone")
            page.set_viewport_size({"width": 1280, "height": 900})
        if kind == "article edit":
            shot(page, "xss-article-edit")

    administrator_page = new_page()
    admin = Watch(administrator_page)
    signed_in(administrator_page, administrator_browser, live_server)
    for kind, url, shown in administrator_pages(records):
        admin.visit(kind, base + url, records, shown)
        if kind == "admin change form" and "statement" in url:
            shot(administrator_page, "xss-admin-statement")
    wrong_files = citation_files(page, base, records)

    problems = editor.problems | admin.problems
    assert problems == {}
    assert wrong_files == {}
    assert editor.dialogs == admin.dialogs == []
    unseen = set(records.fields) - editor.seen - admin.seen
    assert unseen == set(), f"fields never shown on a page: {sorted(unseen)}"
    loads, types = editor.loads + admin.loads, editor.types | admin.types
    executions = editor.executions + admin.executions
    violations = editor.violations + admin.violations
    figure(
        f"stored XSS: {len(PAYLOADS)} payloads x {len(records.fields)} fields, {loads} page loads"
        f" over {len(types)} page types: {executions} executions,"
        f" {len(editor.dialogs) + len(admin.dialogs)} dialogs, {violations} CSP violations"
    )
