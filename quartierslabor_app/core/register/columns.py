"""Column storage of a read register: per column its distinct texts and one integer code per row.

A register repeats itself a lot (streets, dates, districts, even names), so a column is
kept as ``values`` (each distinct text once) and ``codes`` (``values[codes[i]]`` is the
cell of row ``i``). A 600,000-row extract then needs a few integer arrays instead of six
million string objects, and the validator interprets every distinct text only once.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np


@dataclass
class Column:
    """One column: ``values[codes[i]]`` is the text of row ``i``."""

    values: list[str]
    codes: np.ndarray  # int32

    def texts(self, rows: "np.ndarray | None" = None) -> list[str]:
        """The cell texts of all rows (or of the given row indices) as a list."""
        codes = self.codes if rows is None else self.codes[rows]
        return list(map(self.values.__getitem__, codes.tolist()))

    def per_value(self, func, dtype=object) -> np.ndarray:
        """``func`` applied once to each distinct text, as an array indexed by code."""
        if dtype is object:
            out = np.empty(len(self.values), dtype=object)
            out[:] = [func(v) for v in self.values]
            return out
        return np.fromiter(map(func, self.values), dtype=dtype, count=len(self.values))


class ColumnBuilder:
    """Collects the cells of one column chunk by chunk (same text -> same code).

    One dictionary operation per cell, all in C: ``setdefault`` gives every new text the next
    number of a running counter (numbers of texts seen before stay), so the provisional codes
    are unique but have gaps; :meth:`finish` closes the gaps with one numpy lookup.
    """

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._next = 0
        self._chunks: list[np.ndarray] = []

    def numbers(self, texts: Sequence[str]) -> np.ndarray:
        """The provisional numbers of ``texts`` (new texts get new ones); nothing is added as cells."""
        numbers = np.fromiter(map(self._index.setdefault, texts, itertools.count(self._next)), dtype=np.int64,
                              count=len(texts))
        self._next += len(texts)
        return numbers

    def add(self, cells: Sequence[str]) -> None:
        self._chunks.append(self.numbers(cells))

    def add_numbers(self, numbers: np.ndarray) -> None:
        """Cells given by numbers :meth:`numbers` returned."""
        self._chunks.append(numbers)

    def finish(self) -> Column:
        values = list(self._index)
        if not self._chunks or not values:
            self.__init__()
            return Column(values=values, codes=np.zeros(0, dtype=np.int32))
        dense = np.zeros(self._next, dtype=np.int32)
        dense[np.fromiter(self._index.values(), dtype=np.int64, count=len(values))] = np.arange(len(values),
                                                                                                 dtype=np.int32)
        codes = dense[np.concatenate(self._chunks)]
        self.__init__()
        return Column(values=values, codes=codes)


def build_columns(rows: Iterable[Sequence[str]], width: int) -> list[Column]:
    """Columns of rows that all have ``width`` cells."""
    builders = [ColumnBuilder() for _ in range(width)]
    rows = list(rows)
    if rows:
        for builder, cells in zip(builders, zip(*rows)):
            builder.add(cells)
    return [b.finish() for b in builders]


def combine_codes(*code_arrays: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the combination of several code arrays: ``(combined codes, first row of each combination)``.

    Rows with equal codes in every array get the same combined code (numbered in the order of
    the packed codes, which depends only on the data); ``first`` is each combination's first row.
    """
    n = len(code_arrays[0])
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    key = np.zeros(n, dtype=np.int64)
    for codes in code_arrays:
        codes = np.asarray(codes, dtype=np.int64)
        span = int(codes.max()) + 1 if len(codes) else 1
        if int(key.max()) * span + span >= 2 ** 62:  # keep the packed key inside int64: renumber first
            _, key = np.unique(key, return_inverse=True)
            key = key.reshape(-1).astype(np.int64)
        key = key * span + codes
    inverse, first = group_keys(key)
    return inverse, first


def group_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True, return_index=True)`` as ``(inverse, first)``, faster.

    Groups are numbered in sorted key order and ``first`` is each group's first index, as numpy's
    ``unique`` gives them; an unstable sort suffices because the first index of a group is its
    smallest, which ``minimum.reduceat`` finds in any order.
    """
    n = len(keys)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.argsort(keys)
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    first = np.minimum.reduceat(order, starts)
    step = np.zeros(n, dtype=np.int64)
    step[starts[1:]] = 1
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.cumsum(step)
    return inverse, first
