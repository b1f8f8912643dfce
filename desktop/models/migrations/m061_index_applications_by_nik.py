"""m061_index_applications_by_nik: an application found by NIK from the index, newest first.

The index of release 0.1 was (applicant_nik, service_id): a search by NIK found the rows through
it but then read and sorted every one of them to show the newest. (applicant_nik, received_at)
gives them in order, and still serves "open applications of this NIK for this service" (a
person has few), so it replaces the old one rather than adding a second index to every write.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m061_index_applications_by_nik(db: Database) -> None:
    db.execute("CREATE INDEX applications_by_nik ON applications(applicant_nik, received_at)")
    db.execute("DROP INDEX IF EXISTS idx_applications_nik")
