"""Alerts settings: the SMTP server, the webhook signing secret, the Telegram bot, where links point, retries.

Secrets (the SMTP password, the webhook secret, the Telegram bot token, operator alert URLs) have no default, come
from the environment or ``.env``, and are never logged or stored in the database.
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class AlertsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AILAW_", env_file=".env", extra="ignore")

    smtp_host: str | None = Field(default=None, description="SMTP server that sends alert e-mails.")
    smtp_port: int = Field(
        default=587, description="SMTP port (587 with STARTTLS, 465 with SSL, 25 on a trusted relay)."
    )
    smtp_security: str = Field(
        default="starttls", description="starttls | ssl | none (none only for a relay on a trusted network)."
    )
    smtp_user: str | None = Field(default=None, description="SMTP user name, when the server wants a login.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password.")
    smtp_from: str | None = Field(default=None, description="Sender address of alert e-mails, e.g. alerts@example.org.")
    webhook_secret: SecretStr | None = Field(
        default=None,
        description="Signing secret of webhooks (Standard Webhooks: base64, optionally prefixed whsec_).",
    )
    telegram_bot_token: SecretStr | None = Field(default=None, description="Telegram bot token for Telegram alerts.")
    operator_alert_urls: SecretStr | None = Field(
        default=None,
        description="Where operator alerts go (a sick source): apprise URLs separated by spaces, or an e-mail address.",
    )
    alerts_base_url: str = Field(
        default="http://127.0.0.1:8501", description="Address of the ailaw UI that alert links point to."
    )
    alerts_allow_private_targets: bool = Field(
        default=False,
        description="Allow webhook targets in private, loopback or link-local address ranges (a test bench).",
    )
    alerts_max_attempts: int = Field(default=10, description="Tries of one delivery before it is marked failed.")
    alerts_backoff_base: float = Field(default=60.0, description="Seconds before the first retry; doubles each retry.")
    alerts_backoff_max: float = Field(default=21600.0, description="Longest wait between two retries, seconds.")
    alerts_digest_hour: int = Field(
        default=8, description="Local hour (subscriber's time zone) at which daily and weekly digests are sent."
    )
    alerts_cap: int = Field(default=20, description="Default number of entries per alert before an 'N more' line.")
    alerts_timeout: float = Field(default=20.0, description="Seconds to wait for an SMTP or webhook server.")
