"""Beranda shows today's figures: received, finished on time / late, open past the limit."""

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.ui.screens.home import HomeScreen
from tests.conftest import wait_idle


def test_day_report_counts_on_time_and_late(qtbot, office_services, make_ctx, clock):
    from tests.models.test_applications import draft_for

    apps = office_services.applications
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    quick = apps.submit(draft_for(office_services), petugas)
    apps.submit(draft_for(office_services), petugas)  # stays open
    while quick.status.value not in ("siap_diambil", "diambil"):
        step = quick.current
        role = Role(step.roles[0])
        quick = apps.perform(quick.id, step.idx, office_services.users.by_role(role)[0], role,
                             pin=DEMO_PIN)  # each person confirms with their PIN
    clock.advance(minutes=30)  # the open one is now past its 5-minute limit
    ctx = make_ctx(office_services, petugas)
    screen = HomeScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: hasattr(screen, "report"), timeout=5000)
    assert screen.report == {"diterima": 2, "selesai_tepat_waktu": 1, "selesai_terlambat": 0, "terbuka_terlambat": 1}
    assert "Masih terbuka dan sudah lewat batas waktu (semua petugas): 1" in screen.summary.text()
    wait_idle(qtbot, ctx)
