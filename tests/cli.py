"""Run the real `ailaw` entry point (``ailaw.cli.main``) in-process, as a user types it."""

from __future__ import annotations

import sys

import pytest


def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``ailaw ARGS…``."""
    from ailaw import cli

    monkeypatch.setattr(sys, "argv", ["ailaw", *args])
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def subprocess_env(home: object) -> dict[str, str]:
    """The environment of an `ailaw` subprocess on data home ``home``: none of the caller's AILAW_ settings but the
    store URL of a schema the test suite made for that home (``AILAW_TEST_DB=postgres``, tests/pg.py)."""
    import os

    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AILAW_") or (k == "AILAW_DATABASE_URL" and "ailaw_test_" in v)}  # fmt: skip
    env.update({"AILAW_HOME": str(home), "COLUMNS": "200"})
    return env
