"""Language detection reads py3langid's model from the home's cache after the first crawl, with the same answers."""

import subprocess
import sys

TEXTS = [
    "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL LAYING DOWN HARMONISED RULES",
    "О развитии искусственного интеллекта в Российской Федерации",
    "Dispõe sobre o uso da inteligência artificial",
    "Regulation (EU) 2026/1744",
]

CODE = """
import json, sys
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from crawler.pipelines import detect_language
import py3langid.langid
own = LanguageIdentifier.from_model_file(MODEL_FILE)
texts = json.loads(sys.argv[1])
print(json.dumps([[detect_language(t), py3langid.langid.IDENTIFIER.classify(t)[1] == own.classify(t)[1],
                   own.classify(t)[0]] for t in texts]))
"""


def _detect(home):
    import json

    env = {"AILAW_HOME": str(home), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", CODE, json.dumps(TEXTS)], capture_output=True, text=True, env=env,
                         check=True)  # fmt: skip
    return json.loads(out.stdout)


def test_language_model_cached_in_the_home_gives_py3langids_answers(tmp_path):
    first = _detect(tmp_path)
    cached = list((tmp_path / "cache" / "langid").glob("*/nextmove.npy"))
    assert len(cached) == 1  # written by the first process
    second = _detect(tmp_path)  # reads the cache
    for detected, same_score, own in (*first, *second):
        assert detected == own and same_score
    assert [row[0] for row in second] == ["en", "ru", "pt", "lg"]


def test_a_damaged_cache_falls_back_to_py3langids_own_model(tmp_path):
    _detect(tmp_path)
    (cached,) = (tmp_path / "cache" / "langid").glob("*/nextmove.npy")
    cached.write_bytes(b"not an array")
    assert [row[0] for row in _detect(tmp_path)] == ["en", "ru", "pt", "lg"]
