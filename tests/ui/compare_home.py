"""A data home for the Compare page tests: the UI fixture home plus a document with two versions (a renumbered
article, an inserted one, a word change) and a version carrying an HTML payload."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.compare.texts import NEW_ACT, OLD_ACT
from tests.ui.conftest import ENV_KEYS, UiHome, build_home

CMP_DOC = "eu/test/2099-ai-act"
XSS_LINE = '<img src=x onerror="window.__xss=3"> *bold* [link](javascript:alert(1))'


def build_compare_home(root: Path) -> UiHome:
    from store import crud, db
    from store.items import DocumentItem, VersionItem
    from store.vocab import DocType, VersionKind
    from texts.split import split_provisions

    home = build_home(root)
    with db.session_scope(home.database_url) as s:
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=CMP_DOC, source="import", jurisdiction="EU", doc_type=DocType.REGULATION, language="en",
            title="Test Regulation on artificial intelligence", ai_relevant=True,
        ))  # fmt: skip
        for label, text, date, kind in [
            ("Proposal", OLD_ACT, dt.date(2021, 4, 21), VersionKind.DRAFT),
            ("Final act", NEW_ACT.replace("AI literacy of their staff.", f"AI literacy of their staff. {XSS_LINE}"),
             dt.date(2024, 7, 12), VersionKind.ORIGINAL),
        ]:  # fmt: skip
            provs = split_provisions(text, jurisdiction="EU", language="en")
            crud.add_version(session=s, item=VersionItem(
                doc_id=CMP_DOC, label=label, kind=kind, date=date, language="en", text=text, provisions=provs,
                source_url="file:///test",
            ))  # fmt: skip
    assert dataclasses.is_dataclass(home)
    return home


@pytest.fixture(scope="module")
def compare_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UiHome]:
    """Built once per module; the environment is only changed while building."""
    saved = {k: os.environ.get(k) for k in ENV_KEYS}
    root = tmp_path_factory.mktemp("ui-compare")
    try:
        os.environ.update({"AILAW_HOME": str(root / "home"), "AILAW_DATABASE_URL": f"sqlite:///{root / 'home' / 'ailaw.db'}",
                           "AILAW_INDEX_DIR": str(root / "home" / "index")})  # fmt: skip
        home = build_compare_home(root)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    yield home
