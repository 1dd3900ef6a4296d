"""Interface labels in English and Russian, and the names of the vocabulary (stages, types, relation kinds).

``t("query")`` returns the label in the language chosen in the sidebar (``st.session_state["lang"]``).
Values of the vocabulary that have no translation fall back to the stored value, so a new stage added to
``store.vocab`` shows up (untranslated) instead of breaking the page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any

import streamlit as st

from ui.i18n_alerts import ALERT_ERRORS_RU, ALERT_LABELS, REFUSED_ADDRESS_RU, SENDS_RU

LANGUAGES = {"en": "English", "ru": "Русский"}
DEFAULT_LANG = "en"

LABELS: dict[str, dict[str, str]] = {
    # navigation and shell
    "app_title": {"en": "AI legislation tracker", "ru": "Мониторинг законодательства об ИИ"},
    "language": {"en": "Language / Язык", "ru": "Язык / Language"},
    "page_search": {"en": "Search", "ru": "Поиск"},
    "page_document": {"en": "Document", "ru": "Документ"},
    "page_sources": {"en": "Sources", "ru": "Источники"},
    "page_operations": {"en": "Operations", "ru": "Эксплуатация"},
    "operations_intro": {
        "en": "Crawl health per source: when each was last up to date, and whether it looks sick (a run that found "
        "nothing, a WAF wall, an error jump, no success for two schedule intervals, a killed run).",
        "ru": "Состояние обхода по источникам: на какой момент данные актуальны и нет ли сбоев (обход ничего не нашёл, "
        "WAF-заглушка, рост ошибок, нет успешного обхода за два интервала расписания, прерванный обход).",
    },
    "up_to_date": {"en": "Up to date as of", "ru": "Данные актуальны на"},
    "never": {"en": "never", "ru": "никогда"},
    "n_sources": {"en": "{n} sources", "ru": "источников: {n}"},
    "sources_need_attention": {
        "en": "needs attention (see Operations): {names}",
        "ru": "требуют внимания (см. «Эксплуатация»): {names}",
    },
    "each_source": {"en": "Each source", "ru": "По источникам"},
    "replayed": {"en": "replayed archive", "ru": "из архива записей"},
    "healthy": {"en": "ok", "ru": "в порядке"},
    "sick": {"en": "sick: {flags}", "ru": "сбой: {flags}"},
    "not_configured": {"en": "not configured — needs {env}", "ru": "не настроен — нужен ключ {env}"},
    "col_health": {"en": "Health", "ru": "Состояние"},
    "col_last_run": {"en": "Last run", "ru": "Последний обход"},
    "col_status": {"en": "Status", "ru": "Итог"},
    "col_items": {"en": "Items", "ru": "Записей"},
    "col_errors_by_kind": {"en": "Errors by kind", "ru": "Ошибки по видам"},
    "col_duration": {"en": "Took, s", "ru": "Длительность, с"},
    "chart_measure": {"en": "Measure", "ru": "Показатель"},
    "chart_count": {"en": "Count", "ru": "Количество"},
    "chart_started": {"en": "Started", "ru": "Начало обхода"},
    "crawl_history": {"en": "Crawl history", "ru": "История обходов"},
    "page_compare": {"en": "Compare", "ru": "Сравнение редакций"},
    # compare page
    "cmp_intro": {
        "en": "Two versions side by side, provision by provision: renumbered articles are shown as moved, with their "
        "inner changes; whitespace and page breaks are not changes.",
        "ru": "Две редакции, положение за положением: перенумерованные статьи показаны как перенесённые, "
        "с их внутренними изменениями; пробелы и разрывы страниц изменениями не считаются.",
    },
    "cmp_choose": {
        "en": "Enter the id of a document to compare its versions.",
        "ru": "Введите идентификатор документа, чтобы сравнить его редакции.",
    },
    "cmp_against": {
        "en": "Compare with another document (optional)",
        "ru": "Сравнить с другим документом (необязательно)",
    },
    "cmp_against_help": {"en": "e.g. the final act against its proposal", "ru": "например, принятый акт и его проект"},
    "cmp_pick_by": {"en": "Choose versions by", "ru": "Выбор редакций"},
    "cmp_by_version": {"en": "version", "ru": "по редакции"},
    "cmp_by_date": {"en": "date in force (as of)", "ru": "по дате действия"},
    "cmp_reference": {"en": "Reference (old)", "ru": "Исходная редакция"},
    "cmp_compared": {"en": "Compared (new)", "ru": "Сравниваемая редакция"},
    "cmp_version": {"en": "Version", "ru": "Редакция"},
    "cmp_as_of": {"en": "Text as in force on", "ru": "Текст, действовавший на дату"},
    "cmp_in_force": {"en": "In force then: {label}", "ru": "Действовала: {label}"},
    "cmp_stood": {"en": "The text as it stood then: {label}", "ru": "Текст на эту дату: {label}"},
    "cmp_none_in_force": {
        "en": "No dated version was in force on that date.",
        "ru": "На эту дату нет действовавшей редакции.",
    },
    "cmp_no_versions": {"en": "{id} has no stored version.", "ru": "У документа {id} нет сохранённых редакций."},
    "cmp_same_version": {"en": "Choose two different versions.", "ru": "Выберите две разные редакции."},
    "cmp_running": {"en": "Aligning provisions…", "ru": "Сопоставление положений…"},
    "cmp_summary": {"en": "Summary of changes", "ru": "Обзор изменений"},
    "cmp_all_changes": {"en": "All changes ({n})", "ru": "Все изменения ({n})"},
    "cmp_no_changes": {"en": "No changes.", "ru": "Изменений нет."},
    "cmp_download": {"en": "Download the redline (HTML)", "ru": "Скачать сравнение (HTML)"},
    "cmp_view": {"en": "View", "ru": "Вид"},
    "cmp_view_inline": {"en": "inline", "ru": "в тексте"},
    "cmp_view_side": {"en": "side by side", "ru": "рядом"},
    "cmp_jump": {"en": "Go through the changes", "ru": "Переход по изменениям"},
    "cmp_prev": {"en": "Previous", "ru": "Предыдущее"},
    "cmp_next": {"en": "Next", "ru": "Следующее"},
    "cmp_change_n": {"en": "Change {n} of {total}", "ru": "Изменение {n} из {total}"},
    "cmp_provisions": {"en": "Provisions", "ru": "Положения"},
    "cmp_only_changed": {"en": "Only changed provisions", "ru": "Только изменённые положения"},
    "cmp_page": {"en": "Page (of {pages})", "ru": "Страница (из {pages})"},
    "cmp_status_unchanged": {"en": "unchanged", "ru": "без изменений"},
    "cmp_status_changed": {"en": "amended", "ru": "изменено"},
    "cmp_status_moved": {"en": "moved", "ru": "перенесено"},
    "cmp_status_replaced": {"en": "replaced", "ru": "заменено"},
    "cmp_status_inserted": {"en": "inserted", "ru": "добавлено"},
    "cmp_status_deleted": {"en": "deleted", "ru": "исключено"},
    "cmp_status_formatting": {"en": "formatting only", "ru": "только форматирование"},
    # search page
    "query": {"en": "Query", "ru": "Запрос"},
    "query_help": {
        "en": 'Words, "exact phrases", OR, NOT, prefix*; Russian word forms match (интеллекта → интеллект).',
        "ru": "Слова, «точные фразы» в кавычках, OR, NOT, префикс*; падежи русских слов учитываются.",
    },
    "query_placeholder": {"en": "e.g. high-risk AI systems", "ru": "например, искусственного интеллекта"},
    "filters": {"en": "Filters", "ru": "Фильтры"},
    "jurisdiction": {"en": "Jurisdiction", "ru": "Юрисдикция"},
    "doc_type": {"en": "Type", "ru": "Вид документа"},
    "state": {"en": "State", "ru": "Штат"},
    "stage": {"en": "Stage", "ru": "Стадия"},
    "lang_filter": {"en": "Language of the text", "ru": "Язык текста"},
    "years": {"en": "Years", "ru": "Годы"},
    "include_non_ai": {"en": "Include documents not about AI", "ru": "Включая документы не об ИИ"},
    "any": {"en": "Any", "ru": "Любая"},
    "n_results": {"en": "{n} result(s)", "ru": "Найдено: {n}"},
    "took": {"en": "{ms} ms", "ru": "{ms} мс"},
    "no_results": {
        "en": "Nothing found. Try fewer words, another word form or remove filters.",
        "ru": "Ничего не найдено. Уберите часть слов или фильтров.",
    },
    "search_hint": {
        "en": "Type a query and press Enter. Russian and English texts are searched together.",
        "ru": "Введите запрос и нажмите Enter. Поиск идёт по русским и английским текстам.",
    },
    "recent_documents": {"en": "Recently updated documents", "ru": "Недавно обновлённые документы"},
    "no_documents": {"en": "No documents stored yet.", "ru": "Документов пока нет."},
    "facets": {"en": "In the results", "ru": "В результатах"},
    "facet_year": {"en": "Year", "ru": "Год"},
    "not_ai": {"en": "not about AI", "ru": "не об ИИ"},
    "index_missing": {
        "en": "The search index is not built yet. Run `ailaw index` and reload.",
        "ru": "Поисковый индекс ещё не построен. Выполните `ailaw index` и обновите страницу.",
    },
    "search_failed": {
        "en": "The search could not be run. Try again; if it persists, rebuild the index (`ailaw index --rebuild`).",
        "ru": "Поиск не выполнен. Повторите попытку; если ошибка повторяется, перестройте индекс (`ailaw index --rebuild`).",
    },
    "more_results": {"en": "Show more results", "ru": "Показать ещё"},
    "exact": {"en": "Exact words (no concept search)", "ru": "Только эти слова (без поиска по понятиям)"},
    "exact_help": {
        "en": "Off: a concept in the query is also searched under its other names and in the other languages "
        "(«система ИИ высокого риска» finds 'high-risk AI system').",
        "ru": "Выключено: понятие из запроса ищется и под другими названиями, и на других языках "
        "(«система ИИ высокого риска» находит 'high-risk AI system').",
    },
    "relaxed": {
        "en": "No document has all the words; these have some of them, the most first.",
        "ru": "Ни в одном документе нет всех слов; показаны документы с частью слов, сначала — с наибольшей.",
    },
    "dropped": {"en": "Ignored common words: {words}", "ru": "Не учитываются служебные слова: {words}"},
    "hidden_not_ai": {
        "en": "{n} more matching document(s) are not about AI and are hidden.",
        "ru": "Скрыты подходящие документы не об ИИ: {n}.",
    },
    "show_them": {"en": "Show them", "ru": "Показать их"},
    "hidden_filters": {
        "en": "{n} matching document(s) are hidden by the filters.",
        "ru": "Скрыты фильтрами подходящие документы: {n}.",
    },
    "clear_filters": {"en": "Clear the filters", "ru": "Сбросить фильтры"},
    "via_concept": {"en": "via concept: {pair}", "ru": "через понятие: {pair}"},
    "cited_missing": {
        "en": "{cite}: not in the stored text of this document",
        "ru": "{cite}: нет в сохранённом тексте этого документа",
    },
    "unidentified": {
        "en": "No tracked document has the identifier {ident}, nor does any stored text cite it.",
        "ru": "Ни один отслеживаемый документ не имеет обозначения «{ident}», и ни один сохранённый текст его не упоминает.",
    },
    "unidentified_cited": {
        "en": "No tracked document has the identifier {ident}; these texts cite it.",
        "ru": "Ни один отслеживаемый документ не имеет обозначения «{ident}»; эти тексты его упоминают.",
    },
    "cited_no_text": {
        "en": "{cite}: ailaw stores no text of this document (see its official source)",
        "ru": "{cite}: текст этого документа в ailaw не хранится (см. официальный источник)",
    },
    "range_reversed": {
        "en": "The range {typed} is reversed (its start is after its end): searched {start} to {end}.",
        "ru": "Диапазон {typed} указан наоборот (начало позже конца): искали с {start} по {end}.",
    },
    "years_reversed": {
        "en": "The years in the address are reversed (since {since}, until {until}): searched {start} to {end}.",
        "ru": "Годы в адресе указаны наоборот (с {since} по {until}): искали с {start} по {end}.",
    },
    "uncited": {
        "en": "No stored text has {cite} under its official number.",
        "ru": "Ни в одном сохранённом тексте нет положения «{cite}» с таким официальным номером.",
    },
    "concepts_searched": {"en": "Also searched as: {labels}", "ru": "Также искали как: {labels}"},
    "link_to_search": {
        "en": "This search is a link: copy the address to bookmark or send it.",
        "ru": "Этот поиск — ссылка: скопируйте адрес, чтобы сохранить его или отправить.",
    },
    "numbering_unofficial": {
        "en": "The provisions of this text are numbered in its own sequence, not by the official numbering: "
        "its numbers are not official. Known official numbers (this text's number → the official one): {known}.",
        "ru": "Положения этого текста пронумерованы в его собственной последовательности, а не по официальной "
        "нумерации: его номера не официальные. Известные официальные номера (номер в этом тексте → официальный): "
        "{known}.",
    },
    "ai_core": {"en": "core", "ru": "основные"},
    "ai_adjacent": {"en": "adjacent", "ru": "смежные"},
    # document page
    "choose_document": {
        "en": "Open a document from the search results, or enter its id.",
        "ru": "Откройте документ из результатов поиска или введите его идентификатор.",
    },
    "document_id": {"en": "Document id", "ru": "Идентификатор документа"},
    "not_found": {"en": "No document with id {id}.", "ru": "Документ {id} не найден."},
    "reconstructed_warning": {
        "en": "Some records behind this document were reconstructed from the source's documentation, "
        "not recorded from the source.",
        "ru": "Часть записей по этому документу восстановлена по документации источника, "
        "а не получена из самого источника.",
    },
    "version_reconstructed": {
        "en": "This version's record was reconstructed from the source's documentation.",
        "ru": "Запись этой редакции восстановлена по документации источника.",
    },
    "original_title": {"en": "Original title", "ru": "Название на языке оригинала"},
    "identifiers": {"en": "Identifiers", "ru": "Идентификаторы"},
    "aliases": {"en": "Also cited as", "ru": "Также упоминается как"},
    "known_as": {"en": "Known as", "ru": "Известен как"},
    "known_as_sources": {"en": "Where these names are used", "ru": "Где используются эти названия"},
    "dates": {"en": "Dates", "ru": "Даты"},
    "date_introduced": {"en": "Introduced", "ru": "Внесён"},
    "date_adopted": {"en": "Adopted", "ru": "Принят"},
    "date_published": {"en": "Published", "ru": "Опубликован"},
    "date_in_force": {"en": "In force", "ru": "Вступает в силу"},
    "ai_relevance": {"en": "AI relevance", "ru": "Отношение к ИИ"},
    "ai_yes": {"en": "About AI", "ru": "Об ИИ"},
    "ai_no": {"en": "Not about AI", "ru": "Не об ИИ"},
    "ai_via": {"en": "because it {relation} {title}", "ru": "так как {relation} {title}"},
    "ai_unknown": {"en": "Not assessed", "ru": "Не оценено"},
    "matched_terms": {"en": "matched terms", "ru": "найденные термины"},
    "notes": {"en": "Notes", "ru": "Примечания"},
    "summary": {"en": "Summary", "ru": "Краткое содержание"},
    "subjects": {"en": "Subjects", "ru": "Темы"},
    "source": {"en": "Source", "ru": "Источник"},
    "official_source": {"en": "Official source", "ru": "Официальный источник"},
    "stage_raw": {"en": "as the source says", "ru": "формулировка источника"},
    "timeline": {"en": "Stages", "ru": "Стадии"},
    "no_events": {"en": "No stage events recorded.", "ru": "Событий не записано."},
    "versions": {"en": "Versions", "ru": "Редакции"},
    "no_versions": {"en": "No text stored yet.", "ru": "Текст ещё не сохранён."},
    "relations": {"en": "Related documents", "ru": "Связанные документы"},
    "no_relations": {"en": "No related documents recorded.", "ru": "Связей не записано."},
    "not_stored": {"en": "not stored", "ru": "нет в базе"},
    "text": {"en": "Text", "ru": "Текст"},
    "version": {"en": "Version", "ru": "Редакция"},
    "provision": {"en": "Provision", "ru": "Структурная единица"},
    "all_provisions": {"en": "All, page by page", "ru": "Все, по страницам"},
    "show_beside": {
        "en": "Show the official translation or the other official language beside the text",
        "ru": "Показать рядом официальный перевод или текст на другом официальном языке",
    },
    "beside_version": {"en": "Text beside it", "ru": "Текст рядом"},
    "translation_label": {
        "en": "Translation ({language}) — for reference, not authoritative",
        "ru": "Перевод ({language}) — справочный, не имеет юридической силы",
    },
    "original_label": {"en": "{language} — authoritative text", "ru": "{language} — официальный текст"},
    "not_in_other": {"en": "(not in the other text)", "ru": "(нет в другом тексте)"},
    "page": {"en": "Page", "ru": "Страница"},
    "page_of": {"en": "page {page} of {pages}", "ru": "страница {page} из {pages}"},
    "no_text": {"en": "This version has no text.", "ru": "У этой редакции нет текста."},
    "back_to_search": {"en": "Back to search", "ru": "К поиску"},
    # columns of the versions table
    "col_label": {"en": "Label", "ru": "Название"},
    "col_kind": {"en": "Kind", "ru": "Вид"},
    "col_date": {"en": "Date", "ru": "Дата"},
    "col_language": {"en": "Language", "ru": "Язык"},
    "col_sha": {"en": "SHA-256", "ru": "SHA-256"},
    "col_fetched": {"en": "Fetched", "ru": "Получено"},
    "col_archive": {"en": "Archive record", "ru": "Запись архива"},
    "col_provenance": {"en": "Provenance", "ru": "Происхождение"},
    "col_source_url": {"en": "Fetched from", "ru": "Адрес"},
    "col_actor": {"en": "By", "ru": "Орган"},
    "col_reference": {"en": "Reference", "ru": "Номер"},
    # sources page
    "sources_intro": {
        "en": "What each official source contributed, and the last crawl runs.",
        "ru": "Что дал каждый официальный источник, и последние обходы.",
    },
    "col_source": {"en": "Source", "ru": "Источник"},
    "col_name": {"en": "Name", "ru": "Название"},
    "col_documents": {"en": "Documents", "ru": "Документы"},
    "col_ai_documents": {"en": "About AI", "ru": "Об ИИ"},
    "col_versions": {"en": "Versions", "ru": "Редакции"},
    "col_relations": {"en": "Relations", "ru": "Связи"},
    "col_events": {"en": "Events", "ru": "События"},
    "crawl_runs": {"en": "Recent crawl runs", "ru": "Последние обходы"},
    "no_runs": {"en": "No crawl runs recorded.", "ru": "Обходов не записано."},
    "run_line": {
        "en": "{spider} · {status} · {mode} · started {started} · {items} items, {new_documents} new documents, "
        "{new_versions} new versions, {unchanged} unchanged, {errors} errors",
        "ru": "{spider} · {status} · {mode} · начат {started} · элементов: {items}, новых документов: "
        "{new_documents}, новых редакций: {new_versions}, без изменений: {unchanged}, ошибок: {errors}",
    },
    "errors_of_run": {"en": "Errors", "ru": "Ошибки"},
    "run_misses": {"en": ", not in archive: {n}", "ru": ", нет в архиве: {n}"},
    "run_warnings": {"en": ", warnings: {n}", "ru": ", предупреждений: {n}"},
    "record_miss": {"en": "not in archive", "ru": "нет в архиве"},
    "record_warning": {"en": "warning", "ru": "предупреждение"},
}

STAGES: dict[str, dict[str, str]] = {
    "draft": {"en": "draft", "ru": "проект"},
    "proposed": {"en": "proposed", "ru": "предложен"},
    "introduced": {"en": "introduced", "ru": "внесён"},
    "committee": {"en": "in committee", "ru": "в комитете"},
    "first-reading": {"en": "first reading", "ru": "первое чтение"},
    "passed-lower": {"en": "passed lower house", "ru": "принят нижней палатой"},
    "second-reading": {"en": "second reading", "ru": "второе чтение"},
    "third-reading": {"en": "third reading", "ru": "третье чтение"},
    "passed-upper": {"en": "passed upper house", "ru": "одобрен верхней палатой"},
    "agreed": {"en": "provisional agreement", "ru": "предварительное согласие"},
    "adopted": {"en": "adopted", "ru": "принят"},
    "signed": {"en": "signed", "ru": "подписан"},
    "published": {"en": "published", "ru": "опубликован"},
    "in-force": {"en": "in force", "ru": "действует"},
    "amended": {"en": "amended", "ru": "изменён"},
    "rejected": {"en": "rejected", "ru": "отклонён"},
    "withdrawn": {"en": "withdrawn", "ru": "отозван"},
    "repealed": {"en": "repealed", "ru": "утратил силу"},
    "expired": {"en": "expired", "ru": "истёк срок действия"},
    "other": {"en": "other", "ru": "иное"},
}

DOC_TYPES: dict[str, dict[str, str]] = {
    "regulation": {"en": "regulation", "ru": "регламент"},
    "directive": {"en": "directive", "ru": "директива"},
    "decision": {"en": "decision", "ru": "решение"},
    "proposal": {"en": "proposal", "ru": "предложение"},
    "corrigendum": {"en": "corrigendum", "ru": "исправление"},
    "consolidated": {"en": "consolidated text", "ru": "консолидированный текст"},
    "federal-law": {"en": "federal law", "ru": "федеральный закон"},
    "decree": {"en": "decree", "ru": "указ"},
    "government-resolution": {"en": "government resolution", "ru": "постановление Правительства"},
    "government-order": {"en": "government order", "ru": "распоряжение Правительства"},
    "order": {"en": "ministerial order", "ru": "приказ"},
    "bill": {"en": "bill", "ru": "законопроект"},
    "strategy": {"en": "strategy", "ru": "стратегия"},
    "act": {"en": "act", "ru": "акт"},
    "guidance": {"en": "guidance", "ru": "разъяснения"},
    "executive-order": {"en": "executive order", "ru": "указ президента США"},
    "rule": {"en": "rule", "ru": "правило ведомства"},
    "notice": {"en": "notice", "ru": "уведомление"},
    "other": {"en": "other", "ru": "иное"},
}

VERSION_KINDS: dict[str, dict[str, str]] = {
    "bill-text": {"en": "bill text", "ru": "текст законопроекта"},
    "original": {"en": "original", "ru": "первоначальная редакция"},
    "consolidated": {"en": "consolidated", "ru": "консолидированная"},
    "corrigendum": {"en": "corrigendum", "ru": "исправление"},
    "draft": {"en": "draft", "ru": "проект"},
    "edition": {"en": "edition", "ru": "редакция"},
    "translation": {"en": "translation", "ru": "перевод"},
    "imported": {"en": "imported", "ru": "загружен"},
}

#: A crawl run's status (store.models.CrawlRun.status).
RUN_STATUSES: dict[str, dict[str, str]] = {
    "running": {"en": "running", "ru": "идёт"},
    "finished": {"en": "finished", "ru": "завершён"},
    "failed": {"en": "failed", "ru": "сбой"},
    "interrupted": {"en": "interrupted", "ru": "прерван"},
}

#: How a crawl run read its source (store.models.CrawlRun.mode).
RUN_MODES: dict[str, dict[str, str]] = {
    "live": {"en": "live", "ru": "с источника"},
    "replay": {"en": "replay", "ru": "из архива записей"},
}

#: Why a source looks sick (store.health.HealthFlag).
HEALTH_FLAGS: dict[str, dict[str, str]] = {
    "empty": {"en": "empty", "ru": "ничего не найдено"},
    "waf": {"en": "waf", "ru": "WAF-заглушка"},
    "errors": {"en": "errors", "ru": "рост ошибок"},
    "stale": {"en": "stale", "ru": "давно не обновлялся"},
    "interrupted": {"en": "interrupted", "ru": "обход прерван"},
    "failed": {"en": "failed", "ru": "обход завершился сбоем"},
}

#: Kinds of a crawl run's records (CrawlRun.errors_by_kind: errors, misses of a replay, warnings).
RUN_RECORD_KINDS: dict[str, dict[str, str]] = {
    "error": {"en": "error", "ru": "ошибка"},
    "fetch": {"en": "fetch", "ru": "загрузка"},
    "parse": {"en": "parse", "ru": "разбор"},
    "store": {"en": "store", "ru": "запись в базу"},
    "waf": {"en": "waf", "ru": "WAF-заглушка"},
    "spider": {"en": "spider", "ru": "обходчик"},
    "config": {"en": "config", "ru": "настройки"},
    "dropped": {"en": "dropped", "ru": "отброшено"},
    "miss": {"en": "miss", "ru": "нет в архиве"},
    "stale": {"en": "stale", "ru": "данные устарели"},
    "interrupted": {"en": "interrupted", "ru": "прерван"},
}

#: The measures of the crawl history chart (store.health.run_history).
RUN_MEASURES: dict[str, dict[str, str]] = {
    "items": {"en": "items", "ru": "записей"},
    "new_versions": {"en": "new versions", "ru": "новых редакций"},
    "errors": {"en": "errors", "ru": "ошибок"},
}

PROVENANCES: dict[str, dict[str, str]] = {
    "fetched": {"en": "fetched by ailaw", "ru": "получено ailaw"},
    "copied": {"en": "copy of a third party's recording", "ru": "копия чужой записи"},
    "reconstructed": {"en": "reconstructed", "ru": "восстановлено"},
    "documented": {"en": "built from documentation", "ru": "по документации"},
    "imported": {"en": "imported file", "ru": "загруженный файл"},
    "ocr": {"en": "OCR of a scan", "ru": "распознано со скана"},
}

#: A document's identifiers by kind (``Document.identifiers`` keys, as the spiders store them). A kind not listed
#: shows its key.
IDENTIFIER_KINDS: dict[str, dict[str, str]] = {
    "act_ref": {"en": "act reference", "ru": "ссылка на акт"},
    "bill": {"en": "bill", "ru": "законопроект"},
    "bill_id": {"en": "bill id", "ru": "идентификатор законопроекта"},
    "bill_number": {"en": "bill number", "ru": "номер законопроекта"},
    "bill_type": {"en": "bill type", "ru": "вид законопроекта"},
    "cac_page": {"en": "CAC page", "ru": "страница CAC"},
    "camara_id": {"en": "Câmara id", "ru": "идентификатор Câmara"},
    "celex": {"en": "CELEX", "ru": "CELEX"},
    "cellar": {"en": "Cellar id", "ru": "идентификатор Cellar"},
    "com": {"en": "COM number", "ru": "номер COM"},
    "congress": {"en": "Congress", "ru": "созыв Конгресса"},
    "consolidated_number": {"en": "consolidated act number", "ru": "номер консолидированного акта"},
    "duma_id": {"en": "State Duma id", "ru": "идентификатор Госдумы"},
    "eli": {"en": "ELI", "ru": "ELI"},
    "fr_document_number": {"en": "Federal Register document number", "ru": "номер документа Federal Register"},
    "isbn": {"en": "ISBN", "ru": "ISBN"},
    "law_id": {"en": "law id", "ru": "идентификатор закона"},
    "law_num": {"en": "law number", "ru": "номер закона"},
    "leginfo_bill_id": {"en": "leginfo bill id", "ru": "идентификатор законопроекта leginfo"},
    "legisinfo_id": {"en": "LEGISinfo id", "ru": "идентификатор LEGISinfo"},
    "legislation_id": {"en": "legislation.gov.uk id", "ru": "идентификатор legislation.gov.uk"},
    "number": {"en": "number", "ru": "номер"},
    "oj": {"en": "Official Journal", "ru": "Официальный журнал"},
    "procedure": {"en": "procedure", "ru": "процедура"},
    "promulgation_number": {"en": "promulgation number", "ru": "номер обнародования"},
    "public_law": {"en": "Public Law", "ru": "публичный закон (Public Law)"},
    "publication_id": {"en": "publication id", "ru": "идентификатор публикации"},
    "regulation_id": {"en": "regulation.gov.ru project", "ru": "проект на regulation.gov.ru"},
    "session": {"en": "session", "ru": "сессия"},
    "session_law_chapter": {"en": "session law chapter", "ru": "глава сборника законов сессии"},
    "state": {"en": "state", "ru": "штат"},
    "statute": {"en": "statute", "ru": "статут"},
}

#: Kinds whose meaning depends on the jurisdiction: "eo_number" is pravo.gov.ru's number of electronic publication
#: of a Russian act, and the number of a US executive order.
IDENTIFIER_KINDS_IN: dict[tuple[str, str], dict[str, str]] = {
    ("RU", "eo_number"): {"en": "electronic publication number", "ru": "номер электронного опубликования"},
    ("US", "eo_number"): {"en": "executive order number", "ru": "номер исполнительного указа"},
}

RELATION_KINDS: dict[str, dict[str, str]] = {
    "amends": {"en": "amends", "ru": "изменяет"},
    "amended-by": {"en": "amended by", "ru": "изменён актом"},
    "repeals": {"en": "repeals", "ru": "отменяет"},
    "repealed-by": {"en": "repealed by", "ru": "отменён актом"},
    "corrects": {"en": "corrects", "ru": "исправляет"},
    "corrected-by": {"en": "corrected by", "ru": "исправлен актом"},
    "consolidates": {"en": "consolidates", "ru": "консолидирует"},
    "consolidated-by": {"en": "consolidated in", "ru": "консолидирован в"},
    "adopts": {"en": "adopts the proposal", "ru": "принят по предложению"},
    "proposal-of": {"en": "proposal that became", "ru": "предложение, ставшее актом"},
    "amendment-proposed-by": {"en": "amendment proposed by", "ru": "предложены изменения актом"},
    "proposes-amendment-to": {"en": "proposes to amend", "ru": "предлагает изменить"},
    "based-on": {"en": "based on", "ru": "издан на основании"},
    "basis-for": {"en": "basis for", "ru": "основание для"},
    "enacted-as": {"en": "enacted as", "ru": "принят как"},
    "enacts": {"en": "enacts the bill", "ru": "принят по законопроекту"},
    "approves": {"en": "approves", "ru": "утверждает"},
    "approved-by": {"en": "approved by", "ru": "утверждён актом"},
    "delays": {"en": "delays", "ru": "откладывает"},
    "delayed-by": {"en": "delayed by", "ru": "отложен актом"},
    "re-enacts": {"en": "repeals and re-enacts", "ru": "отменяет и принимает заново"},
    "re-enacted-by": {"en": "repealed and re-enacted by", "ru": "отменён и принят заново актом"},
    "companion-of": {"en": "companion bill of", "ru": "парный законопроект"},
    "related": {"en": "related", "ru": "связан с"},
}

JURISDICTIONS: dict[str, dict[str, str]] = {
    "EU": {"en": "European Union", "ru": "Европейский союз"},
    "RU": {"en": "Russia", "ru": "Россия"},
    "US": {"en": "United States", "ru": "США"},
    "UK": {"en": "United Kingdom", "ru": "Великобритания"},
    "CA": {"en": "Canada", "ru": "Канада"},
    "BR": {"en": "Brazil", "ru": "Бразилия"},
    "CN": {"en": "China", "ru": "Китай"},
    "JP": {"en": "Japan", "ru": "Япония"},
    "KR": {"en": "South Korea", "ru": "Республика Корея"},
    "INT": {"en": "International", "ru": "Международные"},
}

#: Chambers and other bodies that act in a procedure, by the name a source stores (``Event.actor``): the
#: spiders' own names (crawler/parsers: us_openstates.CHAMBERS, us_congress's source systems, uk_bills, ca_legisinfo,
#: eu_cellar.EVENT_ACTORS, ru_vocab.DUMA_ACTOR_RULES and sozd_actor). A name not here is shown as the source wrote it.
CHAMBERS: dict[str, dict[str, str]] = {
    # United States (Congress, and the chambers of a state legislature as Open States and LegiScan name them)
    "House": {"en": "House", "ru": "Палата представителей"},
    "Senate": {"en": "Senate", "ru": "Сенат"},
    "House floor actions": {"en": "House floor actions", "ru": "Палата представителей (пленарные заседания)"},
    "House committee actions": {"en": "House committee actions", "ru": "Палата представителей (комитеты)"},
    "Senate floor actions": {"en": "Senate floor actions", "ru": "Сенат (пленарные заседания)"},
    "Senate committee actions": {"en": "Senate committee actions", "ru": "Сенат (комитеты)"},
    "Library of Congress": {"en": "Library of Congress", "ru": "Библиотека Конгресса"},
    "Legislature": {"en": "Legislature", "ru": "Законодательное собрание штата"},
    "Governor": {"en": "Governor", "ru": "Губернатор"},
    # United Kingdom and Canada
    "House of Commons": {"en": "House of Commons", "ru": "Палата общин"},
    "House of Lords": {"en": "House of Lords", "ru": "Палата лордов"},
    "Governor General": {"en": "Governor General", "ru": "Генерал-губернатор"},
    # European Union
    "European Parliament": {"en": "European Parliament", "ru": "Европейский парламент"},
    "European Parliament committee": {"en": "European Parliament committee", "ru": "Комитет Европейского парламента"},
    "European Parliament and Council": {"en": "European Parliament and Council", "ru": "Европейский парламент и Совет"},
    "Council of the European Union": {"en": "Council of the European Union", "ru": "Совет Европейского союза"},
    "European Commission": {"en": "European Commission", "ru": "Европейская комиссия"},
    "European Economic and Social Committee": {
        "en": "European Economic and Social Committee",
        "ru": "Европейский экономический и социальный комитет",
    },
    "European Committee of the Regions": {
        "en": "European Committee of the Regions",
        "ru": "Европейский комитет регионов",
    },
    "European Central Bank": {"en": "European Central Bank", "ru": "Европейский центральный банк"},
    "Publications Office of the European Union": {
        "en": "Publications Office of the European Union",
        "ru": "Бюро публикаций Европейского союза",
    },
    # Russia (the sources name them in Russian)
    "Государственная Дума": {"en": "State Duma", "ru": "Государственная Дума"},
    "Совет Государственной Думы": {"en": "Council of the State Duma", "ru": "Совет Государственной Думы"},
    "Председатель Государственной Думы": {
        "en": "Chairman of the State Duma",
        "ru": "Председатель Государственной Думы",
    },
    "Ответственный комитет Государственной Думы": {
        "en": "Responsible committee of the State Duma",
        "ru": "Ответственный комитет Государственной Думы",
    },
    "Совет Федерации": {"en": "Federation Council", "ru": "Совет Федерации"},
    "Президент Российской Федерации": {
        "en": "President of the Russian Federation",
        "ru": "Президент Российской Федерации",
    },
}

TEXT_LANGUAGES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "ru": "английский"},
    "ru": {"en": "Russian", "ru": "русский"},
    "de": {"en": "German", "ru": "немецкий"},
    "fr": {"en": "French", "ru": "французский"},
    "pt": {"en": "Portuguese", "ru": "португальский"},
    "zh": {"en": "Chinese", "ru": "китайский"},
    "ja": {"en": "Japanese", "ru": "японский"},
    "ko": {"en": "Korean", "ru": "корейский"},
}

FACET_NAMES: dict[str, str] = {
    "jurisdiction": "jurisdiction",
    "state": "state",
    "subdivision": "state",
    "doc_type": "doc_type",
    "type": "doc_type",
    "stage": "stage",
    "language": "lang_filter",
    "year": "facet_year",
}


LABELS.update(ALERT_LABELS)


def current_lang() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, **kwargs: Any) -> str:
    """The label ``key`` in the current language (``KeyError`` for an unknown key: a typo is a bug)."""
    text = LABELS[key].get(current_lang()) or LABELS[key]["en"]
    return text.format(**kwargs) if kwargs else text


def _term(table: dict[str, dict[str, str]], value: str | None) -> str:
    if value is None:
        return ""
    return table.get(str(value), {}).get(current_lang(), str(value))


def stage(value: str | None) -> str:
    return _term(STAGES, value)


def event(raw: str | None) -> str:
    """A timeline's wording of an event in the current language: 'Adoption by Commission (ADP_byCOM)'."""
    from store.event_names import event_name

    return event_name(raw, current_lang())


def doc_type(value: str | None) -> str:
    return _term(DOC_TYPES, value)


def version_kind(value: str | None) -> str:
    return _term(VERSION_KINDS, value)


def provenance(value: str | None, detail: dict[str, Any] | None = None) -> str:
    """What a version's text is, with who recorded it and when when it is not ailaw's own fetch.

    >>> provenance("copied", {"recorded_by": "org/repo @ 4a2b5e2b", "recorded_at": "2025-11-03"})
    "copy of a third party's recording: org/repo @ 4a2b5e2b, 2025-11-03"
    """
    label = _term(PROVENANCES, value)
    detail = detail or {}
    who = ", ".join(str(detail[k]) for k in ("recorded_by", "recorded_at") if detail.get(k))
    return f"{label}: {who}" if who and value != "fetched" else label


def run_status(value: str | None) -> str:
    return _term(RUN_STATUSES, value)


def run_mode(value: str | None) -> str:
    return _term(RUN_MODES, value)


#: US states, DC and Puerto Rico in Russian (postal code -> name; the English names are store.identifiers.US_STATES):
#: the established Russian forms (Большая российская энциклопедия: «Виргиния», «Западная Виргиния», «округ Колумбия»).
US_STATES_RU: dict[str, str] = {
    "AL": "Алабама", "AK": "Аляска", "AZ": "Аризона", "AR": "Арканзас", "CA": "Калифорния", "CO": "Колорадо",
    "CT": "Коннектикут", "DE": "Делавэр", "FL": "Флорида", "GA": "Джорджия", "HI": "Гавайи", "ID": "Айдахо",
    "IL": "Иллинойс", "IN": "Индиана", "IA": "Айова", "KS": "Канзас", "KY": "Кентукки", "LA": "Луизиана",
    "ME": "Мэн", "MD": "Мэриленд", "MA": "Массачусетс", "MI": "Мичиган", "MN": "Миннесота", "MS": "Миссисипи",
    "MO": "Миссури", "MT": "Монтана", "NE": "Небраска", "NV": "Невада", "NH": "Нью-Гэмпшир", "NJ": "Нью-Джерси",
    "NM": "Нью-Мексико", "NY": "Нью-Йорк", "NC": "Северная Каролина", "ND": "Северная Дакота", "OH": "Огайо",
    "OK": "Оклахома", "OR": "Орегон", "PA": "Пенсильвания", "RI": "Род-Айленд", "SC": "Южная Каролина",
    "SD": "Южная Дакота", "TN": "Теннесси", "TX": "Техас", "UT": "Юта", "VT": "Вермонт", "VA": "Виргиния",
    "WA": "Вашингтон", "WV": "Западная Виргиния", "WI": "Висконсин", "WY": "Вайоминг", "DC": "округ Колумбия",
    "PR": "Пуэрто-Рико",
}  # fmt: skip


def health_flags(flags: list[str]) -> str:
    """'errors, stale' -> 'рост ошибок, давно не обновлялся' on the Russian page."""
    return ", ".join(_term(HEALTH_FLAGS, f) for f in flags)


def source_health(h: dict[str, Any]) -> str:
    """A source's health (a row of ``ui.data.health``) in words: ok, sick with its flags, or not configured (an API
    key it needs is not set), as ``ailaw status`` says it."""
    said = t("healthy") if h["healthy"] else t("sick", flags=health_flags(h["flags"]))
    if not h.get("not_configured"):
        return said
    needs = t("not_configured", env=h["not_configured"])
    return needs if h["healthy"] else f"{said}; {needs}"


def run_record_kind(value: str | None) -> str:
    return _term(RUN_RECORD_KINDS, value)


def run_measure(value: str | None) -> str:
    return _term(RUN_MEASURES, value)


#: The search's one-sentence errors (``QueryError``, search/query.py) on the Russian page: the English sentence's
#: pattern -> the Russian one. A sentence no pattern reads is shown as the search wrote it.
QUERY_ERRORS_RU: tuple[tuple[str, str], ...] = (
    (r'The query has an unbalanced double quote \("\); close the phrase or remove the quote\.',
     'В запросе непарная кавычка ("): закройте фразу или уберите кавычку.'),
    (r"The query has unbalanced brackets (?P<pair>\S\S); check that each (?P<open>\S) is closed\.",
     "В запросе непарные скобки {pair}: проверьте, что каждая {open} закрыта."),
    (r"Unknown field (?P<name>.+): in the query; use one of (?P<known>.+)\.",
     "В запросе неизвестное поле {name}:; используйте одно из: {known}."),
    (r"Could not read the date (?P<date>.+); use e\.g\. date:\[2019 TO 2024\] or date:20240712\.",
     "Не удалось прочитать дату {date}; пишите, например, date:[2019 TO 2024] или date:20240712."),
    (r"The query could not be read.*",
     "Не удалось прочитать запрос; проверьте его синтаксис (даты: date:[2019 TO 2024] или date:20240712)."),
    (r"A range \[… TO …\] works on dates only; .*",
     "Диапазон [… TO …] возможен только для дат: пишите date:[2019 TO 2024] или year:[2019 TO 2024]."),
    (r"There is no stage (?P<v>'.*'); use one of (?P<known>.+)\.", "Стадии {v} нет; используйте одну из: {known}."),
    (r"There is no document type (?P<v>'.*'); use one of (?P<known>.+)\.",
     "Вида документа {v} нет; используйте один из: {known}."),
    (r"ailaw tracks no jurisdiction (?P<v>'.*'); use one of (?P<known>.+), or a US state as US-CA\.",
     "ailaw не отслеживает юрисдикцию {v}; используйте одну из: {known} — или штат США как US-CA."),
    (r"(?P<v>'.*') is no US state; write a US state as US and its two-letter code, e\.g\. US-CA\.",
     "{v} — не штат США; штат пишется как US и его двухбуквенный код, например US-CA."),
    (r"ailaw tracks states of the US only, not of (?P<j>\S+) \((?P<v>'.*')\); write a US state as US and its "
     r"two-letter code, e\.g\. US-CA\.",
     "ailaw отслеживает штаты только США, а не {j} ({v}); штат пишется как US и его двухбуквенный код, например US-CA."),
    (r"The state (?P<s>.+) contradicts the jurisdiction (?P<j>.+); give only one of them\.",
     "Штат {s} противоречит юрисдикции {j}; укажите что-то одно."),
    (r"(?P<v>'.*') is not a US state; give its code \(CO\), its name \(Colorado\) or US-CO\.",
     "{v} — не штат США; укажите его код (CO), название (Colorado) или US-CO."),
    (r"The query is too long; use at most 2,000 characters\.", "Запрос слишком длинный: не более 2000 символов."),
    (r"The date range is empty: (?P<a>\S+) is after (?P<b>\S+)\.", "Диапазон дат пуст: {a} позже {b}."),
)  # fmt: skip


def query_error(message: str) -> str:
    """A search error (one sentence) in the page's language.

    >>> query_error_in('The query has an unbalanced double quote ("); close the phrase or remove the quote.', "ru")
    'В запросе непарная кавычка ("): закройте фразу или уберите кавычку.'
    """
    return query_error_in(message, current_lang())


def query_error_in(message: str, lang: str) -> str:
    if lang != "ru":
        return message
    for pattern, russian in QUERY_ERRORS_RU:
        if m := re.fullmatch(pattern, message):
            return russian.format(**m.groupdict())
    return message


def alert_error(exc: Exception) -> str:
    """An error of alert management as Markdown for ``st.error``, in the page's language.

    On the Russian page: the sentence of its ``code`` in ``ALERT_ERRORS_RU``, each part the user or a source wrote
    escaped; a refused search, the search's sentence (``query_error``). Otherwise the English sentence, escaped.

    >>> from alerts.targets import TargetError
    >>> alert_error_in(TargetError("'a*b' is not an e-mail address.", code="email_invalid", address="a*b"), "ru")
    '«a\\\\*b» — не адрес электронной почты.'
    """
    return alert_error_in(exc, current_lang())


def alert_error_in(exc: Exception, lang: str) -> str:
    from ui.render import md

    code, params = getattr(exc, "code", None), dict(getattr(exc, "params", {}))
    if code in ("query", "no_concept") and lang == "ru":  # the search's own sentence, as the search page says it
        searched = query_error_in(params["message"], lang)
        if searched != params["message"]:
            return searched
    russian = ALERT_ERRORS_RU.get(code or "") if lang == "ru" else None
    if russian is None:
        return md(str(exc))
    said = {k: md(v) for k, v in params.items()}  # then the parts that are ailaw's own words, in Russian
    if "why" in params:
        said["why"] = REFUSED_ADDRESS_RU.get(params["why"], said["why"])
    if code == "needs_target":
        said["channel"] = LABELS.get(f"sub_channel_{params['channel']}", {}).get("ru", said["channel"])
    if code in ("channel_address", "not_sent"):
        said["what"] = SENDS_RU.get(params.get("channel", ""), "{to}").format(to=said.get("to", ""))
    return russian.format(**said)


def identifier_kind(value: str | None, jurisdiction: str | None = None) -> str:
    """'bill_number' -> 'bill number' / 'номер законопроекта'; ('eo_number', 'RU') -> 'номер электронного
    опубликования'."""
    names = IDENTIFIER_KINDS_IN.get(((jurisdiction or "").upper(), value or ""))
    return names.get(current_lang(), str(value)) if names else _term(IDENTIFIER_KINDS, value)


def relation_kind(value: str | None) -> str:
    return _term(RELATION_KINDS, value)


def jurisdiction(value: str | None) -> str:
    """'EU' or 'eu' (the index keeps codes lower-case) -> 'European Union' / 'Европейский союз'."""
    return _term(JURISDICTIONS, value.upper() if value else value)


def subdivision(value: str | None) -> str:
    """'US-CO' or 'us-co' -> 'Colorado' / 'Колорадо' (the current language's name of the state)."""
    from store.identifiers import US_STATES

    if not value:
        return ""
    code = value.upper().removeprefix("US-")
    names = US_STATES_RU if current_lang() == "ru" else US_STATES
    return names.get(code, value.upper())


def chamber(value: str | None) -> str:
    """A chamber or body by the source's name ('Senate', 'Государственная Дума') in the current language: 'Сенат',
    'State Duma'; a name not in ``CHAMBERS`` as the source wrote it."""
    return _term(CHAMBERS, value)


def date(value: dt.date | dt.datetime | str | None) -> str:
    """A day (or a day and time, to the minute) as the page's language writes it: on the Russian page Babel's long
    format of the ``ru`` locale, on the English page ISO 8601 (as ailaw always wrote it). An ISO string is read first;
    any other string is shown as it is, None as ''. (CLDR puts a narrow no-break space before «г.».)

    >>> date_in(dt.date(2026, 12, 2), "ru"), date_in("2026-12-02T14:05:09+00:00", "ru")
    ('2 декабря 2026\\u202fг.', '2 декабря 2026\\u202fг., 14:05')
    >>> date_in(dt.date(2026, 12, 2), "en"), date_in("2026-12-02T14:05:09", "en"), date_in("2019", "ru")
    ('2026-12-02', '2026-12-02 14:05', '2019')
    """
    return date_in(value, current_lang())


def date_in(value: dt.date | dt.datetime | str | None, lang: str) -> str:
    from babel.dates import format_date

    if isinstance(value, str) and len(value) >= 10:
        with contextlib.suppress(ValueError):  # not ISO: shown as it is
            value = dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
    if not isinstance(value, dt.date):
        return "" if value is None else str(value)
    timed = isinstance(value, dt.datetime)
    if lang != "ru":
        return f"{value:%Y-%m-%d %H:%M}" if timed else value.isoformat()
    day = format_date(value, format="long", locale="ru")
    return f"{day}, {value:%H:%M}" if timed else day


def text_language(value: str | None) -> str:
    return _term(TEXT_LANGUAGES, value)


def facet_value(facet: str, value: str) -> str:
    """A facet's value in the current language (stage and type names, jurisdictions, languages)."""
    name = FACET_NAMES.get(facet, facet)
    if name == "stage":
        return stage(value)
    if name == "doc_type":
        return doc_type(value)
    if name == "jurisdiction":
        return jurisdiction(value)
    if name == "state":
        return subdivision(value)
    if name == "lang_filter":
        return text_language(value)
    return str(value)


def facet_name(facet: str) -> str:
    key = FACET_NAMES.get(facet)
    return t(key) if key else facet
