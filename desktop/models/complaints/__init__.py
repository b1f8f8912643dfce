"""Complaints (pengaduan): the register offices keep, with working-day deadlines per category."""
