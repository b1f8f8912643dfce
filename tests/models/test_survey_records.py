"""SKM answers stored anonymously, per period/service/group; the SKM step; the CSV; `loket skm ikm`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.models import audit, jsonutil
from desktop.models.errors import ValidationError
from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
from desktop.models.survey.csv_answers import parse_answers_csv
from desktop.models.survey.responses import SurveyAnswers, ikm_for_period
from desktop.models.survey.step import record_step
from desktop.models.users.roles import Role

KIOSK = audit.Actor(user_id=None, name="Kiosk survei", role="warga")
DAY = date(2026, 11, 24)


def answers(*scores, **extra):
    return SurveyAnswers(scores=tuple(scores) if len(scores) == 9 else scores[0], **extra)


def test_answers_are_stored_without_anything_that_names_the_citizen(office_services):
    rid = office_services.survey.record(answers((4,) * 9, jenis_kelamin="Perempuan", umur="30–39 tahun"),
                                        "kiosk", KIOSK)
    row = office_services.db.execute("SELECT * FROM survey_responses WHERE id = ?", [rid]).fetchone()
    cols = [d[0] for d in office_services.db.execute("SELECT * FROM survey_responses LIMIT 0").description]
    stored = dict(zip(cols, row))
    assert stored["day"] == "2026-11-24" and "T" not in stored["day"]
    assert not {"nik", "nama", "application_id", "at", "created_at"} & set(cols)
    # The raw answer travels to the kecamatan (outbox), in the same transaction.
    sent = office_services.db.execute("SELECT payload FROM outbox WHERE entity = 'survey_response'").fetchall()
    assert [jsonutil.loads(p)["u1"] for (p,) in sent] == [4]


@pytest.mark.parametrize("bad", [
    dict(scores=(4,) * 8), dict(scores=(0,) + (4,) * 8), dict(scores=(4,) * 9, jenis_kelamin="Lainnya"),
    dict(scores=(4,) * 9, umur="tua"), dict(scores=(4,) * 9, saran="x" * 1001),
])
def test_bad_answers_change_nothing(office_services, bad):
    before = office_services.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    with pytest.raises(ValidationError):
        office_services.survey.record(SurveyAnswers(**bad), "kiosk", KIOSK)
    assert office_services.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 0
    assert office_services.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == before


def test_ikm_per_period_service_and_group(office_services, clock):
    s = office_services
    s.survey.record(answers((4,) * 9, service_id="a", jenis_kelamin="Perempuan"), "kiosk", KIOSK)
    s.survey.record(answers((2,) * 9, service_id="b", jenis_kelamin="Laki-laki"), "kertas",
                    s.users.authenticate("petugas", "246810").actor())  # typed in by staff
    clock.advance(days=40)
    s.survey.record(answers((1,) * 9, service_id="a"), "kiosk", KIOSK)
    november = (date(2026, 11, 1), date(2026, 11, 30))
    assert s.survey.ikm(*november).ikm == Decimal("75.00")
    assert s.survey.ikm(*november, service_id="a").ikm == Decimal("100.00")
    assert s.survey.ikm(*november, group=("jenis_kelamin", "Laki-laki")).ikm == Decimal("50.00")
    assert ikm_for_period(s, date(2026, 1, 1), date(2026, 12, 31)).responden == 2
    assert ikm_for_period(s.db, date(2027, 1, 1), date(2027, 1, 31)).ikm == Decimal("25.00")
    assert ikm_for_period(s, date(2025, 1, 1), date(2025, 12, 31)) is None
    with pytest.raises(ValidationError):
        s.survey.ikm(*november, group=("agama", "x"))


def test_kecamatan_pools_raw_answers_from_its_kelurahan(office_services):
    s = office_services
    s.survey.record(answers((4,) * 9), "kiosk", KIOSK)  # one answer here: 100
    # Ten answers from a kelurahan (what sync keeps in sync_mirror), all 2s: 50 each.
    for i in range(10):
        payload = {"day": "2026-11-20", "service_id": "x", **{f"u{k}": 2 for k in range(1, 10)}}
        s.db["sync_mirror"].insert({"office_code": "KEL.1", "entity": "survey_response", "entity_id": f"r{i}",
                                    "seq": i + 1, "op": "insert", "at": "2026-11-20T09:00:00+07:00",
                                    "payload": jsonutil.dumps(payload)})
    s.db["sync_mirror"].insert({"office_code": "KEL.1", "entity": "survey_response", "entity_id": "bad", "seq": 99,
                                "op": "insert", "at": "2026-11-20T09:00:00+07:00",
                                "payload": jsonutil.dumps({"day": "2026-11-20", "u1": 9})})
    pooled = s.survey.ikm(date(2026, 11, 1), date(2026, 11, 30))
    # 11 respondents: (100 + 10 × 50) / 11 = 54.55 — not the 75.00 an average of two indices would give.
    assert pooled.responden == 11 and pooled.ikm == Decimal("54.55")
    assert s.survey.ikm(date(2026, 11, 1), date(2026, 11, 30), pooled=False).responden == 1


def setup_kandangan(services):
    complete_first_run(services, demo_input(services.catalog.office("kandangan"), residents=5))
    return {n: services.users.authenticate(n, DEMO_PIN) for n in ("petugas", "kasi", "sekcam", "camat")}


def app_at_skm(services, people):
    from tests.models.test_chains_per_office import make_draft

    apps = services.applications
    app = apps.submit(make_draft(services, "kandangan-legalisasi-pengantar-skck"), people["petugas"])
    while app.steps[app.active_step].kind != "skm":
        step = app.steps[app.active_step]
        role, user = (Role.CAMAT, people["camat"]) if "camat" in step.roles and step.needs_pin else \
            (Role.PETUGAS, people["petugas"])
        app = apps.perform(app.id, step.idx, user, role, pin=DEMO_PIN if step.needs_pin else None,
                           confirmed=True)  # Kandangan: the population data were checked
    return app


def test_skm_step_is_not_one_click_that_records_nothing(services):
    people = setup_kandangan(services)
    app = app_at_skm(services, people)
    with pytest.raises(ValidationError, match="menolak/tidak mengisi"):
        services.applications.perform(app.id, app.active_step, people["petugas"], Role.PETUGAS)
    assert services.applications.get(app.id).active_step == app.active_step


def test_skm_step_with_a_questionnaire_stores_an_anonymous_answer(services):
    people = setup_kandangan(services)
    app = app_at_skm(services, people)
    idx = app.active_step
    done = record_step(services, app.id, idx, people["petugas"], Role.PETUGAS,
                       answers=answers((3,) * 9, pekerjaan="Lainnya"), source="kiosk")
    assert done.steps[idx].state == "done" and done.steps[idx].note == "SKM diisi responden"
    row = services.db.execute("SELECT service_id, pekerjaan, u1 FROM survey_responses").fetchone()
    assert row == ("kandangan-legalisasi-pengantar-skck", "Lainnya", 3)
    # Same step again: refused, nothing more stored.
    with pytest.raises(ValidationError):
        record_step(services, app.id, idx, people["petugas"], Role.PETUGAS, answers=answers((3,) * 9))
    assert services.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 1


def test_skm_step_refusal_is_recorded_explicitly_and_counted(services):
    from desktop.models.survey.step import refusals

    people = setup_kandangan(services)
    app = app_at_skm(services, people)
    done = record_step(services, app.id, app.active_step, people["petugas"], Role.PETUGAS, refusal_note="buru-buru")
    assert "menolak/tidak mengisi" in done.steps[app.active_step].note
    assert services.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 0
    assert refusals(services.db, "2026-11-01", "2026-11-30") == 1


def test_skm_step_needs_survey_permission(services):
    from desktop.models.errors import PermissionDenied

    people = setup_kandangan(services)
    app = app_at_skm(services, people)
    with pytest.raises(PermissionDenied):
        record_step(services, app.id, app.active_step, people["camat"], Role.CAMAT, answers=answers((3,) * 9))


def test_csv_reads_columns_by_name_any_order_and_semicolons():
    text = "\ufeffUMUR;u9;u8;u7;u6;u5;u4;u3;u2;u1;jenis_kelamin\n45;1;2;3;4;4;3;2;1;4;Perempuan\n\n"
    rows = parse_answers_csv(text.lstrip("\ufeff"))
    assert rows[0].scores == (4, 1, 2, 3, 4, 4, 3, 2, 1) and rows[0].umur == "40–49 tahun"


def test_csv_takes_sex_as_on_the_ktp():
    rows = parse_answers_csv("u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin\n" + "4,4,4,4,4,4,4,4,4,L\n"
                             + "3,3,3,3,3,3,3,3,3,p\n")
    assert [r.jenis_kelamin for r in rows] == ["Laki-laki", "Perempuan"]


@pytest.mark.parametrize(("text", "message"), [
    ("", "kosong"), ("u1,u2\n1,2\n", "u3"), ("u1,u2,u3,u4,u5,u6,u7,u8,u9\n1,2,3,4,5,1,1,1,1\n", "baris 2"),
    ("u1,u2,u3,u4,u5,u6,u7,u8,u9\n1,2,3,4\n", "baris 2"),
    ("u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin\n1,1,1,1,1,1,1,1,1,X\n", "Jenis kelamin"),
    ("u1,u2,u3,u4,u5,u6,u7,u8,u9\n1,1,1,1,1,1,1,1,=cmd|' /C calc'!A0\n", "baris 2"),
])
def test_csv_bad_rows_are_refused_by_line(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_answers_csv(text)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
@example("\r0")  # a stray carriage return once broke the csv module's reader
@example('"unclosed')
def test_csv_parser_never_crashes_on_garbage(text):
    try:
        parse_answers_csv("u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + text)
    except ValidationError:
        pass


def test_cli_prints_the_index_as_json(tmp_path):
    path = tmp_path / "jawaban.csv"
    path.write_text("u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + "4,4,4,4,4,4,4,4,4\n" * 3 + "3,3,3,3,3,3,3,3,3\n",
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "desktop", "skm", "ikm", "--responses", str(path), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == {"responden": 4, "nrr": [3.75] * 9, "ikm": 93.75, "mutu": "A",
                                      "kinerja": "Sangat Baik"}
    bad = tmp_path / "rusak.csv"
    bad.write_text("u1\n4\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", "desktop", "skm", "ikm", "--responses", str(bad), "--json"],
                            capture_output=True, text=True)
    assert failed.returncode == 1 and "u2" in failed.stderr


def test_cli_uses_the_offices_data_for_a_period(office_services, db_path):
    office_services.survey.record(answers((3,) * 9), "kertas",
                                  office_services.users.authenticate("petugas", "246810").actor())
    office_services.db.conn.close()
    out = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_path), "skm", "ikm", "--from",
                          "2026-11-01", "--to", "2026-11-30", "--json"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["ikm"] == 75.0
