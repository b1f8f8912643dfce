"""The nine unsur of PermenPANRB 14/2017, the 4-point scale with its per-unsur answer texts,
and the respondent's characteristics.

Score 1 is always the worst answer and 4 the best (the regulation's a–d): some village systems
invert the scale (1 = Sangat Puas), which silently turns a good office into a bad one.
"""

from __future__ import annotations

from dataclasses import dataclass

SCORES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Unsur:
    code: str  # "u1" … "u9": CSV columns and stored answer keys
    name: str  # as the regulation words it
    question: str
    answers: tuple[str, str, str, str]  # texts for scores 1, 2, 3, 4

    def answer_text(self, score: int) -> str:
        return self.answers[score - 1]


UNSUR: tuple[Unsur, ...] = (
    Unsur("u1", "Persyaratan",
          "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
          ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    Unsur("u2", "Sistem, Mekanisme dan Prosedur",
          "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
          ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    Unsur("u3", "Waktu Penyelesaian",
          "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
          ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    Unsur("u4", "Biaya/Tarif",
          "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
          ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    Unsur("u5", "Produk Spesifikasi Jenis Pelayanan",
          "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
          "standar pelayanan dengan hasil yang diberikan?",
          ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    Unsur("u6", "Kompetensi Pelaksana",
          "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
          ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    Unsur("u7", "Perilaku Pelaksana",
          "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
          ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah")),
    Unsur("u8", "Sarana dan Prasarana",
          "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
          ("Buruk", "Cukup", "Baik", "Sangat baik")),
    Unsur("u9", "Penanganan Pengaduan, Saran dan Masukan",
          "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
          ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik")),
)

CODES = tuple(u.code for u in UNSUR)


@dataclass(frozen=True)
class Characteristic:
    key: str  # CSV column / stored key
    label: str
    question: str
    options: tuple[str, ...]


UMUR_BANDS = ("Di bawah 20 tahun", "20–29 tahun", "30–39 tahun", "40–49 tahun", "50–59 tahun",
              "60 tahun ke atas")

CHARACTERISTICS: tuple[Characteristic, ...] = (
    Characteristic("jenis_kelamin", "Jenis kelamin", "Jenis kelamin Anda?", ("Laki-laki", "Perempuan")),
    Characteristic("umur", "Umur", "Berapa umur Anda?", UMUR_BANDS),
    Characteristic("pendidikan", "Pendidikan", "Pendidikan terakhir Anda?",
                   ("SD ke bawah", "SMP", "SMA/SMK", "D1/D2/D3/D4", "S1", "S2 ke atas")),
    Characteristic("pekerjaan", "Pekerjaan", "Pekerjaan utama Anda?",
                   ("PNS/TNI/POLRI", "Pegawai swasta", "Wiraswasta/usahawan", "Pelajar/mahasiswa",
                    "Petani/nelayan", "Ibu rumah tangga", "Lainnya")),
)

CHARACTERISTIC_KEYS = tuple(c.key for c in CHARACTERISTICS)


def umur_band(years: int) -> str:
    """The band an age in years falls in (a paper form or CSV may give the number)."""
    if years < 20:
        return UMUR_BANDS[0]
    if years >= 60:
        return UMUR_BANDS[-1]
    return UMUR_BANDS[(years - 20) // 10 + 1]


def characteristic(key: str) -> Characteristic:
    return next(c for c in CHARACTERISTICS if c.key == key)
