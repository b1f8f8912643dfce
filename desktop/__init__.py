"""Loket Kelurahan: offline-first counter application for a kelurahan or kecamatan office."""

__version__ = "0.1.0"
