"""The screen walk: every role of every office signs in, steps aside with Ctrl+L for a colleague and
back, then opens every screen it may see at 1366×768 and 1024×768.

On every screen: only the current page is visible, no other window is open, no widget is cut or
outside its parent, no column is off-screen, the main button is in view without scrolling, and
no English (or code) from a known list is shown. Screenshots at 1366×768 are kept as artefacts in
`<pytest tmp>/artefacts/screen-walk/<office>/<user>-<screen>.jpg`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
from desktop.models.users.roles import Role
from desktop.office import open_office
from tests.identities import FAST_KDF
from tests.models.test_chains_per_office import make_draft
from tests.ui.screen_walk import problems

SIZES = [(1366, 768), (1024, 768)]
# office id, kelurahan counter name (Kanigaran: both the kecamatan counter and one kelurahan), a service
# each office issues letters for (to put some work in every list).
OFFICES = [
    ("kalirejo", "", "kalirejo-surat-keterangan-usaha"),
    ("kraton", "", "kraton-rekomendasi-proposal-bantuan-sosial-keagamaan"),
    ("bangil", "", "bangil-pengantar-izin-keramaian"),
    ("kandangan", "", "kandangan-rekomendasi-keterangan-waris"),
    ("kanigaran", "", "kanigaran-sk-ahli-waris"),
    ("kanigaran", "Kebonsari Kulon", "kanigaran-sk-usaha"),
]


def office_label(office_id: str, kelurahan: str) -> str:
    return f"{office_id}-{kelurahan.split()[0].lower()}" if kelurahan else office_id


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory) -> Path:
    path = tmp_path_factory.getbasetemp() / "artefacts" / "screen-walk"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _seed_work(services, service_id: str) -> None:
    """Some files in every state a list shows: submitted, half way, signed (a letter), a draft."""
    names = ["petugas", "kasi", "seklur", "lurah"] if services.profile.level == "kelurahan" else \
        ["petugas", "kasi", "sekcam", "camat"]
    people = {role: u for u in (services.users.authenticate(n, DEMO_PIN) for n in names) for role in u.roles}
    apps = services.applications
    apps.submit(make_draft(services, service_id), people[Role.PETUGAS])
    apps.submit(make_draft(services, service_id), people[Role.PETUGAS], as_draft=True)
    for stop in (2, None):
        app = apps.submit(make_draft(services, service_id), people[Role.PETUGAS])
        done = 0
        while app.active_step is not None and app.status != Status.SIAP_DIAMBIL and (stop is None or done < stop):
            step = app.steps[app.active_step]
            if step.external:
                break
            role = next(Role(r) for r in step.roles if Role(r) in people)
            app = apps.perform(app.id, step.idx, people[role], role, pin=DEMO_PIN if step.needs_pin else None)
            done += 1


def _settle(qtbot, window) -> None:
    """Until every background answer has reached its screen (results may start more work)."""
    tasks = window.ctx.tasks
    for _ in range(50):
        tasks.wait_idle(10000)
        QApplication.processEvents()
        if not tasks.busy:
            QApplication.processEvents()
            if not tasks.busy:
                return
    raise AssertionError("background work did not settle")


def _sign_in(qtbot, window, username: str) -> None:
    signin = window.signin
    assert window.stack.currentWidget() is signin and signin.username.hasFocus() or not window.isActiveWindow()
    qtbot.keyClicks(signin.username, username)
    qtbot.keyClick(signin.username, Qt.Key.Key_Return)
    qtbot.keyClicks(signin.pin, DEMO_PIN)
    with qtbot.waitSignal(window.ctx.session.sig_user_changed, timeout=10000):
        qtbot.keyClick(signin.pin, Qt.Key.Key_Return)
    _settle(qtbot, window)


def _switch_user(qtbot, window) -> None:
    """Ctrl+L as the clerk presses it (the window's shortcut), falling back to the action."""
    QTest.keySequence(window, "Ctrl+L")
    if window.ctx.session.user is not None:
        window.switch_user_action.trigger()
    assert window.ctx.session.user is None


def _out_of_view(page: QWidget) -> list[str]:
    """Widgets marked `keep_in_view` (the screen's main button) hidden below a scroll area's fold."""
    out = []
    for widget in page.findChildren(QWidget):
        if widget.property("keep_in_view") is not True or not widget.isVisible():
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not page:
            if isinstance(parent, QAbstractScrollArea):
                viewport = parent.viewport()
                top_left = widget.mapTo(viewport, widget.rect().topLeft())
                bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
                if not (viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)):
                    out.append(f"'{getattr(widget, 'text', lambda: '')()}' is out of view (scroll to reach it)")
            parent = parent.parentWidget()
    return out


@pytest.mark.parametrize("office_id,kelurahan,service_id", OFFICES,
                         ids=[office_label(o, k) for o, k, _ in OFFICES])
def test_every_role_every_screen_both_sizes(qtbot, seeded_template, tmp_path, artefacts, clock,
                                            office_id, kelurahan, service_id):
    from desktop.app import build_window

    path = tmp_path / "walk.sqlite3"
    shutil.copy(seeded_template, path)
    services = open_office(path, clock, kdf=FAST_KDF)
    complete_first_run(services, demo_input(services.catalog.office(office_id), kelurahan, residents=40))
    _seed_work(services, service_id)
    label = office_label(office_id, kelurahan)
    shots = artefacts / label
    shots.mkdir(exist_ok=True)
    window = build_window(services)
    qtbot.addWidget(window)
    window.resize(*SIZES[0])
    window.show()
    window.activateWindow()
    usernames = [u.username for u in services.users.list()]
    found: list[str] = []
    visited = 0
    for index, username in enumerate(usernames):
        _sign_in(qtbot, window, username)
        landing = window.stack.currentWidget()
        found += problems(window, f"{label}/{username}/masuk")
        # A colleague steps in at this PC (Ctrl+L), then the first person comes back to the same screen.
        _switch_user(qtbot, window)
        _sign_in(qtbot, window, usernames[(index + 1) % len(usernames)])
        _switch_user(qtbot, window)
        _sign_in(qtbot, window, username)
        assert window.stack.currentWidget() is landing, f"{label}/{username}: not back where they were"
        found += problems(window, f"{label}/{username}/kembali")
        keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
        for key in keys:
            for width, height in SIZES:
                window.resize(width, height)
                page = window.show_screen(key)
                _settle(qtbot, window)
                where = f"{label}/{username}/{key}/{width}"
                found += problems(window, where)
                if (window.width(), window.height()) != (width, height):
                    found.append(f"{where}: the window does not fit {width}×{height}: it needs "
                                 f"{window.minimumSizeHint().width()}×{window.minimumSizeHint().height()}")
                found += [f"{where}: {p}" for p in _out_of_view(page)]
                visited += 1
                if width == SIZES[0][0]:
                    window.grab().save(str(shots / f"{username}-{key}.jpg"), "JPG", 85)
            window.resize(*SIZES[0])
        _switch_user(qtbot, window)
    assert visited >= 2 * 10 * len(usernames) // 2
    assert not found, "\n".join(found)
    window.ctx.tasks.wait_idle()
    services.db.conn.close()
