"""Pengaduan: the complaint register — record, assign to the Koordinator Pengaduan, respond,
resolve; late ones in red; export for re-keying into SP4N-LAPOR!."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.models.complaints.record import Complaint
from desktop.models.users.roles import Permission, Role
from desktop.ui.context import AppContext
from desktop.ui.table_models.complaints_model import Column, ComplaintsTableModel
from desktop.ui.tasks import error_text
from desktop.ui.widgets.complaint_form import ComplaintDialog
from desktop.ui.widgets.start_folder import in_documents
from desktop.ui.widgets.tables import fit_columns, list_table


class ComplaintsScreen(QWidget):
    sig_loaded = Signal()
    """The list shows the register as it is now."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Complaint | None = None
        self.dialog: ComplaintDialog | None = None
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        user = self.ctx.user
        self.model = ComplaintsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table)
        fit_columns(self.table, Column.SUBJECT, Column.WHO)  # eight columns must fit 1024 px too
        self.open_only = QCheckBox("Hanya yang belum selesai")
        self.open_only.setChecked(True)
        self.count = QLabel()
        self.new_button = QPushButton("Catat pengaduan…")
        self.new_button.setEnabled(user.can(Permission.REGISTER_COMPLAINT))
        self.assign_button = QPushButton("Tugaskan ke Koordinator…")
        self.respond_button = QPushButton("Tanggapi…")
        self.resolve_button = QPushButton("Selesaikan…")
        self.export_button = QPushButton("Ekspor SP4N-LAPOR!…")
        self.detail = QTextBrowser()
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        for w in (self.new_button, self.open_only, self.count):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.export_button)
        actions = QHBoxLayout()
        for b in (self.assign_button, self.respond_button, self.resolve_button):
            actions.addWidget(b)
        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.detail)
        r.addLayout(actions)
        r.addWidget(self.message)
        # The list above the complaint, not beside it: eight columns keep the full width (1024 px too).
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([300, 400])
        own = QWidget()
        layout = QVBoxLayout(own)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        outer = QVBoxLayout(self)
        if self.ctx.services.profile.level == "kecamatan":  # it also watches the kelurahan's complaints
            from desktop.ui.widgets.kelurahan_complaints import KelurahanComplaints

            self.kelurahan = KelurahanComplaints(ctx=self.ctx)
            self.tabs = QTabWidget()
            self.tabs.addTab(own, "Di kantor ini")
            self.tabs.addTab(self.kelurahan, "Dari kelurahan")
            outer.addWidget(self.tabs)
        else:
            outer.addWidget(own)
        self._set_actions(None)

    def _connect_signals(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.open_only.toggled.connect(self.reload)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.assign_button.clicked.connect(self._on_assign_clicked)
        self.respond_button.clicked.connect(self._on_respond_clicked)
        self.resolve_button.clicked.connect(self._on_resolve_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)

    # --- list ------------------------------------------------------------------------------
    def reload(self) -> None:
        reg, open_only = self.ctx.services.complaints, self.open_only.isChecked()
        self.ctx.tasks.run(lambda: (reg.list(open_only=open_only), self.ctx.services.clock.now()), self._on_loaded)

    def _on_loaded(self, result: tuple) -> None:
        rows, now = result
        self.model.set_rows(rows, now, self.ctx.user.can(Permission.HANDLE_COMPLAINT))
        late = sum(1 for i in range(len(rows)) if self.model.is_late(i))
        self.count.setText(f"{len(rows)} pengaduan" + (f", {late} terlambat" if late else ""))
        self.current = None
        self._set_actions(None)
        self.sig_loaded.emit()

    def _on_table_selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        complaint = self.model.rows[rows[0].row()]
        reg = self.ctx.services.complaints
        self.ctx.tasks.run(lambda: (reg.get(complaint.id), reg.history(complaint.id)), self._on_detail_loaded)

    def _on_detail_loaded(self, result: tuple) -> None:
        c, history = result
        self.current = c
        see = self.ctx.user.can(Permission.HANDLE_COMPLAINT)
        contact = c.contact if (see or not c.confidential) and not c.anonymous else "-"
        lines = [f"<h3>{escape(c.number)} — {escape(c.status_label)}</h3>",
                 f"<p><b>{escape(c.subject)}</b><br>{escape(c.description)}</p>",
                 f"<p>Pelapor: {escape(c.who(see))} · Kontak: {escape(contact)} · Saluran: {escape(c.channel)}<br>"
                 f"Lokasi: {escape(c.location or '-')} · Diadukan: {escape(c.reported_party or '-')}<br>"
                 f"Kategori: {escape(c.category_label)} · Layanan: {escape(c.service_name or '-')}<br>"
                 f"Tanggapan pertama paling lambat {c.first_response_due:%d-%m-%Y %H.%M}; "
                 f"selesai paling lambat {c.resolution_due:%d-%m-%Y %H.%M}</p>", "<ul>"]
        lines += [f"<li>{e.at:%d-%m %H.%M} {escape(e.user_name)}: {escape(e.note)}</li>" for e in history]
        self.detail.setHtml("".join(lines) + "</ul>")
        self._set_actions(c)

    def _set_actions(self, c: Complaint | None) -> None:
        user = self.ctx.user
        handle = user.can(Permission.HANDLE_COMPLAINT)
        mine = c is not None and c.assignee_id == user.id
        open_ = c is not None and c.is_open
        self.assign_button.setEnabled(open_ and handle)
        self.respond_button.setEnabled(open_ and (handle or mine))
        self.resolve_button.setEnabled(open_ and (handle or mine))

    # --- actions ---------------------------------------------------------------------------
    def _on_new_clicked(self) -> None:
        self.dialog = ComplaintDialog(self)
        self.dialog.accepted.connect(lambda: self.register(self.dialog.value()))
        self.dialog.open()

    def register(self, new) -> None:
        reg, user = self.ctx.services.complaints, self.ctx.user
        self.ctx.tasks.run(lambda: reg.register(new, user), self._on_changed, self._on_failed)

    def _on_assign_clicked(self) -> None:
        self.ctx.tasks.run(lambda: self.ctx.services.users.by_role(Role.KOORDINATOR), self._choose_assignee)

    def _choose_assignee(self, people: list) -> None:
        if not people:
            self.message.setText("Belum ada akun Koordinator Pengaduan. Admin menambahkannya di menu Pengguna.")
            return
        names = [p.full_name for p in people]
        name, ok = QInputDialog.getItem(self, "Tugaskan", "Koordinator Pengaduan:", names, 0, False)
        if ok and self.current is not None:
            self.assign(people[names.index(name)].id)

    def assign(self, assignee_id: str) -> None:
        cid, reg, user = self.current.id, self.ctx.services.complaints, self.ctx.user
        self.ctx.tasks.run(lambda: reg.assign(cid, assignee_id, user), self._on_changed, self._on_failed)

    def _on_respond_clicked(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "Tanggapi", "Tanggapan kepada pelapor:")
        if ok and self.current is not None:
            self.respond(text)

    def respond(self, text: str) -> None:
        cid, reg, user = self.current.id, self.ctx.services.complaints, self.ctx.user
        self.ctx.tasks.run(lambda: reg.respond(cid, text, user), self._on_changed, self._on_failed)

    def _on_resolve_clicked(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "Selesaikan", "Hasil penyelesaian:")
        if ok and self.current is not None:
            self.resolve(text)

    def resolve(self, text: str) -> None:
        cid, reg, user = self.current.id, self.ctx.services.complaints, self.ctx.user
        self.ctx.tasks.run(lambda: reg.resolve(cid, text, user), self._on_changed, self._on_failed)

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Ekspor untuk SP4N-LAPOR!", in_documents("pengaduan-lapor.xlsx"),
                                              "Excel (*.xlsx);;CSV (*.csv)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        from desktop.models.complaints import lapor_export

        services = self.ctx.services
        write = lapor_export.to_csv if path.suffix.lower() == ".csv" else lapor_export.to_xlsx
        self.ctx.tasks.run(lambda: write(services.complaints.list(), services.profile.office_name, path),
                           lambda p: self.message.setText(f"Diekspor ke {p}."), self._on_failed)

    def _on_changed(self, c: Complaint) -> None:
        self.message.setText(f"{c.number}: {c.status_label}.")
        self.reload()

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
