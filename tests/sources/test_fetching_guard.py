"""The article fetch cannot be turned against the server's own network: it connects only
to addresses checked for it (resolved once, so DNS rebinding finds nothing), checks
every redirect anew, and ends by its deadline whatever the server does.

The resolver is simulated in process (socket.getaddrinfo), and so are "public" servers
(socket.create_connection sends them to a page served on 127.0.0.1): no test sends
traffic anywhere but 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sources import fetching

PUBLIC = "93.184.216.34"  # never contacted: connections to it are sent to 127.0.0.1
PAGE = (
    b"<html><body><article><p>"
    + b"The ministry said no drones were sent. " * 20
    + b"</p></article></body></html>"
)


def answers(mapping: dict[str, list[str]]):
    """A resolver answering `mapping[host]` in turn: the first call the first list..."""
    calls: dict[str, int] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "127.0.0.1":  # the test's own connection to its local server
            return real(host, port, *args, **kwargs)
        if host not in mapping:
            raise socket.gaierror("unknown host")
        turn = calls.get(host, 0)
        calls[host] = turn + 1
        addresses = mapping[host][min(turn, len(mapping[host]) - 1)]
        family = socket.AF_INET6 if ":" in addresses else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (addresses, port))]

    getaddrinfo.calls = calls
    return getaddrinfo


@pytest.fixture
def server():
    """A page and a redirect served on 127.0.0.1."""
    routes: dict[str, tuple[int, dict, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, headers, body = routes.get(self.path, (404, {}, b""))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    yield httpd.server_port, routes
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def connections(monkeypatch):
    """Every address the fetch connects to; the "public" one is sent to 127.0.0.1."""
    made: list[str] = []
    local = {"port": None}
    create = socket.create_connection

    def create_connection(address, timeout=None, *args, **kwargs):
        host, port = address
        made.append(host)
        if host == PUBLIC and local["port"]:
            return create(("127.0.0.1", local["port"]), timeout)
        raise ConnectionRefusedError("not contacted in tests")

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return made, local


def test_a_name_rebound_to_a_private_address_is_never_connected_to(monkeypatch, connections):
    made, _ = connections
    resolver = answers({"rebind.example": [PUBLIC, "127.0.0.1"]})
    monkeypatch.setattr(socket, "getaddrinfo", resolver)

    with pytest.raises(fetching.FetchError):
        fetching.fetch_page("http://rebind.example/news", timeout=2)

    assert made == [PUBLIC]  # the address that was checked, never the rebound one
    assert resolver.calls == {"rebind.example": 1}  # resolved once: for check and connection


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "127.0.0.1",
        "169.254.169.254",
        "192.168.1.1",
        "224.0.0.1",
        "240.0.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_private_local_multicast_and_reserved_addresses_are_refused(
    monkeypatch, connections, address
):
    made, _ = connections
    monkeypatch.setattr(socket, "getaddrinfo", answers({"inside.example": [address]}))

    with pytest.raises(fetching.FetchError, match="is a private or local address"):
        fetching.fetch_page("http://inside.example/", timeout=2)

    assert made == []


def test_every_redirect_is_checked_again(monkeypatch, connections, server):
    made, local = connections
    local["port"], routes = server
    routes["/start"] = (302, {"Location": "http://internal.example/admin"}, b"")
    monkeypatch.setattr(
        socket, "getaddrinfo", answers({"news.example": [PUBLIC], "internal.example": ["10.1.2.3"]})
    )

    with pytest.raises(fetching.FetchError) as refused:
        fetching.fetch_page(f"http://news.example:{local['port']}/start", timeout=3)

    assert "redirects to http://internal.example/admin" in str(refused.value)
    assert "private or local address (10.1.2.3)" in str(refused.value)
    assert made == [PUBLIC]


def test_a_public_page_is_fetched_through_the_checked_address(monkeypatch, connections, server):
    made, local = connections
    local["port"], routes = server
    routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE)
    monkeypatch.setattr(socket, "getaddrinfo", answers({"news.example": [PUBLIC]}))

    page = fetching.fetch_page(f"http://news.example:{local['port']}/story", timeout=3)

    assert page.content == PAGE and page.charset == "utf-8"
    assert made == [PUBLIC]


@pytest.fixture
def trickler():
    """A server on 127.0.0.1 that sends its answer a byte at a time, slowly."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            with client:
                client.recv(4096)
                answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE
                for byte in answer:
                    if stop.is_set():
                        break
                    try:
                        client.sendall(bytes([byte]))
                    except OSError:
                        break
                    time.sleep(0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(5)
    listener.close()


def test_a_server_sending_a_byte_at_a_time_cannot_outrun_the_deadline(settings, trickler):
    settings.ARTICLE_FETCH_PRIVATE_ADDRESSES = True  # the trickler lives on 127.0.0.1
    began = time.monotonic()

    with pytest.raises(fetching.FetchError, match="did not answer within 1 seconds"):
        fetching.fetch_page(f"http://127.0.0.1:{trickler}/slow", timeout=1)

    # Sending it all would take a minute; the fetch ends at its deadline (with slack).
    assert time.monotonic() - began < 2.5
