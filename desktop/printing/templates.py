"""Letter templates (resources/templates/*.yaml): loading, checking placeholders, filling them in."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.models.errors import ValidationError
from desktop.models.format_template import fields, render_check
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission
from desktop.models.yaml_limits import load_yaml
from desktop.paths import resource_path

APPLICANT_KEYS = {"nama", "nik", "no_kk", "tempat_lahir", "tanggal_lahir", "ttl", "jenis_kelamin", "agama",
                  "status_perkawinan", "pekerjaan", "kewarganegaraan", "alamat", "rt", "rw", "alamat_lengkap",
                  "nomor_dokumen", "perwakilan"}
OFFICE_KEYS = {"nama_kantor", "nama_kecamatan", "nama_pemerintah", "alamat_kantor", "tempat_surat"}
LETTER_KEYS = {"nomor_surat", "tanggal_surat", "jabatan_penandatangan", "nama_penandatangan", "nomor_permohonan",
               "nama_layanan"}
BLOCKS = {"pemohon", "isian", "ahli_waris"}


@dataclass
class Template:
    name: str
    title: str
    classification: str
    opening: str
    blocks: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    closing: str = ""

    def texts(self) -> list[str]:
        return [self.title, self.opening, *self.body, self.closing]


def templates_dir() -> Path:
    return resource_path("templates")


def office_templates_dir() -> Path:
    """The office's own edited templates (data folder): searched before the bundled ones."""
    from desktop.paths import data_dir

    path = data_dir() / "templates"
    path.mkdir(parents=True, exist_ok=True)
    return path


def allowed_placeholders(form_keys: set[str]) -> set[str]:
    return APPLICANT_KEYS | OFFICE_KEYS | LETTER_KEYS | form_keys


def placeholders(text: str, where: str = "Templat") -> set[str]:
    """Plain placeholder names only (format_template.fields refuses attribute access, nesting, {}…)."""
    return fields(text, where)


def parse_template(name: str, data: Any, form_keys: set[str]) -> Template:
    """Validate a template; unknown placeholders are named, so an admin fixes them before a citizen waits."""
    if not isinstance(data, dict):
        raise ValidationError(f"Templat {name}: isi harus berupa peta YAML.")
    missing = [k for k in ("title", "opening", "closing") if not data.get(k)]
    if missing:
        raise ValidationError(f"Templat {name}: kunci wajib kosong: {', '.join(missing)}.")
    body = data.get("body") or []
    body = [body] if isinstance(body, str) else list(body)
    blocks = data.get("blocks") or []
    if not isinstance(blocks, list) or not all(isinstance(b, str) for b in blocks):
        raise ValidationError(f"Templat {name}: 'blocks' harus daftar nama blok ({', '.join(sorted(BLOCKS))}).")
    template = Template(name=name, title=str(data["title"]), classification=str(data.get("classification") or ""),
                        opening=str(data["opening"]), blocks=list(blocks),
                        body=[str(b) for b in body], closing=str(data["closing"]))
    bad_blocks = set(template.blocks) - BLOCKS
    if bad_blocks:
        raise ValidationError(f"Templat {name}: blok tidak dikenal: {', '.join(sorted(bad_blocks))}.")
    allowed = allowed_placeholders(form_keys)
    unknown = set().union(*(placeholders(t, f"Templat {name}") for t in template.texts())) - allowed
    if unknown:
        raise ValidationError(f"Templat {name}: placeholder tidak dikenal: "
                              + ", ".join("{" + u + "}" for u in sorted(unknown)) + ".")
    # Rendered once as the letter will be (every value is text), so a format spec that fails on
    # text is refused now, not when a citizen waits for the signed letter.
    sample = {key: "Contoh" for key in allowed}
    for text in template.texts():
        render_check(text, sample, f"Templat {name}")
    return template


@lru_cache(maxsize=256)
def _read(path: Path, mtime: float) -> Any:
    import yaml

    try:
        return load_yaml(path.read_text(encoding="utf-8"), f"Templat {path.name}", ValidationError)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Templat {path.name}: YAML tidak sah ({exc}).") from None


def find_template(name: str) -> Path | None:
    """The office's edited copy of a template if there is one, else the bundled one."""
    for folder in (office_templates_dir(), templates_dir()):
        path = folder / f"{name}.yaml"
        if path.exists():
            return path
    return None


def load_template(service_id: str, form: str, form_keys: set[str], folder: Path | None = None) -> Template:
    """The service's own template, else its form's, else the generic surat keterangan."""
    for name in (service_id, form, "umum"):
        path = (folder / f"{name}.yaml") if folder else find_template(name)
        if path is not None and path.exists():
            return parse_template(path.name, _read(path, path.stat().st_mtime), form_keys)
    raise ValidationError("Templat surat umum (umum.yaml) tidak ditemukan.")


def titled_for(template: Template, service: Any) -> Template:
    """The letter's title is the product the service's decree names (`letter_title`), when the catalogue
    gives one; templates shared by several services (nikah, skck…) would otherwise print one title for all."""
    import dataclasses

    title = getattr(service, "letter_title", None)
    return dataclasses.replace(template, title=title) if title else template


def save_template(path: Path, text: str, form_keys: set[str], by: User) -> Template:
    """Check then write (what the in-app editor calls); `by` must be allowed to edit templates."""
    import yaml

    require(by, Permission.EDIT_TEMPLATES)

    try:
        data = load_yaml(text, f"Templat {path.name}", ValidationError)
    except yaml.YAMLError as exc:
        raise ValidationError(f"Templat {path.name}: YAML tidak sah ({exc}).") from None
    template = parse_template(path.name, data, form_keys)
    path.write_text(text, encoding="utf-8")
    return template


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "-"


def fill(text: str, values: dict[str, str]) -> str:
    return string.Formatter().vformat(text, (), _Blank({k: (v if v not in ("", None) else "-")
                                                        for k, v in values.items()}))
