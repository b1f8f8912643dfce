"""Checking text with {placeholders} that an admin types (letter templates, the letter number format).

Python's str.format is far more than "put the value here": `{nama.__class__}` reads attributes,
`{nama[0]}` indexes, `{nama:{nik}}` nests fields in the format spec, `{nama:d}` fails on text,
`{}` asks for a positional value and `{nama:>999999999}` allocates a gigabyte. A template that
passes this check uses only plain names with small format specs, and has been rendered once
with sample values exactly as the real letter will be, so it cannot fail later, at the moment a
citizen waits for a signed letter.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from desktop.models.errors import ValidationError

MAX_WIDTH = 200  # widths/precisions beyond this are not layout, they are an allocation
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NUMBERS = re.compile(r"\d+")


def fields(text: str, where: str) -> set[str]:
    """The placeholder names in `text`; raises ValidationError (naming `where`) for anything but
    plain names with a simple format spec."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValidationError(f"{where}: tanda kurung kurawal tidak berpasangan atau tidak sah ({exc}). "
                              "Tulis {{ atau }} untuk kurung kurawal biasa.") from None
    names: set[str] = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name == "":
            raise ValidationError(f"{where}: '{{}}' kosong tidak boleh; tulis nama isiannya, mis. {{nama}}.")
        if not _NAME.match(name):
            raise ValidationError(f"{where}: '{{{name}}}' tidak boleh; hanya nama isian biasa (tanpa titik, kurung "
                                  "siku atau angka di depan), mis. {nama}.")
        if conversion is not None:
            raise ValidationError(f"{where}: '{{{name}!{conversion}}}' tidak boleh; tulis {{{name}}} saja.")
        if spec and ("{" in spec or "}" in spec):
            raise ValidationError(f"{where}: '{{{name}:{spec}}}' tidak boleh; format tidak boleh berisi isian lain.")
        if spec and any(int(n) > MAX_WIDTH for n in _NUMBERS.findall(spec)):
            raise ValidationError(f"{where}: format '{{{name}:{spec}}}' terlalu lebar (paling banyak {MAX_WIDTH}).")
        names.add(name)
    return names


def render_check(text: str, sample: Mapping[str, Any], where: str) -> str:
    """Render `text` with sample values of the real types; raise ValidationError if it would fail."""
    try:
        return text.format_map(_Sample(sample))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        spec = _bad_spec(text, sample)
        hint = f" Format '{spec}' tidak cocok untuk isian ini (isian surat berupa teks)." if spec else ""
        raise ValidationError(f"{where}: tidak dapat diisi ({exc}).{hint}") from None


class _Sample(dict):
    def __missing__(self, key: str) -> str:
        return "contoh"


def _bad_spec(text: str, sample: Mapping[str, Any]) -> str:
    for _, name, spec, _ in string.Formatter().parse(text):
        if name and spec:
            try:
                format(sample.get(name, "contoh"), spec)
            except (ValueError, TypeError):
                return "{" + f"{name}:{spec}" + "}"
    return ""
