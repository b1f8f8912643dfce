"""What the messages say: short (one SMS, 160 characters of the GSM alphabet), plain Indonesian."""

from __future__ import annotations

import unicodedata

SMS_LIMIT = 160
READY, REJECTED, INCOMPLETE, TEST = "siap_diambil", "ditolak", "perlu_kelengkapan", "uji"
REASON_LABELS = {READY: "Siap diambil", REJECTED: "Ditolak", INCOMPLETE: "Perlu kelengkapan", TEST: "Uji kirim"}


def gsm_safe(text: str) -> str:
    """Plain ASCII so the modem's text mode sends it as one 7-bit SMS (– → -, é → e)."""
    swaps = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."}
    text = "".join(swaps.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.split())


def _fit(head: str, variable: str, tail: str) -> str:
    room = SMS_LIMIT - len(head) - len(tail)
    if len(variable) > room:
        variable = variable[: max(0, room - 3)].rstrip() + "..."
    return head + variable + tail


def ready_text(office: str, number: str, service: str) -> str:
    return gsm_safe(_fit(f"{office}: ", f"{service} no. {number}",
                         " SUDAH SIAP DIAMBIL. Bawa tanda terima ke loket. Gratis, tanpa biaya."))


def rejected_text(office: str, number: str, reason: str) -> str:
    return gsm_safe(_fit(f"{office}: Permohonan {number} tidak dapat diproses: ", reason,
                         ". Info lebih lanjut di loket."))


def incomplete_text(office: str, number: str, reason: str) -> str:
    return gsm_safe(_fit(f"{office}: Permohonan {number} perlu dilengkapi: ", reason,
                         ". Mohon datang ke loket membawa berkasnya."))


def test_text(office: str) -> str:
    return gsm_safe(f"{office}: uji kirim SMS dari Loket. Abaikan pesan ini.")
