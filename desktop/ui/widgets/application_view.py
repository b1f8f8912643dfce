"""One application on one screen: applicant, fields, requirements, steps and history (HTML)."""

from __future__ import annotations

from html import escape

from desktop.models.applications.application import Application, Event
from desktop.models.applications.status import ChangeAction, Status
from desktop.models.applications.workflow import KIND_LABELS, StepState, step_label
from desktop.models.indonesian import format_date
from desktop.models.users.roles import role_words

ACTIONS: dict[str, str] = {
    ChangeAction.SUBMIT: "Diajukan", ChangeAction.DRAFT: "Disimpan sebagai draf", ChangeAction.RETURN: "Dikembalikan",
    ChangeAction.REJECT: "Ditolak", ChangeAction.CANCEL: "Dibatalkan",
    ChangeAction.KECAMATAN_APPROVED: "Disetujui kecamatan", ChangeAction.KECAMATAN_REJECTED: "Ditolak kecamatan",
    **KIND_LABELS}


def _field_labels(app: Application) -> dict[str, str]:
    try:
        from desktop.models.applications.intake import forms

        form = forms().get(app.standard.get("form", "umum"), {})
        return {f["key"]: f["label"] for f in form.get("fields", [])}
    except Exception:  # noqa: BLE001 - labels are cosmetic; the keys still show
        return {}

STATE = {StepState.DONE: "✔", StepState.ACTIVE: "▶", StepState.PENDING: "·"}


def application_html(app: Application, history: list[Event] | None = None) -> str:
    a = app.applicant
    due = f"{format_date(app.due_at)} {app.due_at:%H.%M}" if app.due_at else "tidak ditentukan"
    parts = [f"<h2>{escape(app.number)} — {escape(app.service_name)}</h2>",
             f"<p><b>Status:</b> {escape(app.status.label)} &nbsp; <b>Batas waktu:</b> {escape(due)}</p>",
             f"<p><b>Pemohon:</b> {escape(a.name)} {('(NIK ' + escape(a.nik) + ')') if a.nik else ''}"
             f"<br>{escape(a.address)}</p>"]
    if app.closed_reason:
        parts.append(f"<p><b>Alasan:</b> {escape(app.closed_reason)}</p>")
    if app.fields:
        labels = _field_labels(app)
        # In the order of the form the clerk filled in (stored fields come back sorted by key).
        order = [k for k in labels if k in app.fields] + [k for k in app.fields if k not in labels]
        rows = "".join(f"<tr><td>{escape(labels.get(k, k))}&nbsp;</td><td>{escape(_value(app.fields[k]))}</td></tr>"
                       for k in order)
        parts.append(f"<h3>Isian</h3><table>{rows}</table>")
    reqs = "".join(f"<li>{'☑' if r.received else '☐'} {escape(r.text)}"
                   f"{(' — ' + escape(r.note)) if r.note else ''}</li>" for r in app.requirements)
    parts.append(f"<h3>Persyaratan</h3><ul>{reqs}</ul>")
    steps = []
    for s in app.steps:
        who = f" — {escape(s.done_by_name)}" if s.done_by_name else ""
        if s.done_role and s.done_role != "sistem":
            who += f" ({escape(role_words(s.done_role))})"
        when = f" ({escape(s.finished_at[11:16])})" if s.finished_at else ""
        note = f"<br><i>{escape(s.note)}</i>" if s.note else ""
        steps.append(f"<li>{STATE.get(s.state, '')} <b>{escape(step_label(s))}</b>: {escape(s.action)}{who}{when}{note}</li>")
    parts.append(f"<h3>Langkah</h3><ol>{''.join(steps)}</ol>")
    if history:
        rows = "".join(f"<tr><td>{e.at:%d-%m-%Y %H.%M}</td><td>{escape(e.user_name)} ({escape(role_words(e.role))})</td>"
                       f"<td>{escape(action_words(e.action))}</td><td>{escape(_status(e.to_status))}</td>"
                       f"<td>{escape(e.note)}</td></tr>"
                       for e in history)
        parts.append(f"<h3>Riwayat</h3><table>{rows}</table>")
    return "".join(parts)


def action_words(action: str) -> str:
    return ACTIONS.get(action, action.replace("_", " ").capitalize())


def _value(value: object) -> str:
    if isinstance(value, list):  # people: [[nama, NIK, hubungan], ...]
        return "; ".join(", ".join(str(c) for c in row) for row in value)
    return str(value)


def _status(value: str) -> str:
    try:
        return Status(value).label
    except ValueError:
        return value
