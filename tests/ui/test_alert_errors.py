"""Every error that alert management raises has a code, and every code a Russian sentence (ui.i18n_alerts)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from alerts.targets import TargetError, check_email, check_webhook
from store.errors import AlertDeliveryError
from ui.i18n import alert_error_in
from ui.i18n_alerts import ALERT_ERRORS_RU

ALERTS = Path(__file__).resolve().parents[2] / "alerts"
RAISED = {"TargetError", "NotFoundError", "AlertDeliveryError", "AilawError"}


def _raises() -> list[tuple[str, int, ast.Call]]:
    out = []
    for path in sorted(ALERTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in RAISED:
                out.append((path.name, node.lineno, call))
    return out


def test_every_error_alerts_raise_has_a_code_with_a_russian_sentence() -> None:
    raises = _raises()
    assert len(raises) > 30, len(raises)
    codes = set()
    for name, line, call in raises:
        code = next((k.value for k in call.keywords if k.arg == "code"), None)
        assert code is not None, f"alerts/{name}:{line} raises without a code"
        if isinstance(code, ast.Constant):
            codes.add(code.value)
    codes |= {"unknown_kind", "unknown_channel", "unknown_frequency"}  # code=f"unknown_{what}"
    missing = codes - set(ALERT_ERRORS_RU) - {"query"}  # a refused search: the search's own sentence
    assert not missing, missing
    assert not set(ALERT_ERRORS_RU) - codes - {"query"}, "a sentence for a code nothing raises"


def test_a_russian_sentence_escapes_what_the_user_typed_and_keeps_the_english_one_for_the_cli() -> None:
    with pytest.raises(TargetError) as caught:
        check_email("[x](javascript:alert(1))")
    assert str(caught.value) == "'[x](javascript:alert(1))' is not an e-mail address."
    said = alert_error_in(caught.value, "ru")
    assert said == "«\\[x\\]\\(javascript\\:alert\\(1\\)\\)» — не адрес электронной почты."
    assert (
        alert_error_in(caught.value, "en")
        == "\\'\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\' is not an e\\-mail address\\."
    )
    with pytest.raises(TargetError) as caught:
        check_webhook("ftp://example.org/hook", allow_private=False)
    assert alert_error_in(caught.value, "ru") == "«ftp\\:\\/\\/example\\.org\\/hook» — не адрес http(s)."


def test_an_error_without_a_code_is_its_english_sentence() -> None:
    assert alert_error_in(AlertDeliveryError("the SMTP server said no."), "ru") == "the SMTP server said no\\."
