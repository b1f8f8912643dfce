"""First start: choose the office, fill in the letterhead, officials and the first admin."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.models import audit
from desktop.models.catalog.standard import Office
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.services import Services
from desktop.models.settings import OfficeProfile
from desktop.models.users.accounts import NewUser
from desktop.models.users.roles import Role


@dataclass
class FirstRunInput:
    profile: OfficeProfile
    admin: NewUser
    officials: list[NewUser] = field(default_factory=list)
    demo_residents: int = 0  # > 0: fill the office with synthetic residents to explore


def profile_from_catalog(office: Office, kelurahan: str = "") -> OfficeProfile:
    """Pre-fill the letterhead from what the decree says about the office."""
    region = (office.region or "").upper()
    kecamatan = (office.kecamatan or office.name).upper()
    if not kecamatan.startswith("KECAMATAN"):
        kecamatan = "KECAMATAN " + kecamatan
    if office.level == "kelurahan":
        kelurahan = office.name.upper()
    elif kelurahan:
        kelurahan = kelurahan.strip().upper()
        if not kelurahan.startswith("KELURAHAN"):
            kelurahan = "KELURAHAN " + kelurahan
    level = "kelurahan" if kelurahan else "kecamatan"
    # Place before the letter's date: the city in a kota, else the kecamatan town (Bangil, Kraton…).
    kecamatan_town = (office.kecamatan or office.name).replace("Kecamatan ", "").strip()
    region_name = office.region or ""
    place = region_name.replace("Kota ", "") if region_name.startswith("Kota ") else kecamatan_town
    # A kelurahan under a kecamatan's decree (Kanigaran) has its own address; the decree only gives
    # the kecamatan's, which must not end up on the kelurahan's letterhead.
    own_contact = not (office.level == "kecamatan" and level == "kelurahan")
    return OfficeProfile(
        catalog_office_id=office.id,
        level=level,
        office_code=office.office_code or "",
        pemerintah=f"PEMERINTAH {region}" if region else "",
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        alamat=(office.address or "") if own_contact else "",
        telepon=(office.phone or "") if own_contact else "",
        email=(office.email or "") if own_contact else "",
        website=(office.website or "") if own_contact else "",
        tempat_surat=place,
    )


def complete_first_run(services: Services, data: FirstRunInput) -> None:
    """Save everything in one go; on any error nothing is saved."""
    if services.is_set_up:
        raise ValidationError("Aplikasi sudah disiapkan sebelumnya.")
    data.profile.validate()
    if Role.ADMIN not in data.admin.roles:
        data.admin.roles = [Role.ADMIN, *data.admin.roles]
    services.users.office_code = data.profile.office_code
    services.residents.office_code = data.profile.office_code
    with transaction(services.db):
        # The very first account needs nobody's permission; everything after is that admin's act,
        # confirmed by the PIN they just chose.
        services.users.create(data.admin, audit.Actor.system())
        admin = services.users.confirm(services.users.list()[0].id, data.admin.pin)
        actor = admin.actor(Role.ADMIN)
        services.settings.put_in_transaction(data.profile, actor, office_code=data.profile.office_code)
        # Confirming the admin's PIN above made the office's root and sync keys (trust/custody.py);
        # each official below gets their own signing key, certified by the root.
        for official in data.officials:
            services.users.create(official, actor)
        if data.demo_residents:
            from desktop.models.residents.synthetic import DEMO_VILLAGES, residents

            kelurahan = data.profile.kelurahan.replace("KELURAHAN ", "").title() or DEMO_VILLAGES
            services.residents.insert_many(list(residents(data.demo_residents, kelurahan=kelurahan)), actor)
            from desktop.paths import resource_path

            # Demo officials sign with a sample scan marked CONTOH.
            services.db.execute("UPDATE users SET signature_path = ? WHERE roles NOT LIKE '%admin%' "
                                "AND roles NOT LIKE '%petugas%'", [str(resource_path("images", "ttd-contoh.png"))])
    services.rebind_office(admin)


DEMO_PIN = "246810"


def demo_input(office: Office, kelurahan: str = "", residents: int = 500) -> FirstRunInput:
    """A ready-made office with one account per role, to explore the app at once."""
    profile = profile_from_catalog(office, kelurahan)
    # Offices whose decree shows no unit code get a demo code that still differs per office (sync needs it).
    profile.office_code = profile.office_code or "DEMO." + "".join(w[0] for w in (kelurahan or office.id).split()).upper()
    profile.tempat_surat = profile.tempat_surat or (office.kecamatan or office.name).replace("Kecamatan ", "")
    profile.alamat = profile.alamat or "Jl. Contoh No. 1"
    from desktop.paths import resource_path

    # Sample images, clearly marked CONTOH, so a demo letter shows where logo, stamp and signature go.
    profile.logo_path = str(resource_path("images", "logo-contoh.png"))
    profile.stamp_path = str(resource_path("images", "cap-contoh.png"))
    kelurahan_level = profile.level == "kelurahan"
    head = (Role.LURAH, "lurah", "Lurah") if kelurahan_level else (Role.CAMAT, "camat", "Camat")
    secretary = ((Role.SEKRETARIS_LURAH, "seklur", "Sekretaris Lurah") if kelurahan_level
                 else (Role.SEKRETARIS_CAMAT, "sekcam", "Sekretaris Camat"))
    officials = [
        NewUser("petugas", "Dewi Lestari", [Role.PETUGAS], DEMO_PIN, jabatan="Petugas Pelayanan"),
        NewUser("kasi", "Agus Setiawan, S.Sos", [Role.KASI], DEMO_PIN, jabatan="Kasi Pelayanan",
                nip="19800101 200501 1 002", pangkat="Penata (III/c)"),
        NewUser(secretary[1], "Sri Handayani, S.AP", [secretary[0]], DEMO_PIN, jabatan=secretary[2],
                nip="19780505 200312 2 004", pangkat="Penata Tingkat I (III/d)"),
        NewUser(head[1], "Drs. Bambang Purnomo", [head[0]], DEMO_PIN, jabatan=head[2],
                nip="19700815 199503 1 001", pangkat="Pembina (IV/a)"),
        NewUser("pengaduan", "Rina Wulandari", [Role.KOORDINATOR], DEMO_PIN, jabatan="Koordinator Pengaduan"),
    ]
    admin = NewUser("admin", "Admin Kantor", [Role.ADMIN], DEMO_PIN, jabatan="Admin")
    return FirstRunInput(profile=profile, admin=admin, officials=officials, demo_residents=residents)
