"""File transport ("flashdisk"): export the pending batch, import a batch or a receipt.

Files are written to a temporary name and renamed, so a full disk or a pulled flashdisk
never leaves a half file with the final name. Export marks nothing as sent: only the receipt
file, once imported back, moves the acknowledged sequence.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.models.services import Services
from desktop.sync import batch, limits, outbound
from desktop.sync.errors import BatchCorrupt, SyncError, TooLarge
from desktop.sync.inbound import receive

BATCH_SUFFIX = ".loketsync"
RECEIPT_SUFFIX = ".loketack"


@dataclass(frozen=True)
class ImportOutcome:
    kind: str  # batch | receipt
    message: str
    written: tuple[Path, ...] = ()  # receipt (and downlink batch) to carry back


def write_atomically(path: Path, data: bytes) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise SyncError(f"Disk penuh di {path.parent}: berkas tidak ditulis. Kosongkan ruang atau pakai "
                            "flashdisk lain; data di aplikasi tetap aman.") from exc
        raise SyncError(f"Berkas tidak dapat ditulis ke {path.parent}: {exc.strerror or exc}.") from exc
    return path


def export_pending(services: Services, folder: Path, peer_code: str | None = None) -> Path | None:
    """Write the pending batch for `peer_code` (default: our kecamatan); None when nothing is pending."""
    data = outbound.pending_batch(services, peer_code)
    if data is None:
        return None
    env = json.loads(data[:data.index(b"\n")])
    m = env["manifest"]
    name = f"loket-{_safe(m['sender'])}-ke-{_safe(m['receiver'])}-{m['seq_from']:07d}-{m['seq_to']:07d}{BATCH_SUFFIX}"
    return write_atomically(Path(folder) / name, data)


def import_file(services: Services, path: Path, reply_folder: Path | None = None) -> ImportOutcome:
    """Import a batch (answer: receipt file, plus our pending batch for the sender) or a receipt."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.MAX_BODY:  # refused before reading: a batch is never this large
            raise TooLarge(f"Berkas {path.name} terlalu besar untuk berkas sinkronisasi ({size:,} bita; batas "
                           f"{limits.MAX_BODY:,} bita). Tidak ada data yang dimasukkan.".replace(",", "."))
        data = path.read_bytes()
    except OSError as exc:
        raise SyncError(f"Berkas {path.name} tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if _kind(data) == batch.KIND_RECEIPT:
        receipt = outbound.accept_receipt(services, data)
        return ImportOutcome(batch.KIND_RECEIPT, receipt_text(receipt))
    result = receive(services, data)
    folder = Path(reply_folder) if reply_folder is not None else path.parent
    m = result.receipt
    written = [write_atomically(folder / f"tanda-terima-{_safe(m.receiver)}-ke-{_safe(m.sender)}-"
                                         f"{m.acked_seq:07d}{RECEIPT_SUFFIX}", result.receipt_bytes)]
    back = export_pending(services, folder, result.sender)  # e.g. decisions going down
    if back is not None:
        written.append(back)
    return ImportOutcome(batch.KIND_BATCH, result.message, tuple(written))


def receipt_text(receipt: outbound.Receipt) -> str:
    if receipt.status == "refused":
        return f"Kantor {receipt.receiver} menolak batch: {receipt.message} Ekspor ulang lalu kirim lagi."
    return f"Tanda terima dari {receipt.receiver}: data sampai urutan {receipt.acked_seq} sudah diterima."


def _kind(data: bytes) -> str:
    cut = data.find(b"\n", 0, batch.MAX_HEADER)
    try:
        return str(json.loads(data[:cut])["kind"]) if cut > 0 else ""
    except (ValueError, KeyError, TypeError) as exc:
        raise BatchCorrupt("Berkas ini rusak atau bukan berkas sinkronisasi Loket.") from exc


def _safe(code: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in str(code))
