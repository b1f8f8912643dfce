"""Connecting to the kabupaten's PostgreSQL: URLs, the connection pool, and the schema (Alembic)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from desktop.sync.errors import ReceiverUnavailable, SyncError

# Alembic loads the revisions by file path; the folder is not a Python package on purpose (importing
# env.py outside Alembic would fail).
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


def sqlalchemy_url(url: str) -> str:
    """Alembic speaks SQLAlchemy: the same URL, with the psycopg 3 driver named."""
    rest = url.split("://", 1)[1]
    return f"postgresql+psycopg://{rest}"


def migrate(url: str) -> str:
    """Bring the receiver's schema up to the newest revision; returns that revision."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
    command.upgrade(config, "head")
    return ScriptDirectory.from_config(config).get_current_head() or ""


def current_revision(conn: Any) -> str | None:
    row = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    if not row[0]:
        return None
    found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return found[0] if found else None


def group_roles(database: str) -> tuple[str, str]:
    """(every office's group role, the dashboard's role) of one receiver database; the same formula as
    migration r0001, which created them."""
    tag = hashlib.sha256(database.encode("utf-8")).hexdigest()[:12]
    return f"loket_office_{tag}", f"loket_dashboard_{tag}"


def office_role(database: str, office_code: str) -> str:
    """The database role an office's batches are written as (roles are cluster-wide: the database
    name is part of the hash, so two receiver databases in one cluster never share a role)."""
    digest = hashlib.sha256(f"{database}\x00{office_code}".encode()).hexdigest()[:24]
    return f"lk_{digest}"


def open_pool(url: str, *, min_size: int = 1, max_size: int = 4) -> Any:
    """A small pool of autocommit-off connections; refuses a database without the receiver schema."""
    import psycopg
    from psycopg_pool import ConnectionPool

    try:
        pool = ConnectionPool(url, min_size=min_size, max_size=max_size, open=True, timeout=30,
                              kwargs={"autocommit": False})
        with pool.connection() as conn:
            if current_revision(conn) is None:
                pool.close()
                raise SyncError("Basis data PostgreSQL ini belum disiapkan untuk penerima Loket. Jalankan dulu: "
                                "loket kabupaten init --database URL --code KODE --name NAMA --key-file BERKAS")
    except psycopg.OperationalError as exc:
        raise ReceiverUnavailable(f"PostgreSQL tidak dapat dihubungi: {exc}".strip()) from exc
    return pool
