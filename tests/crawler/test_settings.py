"""Polite by default on live crawls; nothing touches the network on replays."""

from pathlib import Path

from crawler.settings import scrapy_settings


def test_live_crawls_are_polite(monkeypatch, tmp_path):
    monkeypatch.setenv("AILAW_HOME", str(tmp_path))
    monkeypatch.setenv("AILAW_CONTACT", "ops@example.org")
    s = scrapy_settings(replay=None, record=tmp_path / "live.warc.gz")
    assert s["ROBOTSTXT_OBEY"] is True
    assert s["USER_AGENT"].startswith("ailaw/") and s["USER_AGENT"].endswith("ops@example.org")
    assert s["AUTOTHROTTLE_ENABLED"] is True and s["DOWNLOAD_DELAY"] >= 1.0
    assert s["RETRY_ENABLED"] is True and s["RETRY_TIMES"] >= 1
    assert "crawler.middlewares.BackoffRetryMiddleware" in s["DOWNLOADER_MIDDLEWARES"]
    assert s["HTTPCACHE_ENABLED"] is True and s["HTTPCACHE_POLICY"].endswith("RFC2616Policy")  # conditional requests
    assert s["AILAW_RECORD"] == str(tmp_path / "live.warc.gz")


def test_replay_never_fetches(monkeypatch, tmp_path):
    monkeypatch.setenv("AILAW_HOME", str(tmp_path))
    s = scrapy_settings(replay=Path("demo.warc.gz"), record=None)
    assert s["ROBOTSTXT_OBEY"] is False  # robots.txt was obeyed when the archive was recorded
    assert s["AILAW_REPLAY"] == "demo.warc.gz"
    assert "HTTPCACHE_ENABLED" not in s


def test_secrets_are_not_in_scrapy_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("AILAW_HOME", str(tmp_path))
    monkeypatch.setenv("AILAW_DUMA_API_TOKEN", "very-secret-token")
    s = scrapy_settings(replay=None, record=None)
    assert "very-secret-token" not in repr(s)


def test_a_crawl_neither_runs_nor_imports_the_remote_control_extension(tmp_path):
    """Scrapy's remote-control extension (job files, an HTTP server) is off, and its module (which imports aiohttp)
    is never imported to turn it off."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from scrapy.crawler import Crawler\n"
        "from scrapy.utils.reactor import install_reactor\n"
        "install_reactor('twisted.internet.asyncioreactor.AsyncioSelectorReactor')\n"
        "from crawler.settings import scrapy_settings\n"
        "from crawler.spiders import get_spider\n"
        "for replay in (Path('demo.warc.gz'), None):\n"
        "    crawler = Crawler(get_spider('eu_cellar'), scrapy_settings(replay=replay, record=None))\n"
        "    crawler._apply_settings()\n"
        "    names = [type(e).__name__ for e in crawler.extensions.middlewares]\n"
        "    assert 'RemoteControl' not in names and 'CoreStats' in names, names\n"
        "print('scrapy.extensions.remote_control' in sys.modules, 'aiohttp' in sys.modules)\n"
    )
    env = {"AILAW_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_crawler_settings_are_read_again_when_the_environment_or_dotenv_changes(tmp_path, monkeypatch):
    from crawler.settings import crawler_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AILAW_CONGRESS_API_KEY", raising=False)
    first = crawler_settings()
    assert first.congress_api_key is None
    assert crawler_settings() is first  # read once while nothing changes
    monkeypatch.setenv("AILAW_CONGRESS_API_KEY", "from-env")
    assert crawler_settings().congress_api_key.get_secret_value() == "from-env"  # type: ignore[union-attr]
    monkeypatch.delenv("AILAW_CONGRESS_API_KEY")
    (tmp_path / ".env").write_text("AILAW_CONGRESS_API_KEY=from-dotenv\n", encoding="utf-8")
    assert crawler_settings().congress_api_key.get_secret_value() == "from-dotenv"  # type: ignore[union-attr]
    (tmp_path / ".env").write_text("AILAW_CONGRESS_API_KEY=changed-dotenv\n", encoding="utf-8")
    assert crawler_settings().congress_api_key.get_secret_value() == "changed-dotenv"  # type: ignore[union-attr]
