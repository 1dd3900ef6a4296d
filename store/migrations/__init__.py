"""Alembic migrations of the store (a package, so that every build of ailaw ships them)."""
