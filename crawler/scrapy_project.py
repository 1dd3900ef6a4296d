"""Scrapy project settings, for running ailaw's spiders with plain `scrapy crawl` or on a Scrapyd server.

`scrapy.cfg` points here. The settings are the ones `ailaw crawl` uses; the archive comes from the
environment: ``AILAW_REPLAY`` (serve responses from a WARC file) or ``AILAW_RECORD`` (write to this WARC
file; default: a new file under ``$AILAW_HOME/archive``), so every Scrapyd job keeps its raw responses.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from crawler.settings import scrapy_settings
from store.settings import StoreSettings

SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

_replay = os.environ.get("AILAW_REPLAY")
_record = os.environ.get("AILAW_RECORD") or str(
    StoreSettings().archive_dir / f"scrapy-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}-{os.getpid()}.warc.gz"
)
globals().update(scrapy_settings(replay=Path(_replay) if _replay else None, record=None if _replay else Path(_record)))
