"""Search settings: where the Whoosh index lives (``AILAW_INDEX_DIR``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from store.settings import StoreSettings


class SearchSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AILAW_", env_file=".env", extra="ignore")

    index_dir: Path | None = Field(
        default=None,
        description="Directory of the Whoosh full-text index (derived from the database; `ailaw index --rebuild` "
        "recreates it). Default: $AILAW_HOME/index.",
    )

    def resolved_index_dir(self) -> Path:
        """The configured index directory, or ``$AILAW_HOME/index``."""
        return self.index_dir if self.index_dir is not None else StoreSettings().home / "index"


def index_dir_or_default(index_dir: Path | None) -> Path:
    """An explicit directory wins over the settings (tests and the bench pass one)."""
    return Path(index_dir) if index_dir is not None else SearchSettings().resolved_index_dir()


def cache_dir_for(index_dir: Path) -> Path:
    """Where search keeps what it derives once and what outlives an index rebuild (which swaps the index directory):
    the thesaurus's analysed labels and the CJK texts' analysed pieces, in ``cache/`` beside the index directory
    (``$AILAW_HOME/cache`` by default, with the OCR cache)."""
    return Path(index_dir).resolve().parent / "cache"
