"""The kabupaten receiver on a fresh PostgreSQL database per test, its clock on 2 December 2026."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest

from desktop.models.clock import WIB, FixedClock
from desktop.sync.postgres.offices import enroll
from desktop.sync.postgres.store import PostgresStore
from tests.sync.sync_helpers import kec, kel, linked  # noqa: F401 - fixtures


@pytest.fixture
def kab_clock():
    return FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))


@pytest.fixture
def kabupaten(pg_database, kab_clock):
    url, key_file = pg_database
    store = PostgresStore.open(url, key_file, kab_clock, dashboard_password="rahasia-dasbor")
    store.url = url  # for the tests' own look-ups
    yield store
    store.close()


def enroll_all(store, offices) -> None:
    with psycopg.connect(store.url) as conn:
        for office in offices:
            enroll(conn, office.code, office.public_key, store.now(), name=office.name, kecamatan=office.kecamatan)


def rows(store, query: str, args=()) -> list[tuple]:
    with psycopg.connect(store.url) as conn:
        return [tuple(r) for r in conn.execute(query, list(args)).fetchall()]
