"""Proof that a form was issued to its unit: a keyed MAC carried as a custom property (issue 16).

``dg.unit`` alone is a claim anyone can edit: Thôn 1's filled form with only that property changed
would answer for Thôn 4. Each form therefore carries ``dg.mac`` = HMAC-SHA256 over (case id, unit,
form kind, form version) under a per-case secret kept in the case store (``Store.form_key``: made
once, never printed or exported). Only the case's own state can make a MAC that verifies, so an
edited identity is refused on collection.

Forms without a MAC (made before this existed, or in a case that never made forms with a key) are
accepted with a warning when the case has a key, and silently when it has none: the printed unit
line of the form body is still cross-checked in both cases (``collect.receive``).
"""

from __future__ import annotations

import hashlib
import hmac

MAC_PROPERTY = "dg.mac"


def form_mac(key: bytes, case_id: str, unit: str, form: str, version: str) -> str:
    """Hex HMAC-SHA256 of the form's identity; the unit separator keeps the fields apart."""
    message = "\x1f".join((case_id, unit, form, version)).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def identity_mac(key: bytes, identity: dict[str, str]) -> str:
    """``form_mac`` of the identity properties a form carries (``dg.case``, ``dg.unit``, …)."""
    return form_mac(key, identity.get("dg.case", ""), identity.get("dg.unit", ""),
                    identity.get("dg.form", ""), identity.get("dg.version", ""))


def mac_valid(key: bytes, identity: dict[str, str]) -> bool:
    """True when the form's ``dg.mac`` was made with ``key`` for exactly this identity."""
    claimed = identity.get(MAC_PROPERTY, "")
    return hmac.compare_digest(claimed.encode("ascii", "replace"), identity_mac(key, identity).encode("ascii"))
