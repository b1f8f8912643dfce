"""Two processes on one database file (the app beside `loket serve`): writers wait, none fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Each process writes residents one transaction at a time; every transaction reads first
# (is the NIK taken? the audit chain's last hash) and then writes: the pattern that made a
# deferred BEGIN fail at once with "database is locked" when the other process held the lock.
WRITER = textwrap.dedent("""
    import sys
    from desktop.models.errors import DatabaseError
    from desktop.models.residents.synthetic import residents
    from desktop.office import open_office

    path, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    services = open_office(path, seed_catalog=False)
    who = (sys.argv[4:6] + ["petugas1", "135790"][len(sys.argv[4:6]):])  # user name and PIN
    clerk = services.users.authenticate(who[0], who[1]).actor()
    people = list(residents(count, seed=start, start_serial=start))
    print("ready", flush=True)
    sys.stdin.readline()  # both start writing together
    failures = 0
    for person in people:
        try:
            services.residents.create(person, clerk)
        except DatabaseError as exc:
            failures += 1
            print("FAILED", exc, file=sys.stderr)
    print(failures)
""")


def start_together(script: str, args: list[list[str]]) -> list[subprocess.Popen]:
    """Start one process per argument list; each says "ready", then all are released at once."""
    procs = [subprocess.Popen([sys.executable, "-c", script, *a], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for a in args]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    return procs


def writer_account(path) -> None:
    """The writing processes act as a signed-in clerk (petugas1, PIN 135790): the core checks who acts."""
    from desktop.office import open_office
    from tests.identities import FAST_KDF, staff

    services = open_office(path, seed_catalog=False, kdf=FAST_KDF)
    staff(services.db, services.clock, services.users)
    services.db.conn.close()


def test_two_processes_writing_at_once_never_fail(db_path):
    writer_account(db_path)
    procs = start_together(WRITER, [[str(db_path), "1", "60"], [str(db_path), "5001", "60"]])
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "0", err  # no "database in use" in either process
    from desktop.models.audit import verify_chain
    from desktop.models.db import open_database

    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM residents").fetchone()[0] == 120
    assert verify_chain(db) is None  # the two writers never forked the audit chain


GUESSER = textwrap.dedent("""
    import sys
    from desktop.models.errors import AuthError
    from desktop.office import open_office

    services = open_office(sys.argv[1], seed_catalog=False)
    print("ready", flush=True)
    sys.stdin.readline()
    checked = refused = 0
    for guess in range(6):
        try:
            services.users.authenticate("petugas1", f"{guess:06d}")
        except AuthError as exc:
            if "terkunci" in str(exc):
                refused += 1
            else:
                checked += 1  # the PIN itself was checked and found wrong
    print(checked, refused)
""")


def test_four_processes_guessing_pins_check_at_most_five(db_path):
    from desktop.models.audit import Actor
    from desktop.models.users.accounts import MAX_ATTEMPTS, NewUser
    from desktop.models.users.roles import Role
    from desktop.office import open_office

    services = open_office(db_path, seed_catalog=False)
    user = services.users.create(NewUser("petugas1", "Petugas Satu", [Role.PETUGAS], "135790"), Actor.system())
    # (the office's very first account needs nobody's permission)
    procs = start_together(GUESSER, [[str(db_path)]] * 4)
    checked = 0
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        checked += int(out.split()[0])
    wrong = services.db.execute("SELECT count(*) FROM audit WHERE action = 'user.pin_wrong' AND entity_id = ?",
                                [user.id]).fetchone()[0]
    assert checked == wrong == MAX_ATTEMPTS  # 24 guesses, exactly five PINs checked, the rest refused
    locked = services.db.execute("SELECT locked_until FROM users WHERE id = ?", [user.id]).fetchone()[0]
    assert locked is not None
