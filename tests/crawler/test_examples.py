"""Every example gives its reviewed output; every spider's parsers have at least one example."""

from __future__ import annotations

import json

import pytest

from tests.crawler.examples import EXAMPLES, iter_examples, run_example, summarize

EXAMPLE_METAS = iter_examples()


@pytest.mark.parametrize("meta_path", EXAMPLE_METAS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_matches_reviewed_output(meta_path, update_examples):
    meta, items = run_example(meta_path)
    assert meta.get("origin") in {"recorded", "documented"}, f"{meta_path.name}: origin must be recorded|documented"
    if meta["origin"] == "documented":
        assert "documented" in meta_path.name, "examples built from documentation say so in their file name"
    got = summarize(items)
    compare = meta_path.with_name(meta_path.name.removesuffix(".meta.json") + ".compare.json")
    rendered = json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if update_examples or not compare.exists():
        compare.write_text(rendered, encoding="utf-8")
        if not update_examples:
            pytest.fail(f"wrote {compare.name}: review it, then commit it")
    assert json.loads(compare.read_text(encoding="utf-8")) == json.loads(rendered)


def test_every_spider_parser_has_an_example():
    from crawler.spiders import all_spiders

    used = set()
    for meta_path in EXAMPLE_METAS:
        used.add(json.loads(meta_path.read_text(encoding="utf-8"))["parser"])
    spiders = all_spiders()
    assert spiders, "no spider registered"
    for spider in spiders:
        assert spider.parsers, f"{spider.name} declares no parsers"
        for parser in spider.parsers:
            assert parser in used, f"{spider.name}: parser {parser} has no example under tests/examples"


def test_the_readme_says_exactly_which_parsers_have_only_documented_examples():
    """README, Development: the parsers with copies of recorded responses and those with documented examples only."""
    import re
    from pathlib import Path

    by_parser: dict[str, set[str]] = {}
    for meta_path in EXAMPLE_METAS:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        name = meta["parser"].removeprefix("crawler.parsers.").replace(":", ".")
        by_parser.setdefault(name, set()).add(meta["origin"])
    recorded = sorted(p for p, o in by_parser.items() if "recorded" in o)
    documented = sorted(p for p, o in by_parser.items() if o == {"documented"})
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    text = " ".join(readme.split())
    m = re.search(r"(\d+) of the (\d+) parsers have examples copied.*?: (.*?)\. The other (\d+) have only examples "
                  r"built from documentation \(.*?\): (.*?)\. A test", text)  # fmt: skip
    assert m, "the README's paragraph on examples is missing"
    assert (int(m.group(1)), int(m.group(2)), int(m.group(4))) == (len(recorded), len(by_parser), len(documented))
    assert sorted(re.findall(r"`([\w.]+)`", m.group(3))) == recorded
    assert sorted(re.findall(r"`([\w.]+)`", m.group(5))) == documented


def test_every_spider_names_its_hosts():
    """allowed_domains on every spider: a request to any other host is dropped by Scrapy (README, Crawling live)."""
    from urllib.parse import urlsplit

    from crawler.spiders import all_spiders

    for spider in all_spiders():
        assert spider.allowed_domains, f"{spider.name} has no allowed_domains"
        host = urlsplit(spider.base_url).hostname or ""
        assert any(host == d or host.endswith("." + d) for d in spider.allowed_domains), (spider.name, host)
