"""What one PIN guess costs an attacker who has copied the whole PC (database + device secret).

    .venv/bin/python bench/bench_pin_guess.py

With the database alone no key opens at all: every private key is wrapped under a key that also
needs the 32-byte device secret kept outside the database (a PIN can still be found from its hash). With the whole PC, each guess
of an official's PIN costs one argon2id run at the app's settings (trust/kdf.py STRONG) and one
PIN-check scrypt; this prints both, and how long trying every 6-digit PIN would take on one core.
"""

from __future__ import annotations

import os
import statistics
import time

from common import table


def _median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    from desktop.models.trust.kdf import STRONG
    from desktop.models.trust.wrapping import pin_unlock_key
    from desktop.models.users.pin_hash import check_pin, hash_pin

    salt, secret = os.urandom(16), os.urandom(32)
    argon = _median_ms(lambda: pin_unlock_key("246810", salt, STRONG.key_ops, STRONG.key_mem, secret), 5)
    stored = hash_pin("246810", STRONG.pin_scrypt_n)
    scrypt = _median_ms(lambda: check_pin("135790", stored), 9)
    six_digits = 10**6
    scrypt_hours = six_digits * scrypt / 1000 / 3600
    # With the whole PC the cheapest way to test a guess is the sign-in hash; the key is then opened
    # once. So the whole-PC figure is the scrypt one plus a single argon2id run.
    table("One PIN guess against a copied PC (median)", [
        (f"argon2id unlock key (ops={STRONG.key_ops}, mem={STRONG.key_mem >> 20} MiB)", f"{argon:8.1f} ms"),
        ("memory per argon2id run", f"{STRONG.key_mem >> 20:8d} MiB"),
        (f"scrypt PIN check (n=2^{STRONG.pin_scrypt_n.bit_length() - 1}, r=8, 16 MiB)", f"{scrypt:8.1f} ms"),
        ("database copied: every 6-digit PIN from its hash", f"{scrypt_hours:8.1f} hours "
         "— finds a PIN, but opens no key: the device secret is not in the database"),
        ("whole PC copied: every 6-digit PIN, then the key", f"{scrypt_hours:8.1f} hours one core "
         "(the sign-in hash is the cheaper test; an 8-digit PIN: x100, a password: far more)"),
        ("  testing guesses against the key's lock instead", f"{six_digits * argon / 1000 / 86400:8.1f} days"),
    ])


if __name__ == "__main__":
    main()
