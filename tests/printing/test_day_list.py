"""The day's applications per status on paper (the counter's close of day)."""

from __future__ import annotations

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.printing.day_list_pdf import day_list_pdf, grouped
from tests.models.test_applications import draft_for
from tests.printing.test_letters import pdf_text


def test_todays_applications_grouped_by_status_in_words(office_services, tmp_path, clock):
    apps = office_services.applications
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    waiting = apps.submit(draft_for(office_services), petugas)
    done = apps.submit(draft_for(office_services), petugas)
    while done.status.value != "siap_diambil":
        step = done.current
        role = Role(step.roles[0])
        done = apps.perform(done.id, step.idx, office_services.users.by_role(role)[0], role,
                            pin=DEMO_PIN)
    apps.submit(draft_for(office_services), petugas, as_draft=True)  # a draft is not an application yet
    rows = apps.reader.day_list(clock.now().date().isoformat())
    assert [label for label, _ in grouped(rows)] == ["Siap Diambil", "Diajukan"]
    text = pdf_text(day_list_pdf(rows, "Kelurahan Kalirejo", clock.now().date(), "Dewi Lestari"), tmp_path)
    assert "DAFTAR PERMOHONAN HARI INI — KELURAHAN KALIREJO" in text and "Selasa, 24 November 2026" in text
    assert "2 permohonan" in text and "Siap Diambil (1)" in text and "Diajukan (1)" in text
    assert waiting.number in text and done.number in text
    assert "siap_diambil" not in text and "diajukan" not in text.replace("Diajukan", "")
    # Yesterday's list is empty, and says so.
    empty = pdf_text(day_list_pdf(apps.reader.day_list("2026-11-23"), "Kelurahan Kalirejo",
                                  clock.now().date(), "Dewi"), tmp_path)
    assert "Tidak ada permohonan pada hari ini." in empty
