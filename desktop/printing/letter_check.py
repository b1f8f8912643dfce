"""Render before you number: a letter is laid out and checked before a register number is spent.

What cannot print is refused with a sentence a clerk can act on, naming the field and the
character; nothing is allocated, signed or left half-done (the signing transaction rolls back).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from desktop.models.applications.application import Application
from desktop.models.errors import ValidationError
from desktop.models.settings import OfficeProfile, PaperSettings
from desktop.printing.fonts import unprintable
from desktop.printing.letter_content import LetterDoc, Signer

MAX_PAGES = 2  # a letter with a long list of heirs may run onto a second page; more is a data error
_PAGE = re.compile(rb"/Type /Page[^s]")


def describe_char(char: str) -> str:
    name = unicodedata.name(char, "")
    shown = repr(char) if unicodedata.category(char).startswith("C") else f"'{char}'"
    return f"{shown} (U+{ord(char):04X}{', ' + name.title() if name else ''})"


def _texts(app: Application, profile: OfficeProfile, signer: Signer, fields: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(label, text) of everything the letter prints that a person typed."""
    labels = {f["key"]: f["label"] for f in fields}
    out = [("Nama pemohon", app.applicant.name), ("Alamat pemohon", app.applicant.address),
           ("Nomor dokumen pemohon", app.applicant.document), ("Perwakilan", app.applicant.representative),
           ("Nama penanda tangan", signer.name), ("Jabatan penanda tangan", signer.jabatan),
           ("Pangkat penanda tangan", signer.pangkat), ("NIP penanda tangan", signer.nip),
           ("Kop surat: pemerintah", profile.pemerintah), ("Kop surat: kecamatan", profile.kecamatan),
           ("Kop surat: kelurahan", profile.kelurahan), ("Kop surat: alamat", profile.alamat),
           ("Tempat surat", profile.tempat_surat)]
    out += [(f"Data pemohon: {k}", str(v)) for k, v in (app.applicant.details or {}).items() if isinstance(v, str)]
    for key, value in app.fields.items():
        if isinstance(value, list):
            out += [(f"{labels.get(key, key)} baris {i}", " ".join(str(c) for c in row))
                    for i, row in enumerate(value, 1) if isinstance(row, list)]
        else:
            out.append((labels.get(key, key), str(value)))
    return out


def check_inputs(app: Application, profile: OfficeProfile, signer: Signer, fields: list[dict[str, Any]]) -> None:
    """Dates that exist and characters the letter fonts can print; ValidationError otherwise."""
    for f in fields:
        value = app.fields.get(f["key"])
        if f.get("type") == "date" and value not in (None, ""):
            try:
                date.fromisoformat(str(value))
            except ValueError:
                raise ValidationError(f"Tanggal pada isian '{f['label']}' tidak sah ({value}). Perbaiki "
                                      "tanggalnya (tahun-bulan-hari), lalu tanda tangani lagi; belum ada "
                                      "nomor surat yang terpakai.") from None
    born = (app.applicant.details or {}).get("tanggal_lahir")
    if born:
        try:
            date.fromisoformat(str(born))
        except ValueError:
            raise ValidationError(f"Tanggal lahir pemohon tidak sah ({born}). Perbaiki data penduduknya; "
                                  "belum ada nomor surat yang terpakai.") from None
    for label, text in _texts(app, profile, signer, fields):
        bad = unprintable(text)
        if bad:
            raise ValidationError(f"{label} memuat karakter yang tidak dapat dicetak pada surat: "
                                  f"{', '.join(describe_char(c) for c in bad[:3])}. Perbaiki isiannya; belum ada "
                                  "nomor surat yang terpakai.")


def probe_layout(doc: LetterDoc, paper: PaperSettings, longest_number: str) -> None:
    """Lay the letter out with the longest number it could get; refuse what does not fit."""
    from desktop.printing.letters import render_letter

    trial = LetterDoc(**{**{k: getattr(doc, k) for k in doc.__dataclass_fields__}, "number": longest_number,
                         "signed": True})
    try:
        pdf = render_letter(trial, paper)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - reportlab's LayoutError and friends, in plain words
        raise ValidationError("Surat tidak dapat disusun di kertas: ada isian yang terlalu panjang untuk satu "
                              "halaman (misalnya alamat, keperluan atau nama yang sangat panjang tanpa spasi). "
                              f"Persingkat isiannya; belum ada nomor surat yang terpakai. ({type(exc).__name__})"
                              ) from None
    pages = len(_PAGE.findall(pdf))
    if pages > MAX_PAGES:
        raise ValidationError(f"Surat menjadi {pages} halaman (paling banyak {MAX_PAGES}). Persingkat isian yang "
                              "panjang; belum ada nomor surat yang terpakai.")
