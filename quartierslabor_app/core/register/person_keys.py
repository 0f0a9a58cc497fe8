"""Person keys of the valid rows, computed when asked for.

A draw needs the SHA-256 person key (documented in :mod:`.normalize`) only of the drawn
people, or of everybody when earlier invitees are excluded. Hashing all 600,000 rows of an
extract up front would take a third of the validation, so :class:`PersonKeys` keeps the
key texts' parts as codes and hashes a key the first time it is read. It behaves like the
read-only object array it replaces (``keys[i]``, ``keys[index_array]``, ``len``,
iteration, ``np.asarray``).
"""
from __future__ import annotations

import hashlib
from typing import Iterator, Sequence

import numpy as np


class PersonKeys:
    """Lazy array of person keys: row ``i``'s key is ``sha256("|".join(parts of i))``."""

    def __init__(self, codes: Sequence[np.ndarray], values: Sequence[list[str]]) -> None:
        self._codes = [np.asarray(c) for c in codes]   # one code array per key part, over the valid rows
        self._values = list(values)                    # the texts of each part's codes
        self._cache: dict[int, str] = {}
        self._all: "np.ndarray | None" = None

    def __len__(self) -> int:
        return len(self._codes[0])

    def _key(self, i: int) -> str:
        key = self._cache.get(i)
        if key is None:
            text = "|".join(values[codes[i]] for codes, values in zip(self._codes, self._values))
            key = self._cache[i] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return key

    def _everything(self) -> np.ndarray:
        if self._all is None:
            sha = hashlib.sha256
            parts = [map(values.__getitem__, codes.tolist()) for codes, values in zip(self._codes, self._values)]
            out = np.empty(len(self), dtype=object)
            out[:] = [sha("|".join(p).encode("utf-8")).hexdigest() for p in zip(*parts)]
            self._all = out
        return self._all

    def __getitem__(self, index):
        if isinstance(index, (int, np.integer)):
            n = len(self)
            i = int(index) + (n if int(index) < 0 else 0)
            if not 0 <= i < n:
                raise IndexError(index)
            return self._all[i] if self._all is not None else self._key(i)
        if self._all is not None:
            return self._all[index]
        positions = np.arange(len(self))[index]
        out = np.empty(len(positions), dtype=object)
        out[:] = [self._key(i) for i in positions.tolist()]
        return out

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything().tolist())

    def tolist(self) -> list[str]:
        return self._everything().tolist()

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return self._everything() if dtype in (None, object) else self._everything().astype(dtype)
