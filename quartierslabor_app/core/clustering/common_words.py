"""Correctly spelled everyday German words that typo matching must not "correct" (``resources/clustering/
common_words.txt``, one folded word per line, ``#`` starts a comment).

A word seen often in real German text is a word, not a typo: "schlecht" is not a misspelt "leucht", "Jahren"
not a misspelt "fahren", "besser" not "Messer". Street and place names are not listed: names are recognised by
their form (:mod:`.function_words`), wherever they are.
"""
from __future__ import annotations

from functools import lru_cache

from ..paths import resource_path
from .normalize import fold

FILE = ("clustering", "common_words.txt")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    words: set[str] = set()
    with open(resource_path(*FILE), encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                words.add("".join(fold(line).split()))
    return frozenset(words)
