"""What goes on a letter, as plain data: filled from an application, the office and the signer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.models.applications.application import Application
from desktop.models.indonesian import format_date
from desktop.models.residents.repository import SEXES
from desktop.models.settings import OfficeProfile
from desktop.printing.templates import Template, fill


@dataclass
class Signer:
    jabatan: str  # full, for the signature block: "Lurah Kalirejo", "a.n. Camat Kandangan Sekretaris Camat"
    name: str
    pangkat: str = ""
    nip: str = ""
    signature_path: str = ""
    title: str = ""  # short, for running text: "Lurah", "Sekretaris Camat"


@dataclass
class LetterDoc:
    title: str
    number: str
    opening: str
    biodata: list[tuple[str, str]]
    details: list[tuple[str, str]]
    heirs: list[list[str]]
    body: list[str]
    closing: str
    place_date: str
    signer: Signer
    profile: OfficeProfile
    signed: bool = False
    qr_payload: str = ""
    trail: list[str] = field(default_factory=list)  # approval trail, printed on the archive copy only

    def content_fields(self) -> dict[str, Any]:
        """What the QR's content hash covers: the words a reader relies on."""
        return {"number": self.number, "title": self.title, "opening": self.opening, "biodata": self.biodata,
                "details": self.details, "heirs": self.heirs, "body": self.body, "place_date": self.place_date,
                "signer": self.signer.name}


def placeholder_values(app: Application, profile: OfficeProfile, signer: Signer, number: str,
                       when: date) -> dict[str, str]:
    d = app.applicant.details or {}
    born = d.get("tanggal_lahir") or ""
    born_text = format_date(date.fromisoformat(born)) if born else ""
    office = profile.office_name
    values = {
        "nama": app.applicant.name, "nik": app.applicant.nik, "no_kk": d.get("no_kk", ""),
        "tempat_lahir": d.get("tempat_lahir", ""), "tanggal_lahir": born_text,
        "ttl": f"{d.get('tempat_lahir', '')}, {born_text}" if born_text else "",
        "jenis_kelamin": SEXES.get(d.get("jenis_kelamin", ""), ""), "agama": d.get("agama", ""),
        "status_perkawinan": d.get("status_perkawinan", ""), "pekerjaan": d.get("pekerjaan", ""),
        "kewarganegaraan": d.get("kewarganegaraan", "") or ("WNI" if app.applicant.kind == "penduduk" else ""),
        "alamat": d.get("alamat", app.applicant.address), "rt": d.get("rt", ""), "rw": d.get("rw", ""),
        "alamat_lengkap": _full_address(d) or app.applicant.address, "nomor_dokumen": app.applicant.document,
        "perwakilan": app.applicant.representative,
        "nama_kantor": office, "nama_kecamatan": profile.kecamatan.title(),
        "nama_pemerintah": profile.pemerintah.replace("PEMERINTAH ", "").title(),
        "alamat_kantor": profile.alamat, "tempat_surat": profile.tempat_surat,
        "nomor_surat": number, "tanggal_surat": format_date(when), "jabatan_penandatangan": signer.title or signer.jabatan,
        "nama_penandatangan": signer.name, "nomor_permohonan": app.number, "nama_layanan": app.service_name,
    }
    for key, value in app.fields.items():
        if isinstance(value, list):
            continue
        if key.startswith("tanggal") and isinstance(value, str) and len(value) == 10 and value[4] == "-":
            try:
                value = format_date(date.fromisoformat(value))
            except ValueError:
                pass  # printed as typed; signing refuses an impossible date first (letter_check.py)
        values[key] = str(value)
    return values


def _full_address(d: dict[str, Any]) -> str:
    if not d.get("alamat"):
        return ""
    parts = [d["alamat"]]
    if d.get("rt") or d.get("rw"):
        parts.append(f"RT {d.get('rt') or '-'}/RW {d.get('rw') or '-'}")
    if d.get("kelurahan"):
        parts.append(_village(d["kelurahan"]))
    return " ".join(parts)


def _village(name: str) -> str:
    """The applicant's desa or kelurahan as typed ("Desa Kalianyar", "Kelurahan Kalirejo"), or "Kel. X"
    when only the name was typed (a kelurahan's own residents)."""
    words = name.strip().split(maxsplit=1)
    if words and words[0].rstrip(".").lower() in {"desa", "ds", "kelurahan", "kel"}:
        return name.strip()
    return f"Kel. {name.strip()}"


def build_letter(app: Application, template: Template, profile: OfficeProfile, signer: Signer, number: str,
                 when: date, form_fields: list[dict[str, Any]]) -> LetterDoc:
    values = placeholder_values(app, profile, signer, number, when)
    for f in form_fields:  # amounts print with thousands separators: 1.500.000
        raw = str(app.fields.get(f["key"], ""))
        if f.get("type") == "number" and raw.isascii() and raw.isdigit():
            values[f["key"]] = f"{int(raw):,}".replace(",", ".")
    biodata = []
    if "pemohon" in template.blocks:
        rows = [("Nama", "nama"), ("NIK", "nik"), ("Tempat/Tgl. Lahir", "ttl"), ("Jenis Kelamin", "jenis_kelamin"),
                ("Agama", "agama"), ("Status Perkawinan", "status_perkawinan"), ("Pekerjaan", "pekerjaan"),
                ("Kewarganegaraan", "kewarganegaraan"), ("Alamat", "alamat_lengkap")]
        if app.applicant.kind != "penduduk":
            rows = [("Nama", "nama"), ("Nomor dokumen", "nomor_dokumen"), ("Alamat", "alamat_lengkap"),
                    ("Perwakilan", "perwakilan")]
        biodata = [(label, values.get(key) or "-") for label, key in rows]
    details = []
    if "isian" in template.blocks:
        details = [(f["label"], values.get(f["key"]) or "-") for f in form_fields if f.get("type") != "people"]
    heirs = []
    if "ahli_waris" in template.blocks:
        heirs = [[str(c).strip() for c in row] for row in app.fields.get("ahli_waris", []) if isinstance(row, list)]
    return LetterDoc(
        title=fill(template.title, values), number=number, opening=fill(template.opening, values),
        biodata=biodata, details=details, heirs=heirs, body=[fill(b, values) for b in template.body],
        closing=fill(template.closing, values), place_date=f"{profile.tempat_surat}, {format_date(when)}",
        signer=signer, profile=profile)
