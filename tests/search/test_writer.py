"""search.writer: the word analysis gives Whoosh's own terms, positions and values, and an index written with
``AnalysingWriter`` is the index Whoosh's ``SegmentWriter`` writes (compared by bench.index_diff)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.fields import FieldType
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

from bench.index_diff import compare
from search.analysis import FIELD_LANGUAGES, analyzer_for
from search.indexer import _create, document_fields, passage_fields, version_fields
from search.schema import PASSAGES, build_passage_schema, build_schema
from search.writer import AnalysingMpWriter, AnalysingWriter, WordAnalysis, _BulkPool, _encode_values, word_analysis
from store.models import DocumentRead, VersionRead

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _english() -> str:
    xhtml = (EXAMPLES / "eu" / "32024R1689_EN_AI_Act_OJ_cellar.xhtml").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", xhtml))[20_000:60_000]


TEXTS = {
    "en": _english(),
    "ru": (EXAMPLES / "ru" / "ru_decree-490_strategy_2024-edition_pdf-extract.txt").read_text(encoding="utf-8")[
        :40_000
    ],
    "pt": (EXAMPLES / "br" / "pl2338-2023_senate-autograph_converted.txt").read_text(encoding="utf-8")[:40_000],
    "fr": "Le règlement établit des règles harmonisées concernant l'intelligence artificielle; les systèmes d'IA à "
    "haut risque et les obligations des fournisseurs et des déployeurs. Les États membres désignent les autorités.",
    "de": "Die Verordnung legt harmonisierte Vorschriften für künstliche Intelligenz fest; Hochrisiko-KI-Systeme, "
    "die Pflichten der Anbieter und Betreiber. Die Mitgliedstaaten benennen die zuständigen Behörden.",
    "xx": "Закон України про штучний інтелект: обов'язки постачальників і розгортальників систем ШІ, ШІ та ЄС.",
}
# A text that starts with stopwords, repeats words, mixes scripts and protected abbreviations.
EDGE = "The the AI and ИИ of the systems: systems shall, the ФЗ № 152-ФЗ, 3.14 data_set data.set — AI Act's Art. 5"


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("phrase", [True, False], ids=["positions", "frequency"])
def test_word_analysis_gives_whooshs_items(lang: str, phrase: bool) -> None:
    schema = build_schema() if phrase else build_passage_schema()
    field = schema[f"body_{lang}"]
    analysis = word_analysis(field.analyzer)
    assert analysis is not None
    for text in (TEXTS[lang], EDGE, TEXTS[lang][:500] + " " + EDGE, "", "the of and"):
        expected = list(field.index(text))
        assert list(_field_items(field, analysis, text)) == expected
        # a second time from the kept words (the memo), then a fresh analysis
        assert list(_field_items(field, analysis, text)) == expected
        assert list(_field_items(field, WordAnalysis(field.analyzer), text)) == expected


def test_russian_lemmas_share_a_position() -> None:
    analysis = WordAnalysis(analyzer_for("ru"))
    poses = analysis.positions("данных и люди")  # «и» is a stopword: no gap
    assert poses == {"данные": [0], "дать": [0], "данный": [0], "человек": [1]}


def test_other_analyzers_are_left_to_whoosh() -> None:
    for lang in ("zh", "ja", "ko"):
        assert WordAnalysis.of(analyzer_for(lang)) is None
    assert WordAnalysis.of(build_schema()["ident"].analyzer) is None
    # every other language of the schema is analysed word by word
    assert all(WordAnalysis.of(analyzer_for(lang)) for lang in FIELD_LANGUAGES if lang not in ("zh", "ja", "ko"))


def _field_items(field: FieldType, analysis: WordAnalysis, text: str) -> list[tuple[bytes, int, float, bytes]]:
    """What the writer makes of a text field: the word analysis's terms and positions, their values encoded in
    bulk (``field.index``'s items)."""
    poses = analysis.positions(text)
    counts = np.array([len(p) for p in poses.values()], np.int32)
    flat = np.array([n for p in poses.values() for n in p], np.int32)
    buf, sizes, exceptions = _encode_values(flat if type(field.format) is Positions else None, counts)
    raw, ends = buf.tobytes(), np.cumsum(sizes).tolist()
    values = [exceptions.get(i, raw[a:b]) for i, (a, b) in enumerate(zip([0, *ends][:-1], ends, strict=True))]
    fb = field.format.field_boost
    return [(t.encode(), len(p), float(len(p)) * fb, v) for (t, p), v in zip(poses.items(), values, strict=True)]


def _corpus() -> list[tuple[DocumentRead, VersionRead]]:
    now = dt.datetime(2025, 1, 1)
    out = []
    for n, (lang, text) in enumerate(
        [*TEXTS.items(), ("zh", "生成式人工智能服务管理暂行办法。第一条 为了促进生成式人工智能健康发展。")]
    ):
        did = f"test/{n}"
        doc = DocumentRead(id=did, source="test", jurisdiction="eu", doc_type="act", title=f"{text[:60]} {n}",
                           language=lang if lang != "xx" else "uk", date_adopted=dt.date(2020, 1, 1 + n),
                           ai_relevant=True, created_at=now, updated_at=now, change_seq=n,
                           aliases=["AI Act"] if lang == "en" else [])  # fmt: skip
        paragraphs = [p for p in re.split(r"(?<=[.;。])\s*", text) if p.strip()][:40]
        provisions = [{"key": f"art_{k}", "kind": "article", "number": str(k), "label": f"Article {k}",
                       "heading": None, "parent": None, "text": p} for k, p in enumerate(paragraphs, 1)]  # fmt: skip
        version = VersionRead(id=n + 1, document_id=did, label="v1", kind="original", date=doc.date_adopted,
                              language=doc.language, text=text, sha256=str(n), source_url="x",
                              provisions=provisions)  # fmt: skip
        out.append((doc, version))
    return out


def _write(path: Path, make_writer) -> None:  # type: ignore[no-untyped-def]
    ix = _create(path)
    writer = make_writer(ix)
    pwriter = make_writer(whoosh_index.open_dir(str(path), indexname=PASSAGES))
    for doc, version in _corpus():
        writer.add_document(**document_fields(doc))
        writer.add_document(**version_fields(version, doc))
        for fields in passage_fields(version, doc):
            pwriter.add_document(**fields)
    writer.commit()
    pwriter.commit()


def test_index_is_the_one_whoosh_writes(tmp_path: Path) -> None:
    _write(tmp_path / "whoosh", lambda ix: SegmentWriter(ix))
    _write(tmp_path / "ailaw", lambda ix: AnalysingWriter(ix))
    assert compare(tmp_path / "whoosh", tmp_path / "ailaw") == 0
    # and a second commit, which merges the first segment into the new one (lengths read from the column)
    for name in ("whoosh", "ailaw"):
        ix = whoosh_index.open_dir(str(tmp_path / name))
        writer = SegmentWriter(ix) if name == "whoosh" else AnalysingWriter(ix)
        writer.update_document(key="v:1", kind="version", body_en="A changed text about high-risk AI systems.")
        writer.commit()
    assert compare(tmp_path / "whoosh", tmp_path / "ailaw") == 0


def test_the_comparison_sees_a_changed_word(tmp_path: Path) -> None:
    _write(tmp_path / "a", lambda ix: AnalysingWriter(ix))
    _write(tmp_path / "b", lambda ix: AnalysingWriter(ix))
    assert compare(tmp_path / "a", tmp_path / "b") == 0
    ix = whoosh_index.open_dir(str(tmp_path / "b"))
    writer = AnalysingWriter(ix)
    writer.add_document(key="x", kind="version", body_en="one more word")
    writer.commit(merge=False)
    assert compare(tmp_path / "a", tmp_path / "b") > 0


def test_writer_processes_write_the_same_postings(tmp_path: Path) -> None:
    """Which process writes which document is up to the processes: the documents and each term's postings, by
    document key, are the same as one writer's."""
    _write(tmp_path / "one", lambda ix: AnalysingWriter(ix))
    _write(tmp_path / "two", lambda ix: AnalysingMpWriter(ix, procs=2, batchsize=2, multisegment=True))

    def content(path: Path) -> set[tuple[object, ...]]:
        out: set[tuple[object, ...]] = set()
        for name in ("MAIN", PASSAGES):
            with whoosh_index.open_dir(str(path), indexname=name).searcher() as s:
                keys = {n: f["key"] for n, f in s.iter_docs()}
                for fieldname, tbytes in s.reader().all_terms():
                    m = s.reader().postings(fieldname, tbytes)
                    while m.is_active():
                        out.add((name, fieldname, tbytes, keys[m.id()], m.weight(), m.value()))
                        m.next()
        return out

    assert content(tmp_path / "one") == content(tmp_path / "two")


def _pool_docs() -> list[dict[str, object]]:
    """Documents for the bulk pool: a word in every document (its postings over several blocks and chunks), an
    empty field, a field of stopwords only, a word more than 1,000 times in one text and positions past 65,536."""
    words = _english().split()
    docs: list[dict[str, object]] = []
    for n in range(420):
        start = (n * 37) % (len(words) - 60)
        body = " ".join(words[start : start + 20 + n % 40]) + f" systems word{n % 7}"
        docs.append({"key": f"d{n}", "body": body, "freq": body, "tag": f"t{n % 3}"})
    docs[5]["body"] = docs[5]["freq"] = ""
    docs[6]["body"] = "the of and"
    docs[7]["body"] = docs[7]["freq"] = "high-risk " * 1_500 + "rare " + "filler " * 70_000 + "rare"
    docs[8]["body"] = 12345  # not a text: indexed by Whoosh itself, beside the pool's postings of this field
    return docs


def _pool_index(path: Path, make_writer, docs: list[dict[str, object]]) -> list[object]:  # type: ignore[no-untyped-def]
    from whoosh.fields import ID, TEXT, Schema

    en = analyzer_for("en")
    schemas = {
        "MAIN": Schema(
            key=ID(stored=True, unique=True), body=TEXT(analyzer=en), freq=TEXT(analyzer=en, phrase=False), tag=ID()
        ),  # fmt: skip
        PASSAGES: Schema(key=ID(stored=True), freq=TEXT(analyzer=en, phrase=False, field_boost=1.5)),
    }
    path.mkdir()
    writers = []
    for name, schema in schemas.items():
        ix = whoosh_index.create_in(str(path), schema, indexname=name)
        writer = make_writer(ix)
        for fields in docs:
            if name == PASSAGES:
                fields = {"key": fields["key"], "freq": fields["freq"], "_boost": 2.0 if fields["key"] == "d9" else 1.0}
            elif fields["body"] == 12345:
                fields = {**fields, "body": ["12345", "systems"]}
            writer.add_document(**fields)
        writers.append(writer)
        writer.commit()
    return writers


@pytest.mark.parametrize("limitmb", [256, 0.02], ids=["in-memory", "spilled"])
def test_bulk_pool_writes_whooshs_index(tmp_path: Path, limitmb: float) -> None:
    """Positions and Frequency fields through the bulk pool, kept in memory or cut into chunks written to disk
    (a term's postings then come from several chunks and cross block boundaries), give Whoosh's own index."""
    docs = _pool_docs()
    _pool_index(tmp_path / "whoosh", lambda ix: SegmentWriter(ix, limitmb=limitmb), docs)
    spills: list[_BulkPool] = []

    def writer(ix):  # type: ignore[no-untyped-def]
        w = AnalysingWriter(ix, limitmb=limitmb)
        spills.append(w._bulk)
        return w

    _pool_index(tmp_path / "ailaw", writer, docs)
    assert compare(tmp_path / "whoosh", tmp_path / "ailaw") == 0
    assert all(p._spills > 0 for p in spills) == (limitmb < 1)
    with whoosh_index.open_dir(str(tmp_path / "ailaw")).searcher() as s:
        assert s.doc_frequency("body", b"system") >= 400  # more than three blocks of 128 postings
        m = s.reader().postings("body", b"rare")
        assert m.value_as("positions") == [3000, 73001]  # «high-risk» is two words


def test_bulk_pool_in_writer_processes(tmp_path: Path) -> None:
    """Two writer processes (one segment each) and a merge of their segments into one: Whoosh's content."""
    docs = [d for d in _pool_docs() if d["key"] not in ("d7", "d8")]

    def content(path: Path) -> set[tuple[object, ...]]:
        out: set[tuple[object, ...]] = set()
        with whoosh_index.open_dir(str(path)).searcher() as s:
            keys = {n: f["key"] for n, f in s.iter_docs()}
            for fieldname, tbytes in s.reader().all_terms():
                m = s.reader().postings(fieldname, tbytes)
                while m.is_active():
                    out.add((fieldname, tbytes, keys[m.id()], m.weight(), m.value()))
                    m.next()
        return out

    _pool_index(tmp_path / "whoosh", lambda ix: SegmentWriter(ix), docs)
    _pool_index(tmp_path / "procs", lambda ix: AnalysingMpWriter(ix, procs=2, batchsize=50, multisegment=True), docs)
    _pool_index(tmp_path / "merged", lambda ix: AnalysingMpWriter(ix, procs=2, batchsize=50), docs)
    assert len(whoosh_index.open_dir(str(tmp_path / "procs"))._segments()) == 2
    assert content(tmp_path / "whoosh") == content(tmp_path / "procs") == content(tmp_path / "merged")


def test_values_encoded_in_batches_are_whooshs() -> None:
    """More postings than one encoding batch, with long postings and large gaps in the second: each value is
    ``Positions.encode`` of its positions (and ``pack_uint`` of its count for a Frequency field)."""
    from whoosh.system import pack_uint

    from search.writer import _ENCODE_BATCH

    rng = np.random.default_rng(7)
    counts = rng.integers(1, 4, _ENCODE_BATCH + 300).astype(np.int32)
    counts[_ENCODE_BATCH + 5] = 1_200  # more than one pickle batch
    poses = [np.cumsum(rng.integers(0, 70_000 if i % 11 == 0 else 300, c)).tolist() for i, c in enumerate(counts)]
    buf, sizes, exceptions = _encode_values(np.array([p for ps in poses for p in ps], np.int32), counts)
    raw, ends = buf.tobytes(), np.cumsum(sizes).tolist()
    values = [exceptions.get(i, raw[a:b]) for i, (a, b) in enumerate(zip([0, *ends][:-1], ends, strict=True))]
    encode = Positions().encode
    assert values == [encode(p) for p in poses]
    assert _ENCODE_BATCH + 5 in exceptions
    buf, sizes, _ = _encode_values(None, counts)
    assert buf.tobytes() == b"".join(pack_uint(int(c)) for c in counts)  # Frequency.word_values' values
    assert sizes.tolist() == [len(pack_uint(1))] * len(counts)
