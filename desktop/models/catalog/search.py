"""Finding a service the way clerks ask for it: by words of its name or a common abbreviation."""

from __future__ import annotations

import re

from desktop.models.catalog.standard import Service

# Abbreviations clerks and citizens use, expanded to words of the decrees' service names.
SYNONYMS: dict[str, list[str]] = {
    "sktm": ["tidak mampu"],
    "sku": ["usaha"],
    "skd": ["domisili"],
    "skdu": ["domisili usaha"],
    "skck": ["skck", "kelakuan baik", "catatan kepolisian"],
    "skkb": ["kelakuan baik"],
    "skbd": ["bersih diri"],
    "ktp": ["ktp"],
    "kk": ["kartu keluarga", "kk"],
    "kia": ["kartu identitas anak", "kia"],
    "akta": ["akte", "akta"],
    "akte": ["akte", "akta"],
    "waris": ["waris"],
    "nikah": ["nikah", "pengantin"],
    "pbb": ["pbb"],
    "dd": ["dana desa", "dd"],
    "add": ["add", "alokasi dana desa"],
    "wna": ["wna", "asing"],
    "imb": ["bangunan"],
}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def matches(service: Service, query: str) -> bool:
    """Every word of the query must appear (or its abbreviation expand to something that does)."""
    haystack = _normalise(service.search_text)
    for word in _normalise(query).split():
        options = [word, *SYNONYMS.get(word, [])]
        if not any(option in haystack for option in options):
            return False
    return True


def search(services: list[Service], query: str) -> list[Service]:
    """Matches in catalogue order, except that an exact abbreviation ("SKU") comes first."""
    if not query.strip():
        return list(services)
    wanted = _normalise(query)
    found = [s for s in services if matches(s, query)]
    return sorted(found, key=lambda s: 0 if wanted in {a.lower() for a in s.abbreviations} else 1)
