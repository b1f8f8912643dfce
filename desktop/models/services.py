"""The model-layer services an app or a CLI command works with, built from one database."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from sqlite_utils import Database

from desktop.models.applications.approvals import back_to_signature
from desktop.models.applications.service import ApplicationService
from desktop.models.catalog.repository import CatalogRepository
from desktop.models.clock import Clock, SystemClock
from desktop.models.complaints.register import ComplaintRegister
from desktop.models.db import transaction
from desktop.models.notifications.outbox import NotificationOutbox
from desktop.models.queue.tickets import QueueService
from desktop.models.register.book import RegisterBook
from desktop.models.residents.repository import ResidentRepository
from desktop.models.settings import OfficeProfile, SettingsRepository
from desktop.models.survey.responses import SurveyRepository
from desktop.models.trust.custody import KeyCustody
from desktop.models.trust.device_secret import DeviceSecret
from desktop.models.trust.directory import KeyDirectory
from desktop.models.trust.kdf import STRONG, KdfParams
from desktop.models.trust.office_keys import OfficeKeys, adopt_legacy_key
from desktop.models.users.accounts import User, UserRepository
from desktop.models.users.key_holding import acting_root


@dataclass
class Services:
    db: Database
    clock: Clock
    settings: SettingsRepository
    users: UserRepository
    catalog: CatalogRepository
    residents: ResidentRepository
    applications: ApplicationService
    queue: QueueService
    office_keys: OfficeKeys
    register: RegisterBook
    custody: KeyCustody
    directory: KeyDirectory
    survey: SurveyRepository
    complaints: ComplaintRegister
    notifications: NotificationOutbox

    @property
    def profile(self) -> OfficeProfile:
        return self.settings.get(OfficeProfile)

    @property
    def is_set_up(self) -> bool:
        return self.settings.has(OfficeProfile) and self.users.count() > 0

    def rebind_office(self, by: User | None = None) -> None:
        """After first run or a profile change: stamp new records with the office code.

        The office's own keys follow the code; `by`, an admin who typed their PIN just now, certifies
        them again at once (else at the next admin PIN)."""
        code = self.profile.office_code
        self.users.office_code = code
        self.residents.office_code = code
        self.queue.office_code = code
        self.survey.office_code = code
        self.complaints.office_code = code
        self.notifications.office_code = code
        if code and self.db.execute("SELECT 1 FROM trust_keys WHERE source = 'own' AND kind != 'legacy' "
                                    "AND office_code != ?", [code]).fetchone():
            with transaction(self.db):
                self.custody.rebind_office(code)
                root = acting_root(self.users, by.session) if by is not None else None
                if root is not None:
                    self.custody.certify_pending(root)


def build_services(db: Database, clock: Clock | None = None, *, kdf: KdfParams = STRONG,
                   device: DeviceSecret | None = None) -> Services:
    """`kdf`: how costly a PIN guess is; always STRONG in the app (tests pass cheaper settings).
    `device`: where the device secret lives (default: the OS credential store, or a file beside
    the database)."""
    clock = clock or SystemClock()
    settings = SettingsRepository(db, clock)
    custody = KeyCustody(db, clock, kdf=kdf, device=device)
    users = UserRepository(db, clock, kdf=kdf)
    users.custody = custody
    catalog = CatalogRepository(db, clock)
    services = Services(
        db=db,
        clock=clock,
        settings=settings,
        users=users,
        catalog=catalog,
        residents=ResidentRepository(db, clock),
        applications=ApplicationService(db, clock, settings, catalog, users),
        queue=QueueService(db, clock),
        office_keys=OfficeKeys(settings, custody),
        register=RegisterBook(db, clock, settings, users),
        custody=custody,
        directory=KeyDirectory(db, clock),
        survey=SurveyRepository(db, clock),
        complaints=ComplaintRegister(db, clock, settings),
        notifications=NotificationOutbox(db, clock),
    )
    services.applications.reopen_hooks.append(services.register.on_file_reopened)
    services.register.void_hooks.append(partial(back_to_signature, services.applications))
    services.rebind_office()
    if db.execute("SELECT 1 FROM legacy_key_handover").fetchone():  # first open after the 0.1 upgrade
        with transaction(db):
            adopt_legacy_key(custody)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the old key's pages leave the WAL file too
    return services

