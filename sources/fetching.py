"""Fetching a published article's page for the editor, with an error a person can act on
for every way that fails."""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from claimtracker import inputs

TIMEOUT_SECONDS = 10
MAX_BYTES = 5 * 1024 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024
_USER_AGENT = "ClaimTracker article fetcher"


class FetchError(Exception):
    """Why the page could not be fetched, phrased for the editor."""


@dataclass(frozen=True)
class Page:
    url: str  # where the page was found, after redirects
    content: bytes
    charset: str | None


def is_enabled() -> bool:
    return getattr(settings, "ARTICLE_FETCH_ENABLED", True)


MAX_REDIRECTS = 10
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def fetch_page(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Page:
    """The page at `url`, following redirects, within `timeout` seconds in all (connect,
    headers and body, whatever the server does) and `max_bytes`.

    Each connection goes to an address that was checked for it, resolved once: a name
    that answers a public address to the check and a private one to the connection (DNS
    rebinding) cannot reach an internal service, and every redirect is checked anew."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeout
    try:
        for _ in range(MAX_REDIRECTS + 1):
            parts = _checked_parts(url)
            connection = _connection(parts, deadline)
            # Whatever the server does (a byte a second, headers that never end), the
            # socket is shut at the deadline, so the fetch ends by then.
            watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), connection.cut)
            watchdog.start()
            try:
                target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                connection.request("GET", target, headers=REQUEST_HEADERS)
                response = connection.getresponse()
                if response.status in REDIRECTS:
                    url = _redirect_target(url, response.getheader("Location", ""))
                    continue
                if response.status != 200:
                    raise FetchError(
                        f"the server answered {response.status} {response.reason} "
                        "instead of the page"
                    )
                _check_type(response.headers)
                _check_declared_size(response.headers, max_bytes)
                content = _read(response, max_bytes, deadline)
                return Page(
                    url=url, content=content, charset=response.headers.get_content_charset()
                )
            finally:
                watchdog.cancel()
                connection.close()
        raise FetchError(f"the page redirects too many times (last to {url})")
    except FetchError as refused:
        if time.monotonic() < deadline:
            raise
        # Cut short at the deadline, what arrived may look like anything (no headers).
        raise FetchError(_describe(TimeoutError(), url, timeout)) from refused
    except (TimeoutError, OSError, http.client.HTTPException) as error:
        # A socket shut by the watchdog fails in many ways; past the deadline, it timed out.
        reason = TimeoutError() if time.monotonic() >= deadline else error
        raise FetchError(_describe(reason, url, timeout)) from None


REQUEST_HEADERS = {"User-Agent": _USER_AGENT, "Accept": "text/html,application/xhtml+xml"}


def _redirect_target(url: str, location: str) -> str:
    target = urljoin(url, location)
    if urlsplit(target).scheme not in {"http", "https"}:
        raise FetchError(
            f"the page redirects to {location}, and only http:// and https:// addresses "
            "can be fetched"
        )
    try:
        _checked_parts(target)
        checked_addresses(urlsplit(target))
    except FetchError as error:
        raise FetchError(f"the page redirects to {target}, and {error}") from None
    return target


def _checked_parts(url: str):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError("only http:// and https:// addresses can be fetched")
    if not parts.hostname:
        raise FetchError("the address has no host name")
    try:
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        raise FetchError("the address has an invalid port") from None
    return parts


def checked_addresses(parts) -> list[str]:
    """The addresses of the host, resolved once, each allowed to be connected to: a
    private, loopback, link-local, multicast or reserved one (IPv4 or IPv6, IPv4-mapped
    included) refuses the whole host, unless ARTICLE_FETCH_PRIVATE_ADDRESSES is on."""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"the host name {parts.hostname} could not be found (DNS)") from None
    addresses = list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    if getattr(settings, "ARTICLE_FETCH_PRIVATE_ADDRESSES", False):
        return addresses
    # The server sits inside a network the editor may not see; a fetch must not become
    # a way to read its internal services (cloud metadata, admin ports, the database).
    for text in addresses:
        address = ipaddress.ip_address(text)
        mapped = getattr(address, "ipv4_mapped", None)
        if not is_public(address) or (mapped is not None and not is_public(mapped)):
            raise FetchError(
                f"{parts.hostname} is a private or local address ({address}); "
                "only public web pages can be fetched"
            )
    return addresses


def is_public(address) -> bool:
    # is_global alone lets multicast through (224.0.0.1 and ff02::1 count as global).
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
    )


class _PinnedConnection:
    """http.client's connection, connected to an address checked for it (the Host
    header and the TLS server name stay the host name)."""

    parts = None
    deadline = 0.0

    def connect(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        port = self.parts.port or (443 if self.parts.scheme == "https" else 80)
        last_error: OSError | None = None
        for address in checked_addresses(self.parts):
            try:
                self.sock = socket.create_connection((address, port), timeout=remaining)
                break
            except OSError as error:
                last_error = error
        else:
            raise last_error or OSError("no address to connect to")
        if self.parts.scheme == "https":
            self.sock = ssl.create_default_context().wrap_socket(
                self.sock, server_hostname=self.parts.hostname
            )

    def cut(self) -> None:
        sock = getattr(self, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _PinnedHTTPConnection(_PinnedConnection, http.client.HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedConnection, http.client.HTTPSConnection):
    pass


def _connection(parts, deadline: float):
    kind = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=max(0.1, deadline - time.monotonic()))
    connection.parts, connection.deadline = parts, deadline
    return connection


def _check_type(headers: Message) -> None:
    content_type = headers.get_content_type()
    if content_type not in HTML_TYPES:
        raise FetchError(f"the address gives {content_type}, not an HTML page")


def _check_declared_size(headers: Message, max_bytes: int) -> None:
    length = headers.get("Content-Length", "")
    if (inputs.whole_number(length) or 0) > max_bytes:
        raise FetchError(
            f"the page is {_megabytes(int(length))}, more than {_megabytes(max_bytes)}"
        )


def _read(response, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    # read1: what has arrived, so a trickle is seen at once rather than after 64 KB.
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the page is larger than {_megabytes(max_bytes)}")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(reason: object, url: str, timeout: float) -> str:
    if isinstance(reason, FetchError):
        return str(reason)
    if isinstance(reason, TimeoutError | socket.timeout) or "timed out" in str(reason):
        return f"the server did not answer within {timeout:g} seconds"
    if isinstance(reason, socket.gaierror):
        return f"the host name {urlsplit(url).hostname} could not be found (DNS)"
    if isinstance(reason, ConnectionRefusedError):
        return f"nothing answers at {urlsplit(url).netloc} (connection refused)"
    if isinstance(reason, ConnectionError):
        return f"the connection to {urlsplit(url).netloc} failed ({reason})"
    return f"the page could not be fetched ({reason})"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
