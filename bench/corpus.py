"""A synthetic EN+RU legal corpus for the search bench: seeded, fast, with real inflected word forms.

Each item is one version: (id, lang, title, date, text). Real legal vocabulary in several inflected forms sits
at the top of a Zipf distribution; pseudo-words with real Russian/English endings fill the long tail.
"""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EN_WORDS = [
    ["system", "systems"],
    ["provider", "providers"],
    ["risk", "risks"],
    ["high-risk"],
    ["artificial"],
    ["intelligence"],
    ["data", "dataset", "datasets"],
    ["regulate", "regulates", "regulated", "regulating", "regulation"],
    ["authority", "authorities"],
    ["market", "markets"],
    ["obligation", "obligations"],
    ["deploy", "deployer", "deployers"],
    ["model", "models"],
    ["transparency"],
    ["assessment", "assessments"],
    ["conformity"],
    ["safety"],
    ["right", "rights"],
    ["fundamental"],
    ["monitor", "monitoring", "monitored"],
    ["penalty", "penalties"],
    ["member"],
    ["state", "states"],
    ["commission"],
    ["union"],
    ["biometric"],
    ["identification"],
    ["general-purpose"],
    ["user", "users"],
]
RU_WORDS = [
    ["искусственный", "искусственного", "искусственному", "искусственным", "искусственном"],
    ["интеллект", "интеллекта", "интеллекту", "интеллектом", "интеллекте"],
    ["нейросеть", "нейросети", "нейросетей", "нейросетью", "нейросетям"],
    ["система", "системы", "систем", "системам", "системой"],
    ["данные", "данных", "данным", "данными"],
    ["технология", "технологии", "технологий", "технологиям"],
    ["развитие", "развития", "развитию", "развитием"],
    ["федеральный", "федерального", "федеральным"],
    ["закон", "закона", "законом", "законе"],
    ["человек", "люди", "людей", "людям"],
    ["право", "права", "прав", "правам"],
    ["лицо", "лица", "лиц", "лицам"],
    ["обработка", "обработки", "обработку"],
    ["оператор", "операторы", "операторов"],
    ["риск", "риски", "рисков"],
    ["регулирование", "регулирования", "регулированию"],
    ["экспериментальный", "экспериментального", "экспериментальном"],
    ["режим", "режима", "режиме"],
    ["стратегия", "стратегии", "стратегией"],
    ["безопасность", "безопасности"],
    ["государственный", "государственных", "государственной"],
    ["орган", "органы", "органов"],
]
EN_SYLL = ["ta", "ri", "con", "ver", "pro", "sta", "men", "tion", "al", "de", "re", "for", "ment", "ple"]
EN_END = ["", "s", "ed", "ing", "ion", "al"]
RU_SYLL = ["ра", "но", "ве", "ст", "ко", "пре", "до", "ми", "ло", "за", "про", "тель", "ни", "ва"]
RU_END = ["", "а", "ы", "ов", "ам", "ой", "ого", "ому", "ым", "ие", "ия", "ий"]


@dataclass(frozen=True)
class Item:
    id: int
    lang: str
    title: str
    date: dt.date
    text: str


def _vocab(rng: random.Random, base: list[list[str]], syll: list[str], ends: list[str], size: int) -> list[list[str]]:
    vocab = list(base)
    while len(vocab) < size:
        stem = "".join(rng.choices(syll, k=rng.randint(2, 4)))
        vocab.append([stem + e for e in rng.sample(ends, 3)])
    return vocab


def generate(
    n: int, *, words: int = 300, seed: int = 42, vocab_size: int = 20_000, mix: str = "uniform"
) -> Iterator[Item]:
    """``n`` items alternating English and Russian, ``words`` words each (``mix="realistic"``: lengths by
    ``realistic_words``), dates 2015–2025."""
    rng = random.Random(seed)
    lengths = random.Random(seed + 1)
    vocabs = {
        "en": _vocab(rng, EN_WORDS, EN_SYLL, EN_END, vocab_size),
        "ru": _vocab(rng, RU_WORDS, RU_SYLL, RU_END, vocab_size),
    }
    # One flat list of word forms; a lemma's Zipf weight is shared by its forms (one choices() call per item).
    flat: dict[str, tuple[list[str], list[float]]] = {}
    for lang, vocab in vocabs.items():
        forms = [f for forms in vocab for f in forms]
        weights = [1 / (r + 1) ** 1.05 / len(fs) for r, fs in enumerate(vocab) for _ in fs]
        flat[lang] = (forms, list(itertools.accumulate(weights)))
    start = dt.date(2015, 1, 1).toordinal()
    for i in range(n):
        lang = "en" if i % 2 == 0 else "ru"
        forms, cum = flat[lang]
        k = realistic_words(lengths, i, n) if mix == "realistic" else words
        tokens = rng.choices(forms, cum_weights=cum, k=k)
        sentences = [" ".join(tokens[j : j + 15]).capitalize() + "." for j in range(0, len(tokens), 15)]
        title = " ".join(tokens[:8]).capitalize()
        yield Item(i + 1, lang, title, dt.date.fromordinal(start + rng.randint(0, 3980)), " ".join(sentences))


#: Where generated corpora are kept between runs (gitignored): a 20,000-version corpus takes ≈ 40 s to generate.
CACHE = Path(__file__).resolve().parent / "cache"


def realistic_words(rng: random.Random, i: int, n: int) -> int:
    """Words of the ``i``-th of ``n`` versions in the realistic mix (issue 12): a few long acts of 50–100k words
    (one in 2,000, at least 3), a fifth bills of 2–20k words (most near the short end), the rest passages of
    about 300 words."""
    acts = max(3, n // 2000)
    if i % max(1, n // acts) == 0:
        return rng.randint(50_000, 100_000)
    if i % 5 == 1:
        return min(20_000, int(2_000 * rng.paretovariate(1.5)))
    return rng.randint(200, 400)


def cached(n: int, *, words: int = 300, mix: str = "uniform", seed: int = 42) -> list[Item]:
    """The corpus from ``CACHE`` when it was generated before with the same parameters, else generated and kept."""
    path = CACHE / f"corpus-{mix}-{n}-{words}-{seed}.pickle"
    if path.exists():
        with path.open("rb") as f:
            items: list[Item] = pickle.load(f)
        return items
    items = list(generate(n, words=words, seed=seed, mix=mix))
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(items, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return items
