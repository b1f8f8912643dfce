"""Stable record identifiers: UUIDs travel with records to the kecamatan."""

from __future__ import annotations

import uuid


def new_uuid() -> str:
    return str(uuid.uuid4())
