"""Fields of one account (name, jabatan, NIP, pangkat, roles, PIN); used by first run and the users screen."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QLineEdit, QWidget

from desktop.models.users.accounts import NewUser
from desktop.models.users.roles import Role


class UserForm(QWidget):
    def __init__(self, roles: list[Role], *, with_pin: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.jabatan = QLineEdit()
        self.nip = QLineEdit()
        self.pangkat = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin2 = QLineEdit()
        self.pin2.setEchoMode(QLineEdit.EchoMode.Password)
        self.role_boxes: dict[Role, QCheckBox] = {}
        grid = QGridLayout()
        for i, role in enumerate(roles):
            box = QCheckBox(role.label)
            self.role_boxes[role] = box
            grid.addWidget(box, i // 2, i % 2)
        form = QFormLayout(self)
        form.addRow("Nama pengguna", self.username)
        form.addRow("Nama lengkap (dengan gelar)", self.full_name)
        form.addRow("Jabatan", self.jabatan)
        form.addRow("NIP", self.nip)
        form.addRow("Pangkat/golongan", self.pangkat)
        form.addRow("Peran", grid)
        if with_pin:
            form.addRow("PIN (min. 6)", self.pin)
            # A 6-digit PIN falls in hours to whoever takes the whole PC (README, bench_pin_guess.py).
            self.pin.setPlaceholderText("pejabat penanda tangan: 8 angka atau lebih, atau kata sandi")
            form.addRow("Ulangi PIN", self.pin2)

    def set_roles(self, roles: list[Role]) -> None:
        for role, box in self.role_boxes.items():
            box.setChecked(role in roles)

    def roles(self) -> list[Role]:
        return [role for role, box in self.role_boxes.items() if box.isChecked()]

    def pins_match(self) -> bool:
        return self.pin.text() == self.pin2.text()

    def new_user(self) -> NewUser:
        return NewUser(username=self.username.text().strip(), full_name=self.full_name.text().strip(),
                       roles=self.roles(), pin=self.pin.text(), jabatan=self.jabatan.text().strip(),
                       nip=self.nip.text().strip(), pangkat=self.pangkat.text().strip())

    def clear(self) -> None:
        for edit in (self.username, self.full_name, self.jabatan, self.nip, self.pangkat, self.pin, self.pin2):
            edit.clear()
        self.set_roles([])
