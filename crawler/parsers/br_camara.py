"""Brazil: the Câmara dos Deputados open-data API v2 (dadosabertos.camara.leg.br/api/v2), JSON.

- ``/proposicoes/{id}`` -> ``{"dados": {…}}``: sigla, número, ano, ementa, keywords, dataApresentacao, the current
  ``statusProposicao`` (situação, órgão, regime), ``urlInteiroTeor`` (the text as a PDF).
- ``/proposicoes/{id}/tramitacoes`` -> ``{"dados": [ … ]}``: every dated step (dataHora, sequencia, siglaOrgao,
  descricaoTramitacao, descricaoSituacao, despacho), ordered by date, not by sequencia.

A bill keeps its number in both houses (PL 2338/2023 came from the Senado Federal), so its document id is the
number, ``br/bill/PL-2338-2023``, and the Câmara id is an identifier. Each step is an event with the Câmara's own
words; a bill attached to this one for joint consideration (apensação) is also a ``related`` relation.
Times are Brasília local time without an offset: the calendar day is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.world import iso_date, json_part, squash
from store.identifiers import doc_id, normalize_br_bill
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem
from store.vocab import DocType, RelationKind, Stage

SOURCE = "br_camara"
SOURCE_LABEL = "Câmara dos Deputados (Dados Abertos API v2)"
API = "https://dadosabertos.camara.leg.br/api/v2"

# descricaoTramitacao -> stage (one case per line; the órgão decides where a step is committee work).
STEP_STAGES: dict[str, Stage] = {
    "Apresentação de Proposição": Stage.INTRODUCED,
    "Recebimento": Stage.INTRODUCED,  # received by the house (from the Senado, or by a committee: see step_stage)
    "Distribuição": Stage.COMMITTEE,
    "Designação de Relator(a)": Stage.COMMITTEE,
    "Apresentação de Parecer do Relator": Stage.COMMITTEE,
    "Aprovação do Parecer": Stage.COMMITTEE,
    "Aprovação da Redação Final": Stage.PASSED_LOWER,
    "Remessa ao Senado Federal por meio de Ofício": Stage.PASSED_LOWER,
    "Remessa à Sanção": Stage.AGREED,
    "Transformado em Norma Jurídica": Stage.ADOPTED,
    "Arquivamento": Stage.EXPIRED,
    "Retirada pelo(a) Autor(a)": Stage.WITHDRAWN,
}
# descricaoSituacao (the bill's current situation) -> the document's stage.
SITUATION_STAGES: dict[str, Stage] = {
    "Aguardando Parecer": Stage.COMMITTEE,
    "Aguardando Designação de Relator(a)": Stage.COMMITTEE,
    "Aguardando Constituição de Comissão Temporária": Stage.COMMITTEE,
    "Pronta para Pauta": Stage.COMMITTEE,
    "Aguardando Deliberação": Stage.INTRODUCED,
    "Aguardando Sanção": Stage.AGREED,
    "Transformado em Norma Jurídica": Stage.ADOPTED,
    "Arquivada": Stage.EXPIRED,
    "Retirado pelo(a) Autor(a)": Stage.WITHDRAWN,
    "Vetado totalmente": Stage.REJECTED,
}
COMMITTEE_STEPS = frozenset({"Apresentação de Requerimento", "Aprovação de Requerimento", "Recebimento"})
# Câmara organs that are not committees: the board, the plenary, the publication and general secretariat desks.
NOT_COMMITTEES = frozenset({"MESA", "PLEN", "CCP", "SECAP(SGM)", "SGM"})

_ATTACHED = [
    re.compile(r"Apensação da proposição (\w+)[\s-](\d+/\d{4}) à proposição (\w+)[\s-](\d+/\d{4})", re.I),
    re.compile(r"Apense-se a este(?:\(a\))?\s+o(?:\(a\))?\s+(\w+)[\s-](\d+/\d{4})", re.I),
    re.compile(r"Apensação d[oa] (\w+)[\s-](\d+/\d{4}) a esta proposição", re.I),
]


def bill_doc_id(bill: str) -> str:
    """'PL 2338/2023' -> 'br/bill/PL-2338-2023'."""
    return doc_id("br", "bill", bill.replace(" ", "-").replace("/", "-"))


def step_stage(description: str, organ: str | None) -> Stage:
    """The stage of one tramitação step.

    >>> step_stage("Apresentação de Proposição", "PLEN"), step_stage("Aprovação de Requerimento", "PL233823")
    (<Stage.INTRODUCED: 'introduced'>, <Stage.COMMITTEE: 'committee'>)
    >>> step_stage("Aprovação de Requerimento", "PLEN"), step_stage("Notificação de Apensação", "MESA")
    (<Stage.OTHER: 'other'>, <Stage.OTHER: 'other'>)
    """
    in_committee = bool(organ) and organ not in NOT_COMMITTEES
    if description in COMMITTEE_STEPS and in_committee:
        return Stage.COMMITTEE
    if description == "Recebimento" and not in_committee:
        return Stage.INTRODUCED
    if description in COMMITTEE_STEPS:
        return Stage.OTHER
    return STEP_STAGES.get(description, Stage.OTHER)


def proposicao_url(camara_id: str | int) -> str:
    return f"{API}/proposicoes/{camara_id}"


def page_url(camara_id: str | int) -> str:
    return f"https://www.camara.leg.br/proposicoesWeb/fichadetramitacao?idProposicao={camara_id}"


def parse_proposicao(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """/proposicoes/{id} -> the bill's document (its number, ementa, keywords, current situation)."""
    dados, failure = json_part(body, url=url, source=SOURCE_LABEL, field="dados", kind=dict, what="proposição object")
    if failure or not dados.get("id"):
        yield failure or ParseFailure(url=url, reason=f"{SOURCE_LABEL} proposição has no id.")
        return
    bill = normalize_br_bill(f"{dados.get('siglaTipo')} {dados.get('numero')}/{dados.get('ano')}")
    if not bill:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} proposição {dados['id']} has no sigla/número/ano.")
        return
    status = dados.get("statusProposicao") if isinstance(dados.get("statusProposicao"), dict) else {}
    situation = squash(status.get("descricaoSituacao"))
    presented = iso_date(dados.get("dataApresentacao"))
    sigla, number_year = bill.split(" ", 1)
    number, year = number_year.split("/")
    keywords = [k for k in (squash(x).strip(" ._") for x in re.split(r"[,;]|\.\s+_", dados.get("keywords") or "")) if k]
    extra = {
        "camara_presented": presented.isoformat() if presented else None,
        "regime": status.get("regime"),
        "situation_organ": status.get("siglaOrgao"),
        "appreciation": status.get("apreciacao"),
        "full_text_url": dados.get("urlInteiroTeor"),
        "urn_final": dados.get("urnFinal"),
    }
    yield DocumentItem(
        doc_id=bill_doc_id(bill),
        source=SOURCE,
        jurisdiction="BR",
        doc_type=DocType.BILL,
        title=f"{squash(dados.get('descricaoTipo')) or sigla} {number}/{year}",
        language="pt",
        identifiers={"camara_id": str(dados["id"]), "bill": bill},
        aliases=[bill, f"{sigla} nº {int(number):,}".replace(",", ".") + f", de {year}"],
        stage=SITUATION_STAGES.get(situation, Stage.OTHER) if situation else None,
        stage_raw=" — ".join(x for x in (situation, squash(status.get("descricaoTramitacao"))) if x) or None,
        # A bill is numbered in the house where it is introduced: a Câmara presentation in a later year than the
        # number's is the arrival of a Senado bill, not its introduction.
        date_introduced=presented if presented and str(presented.year) == year else None,
        url=page_url(dados["id"]),
        summary="\n".join(x for x in (squash(dados.get("ementa")), squash(dados.get("ementaDetalhada"))) if x) or None,
        subjects=keywords,
        extra={k: v for k, v in extra.items() if v},
    )


def parse_tramitacoes(body: bytes, *, url: str, bill: str, **_: Any) -> Iterator[Item]:
    """/proposicoes/{id}/tramitacoes -> one dated event per step of ``bill`` ('PL 2338/2023'), and a ``related``
    relation to every bill attached to it (apensação)."""
    steps, failure = json_part(body, url=url, source=SOURCE_LABEL, field="dados", kind=list, what="list of tramitações")
    if failure:
        yield failure
        return
    normalized = normalize_br_bill(bill)
    if not normalized:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL}: {bill!r} is not a bill number.")
        return
    did = bill_doc_id(normalized)
    attached: dict[str, Any] = {}
    seen: set[tuple[Any, str]] = set()
    for step in steps:
        if not isinstance(step, dict):
            continue
        description = squash(step.get("descricaoTramitacao"))
        despacho = squash(step.get("despacho"))
        organ = squash(step.get("siglaOrgao")) or None
        when = iso_date(step.get("dataHora"))
        raw = f"{description}: {despacho}" if despacho else description
        if (when, raw) in seen:  # the same words twice on one day are two steps: the sequence number tells them apart
            raw += f" (sequência {step.get('sequencia')})"
        seen.add((when, raw))
        yield EventItem(
            doc_id=did,
            date=when,
            stage=step_stage(description, organ),
            raw=raw,
            actor=organ,
            reference=f"sequência {step.get('sequencia')}" if step.get("sequencia") is not None else None,
        )
        for other in _attached_to(normalized, despacho):
            attached.setdefault(other, when)
    for other, when in attached.items():
        yield RelationItem(doc_id=did, kind=RelationKind.RELATED, target_id=bill_doc_id(other), target_label=other,
                           date=when, detail={"relation": "apensado (attached for joint consideration)"})  # fmt: skip


def _attached_to(bill: str, despacho: str) -> list[str]:
    """Bills that a despacho attaches to ``bill``."""
    out = []
    for pattern in _ATTACHED:
        for m in pattern.finditer(despacho):
            groups = m.groups()
            other = normalize_br_bill(f"{groups[0]} {groups[1]}")
            if len(groups) == 4 and normalize_br_bill(f"{groups[2]} {groups[3]}") != bill:
                continue  # attached to another bill of the group, not to this one
            if other and other != bill:
                out.append(other)
    return out
