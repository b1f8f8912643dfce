"""Business settings (office identity, letterhead, numbering, paper, printers) in SQLite.

Each group is a typed dataclass stored as JSON under one key, so it is backed up and migrated
with the data. Window geometry and other per-PC preferences stay in QSettings (UI layer).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlite_utils import Database

from desktop.models import audit, jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError


@dataclass
class OfficeProfile:
    """Who this counter is: the office it serves and its letterhead."""

    catalog_office_id: str = ""  # which catalogue (decree) this office follows
    level: str = "kelurahan"  # kelurahan | kecamatan
    office_code: str = ""  # unit code in letter numbers, e.g. 424.301.1.04
    pemerintah: str = ""  # "PEMERINTAH KABUPATEN PASURUAN"
    kecamatan: str = ""  # "KECAMATAN BANGIL"
    kelurahan: str = ""  # "KELURAHAN KALIREJO" (empty for a kecamatan counter)
    alamat: str = ""
    telepon: str = ""
    email: str = ""
    website: str = ""
    kode_pos: str = ""
    tempat_surat: str = ""  # place written before the date on letters: "Bangil"
    logo_path: str = ""
    stamp_path: str = ""  # scanned office stamp (cap), placed over the signature block

    @property
    def office_name(self) -> str:
        return (self.kelurahan or self.kecamatan).title()

    def validate(self) -> None:
        missing = [label for label, value in (
            ("Pemerintah Kota/Kabupaten", self.pemerintah), ("Kecamatan", self.kecamatan),
            ("Alamat", self.alamat), ("Kode kantor", self.office_code), ("Tempat surat", self.tempat_surat),
        ) if not value.strip()]
        if self.level == "kelurahan" and not self.kelurahan.strip():
            missing.append("Kelurahan")
        if missing:
            raise ValidationError("Wajib diisi: " + ", ".join(missing) + ".")


@dataclass
class NumberingSettings:
    """Register number format; tokens: {kode_klasifikasi} {nomor:03} {kode_kantor} {tahun} {bulan_romawi}."""

    template: str = "{kode_klasifikasi}/{nomor:03}/{kode_kantor}/{tahun}"
    scope: str = "office"  # office | classification : one counter per office, or per classification code
    default_classification: str = "470"


@dataclass
class PaperSettings:
    size: str = "F4"  # F4 (215 x 330 mm) | A4
    margin_top_mm: float = 15
    margin_bottom_mm: float = 15
    margin_left_mm: float = 25
    margin_right_mm: float = 20


@dataclass
class PrinterSettings:
    """ESC/POS receipt and ticket printer."""

    connection: str = "none"  # none | usb | serial | network | win32raw | cups | file
    usb_vendor: str = ""
    usb_product: str = ""
    usb_in_ep: str = "0x82"
    usb_out_ep: str = "0x01"
    serial_port: str = ""
    serial_baud: int = 9600
    host: str = ""
    port: int = 9100
    printer_name: str = ""
    file_path: str = ""
    paper_mm: int = 80
    profile: str = "TM-T88V"


@dataclass
class OfficeCalendar:
    """Working hours and holidays for time limits given in working days."""

    workdays: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])  # Monday = 0
    start: str = "08:00"
    end: str = "16:00"
    holidays: list[str] = field(default_factory=list)  # ISO dates


@dataclass
class NotificationSettings:
    """Telling citizens: the USB GSM modem for SMS, and the office's WhatsApp number for the receipt's QR."""

    sms_enabled: bool = False
    modem_port: str = ""  # COM3 on Windows, /dev/ttyUSB0 on Linux
    modem_baud: int = 115200
    whatsapp_number: str = ""  # +62…; the receipt carries a click-to-chat QR to it


@dataclass
class SessionSettings:
    """How long a signed-in counter may stand unattended before it locks itself (0: never).

    The lock is the screen's: it signs the person out (in the core too) and keeps their open
    screens for when they sign in again. An official's act never relies on it: it asks that
    official's PIN at that moment anyway.
    """

    lock_after_minutes: int = 10

    def minutes(self) -> int:
        """The setting to use: a stored value that is not a valid one (a damaged or hand-edited file)
        counts as the default, so the counter locks rather than never."""
        try:
            self.validate()
        except ValidationError:
            return SessionSettings.lock_after_minutes
        return self.lock_after_minutes

    def validate(self) -> None:
        if isinstance(self.lock_after_minutes, bool) or not isinstance(self.lock_after_minutes, int) \
                or not 0 <= self.lock_after_minutes <= MAX_LOCK_MINUTES:
            raise ValidationError(f"Kunci layar otomatis: 0–{MAX_LOCK_MINUTES} menit (0 = tidak pernah).")


MAX_LOCK_MINUTES = 240

T = TypeVar("T")

KEYS: dict[type, str] = {
    OfficeProfile: "office_profile",
    NumberingSettings: "numbering",
    PaperSettings: "paper",
    PrinterSettings: "printer",
    OfficeCalendar: "calendar",
    NotificationSettings: "notifications",
    SessionSettings: "session",
}


class SettingsRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        # Typed groups are read on every screen (office name, paper, printer): keep them in memory so
        # the GUI thread never queries for them. A write drops the entry; the next read reloads it, so
        # a rolled-back write can never leave a wrong value behind.
        self._cache: dict[type, Any] = {}

    def get(self, kind: type[T]) -> T:
        cached = self._cache.get(kind)
        if cached is None:
            cached = self._cache[kind] = self._load(kind)
        return dataclasses.replace(cached)  # a copy: callers may edit what they got

    def _load(self, kind: type[T]) -> T:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [KEYS[kind]]).fetchone()
        if row is None:
            return kind()
        stored: dict[str, Any] = jsonutil.loads(row[0])
        names = {f.name for f in dataclasses.fields(kind)}  # tolerate keys from other versions
        return kind(**{k: v for k, v in stored.items() if k in names})

    def has(self, kind: type) -> bool:
        return self.db.execute("SELECT 1 FROM settings WHERE key = ?", [KEYS[kind]]).fetchone() is not None

    def put(self, value: Any, actor: audit.Actor, *, office_code: str = "") -> None:
        """Save a settings group; the change and its audit entry are one transaction.

        `actor` must come from a signed-in user allowed to change it (`User.actor`); the office
        identity and the number format also need that person's PIN at this moment.
        """
        key = KEYS[type(value)]
        with transaction(self.db):
            self.put_in_transaction(value, actor, office_code=office_code, key=key)

    def put_in_transaction(self, value: Any, actor: audit.Actor, *, office_code: str = "",
                           key: str | None = None) -> None:
        key = key or KEYS[type(value)]
        actor = _authorized(actor, key, self.db)
        if isinstance(value, SessionSettings):
            value.validate()  # before anything is written
        self._cache.pop(type(value), None)
        before_row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        after = dataclasses.asdict(value)
        self.db["settings"].upsert(
            {"key": key, "value": jsonutil.dumps(after), "updated_at": iso(self.clock.now()),
             "updated_by": actor.name},
            pk="key",
        )
        audit.record(self.db, self.clock, actor, "settings.update", "settings", key, office_code=office_code,
                     before=jsonutil.loads(before_row[0]) if before_row else None, after=after)

    def get_raw(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else jsonutil.loads(row[0])

    def put_raw(self, key: str, value: Any, actor: audit.Actor) -> None:
        actor = _authorized(actor, key, self.db)
        with transaction(self.db):
            self.db["settings"].upsert(
                {"key": key, "value": jsonutil.dumps(value), "updated_at": iso(self.clock.now()),
                 "updated_by": actor.name},
                pk="key",
            )
            audit.record(self.db, self.clock, actor, "settings.update", "settings", key, after=value)


# Which permission guards each key, and which keys also need a PIN now (a changed office code or
# number format changes every letter from then on). Keys not listed need EDIT_SETTINGS.
KEY_PERMISSIONS: dict[str, str] = {
    "sync_policy": "manage_sync",
    "trusted_office_keys": "manage_keys",
    "queue_sound": "configure_queue",
    "queue_announcement": "configure_queue",
}
FRESH_KEYS = frozenset({"office_profile", "numbering", "sync_policy"})


def _authorized(actor: audit.Actor, key: str, db: Database) -> audit.Actor:
    from desktop.models.users.accounts import authorized_actor
    from desktop.models.users.roles import Permission

    permission = Permission(KEY_PERMISSIONS.get(key, Permission.EDIT_SETTINGS.value))
    return authorized_actor(actor, permission, fresh=key in FRESH_KEYS or None, db=db)
