"""Receiving a kelurahan's monthly report (record entity "monthly_report") at the kecamatan."""

from __future__ import annotations

from desktop.models.clock import iso
from desktop.models.reports.arrivals import store_arrival
from desktop.models.services import Services
from desktop.sync.batch import Record


def on_monthly_report(services: Services, sender: str, record: Record) -> None:
    """Inside the batch's transaction: a record that does not fit refuses the whole batch."""
    store_arrival(services.db, sender, record.payload, iso(services.clock.now()))
