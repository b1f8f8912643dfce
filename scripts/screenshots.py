"""Regenerate the README screenshots offscreen from a demo office:  .venv/bin/python scripts/screenshots.py"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LOKET_DATA_DIR", tempfile.mkdtemp(prefix="loket-shots-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    app = QApplication(sys.argv)
    from desktop.app import build_window
    from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
    from desktop.office import open_office

    services = open_office(Path(os.environ["LOKET_DATA_DIR"]) / "demo.sqlite3")
    complete_first_run(services, demo_input(services.catalog.office("kalirejo"), residents=200))
    window = build_window(services)
    window.resize(1366, 768)  # the counter's laptop
    window.show()
    window.ctx.session.sign_in(services.users.authenticate("petugas", DEMO_PIN))
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    window.show_screen("catalog")
    spin(600)
    window.screen("catalog").search.setText("sktm")
    spin(300)
    window.grab().save(str(out / "screenshot-catalog.png"))
    intake = window.show_screen("intake")
    spin(500)
    nik = services.db.execute("SELECT nik FROM residents LIMIT 1").fetchone()[0]
    intake.resident_picker.edit.setText(nik)
    spin(400)
    intake.resident_picker.edit.returnPressed.emit()
    spin(300)
    intake.service_picker.edit.setText("domisili")
    spin(300)
    intake.service_picker.edit.returnPressed.emit()
    spin(300)
    window.grab().save(str(out / "screenshot-intake.png"))
    window.ctx.tasks.wait_idle()
    queue_display(window, services, out)
    letters(services, out)
    officials_screens(window, services, out)
    app.quit()


def officials_screens(window, services, out: Path) -> None:
    """Tugas Saya as the Kasi sees a file waiting for paraf; Cadangan Data and Templat Surat as the admin."""
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.users.roles import Role
    from tests.models.test_applications import draft_for

    apps = services.applications
    app = apps.submit(draft_for(services, "kalirejo-surat-keterangan-domisili", keperluan="Melamar pekerjaan"),
                      services.users.authenticate("petugas", DEMO_PIN))
    while app.current.kind != "paraf":
        step = app.current
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, services.users.by_role(role)[0], role, pin=DEMO_PIN)
    window.ctx.session.sign_out()
    window.ctx.session.sign_in(services.users.authenticate("kasi", DEMO_PIN))
    window.show_screen("inbox")
    spin(800)
    window.grab().save(str(out / "screenshot-tugas-saya.png"))
    window.ctx.session.sign_out()
    window.ctx.session.sign_in(services.users.authenticate("admin", DEMO_PIN))
    window.show_screen("backup")
    spin(600)
    window.grab().save(str(out / "screenshot-cadangan.png"))
    templates = window.show_screen("templates")
    spin(800)
    templates.list.setCurrentRow(templates.names.index("usaha"))
    spin(300)
    window.grab().save(str(out / "screenshot-templat.png"))
    window.ctx.tasks.wait_idle()


def queue_display(window, services, out: Path) -> None:
    """A morning at the counter: three groups, two counters, a few calls; the waiting-room board."""
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.queue.spoken import SoundOptions, save_sound_options
    from desktop.ui.screens.queue_display import QueueDisplay

    admin = services.users.authenticate("admin", DEMO_PIN).actor()
    petugas = services.users.authenticate("petugas", DEMO_PIN).actor()
    save_sound_options(services.settings, SoundOptions(chime=False, speech=False), admin)
    q = services.queue
    q.save_group("A", "Surat Keterangan", ["kalirejo-surat-keterangan-domisili", "kalirejo-surat-keterangan-usaha"],
                 admin)
    q.save_group("B", "Kependudukan", ["kalirejo-pengantar-akte-kelahiran"], admin)
    q.save_group("C", "Pengaduan/Konsultasi", [], admin)
    one = q.save_counter(1, "", ["A", "B"], admin)
    two = q.save_counter(2, "", ["C"], admin)
    for code in "AAABABCAC":
        q.issue(code, petugas)
    q.call_next(one.id, petugas)
    q.call_next(two.id, petugas)
    q.call_next(one.id, petugas)
    board = QueueDisplay(ctx=window.ctx)
    board.resize(1366, 768)
    board.show()
    spin(1500)
    board.grab().save(str(out / "screenshot-antrean.png"))
    board.close()


def letters(services, out: Path) -> None:
    """Two signed letters as PNG: a kelurahan SKTM and a Surat Keterangan Usaha."""
    import subprocess

    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.users.roles import Role
    from desktop.printing.issue import render_application_letter
    from tests.models.test_applications import draft_for

    apps = services.applications
    cases = [("kalirejo-surat-keterangan-tidak-mampu", {"keperluan": "Keringanan biaya sekolah anak"}, "letter-sktm"),
             ("kalirejo-surat-keterangan-usaha", {"nama_usaha": "Warung Makan Bu Sri", "jenis_usaha": "Kuliner",
                                                  "alamat_usaha": "Jl. Bader 12", "keperluan": "Pengajuan KUR"},
              "letter-usaha")]
    for service_id, fields, name in cases:
        application = apps.submit(draft_for(services, service_id, **fields), services.users.authenticate("petugas", DEMO_PIN))
        while application.current.kind != "tanda_tangan":
            step = application.current
            role = Role(step.roles[0])
            application = apps.perform(application.id, step.idx, services.users.by_role(role)[0], role,
                                       pin=DEMO_PIN)
        apps.perform(application.id, application.active_step, services.users.authenticate("lurah", DEMO_PIN),
                     Role.LURAH, pin=DEMO_PIN)
        pdf, _number = render_application_letter(services, application.id)
        path = out / f"{name}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(path), str(out / name)], check=True)
        path.unlink()


if __name__ == "__main__":
    main()
