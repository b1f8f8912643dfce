"""The `loket` command's words: every sub-command and option, with its Indonesian help text."""

from __future__ import annotations

import argparse
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loket", description="Loket Kelurahan")
    parser.add_argument("--db", type=Path, help="berkas basis data (bawaan: folder data pengguna)")
    parser.add_argument("--version", action="store_true", help="versi aplikasi, Python dan Qt")
    parser.add_argument("--smoke", action="store_true", help="buka jendela utama dan layar antrean sebentar, lalu tutup (uji paket)")
    sub = parser.add_subparsers(dest="command")
    catalog = sub.add_parser("catalog", help="katalog layanan")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", required=True)
    export = catalog_sub.add_parser("export", help="cetak katalog sebagai JSON")
    export.add_argument("--json", action="store_true", help="format JSON (satu-satunya format saat ini)")
    export.add_argument("--office", help="id kantor (mis. kalirejo)")
    check_files = catalog_sub.add_parser("check", help="periksa berkas katalog YAML")
    check_files.add_argument("paths", nargs="*", type=Path)
    sub.add_parser("check", help="periksa keutuhan basis data dan rantai audit")
    letter = sub.add_parser("letter", help="surat")
    letter_sub = letter.add_subparsers(dest="letter_command", required=True)
    preview = letter_sub.add_parser("preview", help="contoh surat sebuah layanan dengan data contoh")
    preview.add_argument("--office", required=True)
    preview.add_argument("--service", required=True)
    preview.add_argument("--out", type=Path, required=True)
    preview.add_argument("--paper", choices=["F4", "A4"], default="F4")
    serve = sub.add_parser("serve", help="penerima sinkronisasi kecamatan (HTTP); kabupaten: --database")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--database", help="postgresql://… : penerima kabupaten di PostgreSQL (bawaan: SQLite kantor)")
    serve.add_argument("--key-file", type=Path, help="berkas kunci penerima kabupaten (dibuat oleh kabupaten init)")
    serve.add_argument("--threads", type=int, default=8, help="permintaan serentak (PostgreSQL)")
    _kabupaten_parser(sub)
    sync = sub.add_parser("sync", help="sinkronisasi dengan kecamatan")
    sync_sub = sync.add_subparsers(dest="sync_command", required=True)
    sync_export = sync_sub.add_parser("export", help="tulis kiriman yang tertunda ke folder (flashdisk)")
    sync_export.add_argument("folder", type=Path)
    sync_import = sync_sub.add_parser("import", help="impor berkas kiriman / tanda terima / keputusan")
    sync_import.add_argument("file", type=Path)
    sync_push = sync_sub.add_parser("push", help="kirim lewat jaringan sekarang")
    sync_push.add_argument("--url")
    backup = sub.add_parser("backup", help="cadangan terenkripsi (berisi juga kunci tanda tangan kantor)")
    backup_sub = backup.add_subparsers(dest="backup_command", required=True)
    backup_create = backup_sub.add_parser("create", help="tulis cadangan terenkripsi")
    backup_create.add_argument("file", type=Path)
    backup_restore = backup_sub.add_parser("restore", help="pulihkan cadangan ke berkas basis data baru")
    backup_restore.add_argument("file", type=Path)
    backup_restore.add_argument("--to", type=Path, required=True)
    _report_parser(sub)
    residents = sub.add_parser("residents", help="data penduduk (impor/ekspor)")
    residents_sub = residents.add_subparsers(dest="residents_command", required=True)
    residents_import = residents_sub.add_parser("import", help="impor penduduk dari CSV/XLSX dengan laporan")
    residents_import.add_argument("file", type=Path)
    residents_import.add_argument("--json", action="store_true", help="laporan sebagai JSON (untuk skrip)")
    residents_import.add_argument("--user", required=True, help="nama pengguna yang mengimpor (PIN diminta)")
    residents_export = residents_sub.add_parser("export", help="ekspor semua penduduk ke CSV/XLSX")
    residents_export.add_argument("--format", choices=["csv", "xlsx"], required=True)
    residents_export.add_argument("--out", type=Path, required=True)
    residents_export.add_argument("--user", required=True, help="nama pengguna yang mengekspor (PIN diminta)")
    _skm_parser(sub)
    verify = sub.add_parser("verify", help="periksa keaslian surat dari QR (teks, gambar atau PDF), tanpa internet; "
                                           "kode keluar 0 ASLI, 1 DIUBAH, 2 TIDAK DIKENAL, 3 DIBATALKAN")
    verify.add_argument("source", help="isi QR, atau berkas PNG/JPG/PDF")
    demo = sub.add_parser("demo", help="buat kantor contoh tanpa pertanyaan, dengan surat lewat alurnya sendiri")
    demo.add_argument("--office", required=True, help="id kantor di katalog (mis. kalirejo, kanigaran)")
    demo.add_argument("--kelurahan", default="", help="nama kelurahan di bawah keputusan kecamatan")
    demo.add_argument("--db", dest="demo_db", type=Path, help="berkas basis data baru untuk kantor contoh")
    demo.add_argument("--residents", type=int, default=50, help="jumlah penduduk contoh")
    demo.add_argument("--letters", type=int, default=0, help="jumlah surat ditandatangani (>= 2: satu dibatalkan)")
    demo.add_argument("--json", action="store_true", help="cetak hasil sebagai JSON")
    keys = sub.add_parser("keys", help="direktori kunci: ekspor untuk kantor lain, impor dari kecamatan")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    keys_export = keys_sub.add_parser("export", help="tulis direktori kunci kantor ini ke berkas")
    keys_export.add_argument("file", type=Path)
    keys_import = keys_sub.add_parser("import", help="percayai direktori kunci dari berkas (admin + PIN)")
    keys_import.add_argument("file", type=Path)
    keys_import.add_argument("--user", required=True, help="nama pengguna admin")
    return parser


def _kabupaten_parser(sub: argparse._SubParsersAction) -> None:
    kab = sub.add_parser("kabupaten", help="penerima kabupaten di PostgreSQL: siapkan, daftarkan kantor")
    kab_sub = kab.add_subparsers(dest="kabupaten_command", required=True)
    init = kab_sub.add_parser("init", help="buat skema, kunci dan identitas penerima")
    init.add_argument("--database", required=True)
    init.add_argument("--code", required=True, help="kode kantor penerima, mis. 424 (Kab. Pasuruan)")
    init.add_argument("--name", required=True)
    init.add_argument("--key-file", type=Path, required=True)
    enroll = kab_sub.add_parser("enroll", help="daftarkan kantor pengirim dengan kunci publiknya")
    enroll.add_argument("--database", required=True)
    enroll.add_argument("--code", required=True)
    enroll.add_argument("--name", default="")
    enroll.add_argument("--key", required=True, help="kunci publik kantor (43 karakter, layar Sinkronisasi)")
    enroll.add_argument("--level", default="kelurahan", choices=["kelurahan", "desa", "kecamatan"])
    enroll.add_argument("--kecamatan", default="", help="nama kecamatan tempat kantor ini (untuk dasbor)")
    offices = kab_sub.add_parser("offices", help="daftar kantor terdaftar dan keadaan kirimannya")
    offices.add_argument("--database", required=True)


def _report_parser(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="laporan bulanan, semester dan tahunan (PDF + XLSX)")
    report_sub = report.add_subparsers(dest="report_command", required=True)
    for name, option, example, text in (("monthly", "--month", "2026-11", "laporan bulanan"),
                                        ("semester", "--semester", "2026-S2", "laporan semester"),
                                        ("year", "--year", "2026", "laporan tahunan"),
                                        ("rollup", "--month", "2026-11", "rekap kecamatan dari laporan kelurahan")):
        cmd = report_sub.add_parser(name, help=text)
        cmd.add_argument(option, dest="period", required=True, help=f"periode, mis. {example}")
        cmd.add_argument("--out", type=Path, required=True, help="folder tujuan")


def _skm_parser(sub: argparse._SubParsersAction) -> None:
    skm = sub.add_parser("skm", help="survei kepuasan masyarakat (SKM) dan indeksnya (IKM)")
    skm_sub = skm.add_subparsers(dest="skm_command", required=True)
    ikm = skm_sub.add_parser("ikm", help="hitung IKM dari berkas CSV jawaban, atau dari data kantor per periode")
    ikm.add_argument("--responses", type=Path, help="CSV: kolom u1…u9 (1–4), boleh jenis_kelamin, umur, "
                     "pendidikan, pekerjaan")
    ikm.add_argument("--from", dest="start", help="tanggal awal YYYY-MM-DD (bawaan: 1 Januari tahun ini)")
    ikm.add_argument("--to", dest="end", help="tanggal akhir YYYY-MM-DD (bawaan: hari ini)")
    ikm.add_argument("--service", help="hanya satu layanan (id katalog)")
    ikm.add_argument("--json", action="store_true", help="keluaran JSON")
    report = skm_sub.add_parser("report", help="laporan IKM per semester/tahun (PDF F4 atau XLSX)")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--semester", type=int, choices=[1, 2], help="tanpa ini: setahun penuh")
    report.add_argument("--out", type=Path, required=True, help="berkas .pdf atau .xlsx")
    report.add_argument("--follow-up", default="", help="rencana tindak lanjut yang dicetak di laporan")
