"""The figures of a busy November, checked one by one against what the month did."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.applications.sla import Calendar
from desktop.models.clock import WIB
from desktop.models.reports.pack import build_pack, summary_rows
from desktop.models.reports.period import PeriodKind, ReportPeriod
from desktop.models.settings import OfficeCalendar

NOVEMBER = ReportPeriod.month(2026, 11)


@pytest.fixture
def pack(busy):
    s, _made = busy
    return build_pack(s.db, s.settings, NOVEMBER)


def test_register_lists_every_number_of_the_month_including_batal_and_manual(pack, busy):
    _s, made = busy
    numbers = [x.number for x in pack.register]
    assert len(numbers) == 7 and numbers == sorted(numbers, key=lambda n: int(n.split("/")[1]))
    batal = {x.number: x for x in pack.register if x.status_text == "BATAL"}
    assert set(batal) == {made.letters["batal"].number, made.letters["manual_batal"].number}
    assert batal[made.letters["batal"].number].void_reason == "Salah ketik alamat"
    manual = [x for x in pack.register if x.manual]
    assert {x.subject for x in manual} == {"Surat Keterangan Ahli Waris", "Surat Pengantar Nikah"}
    assert all(x.letter_date.startswith("2026-11") for x in pack.register)  # December's letter is not here


def test_letters_per_kind_and_per_day(pack):
    kinds = {c.kind: (c.issued, c.voided, c.manual) for c in pack.letters_by_kind}
    assert kinds == {"Surat Keterangan Domisili": (4, 1, 0), "Surat Keterangan Usaha": (1, 0, 0),
                     "SURAT KETERANGAN AHLI WARIS (dicatat manual)": (1, 0, 1),
                     "SURAT PENGANTAR NIKAH (dicatat manual)": (1, 1, 1)}
    assert (pack.letters_total.issued, pack.letters_total.voided, pack.letters_total.manual) == (7, 2, 2)
    days = {b.key: (b.issued, b.voided, b.manual) for b in pack.letters_by_bucket if b.issued}
    assert days == {"2026-11-02": (3, 0, 0), "2026-11-04": (1, 1, 0), "2026-11-05": (2, 1, 2),
                    "2026-11-30": (1, 0, 0)}
    assert len(pack.letters_by_bucket) == 30


def test_applications_received_finished_rejected_open(pack):
    rows = {c.service: (c.received, c.finished, c.rejected, c.cancelled, c.open_at_end) for c in pack.applications}
    assert rows["Surat Keterangan Domisili"] == (3, 4, 0, 0, 0)  # October's file finished in November
    assert rows["Surat Keterangan Tidak Mampu"] == (1, 0, 1, 0, 0)
    assert rows["Surat Keterangan Umum"] == (1, 0, 0, 1, 0)
    assert rows["Surat Keterangan Waris"] == (1, 0, 0, 0, 1)  # returned to the clerk, still open
    assert rows["Pengantar SKCK"] == (1, 0, 0, 0, 1)  # finished only in December
    t = pack.applications_total
    assert (t.received, t.finished, t.rejected, t.cancelled, t.open_at_end) == (8, 5, 1, 1, 2)  # the draft: nowhere


def test_sla_counts_on_time_and_late_with_office_hours(pack):
    sla = {r.service: r for r in pack.sla}
    domisili = sla["Surat Keterangan Domisili"]
    assert (domisili.finished, domisili.on_time, domisili.late, domisili.limit_minutes) == (4, 2, 2, 5)
    # 2 and 2 minutes on time; Friday 15.55 → Monday 08.03 is 8 office minutes; 30 Oct 09.00 → 2 Nov 08.04 is 424.
    assert domisili.median_minutes == 5.0 and domisili.p90_minutes == 424.0
    assert domisili.limit_text == "5 Menit" and domisili.on_time_pct == 50.0
    assert (sla["Surat Keterangan Usaha"].late, sla["Surat Keterangan Usaha"].median_minutes) == (1, 40.0)
    assert sla["Surat Keterangan Waris"].open_late == 1 and sla["Pengantar SKCK"].open_late == 1
    total = pack.sla_total
    assert (total.finished, total.on_time, total.late, total.open_late) == (5, 2, 3, 2)
    assert total.median_minutes == 8.0  # over all five: 2, 2, 8, 40, 424


def test_queue_figures_over_the_month(pack):
    q = pack.queue.total
    assert (q.issued, q.served, q.skipped) == (3, 2, 1)
    assert (q.wait_median_s, q.wait_p90_s, q.service_median_s) == (960.0, 1500.0, 360.0)
    assert [(k, n) for k, _label, n in pack.queue.issued_by_bucket if n] == [("2026-11-02", 3)]


def test_summary_signer_and_data_moment(pack):
    summary = dict(summary_rows(pack))
    assert summary["Nomor surat keluar diberikan"] == "7" and summary["Selesai tepat waktu"] == "2 dari 5 (40,0%)"
    assert pack.signer.name == "Drs. Bambang Purnomo" and pack.signer.jabatan == "Lurah Kalirejo"
    assert pack.as_of == "2026-11-30T11:00:00"  # the last change in November, not the time of printing
    assert pack.sign_date.isoformat() == "2026-11-30"
    assert pack.ikm.available and "PermenPANRB 14/2017" in pack.ikm.note


def test_semester_and_year_include_december_and_october(busy):
    s, _made = busy
    semester = build_pack(s.db, s.settings, ReportPeriod.parse(PeriodKind.SEMESTER, "2026-S2"))
    year = build_pack(s.db, s.settings, ReportPeriod.parse(PeriodKind.YEAR, "2026"))
    for pack in (semester, year):
        assert pack.letters_total.issued == 8 and pack.applications_total.received == 9
        assert pack.applications_total.open_at_end == 1  # the returned Waris file
    assert [b.key for b in semester.letters_by_bucket] == [f"2026-{m:02d}" for m in range(7, 13)]
    assert {b.key: b.issued for b in year.letters_by_bucket if b.issued} == {"2026-11": 7, "2026-12": 1}
    january = build_pack(s.db, s.settings, ReportPeriod.month(2026, 1))
    assert january.register == [] and january.applications_total.received == 0


def test_a_later_void_changes_the_month(busy, pack):
    s, made = busy
    s.register.void(s.register.for_application(made.apps["tepat"].id).id, s.users.authenticate("lurah", "246810"),
                    "Dicabut", pin="246810")
    again = build_pack(s.db, s.settings, NOVEMBER)
    assert again.letters_total.voided == pack.letters_total.voided + 1
    assert again.as_of == pack.as_of  # a December change does not move November's "data per" moment


# --- the office calendar's working time --------------------------------------------------------
calendar = Calendar(OfficeCalendar(holidays=["2026-12-25"]))


def test_working_minutes_skip_nights_weekends_and_holidays():
    fri = datetime(2026, 11, 27, 15, 55, tzinfo=WIB)
    assert calendar.working_minutes(fri, datetime(2026, 11, 30, 8, 3, tzinfo=WIB)) == 8
    assert calendar.working_minutes(datetime(2026, 12, 24, 15, 0, tzinfo=WIB),
                                    datetime(2026, 12, 26, 9, 0, tzinfo=WIB)) == 60  # 25th is a holiday
    assert calendar.working_minutes(fri, fri - timedelta(hours=1)) == 0
    assert calendar.minutes_per_day == 480


@settings(max_examples=60, deadline=None)
@given(start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
       minutes=st.integers(min_value=0, max_value=6000))
def test_working_minutes_undo_adding_working_minutes(start, minutes):
    begin = start.replace(tzinfo=WIB, microsecond=0, second=0)
    assert calendar.working_minutes(begin, calendar.add_working_minutes(begin, minutes)) == minutes


def test_ikm_is_the_survey_figure_for_the_period(pack, busy):
    from desktop.models.survey.ikm import comma, compute_ikm
    from tests.reports.busy_office import SKM

    s, _made = busy
    expected = compute_ikm(SKM)  # October's questionnaire stays out
    rows = dict(pack.ikm.rows)
    assert rows["Jumlah responden"] == "3" and rows["Nilai IKM"] == comma(expected.ikm)
    assert rows["Mutu pelayanan"] == f"{expected.grade.mutu} ({expected.grade.kinerja})"
    assert rows["NRR U9 Penanganan Pengaduan, Saran dan Masukan"] == "3,00"
    empty = build_pack(s.db, s.settings, ReportPeriod.month(2026, 3))
    assert not empty.ikm.available and "Belum ada jawaban" in empty.ikm.note


# --- the figures add up, whatever the data ------------------------------------------------------
def _stamp(day_of_year: int, minute: int) -> str:
    when = datetime(2026, 1, 1, 8, 0, tzinfo=WIB) + timedelta(days=day_of_year, minutes=minute)
    return when.isoformat(timespec="seconds")


APP_ROWS = st.lists(st.tuples(st.integers(0, 364), st.integers(0, 480), st.sampled_from(
    ["open", "done", "ditolak", "dibatalkan"]), st.integers(0, 40), st.sampled_from(["A", "B", "C"])), max_size=40)


@settings(max_examples=60, deadline=None)
@given(rows=APP_ROWS)
def test_months_add_up_to_their_year(rows):
    from desktop.models.reports.applications import AppRow, application_counts

    apps = []
    for day, minute, fate, later, service in rows:
        received = _stamp(day, minute)
        closed = _stamp(min(day + later, 364), minute + 5)
        apps.append(AppRow(service, 1, service, received, closed if fate == "done" else None, None,
                           fate if fate in ("ditolak", "dibatalkan") else "diajukan",
                           closed if fate in ("ditolak", "dibatalkan") else None))
    year = ReportPeriod.parse(PeriodKind.YEAR, "2026")
    as_of = "2026-12-31T23:59:59"
    yearly = {c.service: c for c in application_counts(apps, year, as_of)}
    monthly = [application_counts(apps, m, as_of) for m in year.months()]
    for name in ("A", "B", "C"):
        per_month = [c for counts in monthly for c in counts if c.service == name]
        for field_name in ("received", "finished", "rejected", "cancelled"):
            assert sum(getattr(c, field_name) for c in per_month) == getattr(yearly.get(name), field_name, 0)
        if name in yearly:  # open at the end of the year = open at the end of December
            december = next((c for c in monthly[-1] if c.service == name), None)
            assert yearly[name].open_at_end == (december.open_at_end if december else 0)
