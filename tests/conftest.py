import os

# Before any Qt import: tests run headless, with or without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import tempfile  # noqa: E402
from datetime import datetime  # noqa: E402

import pytest  # noqa: E402

# Keep the user's real data folder untouched by tests.
os.environ.setdefault("LOKET_DATA_DIR", tempfile.mkdtemp(prefix="loket-test-data-"))
# ...and the user's credential store: device secrets go to user-only files beside each test database.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from PySide6 import QtCore  # noqa: E402, F401 - Qt as the app runs it: PySide's import hook dropped

from desktop.models.clock import WIB, FixedClock  # noqa: E402
from desktop.ui.qt_import_hook import drop_feature_import_hook  # noqa: E402
from tests.identities import FAST_KDF  # noqa: E402

drop_feature_import_hook()

# The real PostgreSQL server (one per session) for the kabupaten receiver's tests.
pytest_plugins = ["tests.postgres_fixture"]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="regenerate golden files deliberately")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 24, 8, 30, tzinfo=WIB))


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    """A database file with migrations and the five catalogues, copied per test (fast)."""
    from desktop.office import open_office

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    services = open_office(path, kdf=FAST_KDF)
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    services.db.conn.close()
    return path


@pytest.fixture
def db_path(tmp_path, seeded_template):
    import shutil

    target = tmp_path / "loket.sqlite3"
    shutil.copy(seeded_template, target)
    return target


@pytest.fixture
def services(db_path, clock):
    from desktop.office import open_office

    s = open_office(db_path, clock, kdf=FAST_KDF)
    yield s
    s.db.conn.close()


@pytest.fixture
def office_services(services):
    """A set-up Kelurahan Kalirejo with one account per role (PIN 246810)."""
    from desktop.models.office.first_run import complete_first_run, demo_input

    complete_first_run(services, demo_input(services.catalog.office("kalirejo"), residents=50))
    return services


@pytest.fixture
def make_ctx(qtbot):
    """Build an AppContext over some Services; waits for background work on teardown."""
    made = []

    def factory(services, user=None):
        from desktop.ui.context import AppContext, Session
        from desktop.ui.tasks import TaskManager

        ctx = AppContext(services=services, tasks=TaskManager(), session=Session())
        if user is not None:
            ctx.session.sign_in(user)
        made.append(ctx)
        return ctx

    yield factory
    for ctx in made:
        ctx.tasks.wait_idle()


@pytest.fixture
def sign_in(office_services):
    """The demo office's user by name, signed in without the screen (PIN 246810)."""
    from desktop.models.office.first_run import DEMO_PIN

    return lambda username: office_services.users.authenticate(username, DEMO_PIN)


def wait_idle(qtbot, ctx, timeout=10000):
    """Wait until the task runner has delivered every result to the GUI thread."""
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=timeout)
