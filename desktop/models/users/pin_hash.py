"""PIN/password hashing with scrypt (a memory-hard KDF from the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# n=2**14, r=8: ~16 MB and a few tens of ms per check, slow enough against guessing a short PIN
# offline, fast enough that a clerk does not notice.
_N, _R, _P, _LEN = 2**14, 8, 1, 32


def hash_pin(pin: str, n: int = _N) -> str:
    """`n` is the cost (trust/kdf.py); it is stored in the hash, so checking never needs it."""
    salt = os.urandom(16)
    key = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=_R, p=_P, dklen=_LEN)
    return f"scrypt${n}${_R}${_P}${_b64(salt)}${_b64(key)}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(pin.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
