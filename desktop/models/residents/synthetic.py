"""Synthetic residents for the demo office and the benchmarks (deterministic by seed)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from desktop.models.residents.repository import MARITAL, RELIGIONS, Resident

FIRST_M = ["Ahmad", "Budi", "Eko", "Agus", "Slamet", "Joko", "Hadi", "Rudi", "Imam", "Dedi", "Fajar",
           "Rizki", "Yusuf", "Bambang", "Sugeng", "Wahyu", "Heru", "Teguh", "Arif", "Hendra"]
FIRST_F = ["Siti", "Sri", "Dewi", "Nur", "Lestari", "Wulan", "Rina", "Yuni", "Endang", "Ratna", "Fitri",
           "Ayu", "Indah", "Lilis", "Susanti", "Anisa", "Dian", "Ika", "Maya", "Novi"]
LAST = ["Santoso", "Wibowo", "Hidayat", "Setiawan", "Purnomo", "Rahmawati", "Kurniawan", "Susilo",
        "Pratama", "Saputra", "Handayani", "Nugroho", "Wahyudi", "Hartono", "Suryani", "Maulana",
        "Fauzi", "Ramadhan", "Anggraini", "Firmansyah"]
JOBS = ["Wiraswasta", "Petani", "Buruh Harian Lepas", "Karyawan Swasta", "Pelajar/Mahasiswa",
        "Mengurus Rumah Tangga", "Pedagang", "Guru", "Nelayan", "Belum/Tidak Bekerja"]
STREETS = ["Jl. Bader", "Jl. Kalianyar", "Jl. Diponegoro", "Jl. Panglima Sudirman", "Jl. Slamet Riyadi",
           "Jl. Kartini", "Jl. Gajah Mada", "Jl. Hayam Wuruk"]


# Fictitious villages for a demo kecamatan, which serves residents of several desa and kelurahan.
DEMO_VILLAGES = ["Desa Sukamaju", "Desa Sumberejo", "Kelurahan Kauman", "Desa Karangsari", "Kelurahan Pogar"]


def residents(count: int, *, region: str = "351413", kelurahan: str | list[str] = "Kalirejo", seed: int = 7,
              start_serial: int = 1) -> Iterator[Resident]:
    """Yield `count` residents with valid, unique NIKs (serial numbers make them unique); a list of
    villages spreads them over those desa/kelurahan in turn."""
    villages = [kelurahan] if isinstance(kelurahan, str) else list(kelurahan)
    rng = random.Random(seed)
    epoch = date(1940, 1, 1)
    for i in range(count):
        serial = start_serial + i
        female = rng.random() < 0.5
        born = epoch + timedelta(days=rng.randrange(0, 365 * 84))
        day = born.day + (40 if female else 0)
        # 4-digit serial plus a rotating district digit keeps NIKs unique beyond 9999 people.
        district = region[:4] + f"{(serial // 10000) % 90 + 10:02d}"
        nik = f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial % 10000 or 1:04d}"
        first = rng.choice(FIRST_F if female else FIRST_M)
        yield Resident(
            nik=nik,
            nama=f"{first} {rng.choice(LAST)}".upper(),
            tempat_lahir=rng.choice(["Pasuruan", "Bangil", "Probolinggo", "Kediri", "Surabaya", "Malang"]),
            tanggal_lahir=born.isoformat(),
            jenis_kelamin="P" if female else "L",
            agama=rng.choice(RELIGIONS[:3] + ["Islam"] * 6),
            status_perkawinan=rng.choice(MARITAL),
            pekerjaan=rng.choice(JOBS),
            alamat=f"{rng.choice(STREETS)} No. {rng.randint(1, 300)}",
            rt=f"{rng.randint(1, 12):03d}",
            rw=f"{rng.randint(1, 6):03d}",
            kelurahan=villages[i % len(villages)],
            no_kk=f"{district}{rng.randint(10, 28):02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}{serial % 10000 or 1:04d}",
        )
