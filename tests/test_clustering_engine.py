"""The Clusterer: taxonomy, assignment with reasons, determinism, learning, cluster editing, discovery."""
from __future__ import annotations

import pytest

from quartierslabor_app.core.clustering import (Assignment, ClusterDef, Clusterer, cluster_texts, default_taxonomy,
                                                taxonomy_from_json, taxonomy_to_json)
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.handlungsfelder import load_handlungsfelder

REQUIRED = ("laerm", "sauberkeit", "parken", "verkehr", "nachbarschaft", "angstraeume", "alkohol_drogen",
            "praesenz", "kriminalitaet", "jugend", "sonstiges")


def test_default_taxonomy_has_required_clusters_distinct_colours_and_valid_codes():
    tax = default_taxonomy()
    assert tuple(c.key for c in tax) == REQUIRED
    assert len({c.color.lower() for c in tax}) == len(tax)
    codes = {code for code, _ in load_handlungsfelder()}
    for c in tax:
        assert set(c.handlungsfeld_codes) <= codes, c.key
        if c.key != "sonstiges":
            assert c.handlungsfeld_codes
    assert default_taxonomy() is not tax and default_taxonomy()[0] == tax[0]


def test_handlungsfelder_resource_matches_shared_csv(shared_dir):
    rows = (shared_dir / "data" / "masterplan-2.0-handlungsfelder.csv").read_text(encoding="utf-8").splitlines()
    loaded = load_handlungsfelder()
    assert len(loaded) == len(rows) - 1
    assert ("2.3", "Sauberkeit") in loaded and ("1.2.3", "Gefahrenorte, Angsträume und Beleuchtung") in loaded


def test_taxonomy_json_round_trip_and_errors():
    tax = default_taxonomy()
    tax[0].name = "Lärm und Krach"
    again = taxonomy_from_json(taxonomy_to_json(tax))
    assert again == tax
    for bad in ("nicht json", "[]", '[{"key": "a"}]', '[{"key": "a", "name": "A"}, {"key": "a", "name": "B"}]'):
        with pytest.raises(UserError):
            taxonomy_from_json(bad)


@pytest.mark.parametrize("text,key", [
    ("Krach!", "laerm"), ("Müll", "sauberkeit"), ("Hundekot vor der Tür", "sauberkeit"),
    ("Falschparker", "parken"), ("Raserei in der Schulstraße", "verkehr"), ("Nachtruhe!!", "laerm"),
    ("Sperrmüll", "sauberkeit"), ("Mülltonnen quellen über", "sauberkeit"), ("laerm nachts", "laerm"),
    ("Köter bellt", "laerm"), ("Kippen überall", "sauberkeit"), ("Kiffer im Park", "alkohol_drogen"),
    ("Alkis mit Pulle", "alkohol_drogen"), ("Karre aufm Bürgersteig", "parken"), ("Blagen ohne Spielplatz", "jugend"),
    ("ordnunsamt kommt nie", "praesenz"), ("Strassenlaterne kaputt", "angstraeume"), ("Einbruch im Keller", "kriminalitaet"),
    ("mehr Zusammenhalt unter Nachbarn", "nachbarschaft"), ("Bus fährt selten", "sonstiges"),
])
def test_assign_typical_cards(text, key):
    a = Clusterer().assign(text)
    assert isinstance(a, Assignment)
    assert a.cluster_key == key, a.reason
    assert 0.0 < a.score <= 1.0


def test_reason_names_the_words_in_the_users_spelling():
    a = Clusterer().assign("Laute Musik nachts, Lärm ohne Ende")
    assert a.cluster_key == "laerm"
    assert a.reason.startswith("Lärm – erkannt an: ")
    assert "Lärm" in a.reason and "Musik" in a.reason


def test_unrelated_text_goes_to_sonstiges_with_low_score():
    c = Clusterer()
    a = c.assign("xq zzv plomb")
    assert a.cluster_key == "sonstiges"
    assert a.score < 0.15
    assert "passt zu keinem Thema gut" in a.reason
    assert c.assign("").cluster_key == "sonstiges"


def test_deterministic_for_same_inputs():
    texts = ["Krach", "Müll im Park", "Autos rasen", "Bänke fehlen", "Bänke kaputt", "mehr Bänke", "Dealer"]
    runs = [[(a.cluster_key, a.score, a.reason, a.is_new_cluster) for a in cluster_texts(texts)] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


def test_learning_changes_later_suggestions_at_once():
    c = Clusterer()
    before = c.assign("Blumenkübel umgeworfen")
    assert before.cluster_key != "kriminalitaet"
    c.learn("Blumenkübel umgeworfen", "kriminalitaet")
    after = c.assign("Blumenkübel schon wieder umgeworfen")
    assert after.cluster_key == "kriminalitaet"
    assert "ähnlich wie die hier eingeordnete Karte ‚Blumenkübel umgeworfen‘" in after.reason
    assert after.details.kind == "learned" and after.details.example == "Blumenkübel umgeworfen"
    # a different lab without the example is unaffected
    assert Clusterer().assign("Blumenkübel schon wieder umgeworfen").cluster_key == before.cluster_key


def test_examples_from_lab_and_city_scope_are_used():
    c = Clusterer(examples=[("Dönerbude stinkt nach Frittenfett", "sauberkeit")])
    assert c.assign("Frittenfett Gestank von der Dönerbude").cluster_key == "sauberkeit"


def test_new_cluster_with_examples_attracts_similar_cards():
    c = Clusterer()
    c.add_cluster(ClusterDef("gruen", "Grünflächen und Bäume", "#00aa00"), ["Bäume fehlen", "Wiese nicht gemäht"])
    assert c.cluster("gruen") is not None
    assert c.assign("Grünflächen verwildern").cluster_key == "gruen"
    assert c.assign("Wiese am Spielplatz nicht gemäht").cluster_key == "gruen"
    with pytest.raises(ValueError):
        c.add_cluster(ClusterDef("gruen", "doppelt"))


def test_rename_merge_remove():
    c = Clusterer()
    c.rename_cluster("laerm", "Krach und Ruhe")
    a = c.assign("Krach")
    assert (a.cluster_key, a.cluster_name) == ("laerm", "Krach und Ruhe")
    c.merge_clusters("parken", "verkehr")
    assert "parken" not in [k.key for k in c.clusters]
    assert c.assign("Falschparker auf dem Gehweg").cluster_key == "verkehr"
    c.remove_cluster("praesenz")
    assert c.assign("mehr Polizei").cluster_key != "praesenz"
    assert "praesenz" not in [k.key for k in c.clusters]


def test_learned_example_for_removed_cluster_is_ignored():
    c = Clusterer(examples=[("Taubenplage", "tauben")])
    assert c.assign("Taubenplage").cluster_key in {k.key for k in c.clusters}


def test_recluster_discovers_new_cluster_with_sensible_name():
    cards = ["Krach nachts", "Müll überall", "Falschparker",
             "Bänke fehlen am Marktplatz", "mehr Sitzbänke bitte", "Bänke kaputt", "neue Bänke für Ältere",
             "Wlan im Jugendtreff"]
    c = Clusterer()
    out = c.recluster(cards)
    new = [a for a in out if a.is_new_cluster]
    assert [cards[i] for i, a in enumerate(out) if a.is_new_cluster] == cards[3:7]
    assert len({a.cluster_key for a in new}) == 1
    assert "bänke" in new[0].cluster_name.lower()
    assert new[0].cluster_key.startswith("neu-")
    assert out[0].cluster_key == "laerm" and not out[0].is_new_cluster
    suggestions = c.suggest_new_clusters(cards)
    assert [(idx) for _, idx in suggestions] == [[3, 4, 5, 6]]
    no_disc = c.recluster(cards, discovery=False)
    assert not any(a.is_new_cluster for a in no_disc)
    assert all(no_disc[i].cluster_key == "sonstiges" for i in range(3, 7))


def test_recluster_reports_progress_and_can_be_cancelled():
    from quartierslabor_app.core.progress import CancelToken, Cancelled
    seen = []
    Clusterer().recluster(["Krach"] * 120, progress=lambda f, m: seen.append((f, m)))
    assert seen[0][0] == 0.0 and seen[-1][0] == 1.0
    assert all(isinstance(m, str) and m for _, m in seen)
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        Clusterer().recluster(["Krach"] * 10, cancel=token)


def test_concurrent_assign_and_editing_do_not_break():
    import threading
    c = Clusterer()
    errors = []

    def assign_many():
        try:
            for i in range(300):
                c.assign(f"Krach und Müll Nummer {i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def edit_many():
        try:
            for i in range(40):
                c.add_cluster(ClusterDef(f"k{i}", f"Thema{i} Wörter{i}"), [f"Beispiel {i} Zusatzwort{i}"])
                c.learn(f"Karte {i}", f"k{i}")
        except Exception as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=assign_many), threading.Thread(target=edit_many)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(c.clusters) == 11 + 40
