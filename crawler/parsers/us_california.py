"""California Legislature (leginfo.legislature.ca.gov): a bill's status page -> the bill, its last history actions,
the Governor's veto message; a bill text page -> a Version split into sections; an amended text's own markup
(``<em>`` inserted, ``<strike>`` deleted) -> the text before and after the amendment.

Status page ``billStatusClient.xhtml?bill_id=202320240SB1047`` (us-states.md §4.1, the recorded SB 1047 page): label
cells ``td.statusCell`` with their values in the next ``td.statusCellData`` (Measure, Lead Authors, Topic, Title,
House Location, Enrolled Date…), ``table#billhistory`` (Date MM/DD/YY, Action), ``table#vetoMessage``.

Bill text page ``billTextClient.xhtml?bill_id=…&version=…``: the bill in ``div#bill_all``; its digest in
``div#digesttext``; its sections in ``div#bill`` as blocks headed ``<h3>SECTION 1.</h3>`` / ``<h3>SEC. 2.</h3>``.

Amended texts mark what the amendment changed: ``<em>`` the inserted words, ``<strike>`` the deleted ones (the
LegiScan recording of AB 50 (2011): ``<strike> treaded </strike> <em> treated </em>``). :func:`amendment_markup`
reads both texts out of it, so the redline ailaw computes between them can be checked against the state's own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import lxml.html

from crawler.parsers.us_bills import state_bill_document
from crawler.parsers.us_vocab import current_stage, state_action_stage
from store.identifiers import state_bill_doc_id
from store.items import EventItem, Item, ParseFailure, VersionItem
from store.normalize import normalize_text
from store.vocab import Stage, VersionKind
from texts.us import split_california_html

SOURCE = "us_california"
BASE = "https://leginfo.legislature.ca.gov/faces"
_BILL_ID = re.compile(r"^(\d{4})(\d{4})(\d)([A-Z]+)(\d+)$")
_SECTION = re.compile(r"^(SECTION|SEC\.)\s+(\d+(?:\.\d+)?)\.?\s*(.*)$", re.S)


def status_url(bill_id: str) -> str:
    return f"{BASE}/billStatusClient.xhtml?bill_id={bill_id}"


def text_url(bill_id: str, version: str | None = None) -> str:
    return f"{BASE}/billTextClient.xhtml?bill_id={bill_id}" + (f"&version={version}" if version else "")


def split_bill_id(bill_id: str) -> tuple[str, str]:
    """leginfo's bill id -> (session, number): '202320240SB1047' -> ('20232024', 'SB1047') (the 0 is the regular
    session; an extraordinary session's number follows it, e.g. '202320241AB1' -> ('20232024X1', 'AB1')).

    >>> split_bill_id("202320240SB1047"), split_bill_id("202320241AB1")
    (('20232024', 'SB1047'), ('20232024X1', 'AB1'))
    """
    m = _BILL_ID.match(bill_id)
    if not m:
        raise ValueError(f"not a leginfo bill id: {bill_id!r}")
    session = f"{m.group(1)}{m.group(2)}" + (f"X{m.group(3)}" if m.group(3) != "0" else "")
    return session, f"{m.group(4)}{int(m.group(5))}"


def _bill_id_of(url: str) -> str | None:
    values = parse_qs(urlsplit(url).query).get("bill_id")
    return values[0] if values else None


def _text(el: Any) -> str:
    return normalize_text(el.text_content()).replace("\n", " ").strip() if el is not None else ""


def _mdy(raw: str) -> dt.date | None:
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$", raw.strip())
    if not m:
        return None
    year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
    try:
        return dt.date(year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def parse_status_page(body: bytes, *, url: str, aliases: list[str] | None = None) -> Iterator[Item]:
    """A leginfo status page -> the bill (DocumentItem) and its last history actions (EventItems); a veto is a dated
    ``rejected`` event and the Governor's message is kept on the document."""
    bill = _bill_id_of(url)
    root = lxml.html.fromstring(body)
    cells = {_text(cell).rstrip(":"): _text(cell.getnext()) for cell in root.xpath('//*[@class="statusCell"]')
             if cell.getnext() is not None}  # fmt: skip
    if not bill or "Measure" not in cells:
        yield ParseFailure(url=url, reason="not a leginfo bill status page (no bill id or no Measure cell)")
        return
    session, number = split_bill_id(bill)
    doc_id = state_bill_doc_id("CA", session, number)
    events = []
    for tr in root.xpath('//table[@id="billhistory"]/tbody/tr'):
        tds = tr.xpath("./td")
        if len(tds) < 2:
            continue
        action = _text(tds[1])
        events.append(EventItem(doc_id=doc_id, date=_mdy(_text(tds[0])), stage=state_action_stage(action), raw=action))
    stage = current_stage([(e.date, e.stage) for e in events if e.date])
    last = max((e for e in events if e.date and e.stage == stage), key=lambda e: e.date, default=None)
    veto_el = next(iter(root.xpath('//table[@id="vetoMessage"]/tbody')), None)
    veto = normalize_text(veto_el.text_content()).strip() if veto_el is not None else ""
    topic = cells.get("Topic", "").rstrip(".")
    enrolled = _mdy(cells.get("Enrolled Date", ""))
    yield state_bill_document(
        "CA", session, number, topic or cells.get("Title", number), source=SOURCE,
        identifiers={"leginfo_bill_id": bill}, aliases=list(aliases or []),
        stage=stage,
        stage_raw=last.raw if last else None,
        date_adopted=enrolled,
        url=url,
        summary="\n".join(x for x in (cells.get("Title"), f"Governor's veto message: {veto}" if veto else "") if x) or None,
        notes=[f"Vetoed by the Governor on {last.date.isoformat()}"] if last and last.stage == Stage.REJECTED else [],
        extra={"status": cells, "veto_message": veto or None},
    )  # fmt: skip
    yield from events


# --- bill texts ---------------------------------------------------------------------------------------------------


def parse_bill_text_page(body: bytes, *, url: str, label: str | None = None, date: str | None = None) -> Iterator[Item]:
    """A leginfo text page (``div#bill_all``) -> one Version of the bill, split into sections."""
    bill = _bill_id_of(url)
    root = lxml.html.fromstring(body)
    whole = next(iter(root.xpath('//div[@id="bill_all"]')), None)
    if not bill or whole is None:
        yield ParseFailure(url=url, reason="not a leginfo bill text page (no div#bill_all); blocked or changed?")
        return
    session, number = split_bill_id(bill)
    version = (parse_qs(urlsplit(url).query).get("version") or [""])[0]
    title = (root.xpath("//meta[@name='dc:title']/@content") or [""])[0]
    edition = " ".join(title.split()[2:]).strip(" -") if title else ""  # "SB 1047- ENROLLED" -> "ENROLLED"
    body_el = next(iter(whole.xpath('.//div[@id="bill"]')), None)
    text = normalize_text(whole.text_content())
    yield VersionItem(
        doc_id=state_bill_doc_id("CA", session, number),
        label=label or f"{number} {edition.title() or 'text'}" + (f" ({version})" if version else ""),
        kind=VersionKind.BILL_TEXT,
        date=dt.date.fromisoformat(date) if date else None,
        language="en",
        text=text,
        provisions=split_california_html(body_el) if body_el is not None else [],
        source_url=url,
    )


# --- amendment markup ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkedAmendment:
    """An amended text read with its own markup: the text as it stood before and after the amendment, and the
    inserted (``<em>``) and deleted (``<strike>``) passages in reading order."""

    before: str
    after: str
    inserted: list[str]
    deleted: list[str]


def amendment_markup(html: str) -> MarkedAmendment:
    """California's amended text -> before/after texts and the marked passages.

    >>> m = amendment_markup("shall be <strike> treaded </strike> <em> treated </em> as a payment")
    >>> m.before, m.after, m.inserted, m.deleted
    ('shall be treaded as a payment', 'shall be treated as a payment', ['treated'], ['treaded'])
    """
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    inserted = [" ".join(el.text_content().split()) for el in root.iter("em")]
    deleted = [" ".join(el.text_content().split()) for el in root.iter("strike")]

    def text_without(tag: str) -> str:
        copy = lxml.html.fragment_fromstring(lxml.html.tostring(root, encoding="unicode"))
        for el in list(copy.iter(tag)):
            el.drop_tree()
        raw = copy.text_content()
        return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in raw.split("\n")).strip()

    return MarkedAmendment(before=text_without("em"), after=text_without("strike"),
                           inserted=[x for x in inserted if x], deleted=[x for x in deleted if x])  # fmt: skip
