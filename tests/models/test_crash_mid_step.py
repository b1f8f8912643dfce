"""The app killed in the middle of a step: afterwards the application is before the step, never between."""

import subprocess
import sys
import textwrap

from desktop.models.applications.status import Status
from desktop.office import open_office
from tests.identities import FAST_KDF

SCRIPT = textwrap.dedent("""
    import os, sys
    from desktop.office import open_office
    from desktop.models.users.roles import Role
    services = open_office(sys.argv[1])
    app = services.applications.get(sys.argv[2])
    user = services.users.authenticate("petugas", "246810")

    def die(ctx, app, step, user):
        ctx.db.execute("UPDATE applications SET status = 'diambil' WHERE id = ?", [app.id])  # half-written
        os._exit(9)  # power cut inside the transaction

    services.applications.step_hooks.append(die)
    services.applications.perform(app.id, app.active_step, user, Role.PETUGAS)
""")


def test_killed_process_leaves_application_before_the_step(db_path, clock):
    from tests.models.test_applications import draft_for

    services = open_office(db_path, clock, kdf=FAST_KDF)
    from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input

    complete_first_run(services, demo_input(services.catalog.office("kalirejo"), residents=5))
    app = services.applications.submit(draft_for(services), services.users.authenticate("petugas", DEMO_PIN))
    services.db.conn.close()
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(db_path), app.id], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    after = open_office(db_path, clock, kdf=FAST_KDF)
    again = after.applications.get(app.id)
    assert again.status == Status.DIAJUKAN and again.active_step == app.active_step
    assert after.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    events = after.db.execute("SELECT count(*) FROM application_events WHERE application_id = ?", [app.id]).fetchone()
    assert events[0] == 1
