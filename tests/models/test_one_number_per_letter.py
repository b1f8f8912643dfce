"""Failures 3 and 4 of issue 10: two valid numbers for one letter; a cancelled letter still verified.

Reproduced on the old main: at the register step a signed file was returned (no PIN), the Lurah
signed again and got a new number while the first letter stayed TERBIT — both QRs verified as
genuine; a voided letter verified ASLI and reprinted as SALINAN without a BATAL mark.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from desktop.models.errors import ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.printing.issue import render_application_letter, render_register_letter
from desktop.printing.qr import decode, split_payload, verify_payload
from desktop.printing.verify_cli import run_verify
from tests.printing.test_letters import pdf_text, sign_one


def _return_signed_file(services, app, reason="Alamat salah ketik"):
    step = app.current
    role = Role(step.roles[0])
    clerk = services.users.authenticate(services.users.by_role(role)[0].username, DEMO_PIN)
    return services.applications.return_to(app.id, None, clerk, role, reason)


def _sign_again(services, app):
    apps = services.applications
    while app.current.kind != "tanda_tangan":
        step = app.current
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, services.users.by_role(role)[0], role, pin=DEMO_PIN)
    return apps.perform(app.id, app.active_step, services.users.by_role(Role.LURAH)[0], Role.LURAH, pin=DEMO_PIN)


def _live(services, app_id):
    return services.db.execute("SELECT count(*) FROM register WHERE application_id = ? AND status = 'terbit'",
                               [app_id]).fetchone()[0]


def test_returning_a_signed_file_voids_its_number_and_the_new_letter_names_it(office_services):
    app = sign_one(office_services)
    first = office_services.register.for_application(app.id)
    returned = _return_signed_file(office_services, app)
    old = office_services.register.get(first.id)
    assert old.status == "batal" and "Alamat salah ketik" in old.void_reason
    assert verify_payload(first.qr_payload, office_services.directory).status == "dibatalkan"
    resigned = _sign_again(office_services, returned)
    new = office_services.register.for_application(resigned.id)
    assert new.id != first.id and new.seq == first.seq + 1 and new.replaces == first.number
    assert decode(*split_payload(new.qr_payload)[:2]).replaces == first.number
    assert _live(office_services, app.id) == 1
    cancelled = verify_payload(first.qr_payload, office_services.directory)
    assert cancelled.status == "dibatalkan" and new.number in cancelled.message  # "Diganti surat nomor …"
    assert verify_payload(new.qr_payload, office_services.directory).status == "asli"


def test_the_database_itself_refuses_a_second_live_letter_for_one_application(office_services):
    app = sign_one(office_services)
    with pytest.raises(sqlite3.IntegrityError):
        office_services.db.execute(
            "INSERT INTO register (id, office_code, year, scope, seq, number, classification, letter_date, subject, "
            "recipient, application_id, signer_name, signer_role, status, created_at, created_by) VALUES "
            "('x', 'K', 2026, '*', 99, '470/099', '470', '2026-11-24', 's', 'r', ?, 'n', 'lurah', 'terbit', 'x', 'x')",
            [app.id])
    with pytest.raises(ValidationError, match="sudah punya surat yang berlaku"):
        hook = office_services.applications.step_hooks[0]
        hook(office_services.applications, office_services.applications.get(app.id),
             next(s for s in office_services.applications.get(app.id).steps if s.kind == "tanda_tangan"),
             office_services.users.confirm(office_services.users.by_role(Role.LURAH)[0].id, DEMO_PIN))


def test_rejecting_or_cancelling_after_signature_voids_the_letter(office_services):
    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    clerk = office_services.users.authenticate("petugas", DEMO_PIN)
    office_services.applications.cancel(app.id, clerk, Role.PETUGAS, "Pemohon membatalkan")
    assert office_services.register.get(entry.id).status == "batal"
    assert "Pemohon membatalkan" in office_services.register.get(entry.id).void_reason


def test_a_voided_letter_verifies_as_dibatalkan_and_exits_3(office_services, tmp_path):
    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    assert run_verify(entry.qr_payload, office_services.directory)[0] == 0
    office_services.register.void(entry.id, office_services.users.by_role(Role.LURAH)[0], "Data keliru",
                                  pin=DEMO_PIN)
    code, text = run_verify(entry.qr_payload, office_services.directory)
    assert code == 3 and "DIBATALKAN" in text and "Data keliru" in text and "24 November 2026" in text
    # The command itself, as an office runs it.
    db = office_services.db.execute("PRAGMA database_list").fetchone()[2]
    office_services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result = subprocess.run([sys.executable, "-m", "desktop", "--db", db, "verify", entry.qr_payload],
                            capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    assert "DIBATALKAN" in result.stdout


def test_reprint_of_a_voided_letter_carries_batal(office_services, tmp_path):
    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    office_services.register.void(entry.id, office_services.users.by_role(Role.LURAH)[0], "Salah nama",
                                  pin=DEMO_PIN)
    pdf, number = render_application_letter(office_services, app.id, reprint=True)
    text = pdf_text(pdf, tmp_path)
    assert number == entry.number and "BATAL" in text and "SALINAN" in text
    assert "DIBATALKAN" in text and "Salah nama" in text
    clean = pdf_text(render_register_letter(office_services, entry.id), tmp_path)
    assert "BATAL" in clean


def test_voiding_from_the_register_sends_an_open_file_back_to_its_signature(office_services):
    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    assert office_services.applications.get(app.id).status.value == "siap_diambil"
    office_services.register.void(entry.id, office_services.users.by_role(Role.LURAH)[0], "NIK salah",
                                  pin=DEMO_PIN)
    back = office_services.applications.get(app.id)
    assert back.status.value == "menunggu_ttd" and back.current.kind == "tanda_tangan"
    assert "NIK salah" in back.current.note  # nobody hands over a cancelled letter
    again = office_services.applications.perform(app.id, back.active_step, office_services.users.by_role(
        Role.LURAH)[0], Role.LURAH, pin=DEMO_PIN)
    assert office_services.register.for_application(again.id).replaces == entry.number
