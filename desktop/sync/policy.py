"""Which personal data travels to the kecamatan, and the dossier a Tipe B decision needs.

The office decides (settings key "sync_policy"): by default the NIK in summaries travels only as
a keyed hash (HMAC under a secret that stays in the office: residents/nik_hash.py), which the
kecamatan can compare but not reverse. A Tipe B application is different: the camat decides about a named person, so
its dossier carries the applicant's data, the form fields and the requirement checklist.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.models.applications.application import ApplicationReader
from desktop.models.applications.status import Status
from desktop.models.residents.nik_hash import nik_keyed_hash
from desktop.models.settings import SettingsRepository
from desktop.sync import limits

POLICY_KEY = "sync_policy"
NIK_KEYS = ("nik", "applicant_nik")
MAX_ATTACHMENT = 5 * 1024 * 1024


@dataclass
class SyncPolicy:
    hash_nik: bool = True
    drop_fields: list[str] = field(default_factory=list)  # payload keys that never leave the office
    tipe_b_attachments: bool = True
    encrypt: bool = True  # records sealed to the receiving office's key (the manifest stays readable)


def load_policy(settings: SettingsRepository) -> SyncPolicy:
    stored = settings.get_raw(POLICY_KEY, {}) or {}
    names = {f.name for f in dataclasses.fields(SyncPolicy)}
    return SyncPolicy(**{k: v for k, v in stored.items() if k in names})


def redact(payload: dict[str, Any], policy: SyncPolicy, secret: bytes) -> dict[str, Any]:
    """What of `payload` may leave the office; `secret` is office_nik_secret() (never in the payload)."""
    out = {k: v for k, v in payload.items() if k not in policy.drop_fields}
    if policy.hash_nik:
        for key in NIK_KEYS:
            if key in out:
                value = out.pop(key)
                out[f"{key}_hash"] = nik_keyed_hash(str(value), secret) if value else ""
    return out


def dossier(reader: ApplicationReader, app_id: str, policy: SyncPolicy) -> dict[str, Any]:
    """What the kecamatan needs to decide one Tipe B application (data fixed at intake)."""
    app = reader.get(app_id)
    requirements = []
    budget = limits.DOSSIER_ATTACHMENTS_BUDGET  # so the dossier fits the receiver's record limit
    for r in app.requirements:
        item: dict[str, Any] = {"text": r.text, "required": r.required, "received": r.received,
                                "copy_kind": r.copy_kind, "note": r.note}
        if policy.tipe_b_attachments and r.attachment:
            item["attachment"] = _attachment(Path(r.attachment), budget)
            budget -= item["attachment"].get("raw_bytes", 0)
            item["attachment"].pop("raw_bytes", None)
        requirements.append(item)
    return {"applicant": dataclasses.asdict(app.applicant), "fields": app.fields, "requirements": requirements,
            "service_version": app.service_version}


def _attachment(path: Path, budget: int) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError:
        return {"name": path.name, "missing": True}
    if len(data) > min(MAX_ATTACHMENT, budget):
        return {"name": path.name, "too_large": len(data)}
    return {"name": path.name, "sha256": hashlib.sha256(data).hexdigest(),
            "data_b64": base64.b64encode(data).decode("ascii"), "raw_bytes": len(data)}


def is_tipe_b_waiting(entity: str, payload: dict[str, Any]) -> bool:
    return entity == "application" and payload.get("status") == Status.DIKIRIM_KE_KECAMATAN.value
