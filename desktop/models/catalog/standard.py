"""The service standard (Standar Pelayanan) as typed objects.

These pydantic models are both the validator of `resources/catalog/*.yaml` and the domain
objects the rest of the app uses; `extra="forbid"` makes a misspelt key an error that names
its place instead of a value that silently goes missing.
"""

from __future__ import annotations

import datetime as _dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from desktop.models.applications.step_kinds import StepKind

CATALOG_ROLES = ("pemohon", "petugas", "kasi", "sekretaris_lurah", "lurah", "sekretaris_camat", "camat",
                 "koordinator", "luar", "sistem", "kasubbag")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Signer(_Model):
    name: str | None = None
    position: str | None = None
    rank: str | None = None
    nip: str | None = None


class Decree(_Model):
    instrument: str
    number: str
    number_as_printed: str | None = None
    title: str | None = None
    date: _dt.date | None = None
    place: str | None = None
    signer: Signer | None = None
    replaces: str | None = None


class Office(_Model):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    level: str = Field(pattern=r"^(kelurahan|kecamatan)$")
    region: str | None = None
    province: str | None = None
    kecamatan: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    office_code: str | None = None
    office_code_note: str | None = None
    sub_offices: list[str] = []
    maklumat: str | None = None
    decree: Decree
    notes: list[str] = []


class Requirement(_Model):
    text: str = Field(min_length=1)
    condition: str | None = None
    variant: str | None = None
    optional: bool = False


class Step(_Model):
    actor: str | None = None  # as printed; None where the decree names nobody
    role: str
    kind: StepKind
    action: str
    returns_to: str | None = None
    also: list[StepKind] = []
    # Only in a case the decree names ("jika berkas belum lengkap"): not a step of the normal flow;
    # the app covers it by returning the file (Kembalikan).
    condition: str | None = None
    # What the person doing the step must confirm before it counts ("data kependudukan sudah mutakhir").
    confirm: str | None = None

    @field_validator("role", "returns_to")
    @classmethod
    def _known_role(cls, value: str | None) -> str | None:
        if value is not None and value not in CATALOG_ROLES:
            raise ValueError(f"peran '{value}' tidak dikenal (pilihan: {', '.join(CATALOG_ROLES)})")
        return value


class Duration(_Model):
    text: str | None = None
    minutes: int | None = Field(default=None, ge=0)
    max_text: str | None = None
    max_minutes: int | None = Field(default=None, ge=0)
    working_days: int | None = Field(default=None, ge=0)
    days: int | None = Field(default=None, ge=0)
    condition: str | None = None
    starts: str = Field(default="received", pattern=r"^(received|complete)$")

    @field_validator("starts", mode="before")
    @classmethod
    def _default_start(cls, value: str | None) -> str:
        return value or "received"  # a decree that names no duration names no start either

    def limit_minutes(self, working_day_minutes: int = 480) -> int | None:
        """The binding limit in minutes: a conditional limit uses its stated maximum."""
        if self.max_minutes is not None:
            return self.max_minutes
        if self.working_days is not None:
            return self.working_days * working_day_minutes
        if self.days is not None:
            return self.days * 24 * 60
        return self.minutes


class Fee(_Model):
    text: str | None = None
    rupiah: int | None = Field(default=None, ge=0)


class Service(_Model):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    number: str | None = None
    order: int | None = None
    name: str
    listed_name: str | None = None
    abbreviations: list[str] = []
    type: str | None = Field(default=None, pattern=r"^[AB]$")
    ends_at: str = Field(default="kelurahan", pattern=r"^(kelurahan|kecamatan)$")
    detail_missing: bool = False
    kecamatan_only: bool = False  # listed with kelurahan services but run by the kecamatan alone (Kanigaran 30-34)
    applicant: str = Field(default="penduduk", pattern=r"^(penduduk|wna|desa|lembaga|umum)$")
    form: str = "umum"
    requirements: list[Requirement] = []
    steps: list[Step] = []
    signers: list[str] = []
    duration: Duration = Duration()
    fee: Fee = Fee()
    products: list[str] = []
    complaint_channels: list[str] = []
    legal_basis: list[str] = []
    facilities: list[str] = []
    competence: list[str] = []
    supervision: list[str] = []
    staff: list[str] = []
    guarantee: str | None = None
    security: list[str] = []
    evaluation: str | None = None
    notes: list[str] = []
    classification_code: str | None = None  # kode klasifikasi arsip for the register (set by the office)
    # The letter's title: the product the decree names (cleaned of "Berkas …", typos noted); None: the template's.
    letter_title: str | None = None
    # Decree defects the office's admin must look at (copy-paste products, a missing procedure), in Indonesian.
    admin_check: list[str] = []
    # A letter whose printed procedure names no signature: the app adds one, by the official the office chooses.
    signature_step_missing: bool = False

    @field_validator("signers")
    @classmethod
    def _known_signers(cls, values: list[str]) -> list[str]:
        for value in values:
            if value not in CATALOG_ROLES:
                raise ValueError(f"penanda tangan '{value}' tidak dikenal")
        return values

    @model_validator(mode="after")
    def _complete_unless_flagged(self) -> Service:
        if not self.detail_missing and not self.requirements and not self.steps:
            raise ValueError("layanan tanpa persyaratan dan prosedur harus ditandai detail_missing: true")
        return self

    @property
    def product(self) -> str:
        return "; ".join(self.products)

    @property
    def search_text(self) -> str:
        return " ".join([self.name, self.listed_name or "", *self.abbreviations, *self.products]).lower()


class CatalogFile(_Model):
    format: int = Field(ge=1, le=1)
    office: Office
    services: list[Service]

    @model_validator(mode="after")
    def _unique_ids(self) -> CatalogFile:
        seen: set[str] = set()
        for service in self.services:
            if service.id in seen:
                raise ValueError(f"id layanan '{service.id}' dipakai lebih dari sekali")
            seen.add(service.id)
        return self
