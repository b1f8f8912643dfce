"""Tanda terima from a real application: on a File printer (decoded bytes), and as PDF when the printer is off."""

import socket

from pypdf import PdfReader

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.settings import OfficeProfile, PrinterSettings
from desktop.printing.receipts import deliver_receipt, mask_nik, receipt_from_application


def make_app(services):
    from tests.models.test_applications import draft_for

    return services.applications.submit(draft_for(services), services.users.authenticate("petugas", DEMO_PIN))


def test_receipt_to_file_printer_has_number_service_and_promise(office_services, tmp_path):
    app = make_app(office_services)
    data = receipt_from_application(app, office_services.settings.get(OfficeProfile), "Dewi Lestari")
    out = tmp_path / "struk.bin"
    result = deliver_receipt(PrinterSettings(connection="file", file_path=str(out)), data, tmp_path)
    assert result.printed
    text = out.read_bytes().decode("cp858", errors="replace")
    assert app.number in text and "DOMISILI" in text.upper()
    assert "pengantar RT / RW" in text
    assert app.applicant.nik not in text and mask_nik(app.applicant.nik) in text


def test_printer_off_gives_pdf_with_the_same_slip(office_services, tmp_path):
    app = make_app(office_services)
    data = receipt_from_application(app, office_services.settings.get(OfficeProfile), "Dewi Lestari")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once closed
    result = deliver_receipt(PrinterSettings(connection="network", host="127.0.0.1", port=port), data, tmp_path)
    assert not result.printed and result.pdf_path.exists()
    assert "PDF" in result.message
    text = "".join(page.extract_text() for page in PdfReader(result.pdf_path).pages)
    assert app.number in text
