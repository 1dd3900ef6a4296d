"""Write the text of PL 2338/2023 as the Senate approved it (its autograph, sent to the Câmara on 2025-01-31) from
the committed copy of a third party's article-by-article extraction of the autograph PDF
(tests/examples/br/pl2338-2023_senate-autograph_articles_derived.json: each article's paragraphs with the SHA-256 of
its text, checked here).

The autograph PDF itself was never recorded. The text written here holds every word of the extraction: each
chapter and section heading once, then each article paragraph by paragraph, one per line (the official numbering
has no Art. 31). `ailaw demo` imports it into br/bill/PL-2338-2023 as an imported version, so that the bill's
text is searchable beside its path through the Câmara. Deterministic; rerun after editing the copy:

    python scripts/convert_br_pl2338.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "examples" / "br" / "pl2338-2023_senate-autograph_articles_derived.json"
OUT = ROOT / "tests" / "examples" / "br" / "pl2338-2023_senate-autograph_converted.txt"


def convert(data: dict) -> str:
    lines: list[str] = []
    chapter = section = None
    for article in data["articles"]:
        text = "\n\n".join(article["paragraphs"])
        if hashlib.sha256(text.encode()).hexdigest() != article["contentSha256"]:
            raise SystemExit(f"Art. {article['articleNumber']}: its text does not match the SHA-256 it pins")
        ch, sec = article["chapter"], article["section"]
        if ch and ch["id"] != chapter:
            lines += [ch["label"], ch["title"]]
            chapter, section = ch["id"], None
        if sec and sec["id"] != section:
            lines += [sec["label"], sec["title"]]
            section = sec["id"]
        lines += article["paragraphs"]
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.write_text(convert(json.loads(SOURCE.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
