"""What an alert says: one entry per match (built when the match is recorded, in English and in Russian), and the
message a delivery carries — an alert or a digest grouped by subscription and then by document, with an honest
"N more" line past the subscription's cap.

An entry (``AlertMatch.entry``; the webhook JSON carries the same)::

    {"trigger": "new-version", "document_id": "eu/celex/32024R1689", "title": "…", "jurisdiction": "EU",
     "date": "2026-03-05",
     "what": {"en": "New version: Consolidated text 02024R1689-20260305", "ru": "Новая версия: …"},
     "changes": {"en": ["Article 50(2) amended", …], "ru": ["статья 50, часть 2 изменена", …]},
     "overview": {"en": "0 provisions moved, 1 inserted, …", "ru": "…"},
     "version": {"id": 12, "label": "…", "date": "2026-03-05", "previous_id": 5, "previous_label": "…"},
     "links": {"document": "http://…/document?id=…", "compare": "http://…/compare?id=…"}}

A saved search's or topic's entry may add ``via`` (the concept label the document says), ``ai_via`` (the relation
that makes a document not about AI by its own words AI-related, with the other act's ``name``) and ``why`` (both
as lines in EN and RU: "via concept: …", "AI-related because it amends the AI Act").
"""

from __future__ import annotations

import datetime as dt
import html
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from store.vocab import AlertTrigger

LANGS = ("en", "ru")
MAX_CHANGE_LINES = 12  # per entry: a new version that changed 300 provisions names 12 and counts the rest

_WHAT = {
    AlertTrigger.NEW_DOCUMENT: ("New document", "Новый документ"),
    AlertTrigger.NEW_VERSION: ("New version", "Новая версия"),
    AlertTrigger.STAGE: ("Stage", "Стадия"),
    AlertTrigger.RELATION: ("New relation", "Новая связь"),
    AlertTrigger.DISCUSSION_OPENED: ("Public discussion opened", "Начато публичное обсуждение"),
    AlertTrigger.DISCUSSION_CLOSED: ("Public discussion closed", "Публичное обсуждение завершено"),
}
_RELATION_RU = {
    "amends": "изменяет", "amended-by": "изменён актом", "repeals": "отменяет", "repealed-by": "отменён актом",
    "corrects": "исправляет", "corrected-by": "исправлен актом", "consolidates": "консолидирует",
    "consolidated-by": "консолидирован в", "adopts": "принят по проекту", "proposal-of": "проект акта",
    "amendment-proposed-by": "предложены изменения", "proposes-amendment-to": "предлагает изменения в",
    "enacted-as": "принят как", "enacts": "принят по законопроекту", "approves": "утверждает",
    "approved-by": "утверждён актом", "delays": "откладывает", "delayed-by": "отложен актом",
    "re-enacts": "вводит заново", "re-enacted-by": "введён заново актом", "based-on": "на основании", "basis-for": "основание для", "related": "связан с",
}  # fmt: skip
_T = {
    "more": ("{n} more: see all in ailaw ({url})", "Ещё {n}: все в ailaw ({url})"),
    "subject_one": ("ailaw alert: {title}", "ailaw: {title}"),
    "subject_many": ("ailaw: {n} alerts — {title}", "ailaw: уведомлений: {n} — {title}"),
    "subject_digest": ("ailaw {freq} digest: {n} alerts", "ailaw, {freq} сводка: уведомлений: {n}"),
    "daily": ("daily", "ежедневная"),
    "weekly": ("weekly", "еженедельная"),
    "document": ("Document", "Документ"),
    "compare": ("What changed", "Что изменилось"),
    "and_more_changes": ("… and {n} more changes", "… и ещё изменений: {n}"),
    "footer": ("You receive this because of your ailaw subscriptions; manage them at {url}",
               "Вы получили это письмо по подпискам ailaw; управлять ими: {url}"),
    "scheduled": (" (scheduled for {date})", " (назначено на {date})"),
    "first_version": ("first version stored", "первая сохранённая версия"),
    "via_concept": ("via concept: {label}", "по понятию: {label}"),
    "ai_via": ("AI-related because it {words}", "относится к ИИ, так как {words}"),
}  # fmt: skip


def tr(key: str, lang: str, **kw: Any) -> str:
    en, ru = _T[key]
    return (ru if lang == "ru" else en).format(**kw)


def links(base_url: str, document_id: str, *, compare: bool) -> dict[str, str]:
    base = base_url.rstrip("/")
    out = {"document": f"{base}/document?{urlencode({'id': document_id})}"}
    if compare:
        out["compare"] = f"{base}/compare?{urlencode({'id': document_id})}"
    return out


def what(trigger: str, detail: str | None = None, detail_ru: str | None = None) -> dict[str, str]:
    en, ru = _WHAT[AlertTrigger(trigger)]
    return {"en": f"{en}: {detail}" if detail else en, "ru": f"{ru}: {detail_ru or detail}" if detail else ru}


def relation_words(kind: str, target: str) -> dict[str, str]:
    return {"en": f"{kind.replace('-', ' ')} {target}", "ru": f"{_RELATION_RU.get(kind, kind)} {target}"}


def why(via: dict[str, Any] | None, ai_via: dict[str, Any] | None) -> dict[str, list[str]]:
    """The lines that say why a saved search or topic counts a document: the concept label it says, and the
    relation that makes a document not about AI by its own text AI-related ("amends the AI Act")."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGS}
    if via:
        for lang in LANGS:
            out[lang].append(tr("via_concept", lang, label=via["label"]))
    if ai_via:
        name = str(ai_via.get("name") or ai_via.get("title") or ai_via.get("document_id"))
        kind = str(ai_via.get("kind"))
        words = {"en": f"{kind.replace('-', ' ')} the {name}", "ru": f"{_RELATION_RU.get(kind, kind)} {name}"}
        for lang in LANGS:
            out[lang].append(tr("ai_via", lang, words=words[lang]))
    return out


def scheduled(date: dt.date | None, today: dt.date) -> dict[str, str]:
    if date is None or date <= today:
        return {"en": "", "ru": ""}
    return {lang: tr("scheduled", lang, date=date.isoformat()) for lang in LANGS}


@dataclass
class Section:
    """The entries of one subscription in one message."""

    subscription_id: int
    name: str
    entries: list[dict[str, Any]]  # all of them, in the order they were matched
    cap: int

    @property
    def shown(self) -> list[dict[str, Any]]:
        return self.entries[: self.cap]

    @property
    def more(self) -> int:
        return max(0, len(self.entries) - self.cap)


@dataclass
class Message:
    subject: str
    text: str
    html: str
    payload: dict[str, Any]


def _by_document(entries: Sequence[dict[str, Any]]) -> OrderedDict[str, list[dict[str, Any]]]:
    groups: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for e in entries:
        groups.setdefault(e["document_id"], []).append(e)
    return groups


def _entry_lines(e: dict[str, Any], lang: str) -> list[str]:
    lines = [e["what"].get(lang) or e["what"]["en"]]
    lines += [f"  ({w})" for w in (e.get("why") or {}).get(lang) or []]
    changes = (e.get("changes") or {}).get(lang) or []
    lines += [f"  - {c}" for c in changes[:MAX_CHANGE_LINES]]
    if len(changes) > MAX_CHANGE_LINES:
        lines.append("  " + tr("and_more_changes", lang, n=len(changes) - MAX_CHANGE_LINES))
    return lines


def render(*, sections: Sequence[Section], lang: str, frequency: str, base_url: str, delivery_ref: str,
           subscriber: str) -> Message:  # fmt: skip
    """The message of one delivery: sections (subscriptions) grouped by document, in ``lang``."""
    lang = "ru" if lang == "ru" else "en"
    inbox = f"{base_url.rstrip('/')}/subscriptions"
    total = sum(len(s.entries) for s in sections)
    first = next((e for s in sections for e in s.entries), None)
    title = (first or {}).get("title") or ""
    if frequency in ("daily", "weekly"):
        subject = tr("subject_digest", lang, freq=tr(frequency, lang), n=total)
    elif total == 1:
        subject = tr("subject_one", lang, title=title)
    else:
        subject = tr("subject_many", lang, n=total, title=title)
    text: list[str] = []
    parts: list[str] = ['<html><body style="font-family:Georgia,serif;max-width:48rem">']
    esc = html.escape
    for s in sections:
        text += [f"== {s.name}", ""]
        parts.append(f"<h2>{esc(s.name)}</h2>")
        for doc_id, entries in _by_document(s.shown).items():
            head = entries[0].get("title") or doc_id
            text.append(f"{head} ({doc_id})")
            parts.append(f"<h3>{esc(head)} <small><code>{esc(doc_id)}</code></small></h3><ul>")
            for e in entries:
                lines = _entry_lines(e, lang)
                text += ["  " + lines[0], *["  " + x for x in lines[1:]]]
                link_bits = [f'<a href="{esc(url)}">{esc(tr(k, lang))}</a>' for k, url in e.get("links", {}).items()]
                items = "".join(f"<li>{esc(x.strip().removeprefix('- '))}</li>" for x in lines[1:])
                parts.append(f"<li>{esc(lines[0])}" + (f"<ul>{items}</ul>" if items else "")
                             + (f"<br>{' · '.join(link_bits)}" if link_bits else "") + "</li>")  # fmt: skip
                for key, url in e.get("links", {}).items():
                    text.append(f"    {tr(key, lang)}: {url}")
            parts.append("</ul>")
            text.append("")
        if s.more:
            line = tr("more", lang, n=s.more, url=inbox)
            text += [line, ""]
            parts.append(f"<p><b>{esc(line)}</b></p>")
    footer = tr("footer", lang, url=inbox)
    text.append(footer)
    parts.append(f"<hr><p><small>{esc(footer)}</small></p></body></html>")
    payload = {
        "type": "ailaw.alert",
        "schema": 1,
        "id": delivery_ref,
        "subscriber": subscriber,
        "language": lang,
        "frequency": frequency,
        "subscriptions": [
            {"id": s.subscription_id, "name": s.name, "entries": s.shown, "more": s.more} for s in sections
        ],
        "total": total,
        "inbox": inbox,
    }
    return Message(subject=subject, text="\n".join(text).rstrip() + "\n", html="".join(parts), payload=payload)
