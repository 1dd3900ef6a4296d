"""The Compare page and the exported HTML redline in real headless Chromium: both show the same changes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.compare_home import CMP_DOC, compare_home  # noqa: F401 (a fixture)
from tests.ui.conftest import UiHome
from tests.ui.test_browser import ROOT, TIMEOUT_MS, _screenshot, _wait_ready, browser, streamlit_server  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("AILAW_SKIP_BROWSER") == "1", reason="AILAW_SKIP_BROWSER=1"),
]


@pytest.fixture(scope="module")
def compare_url(compare_home: UiHome, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # noqa: F811
    with streamlit_server(compare_home.env, tmp_path_factory.mktemp("streamlit-compare-home")) as url:
        yield url


def test_compare_page_and_html_export_show_the_same_changes(compare_url: str, browser, compare_home: UiHome,  # noqa: F811
                                                            tmp_path: Path) -> None:  # fmt: skip
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{compare_url}/compare?id={CMP_DOC}", timeout=TIMEOUT_MS)
    _wait_ready(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Summary of changes")).to_be_visible(timeout=TIMEOUT_MS)
    expect(main.locator("del", has_text="users").first).to_be_visible()
    expect(main.locator("ins", has_text="deployers").first).to_be_visible()
    ui_changes = [t.strip() for t in main.locator('[data-testid="stExpander"] li').all_inner_texts()]
    assert "Article 2 moved to Article 3 unchanged" in ui_changes, ui_changes
    assert page.evaluate("() => window.__xss") is None
    _screenshot(page, "compare-inline.png")

    # the download button serves the same redline as a standalone file
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        main.get_by_role("button", name="Download the redline (HTML)").click()
    exported = tmp_path / "redline.html"
    info.value.save_as(str(exported))
    page.close()

    html_page = browser.new_page(viewport={"width": 1200, "height": 900})
    html_page.goto(exported.as_uri())
    expect(html_page.locator("del", has_text="users").first).to_be_visible()
    expect(html_page.locator("ins", has_text="deployers").first).to_be_visible()
    html_changes = [t.strip() for t in html_page.locator("nav li").all_inner_texts()]
    assert html_changes == ui_changes
    assert html_page.evaluate("() => window.__xss") is None
    assert html_page.locator("img").count() == 0  # the <img onerror> in the source text stayed text
    html_page.screenshot(path=str(ROOT / "tests" / "ui" / "screenshots" / "compare-export.png"), full_page=True)
    html_page.close()
