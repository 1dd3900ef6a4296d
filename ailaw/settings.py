"""All of ailaw's settings in one place, composed from each package's own settings class.

Each package reads its own section (store: data home and database; crawler: user agent, politeness, API
keys; search: index directory; alerts: SMTP, webhook secret, Telegram bot, links, retries). This module only
gathers them for the CLI (`ailaw settings`) and the docs.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic_settings import BaseSettings

from alerts.settings import AlertsSettings
from crawler.settings import CrawlerSettings
from search.settings import SearchSettings
from store.settings import StoreSettings

SECTIONS: dict[str, type[BaseSettings]] = {
    "store": StoreSettings,
    "crawler": CrawlerSettings,
    "search": SearchSettings,
    "alerts": AlertsSettings,
}


@dataclass(frozen=True)
class SettingDoc:
    section: str
    env: str
    default: str
    description: str
    secret: bool


def documented_settings() -> list[SettingDoc]:
    """Every setting with its environment variable, default and description (secrets show no value)."""
    out = []
    for section, cls in SECTIONS.items():
        prefix = str(cls.model_config.get("env_prefix", ""))
        for name, field in cls.model_fields.items():
            secret = "Secret" in str(field.annotation)
            default = "" if field.default is None or secret else str(field.default)
            out.append(SettingDoc(section, (prefix + name).upper(), default, field.description or "", secret))
    return out
