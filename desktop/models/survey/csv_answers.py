"""Answers from a CSV file (`loket skm ikm --responses FILE.csv`): columns u1…u9 with 1–4, and
optionally jenis_kelamin, umur, pendidikan, pekerjaan. A bad row is refused by its line number;
nothing is half read."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.models.errors import ValidationError
from desktop.models.survey.responses import SurveyAnswers
from desktop.models.survey.unsur import CHARACTERISTIC_KEYS, CODES, umur_band

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000


def read_answers_csv(path: Path) -> list[SurveyAnswers]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Berkas {path} tidak dapat dibaca: {exc.strerror}.") from exc
    if len(raw) > MAX_BYTES:
        raise ValidationError(f"Berkas {path.name} terlalu besar (lebih dari 50 MB).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel on Windows saves CSV in ANSI
    return parse_answers_csv(text, path.name)


def parse_answers_csv(text: str, name: str = "CSV") -> list[SurveyAnswers]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header:
            raise ValidationError(f"{name}: berkas kosong.")
        columns = {h.strip().lower(): i for i, h in enumerate(header)}
        missing = [c for c in CODES if c not in columns]
        if missing:
            raise ValidationError(f"{name}: kolom {', '.join(missing)} tidak ada (perlu kolom u1 sampai u9).")
        out: list[SurveyAnswers] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(out) >= MAX_ROWS:
                raise ValidationError(f"{name}: lebih dari {MAX_ROWS:,} baris.".replace(",", "."))
            out.append(_answers(row, columns, f"{name} baris {reader.line_num}: "))
    except csv.Error as exc:  # a broken quote, a stray carriage return, a field too large
        raise ValidationError(f"{name} baris {reader.line_num}: bukan CSV yang sah ({exc}).") from exc
    return out


SEX_CODES = {"L": "Laki-laki", "P": "Perempuan", "LAKI-LAKI": "Laki-laki", "PEREMPUAN": "Perempuan"}


def _cell(row: list[str], columns: dict[str, int], key: str) -> str:
    i = columns.get(key)
    return row[i].strip() if i is not None and i < len(row) else ""


def _answers(row: list[str], columns: dict[str, int], where: str) -> SurveyAnswers:
    scores = []
    for code in CODES:
        value = _cell(row, columns, code)
        if value not in ("1", "2", "3", "4"):
            raise ValidationError(f"{where}nilai {code} harus 1, 2, 3 atau 4 (tertulis: '{value[:20]}').")
        scores.append(int(value))
    extra = {key: _cell(row, columns, key) for key in CHARACTERISTIC_KEYS}
    if extra["umur"].isdigit():
        extra["umur"] = umur_band(int(extra["umur"]))
    # Spreadsheets write sex as L/P (as on the KTP); the questionnaire's words are kept in storage.
    extra["jenis_kelamin"] = SEX_CODES.get(extra["jenis_kelamin"].upper(), extra["jenis_kelamin"])
    answers = SurveyAnswers(scores=tuple(scores), **extra)
    try:
        answers.validate()
    except ValidationError as exc:
        raise ValidationError(f"{where}{exc}") from exc
    return answers
