"""Survei Kepuasan Masyarakat (SKM) and its index (IKM), per PermenPANRB 14/2017."""
