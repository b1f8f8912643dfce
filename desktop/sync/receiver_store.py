"""What a receiver keeps, whatever it keeps it in: the seam between the sync protocol (protocol.py)
and its storage. The kecamatan PC keeps it in its office SQLite file (sqlite_store.py); a kabupaten
keeps it in PostgreSQL (postgres/store.py). Both give the same answers to the same batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.clock import Clock
from desktop.models.trust.checkpoints import Checkpoint
from desktop.sync.batch import Record

APPLIED, DUPLICATE, REFUSED = "applied", "duplicate", "refused"


@dataclass(frozen=True)
class Arrival:
    """What a batch's envelope says besides its records (checked by batch.read before a store sees it).

    `rekeyed_to`: the sender was upgraded from release 0.1 and its enrolled key handed sync over to
    this one (`handover` is that signed word); the store enrols the new key with the batch.
    `checkpoint`: the sender's signed audit head, not yet verified (the store verifies it against the
    sender's key, keeps it and countersigns it: protocol.witness)."""

    rekeyed_to: str | None = None
    handover: dict[str, Any] | None = None
    checkpoint: Checkpoint | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of one batch: its status, how many records were new, the last sequence held, and
    the countersigned checkpoint that goes back in the receipt (None when the batch carried none)."""

    status: str
    applied: int
    last: int
    message: str
    witness: dict[str, Any] | None = None


class ReceiverStore(Protocol):
    @property
    def office_code(self) -> str:
        """Who receives: the code batches must be addressed to and receipts are signed as."""
        ...

    def private_key(self) -> Ed25519PrivateKey:
        """Signs receipts and opens sealed records."""
        ...

    def key_for(self, office_code: str) -> str | None:
        """The enrolled public key of an active sender, or None (refuse whatever it sends)."""
        ...

    def handover(self) -> dict[str, Any] | None:
        """This receiver's own release-0.1 key hand-over, sent with every receipt (None: never had one)."""
        ...

    def position(self, sender: str) -> int:
        """The last sequence of `sender` applied here."""
        ...

    def apply(self, sender: str, batch_id: str, seq_from: int, seq_to: int, records: Sequence[Record],
              arrival: Arrival) -> Outcome:
        """All or nothing, under a lock on the sender's state: enrol a handed-over key, decide with
        protocol.plan, store the fresh records and the sender's new position (or note the refusal),
        and witness the sender's checkpoint (protocol.witness) in the same transaction."""
        ...

    def downlink(self, sender: str) -> bytes | None:
        """A signed batch going back to `sender` (decisions), or None."""
        ...

    def accept_receipt(self, data: bytes) -> str:
        """A sender's receipt for our downlink; returns its message."""
        ...

    def now(self) -> str:
        """ISO timestamp for receipts and arrival times (the injected clock on an office PC)."""
        ...

    @property
    def clock(self) -> Clock:
        """The clock requests are checked against (signed request times)."""
        ...
