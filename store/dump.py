"""Every table of the store as plain rows, and back: the database-independent core of export and backup/restore.

Rows are dicts of JSON-ready values (dates and times in ISO 8601, JSON columns as they are). :func:`load_rows`
turns them back into column values and inserts them with their ids, so a backup made on SQLite restores onto
PostgreSQL and back; on PostgreSQL the id sequences are moved past the restored ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables)

SKIP = frozenset({"alembic_version"})


def tables() -> list[sa.Table]:
    """The store's tables, parents before children (foreign keys)."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIP]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def dump_rows(conn: Connection, table: sa.Table) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` in primary-key order, as JSON-ready dicts."""
    order = list(table.primary_key.columns) or list(table.columns)[:1]
    for row in conn.execute(sa.select(table).order_by(*order)).mappings():
        yield {k: _plain(v) for k, v in row.items()}


def _python_type(column: sa.Column[Any]) -> type | None:
    kind = column.type.impl if isinstance(column.type, sa.TypeDecorator) else column.type  # SQLModel's UTCDateTime
    try:
        return kind.python_type  # type: ignore[return-value]
    except NotImplementedError:  # JSON and other types without one
        return None


def _typed(column: sa.Column[Any], value: Any) -> Any:
    if not isinstance(value, str):
        return value
    kind = _python_type(column)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    return value


def load_rows(conn: Connection, table: sa.Table, rows: Iterable[dict[str, Any]], *, batch: int = 500) -> int:
    """Insert ``rows`` (from :func:`dump_rows`) into ``table``; returns how many. A column that refers to the same
    table (a translation's original version) is filled in a second pass, once every row it may name exists."""
    columns = {c.name: c for c in table.columns}
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    pk = [c.name for c in table.primary_key.columns]
    later: list[dict[str, Any]] = []
    done = 0
    chunk: list[dict[str, Any]] = []
    for row in rows:
        values = {k: _typed(columns[k], v) for k, v in row.items() if k in columns}
        refs = {k: values[k] for k in self_refs if values.get(k) is not None}
        if refs:
            later.append({**{f"pk_{k}": values[k] for k in pk}, **refs})
            values.update(dict.fromkeys(refs))
        chunk.append(values)
        if len(chunk) >= batch:
            conn.execute(table.insert(), chunk)
            done += len(chunk)
            chunk = []
    if chunk:
        conn.execute(table.insert(), chunk)
        done += len(chunk)
    for refs in later:
        where = sa.and_(*(table.c[k] == refs[f"pk_{k}"] for k in pk))
        conn.execute(table.update().where(where).values({k: v for k, v in refs.items() if not k.startswith("pk_")}))
    if conn.dialect.name == "postgresql":
        for column in table.primary_key.columns:
            if isinstance(column.type, sa.Integer) and column.autoincrement is not False:
                seq = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
                                   {"t": table.name, "c": column.name}).scalar()  # fmt: skip
                if seq:
                    conn.execute(sa.text(f"SELECT setval('{seq}', coalesce((SELECT max({column.name}) FROM "
                                         f"{table.name}), 0) + 1, false)"))  # fmt: skip
    return done
