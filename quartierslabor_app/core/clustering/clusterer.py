"""The live concern clusterer: lexicon cues + nearest prototype cards, learning from the facilitator."""
from __future__ import annotations

import functools
import math
import threading
from dataclasses import replace
from typing import Iterable, Optional, Sequence

import numpy as np

from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report, scaled
from .discovery import DEFAULT_MIN_SIZE, DEFAULT_THRESHOLD, DiscoveredGroup, discover, find_subtheme, overfull_clusters
from .lexicon import Lexicon
from .language import GERMAN, isolate_bidi
from .language_data import language_name, parse_cues
from .model import Assignment, ClusterDef
from .ngrams import Idf, NeighbourIndex
from .normalize import content_tokens
from .taxonomy import OTHER_KEY, builtin_rules, default_taxonomy

#: weights of the two evidence sources in the combined score
LEX_WEIGHT = 0.6
KNN_WEIGHT = 0.4
#: learned examples count a bit more than built-in seeds
LEARNED_BOOST = 1.15
#: extra score for a cluster whose learned example is similar (above LEARNED_MIN_SIM) to the card
LEARNED_BONUS = 0.5
LEARNED_MIN_SIM = 0.3
#: below this combined score a card "fits nothing well"
MIN_SCORE = 0.18
UNASSIGNED_NAME = "Nicht zugeordnet"
NEW_KEY_PREFIX = "neu-"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + " …"


def _locked(method):
    """Serialise calls: the board may assign in the GUI thread while a worker re-clusters."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


class Clusterer:
    """Assigns concern cards to clusters; deterministic for the same taxonomy, examples and calls."""

    def __init__(self, taxonomy: Optional[list[ClusterDef]] = None,
                 examples: Iterable[tuple[str, str]] = ()) -> None:
        self._lock = threading.RLock()
        clusters = [replace(c) for c in (taxonomy if taxonomy is not None else default_taxonomy())]
        self._clusters: dict[str, ClusterDef] = {c.key: c for c in clusters}
        self._lexicon = Lexicon()
        self._lexicon.add_rules(*builtin_rules())
        # word weights from the German examples: other languages' examples do not shift how German cards compare
        self._index = NeighbourIndex(Idf(t for c in clusters for t in c.examples))
        for key, cluster in self._clusters.items():
            self._add_knowledge(key, cluster)
        for text, key in examples:
            self.learn(text, key)

    # -- taxonomy -----------------------------------------------------------------------------------------------
    def _add_knowledge(self, key: str, cluster: ClusterDef) -> None:
        """The cluster's cue words and example cards (all languages); a cluster without cue words of its own is
        recognised by the words of its name and description."""
        self._lexicon.add_cues(key, cluster.cues)
        for code, parts in sorted(cluster.languages.items()):
            if code == GERMAN:
                self._lexicon.add_cues(key, parts.get("cues", ()))
            else:            # another language: its own folding, word-start matching, no typo tolerance
                self._lexicon.add_language_terms(code, parse_cues(key, parts.get("cues", ()), code))
        for text in cluster.all_examples():
            self._index.add(text, key)
        if not cluster.all_cues():
            self._add_name_cues(key, cluster.name)
            for tok in content_tokens(cluster.description):
                if len(tok) >= 4:
                    self._lexicon.add_term(key, tok, 0.6)

    def _add_name_cues(self, key: str, name: str) -> None:
        for tok in content_tokens(name):
            if len(tok) >= 3:
                self._lexicon.add_term(key, tok, 0.8)
        if name.strip():
            self._index.add(name, key)

    @property
    def clusters(self) -> list[ClusterDef]:
        return list(self._clusters.values())

    def cluster(self, key: str) -> Optional[ClusterDef]:
        return self._clusters.get(key)

    @_locked
    def add_cluster(self, cluster: ClusterDef, example_texts: Iterable[str] = ()) -> None:
        if cluster.key in self._clusters:
            raise ValueError(f"cluster key already exists: {cluster.key}")
        self._clusters[cluster.key] = replace(cluster)
        self._add_knowledge(cluster.key, cluster)
        for text in example_texts:
            self.learn(text, cluster.key)

    @_locked
    def rename_cluster(self, key: str, name: str) -> None:
        self._clusters[key].name = name
        if not self._clusters[key].all_cues():
            self._add_name_cues(key, name)

    @_locked
    def recolor_cluster(self, key: str, color: str) -> None:
        self._clusters[key].color = color

    @_locked
    def merge_clusters(self, source_key: str, target_key: str) -> None:
        """All knowledge of ``source_key`` now points to ``target_key``; the source disappears."""
        if source_key == target_key:
            return
        if target_key not in self._clusters:
            raise KeyError(target_key)
        self._clusters.pop(source_key)
        self._lexicon.rename_cluster_key(source_key, target_key)
        self._index.relabel(source_key, target_key)

    @_locked
    def remove_cluster(self, key: str) -> None:
        self._clusters.pop(key)
        self._lexicon.remove_cluster(key)
        self._index.relabel(key, None)

    # -- learning -----------------------------------------------------------------------------------------------
    @_locked
    def learn(self, text: str, cluster_key: str) -> None:
        """Remember that ``text`` belongs to ``cluster_key`` (a facilitator's move); effective at once."""
        if not text or not text.strip():
            return
        self._index.add(text, cluster_key, learned=True)

    # -- assignment ---------------------------------------------------------------------------------------------
    def _fallback_key(self) -> str:
        return OTHER_KEY if OTHER_KEY in self._clusters else ""

    @_locked
    def scores(self, text: str) -> tuple[dict[str, float], dict, dict[str, tuple[float, int]]]:
        lex = self._lexicon.match(text)
        sims = self._index.similarities(text)
        labels = self._index.labels
        learned = self._index.learned
        knn: dict[str, tuple[float, int]] = {}
        top: dict[str, list[float]] = {}
        learned_best: dict[str, float] = {}
        if len(sims):
            if len(sims) > 40:
                part = np.argpartition(-sims, 39)[:40]
                order = part[np.lexsort((part, -sims[part]))]    # by similarity, ties by index
            else:
                order = np.lexsort((np.arange(len(sims)), -sims))
            for idx in order:
                s = float(sims[idx])
                if s <= 0:
                    break
                lab = labels[idx]
                if lab not in self._clusters:
                    continue
                if learned[idx]:
                    s = min(1.0, s * LEARNED_BOOST)
                    learned_best[lab] = max(learned_best.get(lab, 0.0), s)
                lst = top.setdefault(lab, [])
                if len(lst) < 2:
                    lst.append(s)
                    if len(lst) == 1:
                        knn[lab] = (s, int(idx))
        combined: dict[str, float] = {}
        for key in self._clusters:
            ls = 1.0 - math.exp(-lex.scores.get(key, 0.0))
            t = top.get(key, [])
            ks = (0.7 * t[0] + 0.3 * t[1]) if len(t) == 2 else (0.7 * t[0] if t else 0.0)
            # a facilitator's own decision on a similar card weighs extra
            bonus = LEARNED_BONUS * max(0.0, learned_best.get(key, 0.0) - LEARNED_MIN_SIM) / (1 - LEARNED_MIN_SIM)
            combined[key] = min(1.0, LEX_WEIGHT * ls + KNN_WEIGHT * ks + bonus)
        return combined, {"lex": lex, "top": top}, knn

    @_locked
    def assign(self, text: str) -> Assignment:
        combined, parts, knn = self.scores(text)
        lex = parts["lex"]
        ranked = sorted(combined.items(), key=lambda kv: -kv[1])
        fallback = self._fallback_key()
        alternatives = [(k, round(s, 3)) for k, s in ranked[1:4] if s > 0]
        if not ranked or ranked[0][1] < MIN_SCORE or ranked[0][0] == fallback:
            best = ranked[0] if ranked else ("", 0.0)
            name = self._clusters[fallback].name if fallback else UNASSIGNED_NAME
            if ranked and ranked[0][0] == fallback and ranked[0][1] >= MIN_SCORE:
                reason, words = self._reason(fallback, lex, knn, combined[fallback])
                return Assignment(fallback, name, reason, round(best[1], 3), False, alternatives,
                                  language=lex.language, matched=words)
            hint = ""
            if best[1] > 0.05 and best[0] != fallback:
                hint = f" (am ehesten {self._clusters[best[0]].name})"
            return Assignment(fallback, name, f"{name} – passt zu keinem Thema gut{hint}",
                              round(min(best[1], MIN_SCORE) * 0.5, 3), False,
                              [(k, round(s, 3)) for k, s in ranked[:3] if s > 0 and k != fallback],
                              language=lex.language)
        key, score = ranked[0]
        reason, words = self._reason(key, lex, knn, score)
        return Assignment(key, self._clusters[key].name, reason, round(min(score, 1.0), 3), False, alternatives,
                          language=lex.language, matched=words)

    def _reason(self, key: str, lex, knn: dict[str, tuple[float, int]], score: float) -> tuple[str, tuple[str, ...]]:
        """German reason and the card's own words that decided (empty when a similar card decided)."""
        name = self._clusters[key].name
        ls = LEX_WEIGHT * (1.0 - math.exp(-lex.scores.get(key, 0.0)))
        neighbour = knn.get(key)
        ks = KNN_WEIGHT * neighbour[0] if neighbour else 0.0
        learned_decided = neighbour is not None and self._index.learned[neighbour[1]] and neighbour[0] >= 0.5
        if lex.evidence.get(key) and not learned_decided and (ls >= 0.5 * ks or ls >= 0.25):
            words: list[str] = []
            for ev in sorted(lex.evidence[key], key=lambda e: -e.weight):
                if ev.word not in words:
                    words.append(ev.word)
            if lex.language != GERMAN:
                shown = ", ".join(isolate_bidi(w) for w in words[:4])
                return f"{name} – erkannt ({language_name(lex.language)}): {shown}", tuple(words[:4])
            return f"{name} – erkannt an: {', '.join(words[:4])}", tuple(words[:4])
        if neighbour:
            return f"{name} – ähnlich wie: ‚{_short(self._index.texts[neighbour[1]])}‘", ()
        return f"{name} – schwache Übereinstimmung", ()

    # -- whole board ------------------------------------------------------------------------------------------
    def recluster(self, texts: Sequence[str], *, progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None, discovery: bool = True) -> list[Assignment]:
        """Assign all cards afresh; with ``discovery`` cards that fit nothing well are grouped among
        themselves and proposed as new clusters (``is_new_cluster=True``, keys ``neu-1``, ``neu-2`` …)."""
        n = len(texts)
        out: list[Assignment] = []
        report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Karten werden zugeordnet …")), cancel)
        for i, text in enumerate(texts):
            out.append(self.assign(text))
            if i % 50 == 49:
                step = Message(QT_TRANSLATE_NOOP("Progress", "{number} von {count} Karten zugeordnet …"),
                               number=i + 1, count=n)
                report(progress, 0.7 * (i + 1) / n, step, cancel)
        if discovery:
            groups = self._discover(texts, out, scaled(progress, 0.7, 1.0), cancel)
            for number, group in enumerate(groups, start=1):
                key = f"{NEW_KEY_PREFIX}{number}"
                reason = f"Neues Thema „{group.name}“ vorgeschlagen – gemeinsam: {', '.join(group.words)}"
                if group.note is not None:
                    reason += f" ({group.note})"
                for i in group.indices:
                    out[i] = Assignment(key, group.name, reason, round(min(group.cohesion, 1.0), 3), True,
                                        [(out[i].cluster_key, out[i].score)])
            for number, (source, group) in enumerate(self._split_overfull(texts, out, cancel),
                                                     start=len(groups) + 1):
                key = f"{NEW_KEY_PREFIX}{number}"
                reason = split_reason(self._clusters[source].name, group)
                for i in group.indices:
                    out[i] = Assignment(key, group.name, reason, round(min(group.cohesion, 1.0), 3), True,
                                        [(out[i].cluster_key, out[i].score)])
        report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Fertig.")), cancel)
        return out

    def _discover(self, texts, assignments, progress=None, cancel=None):
        fallback = self._fallback_key()
        cand = [i for i, a in enumerate(assignments) if a.cluster_key == fallback and texts[i].strip()]
        return discover(texts, cand, threshold=DEFAULT_THRESHOLD, min_size=DEFAULT_MIN_SIZE,
                        progress=progress, cancel=cancel)

    def _split_overfull(self, texts: Sequence[str], assignments: Sequence[Assignment],
                        cancel: Optional[CancelToken] = None) -> list[tuple[str, DiscoveredGroup]]:
        """(source cluster key, sub-theme) for each cluster that swallowed an outsized share of the cards; one
        sub-theme per cluster at a time (the most distinct), so the facilitator judges one split after another."""
        keys = ["" if a.is_new_cluster else a.cluster_key for a in assignments]
        out = []
        for key in overfull_clusters(keys, exclude=("", self._fallback_key())):
            if key not in self._clusters:
                continue
            group = find_subtheme(texts, [i for i, k in enumerate(keys) if k == key and texts[i].strip()],
                                  min_size=DEFAULT_MIN_SIZE, cancel=cancel)
            if group is not None:
                out.append((key, group))
        return out

    def suggest_new_clusters(self, texts: Sequence[str]) -> list[tuple[str, list[int]]]:
        """(suggested name, card indices) for groups of cards that fit no existing cluster."""
        assignments = [self.assign(t) for t in texts]
        return [(g.name, g.indices) for g in self._discover(texts, assignments)]


def split_reason(source_name: str, group: DiscoveredGroup) -> str:
    """German reason of a proposed split: which cluster and which shared words."""
    return (f"Teilthema von „{source_name}“ – als eigenes Thema „{group.name}“ vorgeschlagen, "
            f"gemeinsam: {', '.join(group.words)}")


def cluster_texts(texts: Sequence[str], taxonomy: Optional[list[ClusterDef]] = None,
                  examples: Iterable[tuple[str, str]] = (), progress: Optional[ProgressCallback] = None,
                  discovery: bool = True, cancel: Optional[CancelToken] = None) -> list[Assignment]:
    """Convenience: a fresh :class:`Clusterer` re-clusters ``texts``."""
    return Clusterer(taxonomy, examples).recluster(texts, progress=progress, cancel=cancel, discovery=discovery)
