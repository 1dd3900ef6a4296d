"""The change summary in plain words, per provision, in English and in Russian; for Korean and Japanese texts also
as their own law cites provisions (제17조의2 신설, 第三条第五項 追加).

>>> from compare.align import Aligned, Part
>>> from compare.units import Unit
>>> a = Unit("art_6", "article", "6", "Article 6", None, "x")
>>> b = Unit("art_6", "article", "6", "Article 6", None, "y")
>>> row = Aligned("changed", "article", a, b, 0.9, [], 0, 0, [Part("art_6.par_2", "2.", "2", "paragraph", "replaced")])
>>> describe(row, "en"), describe(row, "ru")
('Article 6(2) replaced', 'статья 6, часть 2 заменена')
>>> ins = Aligned("inserted", "point", None, Unit("p_2.1", "point", "2.1", "2.1.", None, "t"))
>>> describe(ins, "en"), describe(ins, "ru")
('point 2.1 inserted', 'пункт 2.1 добавлен')
>>> kr = Aligned("changed", "article", Unit("art_3", "article", "3", "제3조", None, "x"),
...              Unit("art_3", "article", "3", "제3조", None, "y"), 0.9, [], 0, 0,
...              [Part("art_3.par_5", "⑤", "5", "paragraph", "inserted")])
>>> describe(kr, "ko"), describe(kr, "ja")
('제3조제5항 신설', '第三条第五項 追加')
>>> describe(Aligned("inserted", "article", None, Unit("art_17-2", "article", "17-2", "제17조의2", None, "t")), "ko")
'제17조의2 신설'
>>> add = Unit("add_21065", "addendum", "21065", "부칙 <제21065호,2025.10.1>", None, "t")
>>> describe(Aligned("inserted", "addendum", None, add), "ru"), describe(Aligned("formatting", "addendum", add, add), "ru")
('дополнительные положения 21065 добавлены', 'дополнительные положения 21065: изменено только форматирование (пробелы), слова не изменены')
"""

from __future__ import annotations

from compare.align import Aligned, Part
from compare.units import Unit

# Russian nouns: nominative, accusative, gender (f/m/n) — participles agree with the gender.
_RU = {
    "article": ("статья", "статью", "f"),
    "paragraph": ("часть", "часть", "f"),
    "point": ("пункт", "пункт", "m"),
    "item": ("подпункт", "подпункт", "m"),
    "section": ("раздел", "раздел", "m"),
    "chapter": ("глава", "главу", "f"),
    "annex": ("приложение", "приложение", "n"),
    "recital": ("пункт преамбулы", "пункт преамбулы", "m"),
    "citation": ("ссылка преамбулы", "ссылку преамбулы", "f"),
    "text": ("текст", "текст", "m"),
    "addendum": ("дополнительные положения", "дополнительные положения", "p"),  # 부칙, 附則 (of an amending act)
    "part": ("часть", "часть", "f"),
    "subsection": ("подраздел", "подраздел", "m"),
}
_RU_VERB = {
    "changed": {"f": "изменена", "m": "изменён", "n": "изменено", "p": "изменены"},
    "replaced": {"f": "заменена", "m": "заменён", "n": "заменено", "p": "заменены"},
    "inserted": {"f": "добавлена", "m": "добавлен", "n": "добавлено", "p": "добавлены"},
    "deleted": {"f": "исключена", "m": "исключён", "n": "исключено", "p": "исключены"},
    "moved": {"f": "перенесена", "m": "перенесён", "n": "перенесено", "p": "перенесены"},
}
_EN = {
    "article": "Article {n}",
    "paragraph": "paragraph {n}",
    "point": "point {n}",
    "item": "point {n}",
    "section": "Section {n}",
    "chapter": "Chapter {n}",
    "annex": "Annex {n}",
    "recital": "Recital ({n})",
    "citation": "Citation {n}",
    "text": "text",
}
_EN_VERB = {"changed": "amended", "replaced": "replaced", "inserted": "inserted", "deleted": "deleted",
            "moved": "moved"}  # fmt: skip


# Korean and Japanese: how their laws cite a provision (제N조의M제N항제N호 / 第N条のM第N項第N号) and the verbs of
# their amendment clauses (신설 / 追加 inserted, 개정 / 改正 amended, 삭제 / 削除 deleted, 전문개정 / 全部改正 replaced).
_CJK_UNIT = {
    "ko": {"article": "제{n}조", "paragraph": "제{n}항", "point": "제{n}호", "item": "제{n}호", "part": "제{n}편",
           "chapter": "제{n}장", "section": "제{n}절", "subsection": "제{n}관", "addendum": "부칙", "text": "본문"},
    "ja": {"article": "第{n}条", "paragraph": "第{n}項", "point": "第{n}号", "item": "第{n}号", "part": "第{n}編",
           "chapter": "第{n}章", "section": "第{n}節", "subsection": "第{n}款", "addendum": "附則", "text": "本文"},
}  # fmt: skip
_CJK_BRANCH = {"ko": "의", "ja": "の"}
_CJK_VERB = {
    "ko": {"changed": "개정", "replaced": "전문개정", "inserted": "신설", "deleted": "삭제", "moved": "이동",
           "unchanged": "변경 없음", "formatting": "띄어쓰기 등 형식만 변경"},
    "ja": {"changed": "改正", "replaced": "全部改正", "inserted": "追加", "deleted": "削除", "moved": "移動",
           "unchanged": "変更なし", "formatting": "空白など書式のみ変更"},
}  # fmt: skip
CJK = tuple(_CJK_UNIT)


def _cjk_number(n: str, lang: str) -> str:
    if lang != "ja":
        return n
    from texts.jp import kanji

    return kanji(int(n)) if n.isdigit() else n


def _cjk_name(kind: str, number: str | None, lang: str, label: str = "") -> str:
    """'17-2' article -> '제17조의2' / '第十七条の二'; an addendum keeps the label its text gives it."""
    if kind == "addendum":
        return label or _CJK_UNIT[lang]["addendum"]
    pattern = _CJK_UNIT[lang].get(kind)
    if pattern is None or not number:
        return label or kind
    base, _, branch = number.partition("-")
    if not base.isdigit() or (branch and not branch.isdigit()):
        return label or pattern.format(n=number)
    out = pattern.format(n=_cjk_number(base, lang))
    return out + (_CJK_BRANCH[lang] + _cjk_number(branch, lang) if branch else "")


def _describe_cjk(row: Aligned, lang: str) -> str:
    verb = _CJK_VERB[lang]
    unit = row.new or row.old
    assert unit is not None
    head = _cjk_name(unit.kind, unit.number, lang, unit.label)
    if row.status == "moved" and row.old is not None and row.new is not None:
        return f"{_cjk_name(row.old.kind, row.old.number, lang, row.old.label)} → {head} {verb['moved']}"
    if row.status == "changed" and row.parts and len(row.parts) <= 3:
        return "; ".join(f"{head}{_cjk_name(p.kind, p.number or p.key.rsplit('_', 1)[-1], lang, p.label)} "
                         f"{verb[p.status]}" for p in row.parts)  # fmt: skip
    return f"{head} {verb[row.status]}"


def name(unit: Unit, lang: str, *, case: int = 0) -> str:
    """'Article 5' / 'статья 5' (case 1: accusative, 'статью 5')."""
    n = unit.number or ""
    if lang == "ru":
        noun = _RU.get(unit.kind, (unit.kind, unit.kind, "m"))[case]
        return f"{noun} ({n})" if unit.kind == "recital" else f"{noun} {n}".strip()
    return _EN.get(unit.kind, unit.kind + " {n}").format(n=n).strip()


def _part_name(unit: Unit, part: Part, lang: str) -> str:
    num = part.number or part.key.rsplit("_", 1)[-1]
    if lang == "ru":
        noun = _RU.get(part.kind, (part.kind, part.kind, "m"))[0]
        return f"{name(unit, 'ru')}, {noun} {num}"
    if unit.kind == "article" and part.kind == "paragraph":
        return f"{name(unit, 'en')}({num})"
    if unit.kind == "article" and part.kind == "point":
        return f"{name(unit, 'en')}, point ({num})"
    if unit.kind == "section" and part.key.startswith(unit.key + "."):  # a bill's or an Act's: Section 3(b)(1)
        path = [seg.split("_", 1)[-1] for seg in part.key[len(unit.key) + 1 :].split(".")]
        return name(unit, "en") + "".join(f"({seg})" for seg in path)
    return f"{name(unit, 'en')}, {_EN.get(part.kind, 'point {n}').format(n=num)}"


def _words(n: int, lang: str) -> str:
    if lang == "ru":
        return f"изменено слов: {n}"
    return f"{n} word{'s' if n != 1 else ''} changed"


def _verb(status: str, kind: str, lang: str) -> str:
    if lang == "ru":
        return _RU_VERB[status][_RU.get(kind, ("", "", "m"))[2]]
    return _EN_VERB[status]


def describe(row: Aligned, lang: str = "en") -> str:
    """One line a lawyer reads: 'Article 52 moved to Article 50 with 12 words changed'."""
    if lang in CJK:
        return _describe_cjk(row, lang)
    lang = "ru" if lang == "ru" else "en"
    changed_words = max(row.words_inserted, row.words_deleted)
    if row.status == "inserted" and row.new:
        return f"{name(row.new, lang)} {_verb('inserted', row.new.kind, lang)}"
    if row.status == "deleted" and row.old:
        return f"{name(row.old, lang)} {_verb('deleted', row.old.kind, lang)}"
    assert row.old is not None and row.new is not None
    if row.status == "unchanged":
        return f"{name(row.new, lang)}: " + ("без изменений" if lang == "ru" else "unchanged")
    if row.status == "formatting":
        if lang == "ru":
            return f"{name(row.new, lang)}: изменено только форматирование (пробелы), слова не изменены"
        return f"{name(row.new, lang)}: formatting change only (whitespace), no words changed"
    if row.status == "replaced":
        return f"{name(row.new, lang)} {_verb('replaced', row.new.kind, lang)}"
    if row.status == "moved":
        target = name(row.new, lang, case=1)
        head = f"{name(row.old, lang)} {_verb('moved', row.old.kind, lang)} {'в' if lang == 'ru' else 'to'} {target}"
        if not changed_words:
            return head + (" без изменений" if lang == "ru" else " unchanged")
        return head + (f", {_words(changed_words, lang)}" if lang == "ru" else f" with {_words(changed_words, lang)}")
    # changed in place: name the parts when there are few, else say which ones
    if row.parts and len(row.parts) <= 3:
        return "; ".join(f"{_part_name(row.new, p, lang)} {_verb(p.status, p.kind, lang)}" for p in row.parts)
    head = f"{name(row.new, lang)} {_verb('changed', row.new.kind, lang)}"
    if row.parts:
        kinds = {p.kind for p in row.parts}
        nums = ", ".join(p.number or p.key.rsplit("_", 1)[-1] for p in row.parts)
        if len(row.parts) > 8:  # a list of 70 definition numbers is not a summary
            if lang == "ru":
                return f"{head}: {len(row.parts)} частей и пунктов ({_words(changed_words, lang)})"
            return f"{head} in {len(row.parts)} paragraphs and points ({_words(changed_words, lang)})"
        if lang == "ru":
            noun = "части" if kinds == {"paragraph"} else "пункты"
            return f"{head}: {noun} {nums} ({_words(changed_words, lang)})"
        noun = "paragraphs" if kinds == {"paragraph"} else "points"
        return f"{head} in {noun} {nums} ({_words(changed_words, lang)})"
    return f"{head} ({_words(changed_words, lang)})"


def overview(counts: dict[str, int], lang: str = "en") -> str:
    """'12 provisions moved, 28 inserted, 3 deleted, 40 amended, 30 unchanged; 5,400 words inserted, 2,100 deleted'."""
    formatting = counts.get("formatting", 0)
    if lang == "ru":
        return (
            f"Перенесено: {counts['moved']}, добавлено: {counts['inserted']}, исключено: {counts['deleted']}, "
            f"изменено: {counts['changed']}, заменено: {counts['replaced']}, без изменений: {counts['unchanged']}"
            + (f", изменено только форматирование: {formatting}" if formatting else "")
            + f"; слов добавлено: {counts['words_inserted']}, исключено: {counts['words_deleted']}."
        )
    return (
        f"{counts['moved']} provision{'' if counts['moved'] == 1 else 's'} moved, {counts['inserted']} inserted, {counts['deleted']} deleted, "
        f"{counts['changed']} amended in place, {counts['replaced']} replaced, {counts['unchanged']} unchanged"
        + (f", {formatting} with formatting changes only" if formatting else "")
        + f"; {counts['words_inserted']:,} words inserted, {counts['words_deleted']:,} deleted."
    )
