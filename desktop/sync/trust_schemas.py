"""Shapes of the trust records that travel (keys, revocations, the key directory, the letter that
comes back with a Tipe B approval), checked like every other record before anything is applied.

Their signatures are checked again where they are used (models/trust/directory.py): the schema
only keeps malformed or oversized data out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Code = Annotated[str, StringConstraints(max_length=64)]
Id = Annotated[str, StringConstraints(max_length=128)]
Short = Annotated[str, StringConstraints(max_length=300)]
Text = Annotated[str, StringConstraints(max_length=4000)]
KeyText = Annotated[str, StringConstraints(max_length=64)]
KeyId = Annotated[str, StringConstraints(max_length=16, pattern=r"^[0-9a-f]*$")]
Signature = Annotated[str, StringConstraints(max_length=128)]
Qr = Annotated[str, StringConstraints(max_length=2000)]


def _iso(value: str) -> str:
    if value:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            date.fromisoformat(value)
    return value


When = Annotated[str, StringConstraints(max_length=40), AfterValidator(_iso)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TrustKey(_Strict):
    """A key an office's root certified (or the root itself, for `trust_root`)."""

    office_code: Code
    key_id: KeyId
    kind: Literal["root", "official", "sync"]
    public_key: KeyText
    holder_id: Id = ""
    holder_name: Short = ""
    valid_from: When = ""
    certified_by: KeyId = ""
    certificate: Signature = ""
    retired_at: When | None = None
    revoked_at: When | None = None
    revoke_reason: Text = ""
    status_signature: Signature = ""


class LetterRevocation(_Strict):
    office_code: Code
    number: Short
    reason: Text
    voided_at: When
    replaced_by: Short = ""
    signed_by: KeyId
    signature: Signature


class DirectoryRoot(_Strict):
    office_code: Code
    public_key: KeyText
    name: Short = ""
    endorsed_by: KeyId = ""
    endorsement: Signature = ""


class KeyDirectoryDocument(_Strict):
    format: int = Field(ge=1, le=100)
    issuer: Code
    version: int = Field(ge=0, le=2**53)
    issued_at: When
    roots: list[DirectoryRoot] = Field(max_length=1000)
    keys: list[TrustKey] = Field(max_length=50_000)
    revocations: list[LetterRevocation] = Field(max_length=50_000)


class LetterSigner(_Strict):
    jabatan: Short
    name: Short
    pangkat: Short = ""
    nip: Short = ""
    signature_path: Short = ""
    title: Short = ""


Pair = Annotated[list[Text], Field(min_length=2, max_length=2)]


class SignedLetterDoc(_Strict):
    """printing.letter_content.LetterDoc without its profile, exactly as the kecamatan stored it."""

    title: Short
    number: Short
    opening: Text
    biodata: list[Pair] = Field(max_length=40)
    details: list[Pair] = Field(max_length=60)
    heirs: list[Annotated[list[Short], Field(max_length=6)]] = Field(max_length=100)
    body: list[Text] = Field(max_length=40)
    closing: Text
    place_date: Short
    signer: LetterSigner
    signed: bool = True
    qr_payload: Qr = ""
    trail: list[Short] = Field(default_factory=list, max_length=60)


class Letterhead(BaseModel):
    """The kecamatan's OfficeProfile (a newer sender may add fields; each is a short text)."""

    model_config = ConfigDict(extra="allow", strict=True)
    pemerintah: Short = ""
    kecamatan: Short = ""
    kelurahan: Short = ""
    alamat: Short = ""


class SignedLetter(_Strict):
    number: Short
    letter: SignedLetterDoc
    qr_payload: Qr
    letterhead: Letterhead


TRUST_SCHEMAS: dict[str, type[BaseModel]] = {
    "trust_root": TrustKey,
    "trust_key": TrustKey,
    "letter_revocation": LetterRevocation,
    "key_directory": KeyDirectoryDocument,
}
