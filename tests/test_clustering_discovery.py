"""Discovery among loose cards: overlapping proposals are combined, names stay unique, results deterministic."""
import numpy as np

from quartierslabor_app.core.clustering import discovery
from quartierslabor_app.core.clustering.discovery import DiscoveredGroup, discover

ROOTS = ["Viele Wurzeln auf dem Radweg", "Der Radweg ist durch Wurzeln uneben", "Wurzeln machen den Radweg uneben",
         "Baumwurzeln heben den Asphalt an", "Der Asphalt wird von Baumwurzeln angehoben",
         "Baumwurzeln zerstören den Asphalt"]
OTHER = ["Mülleimer am Spielplatz quillt über", "Zu wenige Bänke im Park", "Die Ampel ist zu kurz grün"]


def _without_combining(monkeypatch):
    monkeypatch.setattr(discovery, "_combine_overlapping", lambda texts, cand, groups, S, df, cancel=None: groups)


def test_proposals_sharing_a_compound_head_are_combined(monkeypatch):
    texts = ROOTS + OTHER
    groups = discover(texts, range(len(texts)))
    assert len(groups) == 1
    group = groups[0]
    assert group.indices == [0, 1, 2, 3, 4, 5]
    assert group.name.startswith("Wurzeln")                     # the shared word, not "Baumwurzeln"
    note = str(group.note)
    assert "Wurzeln" in note and "„Baumwurzeln / Asphalt“" in note and note.startswith("zusammengefasst aus")
    _without_combining(monkeypatch)                             # the batch really makes two groups otherwise
    assert sorted(g.indices for g in discover(texts, range(len(texts)))) == [[0, 1, 2], [3, 4, 5]]


def test_clusterer_reason_names_the_combination():
    from quartierslabor_app.core.clustering import Clusterer
    texts = ROOTS + OTHER
    result = Clusterer().recluster(texts)
    new = [a for a in result if a.is_new_cluster]
    assert {a.cluster_key for a in new} == {"neu-1"}
    assert "gemeinsames Wort: Wurzeln" in new[0].reason


def _groups(names_words, sizes):
    out, start = [], 0
    for (name, words), size in zip(names_words, sizes):
        out.append(DiscoveredGroup(name=name, indices=list(range(start, start + size)), words=words, cohesion=0.5))
        start += size
    return out


def test_proposals_with_the_same_name_are_combined():
    texts = ["das ist schlecht so", "schlecht und teuer", "schlecht gemacht",
             "auch schlecht so", "schlecht wie immer", "wieder schlecht"]
    groups = _groups([("Schlecht / So", ["Schlecht", "So"]), ("Schlecht / So", ["Schlecht", "So"])], [3, 3])
    S = np.eye(6)
    out = discovery._combine_overlapping(texts, list(range(6)), groups, S, discovery.Counter())
    assert len(out) == 1 and out[0].indices == list(range(6))
    assert len({g.name for g in out}) == len(out)


def test_adjective_shared_in_the_name_does_not_combine():
    texts = ["Sehr tiefe Schlaglöcher in der Fahrbahn", "Die Schlaglöcher sind tiefe Löcher", "Viele tiefe Schlaglöcher",
             "Nach dem Regen tiefe Pfützen", "Auf dem Weg sind tiefe Pfützen", "Die Pfützen sind tiefe Seen"]
    groups = _groups([("Schlaglöcher / Tiefe", ["Schlaglöcher", "Tiefe"]), ("Pfützen / Tiefe", ["Pfützen", "Tiefe"])],
                     [3, 3])
    S = np.eye(6)
    out = discovery._combine_overlapping(texts, list(range(6)), groups, S, discovery.Counter())
    assert len(out) == 2 and all(g.note is None for g in out)


def test_proposals_whose_cards_are_alike_are_combined():
    texts = ["eins zwei", "drei vier", "fuenf sechs", "sieben acht", "neun zehn", "elf zwoelf",
             "rest eins", "rest zwei", "rest drei", "rest vier"]
    groups = _groups([("Eins / Zwei", ["Eins", "Zwei"]), ("Neun / Zehn", ["Neun", "Zehn"])], [3, 3])
    S = np.full((10, 10), 0.01)
    S[:6, :6] = 0.15                      # the six cards are alike among each other, hardly like the rest
    np.fill_diagonal(S, 1.0)
    out = discovery._combine_overlapping(texts, list(range(10)), groups, S.copy(), discovery.Counter())
    assert len(out) == 1 and "einander ähnlicher" in str(out[0].note)
    S[:3, 3:6] = S[3:6, :3] = 0.02        # not alike: stay apart
    out = discovery._combine_overlapping(texts, list(range(10)), groups, S, discovery.Counter())
    assert len(out) == 2


def test_discovery_is_deterministic_and_names_are_unique():
    texts = ROOTS + OTHER + ["Fahrradständer fehlen am Bahnhof", "Mehr Fahrradständer am Markt",
                             "Keine Fahrradständer an der Schule", "Fahrradständer vor dem Rathaus fehlen",
                             "Fahrradständer am Bahnhof zu wenige", "Wo sind die Fahrradständer am Markt"]
    first = discover(texts, range(len(texts)))
    second = discover(texts, range(len(texts)))
    assert [(g.name, g.indices, g.words, str(g.note)) for g in first] == \
        [(g.name, g.indices, g.words, str(g.note)) for g in second]
    names = [g.name for g in first]
    assert len(names) == len(set(names))
    assert len(first) == 2


def test_proposals_are_named_after_content_nouns_only():
    from quartierslabor_app.core.clustering.discovery import discover
    texts = ["Siehe Bilder: seit Wochen steht der Trinkbrunnen in der Lindenstraße still",
             "Siehe Bilder, der Trinkbrunnen am Markt ist seit Wochen kaputt",
             "Guten Abend, seit Wochen kein Wasser im Trinkbrunnen",
             "Hallo, siehe Bilder vom Trinkbrunnen in der Lindenstraße"]
    groups = discover(texts, range(len(texts)), min_size=3)
    assert groups and all(g.name and g.words for g in groups)
    words = {w.casefold() for g in groups for w in g.words}
    assert "trinkbrunnen" in words
    assert not words & {"siehe", "bilder", "wochen", "steht", "abend", "guten", "hallo", "lindenstraße"}
    # cards that share only boilerplate are no topic: nothing unnamed is proposed
    plain = ["Siehe Bilder", "Siehe Bilder anbei", "Bilder siehe unten"]
    assert all(g.words for g in discover(plain, range(3), min_size=3))
