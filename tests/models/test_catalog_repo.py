"""Catalogue in the database: seeding, admin edits with versions, file import, JSON export."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.models.catalog.search import search
from desktop.models.catalog.standard import Requirement
from desktop.models.errors import CatalogError
from tests.identities import admin_actor


def test_seeded_with_all_offices(services):
    assert [o.id for o in services.catalog.offices()] == ["bangil", "kalirejo", "kandangan", "kanigaran", "kraton"]
    assert services.catalog.count("kalirejo") == 28


def test_admin_edit_makes_a_new_version_and_keeps_the_old_in_audit(services):
    service, version = services.catalog.service("kalirejo-surat-keterangan-usaha")
    edited = service.model_copy(update={"requirements": [*service.requirements, Requirement(text="Foto tempat usaha")]})
    new_version = services.catalog.save_service(edited, "kalirejo", admin_actor(services))
    assert new_version == version + 1
    current, _ = services.catalog.service(service.id)
    assert current.requirements[-1].text == "Foto tempat usaha"
    row = services.db.execute("SELECT before FROM audit WHERE action = 'catalog.edit'").fetchone()
    assert "Foto tempat usaha" not in row[0]


def test_import_updated_file_versions_changed_and_deactivates_removed(services, tmp_path):
    text = Path("resources/catalog/kandangan.yaml").read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(text)
    data["services"][0]["duration"]["text"] = "Maksimal 20 menit"
    removed = data["services"].pop()["id"]
    path = tmp_path / "kandangan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    counts = services.catalog.import_file(path, admin_actor(services))
    assert counts == {"baru": 0, "berubah": 1, "tetap": 10, "nonaktif": 1}
    assert services.catalog.count("kandangan") == 11
    assert removed not in [s.id for s in services.catalog.services("kandangan")]
    assert removed in [s.id for s in services.catalog.services("kandangan", include_inactive=True)]


def test_broken_import_changes_nothing(services, tmp_path):
    bad = tmp_path / "kandangan.yaml"
    bad.write_text("format: 1\noffice: {id: kandangan}\nservices: []\n", encoding="utf-8")
    before = services.db.execute("SELECT group_concat(standard) FROM services").fetchone()[0]
    with pytest.raises(CatalogError, match="kandangan.yaml"):
        services.catalog.import_file(bad, admin_actor(services))
    assert services.db.execute("SELECT group_concat(standard) FROM services").fetchone()[0] == before


@pytest.mark.parametrize("query,expected", [
    ("sktm", "kalirejo-surat-keterangan-tidak-mampu"),
    ("SKU", "kalirejo-surat-keterangan-usaha"),
    ("skck", "kalirejo-pengantar-skck"),
    ("domisili usaha", "kalirejo-surat-keterangan-domisili-usaha"),
])
def test_search_by_name_or_abbreviation(services, query, expected):
    found = [s.id for s in search(services.catalog.services("kalirejo"), query)]
    assert expected in found
    assert len(found) < 28


def test_export_shape_is_stable(services):
    data = services.catalog.export("bangil")
    office = data["offices"][0]
    assert set(office) >= {"id", "name", "level", "address", "decree", "services"}
    service = office["services"][9]
    assert set(service) >= {"id", "name", "type", "requirements", "steps", "duration_text", "duration_minutes",
                            "fee_rupiah", "product", "complaint_channels"}
    assert all(isinstance(r, str) for r in service["requirements"])
    assert set(service["steps"][0]) == {"actor", "action"}


def test_cli_export_prints_json(tmp_path):
    env = {"LOKET_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "desktop", "catalog", "export", "--json", "--office", "kraton"],
                         capture_output=True, text=True, env=env, check=True)
    data = json.loads(out.stdout)
    assert [o["id"] for o in data["offices"]] == ["kraton"]
    assert len(data["offices"][0]["services"]) == 17
    assert data["offices"][0]["services"][4]["fee_rupiah"] is None  # "Sesuai SPPT" is the tax, not a fee
