"""Receipts and tickets as ESC/POS bytes: golden files, plus what a citizen reads on the paper."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import qrcode
from escpos.printer import Dummy

from desktop.models.clock import WIB
from desktop.printing.escpos_slips import columns, print_receipt, print_ticket, transliterate
from desktop.printing.slips import ReceiptData, TicketData

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "escpos"
ESC, GS = 0x1B, 0x1D
ESC_ONE_ARG = b"taE!-{MdJ3GV"


def sample_receipt(**changes) -> ReceiptData:
    values = dict(
        office_name="Kelurahan Kalirejo",
        office_address="Jl. Raya Kalirejo No. 1, Bangil – Pasuruan 67153",
        application_number="PM-2026-000123",
        service_name="Surat Keterangan Domisili untuk Pendaftaran Sekolah",
        applicant_name="Andé Wijaya",
        nik_masked="3514********0001",
        requirements_received=["KTP-el asli", "Kartu Keluarga", "Surat pengantar RT/RW (luas tanah 120 m²)"],
        received_at=datetime(2026, 11, 24, 8, 30, tzinfo=WIB),
        promised_text="Selasa, 24 November 2026 pukul 09.15",
        qr_text="https://loket.example/cek/PM-2026-000123",
        served_by="Siti Aminah",
    )
    values.update(changes)
    return ReceiptData(**values)


def sample_ticket(**changes) -> TicketData:
    values = dict(office_name="Kelurahan Kalirejo", group_code="A", group_label="Administrasi Kependudukan",
                  number="A-001", issued_at=datetime(2026, 11, 24, 8, 5, tzinfo=WIB), people_ahead=3,
                  estimate_text="± 15 menit", qr_text="ANTREAN:A-001:2026-11-24")
    values.update(changes)
    return TicketData(**values)


def decode(raw: bytes, codec: str = "cp858") -> list[str | bytes]:
    """Split printer bytes into commands (bytes) and decoded text (str).

    Knows only the commands slips are allowed to use; anything else fails the test.
    """
    tokens: list[str | bytes] = []
    text = bytearray()
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte not in (ESC, GS):
            text.append(byte)
            i += 1
            continue
        if text:
            tokens.append(text.decode(codec))
            text = bytearray()
        op = raw[i + 1:i + 2]
        if byte == ESC and op in (b"@", b"2"):
            n = 2
        elif byte == ESC and op and op in ESC_ONE_ARG:
            n = 3
        elif byte == GS and op in (b"!", b"B", b"b"):
            n = 3
        elif byte == GS and op == b"V":
            n = 3 if raw[i + 2] in (0, 1, 48, 49) else 4
        elif byte == GS and raw[i + 1:i + 3] == b"v0":
            width_bytes = raw[i + 4] + 256 * raw[i + 5]
            height = raw[i + 6] + 256 * raw[i + 7]
            n = 8 + width_bytes * height
        elif byte == GS and raw[i + 1:i + 3] in (b"(k", b"(L"):
            n = 5 + raw[i + 3] + 256 * raw[i + 4]
        else:
            raise AssertionError(f"unexpected command {raw[i:i + 3]!r} at byte {i}")
        tokens.append(raw[i:i + n])
        i += n
    if text:
        tokens.append(text.decode(codec))
    return tokens


def text_lines(raw: bytes) -> list[str]:
    """The printed text, line by line, blank lines dropped."""
    joined = "".join(t for t in decode(raw) if isinstance(t, str))
    return [line.rstrip() for line in joined.split("\n") if line.strip()]


def render(kind: str, paper_mm: int, profile: str = "TM-T88V") -> bytes:
    printer = Dummy(profile=profile)
    if kind == "receipt":
        print_receipt(printer, sample_receipt(), paper_mm)
    else:
        print_ticket(printer, sample_ticket(), paper_mm)
    return printer.output


@pytest.mark.parametrize(("kind", "paper_mm"), [("receipt", 80), ("receipt", 58), ("ticket", 80)])
def test_bytes_match_golden_file(kind, paper_mm, update_golden):
    output = render(kind, paper_mm)
    golden = GOLDEN / f"{kind}_{paper_mm}.bin"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(output)
    assert golden.exists(), f"{golden.name} missing: run pytest --update-golden"
    assert output == golden.read_bytes()


def test_receipt_says_what_was_received_and_when_it_will_be_ready():
    assert text_lines(render("receipt", 80)) == [
        "KELURAHAN KALIREJO",
        "Jl. Raya Kalirejo No. 1, Bangil - Pasuruan",
        "67153",
        "-" * 42,
        "TANDA TERIMA BERKAS",
        "-" * 42,
        "No. permohonan: PM-2026-000123",
        "Layanan       : Surat Keterangan Domisili",
        "                untuk Pendaftaran Sekolah",
        "Pemohon       : Andé Wijaya",
        "NIK           : 3514********0001",
        "Diterima      : Selasa, 24 November 2026",
        "                pukul 08.30",
        "-" * 42,
        "Persyaratan yang diterima:",
        "1. KTP-el asli",
        "2. Kartu Keluarga",
        "3. Surat pengantar RT/RW (luas tanah 120",
        "   m²)",
        "-" * 42,
        "Perkiraan selesai:",
        "Selasa, 24 November 2026 pukul 09.15",
        "-" * 42,
        "Simpan tanda terima ini dan tunjukkan saat",
        "mengambil dokumen.",
        "Petugas: Siti Aminah",
    ]


def test_ticket_shows_number_group_and_wait():
    lines = text_lines(render("ticket", 80))
    assert lines[:6] == ["KELURAHAN KALIREJO", "-" * 42, "NOMOR ANTREAN", "A-001", "Administrasi Kependudukan",
                         "Selasa, 24 November 2026 pukul 08.05"]
    assert "Antrean di depan: 3 orang" in lines
    assert "Perkiraan       : ± 15 menit" in lines


def test_ticket_number_is_large_bold_and_centred_then_size_is_reset():
    tokens = decode(render("ticket", 80))
    at = tokens.index("A-001\n")
    assert tokens[at - 1] == b"\x1d!\x33"  # GS ! : 4x width, 4x height
    assert b"\x1ba\x01" in tokens[at - 3:at] and b"\x1bE\x01" in tokens[at - 3:at]
    assert tokens[at + 1] == b"\x1d!\x00"
    assert tokens.count(b"\x1d!\x33") == 1  # nothing else is printed large


def test_long_ticket_number_is_scaled_down_to_fit_narrow_paper():
    printer = Dummy(profile="TM-T88V")
    print_ticket(printer, sample_ticket(number="ANAK-1024"), 58)
    tokens = decode(printer.output)
    assert tokens[tokens.index("ANAK-1024\n") - 1] == b"\x1d!\x22"  # 3x: 9 chars * 3 <= 32 columns


def test_office_name_is_bold_and_centred():
    tokens = decode(render("receipt", 80))
    at = tokens.index("KELURAHAN KALIREJO\n")
    assert tokens[at - 2:at] == [b"\x1bE\x01", b"\x1ba\x01"]


def test_code_page_cp858_is_selected_once_after_reset():
    raw = render("receipt", 80)
    assert raw.startswith(b"\x1b@\x1bt\x13")  # ESC @, ESC t 19 = CP858 on the TM-T88V profile
    assert raw.count(b"\x1bt") == 1
    assert "Andé".encode("cp858") in raw and "m²".encode("cp858") in raw
    assert b"\x82" in raw and b"\xfd" in raw  # é and ² as CP858 bytes


def test_en_dash_and_curly_quotes_are_transliterated_not_lost():
    raw = render("receipt", 80)
    assert "Bangil - Pasuruan" in text_lines(raw)[1]
    assert "?" not in "".join(t for t in decode(raw) if isinstance(t, str))
    assert transliterate("Rp 0 – “gratis”…", "CP858") == 'Rp 0 - "gratis"...'
    assert transliterate("Kōta Pasar", "CP858") == "Kota Pasar"  # letter missing from the page: base kept
    assert transliterate("é²±€", "CP858") == "é²±€"  # in the page: untouched
    assert transliterate("中", "CP858") == "?"


def test_printer_object_reused_for_a_second_slip_resends_code_page():
    printer = Dummy(profile="TM-T88V")
    print_ticket(printer, sample_ticket(), 80)
    print_ticket(printer, sample_ticket(number="A-002"), 80)
    assert printer.output.count(b"\x1b@\x1bt\x13") == 2


@pytest.mark.parametrize(("paper_mm", "profile", "cols"), [
    (80, "TM-T88V", 42),  # the TM-T88V prints 42 columns on 80 mm: a 48-dash rule would wrap
    (80, "TM-T20II", 48),
    (58, "TM-T88V", 32),
    (58, "POS-5890", 32),
])
def test_rules_span_the_paper_and_no_line_is_wider(paper_mm, profile, cols):
    printer = Dummy(profile=profile)
    assert columns(printer, paper_mm) == cols
    print_receipt(printer, sample_receipt(), paper_mm)
    lines = text_lines(printer.output)
    rules = [line for line in lines if set(line) == {"-"}]
    assert len(rules) == 5 and all(len(r) == cols for r in rules)
    assert max(len(line) for line in lines) <= cols


def test_cut_is_partial_after_feeding_past_the_blade():
    assert render("receipt", 80).endswith(b"\x1bd\x06\x1dV\x01")


def test_printer_without_cutter_only_feeds_for_tear_off():
    raw = render("receipt", 58, profile="POS-5890")
    assert raw.endswith(b"\x1bd\x06")
    assert b"\x1dV" not in raw


def _qr_matrix(raw: bytes) -> tuple[list[list[bool]], int]:
    """Read the one raster image back as QR modules (and the image width in dots)."""
    images = [t for t in decode(raw) if isinstance(t, bytes) and t.startswith(b"\x1dv0")]
    assert len(images) == 1
    image = images[0]
    width_bytes, height = image[4] + 256 * image[5], image[6] + 256 * image[7]
    bits = image[8:]

    def dot(x: int, y: int) -> bool:
        return bool(bits[y * width_bytes + x // 8] & (0x80 >> (x % 8)))

    width = width_bytes * 8
    ys = [y for y in range(height) if any(dot(x, y) for x in range(width))]
    xs = [x for x in range(width) if any(dot(x, y) for y in ys)]
    size = next(i for i in range(1, 20) if not dot(xs[0] + i, ys[0] + 3 * i + 1))  # finder ring is 1 module
    return [[dot(x, y) for x in range(xs[0], xs[-1] + 1, size)] for y in range(ys[0], ys[-1] + 1, size)], width


def _expected_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def test_qr_is_a_centred_raster_image_of_the_qr_text():
    raw = render("receipt", 80)
    tokens = decode(raw)
    image_at = next(i for i, t in enumerate(tokens) if isinstance(t, bytes) and t.startswith(b"\x1dv0"))
    assert b"\x1ba\x01" in tokens[image_at - 3:image_at]  # ESC a 1: raster images follow justification
    assert b"\x1d(k" not in raw  # native QR is never used (see escpos_slips docstring)
    modules, _ = _qr_matrix(raw)
    assert modules == _expected_matrix(sample_receipt().qr_text)


def test_long_signed_payload_qr_fits_58mm_paper():
    payload = "LK1." + "A" * 320
    printer = Dummy(profile="TM-T88V")
    print_receipt(printer, sample_receipt(qr_text=payload), 58)
    modules, width = _qr_matrix(printer.output)
    assert width <= 384
    assert modules == _expected_matrix(payload)


def test_empty_requirements_and_no_qr_still_print_a_complete_receipt():
    printer = Dummy(profile="TM-T88V")
    print_receipt(printer, sample_receipt(requirements_received=[], qr_text=""), 80)
    lines = text_lines(printer.output)
    assert lines[lines.index("Persyaratan yang diterima:") + 1] == "Belum ada berkas yang diterima."
    assert b"\x1dv0" not in printer.output


WHATSAPP = "https://wa.me/6281234567890?text=Status%20permohonan%20PM-2026-000123"


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_receipt_with_whatsapp_qr_matches_golden(paper_mm, update_golden):
    printer = Dummy(profile="TM-T88V")
    print_receipt(printer, sample_receipt(whatsapp_url=WHATSAPP), paper_mm)
    golden = GOLDEN / f"receipt_whatsapp_{paper_mm}.bin"
    if update_golden:
        golden.write_bytes(printer.output)
    assert golden.exists(), f"{golden.name} missing: run pytest --update-golden"
    assert printer.output == golden.read_bytes()


def test_whatsapp_qr_holds_the_click_to_chat_link_after_the_receipt_qr():
    printer = Dummy(profile="TM-T88V")
    print_receipt(printer, sample_receipt(whatsapp_url=WHATSAPP), 80)
    lines = text_lines(printer.output)
    assert lines[-2:] == ["Tanya status lewat WhatsApp: pindai kode", "ini dengan HP Anda."]
    images = [t for t in decode(printer.output) if isinstance(t, bytes) and t.startswith(b"\x1dv0")]
    assert len(images) == 2  # the receipt's own QR, then the WhatsApp one
    assert _qr_matrix(images[1])[0] == _expected_matrix(WHATSAPP)
    # Without a WhatsApp number the receipt is exactly as before (its golden file is unchanged).
    assert "WhatsApp" not in " ".join(text_lines(render("receipt", 80)))
