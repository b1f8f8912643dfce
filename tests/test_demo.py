"""`loket demo --office ID [--kelurahan NAME] --db FILE [--residents N] [--letters N] [--json]`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import pytest
from pypdf import PdfReader

from desktop.demo import VOID_REASON, run_demo
from desktop.models.clock import WIB, FixedClock
from desktop.models.errors import ValidationError
from desktop.office import open_office
from desktop.printing.qr import verify_payload
from tests.identities import FAST_KDF


def _clock():
    return FixedClock(datetime(2026, 11, 24, 9, 0, tzinfo=WIB))


def test_demo_office_with_letters_through_its_real_chain(tmp_path):
    db = tmp_path / "demo.sqlite3"
    result = run_demo("kanigaran", db, kelurahan="Kebonsari Kulon", residents=5, letters=3, clock=_clock(),
                      kdf=FAST_KDF)
    assert result["db"] == str(db)
    assert [x["status"] for x in result["letters"]] == ["batal", "terbit", "terbit"]
    services = open_office(db, _clock(), kdf=FAST_KDF)
    try:
        assert services.profile.kelurahan == "KELURAHAN KEBONSARI KULON"
        numbers = [e.number for e in services.register.entries()]
        assert numbers == [x["number"] for x in result["letters"]]
        for letter in result["letters"]:
            text = PdfReader(letter["pdf"]).pages[0].extract_text()
            assert letter["number"] in text
            entry = next(e for e in services.register.entries() if e.number == letter["number"])
            verdict = verify_payload(entry.qr_payload, services.directory).status.value
            assert verdict == ("dibatalkan" if letter["status"] == "batal" else "asli")
        assert "BATAL" in PdfReader(result["letters"][0]["pdf"]).pages[0].extract_text()
        assert services.register.entries()[0].void_reason == VOID_REASON
        steps = services.applications.reader.history(services.register.entries()[1].application_id)
        assert len(steps) > 3  # walked through the decree's steps, not shortcut
    finally:
        services.db.conn.close()


def test_demo_refuses_an_office_database_that_exists_and_an_unknown_office(tmp_path):
    db = tmp_path / "demo.sqlite3"
    run_demo("kandangan", db, residents=2, letters=0, clock=_clock(), kdf=FAST_KDF)
    with pytest.raises(ValidationError, match="sudah berisi kantor"):
        run_demo("kandangan", db, residents=2, clock=_clock(), kdf=FAST_KDF)
    with pytest.raises(ValidationError, match="tidak ada di katalog.*kalirejo"):
        run_demo("tidak-ada", tmp_path / "lain.sqlite3", clock=_clock(), kdf=FAST_KDF)


@pytest.mark.slow  # the real command uses the app's strong key derivation: several seconds
def test_the_command_prints_json(tmp_path):
    db = tmp_path / "kalirejo.sqlite3"
    env = {"LOKET_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "desktop", "demo", "--office", "kalirejo", "--db", str(db),
                          "--residents", "3", "--letters", "2", "--json"], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["db"] == str(db) and [x["status"] for x in data["letters"]] == ["batal", "terbit"]
    assert all(set(x) == {"number", "status", "pdf"} for x in data["letters"])
    verify = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "verify", data["letters"][0]["pdf"]],
                            capture_output=True, text=True, env=env, timeout=120)
    assert verify.returncode == 3 and "DIBATALKAN" in verify.stdout
