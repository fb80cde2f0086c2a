"""Fetching a published article's page for the editor, with an error a person can act on
for every way that fails."""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

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


def fetch_page(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Page:
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    _check_address(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(
        url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,application/xhtml+xml"}
    )
    # The socket timeout bounds each wait; the deadline bounds the whole download, so a
    # server that trickles bytes cannot hold a worker longer than the timeout either.
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            headers = response.headers
            if response.status != 200:
                raise FetchError(
                    f"the server answered {response.status} {response.reason}, not 200"
                )
            _check_type(headers)
            _check_declared_size(headers, max_bytes)
            content = _read(response, max_bytes, deadline)
            return Page(
                url=response.geturl(), content=content, charset=headers.get_content_charset()
            )
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location", "") if error.headers else ""
        if 300 <= error.code < 400 and location.startswith(("http://", "https://", "/")):
            raise FetchError(f"the page redirects too many times (last to {location})") from None
        if 300 <= error.code < 400:
            # urllib refuses redirects to other schemes (file:, data:) before asking us.
            raise FetchError(
                f"the page redirects to {location}, and only http:// and https:// addresses "
                "can be fetched"
            ) from None
        raise FetchError(
            f"the server answered {error.code} {error.reason} instead of the page"
        ) from None
    except urllib.error.URLError as error:
        raise FetchError(_describe(error.reason, url, timeout)) from None
    except (TimeoutError, OSError) as error:
        raise FetchError(_describe(error, url, timeout)) from None


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError("only http:// and https:// addresses can be fetched")
    if not parts.hostname:
        raise FetchError("the address has no host name")
    try:
        port = parts.port
        infos = socket.getaddrinfo(parts.hostname, port or 80, proto=socket.IPPROTO_TCP)
    except ValueError:
        raise FetchError("the address has an invalid port") from None
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"the host name {parts.hostname} could not be found (DNS)") from None
    if getattr(settings, "ARTICLE_FETCH_PRIVATE_ADDRESSES", False):
        return
    # The server sits inside a network the editor may not see; a fetch must not become
    # a way to read its internal services (cloud metadata, admin ports, the database).
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FetchError(
                f"{parts.hostname} is a private or local address ({address}); "
                "only public web pages can be fetched"
            )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        try:
            _check_address(newurl)
        except FetchError as error:
            raise FetchError(f"the page redirects to {newurl}, and {error}") from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


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
    while chunk := response.read(_CHUNK):
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
