"""Character n-gram + word-stem TF-IDF vectors and a small nearest-neighbour index (pure Python/numpy).

Character 3–5-grams of each content word (with word boundaries) make the similarity robust to inflection,
compounds and typos; whole-word stems add exact-word evidence.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from typing import Iterable

import numpy as np

from .normalize import content_tokens, stem

NGRAM_SIZES = (3, 4, 5)
WORD_FEATURE_WEIGHT = 2.0


@lru_cache(maxsize=65536)
def _word_grams(token: str) -> tuple[tuple[str, ...], str]:
    """The ``#``-bounded char n-grams of a word (3-, then 4-, then 5-grams, left to right) and its word feature."""
    padded = f"#{token}#"
    return (tuple(padded[i:i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1)),
            "w:" + stem(token))


def raw_features(text: str) -> Counter:
    """Feature counts of a text: ``#``-bounded char n-grams of content words and ``w:stem`` word features."""
    feats: Counter = Counter()
    for tok in content_tokens(text):
        grams, word = _word_grams(tok)
        feats.update(grams)
        feats[word] += WORD_FEATURE_WEIGHT
    return feats


class Idf:
    """Inverse document frequencies from a reference corpus (unseen features get the maximum).

    Immutable once built, so it also caches the vectors of the texts it has weighted (:meth:`vector`)."""

    def __init__(self, corpus: Iterable[str] = ()) -> None:
        df: Counter = Counter()
        n = 0
        for text in corpus:
            n += 1
            df.update(set(raw_features(text)))
        self.n_docs = n
        self._idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items()}
        self.max_idf = math.log(1 + n) + 1.0
        self._vectors: dict[str, dict[str, float]] = {}
        self._arrays: dict[str, tuple[tuple[str, ...], np.ndarray]] = {}

    @classmethod
    def from_features(cls, feature_sets: list[set[str]]) -> "Idf":
        self = cls()
        df: Counter = Counter()
        for fs in feature_sets:
            df.update(fs)
        n = len(feature_sets)
        self.n_docs = n
        self._idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items()}
        self.max_idf = math.log(1 + n) + 1.0
        return self

    @classmethod
    def of_corpus(cls, corpus: Iterable[str]) -> "Idf":
        """The IDF of a corpus, built once per process for the same texts (a fresh clusterer of the same
        taxonomy shares it, and with it the vectors already computed)."""
        return _idf_of(tuple(corpus))

    def get(self, feature: str) -> float:
        return self._idf.get(feature, self.max_idf)

    def vector(self, text: str) -> dict[str, float]:
        """:func:`vectorise` of ``text``, cached (the result must not be changed)."""
        vec = self._vectors.get(text)
        if vec is None:
            vec = vectorise(text, self)
            if len(self._vectors) > 50000:
                self._vectors.clear()
            self._vectors[text] = vec
        return vec

    def vector_arrays(self, text: str) -> tuple[tuple[str, ...], np.ndarray]:
        """The features of :meth:`vector` and their weights as float32, cached (read-only)."""
        arrays = self._arrays.get(text)
        if arrays is None:
            vec = self.vector(text)
            arrays = (tuple(vec), np.fromiter(vec.values(), dtype=np.float32, count=len(vec)))
            arrays[1].flags.writeable = False
            if len(self._arrays) > 50000:
                self._arrays.clear()
            self._arrays[text] = arrays
        return arrays


@lru_cache(maxsize=8)
def _idf_of(corpus: tuple[str, ...]) -> Idf:
    return Idf(corpus)


def vectorise(text: str, idf: Idf) -> dict[str, float]:
    """L2-normalised sublinear TF-IDF vector as a dict."""
    feats = raw_features(text)
    weights, unseen, log = idf._idf, idf.max_idf, math.log
    vec = {f: (1.0 + log(c)) * weights.get(f, unseen) for f, c in feats.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {f: v / norm for f, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``starts[i] … starts[i] + lengths[i] - 1`` of all segments, one after the other."""
    ends = np.cumsum(lengths)
    return np.repeat(starts - ends + lengths, lengths) + np.arange(int(ends[-1]) if len(ends) else 0)


class NeighbourIndex:
    """Examples (vector, label, text, learned?) for fast cosine queries.

    The vectors are kept column by column (feature -> rows and float32 values) in one pool of arrays: column ``c``
    holds ``_col_len[c]`` entries from ``_col_start[c]`` on, with room for ``_col_cap[c]`` (a full column moves to
    the end of the pool with twice the room). A query gathers the columns of its own features into a small dense
    block and multiplies it with its vector, so memory and the cost of adding a row grow with the features
    actually used, not with rows x vocabulary."""

    def __init__(self, idf: Idf) -> None:
        self.idf = idf
        self.labels: list[str] = []
        self.texts: list[str] = []
        self.learned: list[bool] = []
        self._vocab: dict[str, int] = {}
        self._pool_rows = np.zeros(4096, dtype=np.int32)
        self._pool_values = np.zeros(4096, dtype=np.float32)
        self._pool_end = 0
        self._col_start = np.zeros(1024, dtype=np.intp)
        self._col_len = np.zeros(1024, dtype=np.intp)
        self._col_cap = np.zeros(1024, dtype=np.intp)
        self._learned_rows: dict[str, list[int]] = {}   # label -> its learned rows, ascending
        self._recent: dict[str, np.ndarray] = {}    # text -> similarities of the last few queries
        self._row_features: list[tuple[list[int], np.ndarray]] = []       # per row: columns and values
        self._learned_sq: dict[str, float] = {}     # label -> squared norm of the sum of its learned vectors
        self._learned_mask = np.zeros(64, dtype=bool)
        self._row_codes = np.zeros(64, dtype=np.intp)   # per row: number of its label in _code_labels
        self._code_labels: list[str] = []
        self._all_sq = 0.0                          # squared norm of the sum of all learned vectors

    def __len__(self) -> int:
        return len(self.labels)

    def copy(self) -> "NeighbourIndex":
        """An index with the same examples that grows on its own (a few array copies)."""
        other = NeighbourIndex.__new__(NeighbourIndex)
        other.__dict__.update(self.__dict__)
        other.labels, other.texts, other.learned = list(self.labels), list(self.texts), list(self.learned)
        other._vocab = dict(self._vocab)
        for name in ("_pool_rows", "_pool_values", "_col_start", "_col_len", "_col_cap", "_learned_mask",
                     "_row_codes"):
            setattr(other, name, getattr(self, name).copy())
        other._row_features = list(self._row_features)
        other._learned_sq = dict(self._learned_sq)
        other._learned_rows = {label: list(rows) for label, rows in self._learned_rows.items()}
        other._code_labels = list(self._code_labels)
        other._recent = {}
        return other

    def add(self, text: str, label: str, learned: bool = False) -> None:
        vec = self.idf.vector(text)
        if not vec:
            return
        if learned:      # squared norm of the cluster's sum of learned vectors: |S + v|² = |S|² + 2 S·v + 1
            sims = self.similarities(text)
            mine = self._learned_rows.get(label, []) if label in self._learned_sq else []
            self._learned_sq[label] = self._learned_sq.get(label, 0.0) + 2.0 * float(sims[mine].sum()) + 1.0
            every = float(sims[self._learned_mask[:len(sims)]].sum()) if len(sims) else 0.0
            self._all_sq += 2.0 * every + 1.0
        row = len(self.labels)
        vocab = self._vocab
        cols = []
        for f in vec:
            col = vocab.get(f)
            if col is None:
                col = vocab[f] = len(vocab)
            cols.append(col)
        values = np.fromiter(vec.values(), dtype=np.float32, count=len(vec))
        self._append(np.array(cols, dtype=np.intp), row, values)
        self._row_features.append((cols, values))
        self.labels.append(label)
        self.texts.append(text)
        self.learned.append(learned)
        if learned:
            self._learned_rows.setdefault(label, []).append(row)
        if len(self._learned_mask) < len(self.labels):
            self._learned_mask = np.concatenate([self._learned_mask, np.zeros(len(self._learned_mask) + 64, bool)])
            self._row_codes = np.concatenate([self._row_codes, np.zeros(len(self._row_codes) + 64, np.intp)])
        self._learned_mask[row] = learned
        self._row_codes[row] = self._code(label)

    def _append(self, cols: np.ndarray, row: int, values: np.ndarray) -> None:
        """One row's entries (distinct columns) at the end of their columns."""
        if len(self._vocab) > len(self._col_start):
            size = 2 * len(self._vocab)
            for name in ("_col_start", "_col_len", "_col_cap"):
                grown = np.zeros(size, dtype=np.intp)
                grown[:len(getattr(self, name))] = getattr(self, name)
                setattr(self, name, grown)
        full = cols[self._col_len[cols] == self._col_cap[cols]]
        if len(full):
            self._move_to_end(full)
        at = self._col_start[cols] + self._col_len[cols]
        self._pool_rows[at] = row
        self._pool_values[at] = values
        self._col_len[cols] += 1

    def _move_to_end(self, cols: np.ndarray) -> None:
        """Full columns move to the end of the pool with twice the room (four for a new one)."""
        used = self._col_len[cols]
        room = np.maximum(4, 2 * used)
        starts = self._pool_end + np.cumsum(room) - room
        end = self._pool_end + int(room.sum())
        if end > len(self._pool_rows):
            size = 2 * end
            for name in ("_pool_rows", "_pool_values"):
                old = getattr(self, name)
                grown = np.zeros(size, dtype=old.dtype)
                grown[:self._pool_end] = old[:self._pool_end]
                setattr(self, name, grown)
        if used.any():
            source, target = _ranges(self._col_start[cols], used), _ranges(starts, used)
            self._pool_rows[target] = self._pool_rows[source]
            self._pool_values[target] = self._pool_values[source]
        self._col_start[cols] = starts
        self._col_cap[cols] = room
        self._pool_end = end

    def _code(self, label: str) -> int:
        if label not in self._code_labels:
            self._code_labels.append(label)
        return self._code_labels.index(label)

    def relabel(self, old: str, new: str | None) -> None:
        """Move examples of ``old`` to ``new``; ``None`` disables them (label "")."""
        self.labels = [(new or "") if lab == old else lab for lab in self.labels]
        if old in self._code_labels:
            codes = self._row_codes[:len(self.labels)]
            codes[codes == self._code_labels.index(old)] = self._code(new or "")
        self._learned_sq.pop(old, None)
        moved = self._learned_rows.pop(old, [])
        if moved:
            self._learned_rows[new or ""] = sorted(self._learned_rows.get(new or "", []) + moved)
        if new is not None:
            rows = self._learned_rows.get(new, [])
            total = np.zeros(len(self._vocab), dtype=np.float32)
            for r in rows:
                cols, values = self._row_features[r]
                total[cols] += values
            self._learned_sq[new] = float(total @ total)
            if not rows:
                self._learned_sq.pop(new)

    def centroid_similarities(self, sims: np.ndarray) -> tuple[dict[str, float], float]:
        """Cosine of a query (given its similarities to every example) with the centroid of each label's learned
        examples, (sum of its similarities to them) / |sum of their vectors|; and with the centroid of all learned
        examples (the background a label's centroid must stand out from)."""
        rows = np.flatnonzero(self._learned_mask[:len(sims)] & (sims > 0))
        if not len(rows):
            return {}, 0.0
        weights, codes = sims[rows], self._row_codes[rows]
        # added one by one in row order, as a loop over the rows would: bincount and cumsum add sequentially
        sums = np.bincount(codes, weights=weights).tolist()
        total = float(np.cumsum(weights)[-1])
        _, first = np.unique(codes, return_index=True)
        labels = [self._code_labels[code] for code in codes[np.sort(first)].tolist()]
        return ({lab: sums[self._code_labels.index(lab)] / math.sqrt(self._learned_sq[lab]) for lab in labels
                 if self._learned_sq.get(lab, 0.0) > 0},
                total / math.sqrt(self._all_sq) if self._all_sq > 0 else 0.0)

    def _column(self, col: int) -> tuple[np.ndarray, np.ndarray]:
        """The rows and values of a feature column."""
        start, used = int(self._col_start[col]), int(self._col_len[col])
        return self._pool_rows[start:start + used], self._pool_values[start:start + used]

    def similarities(self, text: str) -> np.ndarray:
        """Cosine of ``text`` with every example (read-only array: the last few are kept, so that learning a card
        just assigned does not compute them again; rows are only ever appended, so ``n`` rows tell they hold)."""
        n = len(self.labels)
        recent = self._recent.get(text)
        if recent is not None and len(recent) == n:
            return recent
        sims = self._similarities(text, n)
        sims.flags.writeable = False
        if len(self._recent) >= 4:
            self._recent.pop(next(iter(self._recent)))
        self._recent[text] = sims
        return sims

    def _similarities(self, text: str, n: int) -> np.ndarray:
        if not n:
            return np.zeros(0)
        features, weights = self.idf.vector_arrays(text)
        get = self._vocab.get
        ids = [get(f, -1) for f in features]
        q = weights
        if -1 in ids:                       # features no example has
            known = [i for i, col in enumerate(ids) if col >= 0]
            ids, q = [ids[i] for i in known], weights[known]
        if not ids:
            return np.zeros(n)
        block = np.zeros((n, len(ids)), dtype=np.float32, order="F")    # the layout the sums were made in
        cols = np.array(ids, dtype=np.intp)
        used = self._col_len[cols]
        at = _ranges(self._col_start[cols], used)
        block[self._pool_rows[at], np.repeat(np.arange(len(ids)), used)] = self._pool_values[at]
        return (block @ q).astype(float)
