"""regulation.gov.ru (портал проектов нормативных правовых актов): AI drafts under public discussion.

Seeds: the drafts we track by default (dossier §9 row 20). Each project card is fetched as JSON from
``/api/public/Projects/{id}`` — the per-id form of the documented ``/api/public/Projects`` listing; **unverified**:
no real response was ever recorded (dossier §2.6), confirm it live (tests/examples/ru/README.md).
``ailaw track https://regulation.gov.ru/projects#npa=166424`` follows one draft. Change detection: each crawl
re-reads the card; a new discussion window or a new text file is a new Event / changed document (the RSS feed
``/api/public/Rss/`` is the cheaper signal once confirmed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import ru_regulation
from crawler.spiders.base import AilawSpider
from store.identifiers import normalize_regulation_id

SEED_PROJECTS = [
    "166424",  # Минцифры: «Об основах государственного регулирования сфер применения технологий ИИ в РФ» (2026)
]

_URL = re.compile(r"regulation\.gov\.ru/(?:projects(?:/#|#|\?)npa=|projects/|api/public/Projects/)(\d{1,9})", re.I)


class RuRegulationSpider(AilawSpider):
    name = "ru_regulation"
    source_name = "Федеральный портал проектов нормативных правовых актов (regulation.gov.ru)"
    jurisdiction = "RU"
    base_url = "https://regulation.gov.ru/"
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.ru_regulation:parse_project",
        "crawler.parsers.ru_regulation:parse_draft_text",
    ]

    def __init__(self, *args: Any, project: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_project = normalize_regulation_id(project) if project else None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://regulation.gov.ru/projects#npa=166424` -> that draft."""
        m = _URL.search(url)
        return {"project": m.group(1)} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for project in [self.only_project] if self.only_project else SEED_PROJECTS:
            yield scrapy.Request(ru_regulation.api_card_url(project), callback=self.parse_project, errback=self.errback)

    def parse_project(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, ru_regulation.parse_project)
