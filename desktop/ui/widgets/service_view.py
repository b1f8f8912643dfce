"""The full standard of one service as HTML for a QTextBrowser."""

from __future__ import annotations

from html import escape

from desktop.models.catalog.standard import Service
from desktop.models.indonesian import rupiah

ROLE_NAMES = {"pemohon": "Pemohon", "petugas": "Petugas", "kasi": "Kasi", "sekretaris_lurah": "Sekretaris Lurah",
              "lurah": "Lurah", "sekretaris_camat": "Sekretaris Camat", "camat": "Camat",
              "koordinator": "Koordinator", "luar": "Instansi lain", "sistem": "Sistem", "kasubbag": "Kasubbag"}


def _items(values: list[str]) -> str:
    return "<ol>" + "".join(f"<li>{escape(v)}</li>" for v in values) + "</ol>" if values else "<p>-</p>"


def service_html(s: Service) -> str:
    parts = [f"<h2>{escape(s.name)}</h2>"]
    meta = []
    if s.number:
        meta.append(f"No. {escape(s.number)}")
    if s.type:
        meta.append(f"Tipe {escape(s.type)} (selesai di {escape(s.ends_at)})")
    if s.abbreviations:
        meta.append("Singkatan: " + escape(", ".join(s.abbreviations)))
    if meta:
        parts.append("<p>" + " · ".join(meta) + "</p>")
    if s.admin_check:
        parts.append("<table width='100%' cellpadding='6' style='background:#fff3cd'><tr><td>"
                     "<b>Perlu diperiksa admin:</b>" + _items(s.admin_check) + "</td></tr></table>")
    if s.detail_missing:
        parts.append("<p><b>Layanan ini tercantum dalam keputusan tetapi tanpa tabel rincian"
                     + ("" if s.steps else "; belum dapat diajukan sampai admin menentukan prosedurnya") + ".</b></p>")
    if s.letter_title:
        parts.append(f"<p>Judul surat: <b>{escape(s.letter_title)}</b> (produk menurut keputusan)</p>")
    reqs = []
    for r in s.requirements:
        extra = [x for x in (r.variant and f"varian: {r.variant}", r.condition, r.optional and "bila ada") if x]
        reqs.append(r.text + (f" ({'; '.join(extra)})" if extra else ""))
    parts.append("<h3>Persyaratan</h3>" + _items(reqs))
    steps = [f"{ROLE_NAMES.get(st.role, st.role)} — {st.action}" for st in s.steps]
    parts.append("<h3>Prosedur</h3>" + _items(steps))
    d = s.duration
    duration = d.text or "tidak disebutkan dalam keputusan"
    if d.max_text:
        duration += f"; {d.max_text}"
    if d.condition:
        duration += f" ({d.condition})"
    fee = rupiah(s.fee.rupiah) if s.fee.rupiah is not None else (s.fee.text or "-")
    if s.fee.rupiah == 0 and s.fee.text:
        fee = f"{s.fee.text}"
    parts.append(f"<h3>Jangka waktu</h3><p>{escape(duration)}</p>")
    parts.append(f"<h3>Biaya</h3><p>{escape(fee)}</p>")
    parts.append("<h3>Produk</h3>" + _items(s.products))
    parts.append("<h3>Pengaduan, saran dan masukan</h3>" + _items(s.complaint_channels))
    if s.guarantee:
        parts.append(f"<h3>Jaminan pelayanan</h3><p>{escape(s.guarantee)}</p>")
    parts.append("<h3>Dasar hukum</h3>" + _items(s.legal_basis))
    if s.notes:
        parts.append("<h3>Catatan pembacaan keputusan</h3>" + _items(s.notes))
    return "".join(parts)
