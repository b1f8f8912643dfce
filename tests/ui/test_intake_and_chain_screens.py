"""Driving the real screens: intake at the counter, then the approval chain in each official's inbox.

Actions are counted (tests/ui/actions.py). Targets: ≤ 6 for the clerk to take a letter request
from a known resident, ≤ 2 per official per step (press the step's button, type PIN + Enter).
"""

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
from desktop.models.users.roles import Role
from desktop.ui.screens.inbox_screen import InboxScreen
from desktop.ui.screens.intake_screen import IntakeScreen
from tests.conftest import wait_idle
from tests.ui.actions import Actions


def set_up(services, office_id, kelurahan=""):
    complete_first_run(services, demo_input(services.catalog.office(office_id), kelurahan, residents=30))
    return services.db.execute("SELECT nik FROM residents ORDER BY nik LIMIT 1").fetchone()[0]


def intake(qtbot, services, make_ctx, nik, service_query, fill=None):
    ctx = make_ctx(services, services.users.authenticate("petugas", DEMO_PIN))
    screen = IntakeScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot, ctx)
    act = Actions(qtbot)
    act.type(screen.resident_picker.edit, nik, enter=True)
    qtbot.waitUntil(lambda: screen.resident is not None, timeout=5000)
    act.type(screen.service_picker.edit, service_query, enter=True)
    qtbot.waitUntil(lambda: screen.service is not None, timeout=5000)
    for key, value in (fill or {}).items():
        act.type(screen.fields.widgets[key][1], value)
    act.click(screen.all_received)
    act.shortcut(screen, "Ctrl+Return")
    qtbot.waitUntil(lambda: hasattr(screen, "last_application"), timeout=5000)
    wait_idle(qtbot, ctx)
    return screen.last_application, act


def run_chain(qtbot, services, make_ctx, app, usernames):
    """Each official opens their inbox; the oldest item is selected; they do their step."""
    per_step = []
    for _ in range(20):
        app = services.applications.get(app.id)
        if app.status in (Status.SIAP_DIAMBIL, Status.DIAMBIL):
            return app, per_step
        step = app.current
        username = next(u for u in usernames if Role(step.roles[0]) in services.users.authenticate(u, DEMO_PIN).roles
                        or any(Role(r) in services.users.authenticate(u, DEMO_PIN).roles for r in step.roles))
        ctx = make_ctx(services, services.users.authenticate(username, DEMO_PIN))
        screen = InboxScreen(ctx=ctx)
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitUntil(lambda s=screen: s.current is not None and s.do_button.isEnabled(), timeout=5000)
        act = Actions(qtbot)
        if screen.confirm.isVisible():  # Kandangan: the clerk confirms the population data are current
            assert step.confirm and step.confirm in screen.confirm.text()
            qtbot.mouseClick(screen.confirm, Qt.MouseButton.LeftButton, pos=QPoint(8, screen.confirm.height() // 2))
            act._note("centang konfirmasi")
            assert screen.confirm.isChecked()
        act.click(screen.do_button)
        if step.needs_pin:
            qtbot.waitUntil(lambda s=screen: s.pin_dialog is not None and s.pin_dialog.isVisible(), timeout=5000)
            act.type(screen.pin_dialog.pin, DEMO_PIN, enter=True)
        qtbot.waitUntil(lambda s=screen: hasattr(s, "last_result") or "PIN" in s.message.text(), timeout=5000)
        wait_idle(qtbot, ctx)
        per_step.append((step.kind, username, act.count))
    raise AssertionError("chain did not finish")


def test_clerk_takes_a_letter_request_in_at_most_six_actions(qtbot, services, make_ctx):
    nik = set_up(services, "kalirejo")
    app, act = intake(qtbot, services, make_ctx, nik, "domisili", {"keperluan": "Melamar pekerjaan"})
    assert app.service_id == "kalirejo-surat-keterangan-domisili"
    assert app.fields["alamat_domisili"].startswith("Jl.")  # filled from the resident's data
    assert app.status == Status.DIAJUKAN
    assert act.count <= 6, act.log


OFFICES = [
    ("kalirejo", "", "sktm", {"keperluan": "Beasiswa"}, ["petugas", "kasi", "seklur", "lurah"]),
    ("kanigaran", "Kebonsari Kulon", "usaha", {"nama_usaha": "Warung Bu Sri", "jenis_usaha": "Warung makan",
                                                "alamat_usaha": "Jl. Kartini 5", "keperluan": "Kredit bank"},
     ["petugas", "kasi", "seklur", "lurah"]),
    ("kraton", "", "skck", {"keperluan": "Melamar kerja"}, ["petugas", "kasi", "sekcam", "camat"]),
    ("bangil", "", "waris", {"nama_pewaris": "Almarhum Slamet", "keperluan": "Balik nama sertifikat"},
     ["petugas", "kasi", "sekcam", "camat"]),
    ("kandangan", "", "sktm", {"nomor_surat_asal": "470/12/2026", "penerbit": "Desa Kandangan",
                                "perihal": "SKTM"}, ["petugas", "kasi", "sekcam", "camat"]),
]


@pytest.mark.parametrize("office_id,kelurahan,query,fill,usernames", OFFICES, ids=[o[0] for o in OFFICES])
def test_intake_and_chain_through_the_screens(qtbot, services, make_ctx, office_id, kelurahan, query, fill, usernames):
    nik = set_up(services, office_id, kelurahan)
    app, act = intake(qtbot, services, make_ctx, nik, query, fill)
    assert app.status in (Status.DIAJUKAN, Status.DIVERIFIKASI), app.status
    done, per_step = run_chain(qtbot, services, make_ctx, app, usernames)
    assert done.status == Status.SIAP_DIAMBIL
    assert all(count <= 2 for _kind, _user, count in per_step), per_step
    assert any(kind == "tanda_tangan" for kind, _u, _c in per_step)
    signer = next(s for s in done.steps if s.kind == "tanda_tangan")
    assert signer.done_role in {"lurah", "camat", "sekretaris_camat", "kasi"}


def test_wrong_pin_at_signing_changes_nothing(qtbot, services, make_ctx):
    nik = set_up(services, "kalirejo")
    app, _ = intake(qtbot, services, make_ctx, nik, "sktm", {"keperluan": "Beasiswa"})
    apps = services.applications
    while app.current.kind != "tanda_tangan":
        step = app.current
        role = Role(step.roles[0])
        user = services.users.by_role(role)[0]
        app = apps.perform(app.id, step.idx, user, role, pin=DEMO_PIN)  # each person confirms with their PIN
    ctx = make_ctx(services, services.users.authenticate("lurah", DEMO_PIN))
    screen = InboxScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.current is not None and screen.do_button.isEnabled(), timeout=5000)
    screen.do_button.click()
    qtbot.waitUntil(lambda: screen.pin_dialog is not None, timeout=5000)
    qtbot.keyClicks(screen.pin_dialog.pin, "000000")
    qtbot.keyClick(screen.pin_dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "PIN salah" in screen.message.text(), timeout=5000)
    assert apps.get(app.id).status == Status.MENUNGGU_TTD


def test_missing_requirement_is_named_on_screen(qtbot, services, make_ctx):
    nik = set_up(services, "kalirejo")
    ctx = make_ctx(services, services.users.authenticate("petugas", DEMO_PIN))
    screen = IntakeScreen(ctx=ctx)
    qtbot.addWidget(screen)
    wait_idle(qtbot, ctx)
    qtbot.keyClicks(screen.resident_picker.edit, nik)
    qtbot.keyClick(screen.resident_picker.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.resident is not None, timeout=5000)
    qtbot.keyClicks(screen.service_picker.edit, "sktm")
    qtbot.keyClick(screen.service_picker.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.service is not None, timeout=5000)
    qtbot.keyClicks(screen.fields.widgets["keperluan"][1], "Beasiswa")
    screen.submit_button.click()
    qtbot.waitUntil(lambda: "Persyaratan wajib belum diterima" in screen.message.text(), timeout=5000)
    assert "Surat Pengantar dari RT" in screen.message.text()
    assert services.db["applications"].count == 0
