"""What the assistant's panel tests need beyond the cast of tests/conftest.py."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_user


@pytest.fixture
def second_editor_client(db):
    """Another editor in a browser of their own."""
    second = Client()
    second.force_login(make_user("second-editor", "editor"))
    return second
