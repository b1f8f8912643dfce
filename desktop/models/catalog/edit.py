"""Admin edits of one service as YAML text: parse, validate with the catalogue's own rules, version."""

from __future__ import annotations

from typing import Any

from desktop.models import audit
from desktop.models.catalog.repository import CatalogRepository
from desktop.models.errors import CatalogError, ValidationError
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission


def service_yaml(catalog: CatalogRepository, service_id: str) -> str:
    import yaml

    service, _version = catalog.service(service_id)
    return yaml.safe_dump(service.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=110)


def save_service_yaml(catalog: CatalogRepository, office_id: str, text: str, user: User, actor: audit.Actor) -> int:
    import yaml
    from pydantic import ValidationError as PydanticError

    from desktop.models.catalog.loader import load_forms
    from desktop.models.catalog.standard import Service
    from desktop.models.yaml_limits import load_yaml

    user = require(user, Permission.EDIT_CATALOG)
    try:
        data: Any = load_yaml(text, "Isian layanan", CatalogError)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" baris {mark.line + 1}" if mark else ""
        raise CatalogError(f"YAML tidak sah{where}: {getattr(exc, 'problem', exc)}.") from None
    try:
        service = Service.model_validate(data)
    except PydanticError as exc:
        first = exc.errors()[0]
        raise CatalogError(f"Isian tidak sah di {'.'.join(str(p) for p in first['loc'])}: {first['msg']}.") from None
    if service.form not in load_forms():
        raise ValidationError(f"Formulir '{service.form}' tidak ada di forms.yaml.")
    return catalog.save_service(service, office_id, actor)
