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
    """A verified file: its manifest and (for batches) its records."""

    kind: str
    manifest: dict[str, Any]
    records: tuple[Record, ...] = ()

    @property
    def sender(self) -> str:
        return str(self.manifest["sender"])

    @property
    def receiver(self) -> str:
        return str(self.manifest["receiver"])


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _sign(kind: str, manifest: dict[str, Any], key: Ed25519PrivateKey, body: bytes = b"") -> bytes:
    envelope = {"loket_sync": manifest["format"], "kind": kind, "manifest": manifest,
                "signature": b64url_encode(key.sign(canonical(manifest)))}
    return canonical(envelope) + b"\n" + body


def build_batch(records: Sequence[Record], *, sender: str, receiver: str, batch_id: str, created_at: str,
                seq_from: int, seq_to: int, key: Ed25519PrivateKey, format_version: int = FORMAT_VERSION,
                encrypt_to: str | None = None) -> bytes:
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
    return _sign(KIND_BATCH, manifest, key, part)


def build_receipt(fields: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    """The receiver's signed acknowledgement; `fields` needs sender, receiver, batch_id, status."""
    return _sign(KIND_RECEIPT, {"format": FORMAT_VERSION, **fields}, key)


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
    try:
        public_key_from_text(key_text).verify(b64url_decode(header["signature"]), canonical(manifest))
    except (InvalidSignature, ValueError) as exc:
        raise BadSignature(f"Tanda tangan berkas dari kantor {sender} tidak sah: berkas telah diubah di "
                           "perjalanan atau tidak dibuat dengan kunci kantor itu. Tidak ada data yang "
                           "dimasukkan.") from exc
    version = manifest.get("format")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise FormatTooNew(f"Berkas dibuat oleh versi Loket yang lebih baru (format {version}); versi ini "
                           f"hanya mengenal format {FORMAT_VERSION}. Perbarui aplikasi di sini dulu.")
    if str(manifest.get("receiver")) != me:
        raise WrongReceiver(f"Berkas ini ditujukan ke kantor {manifest.get('receiver')}, bukan kantor ini ({me}).")
    kind = str(header.get("kind"))
    if kind == KIND_RECEIPT:
        return Envelope(kind, manifest)
    if kind != KIND_BATCH:
        raise BatchCorrupt(f"Jenis berkas sinkronisasi '{kind}' tidak dikenal.")
    return Envelope(kind, manifest, _records(manifest, body, my_key))


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
        # Records end with "\n" only: str.splitlines() would also cut at U+0085, U+2028 and other
        # separators a record's text may hold (JSON keeps them raw), turning a valid batch unreadable.
        rows = [json.loads(line) for line in zlib.decompress(body).decode("utf-8").split("\n") if line]
        records = tuple(Record(**{f: row[f] for f in RECORD_FIELDS}) for row in rows)
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise BatchCorrupt("Isi berkas sinkronisasi tidak dapat dibaca.") from exc
    seqs = [r.seq for r in records]
    lo, hi = int(manifest["seq_from"]), int(manifest["seq_to"])
    in_range = all(lo <= s <= hi for s in seqs) and seqs == sorted(set(seqs))
    if not in_range or len(records) != manifest.get("count"):
        raise BatchCorrupt("Isi berkas sinkronisasi tidak sesuai manifes (urutan atau jumlah catatan).")
    return records
