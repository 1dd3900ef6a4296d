"""The few named errors of ailaw. A user sees one sentence (the message); ``--debug`` shows the traceback."""

from __future__ import annotations

from typing import Any


class AilawError(Exception):
    """Base of every error ailaw reports to a user.

    The message is the English sentence (the CLI's). An error that a page shows in another language also has a
    ``code``, stable across wordings, and the ``params`` its sentence is made of (a user's or a source's text, kept
    apart so that a translation can escape them):

    >>> err = AilawError("'x' is not an e-mail address.", code="email_invalid", address="x")
    >>> str(err), err.code, err.params
    ("'x' is not an e-mail address.", 'email_invalid', {'address': 'x'})
    """

    def __init__(self, message: str = "", /, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class FetchError(AilawError):
    """A source could not be fetched (network, HTTP status, archive miss)."""


class ParseError(AilawError):
    """A response could not be read as the format its source documents."""


class StoreError(AilawError):
    """The database refused a write or a read."""


class QueryError(AilawError):
    """A search query is malformed; the message says what to change."""


class AlertDeliveryError(AilawError):
    """An alert could not be delivered."""


class NotFoundError(AilawError):
    """A document, version or source does not exist."""
