"""A letter template as a form in Indonesian (title, opening, data blocks, paragraphs, closing), with
the placeholders a clerk may use listed by what they mean; the YAML file underneath is never shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.printing.templates import APPLICANT_KEYS, LETTER_KEYS, OFFICE_KEYS
from desktop.ui.widgets.tables import wrapping_list

BLOCK_LABELS = {"pemohon": "Data pemohon", "isian": "Isian layanan", "ahli_waris": "Daftar ahli waris"}
BLOCK_HINTS = {"pemohon": "Tabel nama, NIK, tempat/tgl lahir, agama, pekerjaan, alamat pemohon",
               "isian": "Tabel isian layanan yang diketik petugas di loket",
               "ahli_waris": "Tabel ahli waris (nama, NIK, hubungan)"}
KEY_LABELS = {
    "nama": "Nama pemohon", "nik": "NIK pemohon", "no_kk": "Nomor KK", "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir", "ttl": "Tempat, tanggal lahir", "jenis_kelamin": "Jenis kelamin",
    "agama": "Agama", "status_perkawinan": "Status perkawinan", "pekerjaan": "Pekerjaan",
    "kewarganegaraan": "Kewarganegaraan", "alamat": "Alamat (jalan)", "rt": "RT", "rw": "RW",
    "alamat_lengkap": "Alamat lengkap (RT/RW, desa/kelurahan)", "nomor_dokumen": "No. paspor/KITAS/surat",
    "perwakilan": "Yang datang / penanggung jawab", "nama_kantor": "Nama kantor", "nama_kecamatan": "Kecamatan",
    "nama_pemerintah": "Kota/Kabupaten", "alamat_kantor": "Alamat kantor", "tempat_surat": "Tempat pada tanggal",
    "nomor_surat": "Nomor surat", "tanggal_surat": "Tanggal surat", "jabatan_penandatangan": "Jabatan penanda tangan",
    "nama_penandatangan": "Nama penanda tangan", "nomor_permohonan": "Nomor permohonan",
    "nama_layanan": "Nama layanan",
}


class TemplateForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.classification = QLineEdit()
        self.classification.setMaximumWidth(120)
        self.opening = _text(90)
        self.blocks = {key: QCheckBox(label) for key, label in BLOCK_LABELS.items()}
        for key, box in self.blocks.items():
            box.setToolTip(BLOCK_HINTS[key])
        self.body = _text(150)
        self.body.setPlaceholderText("Paragraf isi; pisahkan paragraf dengan satu baris kosong.")
        self.closing = _text(60)
        self.keys = QListWidget()
        wrapping_list(self.keys)
        self.keys.setToolTip("Klik dua kali untuk menyisipkan ke kolom yang sedang diketik.")
        self._last_text: QPlainTextEdit | QLineEdit = self.body
        blocks = QVBoxLayout()
        blocks.setContentsMargins(0, 0, 0, 0)
        for box in self.blocks.values():
            blocks.addWidget(box)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Judul surat", self.title)
        form.addRow("Kode klasifikasi arsip", self.classification)
        form.addRow("Pembuka", self.opening)
        form.addRow("Bagian data", blocks)
        form.addRow("Isi", self.body)
        form.addRow("Penutup", self.closing)
        side = QVBoxLayout()
        hint = QLabel("Isian yang dapat dipakai ({…}):")
        hint.setObjectName("hint")
        side.addWidget(hint)
        side.addWidget(self.keys, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 3)
        layout.addLayout(side, 2)
        for edit in (self.title, self.opening, self.body, self.closing):
            edit.installEventFilter(self)
        self.keys.itemDoubleClicked.connect(self._on_keys_item_double_clicked)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == event.Type.FocusIn and isinstance(obj, (QPlainTextEdit, QLineEdit)):
            self._last_text = obj  # where a double-clicked placeholder goes
        return super().eventFilter(obj, event)

    def set_form_keys(self, form_fields: list[dict[str, Any]]) -> None:
        self.keys.clear()
        own = [(f["key"], f["label"]) for f in form_fields]
        common = [(k, KEY_LABELS.get(k, k)) for k in sorted(APPLICANT_KEYS | OFFICE_KEYS | LETTER_KEYS,
                                                            key=lambda k: KEY_LABELS.get(k, k))]
        for key, label in own + common:
            item = QListWidgetItem(f"{label}  {{{key}}}")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.keys.addItem(item)

    def set_data(self, data: dict[str, Any]) -> None:
        self.title.setText(str(data.get("title") or ""))
        self.classification.setText(str(data.get("classification") or ""))
        self.opening.setPlainText(str(data.get("opening") or ""))
        for key, box in self.blocks.items():
            box.setChecked(key in (data.get("blocks") or []))
        body = data.get("body") or []
        self.body.setPlainText("\n\n".join([body] if isinstance(body, str) else [str(p) for p in body]))
        self.closing.setPlainText(str(data.get("closing") or ""))

    def data(self) -> dict[str, Any]:
        paragraphs = [" ".join(p.split()) for p in self.body.toPlainText().split("\n\n") if p.strip()]
        return {"format": 1, "title": self.title.text().strip(), "classification": self.classification.text().strip(),
                "opening": " ".join(self.opening.toPlainText().split()),
                "blocks": [k for k, box in self.blocks.items() if box.isChecked()], "body": paragraphs,
                "closing": " ".join(self.closing.toPlainText().split())}

    def yaml_text(self) -> str:
        import yaml

        return yaml.safe_dump(self.data(), allow_unicode=True, sort_keys=False, width=100)

    def _on_keys_item_double_clicked(self, item: QListWidgetItem) -> None:
        self._last_text.insert(f"{{{item.data(Qt.ItemDataRole.UserRole)}}}") if isinstance(self._last_text, QLineEdit) \
            else self._last_text.insertPlainText(f"{{{item.data(Qt.ItemDataRole.UserRole)}}}")
        self._last_text.setFocus()


def _text(height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(height)
    return edit
