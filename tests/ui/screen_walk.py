"""What a person would see wrong on a screen, found by walking its widgets.

`problems(window)` lists, in words, everything that breaks the rules of the screen walk:
- more than one page of the stack visible (one screen painting through another), or any other
  top-level window on screen (a widget shown without a parent opens as a window of its own);
- a widget outside its parent, or smaller than its smallest readable size (its text is cut);
- a table whose columns do not fit (horizontal scroll bar) or whose header text is cut;
- a page that scrolls sideways;
- English (or code) a clerk would read: a known list of words and `snake_case` identifiers.
"""

from __future__ import annotations

import re
from html import unescape

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QSplitterHandle,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

# Words of Qt's or a programmer's English that a clerk must not meet (whole words, case-sensitive).
ENGLISH = ["OK", "Cancel", "Save", "Open", "Close", "Yes", "Apply", "Reset", "Help", "Print", "Name",
           "Properties", "Look in", "File name", "Files of type", "Browse", "Delete", "Edit", "Error", "Warning",
           "Loading", "Submit", "Search", "Back", "Next", "Finish", "Select All", "Undo", "Redo", "Paste",
           "Unknown", "None", "True", "False", "null", "Settings", "Preview", "Template", "Untitled", "Failed",
           "Discard", "Abort", "Retry", "Ignore", "Date", "Applicant", "Page", "page",
           "the ", " the", " and ", " of ", " is ", " not ", "TODO", "Traceback", "Exception"]
_ENGLISH_RE = re.compile("|".join(rf"(?<![\w-]){re.escape(w.strip())}(?![\w-])" if w.strip() == w
                                  else re.escape(w) for w in ENGLISH))


def _codes() -> set[str]:
    """The app's own identifiers a clerk must never read: role codes, step kinds, form field keys."""
    from desktop.models.applications.intake import forms
    from desktop.models.applications.step_kinds import StepKind
    from desktop.models.users.roles import Role

    codes = {r.value for r in Role} | {k.value for k in StepKind}
    codes |= {f["key"] for form in forms().values() for f in form.get("fields", [])}
    return {c for c in codes if "_" in c}


# A code identifier shown as text: sekretaris_lurah, tanda_tangan, nama_usaha…
_CODE_RE = re.compile(r"(?<![\w{@./])(" + "|".join(sorted(map(re.escape, _codes()), key=len, reverse=True))
                      + r")(?![\w}@])")
_TAG_RE = re.compile(r"<[^>]+>")


def visible_text(widget: QWidget) -> list[str]:
    texts: list[str] = []
    if isinstance(widget, QLabel):
        texts.append(unescape(_TAG_RE.sub(" ", widget.text())))
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QComboBox):
        texts.extend(widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTextEdit) and widget.isReadOnly():
        texts.append(widget.toPlainText())
    elif isinstance(widget, QTabBar):
        texts.extend(widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QHeaderView) and widget.model() is not None:
        orientation = widget.orientation()
        count = widget.model().columnCount() if orientation.value == 1 else widget.model().rowCount()
        texts.extend(str(widget.model().headerData(i, orientation) or "") for i in range(count))
    if widget.toolTip():
        texts.append(widget.toolTip())
    return [t for t in texts if t]


def english_in(text: str) -> list[str]:
    found = [m.group(0) for m in _ENGLISH_RE.finditer(text)]
    found += [m.group(0) for m in _CODE_RE.finditer(text)]
    return found


def _internal(widget: QWidget, root: QWidget) -> bool:
    """Parts Qt builds inside a composite widget (scroll bars, a combo's list, a line edit's button)."""
    if isinstance(widget, (QScrollBar, QSplitterHandle)) or isinstance(widget.parentWidget(), QTabBar):
        return True  # a tab bar's scroll arrows are Qt's, sized by Qt
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea):
            return True  # inside a table, list or text view: their parts are not ours
        if isinstance(parent, (QComboBox, QLineEdit)) or type(parent).__name__ in ("QDateEdit", "QSpinBox"):
            return True
        parent = parent.parentWidget()
    return isinstance(widget, QToolButton) and isinstance(widget.parentWidget(), QLineEdit)


def _in_scroll_content(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def layout_problems(root: QWidget, where: str) -> list[str]:
    out: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or _internal(widget, root):
            continue
        name = f"{where}: {type(widget).__name__} {widget.objectName() or ''}".rstrip()
        label = _short(visible_text(widget))
        parent = widget.parentWidget()
        if widget is not root and parent is not None and not isinstance(parent, QStackedWidget):
            scrolled = isinstance(parent.parentWidget(), QScrollArea)  # the scroll area's content
            if not scrolled and not QRect(0, 0, parent.width(), parent.height()).contains(widget.geometry()):
                out.append(f"{name} {label} lies outside its parent {type(parent).__name__} "
                           f"({widget.geometry().getRect()} in {parent.width()}×{parent.height()})")
        hint = widget.minimumSizeHint()
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox)) and hint.isValid():
            needed_h = widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() else hint.height()
            if widget.width() < hint.width() - 1 or widget.height() < min(needed_h, hint.height()) - 1:
                out.append(f"{name} {label} is cut: {widget.width()}×{widget.height()} "
                           f"< {hint.width()}×{hint.height()}")
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.hasHeightForWidth():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                out.append(f"{name} {label} is cut: text needs {needed} px, has {widget.height()}")
        if isinstance(widget, QAbstractItemView) and not _in_scroll_content(widget, root):
            out += _view_problems(widget, name)
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            needed = widget.widget().minimumSizeHint().width()
            if widget.horizontalScrollBar().isVisible() or needed > widget.viewport().width() + 1:
                out.append(f"{name} is cut at the side or scrolls sideways (content needs {needed} px, "
                           f"room {widget.viewport().width()} px)")
    return out


def _view_problems(view: QAbstractItemView, name: str) -> list[str]:
    out = []
    if view.horizontalScrollBar().isVisible() and view.property("walk_allow_sideways") is not True:
        out.append(f"{name} has columns off-screen (horizontal scroll bar)")
    header = getattr(view, "horizontalHeader", None)
    if header is not None and view.model() is not None and header().isVisible():
        h: QHeaderView = header()
        for section in range(h.count()):
            if h.isSectionHidden(section):
                continue
            if h.sectionSize(section) + 1 < h.sectionSizeFromContents(section).width():
                title = view.model().headerData(section, h.orientation())
                out.append(f"{name} column '{title}' is cut ({h.sectionSize(section)} px, needs "
                           f"{h.sectionSizeFromContents(section).width()})")
    return out


def _short(texts: list[str]) -> str:
    text = " ".join(t.strip() for t in texts)[:50]
    return f"'{text}'" if text else ""


def text_problems(root: QWidget, where: str) -> list[str]:
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        for text in visible_text(widget):
            bad = english_in(text)
            if bad:
                out.append(f"{where}: {type(widget).__name__} shows {sorted(set(bad))} in '{text[:80]}'")
    return out


def problems(window, where: str) -> list[str]:
    out = []
    pages = window.visible_pages()
    if pages != [window.stack.currentWidget()]:
        out.append(f"{where}: {len(pages)} pages visible at once: {[type(p).__name__ for p in pages]}")
    others = [w for w in QApplication.topLevelWidgets()
              if w.isVisible() and w is not window and w.isWindow() and not w.inherits("QMenu")]
    if others:
        out.append(f"{where}: other windows on screen: {[type(w).__name__ for w in others]}")
    out += layout_problems(window.centralWidget(), where)
    out += text_problems(window, where)
    return out
