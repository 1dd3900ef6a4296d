"""The raw-response archive: WARC files written and read with warcio.

Every live crawl writes each request/response pair it receives to a WARC file (``--record FILE``, default
``$AILAW_HOME/archive/<spider>-<UTC time>.warc.gz``); every stored Version points at the record behind it
(file, WARC-Record-ID, byte offset). ``--replay FILE`` serves responses from such a file with no network.

A record that was not recorded from the source but rebuilt from the source's documentation (used in the demo
archive where no real response exists) carries ``WARC-Ailaw-Reconstructed: true`` and a ``WARC-Ailaw-Note``;
the flag follows the data into the store, and ``ailaw show`` and the UI say so on the document.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from w3lib.url import canonicalize_url, safe_url_string
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from store.items import ArchiveRef

logger = logging.getLogger(__name__)

RECONSTRUCTED_HEADER = "WARC-Ailaw-Reconstructed"
NOTE_HEADER = "WARC-Ailaw-Note"
# A demo record that is not ailaw's own fetch says where its body comes from (store.vocab.Provenance), who recorded
# it and when (a third party's repository and commit, the date of its recording).
PROVENANCE_HEADER = "WARC-Ailaw-Provenance"
RECORDED_BY_HEADER = "WARC-Ailaw-Recorded-By"
RECORDED_AT_HEADER = "WARC-Ailaw-Recorded-At"


def url_key(url: str) -> str:
    """The lookup key of a URL in an archive (canonical form: sorted query, normalised escapes, no fragment)."""
    return canonicalize_url(url, keep_fragments=False)


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    ref: ArchiveRef
    fetched_at: dt.datetime | None


class ArchiveWriter:
    """Appends request/response records to one gzipped WARC file. Thread-safe for Scrapy's single thread."""

    def __init__(self, path: Path, *, fixed_info: tuple[str, str] | None = None) -> None:
        """``fixed_info`` = (WARC-Record-ID, WARC-Date) of the warcinfo record, for reproducible archives."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "ab")  # noqa: SIM115 (kept open for the crawl; closed by close())
        self._writer = WARCWriter(self._fh, gzip=True)
        self._lock = threading.Lock()
        if self._fh.tell() == 0:
            info = self._writer.create_warcinfo_record(
                self.path.name, {"software": "ailaw", "format": "WARC File Format 1.1"}
            )
            if fixed_info:
                info.rec_headers.replace_header("WARC-Record-ID", fixed_info[0])
                info.rec_headers.replace_header("WARC-Date", fixed_info[1])
            self._writer.write_record(info)

    def write(
        self,
        *,
        url: str,
        status: int,
        reason: str = "OK",
        headers: list[tuple[str, str]],
        body: bytes,
        request_headers: list[tuple[str, str]] | None = None,
        method: str = "GET",
        fetched_at: dt.datetime | None = None,
        reconstructed: bool = False,
        note: str | None = None,
        record_id: str | None = None,
        provenance: str | None = None,
        recorded_by: str | None = None,
        recorded_at: str | None = None,
    ) -> ArchiveRef:
        """Write one response (and its request) and return where it landed."""
        url = safe_url_string(url)  # WARC-Target-URI is ASCII: percent-encode Cyrillic query values
        when = (fetched_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        warc_headers = {"WARC-Date": when}
        record_id_given = bool(record_id)
        if record_id:
            warc_headers["WARC-Record-ID"] = record_id
        if reconstructed:
            warc_headers[RECONSTRUCTED_HEADER] = "true"
        if note:
            warc_headers[NOTE_HEADER] = note
        for header, value in ((PROVENANCE_HEADER, provenance), (RECORDED_BY_HEADER, recorded_by),
                              (RECORDED_AT_HEADER, recorded_at)):  # fmt: skip
            if value:
                warc_headers[header] = value
        http_headers = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
        with self._lock:
            record = self._writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http_headers, warc_headers_dict=warc_headers
            )
            offset = self._fh.tell()
            self._writer.write_record(record)
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            req_http = StatusAndHeaders(
                f"{method} {_path_of(url)} HTTP/1.1", request_headers or [], is_http_request=True
            )
            req_headers = {"WARC-Date": when, "WARC-Concurrent-To": record_id}
            if record_id_given:
                import uuid

                req_headers["WARC-Record-ID"] = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, record_id + '#request')}>"
            req = self._writer.create_warc_record(url, "request", http_headers=req_http, warc_headers_dict=req_headers)
            self._writer.write_record(req)
            self._fh.flush()
        return ArchiveRef(
            warc_file=str(self.path), record_id=record_id, offset=offset, reconstructed=reconstructed, note=note,
            provenance=provenance, recorded_by=recorded_by, recorded_at=recorded_at,
        )  # fmt: skip

    def close(self) -> None:
        with self._lock:
            self._fh.close()


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class ArchiveReader:
    """Indexes a WARC file by URL and serves its responses. The last record of a URL wins."""

    def __init__(self, path: Path, *, fixed_info: tuple[str, str] | None = None) -> None:
        """``fixed_info`` = (WARC-Record-ID, WARC-Date) of the warcinfo record, for reproducible archives."""
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"archive {self.path} does not exist")
        self._offsets: dict[str, int] = {}
        with open(self.path, "rb") as fh:
            iterator = ArchiveIterator(fh)
            for record in iterator:
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if uri:
                    self._offsets[url_key(uri)] = iterator.get_record_offset()

    def __len__(self) -> int:
        return len(self._offsets)

    def __contains__(self, url: str) -> bool:
        return url_key(url) in self._offsets

    def urls(self) -> list[str]:
        return list(self._offsets)

    def get(self, url: str) -> ArchivedResponse | None:
        offset = self._offsets.get(url_key(url))
        if offset is None:
            return None
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            body = record.content_stream().read()
            rec = record.rec_headers
            status = int(record.http_headers.get_statuscode()) if record.http_headers else 200
            headers = list(record.http_headers.headers) if record.http_headers else []
            when = rec.get_header("WARC-Date")
            fetched = dt.datetime.strptime(when[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC) if when else None
            reconstructed = (rec.get_header(RECONSTRUCTED_HEADER) or "").lower() == "true"
            ref = ArchiveRef(
                warc_file=str(self.path),
                record_id=rec.get_header("WARC-Record-ID") or "",
                offset=offset,
                reconstructed=reconstructed,
                note=rec.get_header(NOTE_HEADER),
                provenance=rec.get_header(PROVENANCE_HEADER),
                recorded_by=rec.get_header(RECORDED_BY_HEADER),
                recorded_at=rec.get_header(RECORDED_AT_HEADER),
            )
            return ArchivedResponse(rec.get_header("WARC-Target-URI") or url, status, headers, body, ref, fetched)
