"""The screens that carry issue 10's checks: void with the official's PIN, add an official whose key is
certified at once, export and import a key directory. The models decide; the screens only ask."""

from __future__ import annotations

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.accounts import NewUser
from desktop.models.users.roles import Role
from desktop.ui.screens.register_screen import RegisterScreen
from desktop.ui.screens.users_screen import UsersScreen
from tests.conftest import wait_idle
from tests.printing.test_letters import sign_one


def test_register_void_goes_through_the_officials_pin(qtbot, make_ctx, office_services):
    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    screen = RegisterScreen(ctx=ctx)
    qtbot.addWidget(screen)
    lurah = office_services.users.by_role(Role.LURAH)[0]
    screen.void(entry.id, "Salah ketik", lurah, Role.LURAH, "000000")  # wrong PIN: nothing happens
    wait_idle(qtbot, ctx)
    assert "PIN salah" in screen.message.text() and office_services.register.get(entry.id).status == "terbit"
    screen.void(entry.id, "Salah ketik", lurah, Role.LURAH, DEMO_PIN)
    wait_idle(qtbot, ctx)
    assert office_services.register.get(entry.id).status == "batal"
    assert "dibatalkan" in screen.message.text()


def test_an_official_added_with_the_admins_pin_can_sign_at_once(qtbot, make_ctx, office_services):
    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = UsersScreen(ctx=ctx)
    qtbot.addWidget(screen)
    user = screen.add_user(NewUser("seklur2", "Rina Sekretaris", [Role.SEKRETARIS_LURAH], "864213"), ctx.user,
                           DEMO_PIN)
    row = office_services.custody.active("official", user.id)
    assert row is not None and row["certificate"]
    fresh = office_services.users.confirm(user.id, "864213")
    assert office_services.users.signing_key(fresh)[1]["key_id"] == row["key_id"]


def test_directory_export_and_import_from_the_sync_screen(qtbot, make_ctx, tmp_path, kel, kec):
    from desktop.ui.screens.sync_screen import SyncScreen
    from tests.sync.sync_helpers import issue_letter, link, push

    link(kel, kec)
    letter = issue_letter(kel)
    push(kel, kec)
    kec.users.authenticate("admin", DEMO_PIN)  # the kecamatan's admin vouches for KBK's root
    kec_ctx = make_ctx(kec, kec.users.authenticate("admin", DEMO_PIN))
    kec_screen = SyncScreen(ctx=kec_ctx)
    qtbot.addWidget(kec_screen)
    path = tmp_path / "direktori.loketkunci"
    with qtbot.waitSignal(kec_screen.sig_message, timeout=10000) as blocker:
        kec_screen.export_directory(path)
    assert "Sidik kunci induk" in blocker.args[0] and path.exists()
    # The kelurahan imports it from its own screen (an office outside the kecamatan would do the same).
    other_ctx = make_ctx(kel, kel.users.authenticate("admin", DEMO_PIN))
    other = SyncScreen(ctx=other_ctx)
    qtbot.addWidget(other)
    with qtbot.waitSignal(other.sig_message, timeout=10000) as blocker:
        other.import_directory(path)  # no PIN typed: refused
    assert "PIN" in blocker.args[0]
    with qtbot.waitSignal(other.sig_message, timeout=10000) as blocker:
        other.import_directory(path, DEMO_PIN)
    assert "Diimpor" in blocker.args[0]
    from desktop.printing.qr import verify_payload

    assert verify_payload(letter.qr_payload, kec.directory).status == "asli"
    assert other.root_fingerprint.text()  # the screen shows this office's root key fingerprint
