"""Splitting an overfull cluster: one distinct sub-theme at a time, named from the cards, deterministic."""
from collections import Counter

import csv
from pathlib import Path

from quartierslabor_app.core.clustering import ClusterDef, Clusterer
from quartierslabor_app.core.clustering.discovery import find_subtheme, overfull_clusters

PLACES = ["in der Hauptstraße", "an der Lindenallee", "am Bahnhof", "an der Schule", "am Markt", "im Gartenweg",
          "am Kirchplatz", "in der Bergstraße", "am Rathaus", "am Parkweg", "an der Post"]
THEMES = {
    "ampel": ["Ampel", "Grünphase", "Wartezeit", "Ampelschaltung", "Fußgängerampel", "Rotphase", "Ampelphase"],
    "raser": ["Raser", "Tempo 30", "Blitzer", "Tempolimit", "Geschwindigkeit", "Tempokontrollen", "Raserei"],
    "kreisel": ["Kreisverkehr", "Vorfahrt", "Kreisel", "Vorfahrtsregel", "Kreisverkehrs", "Vorfahrtsschild", "Ausfahrt"],
}
FRAMES = ["{a} {p}: {b} ist ein Problem", "{p} stört {a}, auch {b}", "Wegen {a} {p} Ärger, {b} beachten",
          "{a} und {b} {p} gefährlich", "Thema {a} {p} – {b} ändern", "{p}: {a}, dazu {b}"]
OTHER = ["Laute Musik nachts {p}", "Hundekot auf dem Gehweg {p}", "Müll liegt überall {p}",
         "Graffiti an den Wänden {p}", "Dunkle Ecke {p}, Beleuchtung fehlt", "Jugendliche trinken Alkohol {p}",
         "Sperrmüll steht seit Wochen {p}", "Nachbarn grüßen sich nicht {p}", "Polizei zeigt sich nie {p}"]
def synthetic_lab():
    """70 % of the cards are traffic cards with three clear sub-themes, the rest spread over other clusters."""
    cards, themes = [], []
    for k in range(30):
        for name, words in THEMES.items():
            a, b = words[k % 7], words[(k * 3 + 1) % 7]
            if a == b: b = words[(k + 2) % 7]
            cards.append(FRAMES[(k + len(cards) // 3) % 6].format(a=a, b=b, p=PLACES[(k * 5 + len(cards)) % 11]))
            themes.append(name)
    for k in range(39):
        cards.append(OTHER[k % 9].format(p=PLACES[k % 11])); themes.append("other")
    return cards, themes


def split_of(result):
    new = [a for a in result if a.is_new_cluster and a.reason.startswith("Teilthema")]
    return {a.cluster_key for a in new}, [i for i, a in enumerate(result) if a in new]


def test_overfull_cluster_gets_one_sub_theme_with_sensible_name():
    cards, themes = synthetic_lab()
    result = Clusterer().recluster(cards)
    keys, members = split_of(result)
    assert len(keys) == 1
    assert len(members) >= 20
    theme, count = Counter(themes[i] for i in members).most_common(1)[0]
    assert theme != "other" and count / len(members) >= 0.9
    first = result[members[0]]
    words = {"ampel": "ampel phase", "raser": "raser tempo blitzer geschwindigkeit", "kreisel": "kreisverkehr vorfahrt"}
    name = first.cluster_name.lower()
    assert any(w in name for w in words[theme].split()), first.cluster_name
    assert first.reason.startswith("Teilthema von „Verkehrssicherheit")
    assert "gemeinsam:" in first.reason
    # proposals stay proposals: the cards keep their old cluster as the alternative
    assert first.alternatives[0][0] == "verkehr"


def test_accepting_a_split_lets_the_next_sub_theme_come_up():
    cards, themes = synthetic_lab()
    clusterer = Clusterer()
    result = clusterer.recluster(cards)
    _, members = split_of(result)
    first_theme = Counter(themes[i] for i in members).most_common(1)[0][0]
    clusterer.add_cluster(ClusterDef("teil-1", result[members[0]].cluster_name), [cards[i] for i in members])
    again = clusterer.recluster(cards)
    assert all(again[i].cluster_key == "teil-1" for i in members)
    _, members2 = split_of(again)
    second_theme = Counter(themes[i] for i in members2).most_common(1)[0][0]
    assert second_theme not in (first_theme, "other")


def test_split_is_deterministic():
    cards, _ = synthetic_lab()
    a = Clusterer().recluster(cards)
    b = Clusterer().recluster(list(cards))
    assert a == b
    idx = [i for i, x in enumerate(Clusterer().recluster(cards, discovery=False)) if x.cluster_key == "verkehr"]
    assert find_subtheme(cards, idx) == find_subtheme(cards, idx)


def test_balanced_lab_gets_no_split():
    root = Path(__file__).resolve().parent / "data"
    with open(root / "concerns_dev.csv", encoding="utf-8-sig", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    result = Clusterer().recluster(texts)
    assert not any(a.reason.startswith("Teilthema") for a in result)
    assert overfull_clusters([a.cluster_key for a in result]) == []


def test_overfull_needs_an_outsized_share_and_enough_cards():
    assert overfull_clusters(["a"] * 40 + ["b"] * 30 + ["c"] * 30) == ["a"]
    assert overfull_clusters(["a"] * 10 + ["b"] * 2) == []           # too few cards to split
    assert overfull_clusters(["a"] * 30 + ["x"] * 70, exclude=("x",)) == []
    assert overfull_clusters(["x"] * 70 + ["a"] * 30, exclude=("x",)) == []


def test_no_sub_theme_among_cards_without_shared_words():
    cards = [f"Karte Nummer {i} über Thema{i} und Sache{i}" for i in range(40)]
    assert find_subtheme(cards, range(40)) is None
