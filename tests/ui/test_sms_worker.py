"""The SMS worker thread sends what the outbox holds through the (simulated) modem set in the settings."""

from __future__ import annotations

from desktop.models.notifications.config import save_notification_settings
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.settings import NotificationSettings
from desktop.office import open_office
from desktop.ui.sms_worker import SmsWorker
from tests.messaging.fake_modem import SimulatedModem


def test_worker_sends_through_the_configured_modem_and_survives_its_absence(qtbot, office_services, db_path,
                                                                          tmp_path):
    admin = office_services.users.authenticate("admin", DEMO_PIN)
    sim = SimulatedModem(tmp_path / "ttyUSB0")
    try:
        office_services.notifications.queue_test("081234567890", "Kelurahan Kalirejo",
                                                 office_services.users.authenticate("petugas", DEMO_PIN))
        worker = SmsWorker(lambda: open_office(db_path), interval_ms=3_600_000)
        stop = worker.stop
        with qtbot.waitSignal(worker.sig_report, timeout=10000) as off:
            worker.start()
        assert off.args == [None]  # SMS not switched on: nothing happens, nothing is lost
        save_notification_settings(office_services.settings, NotificationSettings(
            sms_enabled=True, modem_port=str(sim.link), whatsapp_number="0812 1111 2222"), admin)
        with qtbot.waitSignal(worker.sig_report, timeout=10000) as sent:
            worker.send_now()
        assert sent.args[0].sent == 1 and sim.sent[0][1] == "+6281234567890"
        assert office_services.notifications.list()[0].state == "terkirim"
        sim.unplug()
        office_services.notifications.queue_test("081234567891", "Kelurahan Kalirejo",
                                                 office_services.users.authenticate("petugas", DEMO_PIN))
        with qtbot.waitSignal(worker.sig_report, timeout=10000) as gone:
            worker.send_now()
        assert not gone.args[0].connected
        sim.replug()
        with qtbot.waitSignal(worker.sig_report, timeout=10000) as back:
            worker.send_now()
        assert back.args[0].sent == 1
    finally:
        stop()
        sim.unplug()
    assert office_services.settings.get(NotificationSettings).whatsapp_number == "+6281211112222"
