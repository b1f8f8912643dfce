"""The kabupaten's receiver on PostgreSQL: offices kept apart, monthly reports, the set-up commands."""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import threading
from datetime import datetime

import httpx
import psycopg
import pytest
from psycopg import sql

from desktop.cli import main
from desktop.models.clock import WIB
from desktop.models.reports.travel import ReportRefused
from desktop.sync import client, protocol, server
from desktop.sync.batch import Record
from desktop.sync.errors import BatchCorrupt
from tests.kabupaten.conftest import enroll_all, rows
from tests.kabupaten.fake_offices import FakeOffice, make_offices

RECEIVER = "KNG"


def deliver(store, office, records):
    result = protocol.receive(store, office.batch(records, RECEIVER, store.identity.public_key))
    office.acked = result.receipt.acked_seq
    return result


def test_nothing_crosses_between_offices(kabupaten):
    offices = make_offices(3)
    enroll_all(kabupaten, offices)
    rng = random.Random(3)
    sent = {o.code: o.month(2026, 11, 40, rng) for o in offices}
    # A's stream also carries a record that claims to be B's: it is stored as A's, nowhere else.
    a, b, c = offices
    claim = a._record("register", "palsu", "terbit", "2026-11-30T10:00:00+07:00",
                      {"office_code": b.code, "subject": "SURAT PALSU", "status": "terbit", "letter_date": "2026-11-30"})
    sent[a.code].append(claim)
    threads = [threading.Thread(target=deliver, args=(kabupaten, o, sent[o.code])) for o in offices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for office in offices:
        stored = rows(kabupaten, "SELECT seq, uuid FROM sync_events WHERE office_code = %s ORDER BY seq", [office.code])
        assert stored == [(r.seq, r.uuid) for r in sent[office.code]]
    assert rows(kabupaten, "SELECT office_code FROM sync_mirror WHERE entity_id = 'palsu'") == [(a.code,)]
    # A report in A's stream for B's office refuses A's batch, whole.
    before = rows(kabupaten, "SELECT count(*) FROM sync_events")
    forged = a.monthly_report("2026-11", "2026-12-01T08:00:00+07:00")
    forged.payload["office_code"] = b.code
    with pytest.raises(ReportRefused):
        deliver(kabupaten, a, [forged])
    assert rows(kabupaten, "SELECT count(*) FROM sync_events") == before
    assert rows(kabupaten, "SELECT count(*) FROM report_arrivals") == [(0,)]


def test_the_database_itself_refuses_another_offices_rows(kabupaten):
    """Row-level security: under office A's role, B's rows can be neither seen, written nor changed."""
    a, b = make_offices(2)
    enroll_all(kabupaten, [a, b])
    deliver(kabupaten, b, b.month(2026, 11, 5, random.Random(1)))
    role_a = rows(kabupaten, "SELECT db_role FROM offices WHERE office_code = %s", [a.code])[0][0]
    with psycopg.connect(kabupaten.url) as conn:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role_a)))
        assert conn.execute("SELECT count(*) FROM sync_events").fetchone()[0] == 0  # B's rows are invisible
        assert conn.execute("SELECT office_code FROM offices").fetchall() == [(a.code,)]
        assert conn.execute("UPDATE offices SET in_last_seq = 0 WHERE office_code = %s", [b.code]).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO sync_events (office_code, seq, uuid, at, entity, entity_id, op, payload, "
                         "batch_id) VALUES (%s, 999, 'x', 'x', 'register', 'x', 'x', '{}', 'x')", [b.code])
        conn.rollback()
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role_a)))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE offices SET public_key = 'x' WHERE office_code = %s", [a.code])  # its own key: no
        conn.rollback()
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(kabupaten.identity.dashboard_role)))
        assert conn.execute("SELECT count(*) FROM sync_events").fetchone()[0] > 0  # the dashboard reads all
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM sync_events")  # and changes nothing
    assert rows(kabupaten, "SELECT in_last_seq FROM offices WHERE office_code = %s", [b.code])[0][0] == b.seq


def test_a_payload_postgresql_text_cannot_hold_is_still_kept(kabupaten):
    office = make_offices(1)[0]
    enroll_all(kabupaten, [office])
    odd = office._record("application", "nul", "submit", "2026-11-03T08:00:00+07:00",
                         {"service_name": "Surat\x00 Keterangan", "status": "diajukan",
                          "applicant_name": "\x00\ud7ff\u2028"})
    assert deliver(kabupaten, office, [odd]).receipt.status == "applied"
    assert rows(kabupaten, "SELECT kind FROM sync_mirror WHERE entity_id = 'nul'") == [("Surat Keterangan",)]


def test_a_kelurahans_monthly_pack_arrives_at_the_kabupaten(linked_kabupaten):
    from desktop.models.reports.period import ReportPeriod
    from desktop.printing.reports.monthly_send import send_monthly_report
    from desktop.sync import outbound
    from tests.sync.sync_helpers import KEL, user

    kel, store = linked_kabupaten
    kel.register.add_manual(user(kel, "petugas"), classification="470", subject="Surat Keterangan",
                            recipient="Warga", signer_name="Lurah")
    kel.clock.advance(days=8)
    send_monthly_report(kel, user(kel, "lurah"), ReportPeriod.month(2026, 11))
    result = protocol.receive(store, outbound.pending_batch(kel))
    assert result.receipt.status == "applied"
    assert rows(store, "SELECT office_code, period, revision FROM report_arrivals") == [(KEL, "2026-11", 1)]


@pytest.fixture
def linked_kabupaten(kel, kabupaten):  # noqa: F811
    from tests.sync.backends import link_upstream

    class Up:  # the store seen through the upstream adapter's two calls
        public_key = kabupaten.identity.public_key

        @staticmethod
        def enroll(code, key, name=""):
            with psycopg.connect(kabupaten.url) as conn:
                from desktop.sync.postgres.offices import enroll

                enroll(conn, code, key, kabupaten.now(), name=name)

    link_upstream(kel, Up)
    return kel, kabupaten


def test_set_up_commands_and_serve(pg_server, tmp_path, capsys):
    """As the README sets it up: a database owned by a role that may create roles, not a superuser."""
    pg_server.admin("CREATE ROLE kab_owner LOGIN CREATEROLE")
    name = "kabupaten_readme"
    pg_server.admin(f"CREATE DATABASE {name} OWNER kab_owner")
    url, key = pg_server.url(name).replace("loket@", "kab_owner@"), tmp_path / "kabupaten.key"
    assert main(["kabupaten", "init", "--database", url, "--code", "424", "--name", "Kabupaten Pasuruan",
                 "--key-file", str(key)]) == 0
    public = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(public) == 43 and oct(key.stat().st_mode)[-3:] == "600"
    assert main(["kabupaten", "init", "--database", url, "--code", "999", "--name", "Lain",
                 "--key-file", str(key)]) == 1  # the database belongs to 424
    assert "sudah milik penerima 424" in capsys.readouterr().err
    office = FakeOffice("35.14.01.2001", "Kelurahan Kalirejo", "Kecamatan Bangil")
    assert main(["kabupaten", "enroll", "--database", url, "--code", office.code, "--name", office.name,
                 f"--key={office.public_key}", "--kecamatan", office.kecamatan]) == 0  # a key may start with "-"
    assert main(["kabupaten", "enroll", "--database", url, "--code", "X", "--key", "pendek"]) == 1
    assert "tidak sah" in capsys.readouterr().err
    main(["kabupaten", "offices", "--database", url])
    assert "35.14.01.2001" in capsys.readouterr().out
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "serve", "--database", url, "--key-file", str(key),
                             "--port", str(port), "--threads", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            if client.reachable(base, timeout=0.2):
                break
            proc.poll()
            assert proc.returncode is None, proc.stderr.read()
            threading.Event().wait(0.1)
        assert httpx.get(base + "/health").json() == {"status": "ok"}
        records = office.month(2026, 11, 3, random.Random(2))
        data = office.batch(records, "424", public)
        assert httpx.post(base + "/batch", content=data).status_code == 401  # unsigned: not even read
        answer = httpx.post(base + "/batch", content=data,
                            headers=office.headers(data, "424", datetime.now(WIB))).json()
        assert "diterima" in answer["message"] and answer["downlink"] is None
        assert httpx.get(base + "/dashboard").status_code == 404  # no dashboard password set
    finally:
        proc.terminate()
        proc.wait(10)
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM sync_events").fetchone()[0] == len(records)


def test_records_outside_the_schema_refuse_the_batch_whole(kabupaten):
    """As at the kecamatan (sync/record_schemas.py): an unknown kind or field is refused before anything
    of the batch is stored, and the office's stream stays where it was."""
    office = make_offices(1)[0]
    enroll_all(kabupaten, [office])
    good = office.month(2026, 11, 2, random.Random(4))
    odd = office._record("survey", "s1", "isi", "2026-11-03T08:00:00+07:00", {"nilai": [1, 2, {"x": None}]})
    with pytest.raises(BatchCorrupt, match="tidak dikenal"):
        deliver(kabupaten, office, [*good, odd])
    assert isinstance(odd, Record) and rows(kabupaten, "SELECT count(*) FROM sync_events") == [(0,)]
    assert rows(kabupaten, "SELECT in_last_seq FROM offices") == [(0,)]


def test_start_background_serves_the_same_protocol(kabupaten):
    office = make_offices(1)[0]
    enroll_all(kabupaten, [office])
    running = server.start_background(kabupaten, threads=4)
    try:
        records = office.month(2026, 11, 5, random.Random(5))
        data = office.batch(records, RECEIVER, kabupaten.identity.public_key)
        now = kabupaten.clock.now()
        first = httpx.post(running.url + "/batch", content=data, headers=office.headers(data, RECEIVER, now))
        again = httpx.post(running.url + "/batch", content=data, headers=office.headers(data, RECEIVER, now))
        assert first.status_code == 200 and again.status_code == 200
        assert "tidak dimasukkan dua kali" in again.json()["message"]
        replayed = httpx.post(running.url + "/batch", content=data, headers=dict(first.request.headers))
        assert replayed.status_code == 403  # the same signed request played again
        stranger = make_offices(2)[1]
        assert httpx.post(running.url + "/batch", content=data,
                          headers=stranger.headers(data, RECEIVER, now)).status_code == 403
    finally:
        running.stop()


def test_a_database_that_went_away_answers_503_and_the_office_keeps_its_data(pg_server, pg_receiver_template,
                                                                             kel, kab_clock):  # noqa: F811
    from desktop.sync import outbound
    from desktop.sync.errors import TransportError
    from desktop.sync.postgres.store import PostgresStore
    from tests.sync.sync_helpers import KEC, submit

    template, key_file = pg_receiver_template
    name = pg_server.new_database(template)
    store = PostgresStore.open(pg_server.url(name), key_file, kab_clock)
    running = server.start_background(store)
    try:
        from desktop.sync.peers import ROLE_KECAMATAN, PeerRepository
        from tests.identities import admin_actor

        PeerRepository(kel.db, kel.clock).enroll(KEC, store.identity.public_key, admin_actor(kel),
                                                 role=ROLE_KECAMATAN, url=running.url)
        submit(kel)
        pg_server.admin(f'DROP DATABASE "{name}" WITH (FORCE)')  # the server's disk is gone, say
        delays: list[float] = []
        with pytest.raises(TransportError, match="galat 503"):
            client.push(kel, attempts=2, sleep=delays.append)
        assert delays == [1.0] and outbound.pending_count(kel) == len(kel.db.execute("SELECT seq FROM outbox").fetchall())
    finally:
        running.stop()
        store.close()
