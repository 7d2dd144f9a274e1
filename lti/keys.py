"""The tool's RSA key pairs, one per platform, and their public JWKs (jwcrypto, which pylti1p3 uses for the same)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jwcrypto.jwk import JWK
from pylti1p3.registration import Registration

KEY_SIZE = 2048


@dataclass(frozen=True)
class KeyPair:
    private_pem: str
    public_pem: str
    key_id: str


def key_pair_generate() -> KeyPair:
    """A fresh RSA key pair; its key id is the public key's JWK thumbprint (RFC 7638), as pylti1p3 names it."""
    key = JWK.generate(kty="RSA", size=KEY_SIZE)
    public_pem = key.export_to_pem().decode()
    return KeyPair(
        private_pem=key.export_to_pem(private_key=True, password=None).decode(),
        public_pem=public_pem,
        key_id=str(public_jwk(public_pem)["kid"]),
    )


def public_jwk(public_pem: str) -> dict[str, Any]:
    """The public key as a JWK with kid, alg RS256 and use sig (pylti1p3's Registration.get_jwk)."""
    return dict(Registration.get_jwk(public_pem))
