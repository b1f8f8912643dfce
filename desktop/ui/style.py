"""One calm, high-contrast look for a screen used all day.

The field with the keyboard focus always carries a thick blue frame (buttons, fields, lists,
check boxes alike): a clerk who looks up from the citizen's papers sees at once where typing
will land.
"""

from __future__ import annotations

FOCUS = "#1565c0"

STYLE = f"""
QLabel#title {{ font-size: 16pt; font-weight: 600; color: #1f3a5f; }}
QLabel#error {{ color: #b00020; }}
QLabel#hint {{ color: #4a5560; }}
QListWidget#nav {{ background: #1f3a5f; color: white; border: none; font-size: 11pt; outline: 0; }}
QListWidget#nav::item {{ padding: 9px 14px; }}
QListWidget#nav::item:selected {{ background: #2e5a8f; border-left: 4px solid #f2b134; }}

QPushButton {{ padding: 5px 12px; border: 1px solid #8a96a3; border-radius: 3px; background: #f7f8fa;
               color: #1b1f23; }}
QPushButton:hover {{ background: #e6edf6; }}
QPushButton:pressed {{ background: #d2deec; }}
QPushButton:disabled {{ color: #98a1ab; background: #eef0f2; border-color: #c9ced4; }}
QPushButton:focus {{ border: 2px solid {FOCUS}; padding: 4px 11px; }}
QPushButton:default {{ background: #1f6f43; color: white; border-color: #17583a; }}
QPushButton:default:hover {{ background: #248250; }}
QPushButton:default:disabled {{ background: #9db8a8; color: #eef3ef; }}
QPushButton:default:focus {{ border: 2px solid {FOCUS}; padding: 4px 11px; }}

QLineEdit, QPlainTextEdit, QTextEdit, QDateEdit, QComboBox {{
    border: 1px solid #8a96a3; border-radius: 3px; padding: 3px 4px; background: white; }}
QComboBox {{ padding-right: 20px; }}
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: border; subcontrol-position: top right; width: 20px;
    border-left: 1px solid #c0c7cf; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{{arrow}}"); width: 10px; height: 6px; }}
QLineEdit:disabled, QComboBox:disabled {{ background: #eef0f2; color: #6b747d; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QDateEdit:focus, QComboBox:focus {{
    border: 2px solid {FOCUS}; padding: 2px 3px; }}
QComboBox:focus {{ padding-right: 19px; }}
QComboBox QAbstractItemView {{ background: white; color: #1b1f23; selection-background-color: #2e5a8f;
    selection-color: white; outline: 0; }}
QTableView:focus, QListWidget:focus, QTextBrowser:focus, QTreeView:focus {{ border: 2px solid {FOCUS}; }}
QCheckBox:focus, QRadioButton:focus {{ background: #dce9f9; border-radius: 3px; }}
"""


def apply_style(app) -> None:
    if app is not None:
        # The base size as the application font, not a QWidget stylesheet rule: a stylesheet font-size
        # would override every setFont(), e.g. the waiting-room board's large numbers.
        font = app.font()
        font.setPointSizeF(10.5)
        app.setFont(font)
        from desktop.paths import resource_path

        arrow = resource_path("images", "panah-bawah.png").as_posix()
        app.setStyleSheet(STYLE.replace("{arrow}", arrow))
