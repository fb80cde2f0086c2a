"""An article's archive URL: only a Wayback Machine or archive.today copy over https,
refused otherwise with a message naming the field; shown beside the original link on
the article and statement pages, in "cite this" and the citation files; in history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from sources.archives import archive_name
from sources.models import Article
from tests.factories import make_article, make_outlet, make_statement

WAYBACK = "https://web.archive.org/web/20221018093000/https://news.example/iran-denies"
ACCEPTED = {
    WAYBACK: "Wayback Machine",
    "https://web.archive.org/web/2022/https://news.example/": "Wayback Machine",
    "https://WEB.ARCHIVE.ORG/web/2022/https://news.example/": "Wayback Machine",
    **{
        f"https://archive.{suffix}/AbCdE": "archive.today"
        for suffix in ("today", "ph", "is", "li", "vn", "fo", "md")
    },
    "https://archive.ph/2022.10.18-093000/https://news.example/": "archive.today",
}
REFUSED = [
    "http://web.archive.org/web/2022/https://news.example/",  # not https
    "http://archive.ph/AbCdE",
    "https://web.archive.org/",  # no copy named
    "https://web.archive.org/web/",
    "https://web.archive.org/save/https://news.example/",  # a request, not a copy
    "https://archive.ph/",
    "https://web.archive.org.mirror.example/web/2022/https://news.example/",
    "https://web.archive.org@mirror.example/web/2022/https://news.example/",
    "https://archive.ph:8443/AbCdE",
    "https://archive.org/details/something",
    "https://archive.example/AbCdE",
    "https://news.example/iran-denies",
    "ftp://archive.ph/AbCdE",
    "https://[::1/web/",  # not an address at all
]


@pytest.mark.parametrize(("url", "archive"), ACCEPTED.items())
def test_copies_in_the_two_archives_are_accepted(url, archive):
    assert archive_name(url) == archive


@pytest.mark.parametrize("url", REFUSED)
def test_other_addresses_are_not_archive_copies(url):
    assert archive_name(url) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("url", REFUSED[:4])
def test_the_model_refuses_them_naming_the_field(url):
    article = make_article()
    article.archive_url = url
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "Wayback Machine" in " ".join(refused.value.message_dict["archive_url"])


def article_form(article: Article, **changes) -> dict:
    return {
        "version": article.version,
        "outlet": article.outlet_id,
        "new_outlet": "",
        "title": article.title,
        "url": article.url,
        "archive_url": article.archive_url,
        "published_on": article.published_on.isoformat(),
        "language": article.language,
        "body": article.body,
        "note": article.note,
        "action": "save",
    } | changes


@pytest.mark.django_db
def test_an_editor_adds_an_archive_copy_and_a_bad_one_changes_nothing(editor_client):
    article = make_article(outlet=make_outlet(name="RT", slug="rt"))
    edit = reverse("sources:article-edit", args=[article.pk])
    refused = editor_client.post(
        edit, article_form(article, archive_url="https://mirror.example/web/2022/x")
    )
    assert refused.status_code == 400
    assert "Wayback Machine" in refused.context["form"].errors["archive_url"][0]
    assert Article.objects.get(pk=article.pk).version == article.version
    saved = editor_client.post(edit, article_form(article, archive_url=WAYBACK))
    assert saved.status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert stored.archive_url == WAYBACK
    assert list(stored.history.order_by("history_id").values_list("archive_url", flat=True)) == [
        "",
        WAYBACK,
    ]
    assertContains(editor_client.get(f"/history/article/{article.pk}/"), "archive URL")


@pytest.mark.django_db
def test_the_article_page_shows_the_archived_copy_beside_the_original(client):
    archived = make_article(url="https://news.example/one", archive_url=WAYBACK)
    plain = make_article(url="https://news.example/two")
    page = client.get(archived.get_absolute_url())
    assertContains(page, 'href="https://news.example/one"')
    assertContains(page, f'href="{WAYBACK}"')
    assertContains(page, "archived copy (Wayback Machine)")
    assertNotContains(client.get(plain.get_absolute_url()), "archived copy")


@pytest.mark.django_db
def test_cite_this_and_the_citation_files_say_where_it_is_archived(client):
    article = make_article(
        url="https://news.example/iran-denies",
        archive_url="https://archive.ph/AbCdE",
        outlet=make_outlet(name="RT", slug="rt"),
    )
    statement = make_statement(article=article)
    page = client.get(statement.get_absolute_url())
    assertContains(page, 'href="https://archive.ph/AbCdE"')
    citation = page.context["citation"].text()
    assert "https://news.example/iran-denies, archived at https://archive.ph/AbCdE" in citation
    assertContains(page, "archived at https://archive.ph/AbCdE")
    for extension in ("bib", "ris", "json"):
        cited = client.get(f"{statement.get_absolute_url()}cite.{extension}")
        assert "archived at https://archive.ph/AbCdE" in cited.content.decode(), extension
