"""Store settings: where ailaw keeps its data (``AILAW_HOME``) and which database it uses.

The data home is always an absolute path: a relative ``AILAW_HOME`` is resolved once, when the settings are read,
and the default does not depend on the directory a command runs from (``data/`` of the ailaw checkout when ailaw
runs from one, as after ``make demo``; else ``$XDG_DATA_HOME/ailaw``, i.e. ``~/.local/share/ailaw``). Paths stored
in the database (the WARC file behind a version, a crawl run's archive) are relative to the home when they lie
inside it, so a home can be moved or restored elsewhere (:meth:`StoreSettings.stored_path` / ``resolve_path``).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_CHECKOUT = Path(__file__).resolve().parent.parent


def default_home() -> Path:
    """``data/`` of the ailaw checkout (a source install), else ``$XDG_DATA_HOME/ailaw``."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "crawler").is_dir():
        return _CHECKOUT / "data"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ailaw"


class StoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AILAW_", env_file=".env", extra="ignore")

    home: Path = Field(
        default_factory=default_home,
        description="Directory for the database, the index, the archives and the HTTP cache (made absolute; "
        "default: data/ of the ailaw checkout, else ~/.local/share/ailaw).",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default sqlite:///$AILAW_HOME/ailaw.db (WAL). "
        "PostgreSQL: postgresql+psycopg://user:pass@host/db",
    )

    @field_validator("home", mode="after")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'ailaw.db'}"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    def stored_path(self, path: str | Path) -> str:
        """How a file path is stored: relative to the home when inside it, else absolute.

        >>> StoreSettings(home="/srv/ailaw").stored_path("/srv/ailaw/archive/a.warc.gz")
        'archive/a.warc.gz'
        >>> StoreSettings(home="/srv/ailaw").stored_path("/opt/demo.warc.gz")
        '/opt/demo.warc.gz'
        """
        absolute = Path(path).expanduser().resolve()
        try:
            return absolute.relative_to(self.home).as_posix()
        except ValueError:
            return str(absolute)

    def resolve_path(self, stored: str | Path) -> Path:
        """The absolute path of a stored path (relative ones are inside the home)."""
        p = Path(stored)
        return p if p.is_absolute() else self.home / p
