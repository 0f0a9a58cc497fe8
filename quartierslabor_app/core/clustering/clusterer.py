"""The live concern clusterer: lexicon cues + nearest prototype cards, learning from the facilitator."""
from __future__ import annotations

import functools
from collections import Counter
import math
import threading
from dataclasses import replace
from typing import Iterable, Optional, Sequence

import numpy as np

from .. import card_reasons, count_texts
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report, scaled
from .discovery import DEFAULT_MIN_SIZE, DEFAULT_THRESHOLD, DiscoveredGroup, discover, find_subtheme, overfull_clusters
from .language import GERMAN
from .language_data import parse_cues
from .lexicon import SECONDARY_FACTOR, Lexicon
from .model import Assignment, ClusterDef, Reason
from .ngrams import Idf, NeighbourIndex
from .normalize import content_tokens
from .taxonomy import OTHER_KEY, builtin_rules, default_taxonomy

#: weights of the two evidence sources in the combined score
LEX_WEIGHT = 0.6
KNN_WEIGHT = 0.4
#: the learned component: weight LEARNED_GAIN · n / (n + EVIDENCE_HALF) for a cluster with n learned cards, on the
#: similarity to its nearest learned cards above the background similarity of unrelated cards
LEARNED_SHARE = 0.8
EVIDENCE_HALF = 5
LEARNED_BACKGROUND = 0.15
LEARNED_SHARPNESS = 4.0
CENTROID_RANGE = 0.15
CENTROID_FLOOR = 0.1
CENTROID_BACKGROUND_SHARE = 0.5
#: extra score for a card placed by hand more similar than NEAR_SIM (worded almost the same)
NEAR_BONUS = 0.5
NEAR_SIM = 0.3
#: share of moved cards at which the learned component of built-in clusters reaches its full weight
FAILING_FULL = 0.3
FAILING_PRIOR = 0.5
#: a cue word steps back once the facilitator overruled it this often (and more often than it held)
OVERRULE_MIN = 2
#: below this combined score a card "fits nothing well"
MIN_SCORE = 0.18
#: discovery candidates (:func:`loosely_placed`): best score below WEAK_SCORE, or a runner-up at least
#: CONTESTED_SHARE of the best
WEAK_SCORE = 2 * MIN_SCORE
CONTESTED_SHARE = 0.85
UNASSIGNED_NAME = "Nicht zugeordnet"
NEW_KEY_PREFIX = "neu-"
#: taxonomies whose built knowledge is kept for the next clusterer (by content; about 10 MB each)
KNOWLEDGE_KEPT = 4
_KNOWLEDGE: dict[str, tuple[Lexicon, NeighbourIndex, frozenset[str]]] = {}
_KNOWLEDGE_LOCK = threading.Lock()


def reason_text(reason: Reason) -> str:
    """The German one-line reason (stored with the card, printed by the CLI); rendered by ``core.card_reasons``."""
    return card_reasons.reason_text(reason)


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
        self._evidence: dict[str, int] = {}
        self._overruled: dict[tuple[str, str], int] = {}
        self._held: dict[tuple[str, str], int] = {}
        self._moved_away: dict[str, int] = {}     # cards the facilitator moved out of the app's choice
        self._kept: dict[str, int] = {}           # cards left where the app put them
        self._moved_rows: set[int] = set()        # index rows of cards the facilitator placed by hand
        self._moved_in: dict[str, int] = {}       # cards the facilitator placed in a cluster by hand
        self._moved_total = 0
        self._kept_total = 0
        # clusters with built-in knowledge (cue words or examples), cue words, examples
        self._lexicon, self._index, self._knowing = self._taxonomy_knowledge(clusters)
        for text, key in examples:
            self.learn(text, key)

    def _taxonomy_knowledge(self, clusters: list[ClusterDef]) -> tuple[Lexicon, NeighbourIndex, set[str]]:
        """Cue words, examples and knowing clusters of a taxonomy: built once per process for the same taxonomy
        (and lexicon switches); each clusterer learns on its own copy."""
        rules = builtin_rules()
        content = repr((clusters, rules, Lexicon.typo_tolerance, Lexicon.compound_splitting))
        with _KNOWLEDGE_LOCK:
            built = _KNOWLEDGE.get(content)
        if built is None:
            self._lexicon, self._knowing = Lexicon(), set()
            self._lexicon.add_rules(*rules)
            # word weights from the German examples: other languages' examples do not shift how German cards
            # compare
            self._index = NeighbourIndex(Idf.of_corpus(t for c in clusters for t in c.examples))
            for key, cluster in self._clusters.items():
                self._add_knowledge(key, cluster)
            built = (self._lexicon, self._index, frozenset(self._knowing))
            with _KNOWLEDGE_LOCK:
                _KNOWLEDGE[content] = built
                while len(_KNOWLEDGE) > KNOWLEDGE_KEPT:
                    _KNOWLEDGE.pop(next(iter(_KNOWLEDGE)))
        with _KNOWLEDGE_LOCK:        # a copy marks the tables of the original as shared
            return built[0].copy(), built[1].copy(), set(built[2])

    # -- taxonomy -----------------------------------------------------------------------------------------------
    def _add_knowledge(self, key: str, cluster: ClusterDef) -> None:
        """The cluster's cue words and example cards (all languages); a cluster without cue words of its own is
        recognised by the words of its name and description."""
        if cluster.has_knowledge():
            self._knowing.add(key)
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
        self._evidence[target_key] = self._evidence.get(target_key, 0) + self._evidence.pop(source_key, 0)
        if source_key in self._knowing:
            self._knowing.discard(source_key)
            self._knowing.add(target_key)
        self._forget_cue_counts(source_key)

    @_locked
    def remove_cluster(self, key: str) -> None:
        self._clusters.pop(key)
        self._lexicon.remove_cluster(key)
        self._index.relabel(key, None)
        self._evidence.pop(key, None)
        self._knowing.discard(key)
        self._forget_cue_counts(key)

    def _forget_cue_counts(self, key: str) -> None:
        for table in (self._overruled, self._held):
            for pair in [p for p in table if p[0] == key]:
                del table[pair]
        self._moved_away.pop(key, None)
        self._kept.pop(key, None)

    # -- learning -----------------------------------------------------------------------------------------------
    @_locked
    def learn(self, text: str, cluster_key: str, moved_from: Optional[str] = None) -> None:
        """Remember that ``text`` belongs to ``cluster_key`` (a facilitator's move, merge or new cluster); effective
        at once. ``moved_from``: the cluster the app had chosen; its cue words in the card were overruled."""
        if not text or not text.strip():
            return
        if moved_from and moved_from != cluster_key:
            self._moved_away[moved_from] = self._moved_away.get(moved_from, 0) + 1
            self._moved_total += 1
            for term in self._matched_terms(text, moved_from):
                self._overruled[(moved_from, term)] = self._overruled.get((moved_from, term), 0) + 1
        self._moved_rows.add(len(self._index))
        self._moved_in[cluster_key] = self._moved_in.get(cluster_key, 0) + 1
        self._remember(text, cluster_key)

    @_locked
    def confirm(self, text: str, cluster_key: str) -> None:
        """The facilitator left ``text`` where the app put it (implicit confirmation): learned like a move, and the
        cue words that placed it held."""
        if not text or not text.strip():
            return
        for term in self._matched_terms(text, cluster_key):
            self._held[(cluster_key, term)] = self._held.get((cluster_key, term), 0) + 1
        self._kept[cluster_key] = self._kept.get(cluster_key, 0) + 1
        self._kept_total += 1
        self._remember(text, cluster_key)

    def _remember(self, text: str, cluster_key: str) -> None:
        self._index.add(text, cluster_key, learned=True)
        self._evidence[cluster_key] = self._evidence.get(cluster_key, 0) + 1

    def _matched_terms(self, text: str, key: str) -> list[str]:
        return [ev.term for ev in self._lexicon.match(text).evidence.get(key, ())]

    def _learned_count(self, key: str) -> int:
        """The evidence the learned component of ``key`` rests on: every learned card of the facilitator's own
        cluster; for a cluster with built-in knowledge only the cards moved into it by hand (a card the app placed
        there and the facilitator left is the built-in knowledge's own vote: counting it again as learned evidence
        would let the prior's near-ties and slips reinforce themselves and pull cards the taxonomy placed right)."""
        if key in self._knowing:
            return self._moved_in.get(key, 0)
        return self._evidence.get(key, 0)

    def evidence(self, key: str) -> int:
        """Cards learned for ``key`` in this session (moves, merges, new clusters, confirmations)."""
        return self._evidence.get(key, 0)

    def _cue_factor(self, key: str, term: str) -> float:
        """A cue word the facilitator keeps overruling (two times or more, more often than it held) steps back."""
        over = self._overruled.get((key, term), 0)
        held = self._held.get((key, term), 0)
        if over < OVERRULE_MIN or over <= held:
            return 1.0
        return (held + 1) / (held + 1 + over)

    def _learned_share(self, key: str) -> float:
        """How far the learned component may go: fully for a cluster without built-in knowledge (the facilitator's
        own), for a built-in cluster as far as the built-in knowledge fails in this lab (share of moved cards)."""
        if key not in self._knowing:
            return LEARNED_SHARE
        moved = self._moved_total
        failing = (moved + FAILING_PRIOR) / (moved + self._kept_total + 10)
        return LEARNED_SHARE * min(1.0, failing / FAILING_FULL)

    def _prior_factor(self, key: str) -> float:
        """The built-in knowledge of a cluster whose choices the facilitator keeps overruling (more often moved away
        than left in place) steps back for this lab."""
        away = self._moved_away.get(key, 0)
        kept = self._kept.get(key, 0)
        if away < OVERRULE_MIN or away <= kept:
            return 1.0
        return (kept + 1) / (kept + 1 + away)

    def _lex_scores(self, lex) -> dict[str, float]:
        out = {}
        for key, evidence in lex.evidence.items():
            ws = [ev.weight * self._cue_factor(key, ev.term) for ev in evidence]
            top = max(ws)
            out[key] = top + SECONDARY_FACTOR * (sum(ws) - top)
        return out

    # -- assignment ---------------------------------------------------------------------------------------------
    def _fallback_key(self) -> str:
        return OTHER_KEY if OTHER_KEY in self._clusters else ""

    @_locked
    def scores(self, text: str) -> tuple[dict[str, float], dict, dict[str, tuple[float, int]]]:
        """Combined score per cluster: ``(1 - m·λ) · prior + m·λ · learned`` where the prior is cue words and built-in
        examples, ``learned`` the similarity to the cards learned in this session and ``λ = n / (n + 5)`` grows with
        the ``n`` cards learned for the cluster (:meth:`_learned_count`)."""
        lex = self._lexicon.match(text)
        lex_scores = self._lex_scores(lex) if self._overruled else lex.scores
        sims = self._index.similarities(text)
        labels = self._index.labels
        learned = self._index.learned
        knn: dict[str, tuple[float, int]] = {}
        top: dict[str, list[float]] = {}
        top_learned: dict[str, list[float]] = {}
        top_moved: dict[str, float] = {}
        if len(sims):
            if len(sims) > 60:
                part = np.argpartition(-sims, 59)[:60]
                order = part[np.lexsort((part, -sims[part]))]    # by similarity, ties by index
            else:
                order = np.lexsort((np.arange(len(sims)), -sims))
            for idx, s in zip(order.tolist(), sims[order].tolist()):     # plain ints and floats: faster
                if s <= 0:
                    break
                lab = labels[idx]
                if lab not in self._clusters:
                    continue
                if learned[idx]:
                    if idx in self._moved_rows and lab not in top_moved:
                        top_moved[lab] = s
                    if lab in self._knowing and idx not in self._moved_rows:
                        continue     # a confirmation of built-in knowledge is its own vote again, not new evidence
                    lst = top_learned.setdefault(lab, [])
                    if len(lst) < 2:
                        lst.append(s)
                        if lab not in knn or not learned[knn[lab][1]]:
                            knn[lab] = (s, idx)
                    continue
                lst = top.setdefault(lab, [])
                if len(lst) < 2:
                    lst.append(s)
                    if len(lst) == 1 and lab not in knn:
                        knn[lab] = (s, idx)
        combined: dict[str, float] = {}
        priors: dict[str, float] = {}
        learned_part: dict[str, float] = {}
        centroid, background = self._index.centroid_similarities(sims) if len(sims) else ({}, 0.0)
        best_centroid = max(centroid.values(), default=0.0)
        for key in self._clusters:
            ls = 1.0 - math.exp(-lex_scores.get(key, 0.0))
            t = top.get(key, [])
            ks = (0.7 * t[0] + 0.3 * t[1]) if len(t) == 2 else (0.7 * t[0] if t else 0.0)
            prior = (LEX_WEIGHT * ls + KNN_WEIGHT * ks) * self._prior_factor(key)
            n = self._learned_count(key)
            tl = top_learned.get(key, [])
            sim = (0.7 * tl[0] + 0.3 * tl[1]) if len(tl) == 2 else (0.7 * tl[0] if tl else 0.0)
            lam = self._learned_share(key) * n / (n + EVIDENCE_HALF)
            c = centroid.get(key, 0.0)
            floor = max(CENTROID_FLOOR, c if len(centroid) < 2 else CENTROID_BACKGROUND_SHARE * background)
            gate = min(1.0, max(0.0, c - floor) / CENTROID_RANGE)
            # the centroid of a built-in cluster's learned cards is mostly its confirmations (the prior's own votes)
            rel = gate * (c / best_centroid) ** LEARNED_SHARPNESS \
                if best_centroid > 0 and key not in self._knowing else 0.0
            learned_part[key] = max(rel, max(0.0, sim - LEARNED_BACKGROUND) / (1.0 - LEARNED_BACKGROUND))
            # a card worded almost like one the facilitator placed goes where that one went, at once
            near = NEAR_BONUS * max(0.0, top_moved.get(key, 0.0) - NEAR_SIM) / (1 - NEAR_SIM)
            combined[key] = min(1.0, (1 - lam) * prior + lam * learned_part[key] + near)
            priors[key] = prior
        return combined, {"lex": lex, "lex_scores": lex_scores, "top": top, "learned": learned_part,
                          "prior": priors}, knn

    @_locked
    def assign(self, text: str) -> Assignment:
        combined, parts, knn = self.scores(text)
        lex = parts["lex"]
        ranked = sorted(combined.items(), key=lambda kv: -kv[1])
        fallback = self._fallback_key()
        alternatives = [(k, round(s, 3)) for k, s in ranked[1:4] if s > 0]
        # no learned neighbours is no evidence against a cluster: a card the built-in knowledge places does not
        # become "fits nothing" because the learned part of the mix is empty
        fits = bool(ranked) and max(ranked[0][1], parts["prior"].get(ranked[0][0], 0.0)) >= MIN_SCORE
        if not fits or ranked[0][0] == fallback:
            best = ranked[0] if ranked else ("", 0.0)
            name = self._clusters[fallback].name if fallback else UNASSIGNED_NAME
            if fits and ranked[0][0] == fallback:
                details = self._reason(fallback, parts, knn)
                return Assignment(fallback, name, reason_text(details), round(best[1], 3), False, alternatives,
                                  language=lex.language, matched=details.words, details=details)
            nearest = self._clusters[best[0]].name if best[1] > 0.05 and best[0] != fallback else ""
            details = Reason("nothing", name, alternative=nearest, language=lex.language)
            return Assignment(fallback, name, reason_text(details), round(min(best[1], MIN_SCORE) * 0.5, 3), False,
                              [(k, round(s, 3)) for k, s in ranked[:3] if s > 0 and k != fallback],
                              language=lex.language, details=details)
        key, score = ranked[0]
        details = self._reason(key, parts, knn)
        return Assignment(key, self._clusters[key].name, reason_text(details), round(min(score, 1.0), 3), False,
                          alternatives, language=lex.language, matched=details.words, details=details)

    def _reason(self, key: str, parts: dict, knn: dict[str, tuple[float, int]]) -> Reason:
        """Why the card goes to ``key``: the cue words recognised (in the card's own spelling and language), else
        the most similar example or learned card."""
        name = self._clusters[key].name
        lex = parts["lex"]
        ls = LEX_WEIGHT * (1.0 - math.exp(-parts["lex_scores"].get(key, 0.0)))
        neighbour = knn.get(key)
        n = self._learned_count(key)
        learned_share = self._learned_share(key) * n / (n + EVIDENCE_HALF) * parts["learned"].get(key, 0.0)
        n = self._evidence.get(key, 0)
        learned_decided = neighbour is not None and self._index.learned[neighbour[1]] and learned_share >= ls
        if lex.evidence.get(key) and not learned_decided:
            words: list[str] = []
            for ev in sorted(lex.evidence[key], key=lambda e: -e.weight * self._cue_factor(key, e.term)):
                if ev.word not in words:
                    words.append(ev.word)
            return Reason("cues", name, words=tuple(words[:4]), learned=n, language=lex.language)
        if neighbour:
            kind = "learned" if self._index.learned[neighbour[1]] else "similar"
            return Reason(kind, name, example=self._index.texts[neighbour[1]], learned=n, language=lex.language)
        return Reason("weak", name, language=lex.language)

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
                step = Message(QT_TRANSLATE_NOOP("Progress", "{done} zugeordnet …"),
                               done=count_texts.of_total(i + 1, count_texts.cards(n)))
                report(progress, 0.7 * (i + 1) / n, step, cancel)
        if discovery:
            groups = self._discover(texts, out, scaled(progress, 0.7, 1.0), cancel)
            for number, group in enumerate(groups, start=1):
                key = f"{NEW_KEY_PREFIX}{number}"
                details = Reason("new_cluster", group.name, words=tuple(group.words), note=group.note)
                for i in group.indices:
                    out[i] = Assignment(key, group.name, reason_text(details), round(min(group.cohesion, 1.0), 3),
                                        True, [(out[i].cluster_key, out[i].score)], details=details)
            for number, (source, group) in enumerate(self._split_overfull(texts, out, cancel),
                                                     start=len(groups) + 1):
                key = f"{NEW_KEY_PREFIX}{number}"
                details = Reason("split", group.name, words=tuple(group.words), source=self._clusters[source].name)
                for i in group.indices:
                    out[i] = Assignment(key, group.name, reason_text(details), round(min(group.cohesion, 1.0), 3),
                                        True, [(out[i].cluster_key, out[i].score)], details=details)
        report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Fertig.")), cancel)
        return out

    def _discover(self, texts, assignments, progress=None, cancel=None):
        """Groups of cards the taxonomy has no place for, offered only where accepting them should save moves:

        - candidates are the catch-all's cards and the loosely placed cards of other topics
          (:func:`loosely_placed`: cue words scatter a missing theme's cards before they reach the catch-all);
        - at least half of a group are catch-all cards: a group made mostly of other topics' cards is a piece of
          topics the taxonomy already has, and moving it would cost a move wherever that topic was right;
        - a group is at least as big as the smallest topic in use: a smaller one costs a move per card where the
          facilitator keeps such cards in their topic, and saves at most as many where not.
        """
        fallback = self._fallback_key()
        homeless = {i for i, a in enumerate(assignments) if a.cluster_key in (fallback, "") and texts[i].strip()}
        cand = sorted(homeless | {i for i, a in enumerate(assignments) if loosely_placed(a) and texts[i].strip()})
        groups = discover(texts, cand, threshold=DEFAULT_THRESHOLD, min_size=DEFAULT_MIN_SIZE,
                          progress=progress, cancel=cancel)
        sizes = Counter(a.cluster_key for a in assignments if a.cluster_key not in (fallback, "")
                        and not a.is_new_cluster)
        smallest = min(sizes.values(), default=0)
        return [g for g in groups if 2 * sum(i in homeless for i in g.indices) >= len(g.indices)
                and len(g.indices) >= smallest]

    def _split_overfull(self, texts: Sequence[str], assignments: Sequence[Assignment],
                        cancel: Optional[CancelToken] = None) -> list[tuple[str, DiscoveredGroup]]:
        keys = ["" if a.is_new_cluster else a.cluster_key for a in assignments]
        return self.overfull_splits(texts, keys, cancel=cancel)

    def overfull_splits(self, texts: Sequence[str], keys: Sequence[str], *, min_size: int = DEFAULT_MIN_SIZE,
                        cancel: Optional[CancelToken] = None) -> list[tuple[str, DiscoveredGroup]]:
        """(source cluster key, sub-theme) for each cluster with built-in knowledge that swallowed an outsized share
        of the cards (``keys``: each card's cluster, "" for none); one sub-theme per cluster at a time (the most
        distinct), so the facilitator judges one split after another. The facilitator's own clusters are theirs:
        never split (their cards are there because the facilitator put them or their like there)."""
        out = []
        for key in overfull_clusters(keys, exclude=("", self._fallback_key())):
            if key not in self._clusters or key not in self._knowing:
                continue
            group = find_subtheme(texts, [i for i, k in enumerate(keys) if k == key and texts[i].strip()],
                                  min_size=min_size, cancel=cancel)
            if group is not None:
                out.append((key, group))
        return out

    def suggest_new_clusters(self, texts: Sequence[str]) -> list[tuple[str, list[int]]]:
        """(suggested name, card indices) for groups of loosely placed cards (:func:`loosely_placed`)."""
        return [(g.name, g.indices) for g in self.discovered_groups(texts)]

    def discovered_groups(self, texts: Sequence[str]) -> list[DiscoveredGroup]:
        """New topics among ``texts`` as the clusterer places them now (the board's proposals)."""
        return self._discover(texts, [self.assign(t) for t in texts])


def loosely_placed(assignment: Assignment) -> bool:
    """A card discovery may take into a new topic: it fits nothing, its best score is low, or the runner-up is
    nearly as strong (contested). A card the built-in knowledge or the session places clearly, also one its cue
    words put in the catch-all on purpose ("Bänke" → Sonstiges), stays where it is: moving it to a new topic
    would cost the facilitator a move whenever the taxonomy was right."""
    if assignment.is_new_cluster or (assignment.details is not None and assignment.details.kind == "nothing"):
        return True
    score = assignment.score or 0.0
    if score < WEAK_SCORE:
        return True
    runner_up = max((s for k, s in assignment.alternatives if k != assignment.cluster_key), default=0.0)
    return runner_up >= CONTESTED_SHARE * score


def split_reason(source_name: str, group: DiscoveredGroup) -> str:
    """German reason of a proposed split: which cluster and which shared words."""
    return reason_text(Reason("split", group.name, words=tuple(group.words), source=source_name))


def cluster_texts(texts: Sequence[str], taxonomy: Optional[list[ClusterDef]] = None,
                  examples: Iterable[tuple[str, str]] = (), progress: Optional[ProgressCallback] = None,
                  discovery: bool = True, cancel: Optional[CancelToken] = None) -> list[Assignment]:
    """Convenience: a fresh :class:`Clusterer` re-clusters ``texts``."""
    return Clusterer(taxonomy, examples).recluster(texts, progress=progress, cancel=cancel, discovery=discovery)
