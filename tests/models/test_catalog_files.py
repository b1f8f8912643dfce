"""The catalogue holds every service of the five decrees; spot checks against my own reading."""

from pathlib import Path

import pytest

from desktop.models.catalog.loader import load_all, load_catalog_file
from desktop.models.errors import CatalogError

# Counted in shared/seeds: Kanigaran Lampiran 1-34; Kalirejo 21 tables + 7 diktum items without
# a table; Kraton 17 unnumbered tables; Bangil 17 numbered; Kandangan 12 numbered.
EXPECTED = {"kanigaran": 34, "kalirejo": 28, "kraton": 17, "bangil": 17, "kandangan": 12}


@pytest.fixture(scope="module")
def catalogs():
    return {c.office.id: c for c in load_all()}


def svc(catalogs, office, sid):
    return next(s for s in catalogs[office].services if s.id == sid)


def test_every_office_and_service_count(catalogs):
    assert {k: len(c.services) for k, c in catalogs.items()} == EXPECTED
    assert sum(len(c.services) for c in catalogs.values()) == 108
    with_tables = sum(1 for c in catalogs.values() for s in c.services if not s.detail_missing)
    assert with_tables == 101


def test_levels_and_decrees(catalogs):
    assert catalogs["kalirejo"].office.level == "kelurahan"
    assert {catalogs[o].office.level for o in ("kanigaran", "kraton", "bangil", "kandangan")} == {"kecamatan"}
    assert catalogs["kalirejo"].office.decree.number == "065/13/424.301.1.04/2024"
    assert catalogs["kraton"].office.decree.number == "065/35/424.307/2023"
    assert catalogs["bangil"].office.decree.number == "060/17/424.301/2024"
    assert catalogs["kandangan"].office.decree.number == "000.8.3.3/10/418.78/2024"
    assert "97" in catalogs["kanigaran"].office.decree.number
    assert catalogs["kalirejo"].office.decree.signer.nip == "19661005 198903 1 020"
    assert catalogs["kandangan"].office.decree.signer.nip is None


def test_kanigaran_types_and_numbering_trap(catalogs):
    services = catalogs["kanigaran"].services
    assert [s.type for s in services] == ["A"] * 17 + ["B"] * 17
    first = services[0]
    assert first.number == "1" and first.name.upper().endswith("SURAT KETERANGAN")
    assert [r.text for r in first.requirements][-1] == "Surat Pernyataan Tanggung Jawab Mutlak"
    assert first.duration.minutes == 45 and first.fee.rupiah == 0
    sktm = svc(catalogs, "kanigaran", "kanigaran-sk-tidak-mampu")
    assert sktm.number == "19" and sktm.ends_at == "kecamatan" and sktm.duration.minutes == 60
    assert svc(catalogs, "kanigaran", "kanigaran-musrenbang").duration.minutes == 360
    # Copy-paste error in the decree is kept and flagged, not fixed.
    ktp = svc(catalogs, "kanigaran", "kanigaran-permohonan-ktp-el-baru")
    assert "Beda Identitas" in ktp.product and any("Beda Identitas" in n for n in ktp.notes)
    # Lurah returns a file to the Sekretaris Lurah.
    sign = next(st for st in first.steps if st.kind.value == "tanda_tangan")
    assert sign.role == "lurah" and sign.returns_to == "sekretaris_lurah"


def test_kalirejo_list_without_tables_and_durations(catalogs):
    missing = [s for s in catalogs["kalirejo"].services if s.detail_missing]
    assert sorted(s.number for s in missing) == list("abcdefg")
    assert all(not s.requirements and s.duration.text is None for s in missing)
    waris = svc(catalogs, "kalirejo", "kalirejo-surat-keterangan-waris")
    assert waris.duration.minutes == 60
    kematian = svc(catalogs, "kalirejo", "kalirejo-surat-keterangan-kematian")
    assert [r.text for r in kematian.requirements][0] == "Surat Pengantar RT / RW"
    assert any(r.optional for r in kematian.requirements)  # "(Bila Ada)"
    pbb = svc(catalogs, "kalirejo", "kalirejo-pengantar-mutasi-pbb")
    assert pbb.duration.minutes == 5 and pbb.fee.rupiah == 0
    assert any(st.kind.value == "paraf" and "Sekretaris" in (st.actor or "") for st in pbb.steps)


def test_kraton_missing_duration_and_tax_fee(catalogs):
    wna = svc(catalogs, "kraton", "kraton-rekomendasi-surat-keterangan-domisili-wna")
    assert wna.duration.text is None and wna.duration.minutes is None and wna.notes
    pbb = svc(catalogs, "kraton", "kraton-pembayaran-pbb")
    assert pbb.fee.rupiah is None and pbb.fee.text == "Sesuai SPPT"
    perangkat = svc(catalogs, "kraton", "kraton-rekomendasi-pengangkatan-mutasi-dan-pemberhentian-perangkat-desa")
    assert perangkat.duration.days == 7 and perangkat.duration.minutes is None and perangkat.applicant == "desa"
    proposal = svc(catalogs, "kraton", "kraton-rekomendasi-proposal-bantuan-sosial-keagamaan")
    kinds = [st.kind.value for st in proposal.steps]
    assert "register" in kinds and kinds.index("register") < kinds.index("tanda_tangan")


def test_bangil_conditional_limits(catalogs):
    waris = svc(catalogs, "bangil", "bangil-sk-ahli-waris")
    assert waris.duration.minutes == 30 and waris.duration.working_days == 1
    assert waris.duration.limit_minutes() == 480  # the stated maximum binds
    dd = svc(catalogs, "bangil", "bangil-pengantar-pengajuan-dd-add")
    assert dd.duration.working_days == 2 and dd.duration.starts == "complete"
    assert svc(catalogs, "bangil", "bangil-pembayaran-pbb-p2").fee.rupiah is None
    keramaian = svc(catalogs, "bangil", "bangil-pengantar-izin-keramaian")
    kinds = [st.kind.value for st in keramaian.steps]
    assert kinds.index("register") < kinds.index("survei_lokasi") < kinds.index("tanda_tangan")
    perangkat = svc(catalogs, "bangil", "bangil-rekomendasi-perangkat-desa")
    assert {r.variant for r in perangkat.requirements} >= {"seleksi", "rotasi", "pemberhentian"}


def test_kandangan_signers_and_conditional_requirement(catalogs):
    skck = svc(catalogs, "kandangan", "kandangan-legalisasi-pengantar-skck")
    assert set(skck.signers) == {"camat", "sekretaris_camat", "kasi"}
    polres = [r for r in skck.requirements if r.condition and "POLRES" in r.condition]
    assert len(polres) == 1
    assert skck.duration.max_minutes == 30 and skck.duration.condition
    assert svc(catalogs, "kandangan", "kandangan-rekomendasi-keterangan-waris").signers == ["camat"]
    assert any(st.kind.value == "skm" for st in skck.steps)


def test_every_service_names_its_steps_roles(catalogs):
    for catalog in catalogs.values():
        for s in catalog.services:
            if not s.detail_missing:
                assert s.steps, s.id
                assert s.products or s.notes, s.id


def test_broken_file_names_file_and_entry(tmp_path: Path):
    text = Path("resources/catalog/kraton.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "kraton.yaml"
    broken.write_text(text.replace("kind: verifikasi", "kind: melamun", 1), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog_file(broken)
    message = str(err.value)
    assert "kraton.yaml" in message and "layanan #" in message and "kind" in message


def test_yaml_syntax_error_gives_line(tmp_path: Path):
    bad = tmp_path / "x.yaml"
    bad.write_text("format: 1\noffice: [\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="baris"):
        load_catalog_file(bad)
