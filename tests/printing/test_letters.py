"""Letters by their content: extracted text against golden files, letterhead inside the page,
register number from the signature, QR that verifies offline."""

import re
import subprocess
from pathlib import Path

import pytest

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.settings import OfficeProfile, PaperSettings
from desktop.models.users.roles import Role
from desktop.printing.issue import preview_letter, render_application_letter
from tests.identities import admin_actor

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "letters"


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("office,service,paper", [
    ("kalirejo", "kalirejo-surat-keterangan-domisili", "F4"),
    ("kalirejo", "kalirejo-surat-keterangan-tidak-mampu", "A4"),
    ("kalirejo", "kalirejo-surat-keterangan-usaha", "F4"),
    ("kalirejo", "kalirejo-surat-keterangan-waris", "F4"),
    ("kanigaran", "kanigaran-sk-kematian", "A4"),
    ("kandangan", "kandangan-legalisasi-pengantar-skck", "F4"),
])
def test_preview_text_matches_golden(services, tmp_path, update_golden, office, service, paper):
    pdf = preview_letter(services, office, service, paper)
    text = normalise(pdf_text(pdf, tmp_path))
    golden = GOLDEN / f"{service}-{paper}.txt"
    if update_golden:
        golden.write_text(text + "\n", encoding="utf-8")
    assert golden.exists(), f"{golden.name} missing: run pytest --update-golden and review the new file"
    assert text == golden.read_text(encoding="utf-8").strip()


def test_every_service_previews_on_one_page(services, tmp_path):
    from pypdf import PdfReader

    for office in services.catalog.offices():
        for service in services.catalog.services(office.id):
            pdf = preview_letter(services, office.id, service.id, "F4")
            path = tmp_path / "p.pdf"
            path.write_bytes(pdf)
            assert len(PdfReader(path).pages) == 1, service.id


def test_long_office_name_stays_within_the_page(services, tmp_path):
    services.settings.put(OfficeProfile(
        catalog_office_id="kalirejo", level="kelurahan", office_code="424.301.1.04",
        pemerintah="PEMERINTAH KABUPATEN PASURUAN PROVINSI JAWA TIMUR REPUBLIK INDONESIA",
        kecamatan="KECAMATAN BANGIL YANG NAMANYA SENGAJA DIBUAT SANGAT PANJANG SEKALI UNTUK UJI",
        kelurahan="KELURAHAN KALIREJO SUKOREJO WONOREJO MAKMUR SEJAHTERA ADIL BERSATU",
        alamat="Jl. Bader 306 " * 6, tempat_surat="Bangil"), admin_actor(services))
    pdf = preview_letter(services, "kalirejo", "kalirejo-surat-keterangan-domisili", "F4")
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    xs = [(float(a), float(b)) for a, b in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html)]
    assert xs and all(x_min >= 0 and x_max <= page_w for x_min, x_max in xs)
    assert "SEJAHTERA" in pdf_text(pdf, tmp_path)


def sign_one(services, service_id="kalirejo-surat-keterangan-domisili"):
    from tests.models.test_applications import draft_for

    apps = services.applications
    app = apps.submit(draft_for(services, service_id), services.users.authenticate("petugas", DEMO_PIN))
    while app.current.kind != "tanda_tangan":
        step = app.current
        role = Role(step.roles[0])
        user = services.users.by_role(role)[0]
        app = apps.perform(app.id, step.idx, user, role, pin=DEMO_PIN)  # each person confirms with their PIN
    return apps.perform(app.id, app.active_step, services.users.authenticate("lurah", DEMO_PIN), Role.LURAH,
                        pin=DEMO_PIN)


def test_signed_letter_has_number_signer_and_verifiable_qr(office_services, tmp_path):
    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    assert entry.number == "470/001/424.301.1.04/2026" or entry.number.split("/")[1] == "001"
    pdf, number = render_application_letter(office_services, app.id)
    text = pdf_text(pdf, tmp_path)
    assert f"Nomor: {number}" in text
    assert "Drs. Bambang Purnomo" in text and "NIP. 19700815 199503 1 001" in text
    assert "Bangil, 24 November 2026" in text
    assert app.applicant.name in text
    assert "ARSIP" not in text and "SALINAN" not in text  # the citizen's copy is clean
    archive, _ = render_application_letter(office_services, app.id, archive_copy=True)
    archive_text = pdf_text(archive, tmp_path)
    assert "Jejak persetujuan" in archive_text and "Paraf: Agus Setiawan, S.Sos (Kepala Seksi (Kasi))" in archive_text
    # Step names and roles in words, never codes ("tanda_tangan: … (lurah)").
    assert "Tanda tangan: Drs. Bambang Purnomo (Lurah)" in archive_text
    assert "tanda_tangan" not in archive_text and "(lurah)" not in archive_text
    reprint, _ = render_application_letter(office_services, app.id, reprint=True)
    assert "SALINAN" in pdf_text(reprint, tmp_path)
    # The QR printed on the letter verifies offline with the office's key.
    from desktop.printing.verify_cli import run_verify

    path = tmp_path / "surat.pdf"
    path.write_bytes(pdf)
    code, message = run_verify(str(path), office_services.directory)
    assert code == 0 and "ASLI" in message and number in message


def test_letter_content_altered_fails_verification(office_services):
    from desktop.printing.issue import stored_letter
    from desktop.printing.qr import content_digest, verify_against_content, verify_payload

    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    trusted = office_services.directory
    result = verify_payload(entry.qr_payload, trusted)
    doc = stored_letter(office_services.register, entry.id, office_services.settings.get(OfficeProfile))
    assert verify_against_content(result, doc.content_fields()).status.value == "asli"
    doc.body[0] = doc.body[0].replace("a", "o", 1)  # one character changed
    assert content_digest(doc.content_fields()) != entry.qr_payload
    assert verify_against_content(result, doc.content_fields()).status.value == "diubah"


def test_letter_number_is_given_at_signature_not_before(office_services):
    from tests.models.test_applications import draft_for

    app = office_services.applications.submit(draft_for(office_services),
                                              office_services.users.authenticate("petugas", DEMO_PIN))
    assert office_services.register.for_application(app.id) is None
    assert office_services.register.entries() == []


@pytest.mark.slow
def test_letter_renders_to_png(office_services, tmp_path):
    app = sign_one(office_services)
    pdf, _ = render_application_letter(office_services, app.id)
    path = tmp_path / "surat.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5000
    from PIL import Image

    width, height = Image.open(png).size
    assert abs(height / width - 330 / 215) < 0.02  # F4 by default
    assert PaperSettings().size == "F4"
