"""Short reply codes printed on each letter, typed back in the invitation view.

The code is derived from the invitee's person key (itself a SHA-256 over name, birth date and
address): ``sha256("antwortcode:" + person_key)``, the first 30 bits written as six characters
of Crockford's base32 (digits and capitals without I, L, O, U), shown as ``K7M-2QX``. The same
person gets the same code wherever the letter is written (CLI, GUI, stored letters), and the
code reveals nothing about the person. Typing is forgiving: case, spaces and hyphens do not
matter, ``O`` counts as ``0`` and ``I``/``L`` as ``1``.
"""
from __future__ import annotations

import hashlib

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 6
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def reply_code(person_key: str) -> str:
    """The six-character code of a person key ("" for an empty key, e.g. after retention)."""
    if not person_key:
        return ""
    value = int.from_bytes(hashlib.sha256(("antwortcode:" + person_key).encode("utf-8")).digest()[:4], "big") >> 2
    chars = []
    for _ in range(CODE_LENGTH):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def format_reply_code(code: str) -> str:
    """``K7M2QX`` -> ``K7M-2QX`` (as printed on the letter)."""
    return f"{code[:3]}-{code[3:]}" if len(code) == CODE_LENGTH else code


def normalise_reply_code(text: str) -> str:
    """What the user typed -> the canonical code (may be invalid; compare with :func:`reply_code`)."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)


def looks_like_reply_code(text: str) -> bool:
    code = normalise_reply_code(text)
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)
