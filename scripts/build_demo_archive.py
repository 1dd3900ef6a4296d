"""Build the demo archive ``demo/ailaw-demo.warc.gz`` from the committed responses listed in
``demo/records/*/manifest.json``.

Each manifest entry names a real URL, the committed file holding the response body and where that body comes
from: ``provenance`` — ``copied`` (a trimmed copy of a third party's recording of the real response),
``reconstructed`` (rebuilt in the source's documented format from verified facts; also ``"reconstructed": true``)
or ``documented`` (built from the source's documentation) —, ``recorded_by`` (the third party's repository and
commit, or the ailaw script), ``recorded_at`` (the date of that recording, when known; omitted when unknown) and
``note``. None of these was fetched by ailaw, so each becomes a WARC ``resource`` record: the body and its media
type, no HTTP status line or headers (none were recorded: nothing is synthesized), with the provenance headers of
crawler/archive.py. Its ``WARC-Date`` is ``recorded_at`` when known, else the date this archive's copies were made
(``ARCHIVED_AT``), which ailaw never shows as a recording date. Anyone can rerun this script; the output is
deterministic (record ids derive from the URLs, dates from the manifest).

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

ARCHIVED_AT = "2026-11-01T00:00:00+00:00"  # when the copies were put into the demo archive (the WARC-Date fallback)
PROVENANCES = ("copied", "reconstructed", "documented")


def warc_date(recorded_at: str | None) -> dt.datetime:
    """The WARC-Date of a record: when it was recorded, if the manifest says to the day; else the archive's date."""
    try:
        return dt.datetime.fromisoformat(recorded_at or ARCHIVED_AT)
    except ValueError:  # a month only ("2024-09"): the record keeps it in its provenance, the WARC date is generic
        return dt.datetime.fromisoformat(ARCHIVED_AT)


def load_entries(records_dir: Path) -> list[dict]:
    entries = []
    for manifest in sorted(records_dir.glob("*/manifest.json")):
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            entry["_manifest"] = str(manifest.relative_to(ROOT) if manifest.is_relative_to(ROOT) else manifest)
            entries.append(entry)
    return entries


def check(entry: dict) -> None:
    """One clear sentence for a manifest entry that does not say where its body comes from."""
    where = f"{entry['_manifest']}: {entry.get('url')}"
    if entry.get("provenance") not in PROVENANCES:
        raise SystemExit(
            f"{where}: provenance must be one of {', '.join(PROVENANCES)} (got {entry.get('provenance')!r})"
        )
    if entry["provenance"] == "copied" and not entry.get("recorded_by"):
        raise SystemExit(f"{where}: recorded_by is missing (whose recording this is a copy of)")
    if entry["provenance"] == "reconstructed" and not entry.get("reconstructed"):
        raise SystemExit(f'{where}: a reconstructed record keeps "reconstructed": true')


def build(out: Path, records_dir: Path = ROOT / "demo" / "records") -> int:
    entries = load_entries(records_dir)
    if not entries:
        raise SystemExit(f"no manifest entries under {records_dir}")
    for entry in entries:
        check(entry)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    info_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'ailaw-demo-archive')}>"
    writer = ArchiveWriter(tmp, fixed_info=(info_id, ARCHIVED_AT.replace("+00:00", "Z")))
    for entry in entries:
        body = (ROOT / entry["file"]).read_bytes()
        when = warc_date(entry.get("recorded_at"))
        writer.write(
            url=entry["url"],
            status=int(entry.get("status", 200)),
            headers=[],
            body=body,
            content_type=entry.get("content_type", "application/octet-stream"),
            fetched_at=when if when.tzinfo else when.replace(tzinfo=dt.UTC),
            reconstructed=bool(entry.get("reconstructed", False)),
            provenance=entry["provenance"],
            recorded_by=entry.get("recorded_by") or "ailaw (built from the source's documentation)",
            recorded_at=entry.get("recorded_at"),
            note=entry.get("note"),
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
