"""Sign-in: user name and PIN. Also used as "Ganti pengguna" at the same PC."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text

if TYPE_CHECKING:
    from desktop.models.users.accounts import User


class SignInScreen(QWidget):
    sig_signed_in = Signal(object)
    """A User whose PIN was just checked."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.setObjectName("signin")
        title = QLabel("Masuk ke Loket")
        title.setObjectName("title")
        self.office_label = QLabel("")
        self.username = QLineEdit()
        self.username.setPlaceholderText("nama pengguna")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("PIN atau kata sandi")
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing() + 4)
        self.submit = QPushButton("Masuk")
        self.submit.setDefault(True)
        for field in (self.username, self.pin):  # a long message grows the box, never squeezes a field
            field.setMinimumHeight(field.sizeHint().height())
        form = QFormLayout()
        form.addRow("Pengguna", self.username)
        form.addRow("PIN", self.pin)
        box = QWidget()
        # A fixed width: a centred box otherwise gets only its size hint, and a wrapped error line
        # squeezed the fields to half their height.
        box.setFixedWidth(400)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(self.office_label)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.submit)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _connect_signals(self) -> None:
        self.submit.clicked.connect(self._on_submit_clicked)
        self.pin.returnPressed.connect(self._on_submit_clicked)
        self.username.returnPressed.connect(self.pin.setFocus)

    def reset(self) -> None:
        """Ready for the next person: empty fields ("Ganti pengguna" is for someone else), cursor in Pengguna."""
        self.username.clear()
        self.pin.clear()
        self.message.clear()
        ready = self.ctx.services is not None
        self.office_label.setText(self.ctx.services.profile.office_name if ready else "Membuka basis data…")
        self.submit.setEnabled(ready)
        self.username.setFocus()

    def _on_submit_clicked(self) -> None:
        username, pin = self.username.text().strip(), self.pin.text()
        if not username or not pin:
            self.message.setText("Isi nama pengguna dan PIN.")
            return
        self.submit.setEnabled(False)
        self.ctx.tasks.run(lambda: self.ctx.services.users.authenticate(username, pin),
                           self._on_authenticated, self._on_failed)

    def _on_authenticated(self, user: User) -> None:
        self.submit.setEnabled(True)
        self.pin.clear()
        self.message.clear()
        self.sig_signed_in.emit(user)

    def _on_failed(self, exc: Exception) -> None:
        self.submit.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        self.message.setText(error_text(exc))
