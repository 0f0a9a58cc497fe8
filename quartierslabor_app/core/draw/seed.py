"""From the organiser's seed text to a numpy random generator (the documented hash rule).

Rule (repeatable by anyone with Python and numpy):

1. Take the seed text exactly as entered, normalise it to Unicode NFC and strip
   surrounding whitespace (spaces, tabs, line breaks at both ends).
2. Encode the result as UTF-8 and hash it with SHA-256.
3. Read the 32-byte digest as one unsigned big-endian integer and pass it as entropy to
   ``numpy.random.SeedSequence``; the bit generator is ``numpy.random.PCG64`` on that
   SeedSequence, wrapped in ``numpy.random.Generator``.

In Python::

    text = unicodedata.normalize("NFC", seed_text).strip()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    rng = numpy.random.Generator(numpy.random.PCG64(numpy.random.SeedSequence(int(digest, 16))))

The draw uses only this generator, in a fixed sequence of calls (see ``engine.py``).
"""
from __future__ import annotations

import hashlib
import unicodedata

import numpy as np

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message

#: German description of the rule, printed in the audit protocol
HASH_RULE_TEXT = (
    "Der Startwert (Seed) wird so in den Zufallsgenerator überführt: Der eingegebene Text wird "
    "Unicode-normalisiert (NFC), Leerraum am Anfang und Ende wird entfernt, der Text wird als UTF-8 "
    "kodiert und mit SHA-256 gehasht. Die 256 Bit des Hashwerts (als eine vorzeichenlose ganze Zahl, "
    "Big-Endian) sind die Entropie von numpy.random.SeedSequence; Bitgenerator ist numpy.random.PCG64, "
    "verwendet über numpy.random.Generator. In Python: "
    "numpy.random.Generator(numpy.random.PCG64(numpy.random.SeedSequence(int(sha256_hex, 16))))."
)


def normalise_seed_text(seed_text: str) -> str:
    """NFC-normalise and strip the seed text (step 1 of the rule)."""
    return unicodedata.normalize("NFC", seed_text or "").strip()


def seed_digest(seed_text: str) -> str:
    """Hex SHA-256 of the normalised seed text (steps 1-2 of the rule)."""
    text = normalise_seed_text(seed_text)
    if not text:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Der Startwert (Seed) für die Ziehung fehlt.")),
                        hint=Message(QT_TRANSLATE_NOOP("DrawEngine", "Geben Sie einen Text ein, z. B. die Lottozahlen "
                                                                     "vom Samstag oder die bei einer öffentlichen "
                                                                     "Sitzung gewürfelten Zahlen.")))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def derive_generator(seed_text: str) -> tuple[np.random.Generator, str]:
    """The generator for a draw and the hex digest it was derived from."""
    digest = seed_digest(seed_text)
    sequence = np.random.SeedSequence(int(digest, 16))
    return np.random.Generator(np.random.PCG64(sequence)), digest
