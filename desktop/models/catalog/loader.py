"""Reading and validating catalogue files; every error names the file and the entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError as PydanticError

from desktop.models.catalog.standard import CatalogFile
from desktop.models.errors import CatalogError
from desktop.models.yaml_limits import load_yaml
from desktop.paths import resource_path


def catalog_dir() -> Path:
    return resource_path("catalog")


def catalog_files(folder: Path | None = None) -> list[Path]:
    folder = folder or catalog_dir()
    return sorted(p for p in folder.glob("*.yaml") if p.name != "forms.yaml" and not p.name.startswith("_"))


def load_forms(path: Path | None = None) -> dict[str, dict[str, Any]]:
    path = path or catalog_dir() / "forms.yaml"
    data = _read_yaml(path)
    forms = data.get("forms") if isinstance(data, dict) else None
    if not isinstance(forms, dict):
        raise CatalogError(f"{path.name}: kunci 'forms' tidak ada atau bukan peta.")
    return forms


def load_catalog_file(path: Path, forms: dict[str, Any] | None = None) -> CatalogFile:
    """Parse and validate one office file; raises CatalogError naming file and entry."""
    data = _read_yaml(path)
    try:
        catalog = CatalogFile.model_validate(data)
    except PydanticError as exc:
        raise CatalogError(_describe(path, data, exc)) from None
    forms = forms if forms is not None else load_forms()
    for index, service in enumerate(catalog.services):
        if service.form not in forms:
            raise CatalogError(f"{path.name}: layanan #{index + 1} ('{service.id}'): formulir "
                               f"'{service.form}' tidak ada di forms.yaml.")
        if not service.id.startswith(catalog.office.id + "-"):
            raise CatalogError(f"{path.name}: layanan #{index + 1} ('{service.id}'): id harus diawali "
                               f"'{catalog.office.id}-'.")
    return catalog


def load_all(folder: Path | None = None) -> list[CatalogFile]:
    forms = load_forms((folder or catalog_dir()) / "forms.yaml")
    catalogs = [load_catalog_file(p, forms) for p in catalog_files(folder)]
    seen: dict[str, str] = {}
    for path, catalog in zip(catalog_files(folder), catalogs):
        if catalog.office.id in seen:
            raise CatalogError(f"{path.name}: kantor '{catalog.office.id}' sudah ada di {seen[catalog.office.id]}.")
        seen[catalog.office.id] = path.name
    return catalogs


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"Berkas katalog {path} tidak dapat dibaca: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise CatalogError(f"Berkas katalog {path.name} bukan teks UTF-8.") from None
    try:
        return load_yaml(text, path.name, CatalogError)  # size and alias limits first
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogError(f"{path.name}{where}: YAML tidak sah ({problem}).") from None


def _describe(path: Path, data: Any, exc: PydanticError) -> str:
    first = exc.errors()[0]
    loc = list(first["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "services" and isinstance(loc[1], int):
        index = loc[1]
        sid = "?"
        try:
            sid = data["services"][index].get("id", "?")
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
        rest = ".".join(str(p) for p in loc[2:]) or "(entri)"
        where = f"layanan #{index + 1} ('{sid}'), {rest}"
    else:
        where = ".".join(str(p) for p in loc) or "(berkas)"
    more = f" (dan {exc.error_count() - 1} kesalahan lain)" if exc.error_count() > 1 else ""
    return f"Katalog {path.name} rusak: {where}: {first['msg']}{more}."
