"""Quality of the concern clustering: moves to fix per 100 cards and adjusted Rand index.

Usage:  .venv/bin/python benchmarks/bench_clustering_quality.py [--sets dev,holdout,independent,cycling,baseline]

- dev:      tests/data/concerns_dev.csv (the set the engine was tuned on)
- holdout:  tests/data/concerns_holdout.csv (written before tuning, not tuned on)
- independent: tests/data/concerns_independent.csv (396 cards by a different writer, written before reading
            the lexicon or seeds); also reported as half A (even rows, looked at while fixing) and half B
            (odd rows, never looked at: the honest signal)
- cycling:  /work/shared/data/cycling-dialogues/dataset.csv (title + text; gold = main_category_level1),
            with and without discovery of new clusters
- baseline: TF-IDF (words) + spherical k-means with the true number of clusters, best of 5 seeds (numpy)
"""
from __future__ import annotations

import argparse
import csv
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quartierslabor_app.core.clustering import Clusterer  # noqa: E402
from quartierslabor_app.core.clustering.metrics import adjusted_rand_index, moves_per_100  # noqa: E402
from quartierslabor_app.core.clustering.normalize import content_tokens  # noqa: E402

CYCLING = Path("/work/shared/data/cycling-dialogues/dataset.csv")


def load_cards(path: Path) -> tuple[list[str], list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r["cluster"] for r in rows]


def load_cycling() -> tuple[list[str], list[str]]:
    with open(CYCLING, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["main_category_level1"].strip()]
    texts = [(r["title"].strip() + ". " + r["text"].strip()).strip(". ") for r in rows]
    return texts, [r["main_category_level1"] for r in rows]


def tfidf_matrix(texts: list[str]) -> np.ndarray:
    docs = [Counter(content_tokens(t)) for t in texts]
    df = Counter(w for d in docs for w in d)
    vocab = {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c >= 2 or len(texts) < 1000))}
    X = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    n = len(texts)
    for r, d in enumerate(docs):
        for w, c in d.items():
            if w in vocab:
                X[r, vocab[w]] = (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1)
    norms = np.linalg.norm(X, axis=1)
    norms[norms == 0] = 1
    return X / norms[:, None]


def spherical_kmeans(X: np.ndarray, k: int, seed: int, iters: int = 50) -> tuple[np.ndarray, float]:
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    centres = [X[rng.integers(n)]]
    d2 = np.ones(n)
    for _ in range(1, k):                      # k-means++ on cosine distance
        d2 = np.minimum(d2, np.clip(1 - X @ centres[-1], 0, None)) if len(centres) > 1 else \
            np.clip(1 - X @ centres[0], 0, None)
        p = d2 / d2.sum() if d2.sum() > 0 else np.full(n, 1 / n)
        centres.append(X[rng.choice(n, p=p)])
    C = np.array(centres)
    labels = np.zeros(n, dtype=int)
    for _ in range(iters):
        new = np.argmax(X @ C.T, axis=1)
        if _ and np.array_equal(new, labels):
            break
        labels = new
        for j in range(k):
            members = X[labels == j]
            if len(members):
                c = members.sum(axis=0)
                C[j] = c / (np.linalg.norm(c) or 1)
    score = float(np.sum(np.max(X @ C.T, axis=1)))
    return labels, score


def baseline(texts: list[str], gold: list[str], seeds=(0, 1, 2, 3, 4)) -> tuple[float, float]:
    X = tfidf_matrix(texts)
    k = len(set(gold))
    best = max((spherical_kmeans(X, k, s) for s in seeds), key=lambda r: r[1])[0]
    return moves_per_100(list(best), gold), adjusted_rand_index(list(best), gold)


def evaluate(name: str, texts: list[str], gold: list[str], discovery: bool) -> None:
    clusterer = Clusterer()
    t0 = time.perf_counter()
    result = clusterer.recluster(texts, discovery=discovery)
    ms = (time.perf_counter() - t0) * 1000
    pred = [a.cluster_key for a in result]
    new = len({a.cluster_key for a in result if a.is_new_cluster})
    print(f"{name:<34} n={len(texts):>5}  moves/100={moves_per_100(pred, gold):6.1f}  "
          f"ARI={adjusted_rand_index(pred, gold):6.3f}  clusters={len(set(pred)):>3} (new {new:>3})  "
          f"{ms:8.0f} ms")


def ablation(data: dict) -> None:
    """What each part contributes (assignment only, no discovery)."""
    from quartierslabor_app.core.clustering import clusterer as engine
    from quartierslabor_app.core.clustering.lexicon import Lexicon
    variants = [
        ("combined (shipped)", {}, {}),
        ("cue words only (no n-gram kNN)", {"LEX_WEIGHT": 1.0, "KNN_WEIGHT": 0.0}, {}),
        ("n-gram kNN only (no cue words)", {"LEX_WEIGHT": 0.0, "KNN_WEIGHT": 1.0, "MIN_SCORE": 0.08}, {}),
        ("without typo tolerance", {}, {"typo_tolerance": False}),
        ("without compound splitting", {}, {"compound_splitting": False}),
    ]
    for label, engine_values, lexicon_values in variants:
        saved_e = {k: getattr(engine, k) for k in engine_values}
        saved_l = {k: getattr(Lexicon, k) for k in lexicon_values}
        try:
            for k, v in engine_values.items():
                setattr(engine, k, v)
            for k, v in lexicon_values.items():
                setattr(Lexicon, k, v)
            parts = []
            for name, (texts, gold) in data.items():
                if name == "cycling":
                    continue
                pred = [a.cluster_key for a in Clusterer().recluster(texts, discovery=False)]
                parts.append(f"{name} moves/100={moves_per_100(pred, gold):5.1f}")
            print(f"ablation {label:<32} " + "  ".join(parts))
        finally:
            for k, v in saved_e.items():
                setattr(engine, k, v)
            for k, v in saved_l.items():
                setattr(Lexicon, k, v)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="dev,holdout,cycling,baseline",
                        help="comma list of dev, holdout, independent, cycling, baseline, ablation")
    args = parser.parse_args()
    sets = set(args.sets.split(","))
    data = {}
    if "dev" in sets:
        data["dev"] = load_cards(ROOT / "tests/data/concerns_dev.csv")
    if "holdout" in sets:
        data["holdout"] = load_cards(ROOT / "tests/data/concerns_holdout.csv")
    if "independent" in sets:
        texts, gold = load_cards(ROOT / "tests/data/concerns_independent.csv")
        data["independent"] = (texts, gold)
        data["independent half A"] = (texts[0::2], gold[0::2])
        data["independent half B"] = (texts[1::2], gold[1::2])
    if "cycling" in sets and CYCLING.exists():
        data["cycling"] = load_cycling()
    for name, (texts, gold) in data.items():
        evaluate(f"{name} (with discovery)", texts, gold, True)
        evaluate(f"{name} (no discovery)", texts, gold, False)
        if "baseline" in sets:
            m, ari = baseline(texts, gold)
            print(f"{name + ' baseline tfidf+kmeans (true k)':<34} n={len(texts):>5}  moves/100={m:6.1f}  ARI={ari:6.3f}")
    if "ablation" in sets:
        ablation(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
