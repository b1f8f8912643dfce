"""How hard a PIN is to guess offline: the cost settings of the two memory-hard functions.

* the PIN check at sign-in (scrypt, `users/pin_hash.py`);
* the key that unlocks an official's signing key (argon2id via libsodium, `trust/custody.py`),
  which is also mixed with the device secret kept outside the database.

The application always uses `STRONG`. Tests pass cheaper settings explicitly
(`open_office(..., kdf=...)`), and a test checks that the default stays `STRONG`; each stored hash
and wrapped key records the settings it was made with, so changing them never locks anyone out.
bench/bench_pin_guess.py measures what one guess costs on this PC.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KdfParams:
    pin_scrypt_n: int = 2**14  # scrypt N for the PIN check (r=8: 16 MiB, a few tens of ms)
    key_ops: int = 24  # argon2id passes for the signing-key unlock key (~0.3 s on a counter PC)
    # argon2id memory: 48 MiB (above OWASP's 46 MiB for argon2id), three times the sign-in PIN hash's.
    # More would not make a PIN harder to find: whoever holds the whole PC tests guesses against
    # that cheaper sign-in hash (scrypt, 16 MiB) and then opens the key once. It was 256 MiB, which
    # lifted the app to ~440 MB at every signature against a 250 MB budget (bench/bench_memory.py).
    # Keys wrapped before keep their own recorded setting until the PIN is next changed.
    key_mem: int = 48 * 1024 * 1024


STRONG = KdfParams()
