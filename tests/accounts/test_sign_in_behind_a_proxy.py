"""The sign-in lockout behind a reverse proxy: it counts the client's address, read from
X-Forwarded-For only when the request comes from a proxy named in
CLAIMTRACKER_TRUSTED_PROXIES, and locks that account from that address only."""

from __future__ import annotations

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings

from claimtracker.clients import client_address
from claimtracker.environment import env_networks
from tests.factories import make_user

PROXY = "10.0.0.5"
TRUSTED = [ipaddress.ip_network("10.0.0.0/24")]
MALLORY, MARTA = "203.0.113.66", "198.51.100.2"


@pytest.fixture
def member(db):
    return make_user("marta", "editor")


def through_proxy(client: Client, password: str, client_ip: str, username: str = "marta"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=TRUSTED)
def test_behind_a_trusted_proxy_a_stranger_cannot_lock_out_the_account_for_its_owner(member):
    for _ in range(5):
        through_proxy(Client(), "wrong", MALLORY)
    assert through_proxy(Client(), "pw-marta", MALLORY).status_code == 429

    owner = through_proxy(Client(), "pw-marta", MARTA)

    assert owner.status_code == 302


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=[])
def test_without_trusted_proxies_a_forged_header_does_not_escape_the_lockout(member):
    for number in range(5):
        # A client cycling X-Forwarded-For values is still one address: its own.
        through_proxy(Client(), "wrong", f"192.0.2.{number}")

    assert through_proxy(Client(), "pw-marta", "192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, MARTA, MARTA),
        (PROXY, f"{MALLORY}, {MARTA}", MARTA),  # the client forged the first hop
        (PROXY, f"{MARTA}, 10.0.0.7", MARTA),  # two trusted proxies in a row
        (PROXY, "not-an-address", PROXY),
        (PROXY, "", PROXY),
        (MALLORY, MARTA, MALLORY),  # not from a trusted proxy: the header is ignored
    ],
)
def test_the_client_address_is_believed_only_as_far_as_trusted_proxies_go(
    settings, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = TRUSTED
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_a_malformed_trusted_proxy_setting_stops_start_up_naming_it():
    assert env_networks("X", {"X": "10.0.0.0/8, ::1"}) == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1"),
    ]
    with pytest.raises(ImproperlyConfigured, match="CLAIMTRACKER_TRUSTED_PROXIES must be"):
        env_networks("CLAIMTRACKER_TRUSTED_PROXIES", {"CLAIMTRACKER_TRUSTED_PROXIES": "proxy"})
