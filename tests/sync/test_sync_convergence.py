"""Random interleavings of export, import, duplicate and loss converge to the same kecamatan state."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import jsonutil, outbox
from desktop.models.clock import WIB, FixedClock
from desktop.models.db import transaction
from desktop.sync import outbound
from desktop.sync.errors import SyncError
from tests.identities import FAST_KDF, admin_actor
from tests.sync.sync_helpers import KEL, link, make_kecamatan, make_kelurahan, open_office


@pytest.fixture(scope="module")
def pair_files(tmp_path_factory, seeded_template):
    folder = tmp_path_factory.mktemp("pair")
    clock = FixedClock(datetime(2026, 11, 24, 8, 30, tzinfo=WIB))
    kel, kec = make_kelurahan(folder, seeded_template, clock), make_kecamatan(folder, seeded_template, clock)
    link(kel, kec)
    paths = []
    for s in (kel, kec):
        paths.append(s.db.execute("PRAGMA database_list").fetchone()[2])
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        s.db.conn.close()
    return paths


def _change(kel, n: int) -> None:
    """A letter issued and, now and then, the same record changing again (latest state must win)."""
    with transaction(kel.db):
        count = kel.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        entity_id = f"surat-{(count + n) % 7}"
        outbox.append(kel.db, kel.clock, KEL, "register", entity_id, "terbit",
                      {"number": f"470/{count + 1:03d}", "status": "TERBIT" if n % 3 else "BATAL"})


def _expected_mirror(kel):
    latest = {}
    for seq, entity, entity_id, payload in kel.db.execute(
            "SELECT seq, entity, entity_id, payload FROM outbox ORDER BY seq"):
        latest[(entity, entity_id)] = (seq, jsonutil.loads(payload))
    return latest


ACTIONS = st.lists(st.tuples(st.sampled_from(["change", "export", "import", "duplicate", "lose", "receipt",
                                              "lose_receipt"]), st.integers(0, 20)), max_size=30)


def _bring_device_secrets(pair_files, folder) -> None:
    """The same PCs: their device secrets come along (a copied database alone cannot sign)."""
    for p in pair_files:
        for secret in Path(p).parent.glob("*.kunci-perangkat"):
            shutil.copy(secret, folder / secret.name)


def _interleave(kel, up, clock, actions) -> None:
    """Play `actions` on the flashdisk between the kelurahan and the receiver `up`, then let the line
    work properly: both ends must agree record for record."""
    stick: list[bytes] = []  # batch files on the flashdisk, in any state of freshness
    receipts: list[bytes] = []
    for action, n in actions:
        clock.advance(minutes=1)
        if action == "change":
            _change(kel, n)
        elif action == "export":
            data = outbound.pending_batch(kel)
            if data is not None:
                stick.append(data)
        elif action in ("import", "duplicate") and stick:
            data = stick[n % len(stick)]
            receipts.append(up.receive(data).receipt_bytes)
            if action == "import":
                stick.remove(data)
        elif action == "lose" and stick:
            stick.pop(n % len(stick))
        elif action == "receipt" and receipts:
            outbound.accept_receipt(kel, receipts.pop(n % len(receipts)))
        elif action == "lose_receipt" and receipts:
            receipts.pop(n % len(receipts))
    for _ in range(5):
        data = outbound.pending_batch(kel)
        if data is None:
            break
        outbound.accept_receipt(kel, up.receive(data).receipt_bytes)
    assert outbound.pending_batch(kel) is None
    expected = [tuple(r) for r in kel.db.execute(
        "SELECT seq, uuid, entity, entity_id, op, payload FROM outbox ORDER BY seq")]
    events = up._rows("SELECT seq, uuid, entity, entity_id, op, payload FROM sync_events WHERE office_code = ? "
                      "ORDER BY seq", [KEL])
    assert [e[:5] for e in events] == [e[:5] for e in expected]
    assert [jsonutil.loads(e[5]) for e in events] == [jsonutil.loads(e[5]) for e in expected]
    mirror = {(e, i): (seq, jsonutil.loads(p)) for e, i, seq, p in up._rows(
        "SELECT entity, entity_id, seq, payload FROM sync_mirror WHERE office_code = ?", [KEL])}
    assert mirror == _expected_mirror(kel)
    assert up.state()[1] == len(expected)  # nothing counted twice


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_any_interleaving_converges(pair_files, tmp_path_factory, actions):
    from tests.sync.backends import SqliteUpstream

    folder = tmp_path_factory.mktemp("run")
    clock = FixedClock(datetime(2026, 11, 24, 8, 30, tzinfo=WIB))
    paths = [shutil.copy(p, folder / f"{i}.sqlite3") for i, p in enumerate(pair_files)]
    _bring_device_secrets(pair_files, folder)
    kel = open_office(paths[0], clock, kdf=FAST_KDF)
    up = SqliteUpstream(open_office(paths[1], clock, kdf=FAST_KDF))
    try:
        _interleave(kel, up, clock, actions)
    except SyncError as exc:  # pragma: no cover - a clear message is still a failure here
        pytest.fail(str(exc))
    finally:
        kel.db.conn.close()
        up.close()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_any_interleaving_converges_on_postgresql(pair_files, tmp_path_factory, pg_server, pg_receiver_template,
                                                  actions):
    from desktop.sync.peers import ROLE_KECAMATAN, PeerRepository
    from tests.sync.backends import PostgresUpstream

    template, key_file = pg_receiver_template
    name = pg_server.new_database(template)
    folder = tmp_path_factory.mktemp("run")
    clock = FixedClock(datetime(2026, 11, 24, 8, 30, tzinfo=WIB))
    _bring_device_secrets(pair_files, folder)
    kel = open_office(shutil.copy(pair_files[0], folder / "kel.sqlite3"), clock, kdf=FAST_KDF)
    up = PostgresUpstream(pg_server.url(name), key_file, clock)
    try:
        up.enroll(KEL, kel.office_keys.public_key())
        PeerRepository(kel.db, clock).enroll("KNG", up.public_key, admin_actor(kel), role=ROLE_KECAMATAN)
        _interleave(kel, up, clock, actions)
    except SyncError as exc:  # pragma: no cover - a clear message is still a failure here
        pytest.fail(str(exc))
    finally:
        kel.db.conn.close()
        up.close()
        pg_server.admin(f'DROP DATABASE "{name}" WITH (FORCE)')
