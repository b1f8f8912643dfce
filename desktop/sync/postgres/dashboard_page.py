"""The kabupaten dashboard as one small HTML page (no scripts; a form to pick the month), behind
HTTP Basic authentication with the password from LOKET_DASHBOARD_PASSWORD. Read-only: GET only."""

from __future__ import annotations

import base64
import hmac
from html import escape
from typing import Any
from urllib.parse import parse_qs

from desktop.models.indonesian import MONTHS
from desktop.sync.postgres.dashboard import Dashboard, load_dashboard

USER = "kabupaten"
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
           ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"),
           ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]
STYLE = """body{font-family:sans-serif;margin:1.2em;color:#1d2733}h1{color:#1f3b5c;margin-bottom:0}
h2{color:#1f3b5c;border-bottom:2px solid #e8edf3;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #c8d0da;padding:.25em .5em}
th{background:#e8edf3;text-align:left}td.n{text-align:right}.late{color:#b00020;font-weight:bold}
.cards{display:flex;gap:1em;margin:1em 0}.card{background:#e8edf3;padding:.6em 1em;border-radius:6px}
.card b{display:block;font-size:1.6em}.muted{color:#667}"""


def _page(title: str, body: str) -> bytes:
    return (f"<!doctype html><html lang='id'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>{body}</body></html>").encode()


def _authorised(environ: dict[str, Any], password: str) -> bool:
    header = environ.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Basic "):
        return False
    try:
        user, _, given = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return False
    return hmac.compare_digest(user.encode(), USER.encode()) & hmac.compare_digest(given.encode(), password.encode())


def _choice(query: dict[str, list[str]], name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(query.get(name, [str(default)])[0])
    except ValueError:
        return default
    return value if low <= value <= high else default


def respond(store: Any, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    if not store.dashboard_password:
        return "404 Not Found", HEADERS, _page("Dasbor", "<p>Dasbor belum diaktifkan di penerima ini "
                                                           "(isi LOKET_DASHBOARD_PASSWORD lalu jalankan ulang).</p>")
    if not _authorised(environ, store.dashboard_password):
        return ("401 Unauthorized", [*HEADERS, ("WWW-Authenticate", 'Basic realm="Dasbor kabupaten", charset="UTF-8"')],
                _page("Dasbor", "<p>Masukkan nama pengguna <b>kabupaten</b> dan kata sandi dasbor.</p>"))
    now = store.clock.now()
    last = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    query = parse_qs(environ.get("QUERY_STRING", ""))
    year = _choice(query, "tahun", last[0], 2000, 2999)
    month = _choice(query, "bulan", last[1] if year == last[0] else 12, 1, 12)
    with store.pool.connection() as conn:
        board = load_dashboard(conn, store.identity.dashboard_role, store.identity.name, now, year, month)
    return "200 OK", HEADERS, _page(f"Dasbor {board.receiver}", render(board))


def _bars(values: list[int]) -> str:
    """Letters per month as an inline SVG bar chart (no script, no external file)."""
    peak = max(values) or 1
    bars = []
    for i, v in enumerate(values):
        h = round(120 * v / peak)
        bars.append(f"<rect x='{10 + i * 40}' y='{130 - h}' width='28' height='{h}' fill='#2f6f9f'>"
                    f"<title>{MONTHS[i]}: {v}</title></rect><text x='{24 + i * 40}' y='146' font-size='10' "
                    f"text-anchor='middle'>{MONTHS[i][:3]}</text>")
    return (f"<svg role='img' aria-label='Surat per bulan' width='500' height='150' "
            f"xmlns='http://www.w3.org/2000/svg'>{''.join(bars)}</svg>")


def render(b: Dashboard) -> str:
    active = sum(o.active for o in b.offices)
    late_last = sum(1 for o in b.offices if o.last_month_report is None)
    options = "".join(f"<option value='{m}'{' selected' if m == b.month else ''}>{MONTHS[m - 1]}</option>"
                      for m in range(1, 13))
    parts = [f"<h1>Dasbor {escape(b.receiver)}</h1><p class='muted'>Hanya baca · data per "
             f"{escape(b.now[:16].replace('T', ' '))}</p>",
             f"<form method='get'><label>Tahun <input name='tahun' size='5' value='{b.year}'></label> "
             f"<label>Bulan <select name='bulan'>{options}</select></label> <button>Tampilkan</button></form>",
             "<div class='cards'>"
             f"<div class='card'>Kantor terdaftar<b id='kantor'>{len(b.offices)}</b></div>"
             f"<div class='card'>Aktif {7} hari terakhir<b id='aktif'>{active}</b></div>"
             f"<div class='card'>Laporan bulan lalu belum masuk<b id='belum'>{late_last}</b></div>"
             f"<div class='card'>Surat {b.year}<b id='surat'>{sum(b.letters_per_month)}</b></div></div>"]
    parts.append("<h2>Kantor</h2><table id='offices'><tr><th>Kode</th><th>Kantor</th><th>Kecamatan</th>"
                 "<th>Kiriman terakhir</th><th>Catatan</th><th>Laporan " + str(b.year) + "</th><th>Kendala</th></tr>")
    for o in b.offices:
        last = (o.last_at or "belum pernah")[:16].replace("T", " ")
        parts.append(f"<tr><td>{escape(o.office_code)}</td><td>{escape(o.name)}</td><td>{escape(o.kecamatan)}</td>"
                     f"<td class='{'' if o.active else 'late'}'>{escape(last)}</td><td class='n'>{o.records}</td>"
                     f"<td class='n'>{o.reports}</td><td>{escape(o.last_error)}</td></tr>")
    parts.append("</table><h2>Laporan bulanan belum masuk</h2>")
    if b.late:
        parts.append("<table id='late'><tr><th>Kode</th><th>Kantor</th><th>Kecamatan</th><th>Bulan</th></tr>")
        for r in b.late:
            months = ", ".join(MONTHS[int(p[5:7]) - 1] for p in r.missing)
            parts.append(f"<tr><td>{escape(r.office_code)}</td><td>{escape(r.name)}</td><td>{escape(r.kecamatan)}</td>"
                         f"<td class='late'>{escape(months)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p id='late'>Semua laporan bulan yang sudah berakhir telah masuk.</p>")
    parts.append(f"<h2>Surat keluar per bulan dan jenis, {b.year}</h2>{_bars(b.letters_per_month)}"
                 "<table id='letters'><tr><th>Jenis surat</th>" + "".join(f"<th>{m[:3]}</th>" for m in MONTHS)
                 + "<th>Jumlah</th></tr>")
    for row in b.letters[:30]:
        parts.append(f"<tr><td>{escape(row.kind)}</td>" + "".join(f"<td class='n'>{v}</td>" for v in row.per_month)
                     + f"<td class='n'><b>{row.total}</b></td></tr>")
    parts.append(f"</table><h2>Waktu layanan per kantor, {MONTHS[b.month - 1]} {b.year}</h2><table id='sla'>"
                 "<tr><th>Kode</th><th>Kantor</th><th>Selesai</th><th>Tepat waktu</th><th>Terlambat</th>"
                 "<th>% tepat</th><th>Terbuka lewat batas</th></tr>")
    for s in b.sla:
        pct = "-" if s.on_time_pct is None else f"{s.on_time_pct:.1f}%".replace(".", ",")
        parts.append(f"<tr><td>{escape(s.office_code)}</td><td>{escape(s.name)}</td><td class='n'>{s.finished}</td>"
                     f"<td class='n'>{s.on_time}</td><td class='n'>{s.late}</td><td class='n'>{pct}</td>"
                     f"<td class='n'>{s.open_late}</td></tr>")
    parts.append("</table>")
    return "".join(parts)
