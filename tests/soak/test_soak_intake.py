"""The counter's main screen through 500 applications in a row, typed as a clerk types them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.models.applications.status import Status
from desktop.ui.screens.intake_screen import IntakeScreen
from tests.soak.memory import Watch, settle

APPLICATIONS = 500


def test_intake_screen_takes_500_applications(qtbot, clerk_ctx, open_screen, office_services):
    niks = [r[0] for r in office_services.db.execute("SELECT nik FROM residents ORDER BY nik")]
    screen = open_screen(IntakeScreen, clerk_ctx)
    screen.resize(1366, 768)
    screen.show()
    submitted = []
    screen.sig_submitted.connect(submitted.append)
    watch = Watch()
    for i in range(APPLICATIONS):
        paint = i % 10 == 0  # every tenth application is drawn on screen in full
        QTest.keyClicks(screen.resident_picker.edit, niks[i % len(niks)])
        QTest.keyClick(screen.resident_picker.edit, Qt.Key.Key_Return)
        settle(clerk_ctx, paint=paint)
        QTest.keyClicks(screen.service_picker.edit, "domisili")
        QTest.keyClick(screen.service_picker.edit, Qt.Key.Key_Return)
        settle(clerk_ctx, paint=paint)
        QTest.keyClicks(screen.fields.widgets["keperluan"][1], f"Keperluan nomor {i}")
        screen.all_received.click()
        QTest.keySequence(screen, "Ctrl+Return")
        settle(clerk_ctx, paint=paint)
        assert len(submitted) == i + 1, screen.message.text()
        screen.reset_button.click()
        if i == APPLICATIONS // 10:
            watch.rebase()
    assert len({a.id for a in submitted}) == APPLICATIONS
    assert all(a.status == Status.DIAJUKAN for a in submitted)
    stored = office_services.db.execute("SELECT count(*) FROM applications WHERE service_id = ?",
                                        ["kalirejo-surat-keterangan-domisili"]).fetchone()[0]
    assert stored == APPLICATIONS
    watch.check(max_growth_mib=40)
