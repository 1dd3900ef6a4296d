"""Where alerts may go: e-mail addresses, and webhook URLs that are not on a private network.

A webhook is a request ailaw makes on behalf of whoever added the subscription. Pointing it at 127.0.0.1, at a
10.x / 192.168.x host or at a cloud metadata address (169.254.169.254) would let a subscriber reach machines
behind ailaw's firewall, so such targets are refused — when the subscription is added and again before each send
(a name may resolve differently later) — unless ``AILAW_ALERTS_ALLOW_PRIVATE_TARGETS`` allows them.

>>> check_email("alice@example.org")
'alice@example.org'
>>> refused_address("127.0.0.1"), refused_address("169.254.169.254"), refused_address("10.1.2.3")
('loopback', 'link-local', 'private')
>>> refused_address("93.184.215.14") is None
True
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from store.errors import AilawError

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


class TargetError(AilawError):
    """An alert target is malformed or not allowed."""


def check_email(address: str) -> str:
    address = address.strip()
    if not _EMAIL.match(address):
        raise TargetError(f"{address!r} is not an e-mail address.", code="email_invalid", address=address)
    return address


def refused_address(ip: str) -> str | None:
    """Why an IP address is no place for a webhook (loopback, private, link-local…), or None."""
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for why, test in (("loopback", addr.is_loopback), ("link-local", addr.is_link_local),
                      ("private", addr.is_private), ("multicast", addr.is_multicast),
                      ("unspecified", addr.is_unspecified), ("reserved", addr.is_reserved)):  # fmt: skip
        if test:
            return why
    return None


def check_webhook(url: str, *, allow_private: bool, resolve: bool = True) -> str:
    """The URL if a webhook may be sent there; else TargetError with one sentence."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetError(f"{url!r} is not an http(s) URL.", code="webhook_not_http", url=url)
    if parts.username or parts.password:
        raise TargetError("a webhook URL must not carry a user name or password; the request is signed instead.",
                          code="webhook_credentials")  # fmt: skip
    if allow_private or not resolve:
        return url
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)  # fmt: skip
    except socket.gaierror as exc:
        raise TargetError(f"the webhook host {parts.hostname} does not resolve ({exc.strerror}).",
                          code="webhook_unresolved", host=parts.hostname, reason=exc.strerror) from None  # fmt: skip
    for info in infos:
        why = refused_address(str(info[4][0]))
        if why:
            raise TargetError(
                f"the webhook host {parts.hostname} is a {why} address ({info[4][0]}); ailaw does not send webhooks "
                "into private networks (AILAW_ALERTS_ALLOW_PRIVATE_TARGETS=true allows it on a test bench).",
                code="webhook_private",
                host=parts.hostname,
                why=why,
                ip=str(info[4][0]),
            )
    return url


def check_telegram_chat(chat: str) -> str:
    """A Telegram chat id (-1001234567890, 123456789) or @channel name."""
    chat = chat.strip()
    if not re.fullmatch(r"-?\d{5,20}|@[A-Za-z][A-Za-z0-9_]{4,31}", chat):
        raise TargetError(f"{chat!r} is not a Telegram chat id or @channel name.", code="telegram_invalid", chat=chat)
    return chat
