"""The kabupaten dashboard: its figures, its protection, and the page in a real headless Chromium."""

from __future__ import annotations

import base64
import os
import random

import httpx
import pytest

from desktop.sync import protocol, server
from desktop.sync.postgres.dashboard import load_dashboard
from tests.kabupaten.conftest import enroll_all
from tests.kabupaten.fake_offices import make_offices

AUTH = "Basic " + base64.b64encode(b"kabupaten:rahasia-dasbor").decode()


@pytest.fixture
def reported(kabupaten):
    """Three kelurahan in two kecamatan: A reported every month, B all but November, C never (and
    has been silent for a week)."""
    a, b, c = offices = make_offices(3, kecamatan_count=2)
    kabupaten.clock.set(kabupaten.clock.now().replace(month=1, day=5))  # enrolled at the start of the year
    enroll_all(kabupaten, offices)
    kabupaten.clock.set(kabupaten.clock.now().replace(month=12, day=2))
    rng = random.Random(9)
    for office, months in ((a, range(1, 12)), (b, range(1, 11)), (c, range(0))):
        records = office.month(2026, 10, 30, rng) + office.month(2026, 11, 20, rng)
        records += [office.monthly_report(f"2026-{m:02d}", f"2026-{m + 1:02d}-01T09:00:00+07:00", 50)
                    for m in months]
        when = "2026-11-20T10:00:00+07:00" if office is c else None
        if when:
            kabupaten.clock.set(kabupaten.clock.now().replace(month=11, day=20))
        result = protocol.receive(kabupaten, office.batch(records, "KNG", kabupaten.identity.public_key))
        office.acked = result.receipt.acked_seq
        kabupaten.clock.set(kabupaten.clock.now().replace(month=12, day=2))
    return kabupaten, offices


def test_figures_per_office_and_month(reported):
    store, (a, b, c) = reported
    with store.pool.connection() as conn:
        board = load_dashboard(conn, store.identity.dashboard_role, store.identity.name, store.clock.now(), 2026, 11)
    by_code = {o.office_code: o for o in board.offices}
    assert [by_code[x.code].active for x in (a, b, c)] == [True, True, False]
    assert (by_code[a.code].reports, by_code[b.code].reports, by_code[c.code].reports) == (11, 10, 0)
    late = {r.office_code: r.missing for r in board.late}
    assert a.code not in late and late[b.code] == ["2026-11"] and len(late[c.code]) == 11
    with store.pool.connection() as conn:  # an office enrolled in November owes nothing before it
        conn.execute("UPDATE offices SET enrolled_at = '2026-11-10T09:00:00+07:00' WHERE office_code = %s", [c.code])
        conn.commit()
        later = load_dashboard(conn, store.identity.dashboard_role, store.identity.name, store.clock.now(), 2026, 11)
    assert {r.office_code: r.missing for r in later.late}[c.code] == ["2026-11"]
    assert board.letters_per_month[9] > 0 and board.letters_per_month[10] > 0 and sum(board.letters_per_month[:9]) == 0
    kinds = {row.kind for row in board.letters}
    assert "SURAT KETERANGAN DOMISILI" in kinds
    sla = {s.office_code: s for s in board.sla}
    assert all(sla[x.code].finished > 0 and sla[x.code].on_time + sla[x.code].late == sla[x.code].finished
               for x in (a, b, c))
    assert set(board.timings_ms) == {"kantor aktif", "laporan terlambat", "surat per bulan dan jenis", "SLA per kantor"}


def test_the_dashboard_needs_its_password_and_only_reads(reported):
    store, _offices = reported
    running = server.start_background(store)
    try:
        page = running.url + "/dashboard"
        assert httpx.get(page).status_code == 401
        assert httpx.get(page, headers={"Authorization": "Basic " + base64.b64encode(b"kabupaten:salah").decode()
                                        }).status_code == 401
        ok = httpx.get(page + "?tahun=2026&bulan=10", headers={"Authorization": AUTH})
        assert ok.status_code == 200 and "Waktu layanan per kantor, Oktober 2026" in ok.text
        assert "script" not in ok.text.lower() and "default-src 'none'" in ok.headers["content-security-policy"]
        odd = httpx.get(page + "?tahun=abc&bulan=99", headers={"Authorization": AUTH})
        assert odd.status_code == 200 and "November 2026" in odd.text  # nonsense falls back to last month
        assert httpx.post(page, headers={"Authorization": AUTH}, content=b"x").status_code == 404
    finally:
        running.stop()


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Debian's chromium and chromedriver; Selenium fetches nothing
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--disable-extensions", "--no-first-run", "--window-size=1366,900"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def test_the_page_in_a_real_headless_chromium(reported, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    store, (a, b, c) = reported
    running = server.start_background(store)
    driver = _browser()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": AUTH}})
        driver.get(running.url + "/dashboard")
        assert driver.title == "Dasbor Kabupaten Uji"
        assert driver.find_element(By.ID, "kantor").text == "3" and driver.find_element(By.ID, "aktif").text == "2"
        assert driver.find_element(By.ID, "belum").text == "2"  # B and C have not sent November
        late_rows = driver.find_elements(By.CSS_SELECTOR, "#late tr")[1:]
        late = {r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[3].text
                for r in late_rows}
        assert late[b.code] == "November" and late[c.code].startswith("Januari, Februari") and a.code not in late
        bars = driver.find_elements(By.CSS_SELECTOR, "svg rect")
        assert len(bars) == 12 and int(bars[10].get_attribute("height")) > 0
        Select(driver.find_element(By.NAME, "bulan")).select_by_visible_text("Oktober")
        driver.find_element(By.TAG_NAME, "button").click()
        WebDriverWait(driver, 20).until(lambda d: "bulan=10" in d.current_url and "Oktober 2026" in d.page_source)
        assert "Waktu layanan per kantor, Oktober 2026" in driver.find_element(By.TAG_NAME, "body").text
        sla_rows = driver.find_elements(By.CSS_SELECTOR, "#sla tr")[1:]
        assert {r.find_elements(By.TAG_NAME, "td")[0].text for r in sla_rows} == {a.code, b.code, c.code}
        driver.save_screenshot(str(tmp_path / "dasbor.png"))
        assert (tmp_path / "dasbor.png").stat().st_size > 10_000
    finally:
        driver.quit()
        running.stop()
