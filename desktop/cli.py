"""`loket` command: starts the app, or runs a sub-command (thin: calls models/printing)."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli_parser import build_parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        print(version_text())
        return 0
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(args.db, smoke=args.smoke)
    from desktop.models.errors import LoketError

    try:
        return _run_command(args)
    except LoketError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 1


def version_text() -> str:
    import platform

    import PySide6
    from PySide6.QtCore import qVersion

    from desktop import __version__ as app_version

    return (f"Loket Kelurahan {app_version} (Python {platform.python_version()}, "
            f"PySide6 {PySide6.__version__}, Qt {qVersion()})")


def _services(args: argparse.Namespace):
    from desktop.office import open_office
    from desktop.paths import default_db_path

    services = open_office(args.db or default_db_path())
    return services


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "catalog" and args.catalog_command == "export":
        data = _services(args).catalog.export(args.office)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.command == "catalog" and args.catalog_command == "check":
        from desktop.models.catalog.loader import catalog_files, load_catalog_file

        for path in args.paths or catalog_files():
            catalog = load_catalog_file(path)
            print(f"{path.name}: {catalog.office.name}, {len(catalog.services)} layanan — baik")
        return 0
    if args.command == "check":
        from desktop.models.trust.integrity import check_database

        report = check_database(_services(args).db)
        print(report.text)
        return 0 if report.ok else 1
    if args.command == "letter" and args.letter_command == "preview":
        from desktop.printing.issue import preview_letter

        pdf = preview_letter(_services(args), args.office, args.service, args.paper)
        args.out.write_bytes(pdf)
        print(f"Contoh surat ditulis ke {args.out} ({len(pdf)} bita).")
        return 0
    if args.command == "serve":
        return _serve(args)
    if args.command == "kabupaten":
        from desktop.sync.postgres.admin_cli import run_kabupaten

        return run_kabupaten(args)
    if args.command == "backup":
        return _backup(args)
    if args.command == "residents":
        return _residents(args)
    if args.command == "sync":
        return _sync(args)
    if args.command == "report":
        return _report(args)
    if args.command == "keys":
        return _keys(args)
    if args.command == "demo":
        return _demo(args)
    if args.command == "skm":
        return _skm(args)
    if args.command == "verify":
        from desktop.printing.verify_cli import run_verify

        code, text = run_verify(args.source, _services(args).directory)
        print(text)
        return code
    return 2


def _sync(args: argparse.Namespace) -> int:
    services = _services(args)
    if args.sync_command == "export":
        from desktop.sync.files import export_pending

        path = export_pending(services, args.folder)
        print(f"Kiriman ditulis ke {path}." if path else "Tidak ada data yang tertunda.")
        return 0
    if args.sync_command == "import":
        from desktop.sync.files import import_file

        print(import_file(services, args.file).message)
        return 0
    from desktop.sync.client import push

    result = push(services, url=args.url)
    print(result.message)
    return 0


def _serve(args: argparse.Namespace) -> int:
    import os

    if args.database:
        from desktop.models.errors import ValidationError
        from desktop.sync.postgres.database import is_postgres_url
        from desktop.sync.server import serve_postgres

        if not is_postgres_url(args.database) or args.key_file is None:
            raise ValidationError("Penerima kabupaten: --database harus postgresql://… dan --key-file wajib.")
        password = os.environ.get("LOKET_DASHBOARD_PASSWORD", "")
        dashboard = "" if password else " (nonaktif: isi LOKET_DASHBOARD_PASSWORD)"
        serve_postgres(args.database, args.key_file, args.host, args.port, threads=args.threads,
                       dashboard_password=password,
                       on_ready=lambda url: print(f"Penerima kabupaten (PostgreSQL) berjalan di {url}; dasbor di "
                                                  f"{url}/dashboard{dashboard}. Ctrl+C untuk berhenti.", flush=True))
        return 0
    from desktop.paths import default_db_path
    from desktop.sync.server import serve

    # Announced only once the office is checked and the port is ours.
    serve(args.db or default_db_path(), args.host, args.port,
          on_ready=lambda url: print(f"Penerima kecamatan berjalan di {url} (Ctrl+C untuk berhenti)", flush=True))
    return 0


def _report(args: argparse.Namespace) -> int:
    from desktop.models.reports.pack import build_pack
    from desktop.models.reports.period import PeriodKind, ReportPeriod
    from desktop.models.settings import PaperSettings
    from desktop.printing.reports.files import write_pack

    services = _services(args)
    if args.report_command == "rollup":
        from desktop.printing.reports.rollup_files import write_rollup

        written = write_rollup(services, ReportPeriod.parse(PeriodKind.MONTH, args.period), args.out)
    else:
        kind = {"monthly": PeriodKind.MONTH, "semester": PeriodKind.SEMESTER, "year": PeriodKind.YEAR}
        period = ReportPeriod.parse(kind[args.report_command], args.period)
        written = write_pack(build_pack(services.db, services.settings, period), args.out,
                             services.settings.get(PaperSettings))
    print(f"Laporan ditulis: {written.pdf} dan {written.xlsx}")
    return 0



def _demo(args: argparse.Namespace) -> int:
    from desktop.demo import run_demo
    from desktop.models.errors import ValidationError
    from desktop.models.office.first_run import DEMO_PIN

    db = args.demo_db or args.db
    if db is None:
        raise ValidationError("Sebutkan berkas basis data demo: loket demo --office ID --db BERKAS.")
    result = run_demo(args.office, db, kelurahan=args.kelurahan, residents=args.residents, letters=args.letters)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(f"Kantor contoh dibuat di {result['db']} (semua akun: PIN {DEMO_PIN}).")
    for letter in result["letters"]:
        print(f"  {letter['number']}  {letter['status'].upper():7}  {letter['pdf']}")
    return 0


def _signed_in(services, username: str, *, fresh: bool = False):
    """A command acts as a person: their PIN from LOKET_PIN or typed now; the models check the rest."""
    import getpass
    import os

    pin = os.environ.get("LOKET_PIN") or getpass.getpass(f"PIN {username}: ")
    user = services.users.authenticate(username, pin)
    return services.users.confirm(user.id, pin) if fresh else user


def _keys(args: argparse.Namespace) -> int:
    from desktop.sync import directory_file

    services = _services(args)
    if args.keys_command == "export":
        args.file.write_bytes(directory_file.export_file(services))
        print(f"Direktori kunci ditulis ke {args.file}. " + directory_file.describe_file(args.file.read_bytes()))
        return 0
    data = args.file.read_bytes()
    print(directory_file.describe_file(data))
    admin = _signed_in(services, args.user, fresh=True)
    added = directory_file.import_file(services, data, admin.actor())
    print(f"Direktori kunci diimpor: {added} kunci/pembatalan baru.")
    return 0


def _residents(args: argparse.Namespace) -> int:
    """Exit 0: all rows imported / export written; 2: some rows refused (listed); 1: nothing done (Galat)."""
    services = _services(args)
    actor = _signed_in(services, args.user).actor()  # the models check what this person may do
    if args.residents_command == "export":
        from desktop.models.residents.export import export_residents

        count = export_residents(services.residents, args.out, args.format, actor)
        print(f"{count} penduduk diekspor ke {args.out}.")
        return 0
    from desktop.models.residents.importing import import_rows, read_file

    report = import_rows(services.residents, read_file(args.file), actor)
    if args.json:
        json.dump({"file": args.file.name, "imported": report.imported,
                   "refused": [{"row": row, "reason": reason} for row, reason in report.refused]},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.text)
    return 2 if report.refused else 0


def _backup(args: argparse.Namespace) -> int:
    import getpass
    import os

    from desktop.models.office.backup import create_backup, restore_backup

    passphrase = os.environ.get("LOKET_BACKUP_PASSPHRASE") or getpass.getpass("Kata sandi cadangan: ")
    if args.backup_command == "create":
        size = create_backup(_services(args).db, args.file, passphrase)
        print(f"Cadangan terenkripsi ditulis ke {args.file} ({size:,} bita basis data).".replace(",", "."))
        return 0
    restore_backup(args.file, passphrase, args.to)
    print(f"Cadangan dipulihkan ke {args.to}. Buka dengan: loket --db {args.to}")
    return 0


def _skm(args: argparse.Namespace) -> int:
    from datetime import date

    from desktop.models.errors import ValidationError

    if args.skm_command == "report":
        from desktop.printing.ikm_report import write_ikm_report

        services = _services(args)
        path = write_ikm_report(services, args.year, args.semester, args.out, follow_up=args.follow_up)
        print(f"Laporan IKM ditulis ke {path}.")
        return 0
    from desktop.models.survey.ikm import compute_ikm

    if args.responses is not None:
        from desktop.models.survey.csv_answers import read_answers_csv

        result = compute_ikm(a.scores for a in read_answers_csv(args.responses))
    else:
        services = _services(args)
        today = services.clock.now().date()
        try:
            start = date.fromisoformat(args.start) if args.start else date(today.year, 1, 1)
            end = date.fromisoformat(args.end) if args.end else today
        except ValueError as exc:
            raise ValidationError("Tanggal harus berbentuk YYYY-MM-DD.") from exc
        result = services.survey.ikm(start, end, service_id=args.service)
        if result is None:
            raise ValidationError(f"Belum ada jawaban survei dari {start} sampai {end}.")
    if args.json:
        json.dump(result.as_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    from desktop.models.survey.ikm import comma
    from desktop.models.survey.unsur import UNSUR

    grade = result.grade
    print(f"Responden: {result.responden}")
    for unsur, nrr in zip(UNSUR, result.nrr_shown):
        print(f"  {unsur.code.upper()} {unsur.name:<42} NRR {comma(nrr)}")
    print(f"IKM: {comma(result.ikm)}  mutu {grade.mutu} ({grade.kinerja})")
    return 0
