"""Commit listeners: told once per committed transaction, never for one rolled back (the UI's
"data changed" signal stands on this, desktop/ui/tasks.py)."""

from __future__ import annotations

import pytest

from desktop.models.db import connect, on_commit, transaction


@pytest.fixture
def db():
    database = connect(None)
    database.execute("CREATE TABLE t (x INTEGER)")
    yield database
    database.conn.close()


def test_once_per_committed_transaction_with_savepoints_inside(db):
    seen = []
    on_commit(db, lambda: seen.append(db.execute("SELECT count(*) FROM t").fetchone()[0]))
    with transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        with transaction(db):  # a savepoint: not a commit of its own
            db.execute("INSERT INTO t VALUES (2)")
        assert seen == []
    assert seen == [2]  # after the commit, with everything written


def test_not_for_a_rollback_and_not_after_unsubscribing(db):
    seen = []
    stop = on_commit(db, lambda: seen.append(1))
    with pytest.raises(RuntimeError), transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("listrik padam")
    assert seen == []
    stop()
    with transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
    assert seen == []


def test_a_failing_listener_does_not_undo_or_hide_the_commit(db, capsys):
    told = []
    on_commit(db, lambda: 1 / 0)
    on_commit(db, lambda: told.append(1))
    with transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 1 and told == [1]
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_listeners_belong_to_their_database(db):
    other = connect(None)
    other.execute("CREATE TABLE t (x INTEGER)")
    seen = []
    on_commit(db, lambda: seen.append("db"))
    with transaction(other):
        other.execute("INSERT INTO t VALUES (1)")
    assert seen == []
    other.conn.close()
