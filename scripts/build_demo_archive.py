"""Build the demo archive ``demo/ailaw-demo.warc.gz`` from the committed responses listed in
``demo/records/*/manifest.json``.

Each manifest entry names a real URL, the committed file holding the response body (a trimmed copy of a
real recorded response, or a reconstruction in the source's documented format) and whether it was
reconstructed. Reconstructed records carry ``WARC-Ailaw-Reconstructed: true`` and their note in the WARC,
so ailaw never presents them as recorded. Anyone can rerun this script; the output is deterministic
(record ids derive from the URLs, dates from the manifest).

    python scripts/build_demo_archive.py [--out demo/ailaw-demo.warc.gz]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.archive import ArchiveWriter  # noqa: E402

DEFAULT_RECORDED_AT = "2026-11-01T00:00:00+00:00"


def warc_date(recorded_at: str | None) -> dt.datetime:
    """The WARC-Date of a record: when it was recorded, if the manifest says to the day; else the archive's date."""
    try:
        return dt.datetime.fromisoformat(recorded_at or DEFAULT_RECORDED_AT)
    except ValueError:  # a month only ("2024-09"): the record keeps it in its provenance, the WARC date is generic
        return dt.datetime.fromisoformat(DEFAULT_RECORDED_AT)


def load_entries(records_dir: Path) -> list[dict]:
    entries = []
    for manifest in sorted(records_dir.glob("*/manifest.json")):
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            entry["_manifest"] = str(manifest.relative_to(ROOT) if manifest.is_relative_to(ROOT) else manifest)
            entries.append(entry)
    return entries


def build(out: Path, records_dir: Path = ROOT / "demo" / "records") -> int:
    entries = load_entries(records_dir)
    if not entries:
        raise SystemExit(f"no manifest entries under {records_dir}")
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    info_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'ailaw-demo-archive')}>"
    writer = ArchiveWriter(tmp, fixed_info=(info_id, DEFAULT_RECORDED_AT.replace("+00:00", "Z")))
    for entry in entries:
        body = (ROOT / entry["file"]).read_bytes()
        when = warc_date(entry.get("recorded_at"))
        headers = [("Content-Type", entry.get("content_type", "application/octet-stream"))]
        headers += [(k, v) for k, v in entry.get("headers", {}).items()]
        headers.append(("Content-Length", str(len(body))))
        writer.write(
            url=entry["url"],
            status=int(entry.get("status", 200)),
            reason=entry.get("reason", "OK"),
            headers=headers,
            body=body,
            request_headers=[("User-Agent", "ailaw demo archive builder")],
            fetched_at=when,
            reconstructed=bool(entry.get("reconstructed", False)),
            note=entry.get("note"),
            provenance=entry.get("provenance"),
            recorded_by=entry.get("recorded_by"),
            recorded_at=entry.get("recorded_at"),
            content_type=entry.get("content_type"),
            record_id=f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, entry['url'])}>",
        )
    writer.close()
    tmp.replace(out)  # the WARC-Filename of the warcinfo record is the temporary name: stable too
    return len(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "demo" / "ailaw-demo.warc.gz")
    parser.add_argument("--records", type=Path, default=ROOT / "demo" / "records")
    args = parser.parse_args()
    n = build(args.out, args.records)
    print(f"wrote {n} records to {args.out}")


if __name__ == "__main__":
    main()
