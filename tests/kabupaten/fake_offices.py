"""Offices that only send: a key pair and a stream of well-formed records (letters, applications, a
monthly report), signed and sealed into real batches. Cheap enough to make 300 of them for the
benchmark and a handful for the tests, without a full office database each."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.clock import WIB
from desktop.models.reports import travel
from desktop.models.trust.office_keys import public_key_text
from desktop.sync import batch
from desktop.sync.batch import Record

SERVICES = ["Surat Keterangan Domisili", "Surat Keterangan Usaha", "Surat Keterangan Tidak Mampu",
            "Pengantar SKCK", "Surat Keterangan Waris"]


@dataclass
class FakeOffice:
    code: str
    name: str
    kecamatan: str
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    seq: int = 0
    acked: int = 0

    @property
    def public_key(self) -> str:
        return public_key_text(self.key.public_key())

    def _record(self, entity: str, entity_id: str, op: str, at: str, payload: dict) -> Record:
        self.seq += 1
        uuid = hashlib.sha256(f"{self.code}/{self.seq}".encode()).hexdigest()[:32]
        return Record(self.seq, uuid, at, entity, entity_id, op, payload)

    def month(self, year: int, month: int, letters: int, rng: random.Random) -> list[Record]:
        """About two records per letter: the application (received, then finished) and the register row."""
        out = []
        for i in range(letters):
            day = 1 + i * 27 // max(letters, 1)
            received = datetime(year, month, day, 8, 0, tzinfo=WIB) + timedelta(minutes=rng.randrange(400))
            done = received + timedelta(minutes=rng.choice((3, 4, 5, 8, 30)))
            app_id = f"{self.code}-app-{year}{month:02d}-{i}"
            service = SERVICES[rng.randrange(len(SERVICES))]
            summary = {"id": app_id, "office_code": self.code, "service_name": service, "status": "diajukan",
                       "received_at": received.isoformat(), "due_at": (received + timedelta(minutes=5)).isoformat(),
                       "completed_at": None, "number": f"{i:05d}"}
            out.append(self._record("application", app_id, "submit", received.isoformat(), summary))
            finished = {**summary, "status": "diambil", "completed_at": done.isoformat()}
            if rng.random() < 0.05:  # still open at the end of the month
                continue
            out.append(self._record("application", app_id, "ambil", done.isoformat(), finished))
            out.append(self._record("register", f"{app_id}-surat", "terbit", done.isoformat(), {
                "id": f"{app_id}-surat", "office_code": self.code, "number": f"470/{i + 1:04d}/{self.code}/{year}",
                "letter_date": done.date().isoformat(), "subject": service.upper(),
                "status": "batal" if rng.random() < 0.02 else "terbit"}))
        return out

    def monthly_report(self, period: str, at: str, issued: int = 0) -> Record:
        payload = {"period": period, "revision": 1, "office_code": self.code, "office_name": self.name,
                   "as_of": at[:19], "signer": "Lurah", "pdf_sha256": "0" * 64, "xlsx_sha256": "0" * 64,
                   "summary": {k: 0 for k in travel.Summary.model_fields} | {"letters_issued": issued}}
        return self._record(travel.ENTITY, period, travel.OP_SENT, at, payload)

    def headers(self, body: bytes, receiver: str, now: datetime) -> dict[str, str]:
        """The signed request headers an office's app sends with a batch (sync/request_auth.py)."""
        from desktop.sync.request_auth import sign_request

        return sign_request("POST", "/batch", body, sender=self.code, receiver=receiver, key=self.key, now=now)

    def batch(self, records: list[Record], receiver: str, receiver_key: str, encrypt: bool = True) -> bytes:
        """Everything after the last acknowledged sequence, as the office's outbox would send it."""
        seq_from = self.acked + 1
        seq_to = records[-1].seq if records else self.acked
        return batch.build_batch(records, sender=self.code, receiver=receiver,
                                 batch_id=f"{self.code}>{receiver}:{seq_from}-{seq_to}",
                                 created_at="2026-12-02T09:00:00+07:00", seq_from=seq_from, seq_to=seq_to,
                                 key=self.key, encrypt_to=receiver_key if encrypt else None)


def make_offices(count: int, kecamatan_count: int = 20) -> list[FakeOffice]:
    return [FakeOffice(f"35.14.{k:02d}.{i:04d}", f"Kelurahan {i:03d}", f"Kecamatan {k:02d}")
            for i in range(count) for k in [i % kecamatan_count]]
