"""Receipts and queue tickets on ESC/POS thermal printers (any python-escpos printer object).

Choices that matter on real counters:
- One fixed code page (CP858, or CP437 when a profile lacks it), selected once after ESC @.
  python-escpos' automatic code page switching would otherwise emit ESC t in the middle of
  lines, and cheap clones number their tables differently, so a switch can print garbage.
  Characters outside the page are transliterated on purpose (– → -, “ ” → ", accents dropped
  only when the page lacks the letter), never silently replaced by "?".
- The QR is sent as a raster image (native=False): generic 58 mm printers sold locally often
  lack the GS ( k QR command and print nothing; every ESC/POS printer does raster graphics.
  It is centred with ESC a, which raster images follow, instead of padding the image to the
  profile's width (an 80 mm profile on 58 mm paper would overflow).
- cut(mode="PART"): python-escpos feeds the paper past the blade, then sends a partial cut,
  a full cut when the profile only knows that, or nothing (tear-off) when it has no cutter.
"""

from __future__ import annotations

import textwrap
import unicodedata
from datetime import datetime

import qrcode
from escpos.constants import QR_ECLEVEL_M
from escpos.escpos import Escpos

from desktop.printing.slips import (
    Block,
    Field,
    Numbered,
    Qr,
    ReceiptData,
    Rule,
    Text,
    TicketData,
    receipt_blocks,
    ticket_blocks,
    trial_slip_blocks,
)

PAPER_COLUMNS = {80: 48, 58: 32}
PREFERRED_CODE_PAGE = "CP858"  # CP850 plus €: all Latin-1 letters, ², ±, é
FALLBACK_CODE_PAGE = "CP437"  # present on every ESC/POS printer
BIG_TEXT_MAX = 4  # ticket number at up to 4x width and height
QR_DOT_SIZE = 4  # dots per module, reduced for long payloads so the code fits the paper
PAPER_DOTS = {80: 512, 58: 384}  # printable width at 180-203 dpi

# Typography an office PC produces (Word, the catalogue) that no DOS code page has.
TRANSLITERATION = {
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2026": "...", "\u2022": "*", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2122": "TM",
}


def code_page(printer: Escpos) -> str:
    """The code page slips use on this printer's profile."""
    pages = printer.profile.get_code_pages()  # name -> table number
    return PREFERRED_CODE_PAGE if PREFERRED_CODE_PAGE in pages else FALLBACK_CODE_PAGE


def transliterate(text: str, page: str) -> str:
    """Return text using only characters of `page` (a python-escpos code page name)."""
    codec = page.lower()
    out = []
    for char in text:
        if _encodable(char, codec) or char == "\n":
            out.append(char)
        elif char in TRANSLITERATION:
            out.append(TRANSLITERATION[char])
        else:
            # Decompose (ō → o + macron) and keep the base letters the page has.
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            out.append(base if base and all(_encodable(c, codec) for c in base) else "?")
    return "".join(out)


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def columns(printer: Escpos, paper_mm: int) -> int:
    """Characters per line in font A: the paper's width, capped by what the profile prints.

    A TM-T88V prints 42 columns on 80 mm paper; a 48-character rule would wrap there.
    """
    cols = PAPER_COLUMNS.get(paper_mm, PAPER_COLUMNS[80])
    try:
        return min(cols, int(printer.profile.get_columns("a")))
    except (KeyError, TypeError, ValueError):
        return cols


def print_receipt(printer: Escpos, data: ReceiptData, paper_mm: int = 80) -> None:
    _SlipWriter(printer, paper_mm).write(receipt_blocks(data))


def print_ticket(printer: Escpos, data: TicketData, paper_mm: int = 80) -> None:
    _SlipWriter(printer, paper_mm).write(ticket_blocks(data))


def print_trial_slip(printer: Escpos, office_name: str, when: datetime, paper_mm: int = 80) -> None:
    _SlipWriter(printer, paper_mm).write(trial_slip_blocks(office_name, paper_mm, when))


class _SlipWriter:
    """Renders layout blocks as ESC/POS commands for one paper width."""

    def __init__(self, printer: Escpos, paper_mm: int) -> None:
        self.p = printer
        self.cols = columns(printer, paper_mm)
        self.page = code_page(printer)
        self.dots = PAPER_DOTS.get(paper_mm, PAPER_DOTS[80])
        try:  # an 80 mm profile on 58 mm paper keeps 384; a narrow profile caps 80 mm paper
            self.dots = min(self.dots, int(printer.profile.profile_data["media"]["width"]["pixels"]))
        except (KeyError, TypeError, ValueError):
            pass

    def write(self, blocks: list[Block]) -> None:
        self.p.hw("INIT")  # ESC @: clear whatever style a previous job left behind
        # ESC @ also resets the printer's table, so python-escpos must forget the one it tracks
        # or force_encoding would skip sending ESC t.
        self.p.magic.encoding = None
        self.p.charcode(self.page)
        label_width = max((len(b.label) for b in blocks if isinstance(b, Field)), default=0)
        for block in blocks:
            if isinstance(block, Text):
                self._text(block)
            elif isinstance(block, Field):
                self._field(block, label_width)
            elif isinstance(block, Rule):
                self._line("-" * self.cols)
            elif isinstance(block, Numbered):
                self._numbered(block)
            elif isinstance(block, Qr):
                self.p.set(align="center")
                self.p.qr(block.text, ec=QR_ECLEVEL_M, size=self._qr_dot_size(block.text), native=False)
                self.p.set(align="left")
        self.p.cut(mode="PART")

    def _qr_dot_size(self, text: str) -> int:
        # Same settings python-escpos uses to draw it: error level M, a one-module border.
        code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(text)
        code.make(fit=True)
        return max(1, min(QR_DOT_SIZE, self.dots // (code.modules_count + 2)))

    def _fit(self, text: str) -> str:
        # Before wrapping: "…" becomes "..." and must be counted in the line length.
        return transliterate(text, self.page)

    def _line(self, text: str) -> None:
        self.p.text(text + "\n")

    def _text(self, block: Text) -> None:
        # Every block leaves the printer at left/regular, so only non-default styles are sent.
        styled = block.align != "left" or block.bold
        if styled:
            self.p.set(align=block.align, bold=block.bold)
        if block.big:
            size = max(1, min(BIG_TEXT_MAX, self.cols // max(1, len(block.text))))
            self.p.set(custom_size=True, width=size, height=size)
            self._line(self._fit(block.text))
            self.p.set(custom_size=True, width=1, height=1)
        else:
            for line in textwrap.wrap(self._fit(block.text), self.cols) or [""]:
                self._line(line)
        if styled:
            self.p.set(align="left", bold=False)

    def _field(self, block: Field, label_width: int) -> None:
        prefix = self._fit(block.label).ljust(label_width) + ": "
        if len(prefix) > self.cols // 2:  # narrow paper: value on its own lines
            self._line(self._fit(block.label) + ":")
            prefix = "  "
        for i, line in enumerate(textwrap.wrap(self._fit(block.value), self.cols - len(prefix)) or ["-"]):
            self._line((prefix if i == 0 else " " * len(prefix)) + line)

    def _numbered(self, block: Numbered) -> None:
        if not block.items:
            self._line(self._fit(block.empty_text))
            return
        width = len(str(len(block.items)))
        for n, item in enumerate(block.items, start=1):
            head = f"{n:>{width}}. "
            for i, line in enumerate(textwrap.wrap(self._fit(item), self.cols - len(head))):
                self._line((head if i == 0 else " " * len(head)) + line)
