"""What a Tipe B dossier may hold, so a hostile kelurahan cannot make the Camat's signature crash.

The dossier becomes an application at the kecamatan, and its data goes onto the Camat's letter:
every value the letter code reads (the applicant's details, dates, form fields, the heirs'
table) must have the type and form it expects. Checked with the rest of the batch, before
anything is applied.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from desktop.sync import limits

Key = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$")]
Short = Annotated[str, StringConstraints(max_length=300)]
Text = Annotated[str, StringConstraints(max_length=4000)]


def _date_or_empty(value: str) -> str:
    if value:
        date.fromisoformat(value)
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ApplicantDetails(_Strict):
    """The resident's data at intake (residents.Resident as a dict): text only, dates as ISO."""

    nik: Annotated[str, StringConstraints(max_length=32)] = ""
    nama: Short = ""
    tempat_lahir: Short = ""
    tanggal_lahir: Annotated[str, StringConstraints(max_length=10), AfterValidator(_date_or_empty)] = ""
    jenis_kelamin: Annotated[str, StringConstraints(max_length=1)] = ""
    agama: Short = ""
    status_perkawinan: Short = ""
    pekerjaan: Short = ""
    kewarganegaraan: Short = ""
    alamat: Short = ""
    rt: Annotated[str, StringConstraints(max_length=10)] = ""
    rw: Annotated[str, StringConstraints(max_length=10)] = ""
    kelurahan: Short = ""
    no_kk: Annotated[str, StringConstraints(max_length=32)] = ""
    telepon: Annotated[str, StringConstraints(max_length=32)] = ""
    id: Annotated[str, StringConstraints(max_length=64)] = ""
    office_code: Annotated[str, StringConstraints(max_length=64)] = ""


class DossierApplicant(_Strict):
    kind: Literal["penduduk", "wna", "desa", "lembaga", "umum"]
    name: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    nik: Annotated[str, StringConstraints(max_length=32)] = ""
    resident_id: Annotated[str, StringConstraints(max_length=64)] | None = None
    document: Short = ""
    address: Short = ""
    representative: Short = ""
    phone: Annotated[str, StringConstraints(max_length=32)] = ""
    details: ApplicantDetails = ApplicantDetails()


Person = Annotated[list[Annotated[str, StringConstraints(max_length=300)]], Field(max_length=10)]
FieldValue = Text | int | float | bool | None | Annotated[list[Person], Field(max_length=50)]


class Attachment(_Strict):
    name: Annotated[str, StringConstraints(max_length=255)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    data_b64: Annotated[str, StringConstraints(max_length=limits.MAX_RECORD_BYTES)] | None = None
    missing: bool | None = None
    too_large: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _decodable(self) -> Attachment:
        if self.data_b64 is not None:
            try:
                base64.b64decode(self.data_b64, validate=True)
            except (binascii.Error, ValueError):
                raise ValueError("lampiran bukan base64 yang sah") from None
        return self


class RequirementItem(_Strict):
    text: Text
    required: bool
    received: bool
    copy_kind: Annotated[str, StringConstraints(max_length=40)] = ""
    note: Text = ""
    attachment: Attachment | None = None


class TipeBDossier(_Strict):
    applicant: DossierApplicant
    fields: dict[Key, FieldValue] = Field(default_factory=dict, max_length=60)
    requirements: list[RequirementItem] = Field(default_factory=list, max_length=60)
    service_version: int = Field(ge=0, le=10**6)

    @model_validator(mode="after")
    def _dates_are_dates(self) -> TipeBDossier:
        # The letter turns a "tanggal…" field shaped like YYYY-MM-DD into a written date.
        for key, value in self.fields.items():
            if key.startswith("tanggal") and isinstance(value, str) and len(value) == 10 and value[4] == "-":
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"isian {key}: '{value}' bukan tanggal") from None
        return self
