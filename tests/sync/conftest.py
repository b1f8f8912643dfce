"""Fixtures for the kecamatan link tests; the helpers live in sync_helpers.py."""

from tests.sync.sync_helpers import kec, kel, linked  # noqa: F401 - fixtures
