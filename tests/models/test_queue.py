"""The walk-in queue: numbering, calling, skip/restore, transfer, estimates, restart safety."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from desktop.models import audit
from desktop.models.clock import WIB, FixedClock
from desktop.models.db import open_database
from desktop.models.errors import LoketError, ValidationError
from desktop.models.queue.tickets import NoCurrentTicket, QueueEmpty, QueueError, QueueService, TicketStatus
from desktop.models.users.accounts import NewUser
from desktop.models.users.roles import Role
from tests.identities import PIN, staff

ADMIN: audit.Actor  # signed-in people of the database under test (sign_in_staff)
CLERK: audit.Actor
OFFICE = "424.301.1.04"
SURAT = ["kalirejo-surat-keterangan-kematian", "kalirejo-surat-keterangan-domisili"]
PENDUDUK = ["kalirejo-pengantar-akte-kelahiran"]


def configure(q: QueueService) -> dict[int, str]:
    """A, B, C groups; loket 1 serves A and B, loket 2 serves C, loket 3 serves B."""
    q.save_group("A", "Surat Keterangan", SURAT, ADMIN)
    q.save_group("B", "Kependudukan", PENDUDUK, ADMIN)
    q.save_group("C", "Pengaduan/Konsultasi", [], ADMIN)
    return {c.number: c.id for c in (q.save_counter(1, "", ["A", "B"], ADMIN),
                                     q.save_counter(2, "", ["C"], ADMIN),
                                     q.save_counter(3, "Loket Kependudukan", ["B"], ADMIN))}


def sign_in_staff(db, clock) -> None:
    """The core accepts only signed-in people: an admin configures, a clerk runs the queue."""
    global ADMIN, CLERK
    people = staff(db, clock, admin_name="Admin Kalirejo")
    ADMIN, CLERK = people.admin_actor, people.clerk_actor


@pytest.fixture
def queue(services) -> QueueService:
    sign_in_staff(services.db, services.clock)
    return QueueService(services.db, services.clock, OFFICE)


@pytest.fixture
def loket(queue) -> dict[int, str]:
    return configure(queue)


def numbers(tickets) -> list[str]:
    return [t.number for t in tickets]


# --- numbering ---------------------------------------------------------------------------
def test_numbers_run_per_group_with_prefix(queue, loket):
    issued = [queue.issue(code, CLERK).ticket for code in "AABAC"]
    assert numbers(issued) == ["A-001", "A-002", "B-001", "A-003", "C-001"]
    assert [t.seq for t in issued] == [1, 2, 1, 3, 1]
    assert all(t.office_code == OFFICE and t.day == "2026-11-24" for t in issued)
    assert len({t.id for t in issued}) == 5


def test_numbering_resets_at_midnight(queue, loket, clock):
    clock.set(datetime(2026, 11, 24, 23, 58, tzinfo=WIB))
    late = [queue.issue("A", CLERK).ticket for _ in range(3)]
    clock.advance(minutes=3)  # 00:01 the next day
    first = queue.issue("A", CLERK).ticket
    assert numbers(late) == ["A-001", "A-002", "A-003"]
    assert (first.number, first.day) == ("A-001", "2026-11-25")
    assert numbers(queue.waiting()) == ["A-001"]  # yesterday's leftovers are not called today
    assert queue.waiting()[0].id == first.id
    assert queue.ticket(late[0].id).status is TicketStatus.WAITING


def test_unique_constraint_guards_a_second_number(queue, loket):
    t = queue.issue("A", CLERK).ticket
    with pytest.raises(sqlite3.IntegrityError):
        queue.db.execute(
            "INSERT INTO queue_tickets (id, office_code, day, group_code, seq, number, arrival, status, "
            "issued_at) VALUES ('x', '', ?, 'A', 1, 'A-001', 9, 'waiting', ?)", [t.day, t.issued_at.isoformat()])


def test_restart_continues_numbering_and_calls(db_path, clock):
    first = open_database(db_path)
    sign_in_staff(first, clock)
    q = QueueService(first, clock, OFFICE)
    loket = configure(q)
    q.issue("A", CLERK)
    q.issue("A", CLERK)
    q.call_next(loket[1], CLERK)
    first.conn.close()  # the PC is switched off mid-morning

    clock.advance(minutes=20)
    reopened = open_database(db_path)
    sign_in_staff(reopened, clock)  # the PC is back on: the clerk signs in again
    q2 = QueueService(reopened, clock, OFFICE)
    assert q2.current(loket[1]).number == "A-001"
    assert q2.issue("A", CLERK).ticket.number == "A-003"
    assert q2.call_next(loket[1], CLERK).number == "A-002"
    assert q2.ticket(q2.current(loket[1]).id).status is TicketStatus.CALLED
    reopened.conn.close()


# --- calling -----------------------------------------------------------------------------
def test_call_next_takes_oldest_of_the_counters_groups(queue, loket, clock):
    for code in "ABCAB":
        queue.issue(code, CLERK)
        clock.advance(minutes=1)
    assert queue.call_next(loket[1], CLERK).number == "A-001"
    assert queue.call_next(loket[3], CLERK).number == "B-001"
    assert queue.call_next(loket[1], CLERK).number == "A-002"  # older than B-002
    assert queue.call_next(loket[2], CLERK).number == "C-001"
    assert queue.call_next(loket[1], CLERK).number == "B-002"
    assert queue.waiting() == []
    assert queue.waiting_counts() == {"A": 0, "B": 0, "C": 0}


def test_call_next_finishes_the_current_ticket(queue, loket, clock):
    a1 = queue.issue("A", CLERK).ticket
    queue.issue("A", CLERK)
    queue.call_next(loket[1], CLERK)
    clock.advance(minutes=7)
    a2 = queue.call_next(loket[1], CLERK)
    done = queue.ticket(a1.id)
    assert done.status is TicketStatus.DONE
    assert done.finished_at == clock.now() == a2.called_at
    assert queue.current(loket[1]).id == a2.id
    assert [e["action"] for e in queue.events(a1.id)] == ["issue", "call", "finish"]


def test_empty_queue_says_so_in_indonesian_and_still_finishes(queue, loket):
    queue.issue("C", CLERK)
    c1 = queue.call_next(loket[2], CLERK)
    with pytest.raises(QueueEmpty) as err:
        queue.call_next(loket[2], CLERK)
    assert str(err.value) == "Tidak ada antrean yang menunggu untuk loket 2."
    assert isinstance(err.value, LoketError)
    assert queue.ticket(c1.id).status is TicketStatus.DONE
    assert queue.current(loket[2]) is None


def test_recall_finish_and_no_current(queue, loket, clock):
    with pytest.raises(NoCurrentTicket, match="Loket 1 sedang tidak melayani antrean."):
        queue.finish(loket[1], CLERK)
    with pytest.raises(NoCurrentTicket):
        queue.recall(loket[1], CLERK)
    queue.issue("A", CLERK)
    queue.issue("C", CLERK)
    a1 = queue.call_next(loket[1], CLERK)
    queue.call_next(loket[2], CLERK)
    clock.advance(seconds=30)
    again = queue.recall(loket[1], CLERK)
    assert (again.id, again.call_count, again.called_at) == (a1.id, 2, a1.called_at)
    calls = queue.recent_calls()
    assert [(c.number, c.counter_number, c.recall) for c in calls] == [("A-001", 1, True), ("C-001", 2, False)]
    clock.advance(minutes=5)
    finished = queue.finish(loket[1], CLERK)
    assert finished.status is TicketStatus.DONE and finished.finished_at == clock.now()
    assert queue.current(loket[1]) is None


def test_every_action_is_logged_with_user_and_time(queue, loket, clock):
    t = queue.issue("A", CLERK).ticket
    clock.advance(minutes=2)
    other = staff(queue.db, clock).users
    other.create(NewUser("budi", "Budi Santoso", [Role.PETUGAS], PIN), ADMIN)
    queue.call_next(loket[1], other.authenticate("budi", PIN).actor())
    events = queue.events(t.id)
    assert [(e["action"], e["user_name"], e["role"], e["at"]) for e in events] == [
        ("issue", "Sari Wulandari", "petugas", "2026-11-24T08:30:00+07:00"),
        ("call", "Budi Santoso", "petugas", "2026-11-24T08:32:00+07:00"),
    ]
    assert events[1]["counter_id"] == loket[1]


# --- skip, restore, transfer -------------------------------------------------------------
def test_skip_and_restore_keep_number_and_place(queue, loket, clock):
    a1 = queue.issue("A", CLERK).ticket
    clock.advance(minutes=1)
    queue.issue("A", CLERK)
    queue.issue("A", CLERK)
    queue.call_next(loket[1], CLERK)
    skipped = queue.skip(loket[1], CLERK)
    assert skipped.status is TicketStatus.SKIPPED and queue.current(loket[1]) is None
    assert numbers(queue.skipped()) == ["A-001"]
    assert queue.call_next(loket[1], CLERK).number == "A-002"
    restored = queue.restore(a1.id, CLERK)
    assert (restored.number, restored.status, restored.called_at) == ("A-001", TicketStatus.WAITING, None)
    assert numbers(queue.waiting("A")) == ["A-001", "A-003"]
    assert queue.call_next(loket[1], CLERK).number == "A-001"  # back in its place by issue time
    with pytest.raises(QueueError, match="A-002 berstatus selesai; tidak dapat dipulihkan"):
        queue.restore(_id(queue, "A-002"), CLERK)


def _id(queue: QueueService, number: str) -> str:
    row = queue.db.execute("SELECT id FROM queue_tickets WHERE number = ? AND day = ?",
                           [number, queue.today()]).fetchone()
    return row[0]


def test_restore_refuses_yesterdays_ticket(queue, loket, clock):
    queue.issue("A", CLERK)
    queue.call_next(loket[1], CLERK)
    old = queue.skip(loket[1], CLERK)
    clock.advance(days=1)
    with pytest.raises(QueueError, match="dari hari lain"):
        queue.restore(old.id, CLERK)


def test_transfer_gives_a_new_number_that_keeps_the_place(queue, loket, clock):
    a1 = queue.issue("A", CLERK).ticket
    clock.advance(minutes=1)
    b1 = queue.issue("B", CLERK).ticket
    queue.call_next(loket[1], CLERK)  # A-001 at loket 1
    app_id = "0b7e8f2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b"
    queue.link_application(a1.id, app_id, CLERK)
    moved = queue.transfer(a1.id, "B", CLERK)
    assert (moved.number, moved.group_code, moved.status) == ("B-002", "B", TicketStatus.WAITING)
    assert (moved.transferred_from, moved.arrival, moved.application_id) == (a1.id, a1.arrival, app_id)
    assert queue.ticket(a1.id).status is TicketStatus.TRANSFERRED
    assert queue.current(loket[1]) is None
    assert numbers(queue.waiting("B")) == ["B-002", "B-001"]  # arrived before B-001
    assert queue.call_next(loket[3], CLERK).id == moved.id
    assert queue.events(a1.id)[-1]["detail"] == {"to": "B-002", "to_ticket": moved.id}
    with pytest.raises(QueueError, match="sudah berada di kelompok B"):
        queue.transfer(b1.id, "B", CLERK)
    with pytest.raises(QueueError, match="berstatus dialihkan"):
        queue.transfer(a1.id, "C", CLERK)


def test_link_application_rules(queue, loket):
    t = queue.issue("A", CLERK).ticket
    with pytest.raises(QueueError, match="belum dipanggil"):
        queue.link_application(t.id, "0b7e8f2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b", CLERK)
    queue.call_next(loket[1], CLERK)
    with pytest.raises(ValidationError):
        queue.link_application(t.id, "bukan-uuid", CLERK)
    linked = queue.link_application(t.id, "0B7E8F2A-3C1D-4E5F-8A9B-0C1D2E3F4A5B", CLERK)
    assert linked.application_id == "0b7e8f2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b"
    assert queue.events(t.id)[-1]["action"] == "link"


# --- configuration -----------------------------------------------------------------------
def test_group_and_counter_configuration_is_validated_and_audited(queue, loket):
    again = queue.save_group("a", "Surat Keterangan Umum", SURAT, ADMIN)
    assert again.code == "A" and again.id == queue.groups()[0].id and again.label == "Surat Keterangan Umum"
    history = audit.history(queue.db, "queue_group", again.id)
    assert [h.action for h in history] == ["queue.group.save", "queue.group.save"]
    assert history[-1].before["label"] == "Surat Keterangan" and history[-1].after["service_ids"] == SURAT
    with pytest.raises(ValidationError, match="satu huruf"):
        queue.save_group("AB", "x", [], ADMIN)
    with pytest.raises(ValidationError, match="tidak ada di katalog"):
        queue.save_group("D", "Lain", ["tidak-ada"], ADMIN)
    with pytest.raises(ValidationError, match="sudah termasuk kelompok A"):
        queue.save_group("D", "Lain", [SURAT[0]], ADMIN)
    with pytest.raises(ValidationError, match="tidak ada atau nonaktif: Z"):
        queue.save_counter(4, "", ["Z"], ADMIN)
    assert [(c.number, c.name, c.group_codes) for c in queue.counters()] == [
        (1, "Loket 1", ("A", "B")), (2, "Loket 2", ("C",)), (3, "Loket Kependudukan", ("B",))]
    assert queue.config.group_for_service(PENDUDUK[0]).code == "B"
    queue.save_group("C", "Pengaduan", [], ADMIN, active=False)
    with pytest.raises(QueueError, match="tidak aktif"):
        queue.issue("C", CLERK)
    with pytest.raises(QueueError, match="tidak ada"):
        queue.issue("Q", CLERK)


# --- estimates ---------------------------------------------------------------------------
def _serve(queue: QueueService, clock: FixedClock, counter: str, minutes: list[int]) -> None:
    for m in minutes:
        queue.issue("A", CLERK)
        queue.call_next(counter, CLERK)
        clock.advance(minutes=m)
        queue.finish(counter, CLERK)


def test_estimate_without_history(queue, loket):
    assert queue.estimate_wait("A") == (None, "perkiraan belum tersedia")
    result = queue.issue("A", CLERK)
    assert (result.people_ahead, result.estimate_minutes, result.estimate_text) == (
        0, None, "perkiraan belum tersedia")


def test_estimate_falls_back_to_last_30_days_then_uses_today(queue, loket, clock):
    clock.set(datetime(2026, 10, 1, 9, 0, tzinfo=WIB))  # 54 days back: too old to count
    _serve(queue, clock, loket[1], [60])
    clock.set(datetime(2026, 11, 20, 9, 0, tzinfo=WIB))
    _serve(queue, clock, loket[1], [4, 10, 6])  # median 6 minutes
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=WIB))
    for _ in range(3):
        queue.issue("A", CLERK)
    assert queue.estimate_wait("A") == (18, "sekitar 18 menit")
    fourth = queue.issue("A", CLERK)
    assert (fourth.people_ahead, fourth.estimate_minutes) == (3, 18)
    assert queue.people_ahead(fourth.ticket.id) == 3

    queue.call_next(loket[1], CLERK)
    clock.advance(minutes=2, seconds=30)
    queue.finish(loket[1], CLERK)  # today: one service of 2.5 minutes replaces the history
    assert queue.estimate_wait("A") == (8, "sekitar 8 menit")  # 3 waiting × 2.5 = 7.5 → 8
    assert queue.estimate_wait("B") == (None, "perkiraan belum tersedia")


def test_estimate_text_for_long_and_no_wait(queue, loket, clock):
    _serve(queue, clock, loket[1], [25])
    assert queue.estimate_wait("A") == (0, "segera dilayani")
    for _ in range(3):
        queue.issue("A", CLERK)
    assert queue.estimate_wait("A") == (75, "sekitar 1 jam 15 menit")


def test_call_ordering_uses_arrival_not_clock_resolution(queue, loket, clock):
    # Same second, different groups: the one printed first is called first.
    b = queue.issue("B", CLERK).ticket
    a = queue.issue("A", CLERK).ticket
    assert b.issued_at == a.issued_at and b.arrival < a.arrival
    assert queue.call_next(loket[1], CLERK).id == b.id
    clock.set(clock.now() - timedelta(hours=1))  # the PC clock was corrected backwards
    late = queue.issue("A", CLERK).ticket
    assert late.arrival > a.arrival and numbers(queue.waiting("A")) == ["A-001", "A-002"]
