"""Brazil: the Câmara dos Deputados open-data API v2 — the AI bills with every dated step of their path.

Navigation: ``/proposicoes/{id}`` for each watched bill -> ``/proposicoes/{id}/tramitacoes`` (the whole history in
one list; the API ignores paging there) and the bill's full text (``urlInteiroTeor``, a PDF) as a version.
Keyword discovery (``/proposicoes?keywords=inteligência artificial``) defaults to the last 30 days of activity when
no dates are given (dossier brazil.md §2), so the must-have bills are watched by id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import br_camara
from crawler.parsers.files import file_version
from crawler.spiders.base import AilawSpider
from store.identifiers import normalize_br_bill
from store.vocab import VersionKind

# Câmara ids of the AI bills followed (dossier brazil.md §7).
WATCH: dict[str, str] = {
    "2487262": "PL 2338/2023",  # Marco Legal da IA, from the Senado (matéria 157233)
}
_ID = re.compile(r"(?:idProposicao=|/proposicoes/)(\d{5,9})")


class BrCamaraSpider(AilawSpider):
    name = "br_camara"
    source_name = "Câmara dos Deputados — Dados Abertos API v2"
    jurisdiction = "BR"
    base_url = "https://dadosabertos.camara.leg.br/"
    allowed_domains: ClassVar[list[str]] = ["camara.leg.br"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.br_camara:parse_proposicao",
        "crawler.parsers.br_camara:parse_tramitacoes",
    ]

    def __init__(self, *args: Any, camara_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_id = camara_id

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://www.camara.leg.br/proposicoesWeb/fichadetramitacao?idProposicao=2487262`."""
        m = _ID.search(url) if "camara.leg.br" in url else None
        return {"camara_id": m.group(1)} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for camara_id in [self.only_id] if self.only_id else WATCH:
            yield scrapy.Request(br_camara.proposicao_url(camara_id), callback=self.parse_proposicao,
                                 errback=self.errback, cb_kwargs={"camara_id": camara_id})  # fmt: skip

    def parse_proposicao(self, response: Response, camara_id: str) -> Iterator[Any]:
        yield from self.parse_with(response, br_camara.parse_proposicao)
        try:
            dados = json.loads(response.body)["dados"]
            bill = normalize_br_bill(f"{dados['siglaTipo']} {dados['numero']}/{dados['ano']}")
        except (ValueError, KeyError, TypeError):
            return  # recorded by parse_with
        if not bill:
            return
        yield scrapy.Request(f"{br_camara.proposicao_url(camara_id)}/tramitacoes", callback=self.parse_steps,
                             errback=self.errback, cb_kwargs={"bill": bill})  # fmt: skip
        if text_url := dados.get("urlInteiroTeor"):
            yield scrapy.Request(text_url, callback=self.parse_text, errback=self.text_failed,
                                 cb_kwargs={"bill": bill, "date": (dados.get("dataApresentacao") or "")[:10]})  # fmt: skip

    def parse_steps(self, response: Response, bill: str) -> Iterator[Any]:
        yield from self.parse_with(response, br_camara.parse_tramitacoes, bill=bill)

    def text_failed(self, failure: Any) -> Any:
        """A method, not a lambda: the request can be remembered with its page (crawler/memo.py)."""
        return self.download_failed(failure, failure.request.cb_kwargs.get("bill"))

    def parse_text(self, response: Response, bill: str, date: str) -> Iterator[Any]:
        yield from file_version(
            response.body,
            url=response.url,
            what=f"{bill}, inteiro teor",
            doc_id=br_camara.bill_doc_id(bill),
            label=f"{bill} — inteiro teor (Câmara)",
            kind=VersionKind.BILL_TEXT,
            date=date,
            content_disposition=response.headers.get(b"Content-Disposition"),
            content_type=(response.headers.get(b"Content-Type") or b"").decode("latin-1") or None,
            language="pt",
            jurisdiction="BR",
        )
