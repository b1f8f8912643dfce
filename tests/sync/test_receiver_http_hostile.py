"""The receiver over real sockets against strangers, slow clients and hostile peers: it answers
every refusal with a 4xx and a reason, reads no body it has not authenticated, and keeps serving."""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from desktop.sync import client, outbound, server
from desktop.sync.request_auth import sign_request
from tests.sync.hostile import forge, line, record, state
from tests.sync.sync_helpers import KEC, KEL, link, received, sent, submit


@pytest.fixture
def receiver(kec):
    running = server.start_background(kec)
    yield running
    running.stop()


@pytest.fixture
def online(kel, kec, receiver):
    link(kel, kec, url=receiver.url)
    return kel, kec


def _address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").split(":")
    return host, int(port)


def _raw(url: str, head: bytes, body: bytes = b"") -> tuple[int, dict]:
    """Send bytes on a plain socket and read the whole answer (status, JSON body)."""
    with socket.create_connection(_address(url), timeout=10) as sock:
        sock.sendall(head + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, json.loads(data.split(b"\r\n\r\n", 1)[1] or b"{}")


def _signed(kel, body: bytes, path: str = "/batch", **changes: str) -> dict[str, str]:
    headers = sign_request("POST", path, body, sender=KEL, receiver=KEC, key=kel.office_keys.private_key(),
                           now=kel.clock.now())
    return {**headers, **changes}


def test_a_stranger_is_answered_before_any_body_is_read(online, receiver):
    kel, kec = online
    before = state(kec)
    # 200 MB announced, not one byte sent: an answer can only come if the body is never waited for.
    status, body = _raw(receiver.url, b"POST /batch HTTP/1.1\r\nHost: x\r\nContent-Length: 209715200\r\n\r\n")
    assert status == 401 and "tanda pengenal kantor" in body["error"]
    assert state(kec) == before


def test_an_enrolled_office_announcing_a_huge_body_is_refused_before_it(online, receiver):
    kel, _ = online
    body = b"x" * 10
    headers = _signed(kel, body)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    # The signature covers the length: the signed length must be the one announced...
    status, answer = _raw(receiver.url, f"POST /batch HTTP/1.1\r\nHost: x\r\n{head}Content-Length: 209715200\r\n\r\n"
                          .encode())
    assert status == 403 and "tidak sah" in answer["error"]
    # ...and a signed huge length is refused by size, before the body.
    big = sign_request("POST", "/batch", b"", sender=KEL, receiver=KEC, key=kel.office_keys.private_key(),
                       now=kel.clock.now())
    big["X-Loket-Signature"] = _resign_length(kel, big, 209715200)
    head = "".join(f"{k}: {v}\r\n" for k, v in big.items())
    status, answer = _raw(receiver.url, f"POST /batch HTTP/1.1\r\nHost: x\r\n{head}Content-Length: 209715200\r\n\r\n"
                          .encode())
    assert status == 413 and "terlalu besar" in answer["error"]


def _resign_length(kel, headers: dict[str, str], length: int) -> str:
    from desktop.models.trust.office_keys import b64url_encode
    from desktop.sync.request_auth import _message

    message = _message("POST", "/batch", KEL, KEC, headers["X-Loket-Time"], headers["X-Loket-Nonce"], length,
                       headers["X-Loket-Body-Sha256"])
    return b64url_encode(kel.office_keys.private_key().sign(message))


def test_three_hundred_slow_clients_do_not_stop_a_real_push(online, receiver):
    kel, kec = online
    for _ in range(3):
        submit(kel)
    slow = []
    try:
        for _ in range(300):  # each sends a few bytes of its headers and then nothing more
            sock = socket.create_connection(_address(receiver.url), timeout=10)
            sock.sendall(b"POST /batch HTTP/1.1\r\nHo")
            slow.append(sock)
        with httpx.Client(timeout=httpx.Timeout(10.0, connect=5.0)) as http:
            result = client.push(kel, client=http, attempts=1, sleep=lambda s: None)
    finally:
        for sock in slow:
            sock.close()
    assert result.acked_seq == len(sent(kel)) and received(kec) == sent(kel)


@pytest.mark.parametrize("case, status, words", [
    ("get_batch", 405, "hanya menerima POST"),
    ("unknown_path", 404, "tidak dikenal"),
    ("unsigned", 401, "tanda pengenal"),
    ("wrong_key", 403, "tidak sah"),
    ("other_receiver", 421, "ditujukan ke kantor KRT"),
    ("unknown_sender", 403, "belum terdaftar"),
    ("changed_body", 400, "tidak sama dengan yang ditandatangani"),
    ("replayed", 403, "sudah pernah diterima"),
    ("clock_off", 403, "Jam komputer"),
    ("nested", 400, "tidak dapat dibaca"),
    ("garbage", 400, "bukan berkas Loket"),
    ("relayed", 403, "setiap kantor mengirim berkasnya sendiri"),
])
def test_every_refusal_is_a_4xx_with_a_reason(online, receiver, case, status, words):
    kel, kec = online
    before = state(kec)
    submit(kel)
    body = outbound.pending_batch(kel)
    url = receiver.url + "/batch"
    headers = _signed(kel, body)
    if case == "get_batch":
        response = httpx.get(url)
    elif case == "unknown_path":
        response = httpx.post(receiver.url + "/admin", content=b"x")
    elif case == "unsigned":
        response = httpx.post(url, content=body)
    else:
        if case == "wrong_key":
            headers["X-Loket-Signature"] = _signed(kel, body + b"!")["X-Loket-Signature"]
        elif case == "other_receiver":
            headers = sign_request("POST", "/batch", body, sender=KEL, receiver="KRT",
                                   key=kel.office_keys.private_key(), now=kel.clock.now())
        elif case == "unknown_sender":
            headers = sign_request("POST", "/batch", body, sender="ZZZ", receiver=KEC,
                                   key=kel.office_keys.private_key(), now=kel.clock.now())
        elif case == "changed_body":
            body = body[:-1] + bytes([body[-1] ^ 1])
        elif case == "replayed":
            assert httpx.post(url, content=body, headers=headers).status_code == 200
            before = state(kec)
        elif case == "clock_off":
            kel.clock.advance(hours=3)
            headers = _signed(kel, body)
            kel.clock.advance(hours=-3)
        elif case in ("nested", "garbage"):
            body = (b'{"loket_sync":1,"m":' + b"[" * 30_000 + b"]" * 30_000 + b"}\n") if case == "nested" \
                else b"\x00" * 5000
            headers = _signed(kel, body)
        elif case == "relayed":
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            body = forge(Ed25519PrivateKey.generate(), line(record(1)), count=1, sender="KBX")
            headers = _signed(kel, body)
        response = httpx.post(url, content=body, headers=headers)
    assert response.status_code == status, response.text
    assert words in response.json()["error"]
    assert state(kec) == before
    assert httpx.get(receiver.url + "/health").status_code == 200  # still up


def test_a_big_refused_upload_still_gets_its_answer(kel, kec, receiver):
    """Refused from the headers while the client is still uploading: it reads the 4xx, not a reset."""
    link(kel, kec, url=receiver.url)
    body = b"\x00" * (8 * 1024 * 1024)
    response = httpx.post(receiver.url + "/batch", content=body, timeout=30)
    assert response.status_code == 401 and "tanda pengenal" in response.json()["error"]
