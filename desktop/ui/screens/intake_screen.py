"""Permohonan baru: applicant, service, the service's fields, the decree's checklist, submit.

Keyboard path for a known resident: NIK + Enter, service name + Enter, type the purpose,
"Semua diterima" (Ctrl+Shift+A), Ctrl+Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.applications.application import Applicant, Application, RequirementCheck
from desktop.models.applications.intake import IntakeDraft, duplicate_warnings, form_fields
from desktop.models.applications.workflow import NO_PROCEDURE
from desktop.models.catalog.search import search as search_services
from desktop.models.errors import ValidationError
from desktop.models.indonesian import format_day_date
from desktop.models.residents.repository import Resident
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.field_form import FieldForm
from desktop.ui.widgets.requirements_checklist import RequirementsChecklist
from desktop.ui.widgets.resident_dialog import ResidentDialog
from desktop.ui.widgets.search_picker import SearchPicker

KINDS = [("penduduk", "Penduduk"), ("wna", "Orang asing (WNA)"), ("desa", "Desa / Kepala Desa / BPD"),
         ("lembaga", "Lembaga / kelompok")]


def _describe_service(service) -> str:
    if not service.steps and service.detail_missing:
        return f"{service.name}  (prosedur belum ditentukan admin)"
    return f"{service.name}  ({service.duration.text or 'jangka waktu tidak disebutkan dalam keputusan'})"


class IntakeScreen(QWidget):
    sig_submitted = Signal(object)
    """The Application just created."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = None
        self.resident: Resident | None = None
        self.draft_key: str | None = None
        self._services: list = []
        self._build_ui()
        self._connect_signals()
        office = ctx.services.profile.catalog_office_id
        ctx.tasks.run(lambda: self._offered(office), self._on_services_loaded, owner=self)

    @property
    def items(self) -> list[RequirementCheck]:
        """The requirements of the chosen service with their ticks (held by the checklist)."""
        return self.requirements.items

    def _offered(self, office_id: str) -> list:
        services = self.ctx.services.catalog.services(office_id)
        if self.ctx.services.profile.level == "kelurahan":
            # A kelurahan counter takes what starts at a kelurahan (Tipe A, and Tipe B sent up).
            return [s for s in services if not s.kecamatan_only]
        return [s for s in services if s.ends_at == "kecamatan" or s.type is None]

    # --- construction ----------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.kind = QComboBox()
        for code, label in KINDS:
            self.kind.addItem(label, code)
        self.resident_picker = SearchPicker(
            tasks=self.ctx.tasks, search=self.ctx.services.residents.search,
            describe=lambda r: f"{r.nik} — {r.nama} — {r.alamat} RT {r.rt}/RW {r.rw}"
                               + (f", {r.kelurahan}" if r.kelurahan else ""),
            placeholder="Cari penduduk: NIK atau nama…")
        self.new_resident = QPushButton("Penduduk baru… (F2)")
        self.other_name = QLineEdit()
        self.other_doc = QLineEdit()
        self.other_address = QLineEdit()
        self.other_rep = QLineEdit()
        self.other_box = QGroupBox("Pemohon bukan penduduk")
        other = QFormLayout(self.other_box)
        other.addRow("Nama (desa/lembaga/orang)", self.other_name)
        other.addRow("No. paspor/KITAS atau surat", self.other_doc)
        other.addRow("Alamat", self.other_address)
        other.addRow("Yang datang / penanggung jawab", self.other_rep)
        self.other_box.setVisible(False)
        # Asked each time and used only to tell this applicant the letter is ready (or what is missing).
        self.notify_phone = QLineEdit()
        self.notify_phone.setPlaceholderText("No. HP untuk kabar lewat SMS (boleh kosong; hanya untuk permohonan ini)")
        self.service_picker = SearchPicker(
            tasks=self.ctx.tasks, search=lambda q: search_services(self._services, q),
            describe=_describe_service,
            placeholder="Cari layanan: nama atau singkatan (SKTM, SKU, domisili)…", delay_ms=60)
        self.fields = FieldForm(lambda: self.ctx.services.clock.now().date())
        self.requirements = RequirementsChecklist()
        # The checklist's parts by their old names, for the keyboard path and the tests that click them.
        self.variant, self.checks = self.requirements.variant, self.requirements.checks
        self.all_received, self.attach = self.requirements.all_received, self.requirements.attach
        self.item_note = self.requirements.item_note
        self.warnings = QLabel()
        self.warnings.setObjectName("error")
        self.warnings.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.submit_button = QPushButton("Ajukan (Ctrl+Enter)")
        self.submit_button.setDefault(True)
        self.submit_button.setProperty("keep_in_view", True)  # the screen walk checks it needs no scrolling
        self.draft_button = QPushButton("Simpan draf")
        self.reset_button = QPushButton("Permohonan baru")
        self.receipt_button = QPushButton("Cetak tanda terima (F8)")
        self.receipt_button.setEnabled(False)

        applicant_box = QGroupBox("1. Pemohon")
        a = QVBoxLayout(applicant_box)
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        row.addWidget(self.new_resident)
        a.addLayout(row)
        a.addWidget(self.resident_picker)
        a.addWidget(self.other_box)
        a.addWidget(self.notify_phone)
        service_box = QGroupBox("2. Layanan")
        QVBoxLayout(service_box).addWidget(self.service_picker)
        fields_box = QGroupBox("3. Isian layanan")
        QVBoxLayout(fields_box).addWidget(self.fields)
        # Two columns (who and what | fields and checklist) so that at 1366×768 the whole form fits,
        # and the buttons in a bar below the scrolling part: "Ajukan" is never below the fold.
        left = QVBoxLayout()
        left.addWidget(applicant_box)
        left.addWidget(service_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(fields_box)
        right.addWidget(self.requirements, 1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setFocusProxy(self.resident_picker)

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.resident_picker.sig_picked.connect(self._on_resident_picked)
        self.service_picker.sig_picked.connect(self._on_service_picked)
        self.new_resident.clicked.connect(self._on_new_resident_clicked)
        self.requirements.sig_all_received.connect(self.submit_button.setFocus)
        self.requirements.sig_message.connect(self.message.setText)
        self.submit_button.clicked.connect(lambda: self._submit(as_draft=False))
        self.draft_button.clicked.connect(lambda: self._submit(as_draft=True))
        self.reset_button.clicked.connect(self.reset)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=lambda: self._submit(as_draft=False))
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=lambda: self._submit(as_draft=False))
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, activated=self.requirements.tick_all_required)
        QShortcut(QKeySequence("F2"), self, activated=self._on_new_resident_clicked)
        QShortcut(QKeySequence("F8"), self, activated=self._on_receipt_clicked)
        self.receipt_button.clicked.connect(self._on_receipt_clicked)

    # --- slots -----------------------------------------------------------------------------
    def _on_services_loaded(self, services: list) -> None:
        self._services = services
        pending, self._pending_draft = getattr(self, "_pending_draft", None), None
        if pending is not None:
            self.load_draft(pending)

    def _on_kind_changed(self, _index: int) -> None:
        is_resident = self.kind.currentData() == "penduduk"
        self.resident_picker.setVisible(is_resident)
        self.new_resident.setVisible(is_resident)
        self.other_box.setVisible(not is_resident)

    def _on_resident_picked(self, resident: Resident) -> None:
        self.resident = resident
        self._refresh_warnings()
        self._prefill()
        self.service_picker.edit.setFocus()

    def _on_new_resident_clicked(self) -> None:
        dialog = ResidentDialog(ctx=self.ctx, parent=self)
        dialog.finished.connect(lambda _r: self._after_resident_dialog(dialog))
        dialog.open()
        self.resident_dialog = dialog

    def _after_resident_dialog(self, dialog: ResidentDialog) -> None:
        if dialog.saved is not None:
            self.resident_picker.picked = dialog.saved
            self.resident_picker.chosen.setText("✔ " + self.resident_picker.describe(dialog.saved))
            self._on_resident_picked(dialog.saved)

    def _on_service_picked(self, service) -> None:
        self.service = service
        waiting = not service.steps and not self._goes_to_kecamatan(service)
        self.submit_button.setEnabled(not waiting)
        self.draft_button.setEnabled(not waiting)
        self.requirements.set_service(service)
        self.fields.set_fields(form_fields(service), self._prefill_values())
        self._refresh_warnings()
        target = self.fields.first_empty_required()
        (target or self.all_received).setFocus()

    # --- helpers ---------------------------------------------------------------------------
    def _prefill_values(self) -> dict[str, str]:
        r = self.resident
        if r is None:
            return {}
        return {"alamat_domisili": f"{r.alamat} RT {r.rt}/RW {r.rw}", "pekerjaan": r.pekerjaan}

    def _prefill(self) -> None:
        if self.service is not None:
            values = self.fields.values() | {k: v for k, v in self._prefill_values().items()}
            self.fields.set_fields(form_fields(self.service), {k: str(v) for k, v in values.items() if v})

    def _goes_to_kecamatan(self, service) -> bool:
        return self.ctx.services.profile.level == "kelurahan" and service.type == "B"

    def _refresh_warnings(self) -> None:
        if self.service is not None and not self.service.steps and not self._goes_to_kecamatan(self.service):
            self.warnings.setText(NO_PROCEDURE)  # said at once, not after the clerk has filled everything
            return
        if self.resident is None or self.service is None:
            self.warnings.clear()
            return
        nik, sid = self.resident.nik, self.service.id
        self.ctx.tasks.run(lambda: duplicate_warnings(self.ctx.services.applications, nik, sid),
                           lambda notes: self.warnings.setText("\n".join(notes)), owner=self)

    def applicant(self) -> Applicant | None:
        kind = self.kind.currentData()
        if kind == "penduduk":
            r = self.resident
            if r is None:
                return None
            import dataclasses

            return Applicant(kind="penduduk", name=r.nama, nik=r.nik, resident_id=r.id,
                             address=f"{r.alamat} RT {r.rt}/RW {r.rw}", phone=self.notify_phone.text().strip(),
                             details=dataclasses.asdict(r))
        return Applicant(kind=kind, name=self.other_name.text().strip(), document=self.other_doc.text().strip(),
                         address=self.other_address.text().strip(), representative=self.other_rep.text().strip(),
                         phone=self.notify_phone.text().strip())

    def _submit(self, *, as_draft: bool) -> None:
        applicant = self.applicant()
        if applicant is None or self.service is None:
            self.message.setText("Pilih pemohon dan layanan lebih dulu.")
            return
        requirements = self.requirements.read()
        try:
            fields = self.fields.values()
        except ValidationError as exc:
            self.message.setText(str(exc))  # e.g. a date that is not one: nothing is saved
            return
        if self.draft_key is None:
            from desktop.models.ids import new_uuid

            self.draft_key = new_uuid()
        draft = IntakeDraft(service_id=self.service.id, applicant=applicant, requirements=requirements,
                            fields=fields, variant=self.requirements.chosen_variant(),
                            request_key=self.draft_key)
        user = self.ctx.user
        self.submit_button.setEnabled(False)
        self.ctx.tasks.run(lambda: self.ctx.services.applications.submit(draft, user, as_draft=as_draft),
                           self._on_submitted, self._on_failed)

    def _on_submitted(self, app: Application) -> None:
        self.submit_button.setEnabled(True)
        self.last_application = app
        due = f"Perkiraan selesai: {format_day_date(app.due_at)} pukul {app.due_at:%H.%M}." if app.due_at else \
            "Jangka waktu tidak disebutkan dalam standar."
        self.message.setText(f"Permohonan {app.number} ({app.status.label}). {due}")
        self.receipt_button.setEnabled(app.status.value != "draf")
        # Next at the counter: the receipt (Enter or F8), then "Permohonan baru".
        (self.receipt_button if self.receipt_button.isEnabled() else self.reset_button).setFocus()
        self.sig_submitted.emit(app)

    def _on_receipt_clicked(self) -> None:
        app = getattr(self, "last_application", None)
        if app is None:
            return
        from desktop.models.settings import NotificationSettings, PrinterSettings
        from desktop.paths import archive_dir
        from desktop.printing.receipts import deliver_receipt, receipt_from_application

        services, served_by = self.ctx.services, self.ctx.user.full_name

        def work():
            whatsapp = services.settings.get(NotificationSettings).whatsapp_number
            data = receipt_from_application(app, services.profile, served_by, whatsapp)
            return deliver_receipt(services.settings.get(PrinterSettings), data, archive_dir() / "tanda-terima")

        self.ctx.tasks.run(work, self._on_receipt_done, self._on_failed)

    def _on_receipt_done(self, delivery) -> None:
        self.last_receipt = delivery
        self.message.setText(self.message.text().split(" Tanda terima")[0] + " " + delivery.message)

    def _on_failed(self, exc: Exception) -> None:
        self.submit_button.setEnabled(True)
        self.message.setText(error_text(exc))

    def load_draft(self, app: Application) -> None:
        """Continue a saved draft: same application, same number, the checklist as it was left."""
        from desktop.models.residents.repository import Resident as ResidentRecord

        if not self._services:  # the service list is still loading: continue when it arrives
            self._pending_draft = app
            return
        service = next((s for s in self._services if s.id == app.service_id), None)
        if service is None:
            self.message.setText("Layanan draf ini tidak lagi ditawarkan di loket ini.")
            return
        self.reset()
        details = app.applicant.details or {}
        if app.applicant.kind == "penduduk" and details:
            resident = ResidentRecord(**{k: v for k, v in details.items()
                                         if k in ResidentRecord.__dataclass_fields__})
            self.resident_picker.picked = resident
            self.resident_picker.chosen.setText("✔ " + self.resident_picker.describe(resident))
            self.resident_picker.results.setVisible(False)
            self.resident = resident
        self._on_service_picked(service)
        self.service_picker.chosen.setText("✔ " + self.service_picker.describe(service))
        self.service_picker.results.setVisible(False)
        self.requirements.tick({r.idx for r in app.requirements if r.received})
        self.fields.set_fields(form_fields(service), {k: str(v) for k, v in app.fields.items() if v})
        self.draft_key = self.ctx.services.applications.reader.request_key(app.id)
        self.message.setText(f"Melanjutkan draf {app.number}. Lengkapi persyaratan lalu Ajukan (Ctrl+Enter).")

    def reset(self) -> None:
        """An empty form for the next citizen: nothing of the previous applicant stays (also not a
        non-resident's name or address), the cursor waits in the NIK field."""
        self.service = self.resident = None
        self.kind.setCurrentIndex(0)
        for edit in (self.other_name, self.other_doc, self.other_address, self.other_rep):
            edit.clear()
        self.requirements.clear()
        self.last_application = None
        self.notify_phone.clear()
        self.draft_key = None
        self.resident_picker.reset()
        self.service_picker.reset()
        self.fields.set_fields([])
        self.warnings.clear()
        self.message.clear()
        self.receipt_button.setEnabled(False)
        self.submit_button.setEnabled(True)
        self.draft_button.setEnabled(True)
        self.resident_picker.edit.setFocus()

