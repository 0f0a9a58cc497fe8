"""Character n-gram + word-stem TF-IDF vectors and a small nearest-neighbour index (pure Python/numpy).

Character 3–5-grams of each content word (with word boundaries) make the similarity robust to inflection,
compounds and typos; whole-word stems add exact-word evidence.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

import numpy as np

from .normalize import content_tokens, stem

NGRAM_SIZES = (3, 4, 5)
WORD_FEATURE_WEIGHT = 2.0


def raw_features(text: str) -> Counter:
    """Feature counts of a text: ``#``-bounded char n-grams of content words and ``w:stem`` word features."""
    feats: Counter = Counter()
    for tok in content_tokens(text):
        padded = f"#{tok}#"
        for n in NGRAM_SIZES:
            for i in range(len(padded) - n + 1):
                feats[padded[i:i + n]] += 1
        feats["w:" + stem(tok)] += WORD_FEATURE_WEIGHT
    return feats


class Idf:
    """Inverse document frequencies from a reference corpus (unseen features get the maximum)."""

    def __init__(self, corpus: Iterable[str] = ()) -> None:
        df: Counter = Counter()
        n = 0
        for text in corpus:
            n += 1
            df.update(set(raw_features(text)))
        self.n_docs = n
        self._idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items()}
        self.max_idf = math.log(1 + n) + 1.0

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

    def get(self, feature: str) -> float:
        return self._idf.get(feature, self.max_idf)


def vectorise(text: str, idf: Idf) -> dict[str, float]:
    """L2-normalised sublinear TF-IDF vector as a dict."""
    feats = raw_features(text)
    vec = {f: (1.0 + math.log(c)) * idf.get(f) for f, c in feats.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {f: v / norm for f, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())


class NeighbourIndex:
    """Examples (vector, label, text, learned?) in a growing dense matrix for fast cosine queries."""

    def __init__(self, idf: Idf) -> None:
        self.idf = idf
        self.labels: list[str] = []
        self.texts: list[str] = []
        self.learned: list[bool] = []
        self._vocab: dict[str, int] = {}
        self._vectors: dict[str, dict[str, float]] = {}     # query cache (the IDF never changes)
        self._matrix = np.zeros((64, 1024), dtype=np.float32)    # rows: examples, columns: features
        self._learned_sq: dict[str, float] = {}     # label -> squared norm of the sum of its learned vectors
        self._learned_mask = np.zeros(64, dtype=bool)
        self._all_sq = 0.0                          # squared norm of the sum of all learned vectors

    def __len__(self) -> int:
        return len(self.labels)

    def add(self, text: str, label: str, learned: bool = False) -> None:
        vec = vectorise(text, self.idf)
        if not vec:
            return
        if learned:      # squared norm of the cluster's sum of learned vectors: |S + v|² = |S|² + 2 S·v + 1
            sims = self.similarities(text)
            mine = [i for i, (lab, ln) in enumerate(zip(self.labels, self.learned)) if ln and lab == label] \
                if label in self._learned_sq else []
            self._learned_sq[label] = self._learned_sq.get(label, 0.0) + 2.0 * float(sims[mine].sum()) + 1.0
            every = float(sims[self._learned_mask[:len(sims)]].sum()) if len(sims) else 0.0
            self._all_sq += 2.0 * every + 1.0
        for f in vec:
            if f not in self._vocab:
                self._vocab[f] = len(self._vocab)
        rows, cols = self._matrix.shape
        need_rows, need_cols = len(self.labels) + 1, len(self._vocab)
        if need_rows > rows or need_cols > cols:
            grown = np.zeros((max(rows, need_rows * 2 if need_rows > rows else rows),
                              max(cols, need_cols * 2 if need_cols > cols else cols)), dtype=np.float32)
            grown[:rows, :cols] = self._matrix
            self._matrix = grown
        row = len(self.labels)
        for f, v in vec.items():
            self._matrix[row, self._vocab[f]] = v
        self.labels.append(label)
        self.texts.append(text)
        self.learned.append(learned)
        if len(self._learned_mask) < len(self.labels):
            self._learned_mask = np.concatenate([self._learned_mask, np.zeros(len(self._learned_mask) + 64, bool)])
        self._learned_mask[row] = learned

    def relabel(self, old: str, new: str | None) -> None:
        """Move examples of ``old`` to ``new``; ``None`` disables them (label "")."""
        self.labels = [(new or "") if lab == old else lab for lab in self.labels]
        self._learned_sq.pop(old, None)
        if new is not None:
            rows = [i for i, (lab, ln) in enumerate(zip(self.labels, self.learned)) if ln and lab == new]
            total = self._matrix[rows].sum(axis=0)
            self._learned_sq[new] = float(total @ total)
            if not rows:
                self._learned_sq.pop(new)

    def centroid_similarities(self, sims: np.ndarray) -> tuple[dict[str, float], float]:
        """Cosine of a query (given its similarities to every example) with the centroid of each label's learned
        examples, (sum of its similarities to them) / |sum of their vectors|; and with the centroid of all learned
        examples (the background a label's centroid must stand out from)."""
        sums: dict[str, float] = {}
        total = 0.0
        for i in np.flatnonzero(self._learned_mask[:len(sims)] & (sims > 0)):
            lab = self.labels[i]
            sums[lab] = sums.get(lab, 0.0) + float(sims[i])
            total += float(sims[i])
        return ({lab: v / math.sqrt(self._learned_sq[lab]) for lab, v in sums.items()
                 if self._learned_sq.get(lab, 0.0) > 0},
                total / math.sqrt(self._all_sq) if self._all_sq > 0 else 0.0)

    def similarities(self, text: str) -> np.ndarray:
        n = len(self.labels)
        if not n:
            return np.zeros(0)
        vec = self._vectors.get(text)
        if vec is None:
            vec = vectorise(text, self.idf)
            if len(self._vectors) > 20000:
                self._vectors.clear()
            self._vectors[text] = vec
        ids = [self._vocab[f] for f in vec if f in self._vocab]
        if not ids:
            return np.zeros(n)
        q = np.fromiter((vec[f] for f in vec if f in self._vocab), dtype=np.float32, count=len(ids))
        return (self._matrix[:n, ids] @ q).astype(float)
