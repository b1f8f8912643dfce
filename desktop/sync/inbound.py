"""Receiver side on an office PC: a batch is received into the office's own database.

The protocol (checks, sequence decisions, receipts) lives in protocol.py and is shared with the
kabupaten's PostgreSQL receiver; this module keeps the office-level entry point the rest of the
app and the tests call.
"""

from __future__ import annotations

from desktop.models.services import Services
from desktop.sync import protocol
from desktop.sync.protocol import InboundResult
from desktop.sync.receiver_store import APPLIED, DUPLICATE, REFUSED
from desktop.sync.sqlite_store import SqliteStore

__all__ = ["APPLIED", "DUPLICATE", "REFUSED", "InboundResult", "receive"]


def receive(services: Services, data: bytes) -> InboundResult:
    """Verify and apply one batch. Raises a SyncError (nothing applied) for a file we cannot trust."""
    return protocol.receive(SqliteStore(services), data)
