"""The WARC archive: what is written can be served back, with its provenance and reconstruction flag."""

from __future__ import annotations

import datetime as dt

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.archive import ArchiveReader, ArchiveWriter, url_key


def test_write_then_read_roundtrip(tmp_path):
    path = tmp_path / "a.warc.gz"
    w = ArchiveWriter(path)
    when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    ref = w.write(url="http://publication.pravo.gov.ru/api/Documents?Index=1&PageSize=10", status=200,
                  headers=[("Content-Type", "application/json")], body=b'{"items": []}', fetched_at=when)  # fmt: skip
    w.write(url="https://example.org/r", status=200, headers=[], body=b"rebuilt", reconstructed=True, note="from docs")
    w.close()
    reader = ArchiveReader(path)
    assert len(reader) == 2
    # query order does not matter for lookups
    got = reader.get("http://publication.pravo.gov.ru/api/Documents?PageSize=10&Index=1")
    assert got is not None
    assert got.body == b'{"items": []}'
    assert got.status == 200
    assert ("Content-Type", "application/json") in got.headers
    assert got.fetched_at == when
    assert got.ref.record_id == ref.record_id and got.ref.offset == ref.offset
    assert got.ref.reconstructed is False
    rebuilt = reader.get("https://example.org/r")
    assert rebuilt.ref.reconstructed is True and rebuilt.ref.note == "from docs"
    assert reader.get("https://example.org/missing") is None


def test_archive_is_valid_warc_with_request_records(tmp_path):
    path = tmp_path / "a.warc.gz"
    w = ArchiveWriter(path)
    w.write(url="https://example.org/x", status=404, reason="Not Found", headers=[], body=b"")
    w.close()
    with open(path, "rb") as fh:
        kinds = [r.rec_type for r in ArchiveIterator(fh)]
    assert kinds == ["warcinfo", "response", "request"]


def test_last_record_of_a_url_wins(tmp_path):
    path = tmp_path / "a.warc.gz"
    w = ArchiveWriter(path)
    w.write(url="https://example.org/x", status=200, headers=[], body=b"old")
    w.write(url="https://example.org/x", status=200, headers=[], body=b"new")
    w.close()
    assert ArchiveReader(path).get("https://example.org/x").body == b"new"


def test_cyrillic_query_urls_match_encoded_and_plain(tmp_path):
    path = tmp_path / "a.warc.gz"
    w = ArchiveWriter(path)
    w.write(url="http://publication.pravo.gov.ru/api/Documents?Name=искусственного интеллекта", status=200,
            headers=[], body=b"{}")  # fmt: skip
    w.close()
    reader = ArchiveReader(path)
    encoded = "http://publication.pravo.gov.ru/api/Documents?Name=%D0%B8%D1%81%D0%BA%D1%83%D1%81%D1%81%D1%82%D0%B2%D0%B5%D0%BD%D0%BD%D0%BE%D0%B3%D0%BE%20%D0%B8%D0%BD%D1%82%D0%B5%D0%BB%D0%BB%D0%B5%D0%BA%D1%82%D0%B0"
    assert encoded in reader
    assert url_key(encoded) == url_key("http://publication.pravo.gov.ru/api/Documents?Name=искусственного интеллекта")


def test_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        ArchiveReader(tmp_path / "nope.warc.gz")
