"""Fonts for letters: PDF's built-in Times/Helvetica for ordinary Latin text, embedded TrueType
fonts (resources/fonts) only for the characters those lack, so no name prints as ■.

Text is split into runs: whatever the built-in font can encode (Windows-1252) stays in it (fast,
nothing embedded, the same PDF as before for ordinary letters); any other character goes to the
first embedded font that has it: DejaVu Serif (full Latin, combining marks, Greek, Cyrillic),
DejaVu Sans (Arabic, Hebrew, more symbols), Droid Sans Fallback (Chinese, Japanese, Korean).
Text is normalised to NFC first, so "e" + combining acute prints as the one letter "é".
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from desktop.paths import resource_path

_FILES = {
    "LoketSerif": "DejaVuSerif.ttf",
    "LoketSerif-Bold": "DejaVuSerif-Bold.ttf",
    "LoketSans": "DejaVuSans.ttf",
    "LoketSans-Bold": "DejaVuSans-Bold.ttf",
    "LoketCJK": "DroidSansFallbackFull.ttf",
}
_BOLD = {"Times-Bold", "Helvetica-Bold", "Times-BoldItalic", "Helvetica-BoldOblique"}
_lock = threading.Lock()
_registered: dict[str, frozenset[int]] = {}


def _register() -> dict[str, frozenset[int]]:
    """Register the TrueType fonts once; their character coverage (from each font's cmap)."""
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            for name, file in _FILES.items():
                font = TTFont(name, str(resource_path("fonts", file)))
                pdfmetrics.registerFont(font)
                _registered[name] = frozenset(font.face.charToGlyph)
    return _registered


def _chain(base: str) -> tuple[str, ...]:
    if base in _BOLD:
        return ("LoketSerif-Bold", "LoketSans-Bold", "LoketCJK")
    return ("LoketSerif", "LoketSans", "LoketCJK")


@lru_cache(maxsize=4096)
def _builtin_has(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return char.isprintable() or char in "\n\t"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def runs(text: str, base: str) -> list[tuple[str, str]]:
    """[(text, font name)]: the built-in `base` font wherever it can, embedded fonts elsewhere."""
    text = normalise(text)
    if text.isascii():
        return [(text, base)] if text else []
    coverage = None
    out: list[tuple[str, str]] = []
    for char in text:
        font = base
        if not _builtin_has(char):
            coverage = coverage or _register()
            font = next((f for f in _chain(base) if ord(char) in coverage[f]), base)
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + char, font)
        else:
            out.append((char, font))
    return out


def markup(text: str, base: str) -> str:
    """Paragraph markup for `text` in style font `base` (escaped; other fonts as <font> runs)."""
    return "".join(escape(t) if f == base else f'<font name="{f}">{escape(t)}</font>' for t, f in runs(text, base))


def unprintable(text: str) -> list[str]:
    """Characters of `text` no letter font can print (control characters, emoji, …), in order, once."""
    found: list[str] = []
    for char in normalise(text):
        if char in found:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") and char not in "\n\t":
            found.append(char)
        elif not _builtin_has(char) and not any(ord(char) in cov for cov in _register().values()):
            found.append(char)
    return found


def width(text: str, base: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(t, f, size) for t, f in runs(text, base))


def draw(canvas, x: float, y: float, text: str, base: str, size: float) -> None:
    """drawString across font runs (the canvas's current font is left as `base`)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for part, font in runs(text, base):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, font, size)
    canvas.setFont(base, size)


def draw_centred(canvas, x: float, y: float, text: str, base: str, size: float) -> None:
    draw(canvas, x - width(text, base, size) / 2, y, text, base, size)
