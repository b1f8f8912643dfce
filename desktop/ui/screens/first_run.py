"""First-run wizard: office, letterhead, officials, first admin — or a demo office in one click."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
    "kelurahan": [(Role.LURAH, "Lurah"), (Role.SEKRETARIS_LURAH, "Sekretaris Lurah"), (Role.KASI, "Kasi Pelayanan")],
    "kecamatan": [(Role.CAMAT, "Camat"), (Role.SEKRETARIS_CAMAT, "Sekretaris Camat"),
                  (Role.KASI, "Kasi Pemerintahan dan Pelayanan")],
}


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.office)
        layout.addWidget(self.as_kecamatan)
        layout.addWidget(self.as_kelurahan)
        layout.addWidget(self.kelurahan_name)
        layout.addSpacing(16)
        layout.addWidget(self.demo)
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
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Pejabat")
        self.setSubTitle("Pejabat yang memverifikasi, memaraf dan menandatangani. Masing-masing memakai PIN-nya "
                         "sendiri saat menandatangani. Bisa dilengkapi nanti di menu Pengguna.")
        self.grid = QGridLayout(self)
        self.rows: list[tuple[Role, str, dict[str, QLineEdit]]] = []

    def set_level(self, level: str) -> None:
        if self.rows and self.rows[0][1] == level:
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows = []
        for col, title in enumerate(["Jabatan", "Nama lengkap", "NIP", "Pangkat/gol.", "Nama pengguna", "PIN"]):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        for row, (role, jabatan) in enumerate(OFFICIALS[level], start=1):
            edits = {key: QLineEdit() for key in ("jabatan", "full_name", "nip", "pangkat", "username", "pin")}
            edits["jabatan"].setText(jabatan)
            edits["pin"].setEchoMode(QLineEdit.EchoMode.Password)
            for col, key in enumerate(edits):
                self.grid.addWidget(edits[key], row, col)
            self.rows.append((role, level, edits))

    def officials(self) -> list[NewUser]:
        result = []
        for role, _level, e in self.rows:
            if not e["full_name"].text().strip():
                continue  # left for later
            result.append(NewUser(username=e["username"].text().strip(), full_name=e["full_name"].text().strip(),
                                  roles=[role], pin=e["pin"].text(), jabatan=e["jabatan"].text().strip(),
                                  nip=e["nip"].text().strip(), pangkat=e["pangkat"].text().strip()))
        return result


class FirstRunWizard(QWizard):
    sig_completed = Signal()
    """Set-up was saved; the app can show the sign-in screen."""

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

    def next(self) -> None:  # noqa: A003 - Qt slot name
        if self.currentPage() is self.office_page and self.office_page.demo.isChecked():
            self._submit(demo_input(self.office_page.chosen(), self.office_page.kelurahan()))
            return
        super().next()

    def accept(self) -> None:
        if not self.admin_form.pins_match():
            self.message.setText("Kedua PIN admin tidak sama.")
            return
        self._submit(FirstRunInput(profile=self.profile_form.profile(), admin=self.admin_form.new_user(),
                                   officials=self.officials_page.officials()))

    def _submit(self, data: FirstRunInput) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.ctx.tasks.run(lambda: complete_first_run(self.ctx.services, data), self._on_done, self._on_failed)

    def _on_done(self, _result: object) -> None:
        super().accept()
        self.sig_completed.emit()

    def _on_failed(self, exc: Exception) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        # Shown on the page, not in a modal box: the clerk fixes the field and presses Selesai again.
        self.message.setText("Persiapan belum tersimpan: " + error_text(exc))


__all__ = ["FirstRunWizard", "QPushButton"]
