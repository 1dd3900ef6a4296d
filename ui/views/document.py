"""Document page (``?id=eu/celex/32024R1689``): metadata, stages, relations, versions and the text by provision.

``&provision=art_50.par_2`` (and ``&version=…``) opens the text at that provision: search results link here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import streamlit as st

from store import read
from ui import data, i18n, render
from ui.alert_me import alert_me
from ui.i18n import t

DOCUMENT_PAGE = "views/document.py"
SEARCH_PAGE = "views/search.py"
PROVISIONS_PER_PAGE = 20
CHARS_PER_PAGE = 20_000


def _doc_id() -> str | None:
    doc_id = st.query_params.get("id") or st.session_state.get("doc_id")
    if doc_id:
        return str(doc_id)
    st.info(t("choose_document"), icon=":material/info:")
    entered = st.text_input(t("document_id"), key="doc_id_input", placeholder="eu/celex/32024R1689")
    return entered.strip() or None


def _line(label: str, value: str) -> str:
    """A Markdown line '**label:** value' with both parts escaped."""
    return f"**{render.md(label)}:** {render.md(value)}"


def _metadata(doc: Any) -> None:
    badges = [
        render.badge(i18n.jurisdiction(doc.jurisdiction), "jurisdiction"),
        render.badge(i18n.doc_type(doc.doc_type), "type"),
    ]
    if doc.subdivision:
        badges.insert(1, render.badge(i18n.subdivision(doc.subdivision), "jurisdiction"))
    if doc.stage:
        badges.append(render.badge(i18n.stage(doc.stage), "stage"))
    st.markdown("".join(badges) + f" <code>{render.h(doc.id)}</code>", unsafe_allow_html=True)

    left, right = st.columns(2, gap="large")
    with left:
        lines = []
        if doc.original_title and doc.original_title != doc.title:
            lines.append(_line(t("original_title"), doc.original_title))
        if doc.identifiers:
            lines.append(
                _line(
                    t("identifiers"),
                    "; ".join(
                        f"{i18n.identifier_kind(k, doc.jurisdiction)}: {v}" for k, v in sorted(doc.identifiers.items())
                    ),
                )
            )
        if doc.aliases:
            lines.append(_line(t("aliases"), "; ".join(doc.aliases)))
        names = data.known_as(doc.id)
        if names:
            lines.append(_line(t("known_as"), "; ".join(n["alias"] for n in names)))
        lines.append(_line(t("jurisdiction"), f"{i18n.jurisdiction(doc.jurisdiction)} ({doc.jurisdiction})"))
        if doc.subdivision:
            lines.append(_line(t("state"), f"{i18n.subdivision(doc.subdivision)} ({doc.subdivision})"))
        lines.append(_line(t("doc_type"), i18n.doc_type(doc.doc_type)))
        if doc.stage or doc.stage_raw:
            stage = i18n.stage(doc.stage) if doc.stage else ""
            if doc.stage_raw:
                stage += f" ({t('stage_raw')}: «{i18n.event(doc.stage_raw)}»)"
            lines.append(_line(t("stage"), stage.strip()))
        if doc.language:
            lines.append(_line(t("col_language"), i18n.text_language(doc.language)))
        lines.append(_line(t("source"), doc.source))
        st.markdown("  \n".join(lines))
        if names:
            with st.expander(t("known_as_sources")):
                st.markdown("\n".join(f"- **{render.md(n['alias'])}** — {render.md(n['source'])}" for n in names))
    with right:
        dates = [
            (t(key), getattr(doc, key))
            for key in ("date_introduced", "date_adopted", "date_published", "date_in_force")
            if getattr(doc, key)
        ]
        lines = [_line(label, i18n.date(value)) for label, value in dates]
        if doc.ai_relevant is True:
            ai = t("ai_yes")
            if doc.ai_terms:
                split = data.term_relevance(list(doc.ai_terms))
                parts = [f"{t('ai_' + kind)}: {', '.join(terms)}" for kind, terms in split.items() if terms]
                ai += f" — {t('matched_terms')}: " + "; ".join(parts)
            if doc.ai_via:  # not about AI by its own words: it changes an act that is (store.relevance)
                kind = str(doc.ai_via.get("kind"))
                other = str(doc.ai_via.get("title") or doc.ai_via.get("document_id"))
                ai += " — " + t("ai_via", relation=i18n.relation_kind(kind), title=other)
        else:
            ai = t("ai_no") if doc.ai_relevant is False else t("ai_unknown")
        lines.append(_line(t("ai_relevance"), ai))
        if doc.subjects:
            lines.append(_line(t("subjects"), "; ".join(doc.subjects)))
        st.markdown("  \n".join(lines))
        if doc.url and doc.url.startswith(("https://", "http://")):
            st.link_button(t("official_source"), doc.url, icon=":material/open_in_new:")
    for note in doc.notes or []:
        st.info(render.md(note), icon=":material/sticky_note_2:")
    if doc.summary:
        with st.expander(t("summary")):
            st.markdown(render.md(doc.summary))


def _timeline(events: list[Any]) -> None:
    st.subheader(t("timeline"))
    if not events:
        st.caption(t("no_events"))
        return
    ordered = sorted(events, key=lambda e: (e.date is None, e.date or dt.date.min, e.id))
    lines = []
    for e in ordered:
        extra = ", ".join(x for x in (i18n.chamber(e.actor), e.reference) if x)
        line = f"- **{render.md(i18n.date(e.date) or '—')}** · **{render.md(i18n.stage(e.stage))}** — {render.md(i18n.event(e.raw))}"
        if extra:
            line += f" *({render.md(extra)})*"
        lines.append(line)
    st.markdown("\n".join(lines))


def _relations(relations: list[Any]) -> None:
    st.subheader(t("relations"))
    if not relations:
        st.caption(t("no_relations"))
        return
    groups: dict[str, list[Any]] = defaultdict(list)
    for rel in relations:
        groups[rel.kind].append(rel)
    for kind, rels in groups.items():
        st.markdown(f"**{render.md(i18n.relation_kind(kind))}**")
        for rel in rels:
            label = rel.target_label or rel.target_id
            when = f" · {i18n.date(rel.date)}" if rel.date else ""
            if rel.target_exists:
                st.page_link(DOCUMENT_PAGE, label=render.md(label + when), query_params={"id": rel.target_id},
                             icon=":material/link:")  # fmt: skip
                if rel.ref:  # cited by another id (type + date + number): say which, and where it led
                    st.caption(render.md(f"{rel.ref} → {rel.target_id}"))
            else:
                shown = label if label == rel.target_id else f"{label} ({rel.target_id})"
                st.markdown(f"{render.md(shown + when)} — *{render.md(t('not_stored'))}*")


def _versions(versions: list[Any]) -> None:
    st.subheader(t("versions"))
    if not versions:
        st.caption(t("no_versions"))
        return
    rows = []
    for v in versions:
        archive = ""
        if v.archive_file:
            archive = f"{v.archive_file} · {v.archive_record_id or ''}" + (
                f" @ {v.archive_offset}" if v.archive_offset is not None else ""
            )
        rows.append({
            t("col_label"): v.label,
            t("col_kind"): i18n.version_kind(v.kind),
            t("col_date"): i18n.date(v.date),
            t("col_language"): v.language or "",
            t("col_sha"): render.short_sha(v.sha256),
            t("col_fetched"): i18n.date(v.fetched_at.replace(microsecond=0)) if v.fetched_at else "",
            t("col_archive"): archive,
            t("col_provenance"): i18n.provenance(v.provenance, v.provenance_detail),
            t("col_source_url"): v.source_url,
        })  # fmt: skip
    st.dataframe(rows, hide_index=True, width="stretch")


def _depths(provisions: list[dict[str, Any]]) -> list[int]:
    parent_of = {p.get("key"): p.get("parent") for p in provisions}
    out = []
    for p in provisions:
        depth, parent, seen = 0, p.get("parent"), set()
        while parent and parent in parent_of and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = parent_of[parent]
        out.append(depth)
    return out


def _provision_title(p: dict[str, Any]) -> str:
    parts = [x for x in (p.get("label"), p.get("heading")) if x]
    return " — ".join(parts) if parts else str(p.get("key", ""))


def _body(p: dict[str, Any]) -> str:
    """A unit's text without the label and heading it starts with (they are shown as its title)."""
    lines = (p.get("text") or "").split("\n")
    label, heading = p.get("label") or "", p.get("heading") or ""
    if label and lines[0].startswith(label):
        lines[0] = lines[0][len(label) :].lstrip(" .:—-")
    if not lines[0].strip():
        lines = lines[1:]
    if heading and lines and lines[0].strip() == heading.strip():
        lines = lines[1:]
    return "\n".join(lines).strip()


def _show_provisions(provisions: list[dict[str, Any]], depths: list[int]) -> None:
    for p, depth in zip(provisions, depths, strict=True):
        body = _body(p)
        indent = "&nbsp;" * 4 * min(depth, 6)
        if p.get("heading"):
            block = f"{indent}**{render.md(_provision_title(p))}**" + (f"  \n{render.md(body)}" if body else "")
        else:  # a numbered point reads best on one line: "**1.** The following…"
            block = f"{indent}**{render.md(p.get('label') or p.get('key') or '')}** {render.md(body)}"
        st.markdown(block)


def _text(doc_id: str, versions: list[Any]) -> None:
    st.subheader(t("text"))
    with_text = [v for v in versions if v.sha256]
    if not with_text:
        st.caption(t("no_versions"))
        return
    ids = [v.id for v in with_text]
    labels = {
        v.id: f"{v.label} · {i18n.version_kind(v.kind)}" + (f" · {i18n.date(v.date)}" if v.date else "")
        for v in with_text
    }
    wanted = _wanted_provision(doc_id, ids)
    # by default the latest text in the document's own language, never a translation of it
    default = max((i for i, v in enumerate(with_text) if v.kind != "translation"), default=len(ids) - 1)
    version_id = st.selectbox(t("version"), ids, index=default, format_func=labels.__getitem__, key=f"ver_{doc_id}")
    version = data.version(version_id)
    if version is None or not (version.text or version.provisions):
        st.caption(t("no_text"))
        return
    if version.reconstructed:
        st.caption(":material/warning: " + t("version_reconstructed"))
    numbering = data.numbering(doc_id, version.sha256)
    if not numbering.official:
        # as the reader sees the text's numbers (point 41), never the stored keys (p_41)
        own = {p.get("key"): p.get("number") for p in version.provisions or []}
        known = ", ".join(f"{own.get(k) or k} → {v}" for k, v in numbering.mapped.items()) or "—"
        st.caption(":material/format_list_numbered: " + render.md(t("numbering_unofficial", known=known)))

    provisions = version.provisions or []
    if provisions and wanted:
        index = next((i for i, p in enumerate(provisions) if p.get("key") == wanted), None)
        if index is not None:
            st.session_state[f"prov_{version_id}"] = index
    beside = _beside(versions, version)
    if beside is not None and not provisions:
        _side_by_side(version, beside)
        return
    if provisions:
        depths = _depths(provisions)
        # -1 = all provisions, page by page (None would show Streamlit's "Choose an option" placeholder).
        # Labels are computed now, in the chosen language: a format_func may be called outside the script run.
        labels = {-1: t("all_provisions")}
        labels |= {i: "\u2003" * min(depths[i], 6) + _provision_title(p) for i, p in enumerate(provisions)}
        choice = st.selectbox(t("provision"), list(labels), key=f"prov_{version_id}", format_func=labels.__getitem__)
        if choice >= 0:
            alert_me("provision", id=doc_id, provision=provisions[choice].get("key"), label=t("alert_me_provision"))
            # the chosen unit and the units inside it (they follow it in document order, deeper)
            end = choice + 1
            while end < len(provisions) and depths[end] > depths[choice]:
                end += 1
            if beside is not None:
                _side_by_side(version, beside, only=provisions[choice:end])
                return
            _show_provisions(provisions[choice:end], depths[choice:end])
            return
        if beside is not None:
            _side_by_side(version, beside)
            return
        pages = render.paginate(len(provisions), PROVISIONS_PER_PAGE)
        page = _page_picker(pages, key=f"page_{version_id}")
        start = (page - 1) * PROVISIONS_PER_PAGE
        _show_provisions(provisions[start : start + PROVISIONS_PER_PAGE], depths[start : start + PROVISIONS_PER_PAGE])
        return
    chunks = render.split_text(version.text, size=CHARS_PER_PAGE)
    page = _page_picker(len(chunks), key=f"page_{version_id}")
    st.markdown(render.md(chunks[page - 1]))


def _wanted_provision(doc_id: str, version_ids: list[int]) -> str | None:
    """The provision (and version) the address asks for, applied once per address: a search result's link opens
    the text at the provision it matched; the reader may then choose another."""
    provision = st.query_params.get("provision")
    version = st.query_params.get("version")
    signature = (doc_id, version, provision)
    if not provision or st.session_state.get("_provision_applied") == signature:
        return None
    st.session_state["_provision_applied"] = signature
    if version and version.isdigit() and int(version) in version_ids:
        st.session_state[f"ver_{doc_id}"] = int(version)
    return str(provision)


def _standing(v: Any) -> str:
    """'Official translation (English) — for reference' / 'Korean — authoritative text'."""
    lang = i18n.text_language(v.language) if v.language else ""
    if v.kind == "translation":
        return t("translation_label", language=lang)
    return t("original_label", language=lang)


def _beside(versions: list[Any], version: Any) -> Any | None:
    """The text shown beside the chosen one (its translation, its original, or the other official language), when
    the reader keeps the side-by-side view on."""
    found = read.counterparts(versions, version)
    if not found:
        return None
    options = {v.id: f"{_standing(v)} · {v.label}" for v in found}
    on = st.toggle(t("show_beside"), value=True, key=f"beside_on_{version.id}")
    if not on:
        return None
    chosen = st.selectbox(t("beside_version"), list(options), format_func=options.__getitem__,
                          key=f"beside_{version.id}") if len(options) > 1 else next(iter(options))  # fmt: skip
    return data.version(chosen)


def _side_by_side(version: Any, other: Any, only: list[dict[str, Any]] | None = None) -> None:
    """The two texts provision by provision (matched by key: 제2조 beside Article 2), each in its own language;
    ``only``: the provision the reader chose (with the units inside it)."""
    left_provs, right_provs = version.provisions or [], other.provisions or []
    right_by_key = {p.get("key"): p for p in right_provs}
    heads = st.columns(2, gap="large")
    for col, v in zip(heads, (version, other), strict=True):
        with col:
            st.markdown(f"**{render.md(_standing(v))}**  \n{render.md(v.label)}")
            for note in v.notes or []:
                st.caption(render.md(note))
    chosen = only if only is not None else left_provs
    units = [p for p in chosen if p.get("kind") not in ("paragraph", "point")] or chosen
    if not units:  # no provisions: the two texts page by page
        left, right = (
            render.split_text(version.text, size=CHARS_PER_PAGE),
            render.split_text(other.text, size=CHARS_PER_PAGE),
        )
        page = _page_picker(max(len(left), len(right)), key=f"pair_page_{version.id}_{other.id}")
        cols = st.columns(2, gap="large")
        for col, chunks in zip(cols, (left, right), strict=True):
            with col:
                st.markdown(render.md(chunks[page - 1] if page <= len(chunks) else ""))
        return
    pages = render.paginate(len(units), PROVISIONS_PER_PAGE)
    page = _page_picker(pages, key=f"pair_page_{version.id}_{other.id}")
    start = (page - 1) * PROVISIONS_PER_PAGE
    for p in units[start : start + PROVISIONS_PER_PAGE]:
        cols = st.columns(2, gap="large")
        for col, prov in zip(cols, (p, right_by_key.get(p.get("key"))), strict=True):
            with col:
                if prov is None:
                    st.caption(t("not_in_other"))
                    continue
                title = _provision_title(prov)
                st.markdown(f"**{render.md(title)}**  \n{render.md(_body(prov))}", unsafe_allow_html=False)


def _page_picker(pages: int, *, key: str) -> int:
    if pages <= 1:
        return 1
    page = int(st.number_input(t("page"), min_value=1, max_value=pages, step=1, key=key))
    st.caption(t("page_of", page=page, pages=pages))
    return page


def main() -> None:
    st.page_link(SEARCH_PAGE, label=t("back_to_search"), icon=":material/arrow_back:",
                 query_params=st.session_state.get("search_params") or None)  # fmt: skip
    doc_id = _doc_id()
    if not doc_id:
        return
    detail = data.document(doc_id)
    if detail is None:
        st.warning(render.md(t("not_found", id=doc_id)))
        return
    st.session_state["doc_id"] = doc_id
    if st.query_params.get("id") != doc_id:
        st.query_params.from_dict({"id": doc_id})  # the address names the document: a lawyer can share or bookmark it
    doc = detail.document
    st.title(render.md(doc.title), anchor=False)
    alert_me("document", id=doc_id, label=t("alert_me_document"))
    if doc.reconstructed or any(v.reconstructed for v in detail.versions):
        st.warning(t("reconstructed_warning"), icon=":material/warning:")
    _metadata(doc)
    st.divider()
    left, right = st.columns(2, gap="large")
    with left:
        _timeline(detail.events)
    with right:
        _relations(detail.relations)
    _versions(detail.versions)
    _text(doc_id, detail.versions)


main()
