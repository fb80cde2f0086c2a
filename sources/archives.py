"""Archive copies of articles: the addresses an article's archive URL may take.

Only the two public web archives researchers cite are accepted, over https: the
Internet Archive's Wayback Machine and archive.today (which answers under several
names). A copy elsewhere cannot be told from the original at a glance, and an archive
URL is worth citing only when a reader can trust it stays put.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WAYBACK_HOST = "web.archive.org"
ARCHIVE_TODAY_HOSTS = frozenset(
    (
        "archive.today",
        "archive.ph",
        "archive.is",
        "archive.li",
        "archive.vn",
        "archive.fo",
        "archive.md",
    )
)
ARCHIVE_URL_MESSAGE = (
    "An archive URL must be an https address of the Wayback Machine "
    "(https://web.archive.org/web/…) or of archive.today (https://archive.ph/…, or "
    "archive.today, .is, .li, .vn, .fo, .md)."
)


def archive_name(url: str) -> str:
    """The archive an accepted archive URL belongs to, "" for any other address."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return ""
    if host == WAYBACK_HOST and parts.path.startswith("/web/") and len(parts.path) > 5:
        return "Wayback Machine"
    if host in ARCHIVE_TODAY_HOSTS and parts.path.strip("/"):
        return "archive.today"
    return ""
