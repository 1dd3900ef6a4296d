"""The real app in a real browser: ``streamlit run`` on a free loopback port, driven by Playwright with the Debian
Chromium (no ``playwright install``). Skipped only when ``AILAW_SKIP_BROWSER=1``; a missing Chromium or
Playwright is a failure, so CI never skips it silently.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.ui.conftest import AI_ACT_TITLE, DECREE_ID, XSS_ID, UiHome

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("AILAW_SKIP_BROWSER") == "1", reason="AILAW_SKIP_BROWSER=1"),
]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
TIMEOUT_MS = 120_000  # the first run imports streamlit, sqlmodel and whoosh: slow on a busy 2-core CI machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(env_extra: dict[str, str], home: Path) -> Iterator[str]:
    """``streamlit run ui/app.py`` with an isolated HOME and the given data home; yields the base URL once healthy."""
    port = _free_port()
    log = (home / "streamlit.log").open("wb")
    env = {**os.environ, **env_extra, "HOME": str(home)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.headless=true",
        "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{(home / 'streamlit.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after 120 s:\n{(home / 'streamlit.log').read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def app_url(ui_home: UiHome, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(ui_home.env, tmp_path_factory.mktemp("streamlit-home")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright  # a missing Playwright is an error, never a silent skip

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (or set AILAW_SKIP_BROWSER=1 to skip)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _wait_ready(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished the run (no 'Running…' status, no skeletons)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') "
        "&& !document.querySelector('[data-testid=\"stSkeleton\"]')",
        timeout=TIMEOUT_MS,
    )


def _screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    # Streamlit scrolls inside its main container, so a "full page" is only the viewport: grow the viewport
    # to the content's height first.
    height = page.evaluate(
        '() => Math.max(...[...document.querySelectorAll(\'[data-testid="stMain"], [data-testid="stSidebar"]\')]'
        ".map(e => e.scrollHeight), 900)"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 80, 12_000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(path), full_page=True)
    assert path.exists() and path.stat().st_size > 10_000, path
    return path


def test_search_open_document_and_screenshot(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.add_init_script("window.__xss = undefined;")
    page.goto(app_url, wait_until="domcontentloaded")
    box = page.get_by_role("textbox", name="Query", exact=True)
    expect(box).to_be_visible(timeout=TIMEOUT_MS)

    box.fill("artificial intelligence")
    box.press("Enter")
    expect(page.get_by_text("result(s)").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("mark").first).to_be_visible(timeout=TIMEOUT_MS)
    _wait_ready(page)
    _screenshot(page, "search.png")

    page.get_by_role("link", name=AI_ACT_TITLE).first.click()
    expect(page.get_by_role("heading", name=AI_ACT_TITLE)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Adoption by Commission (ADP_byCOM)")).to_be_visible(timeout=TIMEOUT_MS)
    # the last parts of the page: the versions table and the text by provision (else the shot has skeletons)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("shall keep record 22.")).to_be_visible(timeout=TIMEOUT_MS)
    _wait_ready(page)
    assert "id=eu%2Fcelex%2F32024R1689" in page.url or "id=eu/celex/32024R1689" in page.url
    path = _screenshot(page, "document.png")
    assert AI_ACT_TITLE in page.inner_text("body")
    assert path.stat().st_size > 10_000

    # A Russian document with a reconstructed record, opened by its address.
    page.goto(f"{app_url}/document?id={DECREE_ID}", wait_until="domcontentloaded")
    expect(page.get_by_text("reconstructed from the source's documentation").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Утвердить прилагаемую", exact=False)).to_be_visible(timeout=TIMEOUT_MS)
    _wait_ready(page)
    _screenshot(page, "document-ru.png")
    page.close()


def test_script_in_a_title_does_not_run(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url, wait_until="domcontentloaded")
    box = page.get_by_role("textbox", name="Query", exact=True)
    expect(box).to_be_visible(timeout=TIMEOUT_MS)
    box.fill("algorithmic accountability")
    box.press("Enter")
    expect(page.get_by_text("<script>window.__xss=1</script>", exact=False).first).to_be_visible(timeout=TIMEOUT_MS)
    _wait_ready(page)
    _screenshot(page, "search-xss.png")
    assert page.evaluate("() => typeof window.__xss") == "undefined"

    page.goto(f"{app_url}/document?id={XSS_ID}", wait_until="domcontentloaded")
    expect(page.get_by_role("heading").filter(has_text="<script>window.__xss=1</script>")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    _wait_ready(page)
    _screenshot(page, "document-xss.png")
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.locator("script:text('window.__xss')").count() == 0
    assert page.locator("img[onerror]").count() == 0
    assert not dialogs
    page.close()


def test_a_search_address_runs_and_its_provision_link_opens_the_document_there(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    """``/search?q=…`` is a page (not "Page not found"), runs the search, names the matching provision, and its link
    opens the Document page at that provision; the address then names the document and the provision."""
    from urllib.parse import quote

    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{app_url}/search?q={quote('Article 6 AI Act')}&jurisdiction=EU", wait_until="domcontentloaded")
    expect(page.get_by_text("result(s)").first).to_be_visible(timeout=TIMEOUT_MS)
    assert "Page not found" not in page.inner_text("body")
    expect(page.get_by_role("textbox", name="Query", exact=True)).to_have_value("Article 6 AI Act")
    link = page.get_by_role("link", name="Article 6", exact=True).first
    expect(link).to_be_visible(timeout=TIMEOUT_MS)
    _wait_ready(page)
    _screenshot(page, "search-provision.png")
    link.click()
    page.wait_for_url("**/document?*", timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name=AI_ACT_TITLE)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("safety component of a product").first).to_be_visible(timeout=TIMEOUT_MS)
    _wait_ready(page)
    assert "provision=art_6" in page.url
    assert "keep record 22" not in page.inner_text("body")
    page.close()


def test_operations_page_draws_the_crawl_history_chart(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{app_url}/operations", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Operations")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(".vega-embed").first).to_be_visible(timeout=TIMEOUT_MS)  # the Altair chart, drawn
    expect(page.get_by_text("Up to date as of").first).to_be_visible(timeout=TIMEOUT_MS)
    _wait_ready(page)
    _screenshot(page, "operations.png")
    page.close()
