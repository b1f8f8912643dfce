"""Roles named in the decrees, and what each may do. Enforced here, not by hiding buttons."""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    ADMIN = "admin"
    PETUGAS = "petugas"  # Staf/Petugas pelayanan, Operator, Customer Service
    KASI = "kasi"  # any Kepala Seksi / Kasubbag (Kasi Pelayanan, Pemerintahan, Kesos, PMD, Trantib)
    SEKRETARIS_LURAH = "sekretaris_lurah"
    LURAH = "lurah"
    SEKRETARIS_CAMAT = "sekretaris_camat"
    CAMAT = "camat"
    KOORDINATOR = "koordinator"  # koordinator penanganan pengaduan

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def is_official(self) -> bool:
        return self in OFFICIAL_ROLES


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "Admin",
    Role.PETUGAS: "Petugas / Operator / CS",
    Role.KASI: "Kepala Seksi (Kasi)",
    Role.SEKRETARIS_LURAH: "Sekretaris Lurah",
    Role.LURAH: "Lurah",
    Role.SEKRETARIS_CAMAT: "Sekretaris Camat",
    Role.CAMAT: "Camat",
    Role.KOORDINATOR: "Koordinator Pengaduan",
}

# Role codes that are not accounts, as recorded in histories and catalogue steps.
OTHER_ROLE_WORDS = {"sistem": "Sistem", "manual": "Dicatat manual", "pemohon": "Pemohon", "luar": "Instansi lain",
                    "kasubbag": "Kasubbag"}


def role_words(code: str | None) -> str:
    """A role code as the clerk says it ("sekretaris_lurah" -> "Sekretaris Lurah"); unknown codes as given."""
    if not code:
        return ""
    try:
        return ROLE_LABELS[Role(code)]
    except ValueError:
        return OTHER_ROLE_WORDS.get(code, code.replace("_", " ").capitalize())


OFFICIAL_ROLES = frozenset(
    {Role.KASI, Role.SEKRETARIS_LURAH, Role.LURAH, Role.SEKRETARIS_CAMAT, Role.CAMAT, Role.KOORDINATOR}
)

# Roles that exist at each kind of office (offered in the first-run and user screens).
ROLES_BY_LEVEL: dict[str, list[Role]] = {
    "kelurahan": [Role.ADMIN, Role.PETUGAS, Role.KASI, Role.KOORDINATOR, Role.SEKRETARIS_LURAH, Role.LURAH],
    "kecamatan": [Role.ADMIN, Role.PETUGAS, Role.KASI, Role.KOORDINATOR, Role.SEKRETARIS_CAMAT, Role.CAMAT],
}


class Permission(str, Enum):
    MANAGE_USERS = "manage_users"
    EDIT_SETTINGS = "edit_settings"
    EDIT_CATALOG = "edit_catalog"
    INTAKE = "intake"  # register residents, create applications, hand over
    MANAGE_QUEUE = "manage_queue"
    SURVEY_ENTRY = "survey_entry"  # paper SKM questionnaires, the SKM step of a procedure
    REGISTER_COMPLAINT = "register_complaint"  # write a complaint into the register
    HANDLE_COMPLAINT = "handle_complaint"  # assign, respond, resolve (Koordinator Pengaduan, heads)
    SEND_NOTIFICATIONS = "send_notifications"  # retry or cancel messages to citizens


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.MANAGE_USERS, Permission.EDIT_SETTINGS, Permission.EDIT_CATALOG,
                           Permission.SEND_NOTIFICATIONS}),
    Role.PETUGAS: frozenset({Permission.INTAKE, Permission.MANAGE_QUEUE, Permission.SURVEY_ENTRY,
                             Permission.REGISTER_COMPLAINT, Permission.SEND_NOTIFICATIONS}),
    Role.KASI: frozenset({Permission.INTAKE, Permission.SURVEY_ENTRY, Permission.REGISTER_COMPLAINT,
                          Permission.HANDLE_COMPLAINT}),
    Role.SEKRETARIS_LURAH: frozenset({Permission.INTAKE, Permission.HANDLE_COMPLAINT}),
    Role.LURAH: frozenset({Permission.HANDLE_COMPLAINT}),
    Role.SEKRETARIS_CAMAT: frozenset({Permission.INTAKE, Permission.HANDLE_COMPLAINT}),
    Role.CAMAT: frozenset({Permission.HANDLE_COMPLAINT}),
    Role.KOORDINATOR: frozenset({Permission.INTAKE, Permission.SURVEY_ENTRY, Permission.REGISTER_COMPLAINT,
                                 Permission.HANDLE_COMPLAINT}),
}


def parse_roles(values: list[str]) -> frozenset[Role]:
    return frozenset(Role(v) for v in values)
