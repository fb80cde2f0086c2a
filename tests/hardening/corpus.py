"""The bad-request corpus (bad_requests/*.json, one file per kind): reading its entries,
sending each as a browser or a script would, reading whether the answer names the
field, and the checksum of every table that proves nothing was written.

An entry is a JSON object:

- `kind` (the file's name), `what` (one line: what is wrong with it);
- `method`, `path` (with its query string, percent-encoded as sent), `who`
  (`anonymous`, `editor` or `administrator`: a token for /api/, a signed-in session
  sending its CSRF token for pages), `content_type`;
- the body, at most one of: `body` (JSON for a JSON content type, else a form's fields,
  a value or a list of values each), `raw` (text segments, each `[text, times]`, sent
  as UTF-8: malformed or deeply nested JSON), `hex` (bytes as hexadecimal: invalid
  UTF-8). Anywhere in `body`, `{"$repeat": "x", "times": n}` is the string "x" * n;
- `field`: what the answer must name (an API error key, or a path into the nested
  errors such as `quotes[0].text`; a form's field), or null with `no_field` saying why
  none applies and `status`, the one answer expected (a 404 for an id no record has).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection
from django.test import Client

from tests.api.support import token_for

CORPUS = Path(__file__).parent / "bad_requests"
WHO = ("anonymous", "editor", "administrator")
KEYS = {"kind", "what", "method", "path", "who", "content_type", "field"}
OPTIONAL = {"body", "raw", "hex", "no_field", "status"}
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True)
class Entry:
    kind: str
    number: int
    spec: dict

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.number:02d}"

    @property
    def is_api(self) -> bool:
        return self.spec["path"].startswith("/api/")

    def __getattr__(self, name: str):
        try:
            return self.spec[name]
        except KeyError:
            raise AttributeError(name) from None


def entries() -> list[Entry]:
    """Every entry of every kind, in file order, each checked for its shape."""
    found = []
    for path in sorted(CORPUS.glob("*.json")):
        for number, spec in enumerate(json.loads(path.read_text(encoding="utf-8")), start=1):
            entry = Entry(path.stem, number, spec)
            problems = shape_problems(entry)
            assert not problems, f"{path.name} entry {number}: {problems}"
            found.append(entry)
    return found


def shape_problems(entry: Entry) -> list[str]:
    spec, problems = entry.spec, []
    if missing := KEYS - spec.keys():
        problems.append(f"lacks {sorted(missing)}")
    if unknown := spec.keys() - KEYS - OPTIONAL:
        problems.append(f"has unknown keys {sorted(unknown)}")
    if spec.get("kind") != entry.kind:
        problems.append(f"kind {spec.get('kind')!r} is not its file's, {entry.kind!r}")
    if spec.get("who") not in WHO:
        problems.append(f"who must be one of {WHO}")
    if len({"body", "raw", "hex"} & spec.keys()) > 1:
        problems.append("give one of body, raw and hex")
    if spec.get("field") is None and not (spec.get("no_field") and spec.get("status")):
        problems.append("without a field, say why (no_field) and the answer expected (status)")
    return problems


def expanded(value):
    """`body` with each {"$repeat": ..., "times": ...} made the string it stands for."""
    if isinstance(value, dict):
        if "$repeat" in value:
            return value["$repeat"] * value["times"]
        return {key: expanded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [expanded(item) for item in value]
    return value


def body_bytes(entry: Entry) -> bytes:
    spec = entry.spec
    if "hex" in spec:
        return bytes.fromhex(spec["hex"])
    if "raw" in spec:
        return "".join(text * times for text, times in spec["raw"]).encode()
    if "body" not in spec:
        return b""
    body = expanded(spec["body"])
    if spec["content_type"] == FORMS[0]:
        return urlencode(body, doseq=True).encode()
    if spec["content_type"].startswith("application/json"):
        return json.dumps(body).encode()
    return body.encode() if isinstance(body, str) else json.dumps(body).encode()


class Cast:
    """One client per role for a test: a token for the API, a signed-in session that
    sends its CSRF token (as a browser does, enforced) for the pages."""

    def __init__(self, make_user):
        self.make_user = make_user  # the user of a role, made when a request needs one

    def client(self, entry: Entry) -> tuple[Client, dict]:
        user = self.make_user(entry.who) if entry.who != "anonymous" else None
        client = Client(enforce_csrf_checks=True)
        if user is None:
            return client, {}
        if entry.is_api:
            return client, {"HTTP_AUTHORIZATION": f"Token {token_for(user)}"}
        client.force_login(user)
        client.get("/articles/new/")  # the page sets the CSRF cookie, as a browser gets it
        return client, {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def send(client: Client, headers: dict, entry: Entry):
    spec = entry.spec
    if spec["content_type"] == FORMS[1] and "body" in spec:
        # The test client writes the multipart body, with its boundary, from the fields.
        return client.post(spec["path"], expanded(spec["body"]), **headers)
    return client.generic(
        spec["method"],
        spec["path"],
        data=body_bytes(entry),
        content_type=spec["content_type"],
        **headers,
    )


def table_checksums() -> dict[str, tuple[int, str]]:
    """Every table of the database, history and search tables included: its row count
    and a hash of its rows in a fixed order."""
    tables = connection.introspection.table_names()
    quoted = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One query, hashed where the rows are, rather than every row sent twice a test.
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s::text, count(*), md5(coalesce(string_agg(t::text, E'\\n' "
                    f"ORDER BY t::text), '')) FROM {quoted(table)} AS t"
                    for table in tables
                ),
                tables,
            )
            return {table: (count, digest) for table, count, digest in cursor.fetchall()}
        sums = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {quoted(table)}")
            rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass"))
            sums[table] = (len(rows), digest.hexdigest())
        return sums


def error_names(response) -> set[str] | None:
    """What an HTML answer shows as an error's field: the controls inside a field marked
    has-error, and the names in bold in an alert ("<strong>into:</strong> ...")."""
    if "text/html" not in response.get("Content-Type", ""):
        return None
    reader = ErrorReader()
    reader.feed(response.content.decode("utf-8", "replace"))
    return reader.names


class ErrorReader(HTMLParser):
    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self.open: list[tuple[str, bool, bool]] = []  # tag, marks an error, is an alert
        self.bold: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        in_error = any(error for _, error, _ in self.open)
        in_alert = any(alert for _, _, alert in self.open)
        if tag in ("input", "select", "textarea") and in_error and attributes.get("name"):
            self.names.add(attributes["name"])
        if tag == "strong" and in_alert:
            self.bold = []
        if tag not in self.VOID:
            classes = (attributes.get("class") or "").split()
            self.open.append((tag, "has-error" in classes, attributes.get("role") == "alert"))

    def handle_endtag(self, tag):
        if tag == "strong" and self.bold is not None:
            said = "".join(self.bold).strip().rstrip(":").strip().casefold()
            self.names.add(said.replace(" ", "_"))
            self.bold = None
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.bold is not None:
            self.bold.append(data)


PATH_STEP = re.compile(r"[^.\[\]]+")


def json_names(body: object, field: str) -> bool:
    """Whether an API error body names `field`: as a key; as a path into nested errors
    (`quotes[0].text`: {"quotes": [{"text": [...]}]}); as the start of a key that says
    where inside it ({"note[0][0]...": [...]}); or, for a quote of a statement, as the
    actions' shape {"quotes[0]": ["text: ..."]}."""
    if not isinstance(body, dict):
        return False
    for key, messages in body.items():
        if key == field or key.startswith((f"{field}.", f"{field}[")):
            return True
        rest = field[len(key) + 1 :] if field.startswith(f"{key}.") else ""
        if rest and any(str(message).startswith(f"{rest}:") for message in messages):
            return True
    for step in PATH_STEP.findall(field):
        if isinstance(body, dict) and step in body:
            body = body[step]
        elif isinstance(body, list) and step.isdigit() and int(step) < len(body):
            body = body[int(step)]
        else:
            return False
    return True


def shows_field(response, entry: Entry) -> bool:
    if entry.is_api or "application/json" in response.get("Content-Type", ""):
        try:
            body = json.loads(response.content)
        except ValueError:
            return False
        if entry.field is None:
            return isinstance(body, dict) and bool(body.get("detail"))
        return json_names(body, entry.field)
    names = error_names(response)
    if entry.field is None:
        return names is not None
    return names is not None and entry.field.casefold() in names
