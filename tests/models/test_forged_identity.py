"""Failure 5 of issue 10: the core trusted whatever identity it was handed. Each attack, refused.

Reproduced on the old main: a User built from the clerk's id and PIN but with role Lurah signed a
letter under the Lurah's name; void() accepted a made-up admin without a PIN; the clerk changed the
office profile, number format, templates and catalogue, trusted a stranger's key, re-pointed the
kecamatan and switched off encryption and NIK hashing; users.create without `by` made an admin.
"""

from __future__ import annotations

import dataclasses

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.audit import Actor
from desktop.models.db import transaction
from desktop.models.errors import AuthError, PermissionDenied
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.settings import NumberingSettings, OfficeProfile
from desktop.models.trust.office_keys import public_key_text
from desktop.models.users.accounts import NewUser, User
from desktop.models.users.roles import Role
from desktop.sync.peers import ROLE_KECAMATAN, PeerRepository
from tests.models.test_applications import draft_for


@pytest.fixture
def clerk(office_services):
    return office_services.users.authenticate("petugas", DEMO_PIN)


def _at_signature(services, clerk):
    apps = services.applications
    app = apps.submit(draft_for(services), clerk)
    while app.current.kind != "tanda_tangan":
        step = app.current
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, services.users.by_role(role)[0], role, pin=DEMO_PIN)
    return app


def _audit_count(services) -> int:
    return services.db.execute("SELECT count(*) FROM audit").fetchone()[0]


def test_clerk_with_a_made_up_lurah_role_cannot_sign(office_services, clerk):
    app = _at_signature(office_services, clerk)
    lurah_id = office_services.users.by_role(Role.LURAH)[0].id
    forged = [
        User(id=clerk.id, username="petugas", full_name="Drs. Bambang Purnomo", roles=frozenset({Role.LURAH})),
        dataclasses.replace(clerk, roles=frozenset({Role.LURAH}), full_name="Drs. Bambang Purnomo"),
    ]
    for user in forged:
        with pytest.raises(PermissionDenied):
            office_services.applications.perform(app.id, app.active_step, user, Role.LURAH, pin=DEMO_PIN)
    # The clerk's own session pretending to be the Lurah's id, with no PIN: refused as well.
    with pytest.raises(PermissionDenied):
        office_services.applications.perform(app.id, app.active_step, dataclasses.replace(clerk, id=lurah_id),
                                             Role.LURAH)
    assert office_services.applications.get(app.id).current.kind == "tanda_tangan"
    assert office_services.register.for_application(app.id) is None


def test_a_hand_made_user_without_a_session_is_refused_everywhere(office_services):
    ghost = User(id="x", username="x", full_name="Admin Palsu", roles=frozenset(Role))
    before = _audit_count(office_services)
    with pytest.raises(PermissionDenied):
        office_services.applications.submit(draft_for(office_services), ghost)
    with pytest.raises(PermissionDenied):
        office_services.settings.put(OfficeProfile(office_code="PALSU"), ghost.actor(Role.ADMIN))
    with pytest.raises(PermissionDenied):
        office_services.users.create(NewUser("palsu", "Palsu", [Role.ADMIN, Role.LURAH], "864213"),
                                     ghost.actor(Role.ADMIN), by=ghost)
    assert _audit_count(office_services) == before


def test_void_refuses_a_made_up_admin_and_needs_the_officials_pin(office_services):
    with transaction(office_services.db):
        entry = office_services.register.allocate(classification="470", subject="Surat", recipient="BUDI",
                                                  signer_name="LURAH", signer_role="lurah", actor=Actor.system())
    made_up = User(id="a", username="a", full_name="Admin", roles=frozenset({Role.ADMIN}))
    with pytest.raises(PermissionDenied):
        office_services.register.void(entry.id, made_up, "batal")
    lurah = office_services.users.authenticate("lurah", DEMO_PIN)
    with pytest.raises(PermissionDenied, match="PIN"):
        office_services.register.void(entry.id, lurah, "batal")  # signed in, no PIN now
    with pytest.raises(AuthError):
        office_services.register.void(entry.id, lurah, "batal", pin="000000")
    admin = office_services.users.authenticate("admin", DEMO_PIN)
    with pytest.raises(PermissionDenied):
        office_services.register.void(entry.id, admin, "batal", pin=DEMO_PIN)  # admin is no official
    assert office_services.register.get(entry.id).status == "terbit"
    assert office_services.register.void(entry.id, lurah, "batal", pin=DEMO_PIN).status == "batal"


def test_clerk_cannot_change_what_only_an_admin_may(office_services, clerk, tmp_path):
    from desktop.printing.templates import save_template

    fresh_clerk = office_services.users.confirm(clerk.id, DEMO_PIN)  # even with the clerk's PIN typed now
    stranger = public_key_text(Ed25519PrivateKey.generate().public_key())
    peers = PeerRepository(office_services.db, office_services.clock)
    service, _ = office_services.catalog.service("kalirejo-surat-keterangan-domisili")
    before = _audit_count(office_services)
    attempts = [
        lambda: office_services.settings.put(OfficeProfile(office_code="PALSU"), fresh_clerk.actor()),
        lambda: office_services.settings.put(NumberingSettings(template="{nomor}"), fresh_clerk.actor()),
        lambda: save_template(tmp_path / "umum.yaml", "title: X\nopening: Y\nclosing: Z\n", set(), fresh_clerk),
        lambda: office_services.catalog.save_service(service, "kalirejo", fresh_clerk.actor()),
        lambda: office_services.catalog.import_file(tmp_path / "katalog.yaml", fresh_clerk.actor()),
        lambda: peers.enroll("ASING", stranger, fresh_clerk.actor()),
        lambda: peers.enroll("KEC", stranger, fresh_clerk.actor(), role=ROLE_KECAMATAN, url="http://10.0.0.9"),
        lambda: office_services.settings.put_raw("sync_policy", {"encrypt": False, "hash_nik": False},
                                                 fresh_clerk.actor()),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert _audit_count(office_services) == before
    assert office_services.settings.get(OfficeProfile).office_code == "424.301.1.04"
    assert not (tmp_path / "umum.yaml").exists() and peers.list() == []


def test_creating_an_account_needs_a_signed_in_admin_once_the_office_is_set_up(office_services, clerk):
    count = office_services.users.count()
    with pytest.raises(PermissionDenied):
        office_services.users.create(NewUser("bos", "Bos", [Role.ADMIN, Role.LURAH], "864213"), Actor.system())
    with pytest.raises(PermissionDenied):
        office_services.users.create(NewUser("bos", "Bos", [Role.ADMIN], "864213"), clerk.actor(), by=clerk)
    assert office_services.users.count() == count


def test_roles_are_read_from_the_database_at_every_action(office_services):
    """Removing a role, deactivating an account or signing out takes effect at once."""
    admin = office_services.users.authenticate("admin", DEMO_PIN)
    kasi = office_services.users.authenticate("kasi", DEMO_PIN)
    office_services.applications.submit(draft_for(office_services), kasi)  # allowed: Kasi may take intake
    office_services.users.update_profile(kasi.id, admin, full_name=kasi.full_name, jabatan="", nip="", pangkat="",
                                         roles=[Role.LURAH])
    with pytest.raises(PermissionDenied):
        office_services.applications.submit(draft_for(office_services), kasi)  # same object, role gone
    office_services.users.update_profile(kasi.id, admin, full_name=kasi.full_name, jabatan="", nip="", pangkat="",
                                         roles=[Role.KASI], active=False)
    with pytest.raises(PermissionDenied):
        office_services.applications.submit(draft_for(office_services), kasi)
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    office_services.users.sign_out(petugas)
    with pytest.raises(PermissionDenied, match="masuk lagi"):
        office_services.applications.submit(draft_for(office_services), petugas)


def test_a_session_of_another_office_is_refused(office_services, tmp_path):
    """Two databases open in one process: a session is good only for the one that issued it."""
    import shutil

    from desktop.office import open_office
    from tests.identities import FAST_KDF

    other_path = tmp_path / "lain.sqlite3"
    office_services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(office_services.db.execute("PRAGMA database_list").fetchone()[2], other_path)
    other = open_office(other_path, office_services.clock, kdf=FAST_KDF)
    try:
        stranger = other.users.authenticate("petugas", DEMO_PIN)
        with pytest.raises(PermissionDenied, match="kantor lain"):
            office_services.residents.update(office_services.residents.search("a")[0], stranger.actor())
    finally:
        other.db.conn.close()


def test_a_made_up_admin_exports_no_resident(office_services, clerk, tmp_path):
    """Everyone's personal data in one file: a hand-made admin actor, or a clerk's real session
    renamed "admin", writes no byte and leaves no audit entry."""
    from desktop.models.residents.export import export_residents

    admin = office_services.users.by_role(Role.ADMIN)[0]
    before = office_services.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    for forged in (Actor(admin.id, admin.full_name, "admin"),
                   dataclasses.replace(clerk.actor(), user_id=admin.id, role="admin")):
        out = tmp_path / "penduduk.csv"
        with pytest.raises(PermissionDenied):
            export_residents(office_services.residents, out, "csv", forged)
        assert not out.exists()
    assert office_services.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
