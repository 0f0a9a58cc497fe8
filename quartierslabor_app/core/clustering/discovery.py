"""Discovery of new clusters among cards that fit no cluster well.

Cards are embedded as hashed character n-gram + word TF-IDF vectors (fitted on the batch), compared by cosine,
and grouped by average-linkage agglomerative clustering with a similarity threshold. Each group gets a German
name from its most characteristic words (frequent in the group, rare elsewhere).

An overfull cluster (:func:`overfull_clusters`) is searched for its most distinct sub-theme (:func:`find_subtheme`).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ..messages import QT_TRANSLATE_NOOP, Message
from ..paths import resource_path
from ..progress import CancelToken, ProgressCallback, report
from .lexicon import is_street_name
from .ngrams import Idf, raw_features
from .normalize import STOPWORDS, content_tokens, stem, surface_tokens

#: words that say *that* something is wrong, not *what*: ignored when grouping and naming
GENERIC_WORDS = frozenset("""
fehlt fehlen fehlend kaputt defekt mehr wenig weniger zuwenig schlecht schlechter gut besser bitte neu neue neuen
wieder gibt immer keine lange schon viel viele zuviel oft selten staendig dauernd problem probleme thema
frage wunsch wuensche sollte muesste brauchen braucht wir ich man hier dort da jetzt endlich sehr ganz total
""".split())

#: average-linkage similarity at which two groups are merged
DEFAULT_THRESHOLD = 0.22
#: smallest group proposed as a new cluster
DEFAULT_MIN_SIZE = 3


@dataclass
class DiscoveredGroup:
    name: str
    indices: list[int]
    words: list[str]           # characteristic words (display form)
    cohesion: float            # mean pairwise similarity inside the group
    #: why smaller proposals were combined into this one (None: found as it is)
    note: Optional[Message] = None


def _hash(feature: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(feature.encode("utf-8"))
    return h % dim, (1.0 if (h >> 20) & 1 else -1.0)


#: above this many distinct features the batch is embedded with the hashing trick
MAX_EXACT_COLUMNS = 30000
#: weight of character n-grams relative to whole words when grouping
NGRAM_SHARE = 0.4


def base_form(word: str) -> str:
    """Coarser than :func:`stem` for grouping: umlaut plural and double final consonant folded
    ("Bänke"→"bank", "Busse"→"bus", "Mieten"→"miet")."""
    w = stem(word)
    for a, b in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        w = w.replace(a, b)
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def discovery_features(text: str, vocabulary: frozenset[str] = frozenset()) -> Counter:
    """Char n-grams (down-weighted) + coarse word forms; a compound also counts as its head when the head is a
    word of the batch (``vocabulary``), so "Sitzbänke" meets "Bänke"."""
    words = [w for w in content_tokens(text) if w not in GENERIC_WORDS]
    feats = raw_features(" ".join(words))
    for key in list(feats):
        if key.startswith("w:"):
            del feats[key]
        else:
            feats[key] *= NGRAM_SHARE
    for w in words:
        b = base_form(w)
        feats["w:" + b] += 2.0
        if len(b) >= 7 and vocabulary:
            for i in range(3, len(b) - 3):
                if b[i:] in vocabulary:
                    feats["w:" + b[i:]] += 1.5
                    break
    return feats


def embed(texts: Sequence[str], dim: Optional[int] = None) -> np.ndarray:
    """Row-normalised hashed TF-IDF matrix (float32) of the texts."""
    vocabulary = frozenset(base_form(w) for t in texts for w in content_tokens(t)
                           if w not in GENERIC_WORDS and len(w) >= 4)
    feats = [discovery_features(t, vocabulary) for t in texts]
    idf = Idf.from_features([set(f) for f in feats])
    vocab: dict[str, int] = {}
    if dim is None:
        for f in feats:
            for name in f:
                vocab.setdefault(name, len(vocab))
        if len(vocab) > MAX_EXACT_COLUMNS:      # large batches: hashing trick keeps memory bounded
            vocab = {}
            dim = 4096
    X = np.zeros((len(texts), len(vocab) if vocab else dim), dtype=np.float32)
    for r, f in enumerate(feats):
        for name, count in f.items():
            if vocab:
                col, sign = vocab[name], 1.0
            else:
                col, sign = _hash(name, dim)
            X[r, col] += sign * count * idf.get(name)
    norms = np.linalg.norm(X, axis=1)
    norms[norms == 0] = 1.0
    return X / norms[:, None]


def average_linkage(S: np.ndarray, threshold: float, cancel: Optional[CancelToken] = None) -> list[list[int]]:
    """Average-linkage agglomerative clustering on a similarity matrix, merging while similarity >= threshold."""
    m = S.shape[0]
    if m == 0:
        return []
    S = S.astype(np.float64, copy=True)
    np.fill_diagonal(S, -np.inf)
    sizes = np.ones(m)
    active = np.ones(m, dtype=bool)
    members: list[list[int]] = [[i] for i in range(m)]
    rowarg = S.argmax(axis=1)
    rowmax = S[np.arange(m), rowarg]
    steps = 0
    while True:
        i = int(np.argmax(rowmax))
        if not rowmax[i] >= threshold:
            break
        j = int(rowarg[i])
        if i > j:
            i, j = j, i
        new = (sizes[i] * S[i] + sizes[j] * S[j]) / (sizes[i] + sizes[j])
        new[~active] = -np.inf
        new[i] = -np.inf
        new[j] = -np.inf
        S[i, :] = new
        S[:, i] = new
        S[j, :] = -np.inf
        S[:, j] = -np.inf
        active[j] = False
        rowmax[j] = -np.inf
        sizes[i] += sizes[j]
        members[i].extend(members[j])
        members[j] = []
        rowarg[i] = int(np.argmax(S[i]))
        rowmax[i] = S[i, rowarg[i]]
        affected = np.nonzero(((rowarg == i) | (rowarg == j)) & active)[0]
        for k in affected:
            if k != i:
                rowarg[k] = int(np.argmax(S[k]))
                rowmax[k] = S[k, rowarg[k]]
        better = active & (new > rowmax)
        rowmax[better] = new[better]
        rowarg[better] = i
        steps += 1
        if cancel is not None and steps % 200 == 0:
            cancel.raise_if_cancelled()
    return [sorted(g) for g in members if g]


@lru_cache(maxsize=1)
def naming_stopwords() -> frozenset[str]:
    """Words a proposal is never named after (``resources/clustering/naming_stopwords.txt``)."""
    words: set[str] = set()
    with open(resource_path("clustering", "naming_stopwords.txt"), encoding="utf-8") as fh:
        for line in fh:
            words.update(line.split("#", 1)[0].split())
    return frozenset(words)


def nameable(surface: str, folded: str) -> bool:
    """A content noun that can name a topic: written with a capital (German nouns), not a time word, greeting,
    boilerplate, generic place word or street name."""
    return (surface[:1].isupper() and folded.isalpha() and folded not in naming_stopwords()
            and not is_street_name(folded))


@lru_cache(maxsize=65536)
def _stems_of(text: str) -> dict[str, str]:
    """Base form -> first surface of the nameable words of a card (cached: callers only read it)."""
    out: dict[str, str] = {}
    for surface, folded in surface_tokens(text):
        if len(folded) < 3 or folded in STOPWORDS or folded in GENERIC_WORDS or not nameable(surface, folded):
            continue
        out.setdefault(base_form(folded), surface)
    return out


def characteristic_words(texts: Sequence[str], group: Sequence[int], all_texts: Sequence[str],
                         limit: int = 3, df_all: Optional[Counter] = None) -> list[str]:
    """Display words that are frequent in the group and rare in ``all_texts``."""
    if df_all is None:
        df_all = Counter()
        for t in all_texts:
            df_all.update(_stems_of(t).keys())
    df_group: Counter = Counter()
    surfaces: dict[str, Counter] = {}
    for i in group:
        for st, surface in _stems_of(texts[i]).items():
            df_group[st] += 1
            surfaces.setdefault(st, Counter())[surface] += 1
    n = max(len(all_texts), 1)
    scored = []
    for st, c in df_group.items():
        if c < 2 and len(group) > 1:
            continue
        score = (c / len(group)) * math.log((n + 1) / (df_all.get(st, 0) + 1) + 1.0) * (1 + 0.02 * len(st))
        scored.append((-score, st))
    scored.sort()
    words: list[str] = []
    chosen: list[str] = []
    for _, st in scored:
        if len(chosen) == limit:
            break
        if any((st in other or other in st) and min(len(st), len(other)) >= 4 for other in chosen):
            continue                 # "Einbahnstraße" adds nothing to "Einbahn"
        chosen.append(st)
        surface = sorted(surfaces[st].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        words.append(surface[:1].upper() + surface[1:] if surface[:1].isalpha() else surface)
    return words


def discover(texts: Sequence[str], candidate_indices: Sequence[int], *, threshold: float = DEFAULT_THRESHOLD,
             min_size: int = DEFAULT_MIN_SIZE, progress: Optional[ProgressCallback] = None,
             cancel: Optional[CancelToken] = None) -> list[DiscoveredGroup]:
    """Group ``texts[candidate_indices]`` among themselves; groups of at least ``min_size`` cards are returned
    (largest first), with names from their characteristic words."""
    cand = list(candidate_indices)
    if len(cand) < min_size:
        return []
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Ähnliche Karten werden gesucht …")), cancel)
    X = embed([texts[i] for i in cand])
    # small batches: einsum avoids multi-threaded BLAS start-up, which dominates for a few dozen cards
    S = np.einsum("ij,kj->ik", X, X) if len(cand) <= 300 else X @ X.T
    report(progress, 0.4, Message(QT_TRANSLATE_NOOP("Progress", "Karten werden gruppiert …")), cancel)
    groups = average_linkage(S, threshold, cancel)
    report(progress, 0.8, Message(QT_TRANSLATE_NOOP("Progress", "Namen für neue Themen werden gesucht …")), cancel)
    out: list[DiscoveredGroup] = []
    df_all: Counter = Counter()
    if any(len(g) >= min_size for g in groups):
        for t in texts:
            df_all.update(_stems_of(t).keys())
    for g in groups:
        if len(g) < min_size:
            continue
        group = _named_group(texts, cand, g, S, df_all)
        if group.words:          # cards that share no content noun are no topic to propose
            out.append(group)
    out = _combine_overlapping(texts, cand, out, S, df_all, cancel)
    out.sort(key=lambda d: (-len(d.indices), d.indices[0]))
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Fertig.")), cancel)
    return out



def _named_group(texts: Sequence[str], cand: Sequence[int], g: Sequence[int], S: np.ndarray,
                 df_all: Counter) -> DiscoveredGroup:
    """A group of candidate positions ``g`` with its cohesion and name."""
    g = sorted(g)
    sub = S[np.ix_(g, g)]
    cohesion = float((sub.sum() - np.trace(sub)) / max(len(g) * (len(g) - 1), 1))
    idx = [cand[k] for k in g]
    words = characteristic_words(texts, idx, texts, df_all=df_all)
    return DiscoveredGroup(name=" / ".join(words[:2]), indices=idx, words=words, cohesion=cohesion)


#: two proposals whose cards are this alike on average (average linkage) ...
COMBINE_MIN_LINK = 0.5 * DEFAULT_THRESHOLD
#: ... and this many times more alike than either is to the other candidate cards are combined
COMBINE_MIN_LIFT = 3.0


def _name_terms(group: DiscoveredGroup) -> list[tuple[str, str]]:
    """(base form, display word) of the words a proposal is named after."""
    return [(base_form(_folded(w)), w) for w in group.words[:2]]


def _same_head(a: str, b: str) -> bool:
    """Equal, or one is the head of the other as a compound ("baumwurzel" ends in "wurzel")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and len(long_) - len(short) >= 3 and long_.endswith(short)


def _is_noun(terms: Sequence[str], texts: Sequence[str], indices: Sequence[int]) -> bool:
    """Mostly written with a capital letter inside a sentence on these cards (or the writers use no capitals)."""
    capital = judged = capitals_used = words_judged = 0
    for i in indices:
        for b, _, cap in _card_words(texts[i]):
            if cap is None:
                continue
            words_judged += 1
            capitals_used += cap
            if any(_same_head(b, t) and b.endswith(t) for t in terms):
                judged += 1
                capital += cap
    if capitals_used < 0.15 * max(words_judged, 1):
        return True
    return judged == 0 or capital >= NOUN_CAPITAL_SHARE * judged


def _shared_noun(a: DiscoveredGroup, b: DiscoveredGroup, texts: Sequence[str]) -> str:
    """The display word (the shorter form, e.g. "Wurzeln" for "Baumwurzeln") two proposals are both named after,
    when it is a noun; else ""."""
    if a.name == b.name:
        return a.words[0] if a.words else a.name
    for ta, wa in _name_terms(a):
        for tb, wb in _name_terms(b):
            if _same_head(ta, tb):
                term, word = (ta, wa) if len(ta) <= len(tb) else (tb, wb)
                if _is_noun([term], texts, [*a.indices, *b.indices]):
                    return word
    return ""


def _combine_overlapping(texts: Sequence[str], cand: Sequence[int], groups: list[DiscoveredGroup], S: np.ndarray,
                         df_all: Counter, cancel: Optional[CancelToken] = None) -> list[DiscoveredGroup]:
    """Combine proposals a facilitator would merge by hand: named after the same noun or compound head
    ("Wurzeln" and "Baumwurzeln"), or whose cards are far more alike to each other than to the other cards.
    Repeated until no two proposals overlap (so no two share a name); the combined proposal is named afresh and
    says why (``note``)."""
    if len(groups) < 2:
        return groups
    pos = {c: k for k, c in enumerate(cand)}
    m = len(cand)
    members = [[pos[i] for i in g.indices] for g in groups]
    rows = [S[g].sum(axis=0, dtype=np.float64) for g in members]     # per group: summed similarity to each card
    notes: dict[int, tuple[list[str], list[str]]] = {}               # first index -> (combined names, shared words)

    def verdict(x: int, y: int) -> Optional[str]:
        """The shared word ("" for alike cards) when proposals x and y belong together, else None."""
        word = _shared_noun(groups[x], groups[y], texts)
        if word:
            return word
        gx, gy = members[x], members[y]
        link = float(rows[x][gy].sum()) / (len(gx) * len(gy))
        others = m - len(gx) - len(gy)      # mean similarity of each proposal's cards to the cards of neither
        rest = max((float(rows[k].sum()) - float(rows[k][gx].sum()) - float(rows[k][gy].sum()))
                   / max(len(g) * others, 1) for k, g in ((x, gx), (y, gy)))
        if link >= COMBINE_MIN_LINK and link >= COMBINE_MIN_LIFT * max(rest, 1e-9):
            return ""
        return None

    while len(groups) >= 2:
        if cancel is not None:
            cancel.raise_if_cancelled()
        found = None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                word = verdict(x, y)
                if word is not None:
                    found = (x, y, word)
                    break
            if found:
                break
        if found is None:
            break
        x, y, word = found
        a, b = groups[x], groups[y]
        names_a, words_a = notes.pop(a.indices[0], ([a.name], []))
        names_b, words_b = notes.pop(b.indices[0], ([b.name], []))
        merged = _named_group(texts, cand, [*members[x], *members[y]], S, df_all)
        if word:      # named after the shared word first: "Wurzeln" covers "Baumwurzeln"
            head = base_form(_folded(word))
            rest_words = [w for w in merged.words if not _same_head(base_form(_folded(w)), head)]
            merged.words = [word, *rest_words][:3]
            merged.name = " / ".join(merged.words[:2])
        shared = [*words_a, *(w for w in words_b if w not in words_a)]
        if word and word not in shared:
            shared.append(word)
        notes[merged.indices[0]] = ([*names_a, *names_b], shared)
        keep = [k for k in range(len(groups)) if k not in (x, y)]
        groups = [groups[k] for k in keep] + [merged]
        rows = [rows[k] for k in keep] + [rows[x] + rows[y]]
        members = [members[k] for k in keep] + [sorted([*members[x], *members[y]])]
    for g in groups:
        if g.indices[0] in notes:
            names, shared = notes[g.indices[0]]
            g.note = _combine_note(names, shared)
    return groups


def _combine_note(names: Sequence[str], shared: Sequence[str]) -> Message:
    listed = ", ".join(f"„{n}“" for n in names)
    if shared:
        return Message(QT_TRANSLATE_NOOP("Discovery", "zusammengefasst aus {names} – gemeinsames Wort: {words}"),
                       names=listed, words=", ".join(shared))
    alike = QT_TRANSLATE_NOOP("Discovery", "zusammengefasst aus {names} – Karten einander ähnlicher als den übrigen")
    return Message(alike, names=listed)

# -- splitting an overfull cluster ---------------------------------------------------------------------------------
#: a cluster holding at least this share of a lab's cards (and at least OVERFULL_MIN_CARDS) is searched for a
#: sub-theme that could become a cluster of its own
OVERFULL_SHARE = 0.35
OVERFULL_MIN_CARDS = 24
#: a sub-theme's anchor word is on at least this share of the cluster's cards and at most SUBTHEME_MAX_SHARE
SUBTHEME_MIN_SHARE = 0.04
SUBTHEME_MAX_SHARE = 0.35
#: cards sharing the anchor word must be this much more alike (without the anchor itself) than the cluster's cards
MIN_SUBTHEME_LIFT = 1.5
#: a split leaves at least this share of the cluster's cards where they are
MIN_REMAINING_SHARE = 0.5
#: a term counts as a noun when written with a capital letter (not at the start of a sentence) this often
NOUN_CAPITAL_SHARE = 0.6
#: at most this many distinct terms are embedded when looking for a sub-theme (most frequent first)
MAX_SPLIT_COLUMNS = 8000


_SENTENCE_RE = re.compile(r"[.!?:;\n]+")


def _card_words(text: str) -> list[tuple[str, str, Optional[bool]]]:
    """(base form, surface, capitalised?) of a card's topic words; None for a sentence's first word, whose capital
    letter says nothing."""
    out: list[tuple[str, str, Optional[bool]]] = []
    for sentence in _SENTENCE_RE.split(text):
        for k, (surface, folded) in enumerate(surface_tokens(sentence)):
            if len(folded) < 3 or folded in STOPWORDS or folded in GENERIC_WORDS or not folded.isalpha():
                continue
            out.append((base_form(folded), surface, None if k == 0 else surface[:1].isupper()))
    return out


def compound_parts(base: str, vocabulary: frozenset[str] | set[str]) -> list[str]:
    """Head and modifier of a compound when they are words of the batch: "ampelschaltung" → ["schaltung", "ampel"]
    (linking -s-, -n-, -en-, -es- allowed: "verkehrszeichen" → ["zeichen", "verkehr"])."""
    parts: list[str] = []
    if len(base) < 7:
        return parts
    for i in range(3, len(base) - 3):
        if base[i:] in vocabulary:
            parts.append(base[i:])
            break
    for i in range(len(base) - 3, 3, -1):
        found = ""
        for link in ("", "s", "n", "en", "es"):
            if link and not base[:i].endswith(link):
                continue
            modifier = base[:i - len(link)]
            if len(modifier) >= 4 and modifier in vocabulary:
                found = modifier
                break
        if found:
            if found not in parts:
                parts.append(found)
            break
    return parts


def overfull_clusters(keys: Sequence[str], exclude: Sequence[str] = ()) -> list[str]:
    """Cluster keys holding an outsized share of the cards (largest first)."""
    counts = Counter(k for k in keys if k not in exclude)
    limit = max(OVERFULL_MIN_CARDS, OVERFULL_SHARE * len(keys))
    return [k for k, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= limit]


def find_subtheme(texts: Sequence[str], indices: Sequence[int], *, min_size: int = DEFAULT_MIN_SIZE,
                  cancel: Optional[CancelToken] = None) -> Optional[DiscoveredGroup]:
    """The most distinct sub-theme among ``texts[indices]`` (the cards of one overfull cluster), or None.

    A sub-theme is anchored on a noun (or a part of compound nouns: "Ampel" in "Ampelschaltung") whose cards are
    clearly more alike than the cluster's cards in general, also without that word; cards near the sub-theme's
    centre join it, cards nearer the rest stay. Named by the words that are frequent in the sub-theme and rare in
    the rest of the cluster."""
    idx = list(indices)
    m = len(idx)
    if m < max(2 * min_size, 8):
        return None
    words = [_card_words(texts[i]) for i in idx]
    df_words = Counter(b for ws in words for b in {b for b, _, _ in ws})
    vocabulary = {b for b, c in df_words.items() if c >= 2 and len(b) >= 4}
    terms: list[set[str]] = []
    capital, judged = Counter(), Counter()
    for ws in words:
        card: set[str] = set()
        for b, _, cap in ws:
            for t in [b, *compound_parts(b, vocabulary)]:
                card.add(t)
                if cap is not None:
                    judged[t] += 1
                    capital[t] += cap
        terms.append(card)
    if cancel is not None:
        cancel.raise_if_cancelled()
    df = Counter(t for card in terms for t in card)
    names = sorted((t for t, c in df.items() if c >= 2), key=lambda t: (-df[t], t))[:MAX_SPLIT_COLUMNS]
    names.sort()
    cols = {t: j for j, t in enumerate(names)}
    X = np.zeros((m, len(cols)), dtype=np.float32)
    for r, card in enumerate(terms):
        for t in card:
            j = cols.get(t)
            if j is not None:
                X[r, j] = math.log((m + 1) / (df[t] + 1)) + 1.0
    norms = np.linalg.norm(X, axis=1)
    norms[norms == 0] = 1.0
    X /= norms[:, None]
    total = X.sum(axis=0, dtype=np.float64)
    baseline = (float(total @ total) - float((X * X).sum())) / (m * (m - 1))
    if baseline <= 0:
        return None
    # lower-case writers: no capital letters to tell nouns apart, so every word may anchor
    capitals_used = sum(capital.values()) >= 0.15 * max(sum(judged.values()), 1)
    noun = np.array([not capitals_used or judged[t] == 0 or capital[t] >= NOUN_CAPITAL_SHARE * judged[t]
                     for t in names])
    B = X > 0
    k = B.sum(axis=0).astype(np.float64)
    ok = (k >= max(min_size, SUBTHEME_MIN_SHARE * m)) & (k <= SUBTHEME_MAX_SHARE * m) & (k >= 2) & noun
    cand = np.nonzero(ok)[0]
    if not len(cand):
        return None
    Bc = B[:, cand].astype(np.float32)
    Xc = X[:, cand]
    S = (Bc.T @ X).astype(np.float64)                  # per anchor: sum of its cards' vectors
    S[np.arange(len(cand)), cand] = 0.0                # ... without the anchor word itself
    sq = (Bc * (X * X).sum(axis=1)[:, None]).sum(axis=0) - (Xc * Xc).sum(axis=0)
    kk = k[cand]
    cohesion = ((S * S).sum(axis=1) - sq) / (kk * (kk - 1))
    lift = cohesion / baseline
    score = (lift - 1.0) * np.sqrt(kk)      # clearly alike, and not just a handful of cards
    if not (lift >= MIN_SUBTHEME_LIFT).any():
        return None
    score[lift < MIN_SUBTHEME_LIFT] = -np.inf
    best = int(np.lexsort((cand, -score))[0])
    anchor = int(cand[best])
    # two centres, sub-theme and rest, refined a few rounds from the anchor's cards
    member = B[:, anchor].copy()
    for _ in range(10):
        centres = []
        for sel in (member, ~member):
            c = X[sel].sum(axis=0)
            centres.append(c / (np.linalg.norm(c) or 1.0))
        sims = X @ np.array(centres).T
        new = sims[:, 0] > sims[:, 1]
        if np.array_equal(new, member) or not new.any():
            break
        member = new
    group = [idx[r] for r in np.nonzero(member)[0]]
    if len(group) < min_size or len(group) > (1 - MIN_REMAINING_SHARE) * m:
        return None
    df_rest: Counter = Counter()
    for i in idx:
        df_rest.update(_stems_of(texts[i]).keys())
    words_out = characteristic_words(texts, group, [texts[i] for i in idx], limit=3, df_all=df_rest)
    anchor_word = _display(names[anchor], words)
    if anchor_word and all(base_form(_folded(w)) != names[anchor] for w in words_out):
        words_out = [anchor_word, *words_out][:3]
    sub = X[member]
    c = sub.sum(axis=0)
    cohesion_group = float((c @ c - (sub * sub).sum()) / max(len(group) * (len(group) - 1), 1))
    name = " / ".join(words_out[:2]) if words_out else "Teilthema"
    return DiscoveredGroup(name=name, indices=sorted(group), words=words_out, cohesion=cohesion_group)


def _folded(word: str) -> str:
    return "".join(f for _, f in surface_tokens(word))


def _display(term: str, words: list[list[tuple[str, str, Optional[bool]]]]) -> str:
    """The anchor as the cards write it, or "" when it only occurs inside compounds."""
    exact: Counter = Counter()
    for ws in words:
        for b, s, _ in ws:
            if b == term:
                exact[s] += 1
    if exact:
        s = sorted(exact.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return s[:1].upper() + s[1:]
    return ""
