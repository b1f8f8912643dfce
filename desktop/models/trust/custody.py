"""Who holds which private key, and when it is unlocked.

* Each person has their own Ed25519 signing key; its private half is stored only wrapped under a
  key made from their PIN and this PC's device secret (wrapping.py). A letter's QR names the key.
* The office's root key certifies every key of the office. It is wrapped for each admin the same
  way and unlocked only when an admin types their PIN (certifying, revoking, endorsing).
* The sync key signs batches, receipts and the key directory unattended; it is wrapped under the
  device secret alone and certified by the root key. A copy of the database alone opens none of it.

Methods that write run inside the caller's transaction (the user action they belong to).
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from desktop.models import jsonutil, outbox
from desktop.models.clock import Clock, iso
from desktop.models.ids import new_uuid
from desktop.models.trust import wrapping
from desktop.models.trust.device_secret import DeviceSecret, store_for
from desktop.models.trust.kdf import STRONG, KdfParams
from desktop.models.trust.keys import CERTIFICATE, key_id, public_text_of, sign_statement
from desktop.models.trust.wrapping import CustodyError

ROOT, OFFICIAL, SYNC, LEGACY = "root", "official", "sync", "legacy"
DEVICE_HOLDER = "perangkat"
PIN_WRAP, DEVICE_WRAP, SEALED_WRAP = "pin+perangkat", "perangkat", "tersegel"
BINDING_KEY = "device_binding"


def certificate_fields(row: dict[str, Any]) -> dict[str, Any]:
    """What an office's root key signs about one of its keys."""
    return {k: row.get(k, "") or "" for k in ("office_code", "key_id", "kind", "public_key", "holder_id",
                                                "holder_name", "valid_from")}


class KeyCustody:
    def __init__(self, db: Database, clock: Clock, *, kdf: KdfParams = STRONG,
                 device: DeviceSecret | None = None) -> None:
        self.db, self.clock, self.kdf = db, clock, kdf
        self._device = device

    # --- the device secret --------------------------------------------------------------
    @property
    def device(self) -> DeviceSecret:
        if self._device is None:
            path = self.db.execute("PRAGMA database_list").fetchone()[2]
            self._device = DeviceSecret(store_for(path or None), self.binding())
        return self._device

    def binding(self) -> str:
        """A random id kept in the database that names this database's device secret."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [BINDING_KEY]).fetchone()
        if row:
            return str(jsonutil.loads(row[0]))
        value = new_uuid()
        self.db.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'Sistem')",
                        [BINDING_KEY, jsonutil.dumps(value), iso(self.clock.now())])
        return value

    def device_available(self) -> bool:
        """The device secret is here, or may be made here (no key was ever wrapped under another)."""
        return self.device.get() is not None or not self._any_wraps()

    def _any_wraps(self) -> bool:
        return self.db.execute("SELECT 1 FROM key_wraps LIMIT 1").fetchone() is not None

    def _secret(self, *, create: bool = False) -> bytes:
        # Never make a new secret for a database whose keys were wrapped under another one (a copy
        # taken to another PC): that would only hide why nothing opens.
        secret = self.device.get(create=create and not self._any_wraps())
        if secret is None:
            raise CustodyError("Rahasia perangkat untuk basis data ini tidak ada di komputer ini, jadi kunci "
                               "tanda tangan tidak dapat dibuka. Basis data yang disalin saja tidak dapat "
                               "menandatangani; pindahkan kantor dengan memulihkan berkas cadangan.")
        return secret

    # --- PIN -> unlock key ---------------------------------------------------------------
    def unlock_key(self, user_id: str, pin: str) -> bytes:
        """Derive the key that opens this person's wraps (creates their salt the first time)."""
        row = self.db.execute("SELECT salt, ops, mem FROM key_unlock_params WHERE user_id = ?", [user_id]).fetchone()
        if row is None:
            salt, ops, mem = wrapping.new_salt(), self.kdf.key_ops, self.kdf.key_mem
            self.db.execute("INSERT INTO key_unlock_params (user_id, salt, ops, mem) VALUES (?, ?, ?, ?)",
                            [user_id, salt.hex(), ops, mem])
        else:
            salt, ops, mem = bytes.fromhex(row[0]), int(row[1]), int(row[2])
        return wrapping.pin_unlock_key(pin, salt, ops, mem, self._secret(create=True))

    def new_unlock_key(self, user_id: str, pin: str) -> bytes:
        """A fresh salt (PIN change or reset), then the key for it."""
        self.db.execute("DELETE FROM key_unlock_params WHERE user_id = ?", [user_id])
        return self.unlock_key(user_id, pin)

    # --- reading own keys -------------------------------------------------------------------
    def office_code(self) -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = 'office_profile'").fetchone()
        return str((jsonutil.loads(row[0]) or {}).get("office_code", "")) if row else ""

    def active(self, kind: str, holder_id: str = "") -> dict[str, Any] | None:
        sql = ("SELECT * FROM trust_keys WHERE source = 'own' AND kind = ? AND retired_at IS NULL "
               "AND revoked_at IS NULL")
        args: list[Any] = [kind]
        if holder_id:
            sql, args = sql + " AND holder_id = ?", [*args, holder_id]
        rows = list(self.db.query(sql + " ORDER BY added_at DESC, rowid DESC LIMIT 1", args))
        return rows[0] if rows else None

    def _wraps(self, holder: str) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT w.*, k.kind, k.public_key FROM key_wraps w JOIN trust_keys k "
                                  "ON k.key_id = w.key_id WHERE w.holder = ?", [holder]))

    def needs_pin_work(self, user_id: str, is_admin: bool) -> bool:
        """Whether this person's next PIN entry has keys to create or re-wrap (cheap to ask)."""
        if self.active(OFFICIAL, user_id) is None or any(w["scheme"] != PIN_WRAP for w in self._wraps(user_id)):
            return True
        if self.db.execute("SELECT 1 FROM key_wraps WHERE holder = ? AND scheme = ?",
                           [DEVICE_HOLDER + ":" + user_id, DEVICE_WRAP]).fetchone():
            return True
        return is_admin and (self.active(ROOT) is None or self._pending_certificates())

    def _pending_certificates(self) -> bool:
        own = self.db.execute("SELECT 1 FROM trust_keys WHERE source = 'own' AND kind != 'legacy' "
                              "AND certificate = '' AND retired_at IS NULL").fetchone()
        root = self.active(ROOT)
        peers = root is not None and self.db.execute(
            "SELECT 1 FROM trust_keys WHERE kind = 'root' AND source = 'peer' AND certified_by != ?",
            [root["key_id"]]).fetchone()
        return bool(own or peers)

    # --- after a PIN was typed --------------------------------------------------------------
    def after_pin(self, user_id: str, holder_name: str, unlock: bytes, *, is_admin: bool) -> None:
        """Bring this person's keys in order now that their unlock key is at hand."""
        self._adopt_device_wraps(user_id, unlock)
        if self.active(OFFICIAL, user_id) is None:
            self._new_key(OFFICIAL, holder_id=user_id, holder_name=holder_name, unlock=unlock)
        self._open_sealed_shares(user_id, unlock)
        if is_admin:
            root = self.unlock_root(user_id, unlock)
            if root is None and self.active(ROOT) is None:
                root = self._create_root(user_id, unlock)
            if root is not None:
                self.certify_pending(root)
                self.sign_pending_statuses(root)
                self.endorse_peer_roots(root)

    def _adopt_device_wraps(self, user_id: str, unlock: bytes) -> None:
        """Keys made for this person while their PIN was not at hand (an upgrade) move under it."""
        holder = DEVICE_HOLDER + ":" + user_id
        device_key = wrapping.device_unlock_key(self._secret())
        for w in list(self.db.query("SELECT * FROM key_wraps WHERE holder = ?", [holder])):
            private = wrapping.unwrap(w["blob"], device_key)
            self._store_wrap(w["key_id"], user_id, PIN_WRAP, wrapping.wrap(wrapping.seed_of(private), unlock))
            self.db.execute("DELETE FROM key_wraps WHERE key_id = ? AND holder = ?", [w["key_id"], holder])

    def _open_sealed_shares(self, user_id: str, unlock: bytes) -> None:
        sealed = [w for w in self._wraps(user_id) if w["scheme"] == SEALED_WRAP]
        if not sealed:
            return
        own = self.unlock_official(user_id, unlock)[0]
        for w in sealed:
            share = wrapping.open_sealed(w["blob"], own)
            self._store_wrap(w["key_id"], user_id, PIN_WRAP, wrapping.wrap(wrapping.seed_of(share), unlock))

    # --- unlocking ------------------------------------------------------------------------------
    def unlock_official(self, user_id: str, unlock: bytes) -> tuple[Ed25519PrivateKey, dict[str, Any]]:
        row = self.active(OFFICIAL, user_id)
        wrap = row and self.db.execute("SELECT blob FROM key_wraps WHERE key_id = ? AND holder = ? AND scheme = ?",
                                       [row["key_id"], user_id, PIN_WRAP]).fetchone()
        if not row or not wrap:
            raise CustodyError("Kunci tanda tangan Anda belum ada di komputer ini. Masuk sekali dengan PIN "
                               "Anda, lalu coba lagi.")
        return wrapping.unwrap(wrap[0], unlock), row

    def unlock_root(self, user_id: str, unlock: bytes) -> Ed25519PrivateKey | None:
        row = self.active(ROOT)
        if row is None:
            return None
        wrap = self.db.execute("SELECT blob FROM key_wraps WHERE key_id = ? AND holder = ? AND scheme = ?",
                               [row["key_id"], user_id, PIN_WRAP]).fetchone()
        return wrapping.unwrap(wrap[0], unlock) if wrap else None

    def sync_private(self) -> Ed25519PrivateKey:
        row = self.active(SYNC)
        if row is None:
            raise CustodyError("Kunci sinkronisasi kantor belum dibuat. Selesaikan pengaturan kantor dahulu.")
        wrap = self.db.execute("SELECT blob FROM key_wraps WHERE key_id = ? AND holder = ?",
                               [row["key_id"], DEVICE_HOLDER]).fetchone()
        return wrapping.unwrap(wrap[0], wrapping.device_unlock_key(self._secret()))

    # --- making keys ------------------------------------------------------------------------------
    def ensure_sync_key(self) -> str:
        """The office's sync key (created once, device-wrapped); returns its public text."""
        row = self.active(SYNC)
        if row is not None:
            return str(row["public_key"])
        private = Ed25519PrivateKey.generate()
        kid = self._record(SYNC, private, holder_name="Kunci sinkronisasi kantor")
        self._store_wrap(kid, DEVICE_HOLDER, DEVICE_WRAP,
                         wrapping.wrap(wrapping.seed_of(private), wrapping.device_unlock_key(self._secret(create=True))))
        return public_text_of(private)

    def _create_root(self, admin_id: str, unlock: bytes) -> Ed25519PrivateKey:
        private = Ed25519PrivateKey.generate()
        kid = self._record(ROOT, private, holder_name="Kunci induk kantor")
        self._store_wrap(kid, admin_id, PIN_WRAP, wrapping.wrap(wrapping.seed_of(private), unlock))
        self.ensure_sync_key()
        self.issue_for_users_without_keys()
        return private

    def _new_key(self, kind: str, *, holder_id: str, holder_name: str, unlock: bytes | None,
                 root: Ed25519PrivateKey | None = None) -> str:
        private = Ed25519PrivateKey.generate()
        kid = self._record(kind, private, holder_id=holder_id, holder_name=holder_name)
        if unlock is not None:
            self._store_wrap(kid, holder_id, PIN_WRAP, wrapping.wrap(wrapping.seed_of(private), unlock))
        else:  # waits for the holder's first PIN (see _adopt_device_wraps)
            self._store_wrap(kid, DEVICE_HOLDER + ":" + holder_id, DEVICE_WRAP,
                             wrapping.wrap(wrapping.seed_of(private), wrapping.device_unlock_key(self._secret())))
        if root is not None:
            self.certify_pending(root)
        return kid

    def new_official_key(self, user_id: str, holder_name: str, unlock: bytes,
                         root: Ed25519PrivateKey | None) -> str:
        """A person's new key (new account, or PIN reset by an admin): older keys of theirs retire."""
        now = iso(self.clock.now())
        old = [r["key_id"] for r in self.db.query("SELECT key_id FROM trust_keys WHERE source = 'own' AND "
                                                  "kind = ? AND holder_id = ? AND retired_at IS NULL",
                                                  [OFFICIAL, user_id])]
        for kid in old:  # letters they signed stay genuine; the old key can sign nothing more
            self.db.execute("UPDATE trust_keys SET retired_at = ? WHERE key_id = ?", [now, kid])
            self.db.execute("DELETE FROM key_wraps WHERE key_id = ?", [kid])
        new = self._new_key(OFFICIAL, holder_id=user_id, holder_name=holder_name, unlock=unlock, root=root)
        if root is not None:
            self.sign_pending_statuses(root)
        return new

    def sign_pending_statuses(self, root: Ed25519PrivateKey) -> int:
        """The root vouches that retired keys are retired, so other offices refuse later letters signed
        with them too (sent up with the next batch, down in the kecamatan's directory)."""
        from desktop.models.trust.directory import key_status_fields
        from desktop.models.trust.keys import KEY_STATUS

        rows = list(self.db.query("SELECT * FROM trust_keys WHERE source = 'own' AND kind IN ('official', 'sync') "
                                  "AND (retired_at IS NOT NULL OR revoked_at IS NOT NULL) AND status_signature = '' "
                                  "AND certificate != ''"))
        for row in rows:
            row["status_signature"] = sign_statement(root, KEY_STATUS, key_status_fields(
                row["key_id"], row["retired_at"], row["revoked_at"], row["revoke_reason"] or ""))
            self.db.execute("UPDATE trust_keys SET status_signature = ? WHERE key_id = ?",
                            [row["status_signature"], row["key_id"]])
            outbox.append(self.db, self.clock, row["office_code"], "trust_key", row["key_id"], "status",
                          {k: row[k] for k in ("office_code", "key_id", "kind", "public_key", "holder_id",
                                               "holder_name", "valid_from", "certified_by", "certificate",
                                               "retired_at", "revoked_at", "revoke_reason", "status_signature")})
        return len(rows)

    def issue_for_users_without_keys(self) -> None:
        for user_id, name in self.db.execute("SELECT id, full_name FROM users WHERE active = 1").fetchall():
            if self.active(OFFICIAL, user_id) is None:
                self._new_key(OFFICIAL, holder_id=user_id, holder_name=name, unlock=None)

    def _record(self, kind: str, private: Ed25519PrivateKey, *, holder_id: str = "", holder_name: str = "") -> str:
        public = public_text_of(private)
        kid = key_id(public)
        now = iso(self.clock.now())
        self.db["trust_keys"].insert({
            "key_id": kid, "office_code": self.office_code(), "kind": kind, "public_key": public,
            "holder_id": holder_id, "holder_name": holder_name, "valid_from": now, "source": "own",
            "added_at": now})
        if kind == ROOT:  # a root vouches for itself; others wait for it (certify_pending)
            self._certify(private, kid)
        return kid

    def rebind_office(self, code: str) -> int:
        """The office code changed (first run, or the admin corrected it): own keys follow, and their
        certificates are made again at the next admin PIN (they name the office). Returns how many."""
        rows = [r[0] for r in self.db.execute("SELECT key_id FROM trust_keys WHERE source = 'own' AND "
                                              "kind != 'legacy' AND office_code != ?", [code])]
        for kid in rows:
            self.db.execute("UPDATE trust_keys SET office_code = ?, certificate = '', certified_by = '' "
                            "WHERE key_id = ?", [code, kid])
        root = self.active(ROOT)
        if root is not None and root["key_id"] in rows:
            self.db.execute("UPDATE trust_keys SET certificate = '' WHERE key_id = ?", [root["key_id"]])
        return len(rows)

    def certify_pending(self, root: Ed25519PrivateKey) -> int:
        rows = list(self.db.query("SELECT key_id FROM trust_keys WHERE source = 'own' AND kind != 'legacy' "
                                  "AND certificate = '' AND retired_at IS NULL"))
        for r in rows:
            self._certify(root, r["key_id"])
        return len(rows)

    def _certify(self, root: Ed25519PrivateKey, kid: str) -> None:
        row = next(self.db.query("SELECT * FROM trust_keys WHERE key_id = ?", [kid]))
        row["office_code"] = row["office_code"] or self.office_code()
        row["certified_by"] = key_id(public_text_of(root))
        row["certificate"] = sign_statement(root, CERTIFICATE, certificate_fields(row))
        self.db.execute("UPDATE trust_keys SET office_code = ?, certified_by = ?, certificate = ? WHERE key_id = ?",
                        [row["office_code"], row["certified_by"], row["certificate"], kid])
        if row["office_code"]:  # the kecamatan learns every key of ours from the uplink
            entity = "trust_root" if row["kind"] == ROOT else "trust_key"
            outbox.append(self.db, self.clock, row["office_code"], entity, kid, "sertifikat",
                          {k: row[k] for k in ("office_code", "key_id", "kind", "public_key", "holder_id",
                                               "holder_name", "valid_from", "certified_by", "certificate")})

    def endorse_peer_roots(self, root: Ed25519PrivateKey) -> int:
        """A kecamatan vouches for the root keys of the offices it enrolled (sent down in its directory),
        so each of its kelurahan trusts the others'. Done whenever its admin types their PIN."""
        from desktop.models.trust.directory import endorsement_fields
        from desktop.models.trust.keys import ENDORSEMENT

        own = key_id(public_text_of(root))
        rows = list(self.db.query("SELECT key_id, office_code, public_key FROM trust_keys WHERE kind = 'root' AND "
                                  "source = 'peer' AND certified_by != ? AND revoked_at IS NULL", [own]))
        for r in rows:
            signature = sign_statement(root, ENDORSEMENT, endorsement_fields(r["office_code"], r["public_key"]))
            self.db.execute("UPDATE trust_keys SET certified_by = ?, certificate = ? WHERE key_id = ?",
                            [own, signature, r["key_id"]])
        return len(rows)

    def _store_wrap(self, kid: str, holder: str, scheme: str, blob: str) -> None:
        self.db["key_wraps"].upsert({"key_id": kid, "holder": holder, "scheme": scheme, "blob": blob,
                                     "created_at": iso(self.clock.now())}, pk=("key_id", "holder"))

    # --- PIN change, admins ----------------------------------------------------------------------
    def rewrap(self, user_id: str, old_unlock: bytes, new_unlock: bytes) -> None:
        """PIN change: every wrap this person holds is re-encrypted under the new PIN."""
        for w in self._wraps(user_id):
            if w["scheme"] != PIN_WRAP:
                continue
            private = wrapping.unwrap(w["blob"], old_unlock)
            self._store_wrap(w["key_id"], user_id, PIN_WRAP, wrapping.wrap(wrapping.seed_of(private), new_unlock))

    def share_root(self, root: Ed25519PrivateKey, user_id: str, unlock: bytes | None = None) -> None:
        """Give another admin the root key: under their PIN if at hand, else sealed to their own key."""
        row = self.active(ROOT)
        if row is None:
            return
        if unlock is not None:
            self._store_wrap(row["key_id"], user_id, PIN_WRAP, wrapping.wrap(wrapping.seed_of(root), unlock))
            return
        own = self.active(OFFICIAL, user_id)
        if own is not None:
            self._store_wrap(row["key_id"], user_id, SEALED_WRAP,
                             wrapping.seal_to(wrapping.seed_of(root), str(own["public_key"])))

    def withdraw_root(self, user_id: str) -> None:
        row = self.active(ROOT)
        if row is not None:
            self.db.execute("DELETE FROM key_wraps WHERE key_id = ? AND holder = ?", [row["key_id"], user_id])
