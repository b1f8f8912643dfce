"""Two offices on one machine: Kelurahan Kebonsari Kulon (KBK) and Kecamatan Kanigaran (KNG)."""

from __future__ import annotations

import shutil

import pytest

from desktop.models.applications.application import Applicant
from desktop.models.applications.intake import IntakeDraft, checklist, form_fields
from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
from desktop.models.users.accounts import NewUser
from desktop.models.users.roles import Role
from desktop.office import open_office
from desktop.sync.peers import ROLE_KECAMATAN, ROLE_KELURAHAN, PeerRepository
from tests.identities import FAST_KDF, admin_actor

KEL, KEC = "KBK", "KNG"
TIPE_B = "kanigaran-sk-tidak-mampu"


def make_kelurahan(tmp_path, template, clock):
    path = tmp_path / "kelurahan.sqlite3"
    shutil.copy(template, path)
    s = open_office(path, clock, kdf=FAST_KDF)
    data = demo_input(s.catalog.office("kanigaran"), "Kebonsari Kulon", residents=10)
    data.profile.office_code = KEL
    complete_first_run(s, data)
    return s


def make_kecamatan(tmp_path, template, clock):
    path = tmp_path / "kecamatan.sqlite3"
    shutil.copy(template, path)
    s = open_office(path, clock, kdf=FAST_KDF)
    data = demo_input(s.catalog.office("kanigaran"), residents=0)
    # demo_input fills in a kelurahan for Kanigaran; this counter is the kecamatan itself.
    data.profile.level, data.profile.kelurahan, data.profile.office_code = "kecamatan", "", KEC
    data.officials = [
        NewUser("petugas", "Rina Petugas", [Role.PETUGAS], DEMO_PIN, jabatan="Petugas Pelayanan"),
        NewUser("kasi", "Kasi Pelayanan", [Role.KASI], DEMO_PIN, jabatan="Kasi Pelayanan"),
        NewUser("sekcam", "Sekcam Kanigaran", [Role.SEKRETARIS_CAMAT], DEMO_PIN, jabatan="Sekretaris Camat"),
        NewUser("camat", "Camat Kanigaran", [Role.CAMAT], DEMO_PIN, jabatan="Camat"),
    ]
    complete_first_run(s, data)
    return s


def link(kel, kec, url=""):
    PeerRepository(kec.db, kec.clock).enroll(KEL, kel.office_keys.public_key(), admin_actor(kec),
                                             role=ROLE_KELURAHAN, name="Kebonsari Kulon")
    PeerRepository(kel.db, kel.clock).enroll(KEC, kec.office_keys.public_key(), admin_actor(kel),
                                             role=ROLE_KECAMATAN, name="Kecamatan Kanigaran", url=url)


@pytest.fixture
def kel(tmp_path, seeded_template, clock):
    s = make_kelurahan(tmp_path, seeded_template, clock)
    yield s
    s.db.conn.close()


@pytest.fixture
def kec(tmp_path, seeded_template, clock):
    s = make_kecamatan(tmp_path, seeded_template, clock)
    yield s
    s.db.conn.close()


@pytest.fixture
def linked(kel, kec):
    link(kel, kec)
    return kel, kec


def user(services, name):
    return services.users.authenticate(name, DEMO_PIN)


def submit(services, service_id=TIPE_B):
    """One application at the kelurahan counter, every requirement ticked, fields filled."""
    service, _ = services.catalog.service(service_id)
    items = checklist(service)
    for item in items:
        item.received = True
    nik = services.db.execute("SELECT nik, nama, id FROM residents ORDER BY nik LIMIT 1").fetchone()
    fields = {f["key"]: "2026-11-01" if f["type"] == "date" else "Untuk keperluan sekolah" for f in form_fields(service)}
    draft = IntakeDraft(service_id=service_id, applicant=Applicant(kind="penduduk", name=nik[1], nik=nik[0],
                                                                   resident_id=nik[2]),
                        requirements=items, fields=fields)
    return services.applications.submit(draft, user(services, "petugas"))


def outbox_seqs(services):
    return [r[0] for r in services.db.execute("SELECT seq FROM outbox ORDER BY seq")]


def received(services, sender=KEL):
    """The kecamatan's copy of a kelurahan's stream: (seq, uuid) of every record, in order."""
    return [tuple(r) for r in services.db.execute(
        "SELECT seq, uuid FROM sync_events WHERE office_code = ? ORDER BY seq", [sender])]


def sent(services):
    return [tuple(r) for r in services.db.execute("SELECT seq, uuid FROM outbox ORDER BY seq")]


TIPE_A = "kanigaran-sk-domisili-penduduk"


def make_office(tmp_path, template, clock, code, name):
    """Another kelurahan of Kecamatan Kanigaran (its own database and keys)."""
    path = tmp_path / f"{code}.sqlite3"
    shutil.copy(template, path)
    s = open_office(path, clock, kdf=FAST_KDF)
    data = demo_input(s.catalog.office("kanigaran"), name, residents=5)
    data.profile.office_code = code
    complete_first_run(s, data)
    return s


def issue_letter(services, service_id=TIPE_A):
    """A letter signed at `services`' counter (each step by its holder, with their PIN)."""
    from desktop.models.users.roles import Role

    app = submit(services, service_id)
    while services.register.for_application(app.id) is None:
        step = app.current
        role = Role(step.roles[0])
        app = services.applications.perform(app.id, step.idx, services.users.by_role(role)[0], role, pin=DEMO_PIN)
    return services.register.for_application(app.id)


def push(kel, kec):
    """One round trip: the kelurahan's pending batch up, the receipt back, the downlink down."""
    from desktop.sync.inbound import receive
    from desktop.sync.outbound import accept_receipt, pending_batch

    data = pending_batch(kel, allow_empty=True)
    result = receive(kec, data)
    accept_receipt(kel, result.receipt_bytes)
    down = pending_batch(kec, kel.profile.office_code)
    if down is not None:
        accept_receipt(kec, receive(kel, down).receipt_bytes)
