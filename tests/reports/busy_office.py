"""A demo Kelurahan Kalirejo with a November 2026 in every state, driven through the real models.

Letters issued on time and late, handed over, waiting to be collected, voided (BATAL), recorded by
hand (one of them voided too); applications rejected, cancelled, returned, still open, received in
October and finished in November, received in November and finished in December; a draft; queue
tickets served and skipped. `busy_month` returns what it made, for tests to check against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.models.applications.application import Applicant
from desktop.models.applications.intake import IntakeDraft, checklist, form_fields
from desktop.models.clock import WIB
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role

WHO = {Role.PETUGAS: "petugas", Role.KASI: "kasi", Role.SEKRETARIS_LURAH: "seklur", Role.LURAH: "lurah"}
DOMISILI = "kalirejo-surat-keterangan-domisili"
USAHA = "kalirejo-surat-keterangan-usaha"
SKTM = "kalirejo-surat-keterangan-tidak-mampu"
UMUM = "kalirejo-surat-keterangan-umum"
WARIS = "kalirejo-surat-keterangan-waris"
SKCK = "kalirejo-pengantar-skck"


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


def user(s, name):
    return s.users.authenticate(name, DEMO_PIN)


def fill(field_spec: dict) -> object:
    kind = field_spec.get("type")
    if kind == "number":
        return "1500000"
    if kind == "date":
        return "2020-01-01"
    if kind == "choice":
        return field_spec["options"][0]
    if kind == "people":
        return [["SITI AMINAH", "3514010101010001", "Anak"]]
    return "Untuk keperluan administrasi"


def submit(s, service_id: str, *, as_draft: bool = False, resident: int = 0):
    service, _ = s.catalog.service(service_id)
    items = checklist(service)
    for item in items:
        item.received = True
    nik, name, rid = s.db.execute("SELECT nik, nama, id FROM residents ORDER BY nik LIMIT 1 OFFSET ?",
                                  [resident]).fetchone()
    draft = IntakeDraft(service_id=service_id, applicant=Applicant(kind="penduduk", name=name, nik=nik,
                                                                   resident_id=rid),
                        requirements=items, fields={f["key"]: fill(f) for f in form_fields(service)})
    return s.applications.submit(draft, user(s, "petugas"), as_draft=as_draft)


def run(s, clock, app, *, step_minutes: float = 1, stop_before: str | None = None, until_ready: bool = False):
    """Do the active steps in turn, `step_minutes` apart on the clock."""
    while app.active_step is not None:
        step = app.steps[app.active_step]
        if stop_before and step.kind == stop_before:
            return app
        if until_ready and app.status.value == "siap_diambil":
            return app
        clock.advance(minutes=step_minutes)
        role = next(Role(r) for r in step.roles if Role(r) in WHO)
        app = s.applications.perform(app.id, step.idx, user(s, WHO[role]), role,
                                     pin=DEMO_PIN if step.needs_pin else None)
    return app


@dataclass
class Month:
    """What busy_month made, by what should happen to it in the report."""

    apps: dict[str, object] = field(default_factory=dict)
    letters: dict[str, object] = field(default_factory=dict)


def busy_month(s, clock) -> Month:
    made = Month()
    clock.set(at(30, 9, month=10))  # received in October, finished (late) in November
    made.apps["oktober"] = submit(s, DOMISILI, resident=1)
    clock.set(at(2, 8, 0))
    made.apps["oktober"] = run(s, clock, made.apps["oktober"], until_ready=True)
    clock.set(at(2, 8, 30))  # on time, collected
    made.apps["tepat"] = run(s, clock, submit(s, DOMISILI, resident=2), step_minutes=0.5)
    clock.set(at(2, 10, 0))  # late, waiting to be collected
    made.apps["terlambat"] = run(s, clock, submit(s, USAHA, resident=3), step_minutes=10, until_ready=True)
    clock.set(at(3, 9, 0))
    sktm = run(s, clock, submit(s, SKTM, resident=4), stop_before="paraf")
    clock.advance(minutes=2)
    made.apps["ditolak"] = s.applications.reject(sktm.id, user(s, "kasi"), Role.KASI, "Bukan warga Kalirejo")
    clock.set(at(3, 10, 0))
    umum = submit(s, UMUM, resident=5)
    made.apps["dibatalkan"] = s.applications.cancel(umum.id, user(s, "petugas"), Role.PETUGAS,
                                                    "Pemohon tidak jadi")
    clock.set(at(4, 9, 0))  # issued, then voided
    voided = run(s, clock, submit(s, DOMISILI, resident=6), step_minutes=0.5)
    entry = s.register.for_application(voided.id)
    clock.set(at(4, 11, 0))
    made.letters["batal"] = s.register.void(entry.id, user(s, "lurah"), "Salah ketik alamat", pin=DEMO_PIN)
    made.apps["surat_batal"] = voided
    clock.set(at(5, 9, 0))
    made.letters["manual"] = s.register.add_manual(user(s, "petugas"), classification="474",
                                                   subject="Surat Keterangan Ahli Waris",
                                                   recipient="Keluarga Almarhum Sutrisno", signer_name="Lurah")
    clock.set(at(5, 9, 30))
    manual_void = s.register.add_manual(user(s, "petugas"), classification="470", subject="Surat Pengantar Nikah",
                                        recipient="Budi Santoso", signer_name="Lurah")
    made.letters["manual_batal"] = s.register.void(manual_void.id, user(s, "lurah"), "Dobel catat", pin=DEMO_PIN)
    clock.set(at(10, 9, 0))  # returned to the clerk: still open at the month's end
    waris = run(s, clock, submit(s, WARIS, resident=7), stop_before="paraf")
    made.apps["dikembalikan"] = s.applications.return_to(waris.id, None, user(s, "kasi"), Role.KASI,
                                                         "Ahli waris belum lengkap")
    clock.set(at(27, 15, 55))  # Friday 15.55, finished Monday 08.03: 8 working minutes, late by 3
    weekend = submit(s, DOMISILI, resident=8)
    clock.set(at(30, 8, 3))
    made.apps["akhir_pekan"] = run(s, clock, weekend, step_minutes=0, until_ready=True)
    clock.set(at(30, 10, 0))  # received at the end of November, finished in December
    made.apps["desember"] = submit(s, SKCK, resident=9)
    clock.set(at(30, 11, 0))
    made.apps["draf"] = submit(s, DOMISILI, as_draft=True, resident=10)
    _queue(s, clock)
    _survey(s, clock)
    clock.set(at(1, 9, 0, month=12))
    made.apps["desember"] = run(s, clock, made.apps["desember"], until_ready=True)
    return made


def _queue(s, clock) -> None:
    admin = user(s, "admin").actor()
    clock.set(at(2, 7, 50))
    s.queue.save_group("A", "Surat Keterangan", [DOMISILI, USAHA], admin)
    counter = s.queue.save_counter(1, "", ["A"], admin)
    clerk = user(s, "petugas").actor()  # the core takes queue actions from a signed-in clerk only
    clock.set(at(2, 8, 0))
    for _ in range(3):
        s.queue.issue("A", clerk)
        clock.advance(minutes=1)
    for finish in (True, True, False):
        clock.advance(minutes=4)
        s.queue.call_next(counter.id, clerk)
        clock.advance(minutes=6)
        if finish:
            s.queue.finish(counter.id, clerk)
        else:
            s.queue.skip(counter.id, clerk)


SKM = [(4, 4, 3, 3, 4, 3, 4, 3, 2), (3, 3, 3, 3, 4, 3, 3, 3, 3), (4, 4, 4, 4, 4, 4, 4, 4, 4)]


def _survey(s, clock) -> None:
    """Three questionnaires in November (paper), one in October that November must not count."""
    from desktop.models.survey.responses import SurveyAnswers, SurveyRepository

    repo = SurveyRepository(s.db, clock, s.profile.office_code)
    clerk = user(s, "petugas").actor()
    for day, scores in zip((2, 4, 27), SKM):
        clock.set(at(day, 12, 0))
        repo.record(SurveyAnswers(scores, service_id=DOMISILI, service_name="Surat Keterangan Domisili"), "kertas",
                    clerk)
    clock.set(at(30, 12, 0, month=10))
    repo.record(SurveyAnswers((1,) * 9), "kertas", clerk)
