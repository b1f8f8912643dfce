"""Failure 9 of issue 10: a number was spent on a letter that could not print, and scripts printed as ■.

Reproduced on the old main: a very long address/purpose/name, a date like 2026-99-99 or a control
character in the signer's name made rendering fail after the number and QR were issued (or crashed
signing and left the file stuck); Arabic, CJK, Ğ, combining marks and emoji printed as ■.
"""

from __future__ import annotations

import pytest

from desktop.models import jsonutil
from desktop.models.errors import ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.accounts import NewUser
from desktop.models.users.roles import Role
from desktop.printing.issue import render_application_letter
from tests.models.test_applications import draft_for
from tests.printing.test_letters import pdf_text, sign_one

KEMATIAN = "kalirejo-surat-keterangan-kematian"
DEATH = {"nama_almarhum": "SUKARDI", "tanggal_meninggal": "2026-11-20", "tempat_meninggal": "Rumah"}


def _at_signature(services, service_id="kalirejo-surat-keterangan-domisili", **fields):
    apps = services.applications
    app = apps.submit(draft_for(services, service_id, **fields), services.users.authenticate("petugas", DEMO_PIN))
    while app.current.kind != "tanda_tangan":
        step = app.current
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, services.users.by_role(role)[0], role, pin=DEMO_PIN)
    return app


def _nothing_spent(services, app):
    assert services.register.entries() == []
    assert services.db.execute("SELECT count(*) FROM register_counters").fetchone()[0] == 0
    assert services.applications.get(app.id).current.kind == "tanda_tangan"  # waiting, not broken


def _sign(services, app):
    lurah = services.users.by_role(Role.LURAH)[0]
    return services.applications.perform(app.id, app.active_step, lurah, Role.LURAH, pin=DEMO_PIN)


def _corrupt(services, app, **fields):
    """Data that got past the counter (an older version, an import): the signature is the last guard."""
    current = services.applications.get(app.id).fields
    services.db.execute("UPDATE applications SET fields = ? WHERE id = ?",
                        [jsonutil.dumps({**current, **fields}), app.id])


def test_an_overlong_unbroken_purpose_is_refused_before_a_number(office_services):
    app = _at_signature(office_services)
    _corrupt(office_services, app, keperluan="X" * 20000)
    with pytest.raises(ValidationError, match="belum ada nomor surat yang terpakai"):
        _sign(office_services, app)
    _nothing_spent(office_services, app)
    _corrupt(office_services, app, keperluan="Melamar pekerjaan")  # fixed: now it signs, number 001
    assert office_services.register.for_application(_sign(office_services, app).id).seq == 1


def test_an_impossible_date_is_refused_at_the_counter_and_before_a_number(office_services):
    with pytest.raises(ValidationError, match="Tanggal meninggal.*tidak sah"):
        office_services.applications.submit(draft_for(office_services, KEMATIAN, **{**DEATH, "tanggal_meninggal":
                                                                                    "2026-99-99"}),
                                            office_services.users.authenticate("petugas", DEMO_PIN))
    app = _at_signature(office_services, KEMATIAN, **DEATH)
    _corrupt(office_services, app, tanggal_meninggal="2026-99-99")
    with pytest.raises(ValidationError, match="tidak sah.*belum ada nomor"):
        _sign(office_services, app)
    _nothing_spent(office_services, app)


def test_a_control_character_in_the_signers_name(office_services):
    admin = office_services.users.authenticate("admin", DEMO_PIN)
    with pytest.raises(ValidationError, match="karakter kendali"):
        office_services.users.create(NewUser("lurah2", "Drs. Bambang\x07 Purnomo", [Role.LURAH], "864213"),
                                     admin.actor(), by=admin)
    app = _at_signature(office_services)
    lurah = office_services.users.by_role(Role.LURAH)[0]
    office_services.db.execute("UPDATE users SET full_name = ? WHERE id = ?", ["Drs. Bambang\x00 Purnomo", lurah.id])
    with pytest.raises(ValidationError, match="Nama penanda tangan.*U\\+0000"):
        _sign(office_services, app)
    _nothing_spent(office_services, app)


def test_a_character_no_font_has_is_refused_at_the_counter_with_its_name(office_services):
    with pytest.raises(ValidationError, match="tidak dapat dicetak.*U\\+1F64F"):
        office_services.applications.submit(draft_for(office_services, keperluan="Melamar kerja 🙏"),
                                            office_services.users.authenticate("petugas", DEMO_PIN))


@pytest.mark.parametrize("text", [
    "مدرسة الأمل",  # Arabic
    "北京市朝阳区",  # Chinese
    "ĞÜŞİÖÇ Ğazi",  # Turkish
    "Nguyễn Văn Ánh",  # Vietnamese (precomposed)
    "Jose\u0301 Mari\u0301a",  # combining acute accents
])
def test_other_scripts_print_with_embedded_fonts_instead_of_boxes(office_services, tmp_path, text):
    import unicodedata

    app = _at_signature(office_services, keperluan=f"Keperluan {text}")
    app = _sign(office_services, app)
    pdf, _number = render_application_letter(office_services, app.id)
    wanted = unicodedata.normalize("NFC", text)  # "e" + combining acute is the one letter "é"
    try:
        wanted.encode("cp1252")
    except UnicodeEncodeError:
        assert b"/FontFile2" in pdf  # a TrueType font is embedded for these characters
    extracted = pdf_text(pdf, tmp_path)
    letters = [c for c in wanted if c.isalpha()]
    if any("\u0600" <= c <= "\u06ff" for c in letters):
        assert all(c in extracted or unicodedata.normalize("NFKC", c) in extracted for c in letters[:3]) or \
            any("\ufe70" <= c <= "\ufeff" or "\u0600" <= c <= "\u06ff" for c in extracted)
    else:
        assert wanted in unicodedata.normalize("NFC", extracted), extracted
    assert "\u25a0" not in extracted and "\ufffd" not in extracted


def test_ordinary_latin_letters_embed_no_font(office_services):
    app = sign_one(office_services)
    pdf, _number = render_application_letter(office_services, app.id)
    assert b"/FontFile2" not in pdf  # the common case stays as small and fast as before
