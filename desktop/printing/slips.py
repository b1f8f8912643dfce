"""What is on a receipt (tanda terima) and a queue ticket, independent of how it is printed.

The data classes hold the facts; `receipt_blocks` / `ticket_blocks` turn them into a small
list of layout blocks. The thermal printer (escpos_slips) and the PDF fallback (slip_pdf)
render the same blocks, so the paper a citizen gets says the same whichever path printed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.models.indonesian import format_day_date


@dataclass
class ReceiptData:
    """Proof that an application and its documents were received at the counter."""

    office_name: str
    office_address: str
    application_number: str
    service_name: str
    applicant_name: str
    nik_masked: str
    requirements_received: list[str]
    received_at: datetime
    promised_text: str  # "Selasa, 24 November 2026 pukul 09.15" or a sentence when the standard sets none
    qr_text: str
    served_by: str
    # Click-to-chat link to the office's WhatsApp (https://wa.me/62…?text=…): the citizen asks about
    # the application from their own phone; nothing needs to be online at the office.
    whatsapp_url: str = ""


@dataclass
class TicketData:
    """A numbered queue ticket."""

    office_name: str
    group_code: str  # "A"
    group_label: str  # "Administrasi Kependudukan"
    number: str  # "A-001"
    issued_at: datetime
    people_ahead: int
    estimate_text: str
    qr_text: str


# --- layout blocks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A paragraph; renderers wrap it to the paper width (except `big`, which must fit one line)."""

    text: str
    align: str = "left"  # left | center
    bold: bool = False
    big: bool = False


@dataclass(frozen=True)
class Field:
    """`label : value`, the value wrapped under itself."""

    label: str
    value: str


@dataclass(frozen=True)
class Rule:
    """A horizontal line across the paper."""


@dataclass(frozen=True)
class Numbered:
    """A numbered list (requirements received)."""

    items: tuple[str, ...] = field(default_factory=tuple)
    empty_text: str = "-"


@dataclass(frozen=True)
class Qr:
    text: str


Block = Text | Field | Rule | Numbered | Qr


def clock_text(when: datetime) -> str:
    """Indonesian style time: 08.30 (a dot, not a colon)."""
    return f"{when.hour:02d}.{when.minute:02d}"


def moment_text(when: datetime) -> str:
    """Selasa, 24 November 2026 pukul 08.30"""
    return f"{format_day_date(when)} pukul {clock_text(when)}"


RECEIPT_TITLE = "TANDA TERIMA BERKAS"
TICKET_TITLE = "NOMOR ANTREAN"


def receipt_blocks(data: ReceiptData) -> list[Block]:
    blocks: list[Block] = [Text(data.office_name.upper(), "center", bold=True)]
    if data.office_address.strip():
        blocks.append(Text(data.office_address, "center"))
    blocks += [
        Rule(),
        Text(RECEIPT_TITLE, "center", bold=True),
        Rule(),
        Field("No. permohonan", data.application_number),
        Field("Layanan", data.service_name),
        Field("Pemohon", data.applicant_name),
        Field("NIK", data.nik_masked),
        Field("Diterima", moment_text(data.received_at)),
        Rule(),
        Text("Persyaratan yang diterima:", bold=True),
        Numbered(tuple(data.requirements_received), empty_text="Belum ada berkas yang diterima."),
        Rule(),
        Text("Perkiraan selesai:", bold=True),
        Text(data.promised_text),
        Rule(),
    ]
    if data.qr_text:
        blocks.append(Qr(data.qr_text))
    blocks += [
        Text("Simpan tanda terima ini dan tunjukkan saat mengambil dokumen.", "center"),
        Text(f"Petugas: {data.served_by}", "center"),
    ]
    if data.whatsapp_url:
        blocks += [Rule(), Text("Tanya status lewat WhatsApp: pindai kode ini dengan HP Anda.", "center"),
                   Qr(data.whatsapp_url)]
    return blocks


def ticket_blocks(data: TicketData) -> list[Block]:
    ahead = "tidak ada" if data.people_ahead <= 0 else f"{data.people_ahead} orang"
    blocks: list[Block] = [
        Text(data.office_name.upper(), "center", bold=True),
        Rule(),
        Text(TICKET_TITLE, "center"),
        Text(data.number, "center", bold=True, big=True),
        Text(data.group_label, "center", bold=True),
        Text(moment_text(data.issued_at), "center"),
        Rule(),
        Field("Antrean di depan", ahead),
        Field("Perkiraan", data.estimate_text),
        Rule(),
    ]
    if data.qr_text:
        blocks.append(Qr(data.qr_text))
    blocks.append(Text("Mohon menunggu sampai nomor Anda dipanggil.", "center"))
    return blocks


TRIAL_TITLE = "UJI CETAK PRINTER"


def trial_slip_blocks(office_name: str, paper_mm: int, when: datetime) -> list[Block]:
    """A short slip proving connection, code page, width, large type, QR and cutter work."""
    return [
        Text(office_name.upper() or "LOKET KELURAHAN", "center", bold=True),
        Rule(),
        Text(TRIAL_TITLE, "center", bold=True),
        Text(f"Kertas {paper_mm} mm", "center"),
        Text(moment_text(when), "center"),
        Text("Huruf khusus: é ² ± € – “kutip”", "center"),
        Text("A-001", "center", bold=True, big=True),
        Rule(),
        Qr(TRIAL_TITLE),
        Text("Bila semua teks di atas terbaca utuh, printer siap dipakai.", "center"),
    ]
