"""Buku register surat keluar: letter numbers, their format, exports."""
