"""`ailaw track URL`: the spider is chosen from the official URL and only that document is fetched."""

from __future__ import annotations

import pytest
from sqlmodel import select

from ailaw import jobs
from store.errors import NotFoundError


def test_track_an_eurlex_url_stores_just_that_act(ailaw_home):
    summaries = jobs.track(
        "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32022R1925", replay=jobs.DEMO_ARCHIVE
    )
    assert [s.spider for s in summaries] == ["eu_cellar"]
    from store.db import session_scope
    from store.models import Document, Version

    with session_scope() as s:
        ids = set(s.exec(select(Document.id)).all())
        versions = s.exec(select(Version.document_id)).all()
    assert "eu/celex/32022R1925" in ids
    assert "eu/celex/32024R1689" not in ids  # nothing else was crawled
    assert versions == ["eu/celex/32022R1925"]


def test_track_a_publication_url_uses_the_russian_spider(ailaw_home):
    summaries = jobs.track("http://publication.pravo.gov.ru/document/0001202007310024", replay=jobs.DEMO_ARCHIVE)
    assert [s.spider for s in summaries] == ["ru_pravo"]
    detail = jobs.show("ru/pravo/0001202007310024")
    assert "258-ФЗ" in detail.document.title


def test_track_an_unknown_url_is_one_sentence(ailaw_home):
    with pytest.raises(NotFoundError, match="no spider knows this URL"):
        jobs.track("https://example.org/some/law")
