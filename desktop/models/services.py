"""The model-layer services an app or a CLI command works with, built from one database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop.models.applications.service import ApplicationService
from desktop.models.catalog.repository import CatalogRepository
from desktop.models.clock import Clock, SystemClock
from desktop.models.complaints.register import ComplaintRegister
from desktop.models.notifications.outbox import NotificationOutbox
from desktop.models.queue.tickets import QueueService
from desktop.models.register.book import RegisterBook
from desktop.models.residents.repository import ResidentRepository
from desktop.models.settings import OfficeProfile, SettingsRepository
from desktop.models.survey.responses import SurveyRepository
from desktop.models.trust.office_keys import OfficeKeys
from desktop.models.users.accounts import UserRepository


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
    survey: SurveyRepository
    complaints: ComplaintRegister
    notifications: NotificationOutbox

    @property
    def profile(self) -> OfficeProfile:
        return self.settings.get(OfficeProfile)

    @property
    def is_set_up(self) -> bool:
        return self.settings.has(OfficeProfile) and self.users.count() > 0

    def rebind_office(self) -> None:
        """After first run or a profile change: stamp new records with the office code."""
        code = self.profile.office_code
        self.users.office_code = code
        self.residents.office_code = code
        self.queue.office_code = code
        self.survey.office_code = code
        self.complaints.office_code = code
        self.notifications.office_code = code


def build_services(db: Database, clock: Clock | None = None) -> Services:
    clock = clock or SystemClock()
    settings = SettingsRepository(db, clock)
    users = UserRepository(db, clock)
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
        office_keys=OfficeKeys(settings),
        register=RegisterBook(db, clock, settings),
        survey=SurveyRepository(db, clock),
        complaints=ComplaintRegister(db, clock, settings),
        notifications=NotificationOutbox(db, clock),
    )
    services.rebind_office()
    return services

