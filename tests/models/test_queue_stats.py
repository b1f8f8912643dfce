"""Queue statistics checked against figures worked out by hand, and a random-walk invariant test."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from desktop.models.clock import WIB, FixedClock
from desktop.models.db import connect
from desktop.models.migrations import migrate
from desktop.models.queue.stats import day_total, median, percentile
from desktop.models.queue.tickets import NoCurrentTicket, QueueEmpty, QueueError, QueueService
from tests.identities import staff


def fresh_queue(clock: FixedClock) -> QueueService:
    db = connect(None)
    migrate(db)
    q = QueueService(db, clock, "424.301.1.04")
    people = staff(db, clock)
    q.admin, q.clerk = people.admin_actor, people.clerk_actor  # signed in: the core checks who acts
    for code, label in (("A", "Surat Keterangan"), ("B", "Kependudukan"), ("C", "Pengaduan")):
        q.save_group(code, label, [], q.admin)
    return q


@pytest.fixture
def queue(clock) -> QueueService:
    return fresh_queue(clock)


def at(clock: FixedClock, hhmm: str) -> None:
    h, m = map(int, hhmm.split(":"))
    clock.set(datetime(2026, 11, 24, h, m, tzinfo=WIB))


def test_percentile_and_median_helpers():
    assert percentile([], 90) is None and median([]) is None
    assert percentile([7.0], 90) == 7.0
    assert percentile([float(v) for v in range(10, 0, -1)], 90) == 9.0  # rank ceil(9.0) = 9
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 90) == 6.0  # rank ceil(5.4) = 6
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_day_stats_match_hand_computed_figures(queue, clock):
    c1 = queue.save_counter(1, "", ["A"], queue.admin).id
    script = [
        ("08:00", "issue"), ("08:10", "issue"), ("08:20", "issue"),
        ("08:25", "next"),  # A-001 called: waited 25 min
        ("08:33", "next"),  # A-001 served 8 min; A-002 waited 23 min
        ("08:45", "next"),  # A-002 served 12 min; A-003 waited 25 min
        ("08:50", "skip"),  # A-003 did not come
        ("09:05", "issue"), ("09:15", "issue"),
        ("09:20", "next"),  # A-004 waited 15 min
        ("09:25", "finish"),  # A-004 served 5 min
        ("09:40", "issue"), ("09:50", "issue"),
        ("10:00", "next"),  # A-005 waited 45 min
        ("10:20", "next"),  # A-005 served 20 min; A-006 waited 40 min
        ("10:30", "finish"),  # A-006 served 10 min
    ]
    for hhmm, action in script:
        at(clock, hhmm)
        {"issue": lambda: queue.issue("A", queue.clerk), "next": lambda: queue.call_next(c1, queue.clerk),
         "skip": lambda: queue.skip(c1, queue.clerk), "finish": lambda: queue.finish(c1, queue.clerk)}[action]()
    at(clock, "10:40")
    queue.transfer(queue.waiting("A")[0].id, "B", queue.clerk)  # A-007 belongs at Kependudukan
    at(clock, "11:00")
    queue.issue("B", queue.clerk)

    stats = {s.group_code: s for s in queue.day_stats("2026-11-24")}
    a, b, c = stats["A"], stats["B"], stats["C"]
    assert (a.label, a.issued, a.served, a.skipped, a.transferred_out, a.unserved) == (
        "Surat Keterangan", 7, 5, 1, 1, 0)
    # Waits 25 23 25 15 45 40 min → sorted 900 1380 1500 1500 2400 2700 s.
    assert (a.wait_median_s, a.wait_p90_s) == (1500.0, 2700.0)
    # Services 8 12 5 20 10 min → sorted 300 480 600 720 1200 s.
    assert (a.service_median_s, a.service_p90_s) == (600.0, 1200.0)
    assert (a.busiest_hour, a.busiest_hour_issued) == (9, 4)  # 08h: 3 slips, 09h: 4
    assert (b.issued, b.transferred_in, b.unserved, b.busiest_hour) == (1, 1, 2, 11)
    assert (b.wait_median_s, b.service_median_s, b.service_p90_s) == (None, None, None)
    assert (c.issued, c.served, c.busiest_hour, c.busiest_hour_issued, c.wait_p90_s) == (0, 0, None, 0, None)

    total = day_total(queue.db, "2026-11-24")
    assert (total.issued, total.served, total.skipped, total.transferred_in, total.busiest_hour) == (8, 5, 1, 1, 9)
    assert queue.day_stats() == queue.day_stats("2026-11-24")  # today by default
    other_day = {s.group_code: s.issued for s in queue.day_stats("2026-11-23")}
    assert other_day == {"A": 0, "B": 0, "C": 0}


def test_busiest_hour_tie_goes_to_the_earlier_hour(queue, clock):
    for hhmm in ("13:10", "13:50", "09:05", "09:55"):
        at(clock, hhmm)
        queue.issue("C", queue.clerk)
    c = next(s for s in queue.day_stats() if s.group_code == "C")
    assert (c.busiest_hour, c.busiest_hour_issued) == (9, 2)


# --- any interleaving keeps numbers unique and tickets accounted for -------------------------
class QueueWalk(RuleBasedStateMachine):
    """Random clerks at two counters against a plain Python model of the line."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FixedClock(datetime(2026, 11, 24, 21, 0, tzinfo=WIB))  # midnight is near
        self.q = fresh_queue(self.clock)
        self.counters = [self.q.save_counter(1, "", ["A", "B"], self.q.admin),
                         self.q.save_counter(2, "", ["B", "C"], self.q.admin)]
        self.model: dict[str, dict] = {}  # ticket id → day, group, status, arrival, counter
        self.order: list[str] = []
        self.arrivals: dict[str, int] = {}

    def today(self) -> str:
        return self.clock.now().date().isoformat()

    def current(self, counter_id: str) -> str | None:
        found = [i for i, t in self.model.items()
                 if t["status"] == "called" and t["counter"] == counter_id and t["day"] == self.today()]
        return found[0] if found else None

    def add(self, ticket, arrival: int | None = None) -> None:
        if arrival is None:
            arrival = self.arrivals[self.today()] = self.arrivals.get(self.today(), 0) + 1
        self.model[ticket.id] = {"day": ticket.day, "group": ticket.group_code, "status": "waiting",
                                 "arrival": arrival, "counter": None}
        self.order.append(ticket.id)
        assert ticket.arrival == arrival

    @rule(group=st.sampled_from("ABC"))
    def issue(self, group: str) -> None:
        self.add(self.q.issue(group, self.q.clerk).ticket)

    @rule(which=st.integers(0, 1))
    def call_next(self, which: int) -> None:
        counter = self.counters[which]
        if (cur := self.current(counter.id)) is not None:
            self.model[cur]["status"] = "done"
        line = sorted((t["arrival"], i) for i, t in self.model.items() if t["status"] == "waiting"
                      and t["day"] == self.today() and t["group"] in counter.group_codes)
        if not line:
            with pytest.raises(QueueEmpty):
                self.q.call_next(counter.id, self.q.clerk)
            return
        assert self.q.call_next(counter.id, self.q.clerk).id == line[0][1]
        self.model[line[0][1]].update(status="called", counter=counter.id)

    @rule(which=st.integers(0, 1), finish=st.booleans())
    def skip_or_finish(self, which: int, finish: bool) -> None:
        counter = self.counters[which]
        action = self.q.finish if finish else self.q.skip
        if (cur := self.current(counter.id)) is None:
            with pytest.raises(NoCurrentTicket):
                action(counter.id, self.q.clerk)
            return
        assert action(counter.id, self.q.clerk).id == cur
        self.model[cur]["status"] = "done" if finish else "skipped"

    @rule(pick=st.integers(0, 10_000))
    def restore(self, pick: int) -> None:
        if not self.order:
            return
        tid = self.order[pick % len(self.order)]
        t = self.model[tid]
        if t["status"] == "skipped" and t["day"] == self.today():
            self.q.restore(tid, self.q.clerk)
            t.update(status="waiting", counter=None)
        else:
            with pytest.raises(QueueError):
                self.q.restore(tid, self.q.clerk)

    @rule(pick=st.integers(0, 10_000), group=st.sampled_from("ABC"))
    def transfer(self, pick: int, group: str) -> None:
        if not self.order:
            return
        tid = self.order[pick % len(self.order)]
        t = self.model[tid]
        if t["day"] == self.today() and t["status"] in ("waiting", "called", "skipped") and t["group"] != group:
            new = self.q.transfer(tid, group, self.q.clerk)
            t["status"] = "transferred"
            self.add(new, arrival=t["arrival"])
        else:
            with pytest.raises(QueueError):
                self.q.transfer(tid, group, self.q.clerk)

    @rule(minutes=st.integers(0, 120))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    @rule()
    def restart(self) -> None:
        old = self.q
        self.q = QueueService(old.db, self.clock, "424.301.1.04")
        self.q.admin, self.q.clerk = old.admin, old.clerk

    @invariant()
    def nothing_lost_nothing_twice(self) -> None:
        rows = self.q.db.execute("SELECT id, day, group_code, seq, number, status FROM queue_tickets").fetchall()
        assert {r[0]: r[5] for r in rows} == {i: t["status"] for i, t in self.model.items()}
        seen: dict[tuple[str, str], list[int]] = {}
        for _, day, group, seq, number, _ in rows:
            seen.setdefault((day, group), []).append(seq)
            assert number == f"{group}-{seq:03d}"
        for seqs in seen.values():
            assert sorted(seqs) == list(range(1, len(seqs) + 1))
        for counter in self.counters:
            cur = self.q.current(counter.id)
            assert (cur.id if cur else None) == self.current(counter.id)


QueueWalk.TestCase.settings = settings(max_examples=100, stateful_step_count=50, deadline=None,
                                       suppress_health_check=[HealthCheck.too_slow])
test_queue_walk = QueueWalk.TestCase
