"""Hostile-but-valid input at the kabupaten: any JSON a signed office may put in a record is stored
as it came or refuses the batch whole; the dashboard's parameters and credentials never crash it."""

from __future__ import annotations

import base64
import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.models.reports.travel import ReportRefused
from desktop.sync import protocol
from desktop.sync.errors import BatchCorrupt
from desktop.sync.postgres.dashboard_page import _authorised, _choice
from desktop.sync.postgres.store import TEXT_LIMIT, dashboard_fields
from tests.kabupaten.conftest import enroll_all, rows
from tests.kabupaten.fake_offices import make_offices

FRESH = itertools.count(1)
JSON = st.recursive(st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**63 - 1)
                    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=300),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                                  max_size=5), max_leaves=25)
PAYLOAD = st.dictionaries(st.sampled_from(["status", "subject", "service_name", "letter_date", "received_at",
                                           "due_at", "completed_at", "period", "office_code", "x"]), JSON, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(entity=st.sampled_from(["register", "application", "monthly_report", "queue_stats", "lain"]), payload=PAYLOAD)
def test_any_record_is_stored_or_refuses_its_batch_cleanly(kabupaten, entity, payload):
    office = make_offices(1)[0]
    office.code = f"H.{next(FRESH)}"  # every example is a new office: the database lives for the whole test
    enroll_all(kabupaten, [office])
    record = office._record(entity, "e1", "op", "2026-11-03T08:00:00+07:00", payload)
    try:
        result = protocol.receive(kabupaten, office.batch([record], "KNG", kabupaten.identity.public_key))
    except (ReportRefused, BatchCorrupt):  # outside the record schemas: refused whole, nothing stored
        assert rows(kabupaten, "SELECT count(*) FROM sync_events WHERE office_code = %s", [office.code]) == [(0,)]
        return
    assert result.receipt.status == "applied"
    stored = rows(kabupaten, "SELECT kind, status, day FROM sync_mirror WHERE office_code = %s", [office.code])
    assert len(stored) == 1 and all(len(v) <= TEXT_LIMIT and "\x00" not in v for v in stored[0])


@settings(max_examples=80, deadline=None)
@given(entity=st.text(max_size=20), payload=PAYLOAD)
def test_dashboard_fields_are_short_plain_text(entity, payload):
    kind, status, day, due, done = dashboard_fields(entity, payload)
    for value in (kind, status, day, due or "", done or ""):
        assert isinstance(value, str) and len(value) <= TEXT_LIMIT and "\x00" not in value


@settings(max_examples=100, deadline=None)
@given(header=st.text(max_size=60) | st.binary(max_size=60).map(lambda b: "Basic " + base64.b64encode(b).decode()),
       query=st.dictionaries(st.text(max_size=8), st.lists(st.text(max_size=8), max_size=2), max_size=3))
@example(header="Basic " + base64.b64encode(b"kabupaten:rahasia").decode(), query={"bulan": ["11"]})
@example(header="Basic " + base64.b64encode(b"kabupaten:salah").decode(), query={"bulan": ["13"]})
@example(header="Basic " + base64.b64encode(b"lurah:rahasia").decode(), query={})
@example(header="Basic " + base64.b64encode(b"\xff\xfe:rahasia").decode(), query={"bulan": ["x"]})
def test_dashboard_credentials_and_parameters_never_crash(header, query):
    # Let in exactly when the header carries the right user and password, whatever else it holds.
    assert _authorised({"HTTP_AUTHORIZATION": header}, "rahasia") is (_credentials(header) == ("kabupaten", "rahasia"))
    assert not _authorised({"HTTP_AUTHORIZATION": header}, "rahasia") or header.endswith(
        base64.b64encode(b"kabupaten:rahasia").decode())
    assert 1 <= _choice(query, "bulan", 11, 1, 12) <= 12


def _credentials(header: str) -> tuple[str, str] | None:
    """User and password of a Basic header, as RFC 7617 reads them; None when it is not one."""
    if not header.startswith("Basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return user, password
