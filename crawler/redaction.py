"""Secrets never reach a log line or an archive.

Two guards, both installed by the crawl itself:

- every log record of the crawl process is rendered and stripped of the configured secret values (the State Duma
  API keys travel in the URL, and Scrapy names URLs in its own messages, e.g. «Gave up retrying <GET …>»);
- the archive records a response under the spider's redacted URL (``spider.redact_url``), so a live WARC holds
  the placeholders a replay asks for, never the keys.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

MASK = "***"
_installed: list[Callable[..., logging.LogRecord]] = []


def configured_secrets() -> list[str]:
    """The secret values set in the environment or .env (every ``SecretStr`` setting of the crawler)."""
    from pydantic import SecretStr

    from crawler.settings import crawler_settings

    cs = crawler_settings()
    values = [getattr(cs, name) for name in type(cs).model_fields]
    return [v.get_secret_value() for v in values if isinstance(v, SecretStr) and v.get_secret_value()]


def mask(text: str, secrets: Iterable[str]) -> str:
    """``text`` with each secret replaced by ``***``, longest first (one key may contain another).

    >>> mask("GET http://api.duma.gov.ru/api/abc123/search.json?app_token=app456", ["abc123", "app456"])
    'GET http://api.duma.gov.ru/api/***/search.json?app_token=***'
    """
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, MASK)
    return text


def install_log_masking(secrets: Iterable[str] | None = None) -> None:
    """Mask the secrets in every log record created from now on in this process (all loggers, all handlers)."""
    values = [s for s in (configured_secrets() if secrets is None else list(secrets)) if s]
    uninstall_log_masking()
    if not values:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed log call: leave it to the handler to report
            return record
        masked = mask(message, values)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    _installed.append(previous)
    logging.setLogRecordFactory(factory)


def uninstall_log_masking() -> None:
    while _installed:
        logging.setLogRecordFactory(_installed.pop())


def archived_url(url: str, spider: Any) -> str:
    """The URL a response is archived under: the spider's redacted form when it has one."""
    redact = getattr(spider, "redact_url", None)
    return redact(url) if callable(redact) else url
