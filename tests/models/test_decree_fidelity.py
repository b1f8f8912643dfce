"""What the decrees say, kept: letter titles from each decree's product, no invented procedure, the
Kandangan checks, Kanigaran no. 22's hand-registered number, a signer where the procedure names none."""

from __future__ import annotations

import pytest

from desktop.models.applications.status import Status
from desktop.models.applications.workflow import NO_PROCEDURE
from desktop.models.errors import ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.printing.issue import preview_letter
from tests.models.test_chains_per_office import make_draft, setup_office
from tests.printing.test_letters import pdf_text


def _run(services, by_role, app, *, until=None, confirmed=False):
    """Do each step with the first role that can, until `until(app)` is true or it is ready."""
    apps = services.applications
    while app.active_step is not None and app.status != Status.SIAP_DIAMBIL and not (until and until(app)):
        step = app.steps[app.active_step]
        role = next(Role(r) for r in step.roles if Role(r) in by_role)
        app = apps.perform(app.id, step.idx, by_role[role], role, pin=DEMO_PIN if step.needs_pin else None,
                           confirmed=confirmed)
    return app


@pytest.mark.parametrize("office_id,kelurahan,service_id,title", [
    ("kanigaran", "", "kanigaran-sk-kelakuan-baik", "SURAT KETERANGAN KELAKUAN BAIK (SKKB)"),
    ("kanigaran", "", "kanigaran-sk-bersih-diri", "SURAT KETERANGAN BERSIH DIRI (SKBD)"),
    ("kalirejo", "", "kalirejo-surat-keterangan-domisili-usaha", "SURAT KETERANGAN DOMISILI USAHA"),
    ("kanigaran", "Kebonsari Kulon", "kanigaran-sk-pindah-nikah", "SURAT KETERANGAN PINDAH NIKAH"),
    ("kanigaran", "Kebonsari Kulon", "kanigaran-surat-pengajuan-nikah", "SURAT KETERANGAN PENGAJUAN NIKAH"),
    ("kanigaran", "Kebonsari Kulon", "kanigaran-surat-pengantar-calon-pengantin", "SURAT PENGANTAR CALON PENGANTIN"),
])
def test_letter_title_is_the_product_the_decree_names(services, tmp_path, office_id, kelurahan, service_id, title):
    text = pdf_text(preview_letter(services, office_id, service_id), tmp_path)
    assert title in text
    for other in ("SURAT PENGANTAR SKCK", "SURAT PENGANTAR NIKAH\n", "SURAT KETERANGAN USAHA\n"):
        assert other not in text


def test_a_copy_paste_product_is_flagged_to_the_admin_not_printed(services, tmp_path):
    ktp, _ = services.catalog.service("kanigaran-permohonan-ktp-el-baru")
    assert ktp.letter_title is None and "salah salin" in ktp.admin_check[0]
    text = pdf_text(preview_letter(services, "kanigaran", ktp.id), tmp_path)
    assert "BEDA IDENTITAS" not in text


def test_a_service_listed_without_a_procedure_waits_for_the_admin(services):
    by_role = setup_office(services, "kalirejo", "")
    service, _ = services.catalog.service("kalirejo-permohonan-ktp")
    assert service.detail_missing and not service.steps and "tanpa tabel" in service.admin_check[0]
    with pytest.raises(ValidationError, match="tidak memuat prosedur"):
        services.applications.submit(make_draft(services, service.id), by_role[Role.PETUGAS])
    assert NO_PROCEDURE.startswith("Keputusan tidak memuat prosedur")
    # The admin writes the office's own steps; from then on it can be applied for.
    from desktop.models.catalog.standard import Step

    admin = services.users.authenticate("admin", DEMO_PIN)
    defined = service.model_copy(update={"steps": [
        Step(actor="Pemohon", role="pemohon", kind="ajukan", action="Pemohon mengajukan permohonan."),
        Step(actor="Staf Kelurahan", role="petugas", kind="verifikasi", action="Staf memeriksa berkas."),
        Step(actor="Lurah", role="lurah", kind="tanda_tangan", action="Lurah menandatangani pengantar.")]})
    services.catalog.save_service(defined, "kalirejo", admin.actor(Role.ADMIN))
    app = services.applications.submit(make_draft(services, service.id), by_role[Role.PETUGAS])
    assert [s.kind for s in app.steps][:3] == ["ajukan", "verifikasi", "tanda_tangan"]


def test_kandangan_clerk_confirms_the_population_data_are_current(services):
    by_role = setup_office(services, "kandangan", "")
    apps = services.applications
    app = apps.submit(make_draft(services, "kandangan-legalisasi-sktm"), by_role[Role.PETUGAS])
    step = app.steps[app.active_step]
    assert "Data kependudukan pemohon sudah mutakhir" in step.confirm
    with pytest.raises(ValidationError, match="Pastikan dulu: Data kependudukan"):
        apps.perform(app.id, step.idx, by_role[Role.PETUGAS], Role.PETUGAS)
    assert apps.get(app.id).active_step == step.idx  # nothing moved
    done = apps.perform(app.id, step.idx, by_role[Role.PETUGAS], Role.PETUGAS, confirmed=True)
    assert done.steps[step.idx].state == "done" and "Dipastikan: Data kependudukan" in done.steps[step.idx].note


def test_kandangan_waris_has_no_clerk_submission_step_the_decree_has_only_if_incomplete(services):
    by_role = setup_office(services, "kandangan", "")
    app = services.applications.submit(make_draft(services, "kandangan-rekomendasi-keterangan-waris"),
                                       by_role[Role.PETUGAS])
    manual = [s for s in app.steps if not s.auto]
    assert [s.kind for s in manual][:2] == ["paraf", "tanda_tangan"]
    assert not any(s.kind == "ajukan" and not s.auto for s in app.steps)
    # "Jika berkas belum lengkap": the Kasi returns it to the counter instead.
    back = services.applications.return_to(app.id, None, by_role[Role.KASI], Role.KASI, "KK pewaris belum ada")
    assert back.active_step == 0 and back.status == Status.DIKEMBALIKAN


def test_kanigaran_22_cs_registers_the_number_by_hand_in_the_register_book(services):
    by_role = setup_office(services, "kanigaran", "")
    apps = services.applications
    app = apps.submit(make_draft(services, "kanigaran-sk-ahli-waris"), by_role[Role.PETUGAS])
    app = _run(services, by_role, app, until=lambda a: a.steps[a.active_step].kind == "register")
    entry = services.register.for_application(app.id)
    assert entry is not None and entry.signer_name == by_role[Role.CAMAT].full_name  # numbered and sealed at signing
    register = app.steps[app.active_step]
    assert register.roles == ["petugas"] and "buku register" in register.confirm
    with pytest.raises(ValidationError, match="Pastikan dulu: Nomor surat ini sudah dicatat secara manual"):
        apps.perform(app.id, register.idx, by_role[Role.PETUGAS], Role.PETUGAS)
    done = apps.perform(app.id, register.idx, by_role[Role.PETUGAS], Role.PETUGAS, confirmed=True)
    assert "Dipastikan: Nomor surat ini sudah dicatat" in done.steps[register.idx].note


def test_kraton_pengantar_kepala_desa_gets_a_signer_and_a_letter(services, tmp_path):
    by_role = setup_office(services, "kraton", "")
    apps = services.applications
    app = apps.submit(make_draft(services, "kraton-pengantar-pengangkatan-dan-pemberhentian-kepala-desa-dan-bpd"),
                      by_role[Role.PETUGAS])
    signature = next(s for s in app.steps if s.kind == "tanda_tangan")
    assert set(signature.roles) == {"camat", "sekretaris_camat", "kasi"} and signature.needs_pin
    assert "pejabat yang berwenang" in signature.action.lower()
    app = _run(services, by_role, app, until=lambda a: a.steps[a.active_step].kind == "tanda_tangan")
    # The office chooses who signs: here the Sekretaris Camat.
    apps.perform(app.id, app.active_step, by_role[Role.SEKRETARIS_CAMAT], Role.SEKRETARIS_CAMAT, pin=DEMO_PIN)
    entry = services.register.for_application(app.id)
    assert entry is not None and entry.subject == "PENGANTAR PENGANGKATAN DAN PEMBERHENTIAN KEPALA DESA DAN BPD"


def test_a_kecamatan_letter_names_the_applicants_desa_or_kelurahan(services, tmp_path):
    from desktop.printing.issue import render_application_letter

    by_role = setup_office(services, "bangil", "")
    draft = make_draft(services, "bangil-pengantar-skck")
    village = services.db.execute("SELECT kelurahan FROM residents WHERE nik = ?", [draft.applicant.nik]).fetchone()[0]
    assert village.startswith(("Desa ", "Kelurahan "))  # a demo kecamatan's residents live in several villages
    resident = services.residents.search(draft.applicant.nik)[0]
    import dataclasses

    draft.applicant.details = dataclasses.asdict(resident)
    app = _run(services, by_role, services.applications.submit(draft, by_role[Role.PETUGAS]))
    text = " ".join(pdf_text(render_application_letter(services, app.id)[0], tmp_path).split())
    assert village in text and "Kel. Desa" not in text, text[:600]
