"""What the editor pages need beyond the cast of tests/conftest.py."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.editor.recording import AGAIN
from tests.factories import make_article, make_user


@pytest.fixture
def second_editor_client(db):
    """Another editor in a browser of their own, for two people editing one record."""
    second = Client()
    second.force_login(make_user("second-editor", "editor"))
    return second


@pytest.fixture
def kannani_again(db):
    """Another article reporting what Kanaani said on 18 October (seed statement 16),
    and the record form as an editor fills it in from that article."""
    article = make_article(body=f"On Tuesday {AGAIN} Nobody else spoke.")
    typed = {
        "text": AGAIN,
        "actor": "Tehran",
        "speaker": "Kannani",
        "claim": "iran-supplied-drones-to-russia",
        "made_on": "2022-10-18",
        "date_wording": "On Tuesday",
    }
    return article, typed
