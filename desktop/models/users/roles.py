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
    """Every data-changing action the core authorises, by name. One map below says who may do each.

    Steps of an application (verify, paraf, sign, hand over…) are authorised by the roles the decree
    names on each step instead (applications/workflow.py); everything else is listed here.
    """

    MANAGE_USERS = "manage_users"  # create accounts, change roles, reset PINs, others' signature scans
    EDIT_SETTINGS = "edit_settings"  # office profile, letterhead, number format, paper, printer, calendar
    EDIT_CATALOG = "edit_catalog"  # edit or import the service catalogue
    EDIT_TEMPLATES = "edit_templates"  # letter wording
    MANAGE_KEYS = "manage_keys"  # enrol peers, import a key directory, certify/revoke officials' keys
    MANAGE_SYNC = "manage_sync"  # what travels to the kecamatan (encryption, NIK hashing), its address
    INTAKE = "intake"  # create applications, cancel at the citizen's request
    MANAGE_RESIDENTS = "manage_residents"  # add, edit, import residents
    EXPORT_RESIDENTS = "export_residents"  # the whole resident register to a file: everyone's personal data
    MANAGE_QUEUE = "manage_queue"  # issue, call, skip, finish queue tickets
    CONFIGURE_QUEUE = "configure_queue"  # queue groups, counters, voice and announcements
    REGISTER_MANUAL = "register_manual"  # record a letter issued outside the app in the register
    VOID_LETTER = "void_letter"  # cancel an issued letter (also needs the official's PIN)
    RECORD_DECISION = "record_decision"  # record a kecamatan decision that arrived on paper (Tipe B)
    SURVEY_ENTRY = "survey_entry"  # paper SKM questionnaires, the SKM step of a procedure
    REGISTER_COMPLAINT = "register_complaint"  # write a complaint into the register
    HANDLE_COMPLAINT = "handle_complaint"  # assign, respond, resolve (Koordinator Pengaduan, heads)
    SEND_NOTIFICATIONS = "send_notifications"  # retry or cancel messages to citizens
    SEND_REPORTS = "send_reports"  # sign off a month's report and send it to the kecamatan


# Actions that, besides the permission, need the acting person's PIN at that moment.
FRESH_PIN: frozenset[Permission] = frozenset({Permission.VOID_LETTER, Permission.MANAGE_KEYS,
                                              Permission.MANAGE_SYNC})

_DESK = frozenset({Permission.INTAKE, Permission.MANAGE_RESIDENTS, Permission.RECORD_DECISION})
_SIGNERS = frozenset({Permission.VOID_LETTER})
_REPORTS = frozenset({Permission.SEND_REPORTS})  # secretaries and heads sign off the month's report
_COMPLAINTS = frozenset({Permission.HANDLE_COMPLAINT})  # heads and secretaries follow complaints up

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.MANAGE_USERS, Permission.EDIT_SETTINGS, Permission.EDIT_CATALOG,
                           Permission.EDIT_TEMPLATES, Permission.MANAGE_KEYS, Permission.MANAGE_SYNC,
                           Permission.MANAGE_RESIDENTS, Permission.EXPORT_RESIDENTS, Permission.CONFIGURE_QUEUE,
                           Permission.REGISTER_MANUAL,
                           Permission.SEND_NOTIFICATIONS, Permission.SEND_REPORTS}),
    Role.PETUGAS: _DESK | {Permission.MANAGE_QUEUE, Permission.REGISTER_MANUAL, Permission.SURVEY_ENTRY,
                           Permission.REGISTER_COMPLAINT, Permission.SEND_NOTIFICATIONS},
    Role.KASI: _DESK | _COMPLAINTS | {Permission.SURVEY_ENTRY, Permission.REGISTER_COMPLAINT},
    Role.SEKRETARIS_LURAH: _DESK | _SIGNERS | _COMPLAINTS | _REPORTS,
    Role.LURAH: _SIGNERS | _COMPLAINTS | _REPORTS | {Permission.RECORD_DECISION},
    Role.SEKRETARIS_CAMAT: _DESK | _SIGNERS | _COMPLAINTS | _REPORTS,
    Role.CAMAT: _SIGNERS | _COMPLAINTS | _REPORTS,
    Role.KOORDINATOR: frozenset({Permission.INTAKE, Permission.MANAGE_RESIDENTS, Permission.SURVEY_ENTRY,
                                 Permission.REGISTER_COMPLAINT, Permission.HANDLE_COMPLAINT}),
}


def roles_allowed(permission: Permission) -> list[Role]:
    return [r for r in Role if permission in PERMISSIONS[r]]


def parse_roles(values: list[str]) -> frozenset[Role]:
    return frozenset(Role(v) for v in values)


def permission_table() -> str:
    """Every action × every role as a Markdown table (docs/permissions.md is generated from this)."""
    roles = list(Role)
    lines = ["| Tindakan | " + " | ".join(r.label for r in roles) + " |",
             "|---|" + "---|" * len(roles)]
    for permission in Permission:
        pin = " (PIN)" if permission in FRESH_PIN else ""
        cells = ["boleh" if permission in PERMISSIONS[r] else "—" for r in roles]
        lines.append(f"| `{permission.value}`{pin} | " + " | ".join(cells) + " |")
    lines += ["", "(PIN): orang yang bertindak mengetik PIN-nya saat itu juga. Mengubah identitas kantor dan "
              "format nomor surat (`edit_settings`) juga memerlukan PIN. Paraf dan tanda tangan diatur oleh "
              "peran pada tiap langkah layanan (keputusan), selalu dengan PIN pejabat yang bersangkutan."]
    return "\n".join(lines) + "\n"
