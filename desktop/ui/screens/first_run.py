"""First-run wizard: office, letterhead, officials, first admin — or a demo office in one click."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.models.catalog.standard import Office
from desktop.models.office.first_run import (
    DEMO_PIN,
    FirstRunInput,
    complete_first_run,
    demo_input,
    profile_from_catalog,
)
from desktop.models.users.accounts import NewUser
from desktop.models.users.roles import Role
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.profile_form import ProfileForm
from desktop.ui.widgets.user_form import UserForm

OFFICIALS = {
    "kelurahan": [(Role.LURAH, "Lurah"), (Role.SEKRETARIS_LURAH, "Sekretaris Lurah"), (Role.KASI, "Kasi Pelayanan"),
                  (Role.PETUGAS, "Petugas Pelayanan")],
    "kecamatan": [(Role.CAMAT, "Camat"), (Role.SEKRETARIS_CAMAT, "Sekretaris Camat"),
                  (Role.KASI, "Kasi Pemerintahan dan Pelayanan"), (Role.PETUGAS, "Petugas Pelayanan")],
}
OFFICIAL_COLUMNS = [("jabatan", "Jabatan"), ("full_name", "Nama lengkap"), ("nip", "NIP"),
                    ("pangkat", "Pangkat/gol."), ("username", "Nama pengguna"), ("pin", "PIN"),
                    ("pin2", "Ulangi PIN")]


class OfficePage(QWizardPage):
    def __init__(self, offices: list[Office], kelurahan_offices: set[str]) -> None:
        super().__init__()
        self.offices = offices
        self.kelurahan_offices = kelurahan_offices
        self.setTitle("Kantor")
        self.setSubTitle("Pilih kantor yang dilayani loket ini (menurut Standar Pelayanan-nya).")
        self.office = QComboBox()
        for office in offices:
            self.office.addItem(f"{office.name} — {office.region or ''}", office.id)
        self.as_kecamatan = QRadioButton("Loket kecamatan")
        self.as_kelurahan = QRadioButton("Loket kelurahan di bawah kecamatan ini:")
        self.kelurahan_name = QLineEdit()
        self.kelurahan_name.setPlaceholderText("nama kelurahan")
        self.as_kecamatan.setChecked(True)
        self.demo = QCheckBox(f"Coba dengan data contoh (akun contoh, PIN {DEMO_PIN}, 500 penduduk fiktif)")
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.office)
        layout.addWidget(self.as_kecamatan)
        layout.addWidget(self.as_kelurahan)
        layout.addWidget(self.kelurahan_name)
        layout.addSpacing(16)
        layout.addWidget(self.demo)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.office.currentIndexChanged.connect(self._on_office_changed)
        self._on_office_changed()

    def chosen(self) -> Office:
        return self.offices[self.office.currentIndex()]

    def kelurahan(self) -> str:
        office = self.chosen()
        if office.id in self.kelurahan_offices and self.as_kelurahan.isChecked():
            return self.kelurahan_name.text().strip()
        return ""

    def _on_office_changed(self, _index: int = 0) -> None:
        # Only a decree that covers the kelurahan under the kecamatan (Kanigaran's Tipe A) lets a
        # kelurahan counter follow it.
        covers_kelurahan = self.chosen().id in self.kelurahan_offices
        for widget in (self.as_kecamatan, self.as_kelurahan, self.kelurahan_name):
            widget.setVisible(covers_kelurahan)
        if not covers_kelurahan:
            self.as_kecamatan.setChecked(True)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.chosen().id in self.kelurahan_offices and self.as_kelurahan.isChecked() and not self.kelurahan():
            QMessageBox.warning(self, "Kantor", "Isi nama kelurahan.")
            return False
        return True


class OfficialsPage(QWizardPage):
    """One row per official and one for the clerk; each types their own PIN twice (or leaves the row)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Pejabat dan petugas")
        self.setSubTitle("Yang memverifikasi, memaraf, menandatangani dan melayani di loket. Masing-masing memakai "
                         "PIN-nya sendiri. Baris yang nama lengkapnya kosong dilewati (bisa dilengkapi nanti di "
                         "menu Pengguna).")
        self.grid = QGridLayout(self)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.rows: list[tuple[Role, str, dict[str, QLineEdit]]] = []

    def set_level(self, level: str) -> None:
        if self.rows and self.rows[0][1] == level:
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() and item.widget() is not self.message:
                item.widget().deleteLater()
        self.rows = []
        for col, (_key, title) in enumerate(OFFICIAL_COLUMNS):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        for row, (role, jabatan) in enumerate(OFFICIALS[level], start=1):
            edits = {key: QLineEdit() for key, _title in OFFICIAL_COLUMNS}
            edits["jabatan"].setText(jabatan)
            edits["username"].setText(_suggested_username(role))
            for key in ("pin", "pin2"):
                edits[key].setEchoMode(QLineEdit.EchoMode.Password)
                edits[key].setMaximumWidth(90)
            for col, (key, _title) in enumerate(OFFICIAL_COLUMNS):
                self.grid.addWidget(edits[key], row, col)
            self.rows.append((role, level, edits))
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(2, 2)
        self.grid.addWidget(self.message, len(self.rows) + 1, 0, 1, len(OFFICIAL_COLUMNS))
        self.grid.setRowStretch(len(self.rows) + 2, 1)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Refuse here, naming the row, a PIN typed differently twice; the rest is checked on saving."""
        for _role, _level, e in self.rows:
            if e["full_name"].text().strip() and e["pin"].text() != e["pin2"].text():
                self.message.setText(f"PIN {e['jabatan'].text() or 'pejabat'} dan ulangannya tidak sama.")
                e["pin2"].setFocus()
                return False
        self.message.clear()
        return True

    def officials(self) -> list[NewUser]:
        result = []
        for role, _level, e in self.rows:
            if not e["full_name"].text().strip():
                continue  # left for later
            result.append(NewUser(username=e["username"].text().strip(), full_name=e["full_name"].text().strip(),
                                  roles=[role], pin=e["pin"].text(), jabatan=e["jabatan"].text().strip(),
                                  nip=e["nip"].text().strip(), pangkat=e["pangkat"].text().strip()))
        return result


def _suggested_username(role: Role) -> str:
    return {Role.SEKRETARIS_LURAH: "seklur", Role.SEKRETARIS_CAMAT: "sekcam"}.get(role, role.value)


class FirstRunWizard(QWizard):
    sig_completed = Signal(object)
    """Set-up was saved. Carries the demo clerk's User, already signed in with the demo PIN, when the
    office is a demo (the app goes straight to work); else None (the app shows the sign-in screen)."""

    def __init__(self, *, ctx: AppContext, offices: list[Office], kelurahan_offices: set[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Loket Kelurahan — persiapan pertama")
        self.setMinimumSize(860, 560)
        self.office_page = OfficePage(offices, kelurahan_offices or set())
        self.profile_page = QWizardPage()
        self.profile_page.setTitle("Kop surat")
        self.profile_page.setSubTitle("Diisi dari keputusan Standar Pelayanan; lengkapi yang masih kosong.")
        self.profile_form = ProfileForm()
        QVBoxLayout(self.profile_page).addWidget(self.profile_form)
        self.officials_page = OfficialsPage()
        self.admin_page = QWizardPage()
        self.admin_page.setTitle("Akun admin pertama")
        self.admin_form = UserForm([Role.PETUGAS])
        self.admin_form.set_roles([])
        self.message = QLabel()
        self.message.setWordWrap(True)
        admin_layout = QVBoxLayout(self.admin_page)
        admin_layout.addWidget(self.admin_form)
        admin_layout.addWidget(self.message)
        for page in (self.office_page, self.profile_page, self.officials_page, self.admin_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Selesai")
        self.setButtonText(QWizard.WizardButton.NextButton, "Lanjut >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Kembali")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Batal")
        self.currentIdChanged.connect(self._on_current_id_changed)

    def _on_current_id_changed(self, page_id: int) -> None:
        if self.page(page_id) is self.profile_page:
            office = self.office_page.chosen()
            self.profile_form.set_profile(profile_from_catalog(office, self.office_page.kelurahan()))
        elif self.page(page_id) is self.officials_page:
            self.officials_page.set_level(self.profile_form.profile().level)

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if getattr(self, "_saved", False):
            return True
        # The Next button (click or Enter) calls this virtual check in C++; overriding `next` in
        # Python is never reached from the button, which is why the demo tick used to do nothing.
        if self.currentPage() is self.office_page and self.office_page.demo.isChecked():
            if self.office_page.validatePage():
                self.office_page.message.setText("Menyiapkan kantor contoh…")
                self._submit(demo_input(self.office_page.chosen(), self.office_page.kelurahan()), demo=True)
            return False
        return super().validateCurrentPage()

    def accept(self) -> None:
        if not self.admin_form.pins_match():
            self.message.setText("Kedua PIN admin tidak sama.")
            return
        self._submit(FirstRunInput(profile=self.profile_form.profile(), admin=self.admin_form.new_user(),
                                   officials=self.officials_page.officials()))

    def _submit(self, data: FirstRunInput, *, demo: bool = False) -> None:
        for button in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.NextButton):
            self.button(button).setEnabled(False)
        services = self.ctx.services

        def work():
            complete_first_run(services, data)
            return services.users.authenticate("petugas", DEMO_PIN) if demo else None

        self.ctx.tasks.run(work, self._on_done, self._on_failed)

    def _on_done(self, clerk: object) -> None:
        # Closing the wizard validates the current page again; on the office page with the demo ticked
        # that would set the office up a second time ("sudah disiapkan"): the set-up is done, let it close.
        self._saved = True
        self.done(QDialog.DialogCode.Accepted)
        self.sig_completed.emit(clerk)

    def _on_failed(self, exc: Exception) -> None:
        for button in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.NextButton):
            self.button(button).setEnabled(True)
        # Shown on the page, not in a modal box: the clerk fixes the field and presses Selesai again.
        text = "Persiapan belum tersimpan: " + error_text(exc)
        self.message.setText(text)
        self.office_page.message.setText(text if self.currentPage() is self.office_page else "")


__all__ = ["FirstRunWizard", "QPushButton"]
