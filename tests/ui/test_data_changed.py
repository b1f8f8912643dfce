"""One app-wide "data changed" signal: screens follow every committed change by themselves.

The task runner emits sig_data_changed after a job that committed (after the job's own callback),
never after a job that only read; a commit by another connection (the sync or SMS worker's own,
`loket serve` beside the app) is noticed by its data_version check. Tugas Saya, Beranda, Lacak,
Buku Register and the queue screens reload without a "Muat ulang".
"""

from __future__ import annotations

import pytest

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.office import open_office
from desktop.ui.screens.home import HomeScreen
from desktop.ui.screens.inbox_screen import InboxScreen
from desktop.ui.screens.register_screen import RegisterScreen
from desktop.ui.screens.tracking_screen import TrackingScreen
from tests.conftest import wait_idle
from tests.identities import FAST_KDF
from tests.models.test_applications import draft_for


def count_signals(ctx) -> list[int]:
    seen: list[int] = []
    ctx.tasks.sig_data_changed.connect(lambda: seen.append(1))
    return seen


def shown(qtbot, ctx, screen_class):
    """The screen on screen, its first load done."""
    screen = screen_class(ctx=ctx)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot, ctx)
    return screen


def submit_through_runner(qtbot, ctx, services, clerk) -> None:
    """What the intake screen does: the submission as a job on the task runner."""
    done = []
    ctx.tasks.run(lambda: services.applications.submit(draft_for(services), clerk), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)


def test_after_a_job_that_wrote_and_after_its_callback_never_after_a_read(qtbot, office_services, make_ctx):
    clerk = office_services.users.authenticate("petugas", DEMO_PIN)
    ctx = make_ctx(office_services, clerk)
    order: list[str] = []
    ctx.tasks.sig_data_changed.connect(lambda: order.append("changed"))
    ctx.tasks.run(lambda: office_services.applications.inbox_counts(clerk), lambda _r: order.append("read"))
    wait_idle(qtbot, ctx)
    with qtbot.waitSignal(ctx.tasks.sig_data_changed, timeout=5000):
        ctx.tasks.run(lambda: office_services.applications.submit(draft_for(office_services), clerk),
                      lambda _app: order.append("wrote"))
    wait_idle(qtbot, ctx)
    assert order == ["read", "wrote", "changed"]


def test_a_failed_write_changes_nothing_and_says_nothing(qtbot, office_services, make_ctx):
    clerk = office_services.users.authenticate("petugas", DEMO_PIN)
    ctx = make_ctx(office_services, clerk)
    seen = count_signals(ctx)
    draft = draft_for(office_services, tick=False)  # a required document not received: refused
    failed = []
    ctx.tasks.run(lambda: office_services.applications.submit(draft, clerk), None, failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    wait_idle(qtbot, ctx)
    assert seen == []


def test_a_commit_by_another_connection_is_noticed_once(qtbot, office_services, make_ctx, db_path, clock):
    clerk = office_services.users.authenticate("petugas", DEMO_PIN)
    ctx = make_ctx(office_services, clerk)
    wait_idle(qtbot, ctx)
    seen = count_signals(ctx)
    ctx.tasks.check_outside_changes()
    wait_idle(qtbot, ctx)
    assert seen == []  # nothing happened elsewhere
    worker = open_office(db_path, clock, kdf=FAST_KDF)  # as the sync worker opens its own connection
    try:
        worker.applications.submit(draft_for(worker), worker.users.authenticate("petugas", DEMO_PIN))
    finally:
        worker.db.conn.close()
    with qtbot.waitSignal(ctx.tasks.sig_data_changed, timeout=5000):
        ctx.tasks.check_outside_changes()
    ctx.tasks.check_outside_changes()
    wait_idle(qtbot, ctx)
    assert seen == [1]


def test_tugas_saya_follows_changes_without_reloading(qtbot, office_services, make_ctx):
    services = office_services
    clerk = services.users.authenticate("petugas", DEMO_PIN)
    ctx = make_ctx(services, clerk)
    inbox = shown(qtbot, ctx, InboxScreen)
    assert inbox.model.rowCount() == 0 and inbox.count.text().startswith("0 menunggu")
    assert not hasattr(inbox, "refresh_button")
    submit_through_runner(qtbot, ctx, services, clerk)  # e.g. from Permohonan Baru
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: inbox.count.text().startswith("1 menunggu"), timeout=5000)


def test_an_outside_change_reaches_tugas_saya(qtbot, office_services, make_ctx, db_path, clock):
    """The kecamatan's decision applied by the sync worker on its own connection shows in the inbox."""
    services = office_services
    ctx = make_ctx(services, services.users.authenticate("petugas", DEMO_PIN))
    inbox = shown(qtbot, ctx, InboxScreen)
    worker = open_office(db_path, clock, kdf=FAST_KDF)
    try:
        worker.applications.submit(draft_for(worker), worker.users.authenticate("petugas", DEMO_PIN))
    finally:
        worker.db.conn.close()
    ctx.tasks.check_outside_changes()  # what the sync worker's report (and the window's timer) trigger
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=5000)


@pytest.mark.parametrize("screen_class", [HomeScreen, TrackingScreen, RegisterScreen])
def test_other_screens_follow_and_their_reloads_write_nothing(qtbot, office_services, make_ctx, screen_class):
    """Beranda, Lacak and Buku Register reload after a change; reloading itself commits nothing, so
    one change gives one round of reloads and the signal falls silent (no loop)."""
    services = office_services
    clerk = services.users.authenticate("petugas", DEMO_PIN)
    ctx = make_ctx(services, clerk)
    screen = shown(qtbot, ctx, screen_class)
    assert screen.isVisible()
    reloads: list[int] = []
    ctx.tasks.sig_busy_changed.connect(lambda busy: busy and reloads.append(1))
    seen = count_signals(ctx)
    submit_through_runner(qtbot, ctx, services, clerk)
    qtbot.waitUntil(lambda: len(reloads) >= 2, timeout=5000)  # the submission, then the screen's reload
    wait_idle(qtbot, ctx)
    qtbot.wait(50)  # let any further (wrong) signal arrive before counting
    assert seen == [1]


def test_a_hidden_screen_waits_and_reloads_when_shown(qtbot, office_services, make_ctx):
    services = office_services
    clerk = services.users.authenticate("petugas", DEMO_PIN)
    ctx = make_ctx(services, clerk)
    inbox = InboxScreen(ctx=ctx)
    qtbot.addWidget(inbox)
    wait_idle(qtbot, ctx)
    inbox.on_shown()  # the shell's first show
    wait_idle(qtbot, ctx)
    submit_through_runner(qtbot, ctx, services, clerk)
    wait_idle(qtbot, ctx)
    assert inbox.model.rowCount() == 0  # not on screen: not reloaded
    inbox.show()
    inbox.on_shown()
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=5000)


def test_tugas_saya_loads_a_page_then_more_as_it_scrolls(qtbot, office_services, make_ctx, clock):
    services = office_services
    clerk = services.users.authenticate("petugas", DEMO_PIN)
    for _ in range(7):
        services.applications.submit(draft_for(services), clerk)
        clock.advance(minutes=1)
    ctx = make_ctx(services, clerk)
    inbox = InboxScreen(ctx=ctx)
    inbox.page_size = 3
    inbox.reload()
    qtbot.addWidget(inbox)
    inbox.show()
    qtbot.waitUntil(lambda: inbox.model.rowCount() >= 3, timeout=5000)
    assert inbox.count.text().startswith("7 menunggu")  # counted over all, not the page

    def scrolled_to_the_end() -> bool:  # as the view does when the clerk scrolls down
        if inbox.model.canFetchMore():
            inbox.model.fetchMore()
        return inbox.model.rowCount() == 7

    qtbot.waitUntil(scrolled_to_the_end, timeout=5000)
    wait_idle(qtbot, ctx)
    assert [r.app_id for r in inbox.model.rows] == [i.app_id for i in services.applications.inbox(clerk)]


def test_each_context_owns_its_queue_bus(office_services, make_ctx):
    one = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    two = make_ctx(office_services, office_services.users.by_role(Role.PETUGAS)[0])
    assert one.queue_bus is not two.queue_bus
