"""Keys and revocations across the link, so every office of a kecamatan checks every other's letters.

Up (kelurahan → kecamatan), in the ordinary outbox stream: the office's root key (pinned by the
kecamatan on first contact over the enrolled, signed channel), each key its root certified, and
each signed letter revocation. The kecamatan keeps only what is about the sender itself and what
verifies against the sender's root.

Down (kecamatan → each kelurahan): the key directory (directory_file.py) as one record whenever it
changed, with a version number that only grows, so an older one is never applied over a newer.
"""

from __future__ import annotations

from typing import Any

from desktop.models import jsonutil
from desktop.models.clock import iso
from desktop.models.ids import new_uuid
from desktop.models.services import Services
from desktop.sync.batch import Record

ROOT, KEY, REVOCATION, DIRECTORY = "trust_root", "trust_key", "letter_revocation", "key_directory"


def on_root(services: Services, sender: str, record: Record) -> None:
    data = record.payload
    if data.get("office_code") != sender or data.get("kind") != "root":
        return
    services.directory.pin_root(sender, str(data.get("public_key", "")), source="peer",
                                name=f"Kunci induk {sender}")


def on_key(services: Services, sender: str, record: Record) -> None:
    if record.payload.get("office_code") == sender:
        services.directory.add_certified(record.payload, source="peer")


def on_revocation(services: Services, sender: str, record: Record) -> None:
    if record.payload.get("office_code") == sender:
        services.directory.add_revocation(record.payload, source="peer")


def on_directory(services: Services, sender: str, record: Record) -> None:
    from desktop.sync.directory_file import apply_document

    apply_document(services, record.payload, issuer=sender)


def queue_directory(services: Services, office_code: str) -> bool:
    """Put the current key directory in `office_code`'s downlink when it changed since last sent."""
    from desktop.sync.directory_file import build_document, content_hash

    db = services.db
    document = build_document(services, for_office=office_code)
    digest = content_hash(document)
    last = db.execute("SELECT payload FROM sync_downlink WHERE to_office = ? AND entity = ? ORDER BY seq DESC "
                      "LIMIT 1", [office_code, DIRECTORY]).fetchone()
    if last is not None and content_hash(jsonutil.loads(last[0])) == digest:
        return False
    seq = db.execute("SELECT coalesce(max(seq), 0) FROM sync_downlink WHERE to_office = ?",
                     [office_code]).fetchone()[0] + 1
    db["sync_downlink"].insert({
        "to_office": office_code, "seq": seq, "uuid": new_uuid(), "at": iso(services.clock.now()),
        "entity": DIRECTORY, "entity_id": f"{document['issuer']}:{document['version']}", "op": "terbit",
        "payload": jsonutil.dumps(document), "source_key": f"{DIRECTORY}:{office_code}:{document['version']}"})
    return True


def handlers() -> dict[str, Any]:
    return {ROOT: on_root, KEY: on_key, REVOCATION: on_revocation, DIRECTORY: on_directory}
