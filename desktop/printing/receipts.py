"""Tanda terima for an application: to the thermal printer, or as a PDF when it is down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.models.applications.application import Application
from desktop.models.settings import OfficeProfile, PrinterSettings
from desktop.printing.slips import ReceiptData, moment_text


def mask_nik(nik: str) -> str:
    """Only the region and the last digits: a receipt is often left lying around."""
    return nik[:6] + "******" + nik[-4:] if len(nik) == 16 else nik


def whatsapp_link(number: str, text: str) -> str:
    """wa.me click-to-chat: opens WhatsApp on the phone with the office's number and a prepared message."""
    from urllib.parse import quote

    digits = "".join(c for c in number if c.isdigit())
    return f"https://wa.me/{digits}?text={quote(text)}" if digits else ""


def receipt_from_application(app: Application, profile: OfficeProfile, served_by: str,
                             whatsapp_number: str = "") -> ReceiptData:
    promised = (moment_text(app.due_at) if app.due_at
                else "Jangka waktu tidak disebutkan dalam Standar Pelayanan")
    return ReceiptData(
        office_name=profile.office_name.upper(), office_address=profile.alamat, application_number=app.number,
        service_name=app.service_name, applicant_name=app.applicant.name, nik_masked=mask_nik(app.applicant.nik),
        requirements_received=[r.text for r in app.requirements if r.received], received_at=app.received_at,
        promised_text=promised, qr_text=f"PERMOHONAN:{app.number}", served_by=served_by,
        whatsapp_url=whatsapp_link(whatsapp_number, f"Status permohonan {app.number}"))


@dataclass(frozen=True)
class Delivery:
    printed: bool
    message: str
    pdf_path: Path | None = None


def deliver_receipt(printer: PrinterSettings, data: ReceiptData, pdf_folder: Path) -> Delivery:
    """Print on the ESC/POS printer; if there is none or it is off, write the same slip as PDF."""
    from desktop.printing.escpos_slips import print_receipt
    from desktop.printing.printers import PrinterUnavailable, print_slip
    from desktop.printing.slip_pdf import receipt_pdf

    reason = "Printer struk belum diatur."
    if printer.connection != "none":
        try:
            status = print_slip(printer, lambda p: print_receipt(p, data, printer.paper_mm))
            return Delivery(True, "Tanda terima dicetak." + (f" {status.message}" if status.message else ""))
        except PrinterUnavailable as exc:
            reason = str(exc)
    pdf_folder.mkdir(parents=True, exist_ok=True)
    path = pdf_folder / f"tanda-terima-{data.application_number}.pdf"
    path.write_bytes(receipt_pdf(data))
    return Delivery(False, f"{reason} Tanda terima disimpan sebagai PDF: {path}", path)
