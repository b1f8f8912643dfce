"""The monthly pack as it travels to the kecamatan: figures as plain JSON (and, when small, the PDF
and XLSX themselves), checked against a strict schema on arrival.

The record rides in the ordinary sync batch (signed, sealed, applied all or nothing); this module
fixes its shape. A receiver refuses a record that does not fit it, or that speaks for another office.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from desktop.models import jsonutil
from desktop.models.errors import LoketError
from desktop.models.reports.pack import ReportPack

ENTITY = "monthly_report"
OP_SENT = "kirim"
MAX_FILE = 2 * 1024 * 1024  # larger PDF/XLSX files stay at the office; their hashes still travel
Text = Annotated[str, Field(max_length=300)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Minutes = Annotated[float, Field(ge=0, le=10_000_000)] | None
Rows = Field(default_factory=list, max_length=2000)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Summary(_Strict):
    letters_issued: Count
    letters_voided: Count
    letters_manual: Count
    received: Count
    finished: Count
    rejected: Count
    cancelled: Count
    open_at_end: Count
    on_time: Count
    late: Count
    open_late: Count
    queue_issued: Count
    queue_served: Count


class MonthlyReport(_Strict):
    """What a kecamatan accepts as one kelurahan's monthly report."""

    period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    revision: int = Field(ge=1, le=10_000)
    office_code: Text
    office_name: Text
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
    signer: Text
    summary: Summary
    letters_by_kind: list[tuple[Text, Count, Count, Count]] = Rows
    letters_by_day: list[tuple[Text, Count, Count, Count]] = Field(default_factory=list, max_length=31)
    applications: list[tuple[Text, Count, Count, Count, Count, Count]] = Rows
    sla: list[tuple[Text, Text, Count | None, Count, Count, Count, Count, Count, Minutes, Minutes]] = Rows
    queue: list[tuple[Text, Text, Count, Count, Count, Minutes, Minutes]] = Field(default_factory=list, max_length=50)
    ikm: list[tuple[Text, Text]] = Field(default_factory=list, max_length=50)
    ikm_note: Text = ""
    pdf_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    xlsx_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pdf_b64: str | None = Field(default=None, max_length=MAX_FILE * 4 // 3 + 4)
    xlsx_b64: str | None = Field(default=None, max_length=MAX_FILE * 4 // 3 + 4)

    @field_validator("pdf_b64", "xlsx_b64")
    @classmethod
    def _base64(cls, value: str | None) -> str | None:
        if value is not None:
            base64.b64decode(value, validate=True)
        return value

    def file(self, which: str) -> bytes | None:
        """The PDF or XLSX as sent, checked against its hash (None when it stayed at the office)."""
        data = self.pdf_b64 if which == "pdf" else self.xlsx_b64
        if data is None:
            return None
        raw = base64.b64decode(data)
        expected = self.pdf_sha256 if which == "pdf" else self.xlsx_sha256
        return raw if hashlib.sha256(raw).hexdigest() == expected else None


class ReportRefused(LoketError):
    """A monthly report record that does not fit the schema or names another office."""


def figures(pack: ReportPack) -> dict[str, Any]:
    """The pack's figures as JSON-ready data (what the digest and the receiver's roll-up use)."""
    lt, at, st, q = pack.letters_total, pack.applications_total, pack.sla_total, pack.queue.total
    return {
        "period": pack.period.key, "office_code": pack.profile.office_code, "office_name": pack.office_name,
        "as_of": pack.as_of[:19], "signer": pack.signer.name,
        "summary": {"letters_issued": lt.issued, "letters_voided": lt.voided, "letters_manual": lt.manual,
                    "received": at.received, "finished": at.finished, "rejected": at.rejected,
                    "cancelled": at.cancelled, "open_at_end": at.open_at_end, "on_time": st.on_time,
                    "late": st.late, "open_late": st.open_late, "queue_issued": q.issued, "queue_served": q.served},
        "letters_by_kind": [[c.kind, c.issued, c.voided, c.manual] for c in pack.letters_by_kind],
        "letters_by_day": [[b.key, b.issued, b.voided, b.manual] for b in pack.letters_by_bucket],
        "applications": [[c.service, c.received, c.finished, c.rejected, c.cancelled, c.open_at_end]
                         for c in pack.applications],
        "sla": [[r.service, r.limit_text, r.limit_minutes, r.finished, r.on_time, r.late, r.without_limit,
                 r.open_late, r.median_minutes, r.p90_minutes] for r in pack.sla],
        "queue": [[g.group_code, g.label, g.issued, g.served, g.skipped, g.wait_median_s, g.wait_p90_s]
                  for g in pack.queue.groups],
        "ikm": [list(r) for r in pack.ikm.rows], "ikm_note": pack.ikm.note,
    }


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(jsonutil.dumps(data).encode("utf-8")).hexdigest()


def with_files(data: dict[str, Any], revision: int, pdf: bytes, xlsx: bytes) -> dict[str, Any]:
    out = {**data, "revision": revision, "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
           "xlsx_sha256": hashlib.sha256(xlsx).hexdigest()}
    if len(pdf) <= MAX_FILE:
        out["pdf_b64"] = base64.b64encode(pdf).decode("ascii")
    if len(xlsx) <= MAX_FILE:
        out["xlsx_b64"] = base64.b64encode(xlsx).decode("ascii")
    return out


def parse(sender: str, payload: Any) -> MonthlyReport:
    """Check a received record; raises ReportRefused with the reason in words."""
    try:
        report = MonthlyReport.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "isi"
        raise ReportRefused(f"Laporan bulanan dari kantor {sender} tidak sesuai format ({where}: "
                            f"{first.get('msg', '')}); batch tidak dimasukkan.") from exc
    if report.office_code != sender:
        raise ReportRefused(f"Laporan atas nama kantor {report.office_code} dikirim oleh kantor {sender}; "
                            "ditolak (kantor hanya boleh melaporkan dirinya sendiri).")
    return report
