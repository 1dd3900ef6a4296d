"""API keys of the keyed US sources (Congress.gov, Open States, LegiScan): secrets from the environment or ``.env``.

A live crawl without its key makes no request and says so in one line on the crawl run (kind ``config``); a replay
needs no key: keyed spiders send their key in a request header (Congress.gov, Open States), never recorded in the
archive, or archive their URLs with a ``{key}`` placeholder (LegiScan), so a replay asks for what was recorded.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def configured_key(setting: str) -> str | None:
    """The value of the secret ``setting`` (a CrawlerSettings field), or None when it is not set."""
    from crawler.settings import crawler_settings

    value = getattr(crawler_settings(), setting)
    return str(value.get_secret_value()) if value is not None and value.get_secret_value() else None


def unconfigured(spiders: list[Any]) -> dict[str, str]:
    """Spider name -> the environment variable of the API key it needs and lacks (``ailaw status`` and the UI say
    "not configured — needs AILAW_CONGRESS_API_KEY" for such a source, not "stale")."""
    out = {}
    for spider in spiders:
        setting = getattr(spider, "api_key_setting", None)
        if setting and configured_key(setting) is None:
            out[spider.name] = f"AILAW_{setting.upper()}"
    return out


def api_key(spider: Any, setting: str, env: str, where: str) -> str | None:
    """The key of ``setting``; "" in a replay with the key set (the recorded responses need none); None after
    recording the one line when the key is not set."""
    key = configured_key(setting)
    if key is not None:
        return "" if spider.settings.get("AILAW_REPLAY") else key
    message = f"{spider.name}: no API key (set {env}; get one at {where}), so the spider was skipped."
    spider.record_error(spider.base_url, message, kind="config")
    return None
