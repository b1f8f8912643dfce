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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic import ValidationError as PydanticError

from desktop.models.trust.office_keys import b64url_decode, b64url_encode, public_key_from_text
from desktop.sync import limits
from desktop.sync.errors import (
    BadSignature,
    BatchCorrupt,
    FormatTooNew,
    TooLarge,
    UnknownSender,
    WrongReceiver,
)
from desktop.sync.record_schemas import check_record

FORMAT_VERSION = 1
KIND_BATCH = "batch"
KIND_RECEIPT = "receipt"
MAX_HEADER = limits.MAX_MANIFEST_BYTES  # a manifest line is small; a longer "first line" is not ours
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

    The batch covers the sender's stream positions seq_from..seq_to and holds exactly one record
    for each of them (the receiver refuses a range with holes: see BatchManifest).
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

    `key_for(office_code)` returns the enrolled public key of that office, or None. Sizes,
    record counts, sequence claims and every record's shape are checked here (sync/limits.py,
    sync/record_schemas.py), so a hostile but enrolled sender cannot get past this point either.
    """
    if len(data) > limits.MAX_BODY:
        raise TooLarge(f"Berkas sinkronisasi terlalu besar ({len(data):,} bita; batas {limits.MAX_BODY:,} bita)."
                       .replace(",", "."))
    header, body = _split(data)
    manifest = header.get("manifest")
    if not isinstance(manifest, dict) or not isinstance(header.get("signature"), str):
        raise BatchCorrupt("Berkas sinkronisasi rusak: bagian manifes tidak lengkap.")
    sender, receiver = str(manifest.get("sender", ""))[:64], str(manifest.get("receiver", ""))[:64]
    kind = str(header.get("kind"))[:20]
    if sender == me:  # our own file (e.g. the receipt we wrote for a kelurahan) brought back here
        what = "tanda terima" if kind == KIND_RECEIPT else "kiriman"
        raise WrongReceiver(f"Berkas ini {what} yang dibuat kantor ini sendiri ({me}) untuk kantor {receiver or '?'}; "
                            f"bawa berkas itu ke kantor {receiver or 'tujuan'} dan impor di sana.")
    if receiver != me:
        raise WrongReceiver(f"Berkas ini ditujukan ke kantor {receiver or '?'}, bukan kantor ini ({me}). "
                            "Tidak ada data yang dimasukkan.")
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
    if kind == KIND_RECEIPT:
        return Envelope(kind, manifest, rekeyed_to=rekeyed_to)
    if kind != KIND_BATCH:
        raise BatchCorrupt(f"Jenis berkas sinkronisasi '{kind}' tidak dikenal.")
    checked = check_manifest(manifest)
    return Envelope(kind, manifest, _records(checked, body, my_key), rekeyed_to=rekeyed_to)


def _signed(key_text: str, signature: Any, manifest: dict[str, Any]) -> bool:
    try:
        public_key_from_text(key_text).verify(b64url_decode(str(signature)), canonical(manifest))
    except (InvalidSignature, ValueError):
        return False
    return True


def _handed_over(handover: Any, sender: str, enrolled: str) -> str | None:
    """The new key a release-0.1 office key handed sync over to, when the hand-over is genuine."""
    from desktop.models.trust.office_keys import handed_over_key

    return handed_over_key(handover, sender, enrolled)


def handover_of(data: bytes) -> dict[str, Any] | None:
    """The hand-over in a file's envelope (already checked by `read` when it re-keyed the sender)."""
    header, _body = _split(data)
    value = header.get("handover")
    return value if isinstance(value, dict) else None


def _split(data: bytes) -> tuple[dict[str, Any], bytes]:
    cut = data.find(b"\n", 0, limits.MAX_MANIFEST_BYTES)
    if cut < 0:
        raise BatchCorrupt("Berkas sinkronisasi terpotong atau bukan berkas Loket (manifes tidak lengkap). "
                           "Salin ulang berkas dari kantor pengirim.")
    try:
        header = json.loads(data[:cut].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BatchCorrupt("Berkas sinkronisasi rusak: manifes tidak dapat dibaca. "
                           "Salin ulang berkas dari kantor pengirim.") from exc
    if not isinstance(header, dict) or "loket_sync" not in header:
        raise BatchCorrupt("Berkas ini bukan berkas sinkronisasi Loket.")
    return header, data[cut + 1:]


class RecordsPart(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0, le=limits.MAX_BODY)
    encoding: Literal["jsonl+zlib", "jsonl+zlib+sealedbox"]


class BatchManifest(BaseModel):
    """A batch's manifest as the receiver relies on it (a newer sender may add fields)."""

    model_config = ConfigDict(extra="ignore", strict=True)
    sender: str = Field(min_length=1, max_length=64)
    receiver: str = Field(min_length=1, max_length=64)
    batch_id: str = Field(min_length=1, max_length=160, pattern=r"^[\x21-\x7e]+$")
    seq_from: int = Field(ge=1, le=2**53)
    seq_to: int = Field(ge=0, le=2**53)
    count: int = Field(ge=0, le=limits.MAX_RECORDS)
    parts: dict[str, RecordsPart]

    @model_validator(mode="after")
    def _claims(self) -> BatchManifest:
        # A batch holds exactly the records seq_from..seq_to (the sender's stream has no holes), so a
        # claim like seq_to = 10**9 with a handful of records, which would make the receiver skip
        # every later real record, cannot be made.
        if self.seq_to - self.seq_from + 1 != self.count:
            raise ValueError(f"urutan {self.seq_from}–{self.seq_to} tidak sama dengan jumlah catatan ({self.count})")
        if "records" not in self.parts:
            raise ValueError("bagian records tidak ada")
        return self


def check_manifest(manifest: dict[str, Any]) -> BatchManifest:
    try:
        return BatchManifest.model_validate(manifest)
    except PydanticError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])[:80] or "manifes"
        raise BatchCorrupt(f"Manifes batch tidak sah ({where}: {error['msg'][:200]}). Tidak ada data yang "
                           "dimasukkan.") from None


def _records(manifest: BatchManifest, body: bytes, my_key: Ed25519PrivateKey | None = None) -> tuple[Record, ...]:
    part = manifest.parts["records"]
    if len(body) < part.bytes:
        raise BatchCorrupt(f"Berkas sinkronisasi terpotong: {len(body)} dari {part.bytes} bita. "
                           "Salin ulang berkas dari kantor pengirim; tidak ada data yang dimasukkan.")
    if len(body) != part.bytes or hashlib.sha256(body).hexdigest() != part.sha256:
        raise BatchCorrupt("Isi berkas sinkronisasi rusak (sidik SHA-256 tidak cocok). Salin ulang berkas "
                           "dari kantor pengirim; tidak ada data yang dimasukkan.")
    if part.encoding == "jsonl+zlib+sealedbox":
        from desktop.sync.sealing import unseal

        body = unseal(body, my_key)
    records: list[Record] = []
    for line in _lines(body):
        if len(records) >= manifest.count:
            raise BatchCorrupt("Isi berkas sinkronisasi berisi lebih banyak catatan daripada manifesnya.")
        try:
            raw = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise BatchCorrupt(f"Catatan ke-{len(records) + 1} dalam batch tidak dapat dibaca (bukan JSON yang sah "
                               "atau bersarang terlalu dalam). Tidak ada data yang dimasukkan.") from exc
        checked = check_record(raw, len(records) + 1)
        records.append(Record(checked.seq, checked.uuid, checked.at, checked.entity, checked.entity_id, checked.op,
                              raw["payload"]))
    seqs = [r.seq for r in records]
    if seqs != list(range(manifest.seq_from, manifest.seq_to + 1)):
        raise BatchCorrupt(f"Isi berkas sinkronisasi tidak sesuai manifes: catatan harus berurutan "
                           f"{manifest.seq_from}–{manifest.seq_to} tanpa celah ({len(records)} catatan diterima).")
    return tuple(records)


def _lines(body: bytes) -> Iterator[bytes]:
    """Decompress in pieces with hard limits and yield one JSON line at a time."""
    inflater = zlib.decompressobj()
    total, buf = 0, bytearray()
    step = 64 * 1024

    def take(out: bytes) -> Iterator[bytes]:
        nonlocal total
        total += len(out)
        if total > limits.MAX_RECORDS_BYTES:
            raise TooLarge(f"Isi batch membengkak melebihi {limits.MAX_RECORDS_BYTES // limits.MiB} MiB saat "
                           "dibuka; batch ditolak. Tidak ada data yang dimasukkan.")
        scan, pos = len(buf), 0
        buf.extend(out)
        while (cut := buf.find(b"\n", scan)) >= 0:
            if cut > pos:
                yield bytes(buf[pos:cut])
            pos = scan = cut + 1
        del buf[:pos]
        if len(buf) > limits.MAX_RECORD_BYTES:
            raise TooLarge(f"Satu catatan dalam batch lebih dari {limits.MAX_RECORD_BYTES // limits.MiB} MiB; "
                           "batch ditolak. Tidak ada data yang dimasukkan.")

    try:
        for start in range(0, len(body), step):
            chunk = body[start:start + step]
            while chunk:
                yield from take(inflater.decompress(chunk, step * 4))
                chunk = inflater.unconsumed_tail
        yield from take(inflater.flush())
        if not inflater.eof:
            raise BatchCorrupt("Isi berkas sinkronisasi tidak dapat dibaca (data terkompresi terpotong).")
    except zlib.error as exc:
        raise BatchCorrupt("Isi berkas sinkronisasi tidak dapat dibaca (data terkompresi rusak).") from exc
    if buf:
        yield bytes(buf)
