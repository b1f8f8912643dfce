"""The monthly pack travels to the kecamatan in the sync batch; the kecamatan sees who has reported,
prints its roll-up, and refuses a report that is malformed or speaks for another office."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.models import outbox
from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.reports import travel
from desktop.models.reports.arrivals import arrival_matrix, arrivals
from desktop.models.reports.period import ReportPeriod
from desktop.models.reports.rollup import build_rollup
from desktop.models.reports.travel import ReportRefused
from desktop.printing.reports.monthly_send import send_monthly_report
from desktop.printing.reports.rollup_files import write_rollup
from desktop.sync import outbound
from desktop.sync.inbound import receive
from desktop.sync.peers import ROLE_KELURAHAN, PeerRepository
from tests.identities import admin_actor
from tests.sync.sync_helpers import KEC, KEL, received, user

NOVEMBER = ReportPeriod.month(2026, 11)


def deliver(kel, kec):
    result = receive(kec, outbound.pending_batch(kel))
    outbound.accept_receipt(kel, result.receipt_bytes)
    return result


def letters(kel, n=3):
    clerk = user(kel, "petugas")
    return [kel.register.add_manual(clerk, classification="470", subject=f"Surat Keterangan {i}",
                                    recipient=f"Warga {i}", signer_name="Lurah") for i in range(n)]


@pytest.fixture
def month_done(linked):
    kel, kec = linked
    made = letters(kel)
    kel.clock.advance(days=8)  # 2 December: November has ended
    return kel, kec, made


def test_pack_arrives_at_the_kecamatan_and_the_rollup_shows_it(month_done, tmp_path):
    kel, kec, made = month_done
    PeerRepository(kec.db, kec.clock).enroll("KSM", kel.office_keys.public_key(), admin_actor(kec),
                                             role=ROLE_KELURAHAN, name="Kelurahan Sumber")  # has sent nothing
    sent = send_monthly_report(kel, user(kel, "lurah"), NOVEMBER)
    assert sent.sent and sent.revision == 1
    deliver(kel, kec)
    got = arrivals(kec.db, NOVEMBER)[KEL]
    assert got.revision == 1 and got.report.summary.letters_issued == 3
    assert got.report.file("pdf").startswith(b"%PDF") and got.report.file("xlsx")[:2] == b"PK"
    assert kec.db.execute("SELECT count(*) FROM sync_events WHERE entity = 'monthly_report'").fetchone()[0] == 1
    matrix = arrival_matrix(kec.db, [KEL, "KSM"], 2026, "2026-12-02")
    assert [c.arrived for c in matrix[KEL]][9:11] == [False, True] and not any(c.arrived for c in matrix["KSM"])
    assert [c.due for c in matrix["KSM"]] == [True] * 11 + [False]  # December is still running
    enrolled = arrival_matrix(kec.db, ["KSM"], 2026, "2026-12-02", {"KSM": "2026-11-24T08:30:00+07:00"})
    assert [c.due for c in enrolled["KSM"]] == [False] * 10 + [True, False]  # owed from its enrolment month
    rollup = build_rollup(kec.db, kec.settings, NOVEMBER)
    assert [o.code for o in rollup.missing] == ["KSM"]
    files = write_rollup(kec, NOVEMBER, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(files.pdf), "-"], capture_output=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.decode().splitlines()]
    assert "REKAP LAPORAN BULANAN KELURAHAN" in lines
    assert any(line.startswith("KBK Kebonsari Kulon 2026-12-02 (rev. 1) 3 0 0 0 0 0 -") for line in lines)
    assert any(line.startswith("KSM Kelurahan Sumber BELUM MASUK") for line in lines)
    assert any("Jumlah 1 dari 2 masuk 3 0" in line for line in lines)
    sheet = load_workbook(files.xlsx)["Kelurahan"]
    assert [sheet.cell(r, 3).value for r in (3, 4)] == ["2026-12-02 (rev. 1)", "BELUM MASUK"]


def test_sending_again_sends_only_changed_figures(month_done):
    kel, kec, made = month_done
    lurah = user(kel, "lurah")
    send_monthly_report(kel, lurah, NOVEMBER)
    deliver(kel, kec)
    again = send_monthly_report(kel, lurah, NOVEMBER)
    assert not again.sent and "tidak berubah" in again.message and outbound.pending_count(kel) == 0
    kel.register.void(made[0].id, lurah, "Salah nomor", pin=DEMO_PIN)  # a November letter voided in December
    revised = send_monthly_report(kel, lurah, NOVEMBER)
    assert revised.sent and revised.revision == 2
    deliver(kel, kec)
    got = arrivals(kec.db, NOVEMBER)[KEL]
    assert got.revision == 2 and got.report.summary.letters_voided == 1


def test_only_officials_send_and_only_ended_months(linked):
    kel, _kec = linked
    with pytest.raises(PermissionDenied):
        send_monthly_report(kel, user(kel, "petugas"), NOVEMBER)
    with pytest.raises(ValidationError, match="belum berakhir"):
        send_monthly_report(kel, user(kel, "lurah"), NOVEMBER)  # the clock is on 24 November
    assert kel.db["report_sends"].count == 0
    assert kel.db.execute("SELECT count(*) FROM outbox WHERE entity = ?", [travel.ENTITY]).fetchone()[0] == 0


def test_a_clerk_dressed_up_as_lurah_cannot_send_and_the_send_names_who_really_sent(month_done):
    """The core believes the session, not the User object it is handed (issue 10)."""
    import dataclasses

    from desktop.models.users.accounts import User
    from desktop.models.users.roles import Role

    kel, _kec, _made = month_done
    clerk = user(kel, "petugas")
    for forged in (dataclasses.replace(clerk, roles=frozenset({Role.LURAH})),
                   User(id=clerk.id, username="lurah", full_name="Lurah Palsu", roles=frozenset({Role.LURAH}))):
        with pytest.raises(PermissionDenied):
            send_monthly_report(kel, forged, NOVEMBER)
    assert kel.db["report_sends"].count == 0
    lurah = user(kel, "lurah")
    send_monthly_report(kel, dataclasses.replace(lurah, full_name="Nama Lain"), NOVEMBER)
    sent_by, audited = kel.db.execute("SELECT s.sent_by, a.user_name FROM report_sends s, audit a "
                                      "WHERE a.action = 'report.send'").fetchone()
    assert sent_by == audited == lurah.full_name != "Nama Lain"


def _forge(kel, payload):
    """A record only a tampered kelurahan would send; it still travels signed by its own key."""
    from desktop.models.db import transaction

    with transaction(kel.db):
        outbox.append(kel.db, kel.clock, KEL, travel.ENTITY, "2026-11", travel.OP_SENT, payload)


def test_a_report_for_another_office_refuses_the_batch(month_done):
    kel, kec, _made = month_done
    send_monthly_report(kel, user(kel, "lurah"), NOVEMBER)
    genuine = json.loads(kel.db.execute("SELECT payload FROM outbox WHERE entity = ?", [travel.ENTITY]).fetchone()[0])
    _forge(kel, {**genuine, "office_code": "KSM", "office_name": "Kelurahan Sumber"})
    with pytest.raises(ReportRefused, match="hanya boleh melaporkan dirinya sendiri"):
        receive(kec, outbound.pending_batch(kel))
    assert received(kec) == [] and kec.db["report_arrivals"].count == 0  # all or nothing
    assert outbound.peers(kec).get(KEL).in_last_seq == 0


MALFORMED = [
    {"period": "2026-13"}, {"revision": 0}, {"summary": {"letters_issued": -1}}, {"extra": "field"},
    {"letters_by_kind": [["x", 1, 0, 0]] * 2001}, {"office_name": "x" * 301}, {"pdf_b64": "not base64!"},
    {"as_of": "kemarin"}, {"sla": [["a", "b", None, 1, 1, 0, 0, 0, 1.0, "lama"]]},
]


def test_malformed_reports_are_refused_with_the_reason(month_done):
    kel, _kec, _made = month_done
    send_monthly_report(kel, user(kel, "lurah"), NOVEMBER)
    genuine = json.loads(kel.db.execute("SELECT payload FROM outbox WHERE entity = ?", [travel.ENTITY]).fetchone()[0])
    assert travel.parse(KEL, genuine).period == "2026-11"
    for change in MALFORMED:
        bad = {**genuine, **change}
        if "summary" in change:
            bad["summary"] = {**genuine["summary"], **change["summary"]}
        with pytest.raises(ReportRefused, match="tidak sesuai format"):
            travel.parse(KEL, bad)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                  max_size=4), max_leaves=30)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=JSON | st.fixed_dictionaries({"period": st.text(max_size=10), "revision": st.integers(),
                                             "office_code": st.just(KEL), "summary": JSON}))
def test_any_payload_is_a_report_or_a_clear_refusal(payload):
    with pytest.raises(ReportRefused):
        travel.parse(KEL, payload)


def test_deeply_nested_payload_is_refused_not_crashing():
    deep: object = "x"
    for _ in range(500):
        deep = [deep]
    with pytest.raises(ReportRefused):
        travel.parse(KEL, {"period": "2026-11", "letters_by_kind": deep})


def test_the_pack_pdf_that_arrived_is_the_one_the_office_prints(month_done):
    kel, kec, _made = month_done
    send_monthly_report(kel, user(kel, "lurah"), NOVEMBER)
    deliver(kel, kec)
    from desktop.models.reports.pack import build_pack
    from desktop.printing.reports.pdf import render_pack_pdf

    here = render_pack_pdf(build_pack(kel.db, kel.settings, NOVEMBER))
    assert arrivals(kec.db, NOVEMBER)[KEL].report.file("pdf") == here
    sheet = load_workbook(io.BytesIO(arrivals(kec.db, NOVEMBER)[KEL].report.file("xlsx")))["Ringkasan"]
    assert sheet["A3"].value == "Nomor surat keluar diberikan" and sheet["B3"].value == "3"
    assert KEC == kec.profile.office_code
