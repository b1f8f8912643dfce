"""What the Sinkronisasi screen shows: this office's link state, and (kecamatan) per kelurahan."""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.models.applications.status import CLOSED, Status
from desktop.models.clock import iso
from desktop.models.register.book import TERBIT
from desktop.models.services import Services
from desktop.sync import outbound
from desktop.sync.peers import ROLE_KELURAHAN
from desktop.sync.tipe_b import UNKNOWN_SERVICE, WAITING


@dataclass(frozen=True)
class LinkStatus:
    configured: bool
    peer: str
    url: str
    pending_records: int
    pending_batches: int
    last_success: str | None
    last_error: str
    own_public_key: str
    own_root_fingerprint: str = ""  # read aloud to another office before it imports our key directory


@dataclass(frozen=True)
class KelurahanRow:
    office_code: str
    name: str
    last_sync: str | None
    letters_issued: int
    applications_open: int
    applications_late: int
    tipe_b_waiting: int
    last_error: str


def link_status(services: Services) -> LinkStatus:
    from desktop.models.trust.keys import fingerprint

    key = services.office_keys.public_key() if services.office_keys.has_key() else ""
    root = services.office_keys.root_public()
    root_print = fingerprint(root) if root else ""
    peer = outbound.peers(services).upstream(required=False)
    if peer is None:
        return LinkStatus(False, "", "", 0, 0, None, "", key, root_print)
    pending = outbound.pending_count(services, peer.office_code)
    return LinkStatus(True, peer.name or peer.office_code, peer.url, pending,
                      math.ceil(pending / outbound.DEFAULT_LIMIT), peer.out_acked_at, peer.last_error, key,
                      root_print)


def kelurahan_dashboard(services: Services) -> list[KelurahanRow]:
    """Per kelurahan: letters issued (voided ones not counted), applications still in work (a letter
    ready for pick-up is finished work, not open), and of those the ones past their limit."""
    now = iso(services.clock.now())
    closed = tuple(s.value for s in CLOSED) + (Status.DRAF.value, Status.SIAP_DIAMBIL.value)
    marks = ", ".join("?" * len(closed))
    rows = []
    for peer in outbound.peers(services).list(ROLE_KELURAHAN):
        code = peer.office_code
        letters = services.db.execute(
            "SELECT count(*) FROM sync_mirror WHERE office_code = ? AND entity = 'register' "
            "AND coalesce(json_extract(payload, '$.status'), ?) = ?", [code, TERBIT, TERBIT]).fetchone()[0]
        open_, late = services.db.execute(
            f"SELECT count(*), coalesce(sum(json_extract(payload, '$.due_at') < ? "
            f"AND json_extract(payload, '$.completed_at') IS NULL), 0) FROM sync_mirror "
            f"WHERE office_code = ? AND entity = 'application' AND json_extract(payload, '$.status') "
            f"NOT IN ({marks})", [now, code, *closed]).fetchone()
        waiting = services.db.execute(
            "SELECT count(*) FROM sync_tipe_b WHERE office_code = ? AND state IN (?, ?)",
            [code, WAITING, UNKNOWN_SERVICE]).fetchone()[0]
        rows.append(KelurahanRow(code, peer.name or code, peer.in_last_at, int(letters), int(open_), int(late),
                                 int(waiting), peer.last_error))
    return rows
