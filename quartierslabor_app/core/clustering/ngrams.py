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


def _grown(arrays: tuple[np.ndarray, np.ndarray], used: int) -> tuple[np.ndarray, np.ndarray]:
    """New arrays of a column with its first ``used`` entries and room for as many more."""
    rows, values = np.empty(2 * used + 4, dtype=np.intp), np.empty(2 * used + 4, dtype=np.float32)
    rows[:used], values[:used] = arrays[0][:used], arrays[1][:used]
    return rows, values


class NeighbourIndex:
    """Examples (vector, label, text, learned?) for fast cosine queries.

    The vectors are kept column by column (feature -> rows and float32 values); a query gathers the columns of its
    own features into a small dense block and multiplies it with its vector, so memory and the cost of adding a
    row grow with the features actually used, not with rows x vocabulary."""

    def __init__(self, idf: Idf) -> None:
        self.idf = idf
        self.labels: list[str] = []
        self.texts: list[str] = []
        self.learned: list[bool] = []
        self._vocab: dict[str, int] = {}
        self._col_rows: list[list[int]] = []        # per feature column: the rows that have it …
        self._col_values: list[list[float]] = []    # … and their float32 values
        #: columns met by a query also as arrays with room to grow (their first len(list) entries count)
        self._col_arrays: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._col_views: dict[int, tuple[np.ndarray, np.ndarray]] = {}    # … and their used parts
        self._own_cols: set[int] = set()            # columns whose lists and arrays are this index's own (copy)
        self._learned_rows: dict[str, list[int]] = {}   # label -> its learned rows, ascending
        self._recent: dict[str, np.ndarray] = {}    # text -> similarities of the last few queries
        self._origin: "NeighbourIndex | None" = None    # the index this one was copied from
        self._row_features: list[tuple[list[int], np.ndarray]] = []       # per row: columns and values
        self._learned_sq: dict[str, float] = {}     # label -> squared norm of the sum of its learned vectors
        self._learned_mask = np.zeros(64, dtype=bool)
        self._row_codes = np.zeros(64, dtype=np.intp)   # per row: number of its label in _code_labels
        self._code_labels: list[str] = []
        self._all_sq = 0.0                          # squared norm of the sum of all learned vectors

    def __len__(self) -> int:
        return len(self.labels)

    def copy(self) -> "NeighbourIndex":
        """An index with the same examples that grows on its own; column lists are shared until one of the two
        adds to them (copy on write), so a copy costs little more than its list of columns."""
        other = NeighbourIndex.__new__(NeighbourIndex)
        other.__dict__.update(self.__dict__)
        other.labels, other.texts, other.learned = list(self.labels), list(self.texts), list(self.learned)
        other._vocab = dict(self._vocab)
        other._col_rows, other._col_values = list(self._col_rows), list(self._col_values)
        other._col_arrays, other._col_views = dict(self._col_arrays), dict(self._col_views)
        other._row_features = list(self._row_features)
        other._learned_sq = dict(self._learned_sq)
        other._learned_rows = {label: list(rows) for label, rows in self._learned_rows.items()}
        other._learned_mask = self._learned_mask.copy()
        other._row_codes, other._code_labels = self._row_codes.copy(), list(self._code_labels)
        other._recent = {}
        other._origin = self
        self._own_cols, other._own_cols = set(), set()
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
        vocab, col_rows, col_values, arrays = self._vocab, self._col_rows, self._col_values, self._col_arrays
        own = self._own_cols
        values = np.fromiter(vec.values(), dtype=np.float32, count=len(vec))
        cols = []
        for f, v in zip(vec, values.tolist()):
            col = vocab.get(f)
            if col is None:
                col = vocab[f] = len(col_rows)
                col_rows.append([])
                col_values.append([])
                own.add(col)
            elif col not in own:
                col_rows[col], col_values[col] = list(col_rows[col]), list(col_values[col])
                own.add(col)
                if col in arrays:
                    arrays[col] = _grown(arrays[col], len(col_rows[col]))
            at = len(col_rows[col])
            col_rows[col].append(row)
            col_values[col].append(v)
            cols.append(col)
            grown = arrays.get(col)
            if grown is not None:
                if at == len(grown[0]):
                    grown = arrays[col] = _grown(grown, at)
                grown[0][at] = row
                grown[1][at] = v
                self._col_views[col] = (grown[0][:at + 1], grown[1][:at + 1])
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
        """The rows and values of a feature column as arrays (kept, and grown in place by :meth:`add`)."""
        arrays = self._col_arrays[col] = (np.array(self._col_rows[col], dtype=np.intp),
                                          np.array(self._col_values[col], dtype=np.float32))
        self._col_views[col] = arrays
        origin = self._origin
        if origin is not None and col < len(origin._col_rows) and origin._col_rows[col] is self._col_rows[col]:
            # the same list as the original's: later copies of it start with these arrays (full, so the first
            # row added to them makes new ones)
            origin._col_arrays[col] = origin._col_views[col] = arrays
        return arrays

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
        vec = self.idf.vector(text)
        vocab = self._vocab
        known = [(vocab[f], v) for f, v in vec.items() if f in vocab]
        if not known:
            return np.zeros(n)
        ids = [col for col, _ in known]
        q = np.array([v for _, v in known], dtype=np.float32)
        block = np.zeros((n, len(ids)), dtype=np.float32, order="F")    # the layout the sums were made in
        views = self._col_views
        columns = [views.get(col) or self._column(col) for col in ids]
        rows = np.concatenate([c[0] for c in columns])
        where = np.repeat(np.arange(len(ids)), [len(c[0]) for c in columns])
        block[rows, where] = np.concatenate([c[1] for c in columns])
        return (block @ q).astype(float)
