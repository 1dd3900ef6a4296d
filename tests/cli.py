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
