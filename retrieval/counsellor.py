"""Who may say "a counsellor leads this session": only the API, which signs the conversation's sender id.

Rasa's REST channel passes any metadata along, so ``role: counsellor`` alone proves nothing. The API adds
``metadata.counsellor = counsellor_signature(settings.secret_key, sender)``; the actions, reading the same
settings, check it.
"""

from __future__ import annotations

import hashlib
import hmac


def counsellor_signature(secret: str, sender: str) -> str:
    """HMAC-SHA256 of the sender id with the API's secret key, in hex."""
    return hmac.new(secret.encode(), sender.encode(), hashlib.sha256).hexdigest()


def is_signed_by_counsellor(secret: str, sender: str, signature: object) -> bool:
    """Whether ``signature`` is the counsellor signature of ``sender`` (compared in constant time)."""
    return isinstance(signature, str) and hmac.compare_digest(signature, counsellor_signature(secret, sender))


def counsellor_metadata(secret: str, sender: str) -> dict[str, str]:
    """The metadata of a message a counsellor sends to the assistant for ``sender``."""
    return {"role": "counsellor", "counsellor": counsellor_signature(secret, sender)}
