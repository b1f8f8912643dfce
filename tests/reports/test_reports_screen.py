"""The Laporan screen on a busy November: figures, charts, saving, sending; the kecamatan's grid."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.reports.period import PeriodKind
from desktop.ui.screens.reports_screen import ReportsScreen, recent_periods
from desktop.ui.widgets.kelurahan_reports import KelurahanReports
from tests.conftest import wait_idle
from tests.sync.sync_helpers import user


def cell(model, row, column):
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


@pytest.fixture
def screen(busy, make_ctx, qtbot):
    s, _made = busy
    ctx = make_ctx(s, s.users.authenticate("lurah", DEMO_PIN))
    widget = ReportsScreen(ctx=ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.view is not None, timeout=20000)
    return widget, ctx


def test_last_month_is_shown_with_its_figures_and_charts(screen):
    widget, _ctx = screen
    view = widget.view
    assert widget.selected_period().key == "2026-11" and "November 2026" in widget.title.text()
    assert [widget.tabs.tabText(i) for i in range(widget.tabs.count())] == [
        "Ringkasan", "Surat per jenis", "Surat per hari", "Permohonan", "Waktu layanan", "Antrean", "IKM", "Register"]
    summary = widget.sections["Ringkasan"].model
    assert (cell(summary, 0, 0), cell(summary, 0, 1)) == ("Nomor surat keluar diberikan", "7")
    sla = widget.sections["Waktu layanan"].model
    row = next(r for r in range(sla.rowCount()) if cell(sla, r, 0) == "Surat Keterangan Domisili")
    assert [cell(sla, row, c) for c in range(2, 8)] == ["4", "2", "2", "50,0%", "5 mnt", "7 j 04 mnt"]
    assert widget.sections["Register"].model.rowCount() == 7
    chart = widget.sections["Surat per hari"].chart.pixmap()
    assert not chart.isNull() and chart.height() == 240
    assert view.charts["letters_bucket"].startswith(b"\x89PNG")
    assert widget.send_button.isEnabled() and "Belum dikirim" in widget.sent_label.text()


def test_other_periods_load_on_choice(screen, qtbot):
    widget, _ctx = screen
    with qtbot.waitSignal(widget.sig_loaded, timeout=20000) as loaded:
        widget.kind.setCurrentIndex(2)
    assert loaded.args[0].pack.period.kind == PeriodKind.YEAR and widget.view.pack.letters_total.issued == 8
    assert not widget.send_button.isVisible() or not widget.send_button.isEnabled()


def test_save_and_send(screen, qtbot, tmp_path):
    widget, ctx = screen
    with qtbot.waitSignal(widget.sig_message, timeout=20000) as saved:
        widget.save_to(tmp_path / "laporan")
    assert "laporan-bulanan-2026-11" in saved.args[0]
    assert sorted(p.suffix for p in (tmp_path / "laporan").iterdir()) == [".pdf", ".xlsx"]
    with qtbot.waitSignal(widget.sig_loaded, timeout=20000):
        widget.send()
    assert "dikirim" in widget.message.text() or widget.view.sent is not None
    assert widget.view.sent[0] == 1 and "revisi 1" in widget.sent_label.text()
    assert ctx.services.db.execute("SELECT count(*) FROM outbox WHERE entity = 'monthly_report'").fetchone()[0] == 1
    wait_idle(qtbot, ctx)


def test_a_clerk_sees_the_report_but_cannot_send(busy, make_ctx, qtbot):
    s, _made = busy
    widget = ReportsScreen(ctx=make_ctx(s, s.users.authenticate("petugas", DEMO_PIN)))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.view is not None, timeout=20000)
    assert not widget.send_button.isEnabled()


def test_recent_periods_start_with_the_month_to_report():
    months = recent_periods(PeriodKind.MONTH, 2027, 1)
    assert [p.key for p in months[:3]] == ["2027-01", "2026-12", "2026-11"] and len(months) == 24
    assert [p.key for p in recent_periods(PeriodKind.SEMESTER, 2027, 3)] == ["2027-S1", "2026-S2", "2026-S1",
                                                                             "2025-S2"]


def test_kecamatan_grid_shows_who_reported(linked, make_ctx, qtbot, tmp_path, monkeypatch):
    from desktop.printing.reports.monthly_send import send_monthly_report
    from desktop.sync import outbound
    from desktop.sync.inbound import receive

    kel, kec = linked
    kel.clock.advance(days=8)
    send_monthly_report(kel, user(kel, "lurah"), _november())
    receive(kec, outbound.pending_batch(kel))
    widget = KelurahanReports(ctx=make_ctx(kec, user(kec, "camat")))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1, timeout=10000)
    assert cell(widget.model, 0, 0) == "Kebonsari Kulon (KBK)"
    assert cell(widget.model, 0, 11) == "masuk 02/12"
    assert cell(widget.model, 0, 10) == ""  # enrolled in November: October was never owed
    assert cell(widget.model, 0, 12) == ""  # December has not ended
    widget.month.setCurrentIndex(10)
    with qtbot.waitSignal(widget.sig_message, timeout=20000) as written:
        widget.write_rollup_to(tmp_path / "rekap")
    assert "Rekap November 2026 disimpan" in written.args[0]
    assert sorted(p.name for p in (tmp_path / "rekap").iterdir()) == ["rekap-kelurahan-2026-11-kng.pdf",
                                                                      "rekap-kelurahan-2026-11-kng.xlsx"]
    opened = []
    monkeypatch.setattr("desktop.ui.widgets.kelurahan_reports.QDesktopServices.openUrl", opened.append)
    monkeypatch.setenv("LOKET_DATA_DIR", str(tmp_path / "data"))
    widget.open_selected(widget.model.index(0, 11))
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert Path(opened[0].toLocalFile()).read_bytes().startswith(b"%PDF")
    widget.open_selected(widget.model.index(0, 10))
    assert "sudah masuk" in widget.message.text()  # October never arrived: nothing to open


def _november():
    from desktop.models.reports.period import ReportPeriod

    return ReportPeriod.month(2026, 11)
