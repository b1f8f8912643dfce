"""What can go wrong on the kecamatan link, each in a sentence a clerk can act on."""

from __future__ import annotations

from desktop.models.errors import LoketError


class SyncError(LoketError):
    """Base class for the link; nothing was applied when one of these is raised."""


class BatchCorrupt(SyncError):
    """Truncated, bit-flipped or not a Loket sync file at all."""


class SealedForOldKey(BatchCorrupt):
    """Genuine, but sealed to a key this office no longer holds (it was upgraded): the sender re-keys
    from our signed answer and sends again."""


class UnknownSender(SyncError):
    """The office is not enrolled here (or was disabled)."""


class BadSignature(SyncError):
    """The signature does not match the enrolled key: changed on the way or not from that office."""


class FormatTooNew(SyncError):
    """Written by a newer Loket; update this side first."""


class WrongReceiver(SyncError):
    """Addressed to another office."""


class NotConfigured(SyncError):
    """The link to the kecamatan has not been set up yet."""


class TransportError(SyncError):
    """The kecamatan could not be reached or the upload broke off; nothing is lost, it is retried."""


class ReceiverUnavailable(SyncError):
    """The receiver's database cannot be used right now; the sender keeps its data and tries again."""


class TooLarge(SyncError):
    """Beyond one of the limits in sync/limits.py (size, records, nesting)."""


class RequestRefused(SyncError):
    """An HTTP request the receiver will not read: no or bad credentials, too slow, wrong address."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def http_status(exc: SyncError) -> int:
    """The 4xx a receiver answers with for `exc` (the sender shows the message as it is)."""
    if isinstance(exc, RequestRefused):
        return exc.status
    if isinstance(exc, (UnknownSender, BadSignature)):
        return 403
    if isinstance(exc, WrongReceiver):
        return 421
    if isinstance(exc, TooLarge):
        return 413
    if isinstance(exc, ReceiverUnavailable):
        return 503  # the sender keeps its data and tries again later
    return 400
