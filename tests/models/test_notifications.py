"""Telling the citizen: messages queued in the same transaction as the step that causes them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.applications.status import Status
from desktop.models.errors import ValidationError
from desktop.models.notifications.phone import normalise_phone
from desktop.models.notifications.texts import SMS_LIMIT, ready_text, rejected_text
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from tests.models.test_applications import draft_for
from tests.models.test_chains_per_office import make_draft, setup_office


def messages(services):
    return [(n.reason, n.state, n.text) for n in reversed(services.notifications.list())]


@pytest.fixture
def people(office_services):
    return {n: office_services.users.authenticate(n, DEMO_PIN) for n in ("petugas", "kasi", "lurah")}


def run_to(services, app, people, stop):
    while app.active_step is not None and not stop(app):
        step = app.steps[app.active_step]
        role = Role(step.roles[0])
        user = people.get(role.value) or people["petugas"]
        app = services.applications.perform(app.id, step.idx, user, role, pin=DEMO_PIN if step.needs_pin else None)
    return app


@pytest.mark.parametrize(("typed", "stored"), [("0812-3456-7890", "+6281234567890"), ("+62 812 3456 7890",
                                                                                    "+6281234567890"),
                                                ("6281234567890", "+6281234567890"), ("", "")])
def test_phone_numbers_as_clerks_type_them(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("bad", ["12345", "0335427550", "0812abc", "+1 202 555 0100", "08" + "1" * 20])
def test_not_a_mobile_number(bad):
    with pytest.raises(ValidationError):
        normalise_phone(bad)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_phone_normaliser_gives_a_number_or_a_reason(text):
    try:
        out = normalise_phone(text)
    except ValidationError:
        return
    assert out == "" or (out.startswith("+628") and out[1:].isdigit())


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_texts_fit_one_plain_sms(service, reason):
    for text in (ready_text("Kelurahan Kalirejo", "261124-0001", service),
                 rejected_text("Kelurahan Kalirejo", "261124-0001", reason)):
        assert len(text) <= SMS_LIMIT and text.isascii()


def test_ready_message_with_the_step_that_makes_it_ready(office_services, people):
    draft = draft_for(office_services)
    draft.applicant.phone = "0812 3456 7890"
    app = office_services.applications.submit(draft, people["petugas"])
    assert app.applicant.phone == "+6281234567890"
    assert messages(office_services) == []
    app = run_to(office_services, app, people, lambda a: a.status == Status.SIAP_DIAMBIL)
    (reason, state, text), = messages(office_services)
    assert (reason, state) == ("siap_diambil", "antre")
    assert app.number in text and "SIAP DIAMBIL" in text and "Kalirejo" in text
    run_to(office_services, app, people, lambda a: False)  # handing over sends nothing more
    assert len(messages(office_services)) == 1


def test_no_number_no_message_and_a_bad_number_is_refused_at_intake(office_services, people):
    app = office_services.applications.submit(draft_for(office_services), people["petugas"])
    run_to(office_services, app, people, lambda a: a.status == Status.SIAP_DIAMBIL)
    assert messages(office_services) == []
    bad = draft_for(office_services)
    bad.applicant.phone = "0335-427550"
    with pytest.raises(ValidationError, match="seluler"):
        office_services.applications.submit(bad, people["petugas"])


def test_rejected_and_returned_to_the_counter(office_services, people):
    draft = draft_for(office_services)
    draft.applicant.phone = "081234567890"
    app = office_services.applications.submit(draft, people["petugas"])
    app = run_to(office_services, app, people, lambda a: "kasi" in a.steps[a.active_step].roles)
    office_services.applications.return_to(app.id, None, people["kasi"], Role.KASI, "Fotokopi KK buram")
    (reason, _, text), = messages(office_services)
    assert reason == "perlu_kelengkapan" and "Fotokopi KK buram" in text
    other = draft_for(office_services)
    other.applicant.phone = "081234567891"
    app2 = office_services.applications.submit(other, people["petugas"])
    office_services.applications.reject(app2.id, people["petugas"], Role.PETUGAS, "Bukan warga kelurahan ini")
    assert messages(office_services)[-1][0] == "ditolak" and "Bukan warga" in messages(office_services)[-1][2]


def test_a_failed_step_queues_nothing(office_services, people):
    draft = draft_for(office_services)
    draft.applicant.phone = "081234567890"
    app = office_services.applications.submit(draft, people["petugas"])
    app = run_to(office_services, app, people, lambda a: a.steps[a.active_step].kind == "tanda_tangan")
    from desktop.models.errors import AuthError

    with pytest.raises(AuthError):
        office_services.applications.perform(app.id, app.active_step, people["lurah"], Role.LURAH, pin="000000")
    assert messages(office_services) == []


def test_kanigaran_kelurahan_sends_at_the_decrees_notification_step(services):
    by_role = setup_office(services, "kanigaran", "Kebonsari Kulon")
    draft = make_draft(services, "kanigaran-sk-domisili-penduduk")
    draft.applicant.phone = "081234567890"
    app = services.applications.submit(draft, by_role[Role.PETUGAS])
    while app.status != Status.SIAP_DIAMBIL:
        step = app.steps[app.active_step]
        role = next(Role(r) for r in step.roles if Role(r) in by_role)
        app = services.applications.perform(app.id, step.idx, by_role[role], role,
                                            pin=DEMO_PIN if step.needs_pin else None)
    # Signed and ready, but the decree sends the SMS with the print step ("cetak … sms gateway").
    assert messages(services) == []
    step = app.steps[app.active_step]
    assert step.kind == "cetak" and "notifikasi" in step.also
    services.applications.perform(app.id, step.idx, by_role[Role.PETUGAS], Role.PETUGAS)
    assert [m[0] for m in messages(services)] == ["siap_diambil"]


def test_kanigaran_tipe_b_decision_sends_a_real_message(services):
    by_role = setup_office(services, "kanigaran", "Kebonsari Kulon")
    draft = make_draft(services, "kanigaran-sk-tidak-mampu")
    draft.applicant.phone = "081234567890"
    apps = services.applications
    app = apps.submit(draft, by_role[Role.PETUGAS])
    app = apps.perform(app.id, app.active_step, by_role[Role.PETUGAS], Role.PETUGAS)
    assert app.status == Status.DIKIRIM_KE_KECAMATAN and messages(services) == []
    from desktop.models.applications.kecamatan_decision import PaperDecision

    app = apps.record_kecamatan_decision(app.id, by_role[Role.PETUGAS],
                                         PaperDecision(True, "Camat Kanigaran", "474/12/425.102/2026"))
    assert app.status == Status.SIAP_DIAMBIL
    notif = next(s for s in app.steps if s.kind == "notifikasi")
    assert notif.state == "done" and notif.done_by_name == "Sistem"
    assert [m[:2] for m in messages(services)] == [("siap_diambil", "antre")]
