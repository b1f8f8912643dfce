"""The kecamatan's key directory: one document, sent down to its kelurahan or exported as a file.

    {"format": 1, "issuer": "KNG", "version": 7, "issued_at": "...",
     "roots": [{"office_code", "public_key", "name", "endorsed_by", "endorsement"}],
     "keys": [certified keys of every office], "revocations": [signed letter revocations]}

Every key in it is certified by its own office's root; every root of a kelurahan is endorsed by the
kecamatan's root key (signed when the kecamatan's admin types their PIN); every revocation is signed
by the cancelling office. So the document needs no trust of its own beyond the kecamatan's root,
and a receiver keeps only what verifies. The version only grows: an older document is ignored.

As a file (for an office outside the kecamatan) the document travels with the kecamatan's sync-key
certificate and a signature by that key; importing it is an admin's act with their PIN.
"""

from __future__ import annotations

import hashlib
from typing import Any

from desktop.models import audit, jsonutil
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.services import Services
from desktop.models.trust.custody import certificate_fields
from desktop.models.trust.keys import (
    CERTIFICATE,
    DIRECTORY,
    fingerprint,
    key_id,
    sign_statement,
    verify_statement,
)
from desktop.models.users.accounts import authorized_actor
from desktop.models.users.roles import Permission

FORMAT = 1
VERSION_KEY = "key_directory_version"


def content_hash(document: dict[str, Any]) -> str:
    body = {k: document.get(k) for k in ("issuer", "roots", "keys", "revocations")}
    return hashlib.sha256(jsonutil.dumps(body).encode("utf-8")).hexdigest()


def build_document(services: Services, for_office: str | None = None) -> dict[str, Any]:
    """The directory as this office knows it now; the version moves on when the content changed."""
    me = services.profile.office_code
    roots = []
    for row in services.db.query("SELECT * FROM trust_keys WHERE kind = 'root' AND revoked_at IS NULL "
                                 "ORDER BY office_code, added_at"):
        if services.directory.root(row["office_code"]) is None or row["office_code"] == for_office:
            continue
        roots.append({"office_code": row["office_code"], "public_key": row["public_key"], "name": row["holder_name"],
                      "endorsed_by": row["certified_by"], "endorsement": row["certificate"]})
    document: dict[str, Any] = {"format": FORMAT, "issuer": me, "roots": roots,
                                "keys": services.directory.entries(), "revocations": services.directory.revocations()}
    digest = content_hash(document)
    stored = services.settings.get_raw(VERSION_KEY, {}) or {}
    version = int(stored.get("version", 0))
    if stored.get("hash") != digest:
        version += 1
        with transaction(services.db):
            services.db.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'Sistem') "
                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                                [VERSION_KEY, jsonutil.dumps({"version": version, "hash": digest}),
                                 iso(services.clock.now())])
    return {**document, "version": version, "issued_at": iso(services.clock.now())}


def apply_document(services: Services, document: dict[str, Any], *, issuer: str) -> int:
    """Take what verifies from a directory issued by `issuer` (whose root this office anchored).
    Returns how many keys and revocations were new; an old version changes nothing."""
    if document.get("issuer") != issuer or not isinstance(document.get("version"), int):
        return 0
    db, directory, me = services.db, services.directory, services.profile.office_code
    last = db.execute("SELECT version FROM key_directory_versions WHERE issuer = ?", [issuer]).fetchone()
    if last is not None and document["version"] <= last[0]:
        return 0  # a replayed or older list: what we hold is newer
    roots = [r for r in document.get("roots", []) if isinstance(r, dict)]
    issuer_root = next((r for r in roots if r.get("office_code") == issuer), None)
    if issuer_root is not None:
        directory.pin_root(issuer, str(issuer_root.get("public_key", "")), source="peer",
                           name=str(issuer_root.get("name", "")))
    added = 0
    for root in roots:
        code = str(root.get("office_code", ""))
        if code in (issuer, me):
            continue
        directory.pin_root(code, str(root.get("public_key", "")), source="directory", name=str(root.get("name", "")),
                           endorsed_by=str(root.get("endorsed_by", "")), endorsement=str(root.get("endorsement", "")))
    for entry in document.get("keys", []):
        if isinstance(entry, dict) and entry.get("office_code") != me:
            before = directory.key(str(entry.get("office_code")), str(entry.get("key_id")))
            added += int(directory.add_certified(entry, source="directory") and before is None)
    for entry in document.get("revocations", []):
        if isinstance(entry, dict) and entry.get("office_code") != me:
            before = directory.revocation(str(entry.get("office_code")), str(entry.get("number")))
            added += int(directory.add_revocation(entry, source="directory") and before is None)
    db.execute("INSERT INTO key_directory_versions (issuer, version, received_at) VALUES (?, ?, ?) "
               "ON CONFLICT(issuer) DO UPDATE SET version = excluded.version, received_at = excluded.received_at",
               [issuer, document["version"], iso(services.clock.now())])
    return added


# --- as a file ------------------------------------------------------------------------------

def export_file(services: Services) -> bytes:
    """The directory signed by this office's sync key, with that key's certificate."""
    document = build_document(services)
    sync = services.custody.active("sync")
    if sync is None or not sync["certificate"]:
        raise ValidationError("Kunci kantor ini belum disahkan; admin perlu masuk dengan PIN-nya sekali.")
    signature = sign_statement(services.office_keys.private_key(), DIRECTORY, {"hash": content_hash(document),
                                                                                "version": document["version"]})
    payload = {"loket_direktori": FORMAT, "document": document, "sync_key": certificate_fields(sync) | {
        "certified_by": sync["certified_by"], "certificate": sync["certificate"]}, "signature": signature}
    return jsonutil.dumps(payload).encode("utf-8") + b"\n"


def read_file(data: bytes) -> tuple[dict[str, Any], str]:
    """The document and its issuer's root key, when the file is whole and signed; ValidationError if not."""
    try:
        payload = jsonutil.loads(data.decode("utf-8"))
        document, sync = payload["document"], payload["sync_key"]
        issuer = str(document["issuer"])
        root = next(r for r in document["roots"] if r["office_code"] == issuer)
    except (ValueError, KeyError, TypeError, StopIteration, UnicodeDecodeError, AttributeError):
        raise ValidationError("Berkas ini bukan direktori kunci Loket yang utuh.") from None
    root_public = str(root["public_key"])
    chain = (key_id(root_public) == sync.get("certified_by") and sync.get("office_code") == issuer
             and verify_statement(root_public, str(sync.get("certificate", "")), CERTIFICATE, certificate_fields(sync))
             and verify_statement(str(sync.get("public_key", "")), str(payload.get("signature", "")), DIRECTORY,
                                  {"hash": content_hash(document), "version": document.get("version")}))
    if not chain:
        raise ValidationError("Tanda tangan direktori kunci tidak sah: berkas diubah atau bukan dari kantor "
                              f"{issuer}. Tidak ada yang diimpor.")
    return document, root_public


def describe_file(data: bytes) -> str:
    """What an admin reads before trusting the file: issuer and the root key's fingerprint."""
    document, root_public = read_file(data)
    return (f"Direktori kunci dari kantor {document['issuer']} versi {document['version']}: "
            f"{len(document.get('roots', []))} kantor, {len(document.get('keys', []))} kunci, "
            f"{len(document.get('revocations', []))} surat dibatalkan. Sidik kunci induk: {fingerprint(root_public)} "
            "— cocokkan lewat telepon dengan kantor itu sebelum mempercayainya.")


def import_file(services: Services, data: bytes, actor: audit.Actor) -> int:
    """Trust a kecamatan's directory file (an admin, PIN typed now). Returns how many entries were new."""
    actor = authorized_actor(actor, Permission.MANAGE_KEYS, db=services.db)
    document, root_public = read_file(data)
    issuer = str(document["issuer"])
    with transaction(services.db):
        if not services.directory.pin_root(issuer, root_public, source="peer", name=f"Kunci induk {issuer}"):
            raise ValidationError(f"Kantor {issuer} sudah dikenal dengan kunci induk lain; berkas ini tidak "
                                  "diimpor. Hubungi kantor itu.")
        added = apply_document(services, document, issuer=issuer)
        audit.record(services.db, services.clock, actor, "trust.directory_import", "key_directory", issuer,
                     after={"version": document["version"], "root": fingerprint(root_public), "new": added})
    return added
