"""`loket kabupaten init | enroll | offices`: setting up the kabupaten's receiver from a terminal."""

from __future__ import annotations

import argparse

from desktop.models.clock import SystemClock, iso


def run_kabupaten(args: argparse.Namespace) -> int:
    import psycopg

    from desktop.sync.postgres import offices
    from desktop.sync.postgres.identity import init_receiver

    now = iso(SystemClock().now())
    if args.kabupaten_command == "init":
        identity = init_receiver(args.database, args.code, args.name, args.key_file, now)
        print(f"Penerima {identity.office_code} ({identity.name}) siap. Kunci publik penerima (isikan di layar "
              f"Sinkronisasi setiap kantor):\n{identity.public_key}")
        return 0
    with psycopg.connect(args.database) as conn:
        if args.kabupaten_command == "enroll":
            office = offices.enroll(conn, args.code, args.key, now, name=args.name, level=args.level,
                                    kecamatan=args.kecamatan)
            print(f"Kantor {office.office_code} ({office.name or '-'}) terdaftar; kirimannya kini diterima.")
            return 0
        rows = offices.list_offices(conn)
    print(f"{'Kode':<16} {'Nama':<28} {'Kecamatan':<20} {'Catatan':>9}  Kiriman terakhir")
    for o in rows:
        state = "" if o.active else " (nonaktif)"
        print(f"{o.office_code:<16} {(o.name + state)[:28]:<28} {o.kecamatan[:20]:<20} {o.in_records:>9}  "
              f"{(o.in_last_at or 'belum pernah')[:16].replace('T', ' ')}")
    return 0
