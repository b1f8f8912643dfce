"""Office signing key: created once, kept out of the audit trail; trusted keys validated."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models import audit
from desktop.models.errors import LoketError, ValidationError
from desktop.models.settings import OfficeProfile
from desktop.models.trust.office_keys import OfficeKeys, b64url_decode, public_key_from_text, public_key_text
from tests.identities import admin_actor

ADMIN = None  # the keys fixture signs in an admin
OWN_CODE = "424.301.1.04"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _new_public() -> str:
    return public_key_text(Ed25519PrivateKey.generate().public_key())


@pytest.fixture
def keys(services):
    global ADMIN
    ADMIN = admin_actor(services)
    services.settings.put(OfficeProfile(office_code=OWN_CODE), ADMIN)
    return OfficeKeys(services.settings)


def test_ensure_key_creates_once_and_returns_the_same_public_key(keys):
    first = keys.ensure_key(ADMIN)
    assert keys.ensure_key(ADMIN) == first == keys.public_key()
    assert len(first) == 43 and len(b64url_decode(first)) == 32
    assert public_key_text(keys.private_key().public_key()) == first


def test_private_key_signs_what_the_public_key_verifies(keys):
    keys.ensure_key(ADMIN)
    signature = keys.private_key().sign(b"surat")
    public_key_from_text(keys.public_key()).verify(signature, b"surat")  # raises InvalidSignature if wrong


def test_private_key_never_reaches_the_audit_trail(keys, services):
    keys.ensure_key(ADMIN)
    stored = services.settings.get_raw("office_signing_key")
    entries = audit.history(services.db, "settings", "office_signing_key")
    assert [e.after for e in entries] == [{"public": keys.public_key()}]
    dump = "".join(row[0] or "" for row in services.db.execute("SELECT after FROM audit"))
    assert stored["private"] not in dump


def test_no_key_yet_gives_a_clear_error(keys):
    assert not keys.has_key()
    with pytest.raises(LoketError, match="belum dibuat"):
        keys.private_key()
    assert keys.trusted() == {}


def test_trusted_includes_own_office_and_registered_kelurahan(keys, services):
    own = keys.ensure_key(ADMIN)
    kalirejo = _new_public()
    keys.trust(" 424.301.1.05 ", kalirejo + "\n", ADMIN)
    assert keys.trusted() == {OWN_CODE: own, "424.301.1.05": kalirejo}
    assert audit.history(services.db, "settings", "trusted_office_keys")[-1].after == {"424.301.1.05": kalirejo}


def test_trust_replaces_a_rotated_key(keys):
    keys.trust("424.301.1.05", _new_public(), ADMIN)
    rotated = _new_public()
    keys.trust("424.301.1.05", rotated, ADMIN)
    assert keys.trusted() == {"424.301.1.05": rotated}


@pytest.mark.parametrize("bad", ["", "abc", "A" * 44, "A" * 42 + "!", "QUJD" * 16, "kunci-publik"])
def test_trust_rejects_malformed_keys_in_indonesian(keys, bad):
    with pytest.raises(ValidationError, match="tidak sah"):
        keys.trust("424.301.1.05", bad, ADMIN)
    assert keys.trusted() == {}


def test_trust_requires_an_office_code(keys):
    with pytest.raises(ValidationError, match="Kode kantor wajib"):
        keys.trust("  ", _new_public(), ADMIN)


def test_own_office_key_cannot_be_replaced_through_trust(keys):
    own = keys.ensure_key(ADMIN)
    with pytest.raises(ValidationError, match="kantor ini sendiri"):
        keys.trust(OWN_CODE, _new_public(), ADMIN)
    assert keys.trusted()[OWN_CODE] == own


def test_non_canonical_base64_spelling_is_rejected():
    text = _new_public()
    # The last of 43 characters carries 2 spare bits; a lenient decoder maps both spellings
    # to the same bytes, which would let a changed QR character pass unnoticed.
    twin = text[:-1] + B64URL[B64URL.index(text[-1]) ^ 1]
    assert b64url_decode(text)
    with pytest.raises(ValueError):
        b64url_decode(twin)
