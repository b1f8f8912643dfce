"""End to end over a real HTTP receiver on a loopback port (asyncio + h11 in a thread, no mocks).

The protocol tests run against both receivers (`upstream`: the kecamatan's SQLite, the kabupaten's
PostgreSQL); the Tipe B decision is the kecamatan office's own work and runs on its SQLite.
"""

from __future__ import annotations

import socket
import threading

import httpx
import pytest

from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.sync import client, outbound, server
from desktop.sync.errors import SyncError, TransportError
from desktop.sync.peers import PeerRepository
from tests.identities import admin_actor
from tests.sync.backends import link_upstream
from tests.sync.sync_helpers import KEC, KEL, link, received, sent, submit, user


@pytest.fixture
def receiver(upstream):
    running = upstream.start_http()
    yield running
    running.stop()


@pytest.fixture
def online(kel, upstream, receiver):
    link_upstream(kel, upstream, url=receiver.url)
    return kel, upstream


@pytest.fixture
def kecamatan_online(kel, kec):
    running = server.start_background(kec)
    link(kel, kec, url=running.url)
    yield kel, kec
    running.stop()


def test_push_delivers_everything_once_and_health_answers(online, receiver):
    kel, up = online
    assert client.reachable(receiver.url)
    health = httpx.get(receiver.url + "/health")
    assert health.json() == {"status": "ok"}  # nothing that names the office to a stranger
    assert KEC not in health.text and "Kanigaran" not in health.text.title()
    for _ in range(3):
        submit(kel)
    result = client.push(kel, sleep=lambda s: None)
    assert result.acked_seq == len(sent(kel)) and up.received() == sent(kel)
    assert outbound.pending_count(kel) == 0
    again = client.push(kel, sleep=lambda s: None)  # nothing new: an empty batch, acknowledged
    assert again.acked_seq == result.acked_seq and up.state()[1] == len(sent(kel))


def test_tipe_b_decision_comes_back_over_http(kecamatan_online):
    kel, kec = kecamatan_online
    app = submit(kel)
    app = kel.applications.perform(app.id, app.active_step, user(kel, "petugas"), Role.PETUGAS)
    client.push(kel, sleep=lambda s: None)
    local_id = kec.db.execute("SELECT local_id FROM sync_tipe_b WHERE remote_id = ?", [app.id]).fetchone()[0]
    camat = user(kec, "camat")
    here = kec.applications.get(local_id)
    people = [user(kec, n) for n in ("petugas", "kasi", "sekcam", "camat")]
    while here.status != Status.SIAP_DIAMBIL:
        role = Role(here.current.roles[0])
        who = next(u for u in people if u.has(role))
        here = kec.applications.perform(here.id, here.current.idx, who, role,
                                        pin=DEMO_PIN if here.current.needs_pin else None)
    result = client.push(kel, sleep=lambda s: None)
    assert result.downlink_applied == 1
    assert kel.applications.get(app.id).status == Status.SIAP_DIAMBIL
    assert outbound.pending_count(kec, KEL) == 0  # the kelurahan's receipt reached the kecamatan
    assert received(kec) == sent(kel) and camat.full_name in kel.applications.get(app.id).steps[2].note


def _half_reader():
    """A TCP listener that reads part of the upload, then drops the connection."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def run():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.recv(200)
            conn.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}", stop, thread, listener


def test_network_dropping_mid_upload_loses_nothing(online, receiver):
    kel, up = online
    for _ in range(2):
        submit(kel)
    url, stop, thread, listener = _half_reader()
    delays = []
    try:
        with pytest.raises(TransportError, match="tidak dapat dihubungi setelah 3 kali"):
            client.push(kel, url=url, attempts=3, backoff=0.5, sleep=delays.append)
    finally:
        stop.set()
        thread.join(5)
        listener.close()
    assert delays == [0.5, 1.0]  # back-off doubles
    peer = outbound.peers(kel).get(KEC)
    assert peer.out_acked_seq == 0 and "tidak dapat dihubungi" in peer.last_error
    assert up.received() == []
    client.push(kel, sleep=lambda s: None)
    assert up.received() == sent(kel) and outbound.peers(kel).get(KEC).last_error == ""


class _LoseFirstAnswer(httpx.BaseTransport):
    """Delivers the request, then loses the answer once (the cable is pulled after the upload)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.lost = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if self.lost == 0:
            response.read()
            self.lost += 1
            raise httpx.ReadError("connection reset", request=request)
        return response


def test_answer_lost_after_apply_is_acknowledged_not_applied_twice(online, receiver):
    kel, up = online
    for _ in range(2):
        submit(kel)
    transport = _LoseFirstAnswer()
    with httpx.Client(transport=transport) as http:
        client.push(kel, client=http, sleep=lambda s: None)
    assert transport.lost == 1
    assert up.received() == sent(kel)
    assert up.state()[1] == len(sent(kel))  # counted once
    assert up.mirror_count("application") == 2


def test_receiver_restart_between_pushes(kel, upstream):
    first = upstream.start_http()
    link_upstream(kel, upstream, url=first.url)
    submit(kel)
    client.push(kel, sleep=lambda s: None)
    first.stop()
    with pytest.raises(TransportError):
        client.push(kel, attempts=2, sleep=lambda s: None)
    submit(kel)
    reopened = upstream.restarted()
    second = reopened.start_http()
    try:
        client.push(kel, url=second.url, sleep=lambda s: None)
        assert reopened.received() == sent(kel)
    finally:
        second.stop()
        reopened.close()


def test_unenrolled_kelurahan_is_refused_over_http(kel, upstream, receiver):
    PeerRepository(kel.db, kel.clock).enroll(KEC, upstream.public_key, admin_actor(kel),
                                             role="kecamatan", url=receiver.url)
    submit(kel)
    with pytest.raises(SyncError, match="belum terdaftar"):
        client.push(kel, sleep=lambda s: None)
    assert upstream.received() == [] and outbound.pending_count(kel) == len(sent(kel))
    assert "belum terdaftar" in outbound.peers(kel).get(KEC).last_error
