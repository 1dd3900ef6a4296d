"""AI-relevance classification: a reviewed multilingual term list; the matched terms are kept.

A document is AI-related when a *strong* term (one that names AI itself: "artificial intelligence",
«искусственный интеллект», «нейросеть», "machine learning"…) occurs in its title, summary or subjects, or
often enough in its text (``TEXT_MIN_HITS`` strong hits). *Weak* terms ("algorithm", «автоматизированная
обработка») are recorded but never decide alone: many privacy and platform laws mention algorithms.
Russian and other inflected languages are matched by stems, so «искусственного интеллекта» and
«искусственным интеллектом» both count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (label, pattern) — the label is what is kept as the matched term. Patterns are case-insensitive.
STRONG: list[tuple[str, str]] = [
    ("artificial intelligence", r"\bartificial[\s-]+intelligence\b"),
    ("AI system", r"\bAI[\s-]+(?:systems?|models?|act|office|literacy|regulatory sandbox(?:es)?)\b"),
    ("general-purpose AI", r"\bgeneral[\s-]+purpose\s+AI\b"),
    ("machine learning", r"\bmachine[\s-]+learning\b"),
    ("neural network", r"\bneural\s+networks?\b"),
    ("generative AI", r"\bgenerative\s+(?:AI|artificial)\b"),
    ("deepfake", r"\bdeep[\s-]?fakes?\b"),
    # US legislation names AI by what it regulates (us-federal.md §10, us-states.md §5)
    ("frontier model", r"\bfrontier\s+(?:AI\s+|artificial\s+intelligence\s+)?models?\b"),
    ("foundation model", r"\b(?:dual[\s-]+use\s+)?foundation\s+models?\b"),
    ("large language model", r"\blarge\s+language\s+models?\b"),
    ("automated decision system", r"\bautomated\s+decision(?:[\s-]+making)?\s+(?:systems?|technolog(?:y|ies)|tools?)\b"),
    ("algorithmic discrimination", r"\balgorithmic\s+discrimination\b"),
    ("chatbot", r"\b(?:companion\s+)?chat[\s-]?bots?\b"),
    ("synthetic media", r"\bsynthetic\s+media\b"),
    ("digital replica", r"\bdigital\s+(?:replicas?|forger(?:y|ies))\b"),
    ("искусственный интеллект", r"искусственн\w*\s+интеллект\w*"),
    ("нейросеть", r"нейросет\w*|нейронн\w*\s+сет\w*"),
    ("машинное обучение", r"машинн\w*\s+обучени\w*"),
    ("большие генеративные модели", r"генеративн\w*\s+модел\w*|фундаментальн\w*\s+модел\w*"),
    ("экспериментальные правовые режимы в сфере цифровых инноваций",
     r"экспериментальн\w*\s+правов\w*\s+режим\w*"),  # the Russian AI regulatory-sandbox law (258-ФЗ)
    ("ИИ", r"(?<![А-Яа-яЁё])ИИ(?![А-Яа-яЁё])"),
    ("intelligence artificielle", r"\bintelligence\s+artificielle\b"),
    ("künstliche Intelligenz", r"\bkünstliche\w*\s+intelligenz\b"),
    ("sztuczna inteligencja", r"\bsztuczn\w*\s+inteligencj\w*"),
    ("inteligencia artificial", r"\binteligencia\s+artificial\b"),
    ("inteligência artificial", r"\bintelig[êe]ncia\s+artificial\b"),
    ("人工智能", r"人工智能|生成式人工智能"),
    ("人工知能", r"人工知能"),
    ("인공지능", r"인공지능"),
]  # fmt: skip

WEAK: list[tuple[str, str]] = [
    ("algorithm", r"\balgorithm\w*"),
    ("automated decision-making", r"\bautomated\s+(?:individual\s+)?decision"),
    ("profiling", r"\bprofiling\b"),
    ("robotics", r"\brobot\w*"),
    ("алгоритм", r"алгоритм\w*"),
    ("автоматизированная обработка", r"автоматизированн\w*\s+обработк\w*"),
    ("робототехника", r"робот\w*"),
    ("цифровые инновации", r"цифров\w*\s+инновац\w*"),
    ("большие данные", r"больш\w*\s+данн\w*"),
]

TEXT_MIN_HITS = 3  # strong-term occurrences a body text needs to make a document AI-related

_STRONG = [(label, re.compile(p, re.I if label != "ИИ" else 0)) for label, p in STRONG]
_WEAK = [(label, re.compile(p, re.I)) for label, p in WEAK]


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    terms: list[str]  # matched labels, strong first
    strong_hits: int


def classify(*, metadata: str = "", text: str = "") -> Relevance:
    """Classify from metadata (title, summary, subjects) and optionally a body text.

    >>> classify(metadata="О развитии искусственного интеллекта в Российской Федерации").relevant
    True
    >>> classify(metadata="О присвоении классных чинов государственной гражданской службы").relevant
    False
    >>> classify(metadata="Regulation on contestable and fair markets", text="algorithm " * 10).terms
    ['algorithm']
    """
    strong_terms: list[str] = []
    weak_terms: list[str] = []
    meta_hit = False
    text_hits = 0
    for label, rx in _STRONG:
        in_meta = bool(metadata and rx.search(metadata))
        n_text = len(rx.findall(text)) if text else 0
        if in_meta or n_text:
            strong_terms.append(label)
        meta_hit = meta_hit or in_meta
        text_hits += n_text
    for label, rx in _WEAK:
        if (metadata and rx.search(metadata)) or (text and rx.search(text)):
            weak_terms.append(label)
    relevant = meta_hit or text_hits >= TEXT_MIN_HITS
    return Relevance(relevant=relevant, terms=strong_terms + weak_terms, strong_hits=text_hits)
