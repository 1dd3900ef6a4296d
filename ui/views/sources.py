"""Sources page: what each official source contributed, and the recent crawl runs with their errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from store.vocab import run_record_class
from ui import data, i18n, render
from ui.i18n import t

SUMMARY_COLUMNS = ("source", "name", "jurisdiction", "documents", "ai_documents", "versions", "relations", "events",
                   "last_run")  # fmt: skip


def _when(value: Any) -> str:
    """To the second on the English page (as ever), to the minute in words on the Russian one."""
    if i18n.current_lang() == "ru":
        return i18n.date(value)
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    return "" if value is None else str(value)


def main() -> None:
    st.title(t("page_sources"))
    st.caption(t("sources_intro"))
    summary = data.sources()
    if summary:
        headers = {"jurisdiction": t("jurisdiction")} | {
            c: t(f"col_{c}") for c in SUMMARY_COLUMNS if c != "jurisdiction"
        }
        rows = [{headers[c]: _when(row.get(c)) if c == "last_run" else row.get(c) for c in SUMMARY_COLUMNS}
                for row in summary]  # fmt: skip
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.caption(t("no_documents"))

    st.subheader(t("crawl_runs"))
    runs = data.crawl_runs(20)
    if not runs:
        st.caption(t("no_runs"))
    for run in runs:
        errors = run.get("errors") or []
        classes = [run_record_class(e) for e in errors]
        line = t(
            "run_line", spider=run["spider"], status=i18n.run_status(run["status"]), mode=i18n.run_mode(run["mode"]),
            started=_when(run["started_at"]), items=run["items"], new_documents=run["new_documents"], new_versions=run["new_versions"],
            unchanged=run["unchanged"], errors=classes.count("error"),
        )  # fmt: skip
        for cls in ("miss", "warning"):
            if classes.count(cls):
                line += t(f"run_{cls}es" if cls == "miss" else f"run_{cls}s", n=classes.count(cls))
        if errors or run["status"] == "failed":
            failed = "error" in classes or run["status"] == "failed"
            with st.expander(render.md(line), icon=":material/error:" if failed else ":material/warning:"):
                for err, cls in zip(errors, classes, strict=True):
                    label = "" if cls == "error" else f"{t('record_' + cls)}: "
                    url, message = render.md(err.get("url") or ""), render.md(err.get("message") or err)
                    # a miss's message repeats its URL after "not in the replayed archive", in English on any page
                    st.markdown(f"- {label}{url}" if cls == "miss" else f"- {label}{url} — {message}")
        else:
            st.markdown(f"- {render.md(line)}")


main()
