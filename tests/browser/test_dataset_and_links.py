"""A researcher downloads the data set from /data/ in a real browser, and follows an
actor's Wikidata link and an article's archived copy, at desktop and phone widths."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from claims.exports.dataset_tables import TABLES
from sources.models import Article
from tests.browser.conftest import PHONE, shot

pytestmark = pytest.mark.usefixtures("committed_seed")

WAYBACK = "https://web.archive.org/web/20221020000000/https://www.hotnews.ro/"


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_data_page_downloads_a_zip_a_researcher_can_open(page, live_server, tmp_path):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The data set")
    version = page.locator("dl.facts time").get_attribute("datetime")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", version)
    expect(page.locator("pre.cite").first).to_contain_text(f"version {version}")
    shot(page, "dataset-page")

    with page.expect_download() as started:
        page.get_by_role("link", name="Download the data set (zip)").click()
    download = started.value
    assert (
        download.suggested_filename
        == f"claimtracker-data-{version.replace('-', '').replace(':', '')}.zip"
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        package = json.loads(archive.read("datapackage.json"))
    assert names == ["datapackage.json", *(table.path for table in TABLES)]
    assert package["version"] == version

    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("link", name="Download the data set (zip)")).to_be_visible()
    assert fits_the_screen(page)
    shot(page, "dataset-page-phone")


def test_the_actor_page_links_its_wikidata_item(page, live_server):
    page.goto(live_server.url + "/actors/iran/")
    link = page.get_by_role("link", name="Q794")
    expect(link).to_have_attribute("href", "https://www.wikidata.org/wiki/Q794")
    shot(page, "actor-wikidata")
    page.goto(live_server.url + "/actors/russia/")
    expect(page.locator("a.wikidata-link")).to_have_count(0)


def test_the_article_page_offers_the_archived_copy_beside_the_original(page, live_server):
    article = Article.objects.exclude(url="").order_by("id").first()
    Article.objects.filter(pk=article.pk).update(archive_url=WAYBACK)
    page.goto(live_server.url + article.get_absolute_url())
    original = page.get_by_role("link", name="original article")
    archived = page.get_by_role("link", name="archived copy (Wayback Machine)")
    expect(original).to_have_attribute("href", article.url)
    expect(archived).to_have_attribute("href", WAYBACK)
    shot(page, "article-archive-link")
    page.set_viewport_size(PHONE)
    page.reload()
    expect(archived).to_be_visible()
    assert fits_the_screen(page)
    shot(page, "article-archive-link-phone")
