"""The few named errors of ailaw. A user sees one sentence (the message); ``--debug`` shows the traceback."""


class AilawError(Exception):
    """Base of every error ailaw reports to a user."""


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
