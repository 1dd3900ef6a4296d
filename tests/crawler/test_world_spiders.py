"""`ailaw track URL` finds the spider of each new source and the arguments to fetch just that document; the Korean
caller id never reaches an archived URL."""

from __future__ import annotations

import pytest

from crawler.spiders import spider_for_url
from crawler.spiders.kr_law import redact, search_url, service_url


@pytest.mark.parametrize(("url", "spider", "kwargs"), [
    ("https://www.legislation.gov.uk/ukpga/2025/18", "uk_legislation", {"item": "ukpga/2025/18"}),
    ("https://www.legislation.gov.uk/eur/2016/679/contents", "uk_legislation", {"item": "eur/2016/679"}),
    ("https://bills.parliament.uk/bills/3942", "uk_bills", {"bill_id": "3942"}),
    ("https://www.parl.ca/legisinfo/en/bill/44-1/c-27", "ca_legisinfo", {"session": "44-1", "number": "C-27"}),
    ("https://laws-lois.justice.gc.ca/eng/acts/P-8.6/", "ca_justice", {"act": "P-8.6"}),
    ("https://www.camara.leg.br/proposicoesWeb/fichadetramitacao?idProposicao=2487262", "br_camara", {"camara_id": "2487262"}),
    ("https://www.law.go.kr/LSW/lsInfoP.do?lsiSeq=282791", "kr_law", {"mst": "282791"}),
    ("https://laws.e-gov.go.jp/law/507AC0000000053", "jp_egov", {"law_id": "507AC0000000053"}),
    ("https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm", "cn_cac",
     {"page": "https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm"}),
])  # fmt: skip
def test_track_url_finds_the_spider(url, spider, kwargs):
    found = spider_for_url(url)
    assert found is not None and found[0].name == spider and found[1] == kwargs


def test_the_korean_caller_id_is_never_archived():
    live = service_url("me@example.org", "eflaw", "282791", "20260721")
    assert redact(live) == service_url("{oc}", "eflaw", "282791", "20260721")
    assert "me@example.org" not in redact(search_url("me@example.org", "eflaw", "인공지능"))
