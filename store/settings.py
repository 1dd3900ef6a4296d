"""Store settings: where ailaw keeps its data (``AILAW_HOME``) and which database it uses."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class StoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AILAW_", env_file=".env", extra="ignore")

    home: Path = Field(default=Path("data"), description="Directory for the database, the index and archives.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default sqlite:///$AILAW_HOME/ailaw.db (WAL). "
        "PostgreSQL: postgresql+psycopg://user:pass@host/db",
    )

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.home / 'ailaw.db').resolve()}"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"
