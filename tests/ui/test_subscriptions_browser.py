"""The Subscriptions page in real headless Chromium: "alert me" from a search, subscribe, see the inbox."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.ui.conftest import UiHome
from tests.ui.test_browser import TIMEOUT_MS, _screenshot, _wait_ready, browser, streamlit_server  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("AILAW_SKIP_BROWSER") == "1", reason="AILAW_SKIP_BROWSER=1"),
]


@pytest.fixture(scope="module")
def subs_url(ui_home: UiHome, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("ui-subscriptions-browser")
    shutil.copytree(ui_home.home, root / "home")
    home = root / "home"
    env = {"AILAW_HOME": str(home), "AILAW_DATABASE_URL": f"sqlite:///{home / 'ailaw.db'}",
           "AILAW_INDEX_DIR": str(home / "index"), "AILAW_ALERTS_BASE_URL": "https://ailaw.example.org"}  # fmt: skip
    with streamlit_server(env, root) as url:
        yield url


def _from_search(browser, url: str, query: str, link: str, address: str):  # noqa: F811
    """Search for ``query``, follow the link named ``link`` to the Subscriptions page, enter ``address``."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(url, wait_until="domcontentloaded")
    box = page.get_by_role("textbox", name="Query", exact=True)
    expect(box).to_be_visible(timeout=TIMEOUT_MS)
    box.fill(query)
    box.press("Enter")
    expect(page.get_by_text("result(s)").first).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_role("link", name=link).click()
    expect(page.get_by_text("Enter your e-mail address to subscribe")).to_be_visible(timeout=TIMEOUT_MS)
    box = page.get_by_role("textbox", name="Your e-mail address", exact=True)
    box.fill(address)
    box.press("Enter")
    return page


def test_alert_me_from_a_search_then_subscribe_and_see_the_inbox(subs_url: str, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = _from_search(browser, subs_url, "high-risk AI systems", "Alert me", "alice@example.org")
    assert "kind=search" in page.url and "q=high-risk" in page.url
    expect(page.get_by_role("textbox", name="Query (search) or keywords (topic)", exact=True)).to_have_value("high-risk AI systems",
                                                                                timeout=TIMEOUT_MS)  # fmt: skip
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Subscribed: Search: high-risk AI systems")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("A confirmation link is on its way to alice@example.org")).to_be_visible()
    expect(page.get_by_text("not confirmed yet").first).to_be_visible()
    expect(page.get_by_text("Confirm your ailaw alerts").first).to_be_visible()
    _wait_ready(page)
    _screenshot(page, "subscriptions.png")
    page.close()


def test_watch_the_topic_a_search_named_in_russian(subs_url: str, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = _from_search(browser, subs_url, "системы ИИ высокого риска", "Watch the topic “high-risk AI system”",
                        "erin@example.org")  # fmt: skip
    assert "kind=topic" in page.url and "topic=high-risk" in page.url
    expect(page.get_by_role("textbox", name="Topic: a concept of the thesaurus", exact=True)).to_have_value(
        "high-risk AI system", timeout=TIMEOUT_MS
    )
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Subscribed: Topic: high-risk AI system")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Topic: high-risk AI system").first).to_be_visible()
    page.close()
