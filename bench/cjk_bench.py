"""Korean, Japanese and Chinese analyzers (and accent folding for Portuguese and French) measured on the recorded
texts: the AI Basic Act (law.go.kr, Korean, 2026-07-21 phase), the AI Promotion Act (e-Gov, Japanese) and the
Generative AI Interim Measures (the official Chinese text of the demo's CAC record).

Quality: a judged query set per language — each query is what a lawyer types (with particles, inflected forms,
compounds written together or apart), and an article is relevant when it contains the concept's canonical words
(``must``). A candidate retrieves the articles whose analysed terms include every analysed term of the query (AND,
as ailaw's search does); precision, recall and F1 are averaged over the queries.
Speed: the time to analyse every article in index mode (caches cleared), in characters per second, and the time
to load the engine.

Candidates: character bigrams (the previous analyzer: ``search.analysis.CJKBigramTokenizer``) and the analyzers
ailaw uses (``search.world_analysis``); where installed, also fugashi + unidic-lite (Japanese), python-mecab-ko
(Korean) and jieba (Chinese) — ``pip install fugashi unidic-lite python-mecab-ko jieba`` to compare them.

    python -m bench.cjk_bench
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KO = ROOT / "demo" / "records" / "world" / "kr_lawgokr_DRF_lawService_eflaw_MST282791_efYd20260721_AI-Basic-Act.xml"
JA = (
    ROOT
    / "tests"
    / "examples"
    / "jp"
    / "jp_egov-api-v2_law_file_xml_507AC0000000053_AI-Promotion-Act_asof-2026-07-20.xml"
)
ZH = ROOT / "tests" / "examples" / "cn" / "cn-cac_genai-interim-measures_documented_example.html"

# (query as typed, words every relevant article contains)
QUERIES: dict[str, list[tuple[str, list[str]]]] = {
    "ko": [
        ("고영향 인공지능을", ["고영향 인공지능"]),
        ("인공지능사업자의 의무", ["인공지능사업자", "의무"]),
        ("생성형 인공지능", ["생성형 인공지능"]),
        ("영향평가를 실시", ["영향평가", "실시"]),
        ("학습용데이터", ["학습용데이터"]),
        ("과태료를 부과", ["과태료", "부과"]),
        ("기본계획의 수립", ["기본계획", "수립"]),
        ("인공지능 안전성", ["인공지능", "안전성"]),
        ("국내대리인을 지정", ["국내대리인", "지정"]),
        ("투명성 확보", ["투명성", "확보"]),
    ],
    "ja": [
        ("人工知能関連技術の研究開発", ["人工知能関連技術", "研究開発"]),
        ("基本計画を策定", ["基本計画", "策定"]),
        ("人工知能戦略本部", ["人工知能戦略本部"]),
        ("国民の理解", ["国民", "理解"]),
        ("事業者の責務", ["事業者", "責務"]),
        ("地方公共団体", ["地方公共団体"]),
        ("人材の確保", ["人材", "確保"]),
        ("国際的な規範", ["国際", "規範"]),
        ("活用する事業者", ["活用", "事業者"]),
        ("情報の収集", ["情報", "収集"]),
    ],
    "zh": [
        ("生成式人工智能服务", ["生成式人工智能服务"]),
        ("提供者应当", ["提供者", "应当"]),
        ("个人信息", ["个人信息"]),
        ("训练数据", ["训练数据"]),
        ("标识", ["标识"]),
        ("算法备案", ["备案"]),
        ("安全评估", ["安全评估"]),
        ("未成年人", ["未成年人"]),
        ("投诉举报", ["投诉", "举报"]),
        ("知识产权", ["知识产权"]),
    ],
}
# Inflected and accent-less forms a lawyer types, each group one concept: every form must share a term.
ROMANCE: dict[str, list[list[str]]] = {
    "pt": [["inteligência", "inteligências", "inteligencia"], ["artificial", "artificiais"],
           ["proteção", "proteções", "protecao"], ["dados", "dado"], ["avaliação", "avaliações", "avaliacao"],
           ["sistema", "sistemas"], ["decisão", "decisões", "decisao"], ["risco", "riscos"]],
    "fr": [["intelligence", "intelligences"], ["artificielle", "artificielles", "artificiel"],
           ["données", "donnée", "donnees"], ["décision", "décisions", "decision"], ["système", "systèmes", "systeme"],
           ["automatisée", "automatisées", "automatisee"], ["protection", "protections"]],
}  # fmt: skip


def articles(lang: str) -> list[str]:
    """The article texts of the recorded law of ``lang``."""
    if lang == "ko":
        from crawler.parsers.kr_law import parse_law_service

        items = parse_law_service(KO.read_bytes(), url="https://www.law.go.kr/x")
    elif lang == "ja":
        from crawler.parsers.jp_law import parse_law_file

        items = parse_law_file(JA.read_bytes(), url="https://laws.e-gov.go.jp/x")
    else:
        from crawler.parsers.cn_cac import parse_article

        items = parse_article(ZH.read_bytes(), url="https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm")
    version = next(i for i in items if hasattr(i, "provisions"))
    return [p.text for p in version.provisions if p.kind == "article"]


def candidates(lang: str) -> dict[str, Callable[[str, str], set[str]]]:
    from search.analysis import cjk_analyzer
    from search.world_analysis import cjk_morph_analyzer

    out: dict[str, Callable[[str, str], set[str]]] = {}
    bigram = cjk_analyzer()
    out["character bigrams (before)"] = lambda text, mode: {t.text for t in bigram(text, mode=mode)}
    ours = cjk_morph_analyzer(lang)
    name = {"ko": "kiwipiepy (ailaw)", "ja": "SudachiPy core, mode A (ailaw)", "zh": "rjieba (ailaw)"}[lang]
    out[name] = lambda text, mode: {t.text for t in ours(text, mode=mode)}
    if lang == "ja" and importlib.util.find_spec("fugashi") and importlib.util.find_spec("unidic_lite"):
        import fugashi

        tagger = fugashi.Tagger()
        out["fugashi + unidic-lite"] = lambda text, mode: {
            (w.feature.lemma or w.surface)
            for w in tagger(text)
            if w.feature.pos1 not in ("助詞", "助動詞", "補助記号", "空白")
        }
    if lang == "ko" and importlib.util.find_spec("mecab"):
        import mecab

        m = mecab.MeCab()
        kept = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "XR", "MM", "MAG", "XPN", "XSN", "SL", "SN", "SH")
        out["python-mecab-ko"] = lambda text, mode: {w for w, tag in m.pos(text) if tag.split("+")[0] in kept}
    if lang == "zh" and importlib.util.find_spec("jieba"):
        import jieba

        jieba.setLogLevel(60)
        out["jieba (Python)"] = lambda text, mode: set(
            jieba.cut_for_search(text) if mode == "index" else jieba.cut(text)
        )
    return out


def quality(texts: list[str], analyse: Callable[[str, str], set[str]], lang: str) -> tuple[float, float, float]:
    indexed = [analyse(t, "index") for t in texts]
    ps, rs, fs = [], [], []
    for query, must in QUERIES[lang]:
        relevant = {i for i, t in enumerate(texts) if all(w in t for w in must)}
        terms = analyse(query, "query")
        found = {i for i, have in enumerate(indexed) if terms and terms <= have}
        hit = len(found & relevant)
        p = hit / len(found) if found else (1.0 if not relevant else 0.0)
        r = hit / len(relevant) if relevant else 1.0
        ps.append(p)
        rs.append(r)
        fs.append(2 * p * r / (p + r) if p + r else 0.0)
    n = len(QUERIES[lang])
    return sum(ps) / n, sum(rs) / n, sum(fs) / n


def speed(texts: list[str], analyse: Callable[[str, str], set[str]]) -> float:
    from search import world_analysis

    for cached in (world_analysis.zh_words, world_analysis.ja_words, world_analysis.ko_words):
        cached.cache_clear()
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    for t in texts:
        analyse(t, "index")
    return chars / (time.perf_counter() - started)


def romance() -> None:
    from search.analysis import LanguageAnalyzer
    from search.world_analysis import romance_analyzer

    for lang, groups in ROMANCE.items():
        plain, ours = LanguageAnalyzer(lang), romance_analyzer(lang)
        for name, analyzer in (("Snowball (before)", plain), ("folded + Snowball (ailaw)", ours)):
            joined = sum(1 for g in groups if len({next(iter(analyzer(w)), None) and next(iter(analyzer(w))).text
                                                   for w in g}) == 1)  # fmt: skip
            print(f"  {lang}  {name:28s} {joined}/{len(groups)} groups of forms share one term")


def main() -> None:
    print("Korean, Japanese and Chinese analyzers on the recorded texts")
    for lang in ("ko", "ja", "zh"):
        texts = articles(lang)
        print(f"\n{lang}: {len(texts)} articles, {sum(map(len, texts)):,} characters, {len(QUERIES[lang])} queries")
        print(f"  {'candidate':34s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'chars/s':>10s} {'load s':>7s}")
        for name, analyse in candidates(lang).items():
            started = time.perf_counter()
            analyse("인공지능 人工知能 人工智能", "query")  # load the engine
            load = time.perf_counter() - started
            p, r, f = quality(texts, analyse, lang)
            print(f"  {name:34s} {p:9.2f} {r:7.2f} {f:6.2f} {speed(texts, analyse):10,.0f} {load:7.2f}")
    print("\nPortuguese and French: inflected and accent-less forms")
    romance()


if __name__ == "__main__":
    main()
