"""regulation.gov.ru (портал проектов нормативных правовых актов): AI drafts under public discussion.

Seeds: the drafts we track by default (dossier §9 row 20). Each project card is fetched as JSON from
``/api/public/Projects/{id}`` — the per-id form of the documented ``/api/public/Projects`` listing; **unverified**:
no real response was ever recorded (dossier §2.6), confirm it live (tests/examples/ru/README.md).
``ailaw track https://regulation.gov.ru/projects#npa=166424`` follows one draft. Change detection: each crawl
re-reads the card; a new discussion window or a new text file is a new Event / changed document (the RSS feed
``/api/public/Rss/`` is the cheaper signal once confirmed).

Each text file of the draft's stages (``is_draft_text``: «Текущая версия текста проекта», not the summary report
or the explanatory note) is downloaded and becomes a ``draft`` Version dated by the file's date
(``parse_draft_text``; dossier §4: a new text file in a stage = a new draft version). The store keeps one version
per SHA-256, so re-reading an unchanged card adds nothing. A 404, an HTML/WAF page instead of the file, a damaged
file or a scan without a text layer is one error on the crawl run with its URL; the rest is stored as usual.
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
from store.items import DocumentItem

SEED_PROJECTS = [
    "166424",  # Минцифры: «Об основах государственного регулирования сфер применения технологий ИИ в РФ» (2026)
]

_URL = re.compile(r"regulation\.gov\.ru/(?:projects(?:/#|#|\?)npa=|projects/|api/public/Projects/)(\d{1,9})", re.I)


class RuRegulationSpider(AilawSpider):
    name = "ru_regulation"
    source_name = "Федеральный портал проектов нормативных правовых актов (regulation.gov.ru)"
    jurisdiction = "RU"
    base_url = "https://regulation.gov.ru/"
    allowed_domains: ClassVar[list[str]] = ["regulation.gov.ru"]
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
        for item in self.parse_with(response, ru_regulation.parse_project):
            yield item
            if isinstance(item, DocumentItem):
                project = item.identifiers.get("regulation_id", "")
                for file in item.extra.get("files") or []:
                    if file.get("url") and ru_regulation.is_draft_text(file):
                        yield scrapy.Request(
                            response.urljoin(file["url"]),
                            callback=self.parse_file,
                            errback=self.file_failed,
                            cb_kwargs={"project": project, "file": file},
                            meta={"handle_httpstatus_all": True},  # a 404 comes to parse_file, which says so
                        )

    def _what(self, project: str, file: dict[str, Any]) -> str:
        return f"{ru_regulation.SOURCE_LABEL} project {project}, file «{ru_regulation.draft_file_label(file)}»"

    def parse_file(self, response: Response, project: str, file: dict[str, Any]) -> Iterator[Any]:
        if response.status >= 400:
            self.record_error(
                response.url, f"{self._what(project, file)}: the download answered HTTP {response.status}; skipped.",
                kind="fetch",
            )  # fmt: skip
            return
        yield from self.parse_with(
            response,
            ru_regulation.parse_draft_text,
            unchanged_skip=True,
            project=project,
            label=ru_regulation.draft_file_label(file),
            date=file.get("date"),
            content_type=response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
            content_disposition=response.headers.get(b"Content-Disposition"),
            download_url=response.request.url if response.request else None,
        )

    def file_failed(self, failure: Any) -> Any:
        kwargs = failure.request.cb_kwargs
        return self.download_failed(failure, self._what(kwargs["project"], kwargs["file"]))
