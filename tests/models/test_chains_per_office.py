"""One real service per office, taken from intake to "Siap Diambil" through that decree's own steps."""

import pytest

from desktop.models.applications.application import Applicant
from desktop.models.applications.intake import IntakeDraft, checklist, form_fields
from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
from desktop.models.users.roles import Role

CASES = [
    # office, kelurahan counter name, service, a role that must appear in the chain
    ("kalirejo", "", "kalirejo-surat-keterangan-tidak-mampu", Role.KASI),
    ("kanigaran", "Kebonsari Kulon", "kanigaran-sk-usaha", Role.SEKRETARIS_LURAH),
    ("kraton", "", "kraton-rekomendasi-proposal-bantuan-sosial-keagamaan", Role.SEKRETARIS_CAMAT),
    ("bangil", "", "bangil-pengantar-izin-keramaian", Role.CAMAT),
    ("kandangan", "", "kandangan-rekomendasi-keterangan-waris", Role.KASI),
]


def setup_office(services, office_id, kelurahan):
    complete_first_run(services, demo_input(services.catalog.office(office_id), kelurahan, residents=5))
    names = ["petugas", "kasi", "seklur", "lurah"] if services.profile.level == "kelurahan" else \
        ["petugas", "kasi", "sekcam", "camat"]
    users = [services.users.authenticate(n, DEMO_PIN) for n in names]
    return {role: u for u in users for role in u.roles}


def make_draft(services, service_id):
    service, _ = services.catalog.service(service_id)
    items = checklist(service)
    for item in items:
        item.received = True
    resident = services.residents.search(services.db.execute("SELECT nik FROM residents").fetchone()[0])[0]
    fields = {f["key"]: (f.get("options") or ["2026-12-01" if f["type"] == "date" else "1"])[0]
              if f["type"] in ("choice", "date", "number") else "isi contoh" for f in form_fields(service)}
    applicant = Applicant(kind=service.applicant if service.applicant != "umum" else "penduduk",
                          name=resident.nama, nik=resident.nik, resident_id=resident.id, document="PASPOR1")
    return IntakeDraft(service_id=service_id, applicant=applicant, requirements=items, fields=fields)


@pytest.mark.parametrize("office_id,kelurahan,service_id,must_have", CASES)
def test_chain_reaches_siap_diambil(services, office_id, kelurahan, service_id, must_have):
    by_role = setup_office(services, office_id, kelurahan)
    apps = services.applications
    app = apps.submit(make_draft(services, service_id), by_role[Role.PETUGAS])
    roles_used, kinds = [], []
    while app.status != Status.SIAP_DIAMBIL:
        step = app.steps[app.active_step]
        role = next(Role(r) for r in step.roles if Role(r) in by_role)
        roles_used.append(role)
        kinds.append(step.kind)
        app = apps.perform(app.id, step.idx, by_role[role], role, pin=DEMO_PIN if step.needs_pin else None)
    assert must_have in roles_used
    assert app.completed_at is not None
    # and the hand-over closes it (an SKM step only with a questionnaire filled in, here on paper)
    while app.active_step is not None:
        if app.steps[app.active_step].kind == "skm":
            from desktop.models.survey.responses import SurveyAnswers
            from desktop.models.survey.step import record_step

            app = record_step(services, app.id, app.active_step, by_role[Role.PETUGAS], Role.PETUGAS,
                              answers=SurveyAnswers(scores=(4, 3, 3, 4, 3, 3, 4, 3, 3)), source="kertas")
            continue
        app = apps.perform(app.id, app.active_step, by_role[Role.PETUGAS], Role.PETUGAS)
    assert app.status == Status.DIAMBIL


def test_bangil_keramaian_has_register_then_survey_then_signature(services):
    by_role = setup_office(services, "bangil", "")
    app = services.applications.submit(make_draft(services, "bangil-pengantar-izin-keramaian"), by_role[Role.PETUGAS])
    kinds = [s.kind for s in app.steps]
    assert kinds.index("register") < kinds.index("survei_lokasi") < kinds.index("tanda_tangan")


def test_kandangan_sekcam_may_sign_where_decree_allows_alternatives(services):
    by_role = setup_office(services, "kandangan", "")
    apps = services.applications
    app = apps.submit(make_draft(services, "kandangan-legalisasi-pengantar-skck"), by_role[Role.PETUGAS])
    while app.steps[app.active_step].kind != "tanda_tangan":
        app = apps.perform(app.id, app.active_step, by_role[Role.PETUGAS], Role.PETUGAS, confirmed=True)
    sign = app.steps[app.active_step]
    assert set(sign.roles) >= {"camat", "sekretaris_camat", "kasi"}
    signed = apps.perform(app.id, sign.idx, by_role[Role.SEKRETARIS_CAMAT], Role.SEKRETARIS_CAMAT, pin=DEMO_PIN)
    assert signed.steps[sign.idx].done_role == "sekretaris_camat"
    # Waris: the Camat only.
    waris = apps.submit(make_draft(services, "kandangan-rekomendasi-keterangan-waris"), by_role[Role.PETUGAS])
    sign_roles = [s.roles for s in waris.steps if s.kind == "tanda_tangan"]
    assert sign_roles == [["camat"]]


def test_tipe_b_at_a_kanigaran_kelurahan_goes_to_the_kecamatan(services):
    by_role = setup_office(services, "kanigaran", "Kebonsari Kulon")
    apps = services.applications
    app = apps.submit(make_draft(services, "kanigaran-sk-tidak-mampu"), by_role[Role.PETUGAS])
    app = apps.perform(app.id, app.active_step, by_role[Role.PETUGAS], Role.PETUGAS)
    assert app.status == Status.DIKIRIM_KE_KECAMATAN
    assert [i.app_id for i in apps.inbox(by_role[Role.LURAH])] == []
    # The kecamatan's decision (by sync, or recorded from the paper letter) moves it on.
    from desktop.models.applications.kecamatan_decision import PaperDecision

    app = apps.record_kecamatan_decision(app.id, by_role[Role.PETUGAS],
                                         PaperDecision(True, "Camat Kanigaran", "474/12/425.102/2026"))
    assert app.status == Status.SIAP_DIAMBIL


def test_kanigaran_lurah_returns_to_sekretaris_lurah_as_the_decree_says(services):
    by_role = setup_office(services, "kanigaran", "Kebonsari Kulon")
    apps = services.applications
    app = apps.submit(make_draft(services, "kanigaran-sk-domisili-penduduk"), by_role[Role.PETUGAS])
    while app.steps[app.active_step].kind != "tanda_tangan":
        step = app.steps[app.active_step]
        role = next(Role(r) for r in step.roles if Role(r) in by_role)
        app = apps.perform(app.id, step.idx, by_role[role], role, pin=DEMO_PIN if step.needs_pin else None)
    back = apps.return_to(app.id, None, by_role[Role.LURAH], Role.LURAH, "Nama jalan salah")
    assert back.steps[back.active_step].roles == ["sekretaris_lurah"]


def test_foreign_national_and_desa_applicants(services):
    from desktop.models.errors import ValidationError

    by_role = setup_office(services, "kraton", "")
    apps = services.applications
    service, _ = services.catalog.service("kraton-rekomendasi-surat-keterangan-domisili-wna")
    items = checklist(service)
    for item in items:
        item.received = True
    fields = {"nomor_paspor": "X1234567", "kebangsaan": "Belanda", "alamat_domisili": "Jl. Stasiun 1 Kraton"}
    no_passport = IntakeDraft(service_id=service.id, applicant=Applicant(kind="wna", name="Jan de Vries"),
                              requirements=items, fields=fields)
    with pytest.raises(ValidationError, match="paspor"):
        apps.submit(no_passport, by_role[Role.PETUGAS])
    wna = apps.submit(IntakeDraft(service_id=service.id, requirements=items, fields=fields,
                                  applicant=Applicant(kind="wna", name="Jan de Vries", document="X1234567")),
                      by_role[Role.PETUGAS])
    assert wna.status == Status.DIAJUKAN and wna.applicant.nik == ""
    # A desa asks for a DD recommendation; its Kepala Desa comes to the counter.
    dd, _ = services.catalog.service("kraton-rekomendasi-pencairan-dd-add-bhprd-insentif-rt-rw-dan-bkk")
    dd_items = checklist(dd)
    for item in dd_items:
        item.received = True
    desa = apps.submit(IntakeDraft(service_id=dd.id, requirements=dd_items,
                                   fields={"desa": "Desa Kalirejo", "jenis_dana": "ADD", "tahun_anggaran": "2026"},
                                   applicant=Applicant(kind="desa", name="Pemerintah Desa Kalirejo",
                                                       representative="Kepala Desa")), by_role[Role.PETUGAS])
    assert desa.applicant.kind == "desa" and desa.due_at is not None
    assert (desa.due_at - desa.received_at).days == 1  # "1 Hari": one calendar day


@pytest.mark.parametrize("office_id,kelurahan,service_id,_must_have", CASES)
def test_first_person_step_returns_the_file_to_the_counter(services, office_id, kelurahan, service_id, _must_have):
    """The first verifier's "dikembalikan" sends the file back to the counter that took it in (the
    intake, done by the clerk for the applicant); the clerk completes it and submits it again."""
    by_role = setup_office(services, office_id, kelurahan)
    apps = services.applications
    app = apps.submit(make_draft(services, service_id), by_role[Role.PETUGAS])
    first = app.steps[app.active_step]
    role = next(Role(r) for r in first.roles if Role(r) in by_role)
    back = apps.return_to(app.id, None, by_role[role], role, "Fotokopi KK tidak terbaca")
    assert back.status == Status.DIKEMBALIKAN and back.active_step == 0
    assert any(i.app_id == app.id for i in apps.inbox(by_role[Role.PETUGAS]))
    again = apps.perform(back.id, 0, by_role[Role.PETUGAS], Role.PETUGAS, note="KK baru dilampirkan")
    assert again.status != Status.DIKEMBALIKAN and again.active_step == first.idx


def test_kanigaran_operator_returns_to_cs_and_kasi_to_the_operator(services):
    by_role = setup_office(services, "kanigaran", "Kebonsari Kulon")
    apps = services.applications
    app = apps.submit(make_draft(services, "kanigaran-sk-penghasilan"), by_role[Role.PETUGAS])
    operator = app.steps[app.active_step]
    assert operator.kind == "terima"  # "jika tidak sesuai dikembalikan ke CS"
    back = apps.return_to(app.id, None, by_role[Role.PETUGAS], Role.PETUGAS, "Berkas kurang")
    assert back.active_step == 0 and back.steps[0].actor == "Pemohon"
    app = apps.perform(back.id, 0, by_role[Role.PETUGAS], Role.PETUGAS)
    app = apps.perform(app.id, app.active_step, by_role[Role.PETUGAS], Role.PETUGAS)
    assert app.steps[app.active_step].roles == ["kasi"]
    back = apps.return_to(app.id, None, by_role[Role.KASI], Role.KASI, "Scan buram")
    assert back.active_step == operator.idx  # "di kembalikan ke operator kelurahan"
