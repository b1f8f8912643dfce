"""Hard limits on what a peer may send: every size and time a hostile sender could stretch.

One place, so the sender can build batches that fit and the README can state them. The
receiver refuses (with a 4xx and a reason) anything beyond them before it is applied.
"""

from __future__ import annotations

MiB = 1024 * 1024

# One batch file / HTTP body, as sent (compressed, possibly sealed).
MAX_BODY = 32 * MiB
# The records part once decompressed: a small body may not grow past this (zip bombs).
MAX_RECORDS_BYTES = 64 * MiB
# One record (one JSON line); a Tipe B dossier with its scans is the largest kind.
MAX_RECORD_BYTES = 12 * MiB
# Records per batch; the sender sends more in several batches.
MAX_RECORDS = 5000
# The manifest line at the head of a batch or receipt.
MAX_MANIFEST_BYTES = 64 * 1024
# What the sender packs into one batch (uncompressed), so even incompressible scans fit MAX_BODY.
SENDER_BATCH_BUDGET = 24 * MiB
# Scans carried in one Tipe B dossier (raw bytes before base64); the rest travel as "too large".
DOSSIER_ATTACHMENTS_BUDGET = 8 * MiB

# HTTP: the request line and headers together.
MAX_HEADER_BYTES = 16 * 1024
# Seconds a client may take to send its request line and headers (slow senders are dropped).
HEADER_DEADLINE = 10.0
# A body must arrive at least this fast (after a grace period), so an upload cannot hold a slot forever.
BODY_GRACE = 30.0
BODY_MIN_RATE = 32 * 1024  # bytes per second
# Open connections; when full, the one that has waited longest for its headers is dropped.
MAX_CONNECTIONS = 256
# A signed request is accepted if its time is within this many seconds of the receiver's clock.
REQUEST_MAX_SKEW = 60 * 60


def body_deadline(length: int) -> float:
    """Seconds allowed for a body of `length` bytes."""
    return BODY_GRACE + length / BODY_MIN_RATE
