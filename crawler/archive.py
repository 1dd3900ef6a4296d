"""The raw-response archive: WARC files written and read with warcio.

Every live crawl writes each request/response pair it receives to a WARC file (``--record FILE``, default
``$AILAW_HOME/archive/<spider>-<UTC time>.warc.gz``); every stored Version points at the record behind it
(file, WARC-Record-ID, byte offset). ``--replay FILE`` serves responses from such a file with no network.

A record ailaw did not fetch itself says so (the demo archive, ``scripts/build_demo_archive.py``): it is a WARC
``resource`` record — the body with its media type, and no HTTP status line or headers, because none were
recorded — carrying ``WARC-Ailaw-Provenance`` (``copied``: a copy of a named third party's recording;
``reconstructed``; ``documented``), ``WARC-Ailaw-Recorded-By``, ``WARC-Ailaw-Recorded-At`` (only when known; the
``WARC-Date`` is then that date, else the date the copy was archived) and ``WARC-Ailaw-Note``. A reconstructed
record also keeps ``WARC-Ailaw-Reconstructed: true``. All of it follows the data into the store
(``Version.provenance`` / ``provenance_detail``), and ``ailaw show`` and the UI say it on every version.

Lookups are by canonical URL; a URL recorded under the other scheme (``http`` / ``https``) is found too, so a
spider that moved to HTTPS still replays an older archive.
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
# A record copied from a third party's recording (the demo archive) says so, and whose recording it is.
PROVENANCE_HEADER = "WARC-Ailaw-Provenance"
RECORDED_BY_HEADER = "WARC-Ailaw-Recorded-By"
NOTE_HEADER = "WARC-Ailaw-Note"
PROVENANCE_HEADER = "WARC-Ailaw-Provenance"
RECORDED_BY_HEADER = "WARC-Ailaw-Recorded-By"
RECORDED_AT_HEADER = "WARC-Ailaw-Recorded-At"
STATUS_HEADER = "WARC-Ailaw-Status"  # the HTTP status of a resource record, when not 200 (no status line is kept)


def url_key(url: str) -> str:
    """The lookup key of a URL in an archive (canonical form: sorted query, normalised escapes, no fragment)."""
    return canonicalize_url(url, keep_fragments=False)


def _other_scheme(key: str) -> str:
    if key.startswith("https://"):
        return "http://" + key.removeprefix("https://")
    if key.startswith("http://"):
        return "https://" + key.removeprefix("http://")
    return key


def parse_recorded_at(value: str | None) -> dt.datetime | None:
    """A recording date as given (``2025-11-03``, ``2025-11-03T10:00:00Z``) as an aware datetime; None if unknown.

    >>> parse_recorded_at("2025-11-03")
    datetime.datetime(2025, 11, 3, 0, 0, tzinfo=datetime.timezone.utc)
    >>> parse_recorded_at("2022-06") is None
    True
    """
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


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
        content_type: str | None = None,
    ) -> ArchiveRef:
        """Write one response (and its request) and return where it landed.

        With ``provenance`` (a record ailaw did not fetch: ``copied``, ``reconstructed``, ``documented``) a
        ``resource`` record is written instead: the body and its ``content_type``, no HTTP headers (``headers`` and
        ``reason`` are ignored; a status other than 200 is kept in ``WARC-Ailaw-Status``)."""
        url = safe_url_string(url)  # WARC-Target-URI is ASCII: percent-encode Cyrillic query values
        when = (fetched_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        warc_headers = {"WARC-Date": when}
        record_id_given = bool(record_id)
        if record_id:
            warc_headers["WARC-Record-ID"] = record_id
        if reconstructed:
            warc_headers[RECONSTRUCTED_HEADER] = "true"
        for header, value in ((PROVENANCE_HEADER, provenance), (RECORDED_BY_HEADER, recorded_by),
                              (RECORDED_AT_HEADER, recorded_at), (NOTE_HEADER, note)):  # fmt: skip
            if value:
                warc_headers[header] = value
        if provenance and status != 200:
            warc_headers[STATUS_HEADER] = str(status)
        with self._lock:
            if provenance:
                record = self._writer.create_warc_record(
                    url, "resource", payload=io.BytesIO(body), warc_content_type=content_type or "application/octet-stream",
                    warc_headers_dict=warc_headers,
                )  # fmt: skip
            else:
                http_headers = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
                record = self._writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http_headers, warc_headers_dict=warc_headers
                )
            offset = self._fh.tell()
            self._writer.write_record(record)
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            if provenance:  # nothing was requested: a resource record stands alone
                self._fh.flush()
                return ArchiveRef(warc_file=str(self.path), record_id=record_id, offset=offset,
                                  reconstructed=reconstructed, note=note, provenance=provenance,
                                  recorded_by=recorded_by, recorded_at=recorded_at)  # fmt: skip
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
            warc_file=str(self.path),
            record_id=record_id,
            offset=offset,
            reconstructed=reconstructed,
            note=note,
            provenance=provenance,
            recorded_by=recorded_by,
        )

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
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if uri:
                    self._offsets[url_key(uri)] = iterator.get_record_offset()

    def __len__(self) -> int:
        return len(self._offsets)

    def _offset(self, url: str) -> int | None:
        key = url_key(url)
        found = self._offsets.get(key)
        return found if found is not None else self._offsets.get(_other_scheme(key))

    def __contains__(self, url: str) -> bool:
        return self._offset(url) is not None

    def urls(self) -> list[str]:
        return list(self._offsets)

    def get(self, url: str) -> ArchivedResponse | None:
        offset = self._offset(url)
        if offset is None:
            return None
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            body = record.content_stream().read()
            rec = record.rec_headers
            provenance = rec.get_header(PROVENANCE_HEADER)
            if record.rec_type == "resource":
                status = int(rec.get_header(STATUS_HEADER) or 200)
                headers = [("Content-Type", rec.get_header("Content-Type") or "application/octet-stream")]
            else:
                status = int(record.http_headers.get_statuscode()) if record.http_headers else 200
                headers = list(record.http_headers.headers) if record.http_headers else []
            recorded_at = rec.get_header(RECORDED_AT_HEADER)
            if provenance:  # not our fetch: a copy was fetched when its third party recorded it (if known); a
                fetched = parse_recorded_at(recorded_at) if provenance == "copied" else None  # rebuilt one never
            else:
                when = rec.get_header("WARC-Date")
                fetched = dt.datetime.strptime(when[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC) if when else None
            reconstructed = (rec.get_header(RECONSTRUCTED_HEADER) or "").lower() == "true"
            ref = ArchiveRef(
                warc_file=str(self.path),
                record_id=rec.get_header("WARC-Record-ID") or "",
                offset=offset,
                reconstructed=reconstructed,
                note=rec.get_header(NOTE_HEADER),
                provenance=provenance,
                recorded_by=rec.get_header(RECORDED_BY_HEADER),
                recorded_at=recorded_at,
            )
            return ArchivedResponse(rec.get_header("WARC-Target-URI") or url, status, headers, body, ref, fetched)
