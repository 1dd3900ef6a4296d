"""Compare page (``?id=eu/celex/52021PC0206&against=eu/celex/32024R1689``): two versions of one document, or of two
documents, aligned provision by provision — the change summary on top, inline or side-by-side redline, jump between
changes, only changed provisions, and the standalone HTML redline to download (the same as ``ailaw diff --format
html``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from compare import Comparison, compare, to_html
from compare.pointintime import entry_into_force, in_force, version_as_of
from compare.summary import describe, overview
from ui import data, i18n, render
from ui.i18n import t

PER_PAGE = 25


@st.cache_data(ttl=data.TTL, show_spinner=False, max_entries=8)
def _comparison(old_id: int, new_id: int, home: tuple[str, str, str]) -> Comparison:
    old, new = data.version(old_id), data.version(new_id)
    assert old is not None and new is not None
    return compare(old, new)


def _version_label(v: Any) -> str:
    when = i18n.date(v.date) if v.date else "—"
    return f"{v.label} · {i18n.version_kind(v.kind)} · {when}"


def _pick(doc_id: str, side: str, default_index: int) -> Any | None:
    """A version of ``doc_id``: chosen from the list, or the one in force on a date."""
    detail = data.document(doc_id)
    if detail is None:
        st.warning(t("not_found", id=doc_id))
        return None
    versions = list(detail.versions)
    if not versions:
        st.warning(t("cmp_no_versions", id=doc_id))
        return None
    if st.session_state.get("cmp_mode") == "date":
        default = versions[min(default_index, len(versions) - 1)].date or dt.date.today()
        day = st.date_input(t("cmp_as_of"), value=default, key=f"cmp_{side}_date", min_value=dt.date(1950, 1, 1))
        v = version_as_of(versions, day) if isinstance(day, dt.date) else None
        if v is None:
            st.caption(t("cmp_none_in_force"))
            return None
        entered = entry_into_force(versions, detail.document.date_in_force)
        said = "cmp_in_force" if in_force(v, detail.document.doc_type, on=day, entered=entered) else "cmp_stood"
        st.caption(render.md(t(said, label=_version_label(v))))
        return v
    ids = [v.id for v in versions]
    by_id = {v.id: v for v in versions}
    index = min(default_index, len(ids) - 1) if default_index >= 0 else len(ids) + default_index
    chosen = st.selectbox(t("cmp_version"), ids, index=max(index, 0), key=f"cmp_{side}_version",
                          format_func=lambda i: _version_label(by_id[i]))  # fmt: skip
    return by_id.get(chosen)


def _ops_html(ops: list[tuple[str, str]] | list[list[str]], side: str = "inline") -> str:
    parts = []
    for op, text in ops:
        if op == "+" and side != "old":
            parts.append(f'<ins style="background:#d7f5dd;color:#0b4d1f">{render.h(text)}</ins>')
        elif op == "-" and side != "new":
            parts.append(f'<del style="background:#fbd9d6;color:#7d1a12">{render.h(text)}</del>')
        elif op == "=":
            parts.append(render.h(text))
    return '<div class="ailaw-redline" style="white-space:pre-wrap;line-height:1.5">' + "".join(parts) + "</div>"


def _row(r: Any, lang: str, view: str, n: int) -> None:
    unit = r.new or r.old
    title = (
        f"{render.badge(t('cmp_status_' + r.status), 'stage' if r.changed else 'date')} <b>{render.h(unit.label)}</b>"
    )
    if unit.heading:
        title += f" — {render.h(unit.heading)}"
    with st.container(border=True, key=f"cmp_row_{n}"):
        st.markdown(title, unsafe_allow_html=True)
        if r.changed:
            st.caption(render.md(describe(r, lang)))
        if view == "side" and r.status not in ("inserted", "deleted"):
            left, right = st.columns(2)
            with left:
                st.markdown(_ops_html(r.ops, "old"), unsafe_allow_html=True)
            with right:
                st.markdown(_ops_html(r.ops, "new"), unsafe_allow_html=True)
        else:
            st.markdown(_ops_html(r.ops), unsafe_allow_html=True)


def main() -> None:
    st.title(t("page_compare"))
    st.caption(t("cmp_intro"))
    lang = i18n.current_lang()
    first = st.query_params.get("id") or st.session_state.get("cmp_doc_default") or ""
    doc_id = st.text_input(
        t("document_id"), value=str(first), key="cmp_doc", placeholder="eu/celex/52021PC0206"
    ).strip()
    if not doc_id:
        st.info(t("cmp_choose"), icon=":material/info:")
        return
    other = st.text_input(t("cmp_against"), value=str(st.query_params.get("against") or ""), key="cmp_against",
                          placeholder="eu/celex/32024R1689", help=t("cmp_against_help")).strip()  # fmt: skip
    st.radio(t("cmp_pick_by"), ["version", "date"], key="cmp_mode", horizontal=True,
             format_func=lambda m: t("cmp_by_" + m))  # fmt: skip
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{render.md(t('cmp_reference'))}** · `{render.h(doc_id)}`", unsafe_allow_html=True)
        old = _pick(doc_id, "from", -1 if other else -2)
    with right:
        target = other or doc_id
        st.markdown(f"**{render.md(t('cmp_compared'))}** · `{render.h(target)}`", unsafe_allow_html=True)
        new = _pick(target, "to", -1)
    if old is None or new is None:
        return
    if old.id == new.id:
        st.info(t("cmp_same_version"))
        return
    with st.spinner(t("cmp_running")):
        result = _comparison(old.id, new.id, data._home())

    # the change summary on top
    st.subheader(t("cmp_summary"))
    st.markdown(render.md(overview(result.counts, lang)))
    lines = result.summary(lang)
    with st.expander(t("cmp_all_changes", n=len(lines)), expanded=len(lines) <= 12):
        st.markdown("\n".join(f"- {render.md(line)}" for line in lines) or render.md(t("cmp_no_changes")))
    st.download_button(t("cmp_download"), data=to_html(result, lang=lang), file_name="ailaw-redline.html",
                       mime="text/html", key="cmp_download", icon=":material/download:")  # fmt: skip

    # jump between changes
    changed = [n for n, r in enumerate(result.rows) if r.changed]
    view = st.radio(t("cmp_view"), ["inline", "side"], key="cmp_view", horizontal=True,
                    format_func=lambda v: t("cmp_view_" + v))  # fmt: skip
    if changed:
        st.subheader(t("cmp_jump"))
        pos = int(st.session_state.get("cmp_pos", 0)) % len(changed)
        c1, c2, c3 = st.columns([1, 1, 4])
        if c1.button(t("cmp_prev"), key="cmp_prev", icon=":material/arrow_upward:"):
            pos = (pos - 1) % len(changed)
        if c2.button(t("cmp_next"), key="cmp_next", icon=":material/arrow_downward:"):
            pos = (pos + 1) % len(changed)
        st.session_state["cmp_pos"] = pos
        c3.markdown(render.md(t("cmp_change_n", n=pos + 1, total=len(changed))))
        _row(result.rows[changed[pos]], lang, view, -1)

    # every provision (or only the changed ones), page by page
    st.subheader(t("cmp_provisions"))
    only = st.toggle(t("cmp_only_changed"), value=True, key="cmp_only_changed")
    shown = [n for n in range(len(result.rows)) if not only or result.rows[n].changed]
    pages = max(1, (len(shown) + PER_PAGE - 1) // PER_PAGE)
    page = (
        st.number_input(t("cmp_page", pages=pages), min_value=1, max_value=pages, value=1, key="cmp_page")
        if pages > 1
        else 1
    )
    for n in shown[(int(page) - 1) * PER_PAGE : int(page) * PER_PAGE]:
        _row(result.rows[n], lang, view, n)


main()
