"""Live concern clustering (issue 3): taxonomy, clusterer with learning and discovery, quality metrics.

Design (pure Python + numpy, deterministic, offline, explainable):

1. Normalisation (:mod:`.normalize`): lower case, ä/ö/ü/ß folded to ae/oe/ue/ss (so "Lärm" = "Laerm"),
   letter runs shortened ("Kraaach"), stopwords, a light Snowball-style stemmer.
2. Cue words (:mod:`.lexicon`; the knowledge is data: ``resources/clustering/taxonomy.json``, read by
   :mod:`.taxonomy`, extended by the city in the settings): weighted words per cluster incl. colloquial and
   Ruhrpott words; found inside compounds ("Hundekot", "Falschparker", "Sperrmüll"), with typo tolerance
   (deletion index + Damerau-Levenshtein, also inside compounds), umlauts written without e ("Larm"), separable
   verbs ("liegt … rum"); the most specific term per word decides, also across clusters ("kracht" hides "krach"),
   and in a compound the last part ("Jugendgewalt"); the first-named concern leads. Everyday words seen often in
   real German text (``resources/clustering/common_words.txt``) are never "corrected" ("schlecht" is not "leucht"); umlaut plurals
   ("Fahrräder", "Schlaglöcher") and spoken "-n" endings ("fahrn") find their cue. Cues may span two words
   ("kaputt gemacht", "zu Hause", "ruhender Verkehr"); place/object cues (``@spielplatz``, ``@ampel``) count little
   when another cluster names the concern ("Spritzen auf dem Spielplatz"); co-occurrence rules catch what no single
   word says ("Scooter … liegen" -> parking, "fahren wie …" -> driving); "im Rasen" is a lawn, "30 Jahre" no speed.
3. Example cards of the taxonomy (``examples``, also per language; a cluster without cue words is found by
   its name and ``description``) and the facilitator's learned corrections, compared by character 3–5-gram +
   word TF-IDF cosine (:mod:`.ngrams`); a similar learned card weighs extra.
4. Combined score = 0.6 · cue score + 0.4 · nearest-prototype score; below a threshold the card "fits nothing
   well" and goes to "Sonstiges". The reason names the cue words in the card's own spelling or the similar card.
5. Discovery (:mod:`.discovery`): "Sonstiges" cards are grouped by average-linkage clustering on batch TF-IDF
   vectors (compound heads matched across cards) and proposed as new clusters named by their characteristic words.
   Proposals a facilitator would merge by hand are combined first: named after the same noun or compound head
   ("Wurzeln" and "Baumwurzeln"; never two proposals with one name), or far more alike to each other than to the
   other cards; the combined proposal is named after the shared word and says what it was combined from.
   A cluster holding an outsized share of the cards (35 %+) is searched for its most distinct sub-theme: a noun or
   compound part ("Ampel" in "Ampelschaltung") whose cards are clearly more alike than the cluster's cards; that
   sub-theme is proposed as a cluster of its own ("Teilthema von …"), one at a time per cluster.
"""
import importlib

#: what the package offers, and the module that holds it: imported on first use (PEP 562), so importing a light
#: module of the package (``.model``, ``.language``) does not load the clusterer and numpy at app start
_HOME = {"Clusterer": ".clusterer", "cluster_texts": ".clusterer", "Assignment": ".model", "ClusterDef": ".model",
         "Reason": ".model", "OTHER_KEY": ".taxonomy", "default_taxonomy": ".taxonomy",
         "taxonomy_from_json": ".taxonomy", "taxonomy_to_json": ".taxonomy"}

__all__ = ["Assignment", "ClusterDef", "Reason", "Clusterer", "OTHER_KEY", "cluster_texts", "default_taxonomy",
           "taxonomy_from_json", "taxonomy_to_json"]


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME[name], __name__), name)
