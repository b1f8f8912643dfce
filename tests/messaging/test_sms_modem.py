"""SMS through a (simulated) USB GSM modem: sent, delivered, failed, unplugged and replugged."""

from __future__ import annotations

import pytest

from desktop.messaging.gsm_modem import GsmModem, ModemRejected, ModemUnavailable
from desktop.messaging.sms_sender import SmsSender
from desktop.models.db import transaction
from desktop.models.notifications.outbox import MAX_ATTEMPTS, NotificationOutbox, queue_in_transaction
from tests.messaging.fake_modem import SimulatedModem


@pytest.fixture
def modem(tmp_path):
    sim = SimulatedModem(tmp_path / "ttyUSB0")
    yield sim
    sim.unplug()


def open_modem(sim):
    return lambda: GsmModem(str(sim.link), timeout=5).open()


def queue(services, phone="+6281234567890", text="Kelurahan Kalirejo: siap diambil", key="k1"):
    with transaction(services.db):
        queue_in_transaction(services.db, services.clock, "X", phone=phone, text=text, reason="uji", trigger_key=key)


def states(services):
    return [n.state for n in NotificationOutbox(services.db, services.clock).list()]


def test_modem_is_set_to_text_mode_and_asked_for_delivery_reports(modem):
    gsm = GsmModem(str(modem.link), timeout=5).open()
    assert modem.commands[:3] == ["AT", "ATE0", "AT+CMGF=1"]
    assert "AT+CSMP=49,167,0,0" in modem.commands and gsm.delivery_reports
    ref = gsm.send_sms("+6281234567890", "Halo")
    assert modem.sent == [(ref, "+6281234567890", "Halo")]
    gsm.close()


def test_sent_then_delivered(services, modem):
    queue(services)
    sender = SmsSender(NotificationOutbox(services.db, services.clock), open_modem(modem))
    report = sender.run_once()
    assert report.connected and report.sent == 1 and states(services) == ["terkirim"]
    (ref, number, text), = modem.sent
    assert number == "+6281234567890" and text == "Kelurahan Kalirejo: siap diambil"
    note = NotificationOutbox(services.db, services.clock).list()[0]
    assert note.modem_ref == ref and note.attempts == 1
    modem.deliver(ref, status=0)
    # The report arrives asynchronously on the line; poll until the pass has read it.
    for _ in range(200):
        if sender.run_once().delivered:
            break
    assert states(services) == ["diterima"]
    sender.close()


def test_network_reports_failure(services, modem):
    queue(services)
    sender = SmsSender(NotificationOutbox(services.db, services.clock), open_modem(modem))
    sender.run_once()
    modem.deliver(modem.sent[0][0], status=70)
    for _ in range(200):
        if sender.run_once().delivered:
            break
    note = NotificationOutbox(services.db, services.clock).list()[0]
    assert note.state == "gagal" and "tidak sampai" in note.last_error
    sender.close()


def test_refused_message_is_retried_then_given_up(services, modem, clock):
    modem.refuse_numbers.add("+6289999999999")
    queue(services, phone="+6289999999999")
    outbox = NotificationOutbox(services.db, services.clock)
    sender = SmsSender(outbox, open_modem(modem))
    for attempt in range(1, MAX_ATTEMPTS + 1):
        report = sender.run_once()
        assert report.failed == 1, attempt
        note = outbox.list()[0]
        assert note.attempts == attempt and "+CMS ERROR: 500" in note.last_error
        assert sender.run_once().failed == 0  # not again before the pause is over
        clock.advance(hours=1)
    assert states(services) == ["gagal"] and modem.sent == []
    # A person puts it back; the next pass tries again.
    from desktop.models.office.first_run import complete_first_run, demo_input

    complete_first_run(services, demo_input(services.catalog.office("kalirejo"), residents=1))
    clerk = services.users.authenticate("petugas", "246810")
    modem.refuse_numbers.clear()
    outbox.retry(outbox.list()[0].id, clerk)
    assert sender.run_once().sent == 1 and states(services) == ["terkirim"]
    sender.close()


def test_unplugged_modem_keeps_messages_queued_without_using_tries(services, modem):
    outbox = NotificationOutbox(services.db, services.clock)
    sender = SmsSender(outbox, open_modem(modem))
    assert sender.run_once().connected
    modem.unplug()
    queue(services)
    report = sender.run_once()
    assert not report.connected and "tetap antre" in report.message
    note = outbox.list()[0]
    assert note.state == "antre" and note.attempts == 0
    assert not sender.run_once().connected  # still unplugged: opening fails, nothing lost
    modem.replug()
    report = sender.run_once()
    assert report.connected and report.sent == 1 and states(services) == ["terkirim"]
    sender.close()


def test_unplugged_in_the_middle_of_a_send(services, modem):
    gsm = GsmModem(str(modem.link), timeout=2).open()
    modem.unplug()
    with pytest.raises(ModemUnavailable):
        gsm.send_sms("+6281234567890", "Halo")
    assert not gsm.is_open


def test_modem_without_delivery_reports_still_sends(tmp_path):
    sim = SimulatedModem(tmp_path / "ttyUSB1", reports=False)
    try:
        gsm = GsmModem(str(sim.link), timeout=5).open()
        assert not gsm.delivery_reports
        assert gsm.send_sms("+6281234567890", "Halo") == 1
        gsm.close()
    finally:
        sim.unplug()


def test_wrong_port_is_unavailable_and_bad_numbers_are_refused(tmp_path, modem):
    with pytest.raises(ModemUnavailable):
        GsmModem(str(tmp_path / "tidak-ada")).open()
    gsm = GsmModem(str(modem.link), timeout=5).open()
    with pytest.raises(ModemRejected):
        gsm.send_sms('+62812"\r\nAT+CMGD=1', "x")
    # Ctrl-Z inside the text would end the message early: it is replaced.
    gsm.send_sms("+6281234567890", "a\x1ab")
    assert modem.sent[-1][2] == "a?b"
    gsm.close()
