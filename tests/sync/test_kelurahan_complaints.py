"""The kecamatan watches the kelurahan's complaints: what arrived by sync, per office, late in red.

Nothing of the complainant reaches it; a damaged or zone-less row is skipped, never guessed at.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QColor

from desktop.models.complaints.kelurahan_outcomes import kelurahan_complaints, office_names, per_office
from desktop.models.complaints.register import CHANNELS, NewComplaint
from desktop.sync import files
from tests.conftest import wait_idle
from tests.sync.sync_helpers import KEL, user


def send_two_complaints(kel, kec, tmp_path):
    clerk, lurah = user(kel, "petugas"), user(kel, "lurah")
    channel = sorted(CHANNELS)[0]
    slow = kel.complaints.register(NewComplaint(channel=channel, subject="Antrean lama", description="Dua jam",
                                                category="ringan", complainant_name="Budi Santoso",
                                                contact="081234567890"), clerk)
    done = kel.complaints.register(NewComplaint(channel=channel, subject="Loket tutup", description="Siang",
                                                complainant_name="Siti Aminah"), clerk)
    kel.complaints.resolve(done.id, "Jam istirahat diumumkan di pintu", lurah)
    files.import_file(kec, files.export_pending(kel, tmp_path / "stick"), tmp_path / "balik")
    return slow, done


def test_the_kecamatan_counts_each_kelurahans_complaints(linked, tmp_path):
    kel, kec = linked
    slow, _done = send_two_complaints(kel, kec, tmp_path)
    rows = kelurahan_complaints(kec.db)
    assert {r.number for r in rows} == {c.number for c in kel.complaints.list()} and len(rows) == 2
    assert {r.office_code for r in rows} == {KEL}
    (office,) = per_office(rows, kec.clock.now())
    assert (office.received, office.open, office.late, office.resolved) == (2, 1, 0, 1)
    after_deadline = slow.resolution_due + timedelta(minutes=1)
    (office,) = per_office(rows, after_deadline)
    assert office.late == 1 and [r.number for r in rows if r.late(after_deadline)] == [slow.number]
    assert KEL in office_names(kec.db)
    assert kelurahan_complaints(kel.db) == []  # the kelurahan's own register is not "from below"


def test_damaged_rows_are_skipped(linked, tmp_path):
    kel, kec = linked
    send_two_complaints(kel, kec, tmp_path)
    for entity_id, payload in (("rusak", "{not json"), ("tanpa-zona", '{"number": "X", "received_at": '
                                                       '"2026-11-24T08:00:00", "status": "baru"}'),
                               ("daftar", "[1, 2, 3]")):
        kec.db.execute("INSERT INTO sync_mirror (office_code, entity, entity_id, seq, op, at, payload) "
                       "VALUES (?, 'complaint', ?, 999, 'insert', '2026-11-24T08:00:00+07:00', ?)",
                       [KEL, entity_id, payload])
    assert len(kelurahan_complaints(kec.db)) == 2


def test_the_kecamatans_pengaduan_screen_shows_them_without_identity(qtbot, linked, tmp_path, make_ctx):
    from desktop.ui.screens.complaints_screen import ComplaintsScreen

    kel, kec = linked
    slow, _done = send_two_complaints(kel, kec, tmp_path)
    kec.clock.set(slow.resolution_due + timedelta(hours=1))  # the kecamatan looks after the deadline
    ctx = make_ctx(kec, user(kec, "camat"))
    screen = ComplaintsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    assert [screen.tabs.tabText(i) for i in range(screen.tabs.count())] == ["Di kantor ini", "Dari kelurahan"]
    panel = screen.kelurahan
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=5000)
    wait_idle(qtbot, ctx)
    texts = [[panel.table.item(r, c).text() for c in range(panel.table.columnCount())]
             for r in range(panel.table.rowCount())]
    late = next(t for t in texts if t[1] == slow.number)
    assert "TERLAMBAT" in late[5] and "Antrean lama" in late[4]
    row = [t[1] for t in texts].index(slow.number)
    assert panel.table.item(row, 4).foreground().color() == QColor("#b00020")
    assert not any("Budi" in cell or "0812" in cell for t in texts for cell in t)
    summary = [panel.summary.item(0, c).text() for c in range(panel.summary.columnCount())]
    assert summary[1:] == ["2", "1", "1", "1", "0"]
    assert panel.message.text() == "2 pengaduan dari 1 kelurahan."


def test_a_kelurahan_screen_has_no_such_tab(qtbot, linked, make_ctx):
    from desktop.ui.screens.complaints_screen import ComplaintsScreen

    kel, _kec = linked
    ctx = make_ctx(kel, user(kel, "lurah"))
    screen = ComplaintsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    assert not hasattr(screen, "tabs")
    wait_idle(qtbot, ctx)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=20), inner,
                                                                                  max_size=4), max_leaves=20)
FIELDS = ["number", "received_at", "category", "subject", "status", "first_response_due", "resolution_due",
          "first_response_at", "resolved_at"]


@settings(max_examples=150, deadline=None)
@given(payload=st.dictionaries(st.sampled_from(FIELDS), JSON | st.datetimes(timezones=st.timezones()).map(
    lambda d: d.isoformat()), max_size=9))
def test_any_stored_payload_reads_as_a_complaint_or_is_skipped(payload):
    """Whatever a (hostile but validly signed) office got into the mirror, reading never raises and
    what is read compares against the office's clock."""
    import json
    from datetime import datetime

    from desktop.models.clock import WIB
    from desktop.models.complaints.kelurahan_outcomes import _read

    found = _read("X", json.dumps(payload))
    if found is not None:
        per_office([found], datetime(2026, 11, 24, 8, 30, tzinfo=WIB))
        assert isinstance(found.number, str) and found.received_at.tzinfo is not None
