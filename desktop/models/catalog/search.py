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


# Words every service name shares; they say nothing about which service is meant.
FILLER = {"surat", "keterangan", "layanan", "pelayanan", "permohonan", "pengantar", "jenis", "sk", "rekomendasi",
          "penerbitan", "legalisasi", "dan", "/", "-"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def rank(service: Service, query: str) -> tuple[int, int, int]:
    """Lower is better: an exact abbreviation ("SKU"); then the name holding the query as whole words;
    then the fewest other words in the name, so "usaha" finds Surat Keterangan Usaha before
    Surat Keterangan Domisili Usaha, and "domisili" Domisili before Domisili Usaha."""
    wanted = _normalise(query)
    abbreviation = 0 if wanted in {a.lower() for a in service.abbreviations} else 1
    name_words = [w for w in _words(service.name) if w not in FILLER]
    query_words = set(_words(query))
    expanded = query_words | {w for q in query_words for option in SYNONYMS.get(q, []) for w in _words(option)}
    whole = 0 if query_words and all(any(w == n for n in name_words) or w in FILLER or w in SYNONYMS
                                     for w in query_words) else 1
    extra = sum(1 for w in name_words if w not in expanded)
    return abbreviation, whole, extra


def search(services: list[Service], query: str) -> list[Service]:
    """Matches ranked by how closely the name is what was typed; ties keep the catalogue order."""
    if not query.strip():
        return list(services)
    found = [s for s in services if matches(s, query)]
    return sorted(found, key=lambda s: rank(s, query))  # sorted() is stable: catalogue order within a rank
