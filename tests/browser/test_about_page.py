"""A researcher wondering what "noncommittal" means finds it from any page: the nav, the
footer's stance legend and each timeline's legend lead to /about/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, shot

pytestmark = pytest.mark.usefixtures("committed_seed")


def test_the_nav_and_the_footer_legend_lead_to_the_meanings(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About").click()

    expect(page).to_have_url(f"{live_server.url}/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What the words mean")
    for stance in ("asserted", "denied", "confirmed", "noncommittal"):
        expect(page.locator(f"dt#stance-{stance} .stance")).to_contain_text(stance)
    shot(page, "about")

    page.goto(live_server.url + "/claims/iran-supplied-drones-to-russia/")
    page.locator("footer").get_by_role("link", name="What the stances, standing").click()
    expect(page).to_have_url(f"{live_server.url}/about/")
    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Dates").click()
    expect(page.get_by_role("heading", name="Dates and precision")).to_be_in_viewport()


def test_the_timeline_legend_leads_to_the_stances_on_a_phone(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/claims/iran-supplied-drones-to-russia/")
    page.locator("figure.timeline").get_by_role("link", name="What the stances mean").click()

    expect(page).to_have_url(f"{live_server.url}/about/#stances")
    expect(page.get_by_role("heading", name="Stances", exact=True)).to_be_in_viewport()
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    shot(page, "phone-about-stances")
