"""Upgrading a database that an earlier release wrote (Electrum-style frozen samples).

tests/fixtures/loket-0.1.0-kelurahan.sqlite3 was written by release 0.1.0 (migrations m001–m005;
see make_release_db.py) and is never regenerated. Every later migration must open it and keep
every record it holds, value for value, and the office must work on the upgraded file.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.trust.integrity import check_database
from desktop.office import open_office
from tests.identities import FAST_KDF

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASES = ["loket-0.1.0-kelurahan.sqlite3"]


def _snapshot(path: Path) -> dict[str, dict[str, tuple]]:
    """Every row of every table, keyed by rowid, as (column → value) for the columns of that release."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%_fts%'")]
        out = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")]
            # Double quotes: identifiers (single quotes would select the column names as strings).
            quoted = ", ".join('"' + c.replace('"', '""') + '"' for c in cols)
            rows = conn.execute(f'SELECT rowid, {quoted} FROM "{table}"').fetchall()
            out[table] = {row[0]: tuple(zip(cols, row[1:])) for row in rows}
        return out
    finally:
        conn.close()


@pytest.fixture(params=RELEASES)
def upgraded(request, tmp_path, clock):
    source = FIXTURES / request.param
    assert source.is_file(), f"frozen sample {source.name} is missing"
    path = tmp_path / "loket.sqlite3"
    shutil.copy(source, path)
    before = _snapshot(path)
    services = open_office(path, clock, kdf=FAST_KDF)
    yield before, services, path
    services.db.conn.close()


# The one value the upgrade must change: release 0.1's plaintext private key leaves the database.
CHANGED = {("settings", "office_signing_key")}
LEGACY_PRIVATE = "6q-241rZXkg1GADLT5aUllyhMnLgOCengjQW-Bh3qAk"


def test_every_record_survives_the_upgrade(upgraded):
    before, services, path = upgraded
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    after = _snapshot(path)
    assert before["register"] and before["applications"] and before["queue_tickets"] and before["outbox"]
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        for rowid, old in rows.items():
            new = dict(after[table].get(rowid, ()))
            assert new, f"{table} row {rowid} disappeared"
            if (table, dict(old).get("key")) in CHANGED:
                continue
            changed = {c: (v, new.get(c)) for c, v in old if new.get(c) != v}
            assert not changed, f"{table} row {rowid} changed: {changed}"


def test_the_upgraded_office_works(upgraded):
    _before, services, _path = upgraded
    assert services.is_set_up
    lurah = services.users.authenticate("lurah", DEMO_PIN)
    assert lurah.full_name
    numbers = {e.number: e.status for e in services.register.entries()}
    assert numbers == {"510/001/KBK/2026": "terbit", "510/002/KBK/2026": "batal"}
    assert services.residents.count() == 10
    report = check_database(services.db)
    assert report.ok, report.text


def test_the_upgrade_removes_the_plaintext_key_and_old_letters_still_verify(upgraded):
    """Issue 10, item 3: 0.1's letters stay genuine (legacy key in the directory), its voided letter
    verifies as cancelled, and no usable copy of the old private key is left in the file."""
    from desktop.printing.qr import verify_payload

    _before, services, path = upgraded
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = path.read_bytes() + (path.with_name(path.name + "-wal").read_bytes()
                               if path.with_name(path.name + "-wal").exists() else b"")
    assert LEGACY_PRIVATE.encode() not in raw
    assert "private" not in services.settings.get_raw("office_signing_key")
    verdicts = {e.number: verify_payload(e.qr_payload, services.directory).status.value
                for e in services.register.entries()}
    assert verdicts == {"510/001/KBK/2026": "asli", "510/002/KBK/2026": "dibatalkan"}
    # A QR made today with the old key (from a copy taken before the upgrade) is not accepted.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.models.trust.keys import b64url_decode
    from desktop.printing.qr import LetterClaim, content_digest, sign_claim

    old = Ed25519PrivateKey.from_private_bytes(b64url_decode(LEGACY_PRIVATE))
    late = LetterClaim("KBK", "510/099/KBK/2026", "2026-12-01", "Surat", "Lurah", "00" * 8, content_digest({}))
    assert verify_payload(sign_claim(old, late), services.directory).status.value == "diubah"


def test_after_the_upgrade_the_admin_signs_in_once_and_officials_sign_with_their_own_keys(upgraded):
    _before, services, _path = upgraded
    assert services.custody.active("root") is None  # 0.1 had no root key; nobody typed a PIN yet
    services.users.authenticate("admin", DEMO_PIN)  # the admin's first sign-in makes and certifies keys
    assert services.custody.active("root") is not None
    lurah = services.users.confirm(services.users.authenticate("lurah", DEMO_PIN).id, DEMO_PIN)
    private, row = services.users.signing_key(lurah)
    assert row["certificate"] and services.directory.key("KBK", row["key_id"]) is not None
    # The key made for the Lurah at the admin's sign-in is now under the Lurah's own PIN only.
    holders = {h for (h,) in services.db.execute("SELECT holder FROM key_wraps WHERE key_id = ?", [row["key_id"]])}
    assert holders == {lurah.id}
