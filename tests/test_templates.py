"""What every template must be: a page title of plain words (a tag inside <title> shows
as text in the browser's tab and history)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parent.parent / "templates").rglob("*.html"))
TITLE = re.compile(r"{% block title %}(.*?){% endblock %}", re.DOTALL)


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_a_page_title_holds_no_markup(path):
    for title in TITLE.findall(path.read_text()):
        assert "<" not in title and "\n" not in title, f"{path.name}: {title!r}"
