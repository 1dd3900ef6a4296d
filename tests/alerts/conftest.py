"""Real local servers for the alert tests — an SMTP server (aiosmtpd) and an HTTP webhook receiver, both on
127.0.0.1 and a free port — and the settings that point ailaw at them."""

from __future__ import annotations

import base64
import email
import email.policy
import json
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """aiosmtpd on a fixed free port, so that it can be stopped and started again at the same address.

    ``stop_after``: after that many accepted messages the server goes down — it answers 421 (closing) at once and
    stops listening — as a mail server restarting in the middle of a send would.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[email.message.EmailMessage] = []
        self.stop_after: int | None = None
        self._controller: Any = None
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            if self.stop_after is not None and len(self.messages) >= self.stop_after:
                return "421 4.3.2 Service shutting down"
            msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(msg)  # type: ignore[arg-type]
            if self.stop_after is not None and len(self.messages) >= self.stop_after:
                threading.Thread(target=self.stop, daemon=True).start()
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def body_of(msg: email.message.EmailMessage, subtype: str = "html") -> str:
    part = msg.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A webhook receiver: records every POST; answers ``status``."""

    url: str
    requests: list[Received] = field(default_factory=list)
    status: int = 200
    server: Any = None


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            box.requests.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(box.status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.server = server
    box.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/ailaw"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box
    server.shutdown()
    server.server_close()


WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"ailaw test webhook secret 32 bytes!").decode()
SMTP_PASSWORD = "s3cret-smtp-Pa55"


@pytest.fixture
def alerts_settings(monkeypatch: pytest.MonkeyPatch, smtp: SmtpServer) -> dict[str, str]:
    """Point ailaw's alerts at the local SMTP server; sign webhooks; allow loopback webhook targets."""
    env = {
        "AILAW_SMTP_HOST": "127.0.0.1",
        "AILAW_SMTP_PORT": str(smtp.port),
        "AILAW_SMTP_SECURITY": "none",
        "AILAW_SMTP_FROM": "alerts@ailaw.example.org",
        "AILAW_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "AILAW_ALERTS_ALLOW_PRIVATE_TARGETS": "true",
        "AILAW_ALERTS_BASE_URL": "https://ailaw.example.org",
        "AILAW_ALERTS_BACKOFF_BASE": "60",
        "AILAW_ALERTS_DIGEST_HOUR": "0",
        "AILAW_ALERTS_TIMEOUT": "5",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for key in ("AILAW_SMTP_USER", "AILAW_SMTP_PASSWORD", "AILAW_TELEGRAM_BOT_TOKEN", "AILAW_OPERATOR_ALERT_URLS"):
        monkeypatch.delenv(key, raising=False)
    assert os.environ["AILAW_SMTP_PORT"] == str(smtp.port)
    return env


@pytest.fixture
def act(ailaw_home):
    """A fresh home with one AI act (``tests.alerts.test_match.DOC``) and its first version."""
    import datetime as dt

    from tests.alerts.test_match import _store_document, _store_version
    from tests.compare.texts import OLD_ACT

    _store_document()
    _store_version(OLD_ACT, "proposal", dt.date(2021, 4, 21))
    return ailaw_home
