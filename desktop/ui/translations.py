"""Qt's own dialogs in Bahasa Indonesia (file, print, page set-up, message and input boxes, context menus).

Qt ships no Indonesian catalogue, so the app carries one: resources/translations/qt_id.ts (the
source, made with Qt's own source strings) compiled by Qt's lrelease to qt_id.qm (`make translations`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.paths import resource_path

CATALOGUE = "qt_id"


def install_indonesian(app: QCoreApplication) -> QTranslator | None:
    """Load the catalogue once per application; also Indonesian dates and numbers (calendar popups)."""
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    existing = app.findChild(QTranslator, CATALOGUE)
    if existing is not None:
        return existing
    translator = QTranslator(app)
    translator.setObjectName(CATALOGUE)
    if not translator.load(str(resource_path("translations", f"{CATALOGUE}.qm"))):
        return None  # a broken install: English dialogs, but the app still works
    app.installTranslator(translator)
    return translator
