"""Weighted cue-word matching with compound splitting and typo tolerance.

A card word matches a cue term when it equals it (or its stem does), when it starts with it (``^term``) or
when the term is found inside it (compounds such as "Hundekot", "Falschparker", "Sperrmüll"). Words that match
nothing are compared with the whole-word terms allowing one typo (two for long words), using a deletion index.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .common_words import common_words
from .language import GERMAN, MIN_FOREIGN_SCORE, detect_language, dominant_script, normalised_words
from .language_cues import ForeignCues
from .language_data import language_profiles
from .normalize import STOPWORDS, fold, stem, surface_tokens

SUBSTRING_MIN = 4        # terms at least this long are also found inside compounds
INNER_FACTOR = 0.85      # weight factor for a term found in the middle of a longer word
FUZZY_FACTOR = 0.8       # weight factor for a match with a typo
FIRST_LETTER_MIN = 8     # shorter words match a cue with a typo only when their first letters agree
SECONDARY_FACTOR = 0.5
MODIFIER_FACTOR = 0.6    # a cue in the first part of a compound whose last part is another cluster's (strong) cue
POSITION_DECAY = 0.15
#: a place/object cue ("Spielplatz", "Ampel", "Mülltonnen") counts this much when another cluster has a concern
#: cue in the card: "Spritzen auf dem Spielplatz" is about drugs, "Mülltonnen werden angezündet" about arson
CONTEXT_FACTOR = 0.35
CONCERN_MIN = 0.5
#: a number followed by one of these is an age, a time or an amount, not a speed ("seit 30 Jahren")
NUMBER_UNITS = frozenset(
    "jahr jahre jahren uhr minuten min euro prozent leute personen kinder wochen woche tage tagen monate monaten "
    "stunden stunde mal meter m familien haeuser wohnungen".split())
#: after an article or preposition a homograph is read as its noun ("im Rasen" is a lawn, not speeding)
NOUN_MARKERS = frozenset("im am auf den dem der das vom zum ein einen einem".split())
#: a foreign cue is evidence of its language when the card's word has at most this many letters beyond it
WORD_REST_MAX = 3
#: identification this clear (two own letters or function words) needs no look at the card's vocabulary
CLEAR_EVIDENCE = 4.0
#: greetings: the second word after the first ("Guten Abend" is no "abends", "viele Grüße" no greeting cue)
GREETING_OPENERS = frozenset("guten gute schoenen schoene einen viele liebe beste besten freundlichen herzliche "
                             "herzlichen".split())
GREETING_WORDS = frozenset("morgen abend tag nacht tach gruesse gruessen gruss".split())
#: folded endings of street names
STREET_ENDINGS = ("strasse", "str", "allee", "gasse", "damm", "chaussee")
#: first parts that make a street ending an everyday word ("Einbahnstraße", "Hauptstraße"), not a name
EVERYDAY_STREET_KINDS = tuple("haupt neben wohn einbahn fahrrad rad anlieger vorfahrt vorfahrts spiel land bundes "
                              "kreis auto fahr durchgangs zufahrts verbindungs umgehungs seiten quer sack ring "
                              "geschaefts einkaufs dorf wohngebiets tempo30 fussgaenger".split())
SEPARABLE_PARTICLES = frozenset({"rum", "herum"})    # cues at the end of a card count up to this much less than at its start   # further cues of the same cluster in one card count this much


@dataclass
class Evidence:
    word: str            # the card's own spelling
    term: str
    weight: float


@dataclass
class LexiconMatch:
    scores: dict[str, float] = field(default_factory=dict)          # cluster -> summed weight
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    language: str = GERMAN                                          # language the card was read in


def is_street_name(word: str) -> bool:
    """A folded word that names a street ("lindenstrasse", "kaiserstr"), not an everyday street word
    ("einbahnstrasse", "hauptstrasse")."""
    ending = next((e for e in STREET_ENDINGS if word.endswith(e)), None)
    if ending is None or len(word) <= len(ending) + 2:
        return False
    return not word[:-len(ending)].endswith(EVERYDAY_STREET_KINDS)


def plausible_typo(word: str, term: str) -> bool:
    """Whether a folded card word may be a misspelt cue term at all. Typists rarely get the first letter wrong,
    and a short word that differs from a cue in its first letter is mostly another real word ("Zauber" is not
    "sauber", "trauen" not "Frauen", "Lauben" not "Tauben"): below ``FIRST_LETTER_MIN`` letters the first letter
    must agree."""
    return word[:1] == term[:1] or len(word) >= FIRST_LETTER_MIN


def parse_cue(entry: str) -> tuple[str, float]:
    """``"laut:0.9"`` -> ("laut", 0.9); without a weight 1.0; a weight that is no number counts as 1.0."""
    term, sep, weight = entry.strip().rpartition(":")
    if not sep:
        return entry.strip(), 1.0
    try:
        return term.strip(), float(weight.replace(",", "."))
    except ValueError:
        return entry.strip(), 1.0


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, early exit above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _pair(words: list[str], first: tuple[str, ...], second: frozenset, gap: int) -> tuple[int, int] | None:
    """Positions of a word ending in one of ``first`` (compound heads: "Lieferwagen", "Schrottautos") and a word of
    ``second`` within ``gap`` words of each other (either order), or None."""
    a = [i for i, w in enumerate(words) if w.endswith(first)]
    if not a:
        return None
    b = [j for j, w in enumerate(words) if w in second]
    for i in a:
        for j in b:
            if i != j and abs(i - j) <= gap:
                return (i, j)
    return None


def _drop_umlauts(word: str) -> tuple[str, list[int]]:
    """Folded umlauts back to plain vowels ("raeder" -> "rader"), not in diphthongs ("feuer", "bauer");
    also the positions of the changed vowels in the result."""
    out: list[str] = []
    changed: list[int] = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in ("ae", "oe", "ue") and not (i > 0 and word[i - 1] in "ae" and pair == "ue"):
            changed.append(len(out))
            out.append(pair[0])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return "".join(out), changed


class Lexicon:
    """Cue terms of all clusters; ``match(text)`` returns per-cluster scores and the words that counted."""

    #: typo matching on (switched off only by the ablation benchmark)
    typo_tolerance = True
    #: compound splitting (terms found inside longer words) on
    compound_splitting = True

    def __init__(self) -> None:
        self._exact: dict[str, list[tuple[str, float, str]]] = {}
        self._exact_stem: dict[str, list[tuple[str, float, str]]] = {}
        self._variants: dict[str, set[str]] = {}  # umlaut written without e ("larm") -> terms
        self._prefix: dict[str, list[tuple[str, float, str]]] = {}
        self._sub: dict[str, list[tuple[str, float, str]]] = {}
        self._sub_lengths: set[int] = set()
        self._prefix_lengths: set[int] = set()
        self._fuzzy: dict[str, set[str]] = {}     # deletion variant -> whole-word terms
        self._fuzzy_terms: dict[str, list[tuple[str, float, str]]] = {}
        self._by_start: dict[str, list[str]] = {}    # first three letters -> long terms (two-typo check)
        self._cache: dict[str, list[tuple[str, float, str, bool]]] = {}
        self._plain_cache: dict[str, list[tuple[str, float, str, bool]]] = {}    # without typo matching
        self._joined_cache: dict[tuple[str, str], list[tuple[str, float, str, bool]]] = {}
        self._text_cache: dict[str, LexiconMatch] = {}
        self._context: set[tuple[str, str]] = set()   # (cluster, term) of place/object cues
        self._rules: list[tuple[str, float, str, tuple[str, ...], frozenset, int]] = []   # follow merges
        self._noun_readings: dict[str, tuple[str, ...]] = {}
        self._common = common_words()
        self._foreign = ForeignCues()                  # cue terms of the residents' other languages
        self._shared = False                           # tables and caches shared with a copy (see copy)

    #: term tables a change must not alter in a copy that shares them, and how each is copied
    _TABLES = {"_exact": "lists", "_exact_stem": "lists", "_prefix": "lists", "_sub": "lists",
               "_fuzzy_terms": "lists", "_by_start": "lists", "_variants": "sets", "_fuzzy": "sets",
               "_sub_lengths": "set", "_prefix_lengths": "set", "_context": "set", "_rules": "list",
               "_noun_readings": "dict"}

    def copy(self) -> "Lexicon":
        """A lexicon with the same terms. It shares the term tables and the match caches with this one until
        either of the two changes (copy on write): the matches of the same terms are the same."""
        other = Lexicon.__new__(Lexicon)
        other.__dict__.update(self.__dict__)
        self._shared = other._shared = True
        return other

    def _change(self) -> None:
        """Before the terms change: own tables (copied when shared) and caches of its own."""
        if self._shared:
            for name, kind in self._TABLES.items():
                table = getattr(self, name)
                if kind == "lists":
                    table = {k: list(v) for k, v in table.items()}
                elif kind == "sets":
                    table = {k: set(v) for k, v in table.items()}
                else:
                    table = {"set": set, "list": list, "dict": dict}[kind](table)
                setattr(self, name, table)
            self._foreign = self._foreign.copy()
            self._shared = False
        self._cache, self._plain_cache, self._joined_cache = {}, {}, {}
        self._text_cache = {}

    def add_rules(self, cooccurrence: list[dict], noun_readings: dict[str, tuple[str, ...]]) -> None:
        """Co-occurrence rules (two words near each other that together name a concern neither names alone) and
        homographs whose noun (after an article or preposition) does not count for some clusters."""
        self._change()
        for rule in cooccurrence:
            self._rules.append((rule["cluster"], float(rule["weight"]), rule["name"],
                                tuple(fold(w) for w in rule["first_endings"]),
                                frozenset(fold(w) for w in rule["second_words"]), int(rule["max_distance"])))
        for word, clusters in noun_readings.items():
            self._noun_readings[fold(word)] = tuple(clusters)

    # -- building -------------------------------------------------------------------------------------------
    def add_cues(self, cluster: str, entries: Iterable[str]) -> None:
        """Add cue entries in the ``term:weight`` syntax (``resources/README.md``)."""
        for entry in entries:
            term, weight = parse_cue(entry)
            self.add_term(cluster, term, weight)

    def add_term(self, cluster: str, term: str, weight: float = 1.0) -> None:
        mode = "auto"
        context = term.startswith("@")
        if context:
            term = term[1:]
        if term.startswith("="):
            mode, term = "exact", term[1:]
        elif term.startswith("^"):
            mode, term = "prefix", term[1:]
        term = "".join(fold(term).split())
        if not term or weight <= 0:
            return
        self._change()
        item = (cluster, weight, term)
        if context:
            self._context.add((cluster, term))
        if mode == "exact" or (mode == "auto" and len(term) < SUBSTRING_MIN):
            self._exact.setdefault(term, []).append(item)
            st = stem(term)
            if st != term and len(st) >= 4:
                self._exact_stem.setdefault(st, []).append(item)
        elif mode == "prefix":
            self._prefix.setdefault(term, []).append(item)
            self._prefix_lengths.add(len(term))
        else:
            self._sub.setdefault(term, []).append(item)
            self._sub_lengths.add(len(term))
        if len(term) >= 5 and term.isalpha() and mode != "exact":   # whole-word-only terms get no typo matching
            if term not in self._fuzzy_terms and len(term) >= 8:
                self._by_start.setdefault(term[:3], []).append(term)
            self._fuzzy_terms.setdefault(term, []).append(item)
            for d in _deletes(term) | {term}:
                self._fuzzy.setdefault(d, set()).add(term)
            for a, b in (("ae", "a"), ("oe", "o"), ("ue", "u")):
                if a in term:
                    self._variants.setdefault(term.replace(a, b), set()).add(term)

    def add_language_terms(self, code: str, terms) -> None:
        """Cue terms (:class:`.language_data.CueTerm`) of another language than German."""
        self._change()
        self._foreign.add_terms(code, terms)

    def remove_cluster(self, cluster: str) -> None:
        self.rename_cluster_key(cluster, None)

    def rename_cluster_key(self, old: str, new: str | None) -> None:
        """Move all terms of ``old`` to ``new`` (merge) or drop them (``new=None``)."""
        self._change()
        for table in (self._exact, self._exact_stem, self._prefix, self._sub, self._fuzzy_terms):
            for term, items in table.items():
                table[term] = [(new, w, t) for c, w, t in items if c == old and new is not None] + \
                              [it for it in items if it[0] != old]
        self._context = {(new, t) if c == old else (c, t) for c, t in self._context
                         if c != old or new is not None}
        self._rules = [((new if r[0] == old else r[0]),) + tuple(r[1:]) for r in self._rules
                       if r[0] != old or new is not None]
        self._foreign.rename_cluster_key(old, new)

    # -- matching -------------------------------------------------------------------------------------------
    def _word_matches(self, word: str, typos: bool = True) -> list[tuple[str, float, str, bool]]:
        cache = self._cache if typos else self._plain_cache
        cached = cache.get(word)
        if cached is not None:
            return cached
        found: dict[str, tuple[float, str, bool]] = {}   # cluster -> best (weight, term, fuzzy)
        matched: dict[str, list[tuple[float, str, bool]]] = {}

        def offer(items: list[tuple[str, float, str]], factor: float, fuzzy: bool = False) -> None:
            for cluster, weight, term in items:
                matched.setdefault(cluster, []).append((weight * factor, term, fuzzy))
                # a term inside a longer matched term of the same cluster is not evidence of its own
                # ("jugend" within "jugendlich"): the most specific term decides
                cands = matched[cluster]
                specific = [c for c in cands if not any(c[1] != o[1] and c[1] in o[1] for o in cands)]
                found[cluster] = max(specific, key=lambda c: (c[0], len(c[1])))

        st = stem(word)
        if word in self._exact:
            offer(self._exact[word], 1.0)
        if word in STOPWORDS:
            return self._finish(word, found, matched, cache)
        for form in (word, st):
            if form in self._exact_stem:
                offer(self._exact_stem[form], 1.0)
        for n in tuple(self._prefix_lengths):
            if len(word) >= n and word[:n] in self._prefix:
                offer(self._prefix[word[:n]], 1.0)
        lw = len(word)
        if not self.compound_splitting:
            for form in dict.fromkeys((word, st)):
                if form in self._sub:
                    offer(self._sub[form], 1.0)
        for n in (tuple(self._sub_lengths) if self.compound_splitting else ()):
            if n > lw:
                continue
            for i in range(lw - n + 1):
                part = word[i:i + n]
                if part in self._sub:
                    inner = 0 < i and i + n < lw and (lw - n) > 2
                    offer(self._sub[part], INNER_FACTOR if inner else 1.0)
        if not found and any(u in word for u in ("ae", "oe", "ue")):
            # plural and derived forms with umlaut: "Fahrräder", "Schlaglöcher", "Stellplätze"
            plain, umlauts = _drop_umlauts(word)
            if plain != word:
                for cluster, weight, term, fz in self._word_matches(plain, typos):
                    at = plain.find(term)
                    # the umlaut must be inside the cue ("raeder" -> "rad"), else "Geräusch" would hold "rausch"
                    if fz or at < 0 or any(at <= u < at + len(term) for u in umlauts):
                        offer([(cluster, weight, term)], 0.95, fuzzy=fz)
        if not found and len(word) >= 4 and word[-1] == "n" and word[-2] not in "aeiouyrl" \
                and word.isalpha() and word not in self._common:
            # spoken "-n" for "-en": "fahrn", "parkn", "stehn"
            for cluster, weight, term, fz in self._word_matches(word[:-1] + "en", typos):
                offer([(cluster, weight, term)], 0.95, fuzzy=fz)
        if word in self._common or not typos:
            # a correctly spelled everyday word is not a typo of a cue ("schlecht" is not "leucht")
            return self._finish(word, found, matched, cache)
        if not found and word.isalpha() and self.typo_tolerance:
            for variant_word in (word, st):
                for term in sorted(self._variants.get(variant_word, ())):
                    offer(self._fuzzy_terms[term], 0.95, fuzzy=True)
        if not found and len(word) >= 5 and word.isalpha() and self.typo_tolerance:
            limit = 2 if len(word) >= 9 else 1
            five = len(word) == 5   # five-letter words: only a missing or extra letter, no substitution
            candidates: set[str] = set()
            for form in {word, st}:
                for d in _deletes(form) | {form}:
                    candidates |= self._fuzzy.get(d, set())
            best: list[tuple[int, str]] = []
            for term in sorted(candidates):
                if not plausible_typo(word, term):
                    continue
                dist = min(edit_distance(word, term, limit), edit_distance(st, term, limit))
                if dist <= limit and not (five and len(term) == len(word)):
                    best.append((dist, term))
            if limit == 2 and not best:
                # two typos in a long word: compare with terms of the same start
                for term in self._by_start.get(word[:3], ()):
                    if abs(len(term) - len(word)) <= 2 and edit_distance(word, term, 2) <= 2:
                        best.append((2, term))
            for dist, term in sorted(best)[:3]:
                offer(self._fuzzy_terms[term], FUZZY_FACTOR if dist == 1 else FUZZY_FACTOR * 0.8, fuzzy=True)
        if not found and len(word) == 4 and word.isalpha() and self.typo_tolerance:
            # a four-letter word one inner vowel short of a term ("lerm" for "laerm"; "band" is no "bande")
            for term in sorted(self._fuzzy.get(word, ())):
                if len(term) == 5 and any(term[:i] + term[i + 1:] == word for i in range(1, 4) if term[i] in "aeiou"):
                    offer(self._fuzzy_terms[term], FUZZY_FACTOR, fuzzy=True)
        if not found and len(word) >= 8 and word.isalpha() and self.typo_tolerance:
            # typo inside a compound: compare the word's head and tail parts ("falschpaker" -> "parker")
            # the rest of the compound is a word of its own (at least four letters for a modifier, three for
            # a head), so that "verstehen" is not read as "ver" + a misspelt "stehlen"
            parts = {word[i:] for i in range(4, len(word) - 4)} | {word[:j] for j in range(5, len(word) - 2)}
            for part in sorted(parts):
                for d in sorted(_deletes(part) | {part}):
                    for term in sorted(self._fuzzy.get(d, ())):
                        if len(term) >= 6 and part[0] == term[0] and edit_distance(part, term, 1) <= 1 and \
                                (len(part) != len(term) or len(part) >= 8):   # short parts: missing letter only
                            offer(self._fuzzy_terms[term], FUZZY_FACTOR * INNER_FACTOR, fuzzy=True)
        return self._finish(word, found, matched, cache)

    @staticmethod
    def _finish(word, found, matched, cache) -> list[tuple[str, float, str, bool]]:
        if len(found) > 1:
            # across clusters, too, the most specific term decides: "kracht" (accident) hides "krach" (noise),
            # "Trinkbrunnen" hides "trink", "Verkehrslärm" hides "verkehr"
            terms = {t for c, (w, t, fz) in found.items() if not fz}
            for cluster in list(found):
                cands = [c for c in matched[cluster] if not any(c[1] != o and c[1] in o for o in terms)]
                if not cands:
                    del found[cluster]
                else:
                    found[cluster] = max(cands, key=lambda c: (c[0], len(c[1])))
        if len(found) > 1:
            # in a compound the last part names what it is: "Jugendgewalt" is violence, "Kindergeschrei" noise;
            # a cue that ends well before another cluster's cue is only the modifier
            ends = {c: (word.rfind(t) + len(t) if t in word else len(word)) for c, (w, t, fz) in found.items()}
            head_end = max(e for c, e in ends.items() if found[c][0] >= CONCERN_MIN) \
                if any(w >= CONCERN_MIN for w, t, fz in found.values()) else 0
            for cluster, end in ends.items():
                if end < head_end - 2:
                    w, t, fz = found[cluster]
                    found[cluster] = (w * MODIFIER_FACTOR, t, fz)
        result = [(c, w, t, fz) for c, (w, t, fz) in found.items()]
        if len(cache) > 50000:
            cache.clear()
        cache[word] = result
        return result

    def _joined_matches(self, first: str, second: str) -> list[tuple[str, float, str, bool]]:
        """Cues spanning two adjacent words: separated compounds ("kaputt gemacht", "Hunde Kot") and fixed
        phrases written as one term ("zu Hause" -> ``zuhause``, "für sich" -> ``fuersich``). A joined cue starts
        with the first word and reaches into the second ("autos|aufm" does not hold "sauf")."""
        if not (first.isalpha() and second.isalpha()):
            return []
        key = (first, second)
        cached = self._joined_cache.get(key)
        if cached is not None:
            return cached
        joined = first + second
        items: list[tuple[str, float, str]] = list(self._exact.get(joined, ()))
        items += self._exact_stem.get(stem(joined), [])
        if first in STOPWORDS or second in STOPWORDS or len(first) < 3 or len(second) < 3:
            lengths = {len(joined)}        # a phrase: the whole joined word only
        else:
            lengths = {n for n in self._sub_lengths | self._prefix_lengths if len(first) < n <= len(joined)}
        for n in lengths:
            items += self._sub.get(joined[:n], []) + self._prefix.get(joined[:n], [])
        best: dict[str, tuple[float, str]] = {}
        for cluster, weight, term in items:
            if cluster not in best or (weight, len(term)) > (best[cluster][0], len(best[cluster][1])):
                best[cluster] = (weight, term)
        out = [(c, w, t, False) for c, (w, t) in best.items()]
        if len(self._joined_cache) > 50000:
            self._joined_cache.clear()
        self._joined_cache[key] = out
        return out

    def _is_name_or_greeting(self, plain: list[str], position: int) -> bool:
        """A greeting ("Guten Abend", "viele Grüße") or a street name ("Lindenstraße", not an everyday word such
        as "Einbahnstraße") names no concern: no cue, typo or compound matching on it."""
        word = plain[position]
        before = plain[position - 1] if position else ""
        if word in GREETING_WORDS and before in GREETING_OPENERS:
            return True
        return is_street_name(word)

    def match(self, text: str) -> LexiconMatch:
        cached = self._text_cache.get(text)
        if cached is not None:
            return cached
        out = self._match(text)
        if len(self._text_cache) > 20000:
            self._text_cache.clear()
        self._text_cache[text] = out
        return out

    def _match(self, text: str) -> LexiconMatch:
        code = self.language_of(text)
        if code != GERMAN:
            return self._match_foreign(text, code)
        seen_terms: set[tuple[str, str]] = set()
        hits: list[tuple[str, str, float, str]] = []
        words = surface_tokens(text)
        n_real = len(words)
        # separable verbs: "liegt ... rum" is also read as "rumliegt"
        for i, (surface, word) in enumerate(list(words)):
            if word in SEPARABLE_PARTICLES and i > 0:
                for prev_surface, prev in words[max(0, i - 5):i]:
                    if prev not in STOPWORDS and prev.isalpha() and prev not in SEPARABLE_PARTICLES:
                        words.append((f"{prev_surface} … {surface}", "rum" + prev))
        n_plain = len(words)
        plain = [w for _, w in words]
        last = max(len(words) - 1, 1)
        covering: list[str] = []
        for position, (surface, word) in enumerate(words):
            skip = (word in STOPWORDS and word not in self._exact) or self._is_name_or_greeting(plain, position)
            if word.isdigit() and position + 1 < n_plain and plain[position + 1] in NUMBER_UNITS:
                covering = []
                continue
            order_factor = 1.0 - POSITION_DECAY * position / last   # the first-named concern leads
            matches = [] if skip else self._word_matches(word)
            if word in self._noun_readings and 0 < position < n_plain and plain[position - 1] in NOUN_MARKERS:
                matches = [m for m in matches if m[0] not in self._noun_readings[word]]
            if covering:      # the previous word's joined cue is more specific ("ruhender Verkehr" is parking)
                matches = [m for m in matches if not any(m[2] in joined_term for joined_term in covering)]
            joined = self._joined_matches(word, plain[position + 1]) if position + 1 < n_real else []
            covering = [m[2] for m in joined]
            # the joined cue also stands for the first word's own, less specific cues ("kaputt" in "kaputt gemacht")
            tagged = [(m, surface) for m in matches if not any(m[2] in joined_term for joined_term in covering)]
            if joined:
                pair_surface = f"{surface} {words[position + 1][0]}"
                tagged += [(m, pair_surface) for m in joined]
            for (cluster, weight, term, _fuzzy), surface_here in tagged:
                weight *= order_factor
                if (cluster, term) in seen_terms:      # the same cue twice counts once
                    continue
                seen_terms.add((cluster, term))
                hits.append((cluster, term, weight, surface_here))
        for cluster, weight, name, first, second, gap in self._rules:
            found_pair = _pair(plain[:n_real], first, second, gap)
            if found_pair:
                i, j = sorted(found_pair)
                hits.append((cluster, name, weight, f"{words[i][0]} … {words[j][0]}"))
        return self._aggregate(hits, LexiconMatch())

    def language_of(self, text: str) -> str:
        """The language a card is read in: :func:`.language.detect_language`; when its letters and function words
        say little (a card of one or two words: "gürültü", "Litter", "Parkta gurultu") the language whose known
        words the card holds: cue words of each language, and for German also everyday words and stopwords.
        German wins ties."""
        profiles = language_profiles()
        guess = detect_language(text, profiles)
        if guess.confidence > 0 and guess.evidence >= CLEAR_EVIDENCE:
            return guess.code
        script = dominant_script(text)
        counts: dict[str, int] = {}
        for code, profile in profiles.items():
            if profile.script != script or code == GERMAN:
                continue
            # a word counts when a cue covers nearly all of it ("mess" says nothing about "Messerstecherei")
            counts[code] = len({h.position + i for h in self._foreign.hits(text, code) if h.rest <= WORD_REST_MAX
                                for i in range(len(h.term.split()))})
        if script == "latin":
            counts[GERMAN] = sum(1 for _surface, word in surface_tokens(text)
                                 if word in self._common or word in STOPWORDS or self._whole_word_terms(word))
        best = max(counts.values(), default=0)
        if best == 0:      # no known word: the letters and function words decide, if they say enough
            confident = guess.confidence > 0 and guess.evidence >= MIN_FOREIGN_SCORE
            return guess.code if confident or script != "latin" else GERMAN
        leaders = sorted(code for code, n in counts.items() if n == best)
        for preferred in (guess.code, GERMAN):
            if preferred in leaders:
                return preferred
        return leaders[0]

    def _match_foreign(self, text: str, code: str) -> LexiconMatch:
        """A card in another language: that language's cue terms, and German words written into it
        ("Ordnungsamt", "Sperrmüll") only when a whole word is a German cue term: no typo or compound matching
        on foreign words ("Parkta" is not "Park")."""
        last = max(len(normalised_words(text, code)) - 1, 1)
        hits = [(h.cluster, h.term, h.weight * (1.0 - POSITION_DECAY * h.position / last), h.surface)
                for h in self._foreign.hits(text, code)]
        stopwords = language_profiles()[code].stopwords if code in language_profiles() else frozenset()
        recognised = {surface for _c, _t, _w, surface in hits}
        seen: set[tuple[str, str]] = set()
        for surface, word in surface_tokens(text):
            if surface in recognised or len(word) < 4 or word in STOPWORDS or word.lower() in stopwords:
                continue
            for cluster, weight, term in self._whole_word_terms(word):
                if (cluster, term) not in seen:
                    seen.add((cluster, term))
                    hits.append((cluster, term, weight, surface))
        return self._aggregate(hits, LexiconMatch(language=code))

    def _whole_word_terms(self, word: str) -> list[tuple[str, float, str]]:
        """German cue terms that are exactly this (folded) word or its stem."""
        items: list[tuple[str, float, str]] = []
        for form in dict.fromkeys((word, stem(word))):
            for table in (self._exact, self._exact_stem, self._sub, self._prefix):
                items += table.get(form, ())
        return items

    def _aggregate(self, hits: list[tuple[str, str, float, str]], out: LexiconMatch) -> LexiconMatch:
        """Per-cluster scores of (cluster, term, weight, surface) hits: strongest cue fully, further cues half;
        a place/object cue counts little when another cluster names the concern."""
        weights: dict[str, list[float]] = {}
        concern = {c for c, t, w, _ in hits if w >= CONCERN_MIN and (c, t) not in self._context}
        for cluster, term, weight, surface in hits:
            if (cluster, term) in self._context and concern - {cluster}:
                weight *= CONTEXT_FACTOR
            weights.setdefault(cluster, []).append(weight)
            out.evidence.setdefault(cluster, []).append(Evidence(surface, term, weight))
        for cluster, ws in weights.items():            # strongest cue fully, further cues half
            top = max(ws)
            out.scores[cluster] = top + SECONDARY_FACTOR * (sum(ws) - top)
        return out
