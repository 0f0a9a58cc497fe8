"""Cue words of the residents' other languages: which cluster a Turkish, Arabic, Polish … card names (issue 10).

A card word matches a cue term when it starts with it (Turkish, Slavic and Romanian suffixes: "gürültü" finds
"gürültüden", "шум" finds "шумят") or, for ``=term``, equals it; two-word terms need both words in a row, the
first one whole ("park et" finds "park ediyor" but not "Parkta"). Arabic words are also read without their
clitics (wa-, fa-, bi-, li-, ka-, the article al-). Per word the most specific (longest) term decides, also
across clusters. There is no typo tolerance and no compound splitting in these languages: nothing here fires
on a word only because it looks like a cue.
"""
from __future__ import annotations

from dataclasses import dataclass

from .language import normalised_words
from .language_data import CueTerm

#: Arabic proclitics: conjunction, then preposition, then article
_AR_CONJ = ("", "و", "ف")
_AR_PREP = ("", "ب", "ل", "ك", "س")


def arabic_forms(word: str) -> tuple[str, ...]:
    """The word and its readings without proclitics ("والرائحة" -> … "رايحه")."""
    forms = [word]
    for conj in _AR_CONJ:
        if not word.startswith(conj):
            continue
        rest = word[len(conj):]
        for prep in _AR_PREP:
            if not rest.startswith(prep):
                continue
            base = rest[len(prep):]
            forms.append(base)
            if base.startswith("ال"):
                forms.append(base[2:])
            elif prep == "ل" and base.startswith("ل"):     # li- + al- is written "لل"
                forms.append(base[1:])
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 2))


@dataclass(frozen=True)
class ForeignHit:
    cluster: str
    term: str          # the cue as written in the data file
    weight: float
    surface: str       # the card's own words
    position: int
    rest: int = 0      # letters of the card's word beyond the term (suffixes: "gürültüden" has 3 beyond "gürültü")


class ForeignCues:
    """Cue terms per language; ``hits(text, code)`` lists what a card in that language names."""

    def __init__(self) -> None:
        self._terms: dict[str, list[CueTerm]] = {}
        self._by_start: dict[str, dict[str, list[CueTerm]]] = {}

    def copy(self) -> "ForeignCues":
        other = ForeignCues()
        other._terms = {code: list(terms) for code, terms in self._terms.items()}
        other._by_start = {code: {start: list(terms) for start, terms in index.items()}
                           for code, index in self._by_start.items()}
        return other

    def languages(self) -> set[str]:
        return set(self._terms)

    def add_terms(self, code: str, terms) -> None:
        table = self._terms.setdefault(code, [])
        index = self._by_start.setdefault(code, {})
        for term in terms:             # in the order :meth:`_reindex` would file them
            table.append(term)
            index.setdefault(term.words[0][:2], []).append(term)

    def _reindex(self, code: str) -> None:
        index: dict[str, list[CueTerm]] = {}
        for term in self._terms.get(code, ()):
            index.setdefault(term.words[0][:2], []).append(term)
        self._by_start[code] = index

    def rename_cluster_key(self, old: str, new: str | None) -> None:
        """Terms of ``old`` now count for ``new`` (merge) or are dropped (``new=None``)."""
        for code, table in self._terms.items():
            self._terms[code] = [CueTerm(new, t.words, t.weight, t.whole_word, t.spelling) if t.cluster == old
                                 else t for t in table if t.cluster != old or new is not None]
            self._reindex(code)

    @staticmethod
    def _fits(form: str, word: str, whole: bool) -> bool:
        return form == word if whole else form.startswith(word)

    def hits(self, text: str, code: str) -> list[ForeignHit]:
        index = self._by_start.get(code)
        if not index:
            return []
        tokens = normalised_words(text, code)
        forms = [arabic_forms(n) if code == "ar" else (n,) for _, n in tokens]
        out: list[ForeignHit] = []
        covered = -1           # the second word of a two-word term says nothing of its own ("trafik ışığı")
        for i, word_forms in enumerate(forms):
            if i == covered:
                continue
            best: dict[str, tuple[int, float, CueTerm, str, int]] = {}   # cluster -> (length, weight, term, surface, rest)
            for form in word_forms:
                for term in index.get(form[:2], ()):
                    if len(term.words) == 1:
                        if not self._fits(form, term.words[0], term.whole_word):
                            continue
                        surface, rest = tokens[i][0], len(form) - len(term.words[0])
                    else:
                        if form != term.words[0] or i + 1 >= len(forms) or not any(
                                self._fits(f, term.words[1], term.whole_word) for f in forms[i + 1]):
                            continue
                        surface = f"{tokens[i][0]} {tokens[i + 1][0]}"
                        rest = min(len(f) for f in forms[i + 1]) - len(term.words[1])
                    length = sum(len(w) for w in term.words)
                    cand = (length, term.weight, term, surface, rest)
                    if term.cluster not in best or cand[:2] > best[term.cluster][:2]:
                        best[term.cluster] = cand
            if len(best) > 1:
                # the most specific term decides across clusters too ("otopark" is parking, not "park")
                longest = max(c[0] for c in best.values())
                best = {k: c for k, c in best.items() if c[0] >= longest - 1}
            for cluster, (_length, weight, term, surface, rest) in sorted(best.items()):
                out.append(ForeignHit(cluster, term.spelling, weight, surface, i, max(rest, 0)))
                if len(term.words) > 1:
                    covered = i + 1
        return out
