"""Failure 2 of issue 10: history could be rewritten.

Reproduced on the old main: after editing a register row and deleting the audit entry of a void,
recomputing the chain made `loket check` report "utuh"; deleting the last audit row, or editing
`register` directly, was not noticed at all. Now the kecamatan witnesses a signed checkpoint of the
chain with every sync, and the register is cross-checked against its audit entries.
"""

from __future__ import annotations

from desktop.models import audit
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.trust.integrity import check_database
from desktop.models.users.roles import Role
from tests.sync.sync_helpers import issue_letter, push


def recompute_chain(db) -> None:
    """What an attacker with the database file does after editing: renumber and re-hash everything."""
    columns = ["uuid", "office_code", "at", "user_id", "user_name", "role", "action", "entity", "entity_id",
               "before", "after"]
    rows = db.execute(f"SELECT {', '.join(columns)} FROM audit ORDER BY seq").fetchall()
    db.execute("DELETE FROM audit")
    prev = audit.GENESIS
    for seq, values in enumerate(rows, 1):
        row = dict(zip(columns, values))
        row["prev_hash"] = prev
        row["hash"] = audit._digest(row)
        db.execute(f"INSERT INTO audit (seq, {', '.join(row)}) VALUES (?, {', '.join('?' * len(row))})",
                   [seq, *row.values()])
        prev = row["hash"]


def _void(services, entry):
    lurah = services.users.by_role(Role.LURAH)[0]
    services.register.void(entry.id, lurah, "Salah ketik", pin=DEMO_PIN)


def test_a_recomputed_chain_does_not_hide_an_undone_void(linked):
    kel, kec = linked
    entry = issue_letter(kel)
    _void(kel, entry)
    push(kel, kec)  # the kecamatan witnesses the chain's head, void included
    report = check_database(kel.db)
    assert report.ok, report.text
    assert "Titik saksi kecamatan: entri #" in report.text
    # The attack: un-void the letter in the register, delete the void's audit entry, re-hash the chain.
    kel.db.execute("UPDATE register SET status = 'terbit', void_reason = NULL, voided_at = NULL WHERE id = ?",
                   [entry.id])
    kel.db.execute("DELETE FROM audit WHERE action = 'register.void'")
    recompute_chain(kel.db)
    assert audit.verify_chain(kel.db) is None  # the chain itself looks whole again
    report = check_database(kel.db)
    assert not report.ok
    assert "Riwayat audit TELAH DIUBAH" in report.text or "TELAH DIHAPUS" in report.text
    assert f"Surat {entry.number} dibatalkan menurut audit/pembatalan bertanda tangan" in report.text


def test_deleting_the_last_audit_entries_is_noticed(linked):
    kel, kec = linked
    issue_letter(kel)
    push(kel, kec)
    last = kel.db.execute("SELECT max(seq) FROM audit").fetchone()[0]
    kel.db.execute("DELETE FROM audit WHERE seq >= ?", [last - 1])
    report = check_database(kel.db)
    assert not report.ok and "Entri audit terakhir TELAH DIHAPUS" in report.text
    # At the next sync the kecamatan notices too: the head went backwards.
    kel.clock.advance(minutes=5)
    push(kel, kec)
    assert "MUNDUR" in kec.db.execute("SELECT last_error FROM sync_peers WHERE office_code = 'KBK'").fetchone()[0]


def test_editing_the_register_directly_is_noticed_without_any_sync(office_services):
    from tests.printing.test_letters import sign_one

    app = sign_one(office_services)
    entry = office_services.register.for_application(app.id)
    assert check_database(office_services.db).ok
    office_services.db.execute("UPDATE register SET number = '470/999/424.301.1.04/2026' WHERE id = ?", [entry.id])
    report = check_database(office_services.db)
    assert not report.ok and "Nomor surat di register diubah" in report.text
    office_services.db.execute("UPDATE register SET number = ? WHERE id = ?", [entry.number, entry.id])
    office_services.db.execute("DELETE FROM register WHERE id = ?", [entry.id])
    assert "barisnya di register hilang" in check_database(office_services.db).text


def test_a_forged_witness_is_refused(linked):
    kel, kec = linked
    issue_letter(kel)
    push(kel, kec)
    kel.db.execute("UPDATE audit_checkpoints SET hash = (CASE WHEN substr(hash, 1, 1) = 'a' THEN 'b' ELSE 'a' END) "
                   "|| substr(hash, 2) WHERE witnessed_by = 'KNG'")  # one character always changes
    report = check_database(kel.db)
    assert not report.ok and "tidak sah" in report.text
