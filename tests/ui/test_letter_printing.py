"""Printing a signed letter: both copies saved to the archive, pages painted on a (PDF) QPrinter."""

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from desktop.ui.letter_printing import prepare_letter, print_pages


def test_prepare_and_print_a_signed_letter(qtbot, office_services, tmp_path):
    from tests.printing.test_letters import sign_one

    app = sign_one(office_services)
    result = prepare_letter(office_services, app.id)
    folder: Path = result["folder"]
    assert (folder / "surat.pdf").exists() and (folder / "arsip.pdf").exists()
    assert result["number"].replace("/", "-") == folder.name
    raw, width, height = result["pages"][0]
    assert len(raw) == width * height * 3 and height > width  # one portrait page, RGB
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "dicetak.pdf"
    printer.setOutputFileName(str(out))
    assert print_pages(result["pages"], None, ask=False, printer=printer, paper=result["paper"])
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert result["paper"] == "F4" and abs(width - 215 / 25.4 * 72) < 2 and abs(height - 330 / 25.4 * 72) < 2


def test_unsigned_application_has_no_letter_to_print(office_services):
    import pytest

    from desktop.models.errors import ValidationError
    from desktop.models.office.first_run import DEMO_PIN
    from tests.models.test_applications import draft_for

    app = office_services.applications.submit(draft_for(office_services),
                                              office_services.users.authenticate("petugas", DEMO_PIN))
    with pytest.raises(ValidationError, match="belum ditandatangani"):
        prepare_letter(office_services, app.id)
