"""From intake to "Siap Diambil" following the office's own steps; and every way it can go wrong."""

import pytest

from desktop.models.applications.application import Applicant
from desktop.models.applications.intake import IntakeDraft, checklist
from desktop.models.applications.status import Status
from desktop.models.errors import AuthError, PermissionDenied, ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role

DOMISILI = "kalirejo-surat-keterangan-domisili"


@pytest.fixture
def people(office_services):
    users = office_services.users
    return {name: users.authenticate(name, DEMO_PIN) for name in ("petugas", "kasi", "seklur", "lurah", "admin")}


def resident_applicant(services):
    r = services.residents.search("a")[0] if services.residents.search("a") else None
    r = r or next(iter(services.residents.search(services.db.execute("SELECT nik FROM residents").fetchone()[0])))
    return Applicant(kind="penduduk", name=r.nama, nik=r.nik, resident_id=r.id, address=r.alamat)


def draft_for(services, service_id=DOMISILI, tick=True, **fields):
    service, _ = services.catalog.service(service_id)
    items = checklist(service)
    for item in items:
        item.received = tick
    values = {"keperluan": "Melamar pekerjaan", "alamat_domisili": "Jl. Bader 1"} | fields
    return IntakeDraft(service_id=service_id, applicant=resident_applicant(services), requirements=items, fields=values)


def active(app):
    return app.steps[app.active_step]


def test_kalirejo_domisili_runs_the_decrees_steps(office_services, people):
    apps = office_services.applications
    app = apps.submit(draft_for(office_services), people["petugas"])
    assert app.status == Status.DIAJUKAN and app.number.endswith("-0001")
    assert app.due_at is not None and (app.due_at - app.received_at).total_seconds() == 5 * 60
    # Staf verifies, drafts; Kasi gives paraf with PIN; Lurah signs with PIN; staf registers and hands over.
    seen = []
    while app.active_step is not None:
        step = active(app)
        role = Role(step.roles[0])
        user = {Role.PETUGAS: people["petugas"], Role.KASI: people["kasi"], Role.LURAH: people["lurah"],
                Role.SEKRETARIS_LURAH: people["seklur"]}[role]
        seen.append((step.kind, role.value))
        app = apps.perform(app.id, step.idx, user, role, pin=DEMO_PIN if step.needs_pin else None)
        if step.kind == "tanda_tangan":
            assert app.status == Status.SIAP_DIAMBIL and app.completed_at is not None
    assert ("paraf", "kasi") in seen and ("tanda_tangan", "lurah") in seen
    assert seen.index(("paraf", "kasi")) < seen.index(("tanda_tangan", "lurah"))
    assert app.status == Status.DIAMBIL and app.handed_over_at is not None
    history = [e.action for e in apps.reader.history(app.id)]
    assert history[0] == "submit" and history[-1] in ("serah", "ambil")


def test_missing_requirement_blocks_submission_and_names_it(office_services, people):
    draft = draft_for(office_services)
    draft.requirements[0].received = False
    with pytest.raises(ValidationError, match="Surat pengantar RT"):
        office_services.applications.submit(draft, people["petugas"])
    assert office_services.db["applications"].count == 0


def test_optional_requirement_does_not_block(office_services, people):
    service, _ = office_services.catalog.service("kalirejo-surat-keterangan-kematian")
    items = checklist(service)
    optional = [i for i in items if not i.required]
    assert optional and "(Bila Ada)" in optional[0].text
    draft = draft_for(office_services, "kalirejo-surat-keterangan-kematian", nama_almarhum="X",
                      tanggal_meninggal="2026-11-20", tempat_meninggal="Rumah")
    for item in draft.requirements:
        item.received = item.required
    assert office_services.applications.submit(draft, people["petugas"]).status == Status.DIAJUKAN


def test_required_service_field_is_checked(office_services, people):
    draft = draft_for(office_services, keperluan="")
    with pytest.raises(ValidationError, match="Keperluan"):
        office_services.applications.submit(draft, people["petugas"])


def test_double_submit_gives_one_application(office_services, people):
    draft = draft_for(office_services)
    first = office_services.applications.submit(draft, people["petugas"])
    second = office_services.applications.submit(draft, people["petugas"])
    assert first.id == second.id and office_services.db["applications"].count == 1


def test_clerk_cannot_sign_and_lurah_needs_own_pin(office_services, people):
    apps = office_services.applications
    app = apps.submit(draft_for(office_services), people["petugas"])
    while active(app).kind != "tanda_tangan":
        step = active(app)
        role = Role(step.roles[0])
        user = people["kasi"] if role == Role.KASI else people["petugas"]
        app = apps.perform(app.id, step.idx, user, role, pin=DEMO_PIN if step.needs_pin else None)
    sign = active(app)
    with pytest.raises(PermissionDenied):
        apps.perform(app.id, sign.idx, people["petugas"], Role.LURAH, pin=DEMO_PIN)
    with pytest.raises(PermissionDenied, match="harus dilakukan oleh Lurah"):
        apps.perform(app.id, sign.idx, people["petugas"], Role.PETUGAS)
    with pytest.raises(ValidationError, match="memerlukan PIN"):
        apps.perform(app.id, sign.idx, people["lurah"], Role.LURAH)
    with pytest.raises(AuthError, match="PIN salah"):
        apps.perform(app.id, sign.idx, people["lurah"], Role.LURAH, pin="999999")
    unchanged = apps.get(app.id)
    assert unchanged.status == Status.MENUNGGU_TTD and active(unchanged).state == "active"
    done = apps.perform(app.id, sign.idx, people["lurah"], Role.LURAH, pin=DEMO_PIN)
    assert done.steps[sign.idx].done_by_name == people["lurah"].full_name


def test_same_step_twice_is_refused(office_services, people):
    apps = office_services.applications
    app = apps.submit(draft_for(office_services), people["petugas"])
    step = active(app)
    apps.perform(app.id, step.idx, people["petugas"], Role.PETUGAS)
    with pytest.raises(ValidationError, match="sudah tidak aktif"):
        apps.perform(app.id, step.idx, people["petugas"], Role.PETUGAS)


def test_return_needs_reason_and_goes_back(office_services, people):
    apps = office_services.applications
    app = apps.submit(draft_for(office_services), people["petugas"])
    while active(app).kind != "paraf":
        app = apps.perform(app.id, app.active_step, people["petugas"], Role.PETUGAS)
    with pytest.raises(ValidationError, match="Alasan"):
        apps.return_to(app.id, None, people["kasi"], Role.KASI, "  ")
    back = apps.return_to(app.id, None, people["kasi"], Role.KASI, "Fotokopi KK tidak terbaca")
    assert back.status == Status.DIKEMBALIKAN and active(back).roles == ["petugas"]
    assert "tidak terbaca" in active(back).note
    again = apps.perform(back.id, back.active_step, people["petugas"], Role.PETUGAS)
    assert again.status != Status.DIKEMBALIKAN


def test_reject_and_cancel(office_services, people):
    apps = office_services.applications
    one = apps.submit(draft_for(office_services), people["petugas"])
    with pytest.raises(PermissionDenied):
        apps.reject(one.id, people["lurah"], Role.LURAH, "bukan gilirannya")
    rejected = apps.reject(one.id, people["petugas"], Role.PETUGAS, "Bukan warga kelurahan ini")
    assert rejected.status == Status.DITOLAK and rejected.closed_reason == "Bukan warga kelurahan ini"
    with pytest.raises(ValidationError, match="sudah ditolak"):
        apps.perform(one.id, 1, people["petugas"], Role.PETUGAS)
    two = apps.submit(draft_for(office_services), people["petugas"])
    assert apps.cancel(two.id, people["petugas"], Role.PETUGAS, "Pemohon membatalkan").status == Status.DIBATALKAN


def test_failure_inside_a_step_leaves_application_before_the_step(office_services, people):
    apps = office_services.applications
    app = apps.submit(draft_for(office_services), people["petugas"])
    events_before = office_services.db["application_events"].count
    outbox_before = office_services.db["outbox"].count

    def crash(*_args):
        raise RuntimeError("listrik padam")

    apps.step_hooks.append(crash)
    with pytest.raises(RuntimeError):
        apps.perform(app.id, app.active_step, people["petugas"], Role.PETUGAS)
    apps.step_hooks.remove(crash)
    after = apps.get(app.id)
    assert after.active_step == app.active_step and after.status == app.status
    assert office_services.db["application_events"].count == events_before
    assert office_services.db["outbox"].count == outbox_before


def test_inbox_per_role_oldest_first_with_time_left(office_services, people, clock):
    apps = office_services.applications
    first = apps.submit(draft_for(office_services), people["petugas"])
    clock.advance(minutes=3)
    apps.submit(draft_for(office_services), people["petugas"])
    clock.advance(minutes=4)
    inbox = apps.inbox(people["petugas"])
    assert [i.app_id for i in inbox][0] == first.id
    assert inbox[0].overdue and "terlambat" in inbox[0].time_left
    assert not inbox[1].overdue and inbox[1].time_left.startswith("sisa")
    assert apps.inbox(people["lurah"]) == []


def test_duplicate_warning_for_open_application(office_services, people):
    from desktop.models.applications.intake import duplicate_warnings

    app = office_services.applications.submit(draft_for(office_services), people["petugas"])
    warnings = duplicate_warnings(office_services.applications, app.applicant.nik, DOMISILI)
    assert warnings and app.number in warnings[0]


def test_every_change_writes_history_audit_and_outbox(office_services, people):
    apps = office_services.applications
    app = apps.submit(draft_for(office_services), people["petugas"])
    apps.perform(app.id, app.active_step, people["petugas"], Role.PETUGAS)
    db = office_services.db
    assert db.execute("SELECT count(*) FROM outbox WHERE entity_id = ?", [app.id]).fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM audit WHERE entity_id = ?", [app.id]).fetchone()[0] == 2
    seqs = [r[0] for r in db.execute("SELECT seq FROM outbox ORDER BY seq")]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_draft_saved_then_completed_keeps_its_number(office_services, people):
    apps = office_services.applications
    draft = draft_for(office_services)
    draft.requirements[0].received = False
    saved = apps.submit(draft, people["petugas"], as_draft=True)
    assert saved.status == Status.DRAF and saved.due_at is None
    with pytest.raises(ValidationError, match="Persyaratan wajib"):
        apps.submit(draft, people["petugas"])  # still incomplete: stays a draft
    assert apps.get(saved.id).status == Status.DRAF
    draft.requirements[0].received = True  # the citizen came back with the RT letter
    done = apps.submit(draft, people["petugas"])
    assert done.id == saved.id and done.number == saved.number
    assert done.status == Status.DIAJUKAN and done.due_at is not None
    assert all(r.received for r in done.requirements)
    assert office_services.db["applications"].count == 1


def test_find_by_receipt_qr_and_by_queue_ticket_qr(office_services, people):
    from tests.identities import admin_actor

    apps = office_services.applications
    app = apps.submit(draft_for(office_services), people["petugas"])
    assert [r["id"] for r in apps.reader.find(f"PERMOHONAN:{app.number}")] == [app.id]
    admin, clerk = admin_actor(office_services), people["petugas"].actor()
    q = office_services.queue
    q.save_group("A", "Surat Keterangan", [], admin)
    counter = q.save_counter(1, "", ["A"], admin)
    ticket = q.issue("A", clerk).ticket
    q.call_next(counter.id, clerk)
    q.link_application(ticket.id, app.id, clerk)
    assert [r["number"] for r in apps.reader.find(ticket.id)] == [app.number]
