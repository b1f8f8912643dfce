"""Failure 7 of issue 10: applicants without a NIK got no letter.

Reproduced on the old main: WNA, lembaga and desa applicants passed intake, then signing failed
with "nik_hash or content_sha256 has the wrong length" and the file stuck at Menunggu TTD. Now the
QR claims whatever identifies the applicant: passport/KITAS, lembaga registration, desa code, or none.
"""

from __future__ import annotations

import pytest

from desktop.models.applications.application import Applicant
from desktop.models.applications.intake import IntakeDraft, checklist
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.printing.issue import render_application_letter
from desktop.printing.qr import decode, split_payload, subject_hash, verify_payload
from tests.printing.test_letters import pdf_text

DOMISILI = "kalirejo-surat-keterangan-domisili"


@pytest.mark.parametrize(("kind", "document", "subject"), [
    ("wna", "C1234567", "paspor"),
    ("lembaga", "AHU-0012345.AH.01.07.2020", "lembaga"),
    ("desa", "35.14.10.2001", "desa"),
    ("umum", "", "tanpa"),
    ("lembaga", "", "tanpa"),
])
def test_every_applicant_gets_a_signed_verifiable_letter(office_services, tmp_path, kind, document, subject):
    service, _ = office_services.catalog.service(DOMISILI)
    items = checklist(service)
    for item in items:
        item.received = True
    applicant = Applicant(kind=kind, name="YAYASAN AL-IKHLAS" if kind == "lembaga" else "JOHN SMITH",
                          document=document, address="Jl. Bader 2", representative="Ahmad")
    draft = IntakeDraft(service_id=DOMISILI, applicant=applicant, requirements=items,
                        fields={"keperluan": "Izin tinggal", "alamat_domisili": "Jl. Bader 2"})
    apps = office_services.applications
    app = apps.submit(draft, office_services.users.authenticate("petugas", DEMO_PIN))
    while office_services.register.for_application(app.id) is None:
        step = app.current
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, office_services.users.by_role(role)[0], role, pin=DEMO_PIN)
    entry = office_services.register.for_application(app.id)
    result = verify_payload(entry.qr_payload, office_services.directory)
    assert result.status == "asli", result.message
    claim = decode(*split_payload(entry.qr_payload)[:2])
    assert claim.subject == subject
    assert claim.nik_hash == subject_hash(subject, document, office_services.profile.office_code)
    if document:
        assert document not in entry.qr_payload
    pdf, _ = render_application_letter(office_services, app.id)
    text = pdf_text(pdf, tmp_path)
    assert applicant.name in text and (document in text if document else True)
