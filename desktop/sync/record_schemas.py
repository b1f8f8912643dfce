"""The shape of every record that may travel, checked before anything of a batch is applied.

A batch signed with a real kelurahan key is still untrusted input: each record is validated
against its entity's model here (unknown entities, unknown keys, wrong types and oversized
values are refused with the record's position and the reason). Strings, lists and maps are
bounded, so a valid record cannot be a memory bomb either.

To let a new entity travel, add its payload model to SCHEMAS (both ends must know it; bump
batch.FORMAT_VERSION when an older receiver could not read it).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic import ValidationError as PydanticError

from desktop.models.reports.travel import MonthlyReport
from desktop.sync import limits
from desktop.sync.dossier_schema import TipeBDossier
from desktop.sync.errors import BatchCorrupt
from desktop.sync.trust_schemas import TRUST_SCHEMAS, SignedLetter

Code = Annotated[str, StringConstraints(max_length=64)]
Id = Annotated[str, StringConstraints(max_length=128)]
Short = Annotated[str, StringConstraints(max_length=300)]
Text = Annotated[str, StringConstraints(max_length=4000)]
Hash = Annotated[str, StringConstraints(max_length=128)]


def _iso_datetime(value: str) -> str:
    if value:
        datetime.fromisoformat(value)  # ValueError: refused with the field's name
    return value


def _iso_date(value: str) -> str:
    if value:
        date.fromisoformat(value)
    return value


When = Annotated[str, StringConstraints(max_length=40), AfterValidator(_iso_datetime)]
Day = Annotated[str, StringConstraints(max_length=10), AfterValidator(_iso_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ApplicationSummary(_Strict):
    """store.summary() after policy.redact(): any key may have been dropped by the office's policy."""

    id: Id = ""
    number: Short = ""
    office_code: Code = ""
    service_id: Id = ""
    service_name: Short = ""
    status: Annotated[str, StringConstraints(max_length=40)] = ""
    applicant_kind: Annotated[str, StringConstraints(max_length=20)] = ""
    applicant_name: Short = ""
    applicant_nik: Annotated[str, StringConstraints(max_length=32)] = ""
    applicant_nik_hash: Hash = ""
    received_at: When | None = None
    due_at: When | None = None
    completed_at: When | None = None
    handed_over_at: When | None = None
    tipe_b: TipeBDossier | None = None


class RegisterEntry(_Strict):
    id: Id = ""
    office_code: Code = ""
    number: Short = ""
    year: int = Field(default=0, ge=0, le=9999)
    seq: int = Field(default=0, ge=0, le=10**9)
    classification: Short = ""
    letter_date: Day = ""
    subject: Text = ""
    nik_hash: Hash = ""
    application_id: Id | None = None
    service_id: Id | None = None
    signer_name: Short = ""
    status: Annotated[str, StringConstraints(max_length=20)] = ""
    void_reason: Text | None = None
    manual: int = Field(default=0, ge=0, le=1)
    replaces: Short = ""  # the cancelled number a re-signed letter takes the place of


class QueueGroupDay(_Strict):
    day: Day
    group_code: Code
    label: Short
    issued: int = Field(ge=0, le=10**6)
    served: int = Field(ge=0, le=10**6)
    skipped: int = Field(ge=0, le=10**6)
    transferred_in: int = Field(ge=0, le=10**6)
    transferred_out: int = Field(ge=0, le=10**6)
    unserved: int = Field(ge=0, le=10**6)
    wait_median_s: float | None = Field(default=None, ge=0)
    wait_p90_s: float | None = Field(default=None, ge=0)
    service_median_s: float | None = Field(default=None, ge=0)
    service_p90_s: float | None = Field(default=None, ge=0)
    busiest_hour: int | None = Field(default=None, ge=0, le=23)
    busiest_hour_issued: int = Field(ge=0, le=10**6)

    model_config = ConfigDict(extra="forbid", strict=False)  # JSON has no float/int distinction


class QueueStats(_Strict):
    day: Day
    groups: list[QueueGroupDay] = Field(max_length=100)


class Decision(_Strict):
    """The kecamatan's decision on a Tipe B application, going down to the kelurahan."""

    remote_id: Id
    decision: Literal["approved", "returned", "rejected", "cancelled"]
    kecamatan_number: Short = ""
    letter_number: Short = ""
    signer: Short = ""
    reason: Text = ""
    decided_at: When = ""
    letter: SignedLetter | None = None  # the camat's signed letter, to be printed at the kelurahan


Score = Annotated[int, Field(ge=1, le=4)]


class SurveyResponse(_Strict):
    """One anonymous SKM questionnaire (raw answers travel so the kecamatan pools, never averages)."""

    id: Id
    office_code: Code = ""
    day: Day
    source: Literal["kiosk", "kertas", "impor"]
    service_id: Id = ""
    service_name: Short = ""
    jenis_kelamin: Short = ""
    umur: Short = ""
    pendidikan: Short = ""
    pekerjaan: Short = ""
    u1: Score
    u2: Score
    u3: Score
    u4: Score
    u5: Score
    u6: Score
    u7: Score
    u8: Score
    u9: Score
    saran: Text = ""


class ComplaintOutcome(_Strict):
    """A complaint's state for the kecamatan's monitoring: never the complainant's identity."""

    number: Short
    received_at: When
    channel: Short = ""
    category: Short = ""
    subject: Text = ""
    service_id: Id | None = None
    unsur: Annotated[str, StringConstraints(max_length=4)] = ""
    status: Annotated[str, StringConstraints(max_length=40)] = ""
    first_response_due: When | None = None
    resolution_due: When | None = None
    first_response_at: When | None = None
    resolved_at: When | None = None


SCHEMAS: dict[str, type[BaseModel]] = {
    # A month's report (models/reports/travel.py): its figures, hashes and (when small) its files.
    "monthly_report": MonthlyReport,
    "application": ApplicationSummary,
    "register": RegisterEntry,
    "queue_stats": QueueStats,
    "decision": Decision,
    "survey_response": SurveyResponse,
    "complaint": ComplaintOutcome,
    **TRUST_SCHEMAS,
}


class RecordEnvelope(_Strict):
    """The fields every record carries around its payload."""

    seq: int = Field(ge=1, le=2**53)
    uuid: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    at: When
    entity: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    entity_id: Id
    op: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    payload: dict


def check_record(raw: object, position: int) -> RecordEnvelope:
    """Validate one decoded record; raise BatchCorrupt naming the record and the problem."""
    try:
        record = RecordEnvelope.model_validate(raw)
    except PydanticError as exc:
        raise BatchCorrupt(f"Catatan ke-{position} dalam batch tidak sah: {_first(exc)}. Tidak ada data yang "
                           "dimasukkan.") from None
    schema = SCHEMAS.get(record.entity)
    if schema is None:
        known = ", ".join(sorted(SCHEMAS))
        raise BatchCorrupt(f"Catatan ke-{position} berjenis '{record.entity[:40]}' yang tidak dikenal di sini "
                           f"(yang dikenal: {known}). Perbarui aplikasi di kantor ini bila pengirim memakai "
                           "versi yang lebih baru. Tidak ada data yang dimasukkan.")
    try:
        schema.model_validate(record.payload)
    except PydanticError as exc:
        raise BatchCorrupt(f"Catatan ke-{position} ({record.entity}) tidak sah: {_first(exc)}. Tidak ada data "
                           "yang dimasukkan.") from None
    return record


def _first(exc: PydanticError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])[:120] or "(catatan)"
    return f"{where}: {error['msg'][:200]}"


__all__ = ["SCHEMAS", "RecordEnvelope", "check_record", "limits"]
