"""Audit hash chain and typed settings."""

from desktop.models import audit
from desktop.models.audit import verify_chain
from desktop.models.settings import NumberingSettings, OfficeProfile, PaperSettings
from desktop.models.trust.integrity import check_database
from tests.identities import admin_actor


def test_settings_round_trip_typed_and_audited(services):
    profile = OfficeProfile(catalog_office_id="kalirejo", office_code="424.301.1.04", pemerintah="PEMERINTAH X",
                            kecamatan="KECAMATAN BANGIL", kelurahan="KELURAHAN KALIREJO", alamat="Jl. Bader 306",
                            tempat_surat="Bangil")
    services.settings.put(profile, admin_actor(services))
    assert services.settings.get(OfficeProfile) == profile
    assert services.settings.get(PaperSettings).size == "F4"  # default when never saved
    services.settings.put(NumberingSettings(template="{nomor}/{tahun}"), admin_actor(services))
    entries = audit.history(services.db, "settings", "numbering")
    assert entries[-1].after["template"] == "{nomor}/{tahun}"


def test_chain_holds_then_detects_an_edited_entry(services):
    for i in range(5):
        services.settings.put_raw(f"k{i}", i, admin_actor(services))
    assert verify_chain(services.db) is None
    seq = services.db.execute("SELECT seq FROM audit WHERE entity_id = 'k2'").fetchone()[0]
    services.db.execute("UPDATE audit SET user_name = 'Orang Lain' WHERE seq = ?", [seq])
    assert verify_chain(services.db) == seq
    report = check_database(services.db)
    assert not report.ok and f"#{seq}" in report.text


def test_chain_detects_a_deleted_entry(services):
    for i in range(4):
        services.settings.put_raw(f"k{i}", i, admin_actor(services))
    seq = services.db.execute("SELECT seq FROM audit WHERE entity_id = 'k1'").fetchone()[0]
    services.db.execute("DELETE FROM audit WHERE seq = ?", [seq])
    assert verify_chain(services.db) == seq


def test_check_reports_ok_on_a_clean_database(office_services):
    report = check_database(office_services.db)
    assert report.ok and "utuh" in report.text
