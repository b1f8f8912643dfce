"""Finding the service the clerk means: the closest name first, whatever is typed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.catalog.loader import load_all
from desktop.models.catalog.search import search

CATALOGS = {c.office.id: c.services for c in load_all()}


def names(office: str, query: str) -> list[str]:
    return [s.name for s in search(CATALOGS[office], query)]


def test_usaha_finds_surat_keterangan_usaha_before_domisili_usaha():
    assert names("kalirejo", "usaha")[:2] == ["Surat Keterangan Usaha", "Surat Keterangan Domisili Usaha"]
    assert names("kanigaran", "usaha")[0] == "Layanan Surat Keterangan Usaha"


def test_closest_name_then_abbreviation_then_catalogue_order():
    assert names("kalirejo", "domisili")[0] == "Surat Keterangan Domisili"
    assert names("kalirejo", "SKTM") == ["Surat Keterangan Tidak Mampu"]
    assert names("kalirejo", "sku")[0] == "Surat Keterangan Usaha"
    assert names("kalirejo", "domisili usaha")[0] == "Surat Keterangan Domisili Usaha"


def test_no_service_name_runs_words_together():
    for office, services in CATALOGS.items():
        for s in services:
            assert "KeteranganDomisili" not in s.name and "  " not in s.name, (office, s.name)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_typed_text_gives_a_subset_in_a_stable_order(query):
    services = CATALOGS["kanigaran"]
    first = search(services, query)
    assert {s.id for s in first} <= {s.id for s in services}
    assert [s.id for s in search(services, query)] == [s.id for s in first]
