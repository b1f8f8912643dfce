"""Regenerate docs/dashboard.png: the kabupaten dashboard in headless Chromium, over a temporary
PostgreSQL with 24 demo offices in 6 kecamatan (some silent, some late with their reports).

    .venv/bin/python scripts/dashboard_image.py
"""

from __future__ import annotations

import base64
import random
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    import psycopg

    from desktop.models.clock import WIB, FixedClock
    from desktop.sync import protocol, server
    from desktop.sync.postgres.identity import init_receiver
    from desktop.sync.postgres.offices import enroll
    from desktop.sync.postgres.store import PostgresStore
    from tests.kabupaten.fake_offices import make_offices
    from tests.kabupaten.test_dashboard import _browser
    from tests.postgres_fixture import PgServer

    pg = PgServer()
    pg.start()
    try:
        name = pg.new_database()
        url, key = pg.url(name), Path(tempfile.mkdtemp()) / "kab.key"
        init_receiver(url, "3514", "Kabupaten Pasuruan", key, "2026-12-02T09:00:00+07:00")
        clock = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))
        store = PostgresStore.open(url, key, clock, dashboard_password="contoh")
        offices = make_offices(24, kecamatan_count=6)
        rng = random.Random(14)
        with psycopg.connect(url) as conn:
            for o in offices:
                enroll(conn, o.code, o.public_key, "2026-01-05T09:00:00+07:00", name=o.name, kecamatan=o.kecamatan)
        for i, o in enumerate(offices):
            records = []
            for month in range(1, 12):
                records += o.month(2026, month, rng.randrange(20, 60), rng)
                if not (i % 7 == 3 and month >= 10) and i % 11 != 5:
                    records.append(o.monthly_report(f"2026-{month:02d}", f"2026-{month + 1:02d}-03T09:00:00+07:00"))
            if i % 9 == 4:
                clock.set(datetime(2026, 11, 18, 10, 0, tzinfo=WIB))  # silent since then
            protocol.receive(store, o.batch(records, "3514", store.identity.public_key))
            clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))
        running = server.start_background(store)
        driver = _browser()
        try:
            driver.set_window_size(1280, 1500)
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {
                "Authorization": "Basic " + base64.b64encode(b"kabupaten:contoh").decode()}})
            driver.get(running.url + "/dashboard")
            driver.save_screenshot(str(ROOT / "docs" / "dashboard.png"))
        finally:
            driver.quit()
            running.stop()
            store.close()
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
