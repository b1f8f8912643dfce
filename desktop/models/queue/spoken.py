"""How a queue call is voiced: Indonesian number words, the call sentence, and the sound options.

A ticket number is read digit by digit ("A nol nol tiga"), as Indonesian offices announce it,
so "A-003" and "A-030" never sound alike; a counter number is read as a cardinal ("dua belas").
The sound options and the running text live in the settings table, so every PC of the office
(and a restored backup) shows and sounds the same.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from desktop.models import audit
from desktop.models.settings import SettingsRepository

DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
SOUND_KEY = "queue_sound"
ANNOUNCEMENT_KEY = "queue_announcement"
DEFAULT_ANNOUNCEMENT = ("Selamat datang. Ambil nomor antrean dan tunggu sampai nomor Anda dipanggil. "
                        "Layanan tidak dipungut biaya.")


def number_words(n: int) -> str:
    """Cardinal number in Indonesian words: 12 → "dua belas", 101 → "seratus satu"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 10:
        return DIGITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{DIGITS[n - 10]} belas"
    for size, word, one in ((1_000_000_000, "miliar", None), (1_000_000, "juta", None),
                            (1000, "ribu", "seribu"), (100, "ratus", "seratus"), (10, "puluh", None)):
        if n >= size:
            head, rest = divmod(n, size)
            # "seribu"/"seratus" but "satu juta": Indonesian fuses se- only below a million.
            words = one if head == 1 and one else f"{number_words(head)} {word}"
            return words if rest == 0 else f"{words} {number_words(rest)}"
    raise AssertionError("unreachable")  # pragma: no cover


def digit_words(digits: str) -> str:
    """Each digit on its own: "003" → "nol nol tiga"."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def ticket_words(number: str) -> str:
    """A ticket number as spoken: "A-003" → "A nol nol tiga"."""
    prefix, _, digits = number.partition("-")
    if not digits:  # a number without a prefix letter
        prefix, digits = "", prefix
    spoken = digit_words(digits)
    return f"{prefix.upper()} {spoken}".strip()


def call_text(number: str, counter_number: int) -> str:
    """The sentence read out on a call: "Nomor antrian A nol nol tiga, silakan ke loket dua"."""
    return f"Nomor antrian {ticket_words(number)}, silakan ke loket {number_words(counter_number)}"


@dataclass(frozen=True)
class SoundOptions:
    """What the display does on a call. Both off: silent operation."""

    chime: bool = True
    speech: bool = False

    @property
    def silent(self) -> bool:
        return not (self.chime or self.speech)


def sound_options(settings: SettingsRepository) -> SoundOptions:
    stored = settings.get_raw(SOUND_KEY, {}) or {}
    return SoundOptions(chime=bool(stored.get("chime", True)), speech=bool(stored.get("speech", False)))


def save_sound_options(settings: SettingsRepository, options: SoundOptions, actor: audit.Actor) -> None:
    settings.put_raw(SOUND_KEY, asdict(options), actor)


def announcement(settings: SettingsRepository) -> str:
    """The running text (maklumat) on the display board."""
    text = settings.get_raw(ANNOUNCEMENT_KEY)
    return DEFAULT_ANNOUNCEMENT if text is None else str(text)


def save_announcement(settings: SettingsRepository, text: str, actor: audit.Actor) -> None:
    settings.put_raw(ANNOUNCEMENT_KEY, " ".join(text.split()), actor)
