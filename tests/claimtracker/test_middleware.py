"""With CLAIMTRACKER_READ_REQUIRES_SIGN_IN on, the pages ask anonymous visitors to sign
in (claimtracker/middleware.py); it is off by default. (The API's side of the setting:
tests/api/test_permissions.py.)"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.usefixtures("seed")  # the pages below are the seed's

PAGES = [
    "/",
    "/statements/",
    "/statements/17/",
    "/actors/iran/",
    "/claims/iran-supplied-drones-to-russia/",
    "/articles/3/",
    "/history/statement/17/",
]


@override_settings(READ_REQUIRES_SIGN_IN=True)
@pytest.mark.parametrize("url", PAGES)
def test_with_reading_behind_a_sign_in_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@override_settings(READ_REQUIRES_SIGN_IN=True)
def test_with_reading_behind_a_sign_in_the_sign_in_page_and_signed_in_readers_still_work(
    reader_client,
):
    assert Client().get("/accounts/login/").status_code == 200
    for url in PAGES:
        assert reader_client.get(url).status_code == 200, url


def test_reading_is_open_by_default(client):
    for url in PAGES:
        assert client.get(url).status_code == 200, url
