"""Letter PDF: one letter and 1 000 letters beside a bare reportlab page with the same words and the
same pictures; register numbers.

    .venv/bin/python bench/bench_letters.py
Targets: under 30 ms per letter, within 1.5x of the bare page; 10 000 register numbers.
The bare page is what plain reportlab makes of the same content: Paragraphs, the logo, stamp and
signature as Image flowables from the same files (and, beside the letter with QR, reportlab's own
QR widget with the same payload).
"""

from __future__ import annotations

import tempfile
import time
from io import BytesIO
from pathlib import Path

from common import office, table, timed


def bare_page(doc, qr_payload: str = "", *, pictures: bool = True) -> bytes:
    """The same words and pictures with plain reportlab: the floor any letter renderer stands on."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

    def picture(path: str, w: float, h: float) -> Image:
        return Image(path, w, h, kind="proportional", mask="auto")

    styles = getSampleStyleSheet()
    story = [picture(doc.profile.logo_path, 22 * mm, 25 * mm)] if pictures else []
    story += [Paragraph(t, styles["BodyText"]) for t in
              [doc.profile.pemerintah, doc.profile.kecamatan, doc.profile.kelurahan, doc.title, doc.number,
               doc.opening, *[f"{k}: {v}" for k, v in doc.biodata], *doc.body, doc.closing, doc.place_date,
               doc.signer.name]]
    if pictures:
        story += [picture(doc.profile.stamp_path, 30 * mm, 30 * mm),
                  picture(doc.signer.signature_path, 40 * mm, 20 * mm)]
    if qr_payload:
        code = Drawing(30 * mm, 30 * mm)
        code.add(QrCodeWidget(qr_payload, barWidth=30 * mm, barHeight=30 * mm))
        story.append(code)
    buffer = BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def main() -> None:
    from desktop.models.applications.step_kinds import StepKind
    from desktop.models.audit import Actor
    from desktop.models.db import transaction
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.settings import OfficeProfile, PaperSettings
    from desktop.models.users.roles import Role
    from desktop.printing.issue import stored_letter
    from desktop.printing.letters import render_letter
    from desktop.printing.qr import qr_matrix

    services = office(Path(tempfile.mkdtemp()) / "bench.sqlite3", residents=20)
    from tests.models.test_applications import draft_for

    apps = services.applications
    app = apps.submit(draft_for(services), services.users.authenticate("petugas", DEMO_PIN))
    while app.current.kind != StepKind.TANDA_TANGAN:
        step = app.current
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, services.users.by_role(role)[0], role, pin=DEMO_PIN)
    apps.perform(app.id, app.active_step, services.users.authenticate("lurah", DEMO_PIN), Role.LURAH, pin=DEMO_PIN)
    entry = services.register.for_application(app.id)
    doc = stored_letter(services.register, entry.id, services.settings.get(OfficeProfile))
    paper = PaperSettings()
    render_letter(doc, paper, qr=qr_matrix(entry.qr_payload))  # warm caches (fonts, logo)

    assert doc.profile.logo_path and doc.profile.stamp_path and doc.signer.signature_path  # the same pictures
    full = timed(lambda: render_letter(doc, paper, qr=qr_matrix(entry.qr_payload)), runs=21)
    no_qr = timed(lambda: render_letter(doc, paper), runs=21)
    qr_only = timed(lambda: qr_matrix(entry.qr_payload), runs=21)
    bare = timed(lambda: bare_page(doc), runs=21)
    bare_qr = timed(lambda: bare_page(doc, entry.qr_payload), runs=21)
    words = timed(lambda: bare_page(doc, pictures=False), runs=21)
    start = time.perf_counter()
    for _ in range(1000):
        render_letter(doc, paper, qr=qr_matrix(entry.qr_payload))
    thousand = time.perf_counter() - start
    table("Letter PDF (median of 21)", [
        ("letter with QR, logo, stamp, signature", f"{full:6.2f} ms  (target < 30 ms)"),
        ("  of which the QR (matrix)", f"{qr_only:6.2f} ms"),
        ("letter without QR", f"{no_qr:6.2f} ms"),
        ("bare reportlab page, same words and pictures", f"{bare:6.2f} ms"),
        ("  the same with reportlab's QR widget", f"{bare_qr:6.2f} ms"),
        ("ratio letter/bare (without QR)", f"{no_qr / bare:6.2f}  (target ≤ 1.5)"),
        ("ratio letter/bare (with QR)", f"{full / bare_qr:6.2f}  (target ≤ 1.5)"),
        ("  bare page with the words only", f"{words:6.2f} ms  (letter without QR {no_qr / words:.2f}x: the "
                                            "letter's tables and kop surat)"),
        ("1 000 letters", f"{thousand:6.2f} s  ({thousand:.2f} ms per letter)"),
    ])

    start = time.perf_counter()
    with transaction(services.db):
        for _ in range(10_000):
            services.register.allocate(classification="470", subject="Surat", recipient="X", signer_name="Y",
                                       signer_role="lurah", actor=Actor.system())
    one_tx = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(1000):
        with transaction(services.db):
            services.register.allocate(classification="470", subject="Surat", recipient="X", signer_name="Y",
                                       signer_role="lurah", actor=Actor.system())
    each_tx = time.perf_counter() - start
    table("Register", [("10 000 numbers in one transaction", f"{one_tx:6.2f} s"),
                       ("1 000 numbers, one fsync'd transaction each", f"{each_tx:6.2f} s "
                        f"({each_tx:.2f} ms per signature)")])


if __name__ == "__main__":
    main()
