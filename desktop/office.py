"""The one composition function: every entry point opens an office through `open_office`.

The GUI, the `loket` commands, the kecamatan receiver, the sync worker, the tests and the
benchmarks all get the same Services: the database opened (created, migrated), the model
services built on it, and letter issuing wired into the approval chain. Wiring lives here, above
models and printing, because it joins the two.
"""

from __future__ import annotations

from pathlib import Path

from desktop.models.clock import Clock
from desktop.models.db import open_database
from desktop.models.services import Services, build_services
from desktop.models.trust.device_secret import DeviceSecret
from desktop.models.trust.kdf import STRONG, KdfParams


def open_office(path: str | Path | None, clock: Clock | None = None, *, seed_catalog: bool = True,
                kdf: KdfParams = STRONG, device: DeviceSecret | None = None) -> Services:
    """Open the office database at `path` (None: in memory) ready for work.

    `seed_catalog=False` leaves an empty database's catalogue for the first-run wizard to load,
    so the window comes up without waiting for five decrees to be parsed. `kdf` is the cost of a
    PIN guess: the app always uses STRONG; tests pass cheap settings explicitly.
    """
    from desktop.printing.issue import attach_letter_issuing

    services = build_services(open_database(path), clock, kdf=kdf, device=device)
    attach_letter_issuing(services)
    if seed_catalog:
        services.catalog.ensure_seeded()
    return services
