"""The address of a record's page, without Django's URL resolver on every call.

A statement list renders some 600 links (each row's statement, actor, party, speaker,
claim and article) and a claim's timeline thousands; reverse() resolved each one anew,
a sixth of a page's time in a profile at 1,000,000 statements. A page's address is its
pattern with the one argument in it, so each pattern is reversed once (per script
prefix) with a stand-in argument, and the argument is put in its place.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlencode

from django.urls import get_script_prefix, reverse

# Matches both the int and the slug converters, and no other part of an address.
STAND_IN = "7304518269"
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


@functools.cache
def _pattern(viewname: str, prefix: str) -> str:
    address = reverse(viewname, args=[STAND_IN])
    if address.count(STAND_IN) != 1:  # never with ClaimTracker's patterns; be exact anyway
        return ""
    return address


def page_of(viewname: str, value: object) -> str:
    """reverse(viewname, args=[value]) for a view with one int or slug argument."""
    text = str(value)
    pattern = _pattern(viewname, get_script_prefix())
    if not pattern or not PLAIN.fullmatch(text):  # anything to quote: the resolver
        return reverse(viewname, args=[value])
    return pattern.replace(STAND_IN, text)


@functools.cache
def _plain(viewname: str, prefix: str) -> str:
    return reverse(viewname)


def address_of(viewname: str) -> str:
    """reverse(viewname) for a view without arguments (a list), resolved once."""
    return _plain(viewname, get_script_prefix())


def query_of(params: dict[str, str]) -> str:
    """urlencode(params), without quoting values that need none (slugs, ids, ISO dates):
    a busy actor's timeline links 800 marks to the statement list, and quoting each
    value anew was a tenth of drawing it."""
    if all(PLAIN.fullmatch(value) for value in params.values()):
        return "&".join(f"{name}={value}" for name, value in params.items())
    return urlencode(params)
