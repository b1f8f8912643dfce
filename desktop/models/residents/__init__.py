"""Residents (penduduk): records, NIK rules, search, import, synthetic data."""
