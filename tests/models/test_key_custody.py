"""Key custody (issue 10, failure 1): a copied database holds nothing that signs.

Reproduced on the old main: the office's Ed25519 private key sat in plaintext in `settings`; a copy
of loket.sqlite3 signed a QR for a never-issued number that `loket verify` called genuine, and
signed sync batches as the office. Now every private key is wrapped under an official's PIN
(argon2id) mixed with a device secret kept outside the database.
"""

from __future__ import annotations

import base64
import dataclasses
import inspect
import os
import shutil
import sqlite3
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.errors import AuthError, LoketError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.trust.kdf import STRONG, KdfParams
from desktop.models.trust.keys import key_id, public_key_text
from desktop.models.trust.wrapping import CustodyError
from desktop.models.users.roles import Role
from desktop.office import open_office
from desktop.printing.qr import LetterClaim, content_digest, sign_claim, verify_payload
from tests.identities import FAST_KDF
from tests.printing.test_letters import sign_one


def _db_file(services) -> str:
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return services.db.execute("PRAGMA database_list").fetchone()[2]


def _copy_db_only(services, folder) -> str:
    """What walks away on a flash disk or from a repair shop: the database file, nothing else."""
    folder.mkdir()
    target = folder / "loket.sqlite3"
    shutil.copy(_db_file(services), target)
    return str(target)


def _every_text_and_blob(path: str) -> list[bytes]:
    conn = sqlite3.connect(path)
    found = []
    try:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in conn.execute(f"SELECT * FROM '{table}'"):
                for value in row:
                    if isinstance(value, str):
                        found.append(value.encode("utf-8"))
                    elif isinstance(value, bytes):
                        found.append(value)
    finally:
        conn.close()
    return found


def _candidate_seeds(chunk: bytes) -> list[bytes]:
    """Every way a 32-byte seed could be written in a value: raw, hex, base64/base64url, inside JSON."""
    import re

    seeds = [chunk] if len(chunk) == 32 else []
    text = chunk.decode("utf-8", "ignore")
    for token in re.findall(r"[A-Za-z0-9_\-+/=]{43,88}", text):
        for decode in (lambda t: base64.urlsafe_b64decode(t + "=" * (-len(t) % 4)),
                       lambda t: base64.b64decode(t + "=" * (-len(t) % 4)), bytes.fromhex):
            try:
                raw = decode(token)
            except ValueError:
                continue
            seeds += [raw[i:i + 32] for i in range(0, max(1, len(raw) - 31))] if len(raw) >= 32 else []
    return seeds


def test_the_database_file_holds_no_private_key_of_any_known_public_key(office_services, tmp_path):
    sign_one(office_services)
    publics = {r[0] for r in office_services.db.execute("SELECT public_key FROM trust_keys")}
    assert len(publics) >= 6  # root, sync, one per account
    for chunk in _every_text_and_blob(_db_file(office_services)):
        for seed in _candidate_seeds(chunk):
            derived = public_key_text(Ed25519PrivateKey.from_private_bytes(seed).public_key())
            assert derived not in publics, "a usable private key is stored in the database"


def test_a_copied_database_signs_neither_letters_nor_batches(office_services, tmp_path):
    app = sign_one(office_services)
    copy = open_office(_copy_db_only(office_services, tmp_path / "flashdisk"), office_services.clock, kdf=FAST_KDF)
    try:
        with pytest.raises(CustodyError, match="Rahasia perangkat"):
            copy.office_keys.private_key()  # the batch-signing key: needs the device secret
        lurah = copy.users.confirm(copy.users.by_role(Role.LURAH)[0].id, DEMO_PIN)
        with pytest.raises(CustodyError, match="Rahasia perangkat"):
            copy.users.signing_key(lurah)  # even knowing the PIN: no device secret, no key
        assert not any(f.endswith(".kunci-perangkat") for f in os.listdir(tmp_path / "flashdisk"))
        # The attacker's own key cannot pose as the office: unknown key for a known office.
        forger = Ed25519PrivateKey.generate()
        claim = LetterClaim(office_services.profile.office_code, "470/999/424.301.1.04/2026", "2026-11-24",
                            "Surat Keterangan Domisili", "Drs. Bambang Purnomo", "00" * 8,
                            content_digest({"x": 1}), key_id=key_id(public_key_text(forger.public_key())))
        forged = verify_payload(sign_claim(forger, claim), office_services.directory)
        assert forged.status == "tidak_dikenal" and "tidak terdaftar" in forged.message
        genuine = office_services.register.for_application(app.id)
        assert verify_payload(genuine.qr_payload, copy.directory).status == "asli"  # copies still verify
    finally:
        copy.db.conn.close()


def test_device_secret_lives_outside_the_database_readable_by_this_user_only(office_services):
    folder = os.path.dirname(_db_file(office_services))
    files = [f for f in os.listdir(folder) if f.endswith(".kunci-perangkat")]
    assert len(files) == 1
    path = os.path.join(folder, files[0])
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    secret = bytes.fromhex(open(path, encoding="ascii").read())
    dump = b"".join(_every_text_and_blob(_db_file(office_services)))
    assert secret not in dump and secret.hex().encode() not in dump


def test_signing_needs_the_officials_pin_now_and_a_wrong_pin_opens_nothing(office_services):
    lurah = office_services.users.authenticate("lurah", DEMO_PIN)
    with pytest.raises(LoketError, match="PIN"):
        office_services.users.signing_key(lurah)  # signed in is not enough
    with pytest.raises(AuthError):
        office_services.users.confirm(lurah.id, "135799")
    fresh = office_services.users.confirm(lurah.id, DEMO_PIN)
    private, row = office_services.users.signing_key(fresh)
    assert public_key_text(private.public_key()) == row["public_key"] and row["certificate"]
    office_services.clock.advance(minutes=3)  # the PIN counts as "now" for two minutes only
    with pytest.raises(LoketError, match="PIN"):
        office_services.users.signing_key(fresh)


def test_pin_change_re_encrypts_and_the_old_pin_unlocks_nothing(office_services):
    users = office_services.users
    kasi = users.authenticate("kasi", DEMO_PIN)
    old_unlock = office_services.custody.unlock_key(kasi.id, DEMO_PIN)
    before, _ = users.signing_key(users.confirm(kasi.id, DEMO_PIN))
    users.change_pin(kasi.id, DEMO_PIN, "975318")
    after, row = users.signing_key(users.confirm(kasi.id, "975318"))
    assert public_key_text(after.public_key()) == public_key_text(before.public_key())  # same key, new lock
    with pytest.raises(CustodyError):
        office_services.custody.unlock_official(kasi.id, old_unlock)


def test_admin_pin_reset_gives_a_new_certified_key_and_old_letters_stay_genuine(office_services):
    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    lurah = office_services.users.by_role(Role.LURAH)[0]
    admin = office_services.users.confirm(office_services.users.authenticate("admin", DEMO_PIN).id, DEMO_PIN)
    old_key = office_services.custody.active("official", lurah.id)["key_id"]
    office_services.users.reset_pin(lurah.id, "864213", admin)
    new = office_services.users.signing_key(office_services.users.confirm(lurah.id, "864213"))[1]
    assert new["key_id"] != old_key and new["certificate"]
    assert verify_payload(entry.qr_payload, office_services.directory).status == "asli"
    retired = office_services.directory.key(office_services.profile.office_code, old_key)
    assert retired is not None and retired.retired_at is not None


def test_the_app_uses_the_strong_cost_and_tests_pass_cheap_settings_explicitly():
    from desktop.models.services import build_services
    from desktop.models.users.accounts import UserRepository

    assert STRONG == KdfParams() and STRONG.key_mem >= 46 * 1024 * 1024 and STRONG.key_ops >= 3
    # The key's lock is never the cheaper way to test a PIN guess than the sign-in hash (scrypt: 128·r·N bytes).
    assert STRONG.key_mem >= 3 * 128 * 8 * STRONG.pin_scrypt_n
    assert STRONG.pin_scrypt_n >= 2**14
    for fn in (open_office, build_services, UserRepository.__init__):
        assert inspect.signature(fn).parameters["kdf"].default is STRONG
    assert FAST_KDF != STRONG


def test_keys_remember_their_own_cost_so_changing_the_default_locks_nobody_out(office_services):
    lurah = office_services.users.by_role(Role.LURAH)[0]
    row = office_services.db.execute("SELECT ops, mem FROM key_unlock_params WHERE user_id = ?",
                                     [lurah.id]).fetchone()
    assert (row[0], row[1]) == (FAST_KDF.key_ops, FAST_KDF.key_mem)
    office_services.custody.kdf = dataclasses.replace(FAST_KDF, key_ops=2)
    office_services.users.signing_key(office_services.users.confirm(lurah.id, DEMO_PIN))  # still opens


def test_sync_key_signs_unattended_on_this_pc(office_services):
    private = office_services.office_keys.private_key()
    assert public_key_text(private.public_key()) == office_services.office_keys.public_key()
    row = office_services.custody.active("sync")
    assert row["certificate"] and office_services.directory.key(office_services.profile.office_code,
                                                                 row["key_id"]) is not None
