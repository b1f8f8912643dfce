"""One batch = one file: a signed manifest line, then the records part.

Layout (bytes)::

    {"loket_sync": 1, "kind": "batch", "manifest": {...}, "signature": "<base64url>"}\n
    <records part: JSON Lines, zlib-compressed>

The Ed25519 signature covers the canonical JSON of the manifest, and the manifest holds the
SHA-256 and length of the records part, so one signature check protects every byte. A receipt
(the receiver's signed acknowledgement) is the same envelope with kind "receipt" and no part.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.trust.office_keys import b64url_decode, b64url_encode, public_key_from_text
from desktop.sync.errors import BadSignature, BatchCorrupt, FormatTooNew, UnknownSender, WrongReceiver

FORMAT_VERSION = 1
KIND_BATCH = "batch"
KIND_RECEIPT = "receipt"
MAX_HEADER = 1 << 20  # a manifest line is small; a longer "first line" is not ours
RECORD_FIELDS = ("seq", "uuid", "at", "entity", "entity_id", "op", "payload")


@dataclass(frozen=True)
class Record:
    """One outbox entry as it travels; `seq` is the sender's stream position."""

    seq: int
    uuid: str
    at: str
    entity: str
    entity_id: str
    op: str
    payload: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in RECORD_FIELDS}


@dataclass(frozen=True)
class Envelope:
    """A verified file: its manifest and (for batches) its records.

    `rekeyed_to`: the sender signed with a new key that the key we enrolled handed over to (the
    sender was upgraded from release 0.1); the receiver should enrol that key from now on."""

    kind: str
    manifest: dict[str, Any]
    records: tuple[Record, ...] = ()
    rekeyed_to: str | None = None

    @property
    def sender(self) -> str:
        return str(self.manifest["sender"])

    @property
    def receiver(self) -> str:
        return str(self.manifest["receiver"])


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _sign(kind: str, manifest: dict[str, Any], key: Ed25519PrivateKey, body: bytes = b"",
          handover: dict[str, Any] | None = None) -> bytes:
    envelope: dict[str, Any] = {"loket_sync": manifest["format"], "kind": kind, "manifest": manifest,
                                "signature": b64url_encode(key.sign(canonical(manifest)))}
    if handover:
        envelope["handover"] = handover
    return canonical(envelope) + b"\n" + body


def build_batch(records: Sequence[Record], *, sender: str, receiver: str, batch_id: str, created_at: str,
                seq_from: int, seq_to: int, key: Ed25519PrivateKey, format_version: int = FORMAT_VERSION,
                encrypt_to: str | None = None, handover: dict[str, Any] | None = None,
                checkpoint: dict[str, Any] | None = None) -> bytes:
    """Serialize and sign `records` for `receiver`.

    The batch covers the sender's stream positions seq_from..seq_to; records hold increasing seqs
    inside that range (a range may have holes where the sender's stream has none to send).
    """
    lines = b"".join(canonical(r.as_dict()) + b"\n" for r in records)
    part = zlib.compress(lines, 6)
    encoding = "jsonl+zlib"
    if encrypt_to:  # only the receiving office can read the records; the manifest stays signed
        from desktop.sync.sealing import ENCODING, seal

        part, encoding = seal(part, encrypt_to), ENCODING
    counts: dict[str, int] = {}
    for r in records:
        counts[r.entity] = counts.get(r.entity, 0) + 1
    manifest = {
        "format": format_version, "sender": sender, "receiver": receiver, "batch_id": batch_id,
        "seq_from": seq_from, "seq_to": seq_to,
        "count": len(records), "counts": counts, "created_at": created_at,
        "parts": {"records": {"sha256": hashlib.sha256(part).hexdigest(), "bytes": len(part),
                              "encoding": encoding}},
    }
    if checkpoint:  # the head of the sender's audit chain, for the receiver to witness
        manifest["checkpoint"] = checkpoint
    return _sign(KIND_BATCH, manifest, key, part, handover)


def build_receipt(fields: dict[str, Any], key: Ed25519PrivateKey, handover: dict[str, Any] | None = None) -> bytes:
    """The receiver's signed acknowledgement; `fields` needs sender, receiver, batch_id, status."""
    return _sign(KIND_RECEIPT, {"format": FORMAT_VERSION, **fields}, key, handover=handover)


def read(data: bytes, key_for: Callable[[str], str | None], me: str,
         my_key: Ed25519PrivateKey | None = None) -> Envelope:
    """Check everything before anything is applied; raise a SyncError naming what is wrong.

    `key_for(office_code)` returns the enrolled public key of that office, or None.
    """
    header, body = _split(data)
    manifest = header.get("manifest")
    if not isinstance(manifest, dict) or not isinstance(header.get("signature"), str):
        raise BatchCorrupt("Berkas sinkronisasi rusak: bagian manifes tidak lengkap.")
    sender = str(manifest.get("sender", ""))
    key_text = key_for(sender)
    if not key_text:
        raise UnknownSender(f"Kantor pengirim '{sender or '?'}' belum terdaftar di sini. Daftarkan dulu "
                            "kunci publiknya (menu Sinkronisasi) lalu kirim ulang.")
    rekeyed_to = None
    if not _signed(key_text, header["signature"], manifest):
        rekeyed_to = _handed_over(header.get("handover"), sender, key_text)
        if rekeyed_to is None or not _signed(rekeyed_to, header["signature"], manifest):
            raise BadSignature(f"Tanda tangan berkas dari kantor {sender} tidak sah: berkas telah diubah di "
                               "perjalanan atau tidak dibuat dengan kunci kantor itu. Tidak ada data yang "
                               "dimasukkan.")
    version = manifest.get("format")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise FormatTooNew(f"Berkas dibuat oleh versi Loket yang lebih baru (format {version}); versi ini "
                           f"hanya mengenal format {FORMAT_VERSION}. Perbarui aplikasi di sini dulu.")
    if str(manifest.get("receiver")) != me:
        raise WrongReceiver(f"Berkas ini ditujukan ke kantor {manifest.get('receiver')}, bukan kantor ini ({me}).")
    kind = str(header.get("kind"))
    if kind == KIND_RECEIPT:
        return Envelope(kind, manifest, rekeyed_to=rekeyed_to)
    if kind != KIND_BATCH:
        raise BatchCorrupt(f"Jenis berkas sinkronisasi '{kind}' tidak dikenal.")
    return Envelope(kind, manifest, _records(manifest, body, my_key), rekeyed_to=rekeyed_to)


def _signed(key_text: str, signature: Any, manifest: dict[str, Any]) -> bool:
    try:
        public_key_from_text(key_text).verify(b64url_decode(str(signature)), canonical(manifest))
    except (InvalidSignature, ValueError):
        return False
    return True


def _handed_over(handover: Any, sender: str, enrolled: str) -> str | None:
    """The new key a release-0.1 office key handed sync over to, when the hand-over is genuine."""
    from desktop.models.trust.keys import HANDOVER, verify_statement

    if not isinstance(handover, dict):
        return None
    fields = {"office_code": sender, "from": enrolled, "to": str(handover.get("to", "")),
              "last_letter": str(handover.get("last_letter", ""))}
    if handover.get("from") != enrolled or handover.get("office_code") != sender:
        return None
    return fields["to"] if verify_statement(enrolled, str(handover.get("signature", "")), HANDOVER, fields) else None


def handover_of(data: bytes) -> dict[str, Any] | None:
    """The hand-over in a file's envelope (already checked by `read` when it re-keyed the sender)."""
    header, _body = _split(data)
    value = header.get("handover")
    return value if isinstance(value, dict) else None


def _split(data: bytes) -> tuple[dict[str, Any], bytes]:
    cut = data.find(b"\n", 0, MAX_HEADER)
    if cut < 0:
        raise BatchCorrupt("Berkas sinkronisasi terpotong atau bukan berkas Loket (manifes tidak lengkap). "
                           "Salin ulang berkas dari kantor pengirim.")
    try:
        header = json.loads(data[:cut].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BatchCorrupt("Berkas sinkronisasi rusak: manifes tidak dapat dibaca. "
                           "Salin ulang berkas dari kantor pengirim.") from exc
    if not isinstance(header, dict) or "loket_sync" not in header:
        raise BatchCorrupt("Berkas ini bukan berkas sinkronisasi Loket.")
    return header, data[cut + 1:]


def _records(manifest: dict[str, Any], body: bytes, my_key: Ed25519PrivateKey | None = None) -> tuple[Record, ...]:
    part = manifest.get("parts", {}).get("records", {})
    if len(body) < int(part.get("bytes", -1)):
        raise BatchCorrupt(f"Berkas sinkronisasi terpotong: {len(body)} dari {part.get('bytes')} bita. "
                           "Salin ulang berkas dari kantor pengirim; tidak ada data yang dimasukkan.")
    if len(body) != part.get("bytes") or hashlib.sha256(body).hexdigest() != part.get("sha256"):
        raise BatchCorrupt("Isi berkas sinkronisasi rusak (sidik SHA-256 tidak cocok). Salin ulang berkas "
                           "dari kantor pengirim; tidak ada data yang dimasukkan.")
    if part.get("encoding") == "jsonl+zlib+sealedbox":
        from desktop.sync.sealing import unseal

        body = unseal(body, my_key)
    try:
        lines = zlib.decompress(body).decode("utf-8").splitlines()
        records = tuple(Record(**{f: json.loads(line)[f] for f in RECORD_FIELDS}) for line in lines)
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise BatchCorrupt("Isi berkas sinkronisasi tidak dapat dibaca.") from exc
    seqs = [r.seq for r in records]
    lo, hi = int(manifest["seq_from"]), int(manifest["seq_to"])
    in_range = all(lo <= s <= hi for s in seqs) and seqs == sorted(set(seqs))
    if not in_range or len(records) != manifest.get("count"):
        raise BatchCorrupt("Isi berkas sinkronisasi tidak sesuai manifes (urutan atau jumlah catatan).")
    return records
