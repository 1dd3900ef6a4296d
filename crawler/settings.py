"""Crawler settings (typed, from the environment or ``.env``) and the Scrapy settings built from them.

Secrets (the Duma API keys, the law.go.kr OC id) have no default and are never logged.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from store.settings import StoreSettings

DEFAULT_USER_AGENT = "ailaw/0.1 (AI legislation tracker; +https://github.com/ailaw-project/ailaw)"


class CrawlerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AILAW_", env_file=".env", extra="ignore")

    user_agent: str = Field(default=DEFAULT_USER_AGENT, description="User-Agent sent to every source; names ailaw.")
    contact: str | None = Field(default=None, description="Operator e-mail or URL appended to the User-Agent.")
    obey_robots: bool = Field(default=True, description="Obey robots.txt on live crawls.")
    download_delay: float = Field(default=1.0, description="Base delay between requests to one site, seconds.")
    concurrency_per_domain: int = Field(default=2, description="Parallel requests per site.")
    autothrottle_target: float = Field(default=1.0, description="AutoThrottle target concurrency per site.")
    retry_times: int = Field(default=4, description="Retries of a failed request (with exponential backoff).")
    retry_backoff_base: float = Field(default=2.0, description="First backoff delay in seconds; doubles per retry.")
    retry_backoff_max: float = Field(default=120.0, description="Longest backoff delay in seconds.")
    http_cache: bool = Field(
        default=True, description="Keep an RFC 2616 HTTP cache so live re-crawls send conditional requests."
    )
    crawl_timeout: float = Field(
        default=21600, ge=0, description="Stop a crawl still running after this many seconds (0: never)."
    )
    store_batch: int = Field(
        default=200,
        ge=1,
        description="Items a crawl writes per database transaction (1: one transaction per item).",
    )
    duma_api_token: SecretStr | None = Field(default=None, description="State Duma API key (api.duma.gov.ru).")
    duma_app_token: SecretStr | None = Field(default=None, description="State Duma API application token.")
    congress_api_key: SecretStr | None = Field(
        default=None,
        description="Congress.gov API v3 key (api.data.gov; sign up at https://api.congress.gov/sign-up/).",
    )
    openstates_api_key: SecretStr | None = Field(
        default=None, description="Open States / Plural Policy API v3 key (open.pluralpolicy.com account profile)."
    )
    legiscan_api_key: SecretStr | None = Field(
        default=None, description="LegiScan API key (https://legiscan.com/legiscan)."
    )
    us_congresses: str = Field(
        default="119",
        description="Congresses whose BILLSTATUS sitemaps us_govinfo follows, comma-separated (e.g. 118,119).",
    )
    lawgokr_oc: SecretStr | None = Field(
        default=None,
        description="Your registered user id (OC) for the Korean law information Open API (law.go.kr DRF); register "
        "at https://open.law.go.kr/. Never logged; archives record OC={oc}.",
    )
    duma_api_stale_days: int = Field(
        default=45,
        ge=0,
        description="Warn once per crawl when the Duma API's newest bill event is more than this many days older "
        "than the response (its data set may be frozen; SOZD cards are preferred).",
    )

    @property
    def full_user_agent(self) -> str:
        return f"{self.user_agent} {self.contact}" if self.contact else self.user_agent


def crawler_settings() -> CrawlerSettings:
    """The crawler's settings, read once per environment: a crawl reads them in several places (its Scrapy settings,
    the secrets masked in its log, each keyed spider's key), and each read parses the environment and ``.env`` again
    (about 1 ms). Read again whenever an ``AILAW_`` variable, the working directory or its ``.env`` file changes."""
    return _settings_for(_environment_key())


def _environment_key() -> tuple[Any, ...]:
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith("AILAW_")))
    try:
        stat = os.stat(".env")
        dotenv: tuple[Any, ...] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    except OSError:
        dotenv = ()
    return env, os.getcwd(), dotenv


@functools.lru_cache(maxsize=4)
def _settings_for(_key: tuple[Any, ...]) -> CrawlerSettings:
    return CrawlerSettings()


def _extensions_base() -> dict[str, int]:
    """Scrapy's own extensions without the remote-control one (its job files and its HTTP server; its module imports
    aiohttp). It is left out of the base list rather than set to None in ``EXTENSIONS``: Scrapy imports every key
    given there to resolve it, so turning it off that way still cost the import."""
    from scrapy.settings.default_settings import EXTENSIONS_BASE

    return {k: v for k, v in EXTENSIONS_BASE.items() if not k.endswith(".RemoteControl")}


REPLAY_DOWNLOAD_HANDLERS: dict[str, None] = {"http": None, "https": None}


def replay_scrapy_settings() -> dict[str, Any]:
    """The Scrapy settings of a replay that are Scrapy's own, not ailaw's (the benchmark's bare replay uses them
    too): no HTTP client is loaded (the archive answers every request, or the request is ignored as a miss), the
    callbacks' source is not re-read for a warning, and no remote-control extension."""
    return {
        "DOWNLOAD_HANDLERS": REPLAY_DOWNLOAD_HANDLERS,
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        "EXTENSIONS_BASE": _extensions_base(),
    }


def scrapy_settings(*, replay: Path | None, record: Path | None, log_level: str = "INFO") -> dict[str, Any]:
    """Scrapy settings for one crawl. In replay mode nothing touches the network."""
    cs = crawler_settings()
    home = StoreSettings().home
    settings: dict[str, Any] = {
        "BOT_NAME": "ailaw",
        "USER_AGENT": cs.full_user_agent,
        "ROBOTSTXT_OBEY": cs.obey_robots and replay is None,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": cs.download_delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": cs.autothrottle_target,
        "DOWNLOAD_DELAY": cs.download_delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": cs.concurrency_per_domain,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": cs.retry_times,
        "AILAW_RETRY_BACKOFF_BASE": cs.retry_backoff_base,
        "AILAW_RETRY_BACKOFF_MAX": cs.retry_backoff_max,
        "DOWNLOAD_TIMEOUT": 60,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": log_level,
        "LOG_FORMAT": "%(levelname)s %(name)s: %(message)s",
        "LOG_INSTALL_ROOT_HANDLER": True,
        "LOGSTATS_INTERVAL": 0,
        "EXTENSIONS_BASE": _extensions_base(),
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
            # closest to the network, after the HTTP cache (900) on the way out: it sees what the network sent, and
            # never a cache hit or a 304 (crawler/middlewares.py)
            "crawler.middlewares.ArchiveMiddleware": 950,
        },
        "SPIDER_MIDDLEWARES": {"crawler.memo.UnchangedResponseMiddleware": 950},  # closest to the callbacks
        "ITEM_PIPELINES": {
            "crawler.pipelines.NormalizePipeline": 100,
            "crawler.pipelines.LanguagePipeline": 200,
            "crawler.pipelines.RelevancePipeline": 300,
            "crawler.pipelines.ValidationPipeline": 400,
            "crawler.pipelines.StorePipeline": 900,
        },
        "AILAW_DUMA_API_STALE_DAYS": cs.duma_api_stale_days,
        "AILAW_STORE_BATCH": cs.store_batch,
        "AILAW_HOME": str(home),  # the data home, read once for every crawler of the process
        "AILAW_REPLAY": str(replay) if replay else None,
        "AILAW_RECORD": str(record) if record else None,
    }
    if replay is not None:
        settings.update(
            {
                "DOWNLOAD_DELAY": 0,
                "AUTOTHROTTLE_ENABLED": False,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
                "RETRY_ENABLED": False,
                **replay_scrapy_settings(),  # a replay never touches the network
            }
        )
    elif cs.http_cache:
        settings.update(
            {
                "HTTPCACHE_ENABLED": True,
                "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
                "HTTPCACHE_DIR": str((home / "httpcache").resolve()),
            }
        )
    return settings
