"""Text a person typed that will be printed on a letter: bounded, and free of invisible control characters."""

from __future__ import annotations

import unicodedata

from desktop.models.errors import ValidationError


def check_text(label: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise ValidationError(f"{label} terlalu panjang ({len(text)} karakter; paling banyak {limit}).")
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t"), None)
    if bad is not None:
        raise ValidationError(f"{label} memuat karakter kendali tak terlihat (U+{ord(bad):04X}); ketik ulang isiannya.")
