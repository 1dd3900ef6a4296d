"""Rebuild the demo record of the CAC page of the Generative AI Interim Measures from the committed copy of its
official Chinese text (tests/examples/cn/cn-cac_genai-interim-measures-2023_articles_zh.json: a third party's
article-by-article extraction of the page, each article with the SHA-256 of its text, checked here).

No CAC page was ever recorded and its layout is not documented, so the page written here is a minimal HTML page:
the rule's title and its 24 articles, paragraph by paragraph, with every word from the official text. The real
page's layout, its chapter headings (not in the extraction), its preamble and its signature are not here. The demo
manifest marks the record reconstructed. Deterministic; rerun after editing the copy:

    python scripts/reconstruct_cn_records.py
"""

from __future__ import annotations

import hashlib
import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from texts.jp import kanji  # noqa: E402  (Chinese and Japanese write article numbers alike: 第二十四条)

SOURCE = ROOT / "tests" / "examples" / "cn" / "cn-cac_genai-interim-measures-2023_articles_zh.json"
# One file: the parser's example and the demo record (demo/records/world/manifest.json points at it).
OUT = ROOT / "tests" / "examples" / "cn" / "cn-cac_genai-interim-measures_documented_example.html"
TITLE = "生成式人工智能服务管理暂行办法"


def build() -> str:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    parts = []
    for article in data["articles"]:
        text = "\n\n".join(article["paragraphs"])
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != article["contentSha256"]:
            raise SystemExit(f"article {article['articleNumber']}: the text does not match its SHA-256")
        for i, paragraph in enumerate(article["paragraphs"]):
            head = f"第{kanji(int(article['articleNumber']))}条　" if i == 0 else ""
            parts.append(f"<p>{html.escape(head + paragraph)}</p>")
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{TITLE}</title></head>\n'
            f"<body>\n<h1>{TITLE}</h1>\n<div>\n{body}\n</div>\n</body></html>\n")  # fmt: skip


def main() -> None:
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
