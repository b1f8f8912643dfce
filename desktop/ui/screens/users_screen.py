"""Pengguna: accounts and their roles (admin only; the model checks it too)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.users.accounts import User
from desktop.models.users.roles import ROLES_BY_LEVEL
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.start_folder import documents
from desktop.ui.widgets.tables import fit_columns, list_table
from desktop.ui.widgets.user_form import UserForm

COLUMNS = ["Nama pengguna", "Nama lengkap", "Jabatan", "Peran", "Aktif"]


class UsersScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._users: list[User] = []
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        list_table(self.table)
        fit_columns(self.table, COLUMNS.index("Jabatan"))
        self.reset_button = QPushButton("Atur ulang PIN…")
        self.edit_button = QPushButton("Muat ke formulir untuk diubah")
        self.save_edit_button = QPushButton("Simpan perubahan")
        self.save_edit_button.setEnabled(False)
        self.signature_button = QPushButton("Pindaian tanda tangan…")
        level = self.ctx.services.profile.level
        self.form = UserForm(ROLES_BY_LEVEL.get(level, ROLES_BY_LEVEL["kelurahan"]))
        self.admin_pin = QLineEdit()
        self.admin_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_pin.setPlaceholderText("PIN Anda (admin): kunci tanda tangan akun baru langsung disahkan")
        self.add_button = QPushButton("Tambah pengguna")
        self.message = QLabel()
        self.message.setWordWrap(True)
        add_box = QGroupBox("Pengguna baru")
        add_layout = QVBoxLayout(add_box)
        add_layout.addWidget(self.form)
        add_layout.addWidget(self.admin_pin)
        add_layout.addWidget(self.add_button)
        top = QHBoxLayout()
        for b in (self.reset_button, self.edit_button, self.save_edit_button, self.signature_button):
            top.addWidget(b)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addLayout(top)
        layout.addWidget(add_box)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.save_edit_button.clicked.connect(self._on_save_edit_clicked)
        self.signature_button.clicked.connect(self._on_signature_clicked)

    def reload(self) -> None:
        self.ctx.tasks.run(lambda: self.ctx.services.users.list(include_inactive=True), self._on_loaded)

    def _on_loaded(self, users: list[User]) -> None:
        self._users = users
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            values = [user.username, user.full_name, user.jabatan, user.roles_label, "ya" if user.active else "tidak"]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))

    def _on_add_clicked(self) -> None:
        if not self.form.pins_match():
            self.message.setText("Kedua PIN tidak sama.")
            return
        new, by, pin = self.form.new_user(), self.ctx.user, self.admin_pin.text()
        self.admin_pin.clear()
        self.ctx.tasks.run(lambda: self.add_user(new, by, pin), self._on_added, self._on_failed)

    def add_user(self, new, by: User, pin: str) -> User:
        """Worker side. With the admin's PIN typed now, the new official's key is certified at once;
        without it, at the admin's next sign-in (until then the official cannot sign)."""
        users = self.ctx.services.users
        acting = users.confirm(by.id, pin) if pin else by
        return users.create(new, acting.actor(), by=acting)

    def _on_added(self, user: User) -> None:
        self.form.clear()
        self.message.setText(f"Pengguna {user.username} ditambahkan.")
        self.reload()

    def _on_reset_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Pilih pengguna di tabel lebih dulu.")
            return
        user = self._users[rows[0].row()]
        pin, ok = QInputDialog.getText(self, "Atur ulang PIN", f"PIN baru untuk {user.full_name}:",
                                       QLineEdit.EchoMode.Password)
        if ok:
            by, admin_pin = self.ctx.user, self.admin_pin.text()
            self.admin_pin.clear()
            users = self.ctx.services.users
            self.ctx.tasks.run(lambda: users.reset_pin(user.id, pin, users.confirm(by.id, admin_pin) if admin_pin
                                                       else by),
                               lambda _r: self.message.setText(f"PIN {user.username} diatur ulang."),
                               self._on_failed)

    def _selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Pilih pengguna di tabel lebih dulu.")
            return None
        return self._users[rows[0].row()]

    def _on_edit_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        self.editing = user
        f = self.form
        f.username.setText(user.username)
        f.username.setEnabled(False)
        f.full_name.setText(user.full_name)
        f.jabatan.setText(user.jabatan)
        f.nip.setText(user.nip)
        f.pangkat.setText(user.pangkat)
        f.set_roles(list(user.roles))
        self.save_edit_button.setEnabled(True)
        self.message.setText(f"Mengubah {user.username}: ubah isian lalu tekan Simpan perubahan.")

    def _on_save_edit_clicked(self) -> None:
        user, by, f = self.editing, self.ctx.user, self.form
        values = dict(full_name=f.full_name.text(), jabatan=f.jabatan.text(), nip=f.nip.text(),
                      pangkat=f.pangkat.text(), roles=f.roles())
        self.ctx.tasks.run(lambda: self.ctx.services.users.update_profile(user.id, by, **values),
                           self._on_edited, self._on_failed)

    def _on_edited(self, user: User) -> None:
        self.form.clear()
        self.form.username.setEnabled(True)
        self.save_edit_button.setEnabled(False)
        self.message.setText(f"Data {user.username} diperbarui.")
        self.reload()

    def _on_signature_clicked(self) -> None:
        user = self._selected()
        if user is None:
            return
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, "Pindaian tanda tangan", documents(), "Gambar (*.png *.jpg *.jpeg)")
        if name:
            self.set_signature(user, name)

    def set_signature(self, user: User, path: str) -> None:
        by = self.ctx.user
        self.ctx.tasks.run(lambda: self.ctx.services.users.set_signature(user.id, path, by),
                           lambda _r: self.message.setText(f"Pindaian tanda tangan {user.full_name} disimpan."),
                           self._on_failed)

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
