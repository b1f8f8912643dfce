"""Qt's standard dialogs speak Bahasa Indonesia: the compiled catalogue loads and covers them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QWizard

from desktop.paths import resource_path
from desktop.ui.translations import install_indonesian
from tests.ui.screen_walk import english_in


def _tr(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def test_catalogue_translates_the_standard_buttons_and_menus(qapp):
    assert install_indonesian(qapp) is not None
    assert install_indonesian(qapp) is install_indonesian(qapp)  # installed once
    assert _tr("QPlatformTheme", "Cancel") == "Batal" and _tr("QPlatformTheme", "OK") == "Oke"
    assert _tr("QFileDialog", "&Look in:") == "&Cari di:" and _tr("QFileDialog", "File &name:") == "&Nama berkas:"
    assert _tr("QFileSystemModel", "Name") == "Nama"
    assert _tr("QPrintDialog", "Print") == "Cetak" and _tr("QPrintWidget", "P&roperties") == "&Sifat"
    assert _tr("QPageSetupWidget", "Portrait") == "Tegak (potret)"
    assert _tr("QLineEdit", "&Copy") == "&Salin" and _tr("QWidgetTextControl", "&Paste") == "&Tempel"
    assert QLocale().language() == QLocale.Language.Indonesian


def test_button_boxes_and_dialogs_built_by_qt_show_indonesian(qtbot, qapp):
    install_indonesian(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    texts = [b.text().replace("&", "") for b in box.buttons()]
    assert sorted(texts) == ["Batal", "Oke", "Simpan"]
    dialog = QFileDialog(None, "Pilih berkas")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    shown = " ".join(w.text() for w in dialog.findChildren(QLabel)) + " " + \
        " ".join(b.text() for b in dialog.findChildren(QDialogButtonBox)[0].buttons())
    assert "Cari di" in shown and "Nama berkas" in shown and not english_in(shown.replace("&", "")), shown
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    words = [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()]
    assert "Salin" in words and "Tempel" in words and "Pilih Semua" in words, words
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Batal"


def test_catalogue_uses_qt_s_own_source_strings_and_is_compiled_from_the_ts(tmp_path):
    """Every message in qt_id.ts is a string Qt really asks for (taken from Qt's German catalogue of
    the same version), and the committed .qm is what lrelease makes of the .ts."""
    import re

    ts = resource_path("translations", "qt_id.ts").read_text(encoding="utf-8")
    assert ts.count("<message>") > 300 and "type=\"unfinished\"" not in ts
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease, "pyside6-lrelease comes with the PySide6 wheel"
    out = tmp_path / "qt_id.qm"
    subprocess.run([lrelease, str(resource_path("translations", "qt_id.ts")), "-qm", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == resource_path("translations", "qt_id.qm").read_bytes(), "run `make translations`"
    assert re.search(r"<name>QPrintDialog</name>", ts) and re.search(r"<name>QFileDialog</name>", ts)


def test_print_and_page_setup_dialogs_have_no_english_left(qtbot, qapp):
    from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
    from PySide6.QtWidgets import QAbstractButton, QGroupBox

    install_indonesian(qapp)
    printer = QPrinter()
    for dialog in (QPrintDialog(printer), QPageSetupDialog(printer)):
        qtbot.addWidget(dialog)
        texts = [dialog.windowTitle()] + [w.text() for w in dialog.findChildren(QLabel)] + \
            [b.text() for b in dialog.findChildren(QAbstractButton)] + [g.title() for g in dialog.findChildren(QGroupBox)]
        shown = " | ".join(t.replace("&", "") for t in texts if t)
        assert not english_in(shown), shown
        assert ("Cetak" in shown) or ("Ukuran kertas" in shown), shown
