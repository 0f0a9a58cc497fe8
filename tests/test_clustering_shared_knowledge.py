"""Knowledge built once per process and shared by clusterers (copy on write), and the per-text caches: a clusterer
that changes its taxonomy or learns never changes what another one says, and sharing changes no result."""
from __future__ import annotations

import numpy as np
import pytest

from quartierslabor_app.core.clustering import ClusterDef, Clusterer, clusterer as engine, default_taxonomy
from quartierslabor_app.core.clustering.language import LanguageProfile, detect_language
from quartierslabor_app.core.clustering.lexicon import Lexicon
from quartierslabor_app.core.clustering.ngrams import Idf, NeighbourIndex

CARDS = ("Nachts ist es im Park sehr laut", "Hundekot auf dem Gehweg", "Falschparker vor der Schule",
         "Autos rasen durch die Lindenstraße", "Parkta her akşam gürültü var", "Die Laternen im Durchgang sind aus",
         "Graffiti an der Brücke", "Jugendliche trinken am Spielplatz", "Wir wünschen uns mehr Bänke",
         "Zu viele E-Scooter auf dem Bürgersteig")


def _placements(clusterer: Clusterer) -> list[tuple]:
    return [(a.cluster_key, a.reason, a.score, a.alternatives, a.language) for a in map(clusterer.assign, CARDS)]


def _edit(clusterer: Clusterer) -> None:
    """A facilitator's session: a new cluster with cue words, a rename, a merge, moves and confirmations."""
    clusterer.add_cluster(ClusterDef("eigene-sitzen", "Sitzgelegenheiten", cues=("bank:1.0", "sitz:0.9")),
                          ["Mehr Bänke am Marktplatz"])
    clusterer.rename_cluster("eigene-sitzen", "Bänke und Sitzplätze")
    clusterer.merge_clusters("jugend", "nachbarschaft")
    clusterer.learn("Scooter liegen überall rum", "verkehr", moved_from="sauberkeit")
    clusterer.confirm("Laute Musik vom Balkon", "laerm")
    clusterer.remove_cluster("praesenz")


def _unshared(monkeypatch) -> None:
    monkeypatch.setattr(engine, "_KNOWLEDGE", {})


def test_a_clusterer_that_changes_leaves_the_others_as_they_were(monkeypatch):
    _unshared(monkeypatch)
    first, second = Clusterer(), Clusterer()
    _edit(first)
    after = _placements(second)                # asked only after the first one changed
    _unshared(monkeypatch)
    assert after == _placements(Clusterer())   # built from scratch
    assert _placements(first) != after         # the edits did change the first one


def test_sharing_changes_no_result(monkeypatch):
    _unshared(monkeypatch)
    alone = Clusterer()
    _edit(alone)
    expected = _placements(alone)
    Clusterer()                               # the knowledge is now built and kept …
    assert engine._KNOWLEDGE
    shared = Clusterer()                      # … and this one starts from a copy of it
    _edit(shared)
    assert _placements(shared) == expected


def test_changed_taxonomy_or_lexicon_switch_builds_its_own_knowledge(monkeypatch):
    _unshared(monkeypatch)
    taxonomy = default_taxonomy()
    plain = Clusterer(taxonomy).assign("Nachts ist es sehr laut").cluster_key
    quiet = [c for c in taxonomy if c.key != "laerm"]
    assert Clusterer(quiet).assign("Nachts ist es sehr laut").cluster_key != plain
    assert Clusterer(taxonomy)._lexicon.match("Lerm").scores == {"laerm": 0.8}     # a typo of "Lärm"
    monkeypatch.setattr(Lexicon, "typo_tolerance", False)
    assert Clusterer(taxonomy)._lexicon.match("Lerm").scores == {}
    assert len(engine._KNOWLEDGE) == 3


def test_lexicon_copy_is_copy_on_write():
    original = Lexicon()
    original.add_cues("laerm", ["laut:1.0", "krach:0.9"])
    copy = original.copy()
    assert copy.match("Krach im Hof").scores == original.match("Krach im Hof").scores == {"laerm": 0.9}
    copy.add_cues("laerm", ["hof:0.7"])
    copy.rename_cluster_key("laerm", "eigenes")
    assert set(copy.match("Hof mit Krach").scores) == {"eigenes"}
    assert original.match("Krach auf dem Hof").scores == {"laerm": 0.9}     # texts not asked before
    original.add_cues("hof", ["hof:0.5"])
    assert set(original.match("Hof voller Krach").scores) == {"laerm", "hof"}
    assert "hof" not in copy.match("Krach, Hof").scores


def test_index_copy_grows_on_its_own_and_computes_like_a_new_index():
    idf = Idf(["Laute Musik nachts", "Müll im Park", "Autos parken auf dem Gehweg"])
    base = NeighbourIndex(idf)
    for text, label in (("Laute Musik nachts", "laerm"), ("Müll im Park", "sauberkeit")):
        base.add(text, label)
    base.similarities("Musik im Park")          # queried before the copy is made
    copy = base.copy()
    copy.add("Musik und Geschrei im Park", "laerm", learned=True)
    base.add("Parkende Autos im Park", "parken", learned=True)
    alone = NeighbourIndex(idf)
    for text, label, learned in (("Laute Musik nachts", "laerm", False), ("Müll im Park", "sauberkeit", False),
                                 ("Parkende Autos im Park", "parken", True)):
        alone.add(text, label, learned)
    assert np.array_equal(base.similarities("Musik im Park "), alone.similarities("Musik im Park "))
    fresh = NeighbourIndex(idf)
    for text, label, learned in (("Laute Musik nachts", "laerm", False), ("Müll im Park", "sauberkeit", False),
                                 ("Musik und Geschrei im Park", "laerm", True)):
        fresh.add(text, label, learned)
    query = "Musik im Park"
    assert np.array_equal(copy.similarities(query), fresh.similarities(query))
    assert len(base) == 3 and base.labels[-1] == "parken" and copy.labels[-1] == "laerm"
    assert base.similarities(query)[2] != copy.similarities(query)[2]
    assert copy._learned_sq == fresh._learned_sq and "laerm" not in base._learned_sq


def test_language_guesses_are_remembered_per_set_of_profiles():
    text = "Parkta her akşam gürültü var"
    assert detect_language(text).code == "tr"
    only_german = {"de": LanguageProfile("de", "latin", "äöüß", frozenset({"und", "der"}))}
    assert detect_language(text, only_german).code == "de"
    assert detect_language(text).code == "tr"


@pytest.mark.parametrize("text", ["", "   ", "!!!"])
def test_empty_cards_still_go_to_the_catch_all(text):
    assert Clusterer().assign(text).cluster_key == "sonstiges"


def test_index_keeps_the_learned_rows_of_each_label_through_merges_and_removals():
    idf = Idf(["Laute Musik nachts", "Müll im Park"])
    index = NeighbourIndex(idf)
    for i, text in enumerate(["Laute Musik", "Müll im Park", "Geschrei nachts", "Scherben im Park", "Hupen",
                              "Sperrmüll", "Bässe bis drei Uhr"]):
        index.add(text, ("laerm", "sauberkeit", "eigene")[i % 3], learned=i % 2 == 0)
    copy = index.copy()
    copy.relabel("eigene", "laerm")
    copy.add("Lärm vom Spielplatz", "laerm", learned=True)
    copy.relabel("sauberkeit", None)

    def expected(ix):
        rows: dict[str, list[int]] = {}
        for i, (label, learned) in enumerate(zip(ix.labels, ix.learned)):
            if learned:
                rows.setdefault(label, []).append(i)
        return rows

    assert copy._learned_rows == expected(copy) and set(copy._learned_rows) == {"laerm", ""}
    assert index._learned_rows == expected(index) and "eigene" in index._learned_rows
    column = index._vocab["#pa"]
    assert list(index._column(column)[0]) == [1, 3] and list(copy._column(column)[0]) == [1, 3]


def test_index_copies_never_write_into_each_others_columns():
    idf = Idf(["Müll im Park"])
    texts = ["Müll im Park", "Park voller Müll", "Parkbank kaputt", "Im Park ist es laut", "Parkplatz voll"]
    base = NeighbourIndex(idf)
    base.add(texts[0], "a")
    base.similarities("Park")
    base.add(texts[1], "a")                     # the "park" columns have room to spare …
    copy = base.copy()
    base.add(texts[2], "b")                     # … and both fill their next place
    copy.add(texts[3], "c")
    for index, own in ((base, texts[2]), (copy, texts[3])):
        alone = NeighbourIndex(idf)
        for text in texts[:2] + [own]:
            alone.add(text, "x")
        assert np.array_equal(index.similarities("Park im Regen"), alone.similarities("Park im Regen"))


def test_only_a_few_taxonomies_are_kept(monkeypatch):
    _unshared(monkeypatch)
    taxonomy = default_taxonomy()
    for n in range(engine.KNOWLEDGE_KEPT + 2):
        Clusterer(taxonomy + [ClusterDef(f"eigene-{n}", f"Thema {n}", cues=(f"wort{n}:1.0",))])
    assert len(engine._KNOWLEDGE) == engine.KNOWLEDGE_KEPT
    newest = Clusterer(taxonomy + [ClusterDef("eigene-0", "Thema 0", cues=("wort0:1.0",))])
    assert newest.assign("Hier steht wort0").cluster_key == "eigene-0"     # built again, the same
