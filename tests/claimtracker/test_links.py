"""links.page_of gives exactly what reverse() gives, without resolving every link."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse, set_script_prefix

from claimtracker import links


@pytest.mark.parametrize(
    ("viewname", "value"),
    [
        ("claims:statement-detail", 1),
        ("claims:statement-detail", 7304518269),  # the stand-in itself
        ("claims:actor-detail", "iran"),
        ("claims:actor-detail", "nasser-kanaani_2"),
        ("claims:claim-detail", "iran-supplied-drones-to-russia"),
        ("sources:article-detail", 42),
    ],
)
def test_an_address_is_what_reverse_gives(viewname, value):
    assert links.page_of(viewname, value) == reverse(viewname, args=[value])


def test_an_argument_to_quote_goes_through_the_resolver():
    with pytest.raises(Exception, match="Reverse for 'actor-detail'"):
        links.page_of("claims:actor-detail", "kyïv/../admin")


def test_a_script_prefix_is_kept(settings):
    try:
        set_script_prefix("/claimtracker/")
        assert links.page_of("claims:actor-detail", "iran") == "/claimtracker/actors/iran/"
        assert links.page_of("claims:actor-detail", "iran") == reverse(
            "claims:actor-detail", args=["iran"]
        )
    finally:
        set_script_prefix("/")


def test_a_list_address_is_what_reverse_gives_under_any_prefix():
    assert links.address_of("claims:statement-list") == reverse("claims:statement-list")
    try:
        set_script_prefix("/claimtracker/")
        assert links.address_of("claims:statement-list") == "/claimtracker/statements/"
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "iran", "claim": "iran-supplied-drones", "date_from": "2022-10-01"},
        {"actor": "cote-d-ivoire", "stance": "denied"},
        {"q": "drones & missiles", "actor": "iran"},  # a value to quote: urlencode
        {"actor": "kyïv", "claim": "a/b?c=d#e"},
    ],
)
def test_a_query_is_what_urlencode_gives(params):
    assert links.query_of(params) == urlencode(params)
