"""Live learning on the taxonomy's own cards: what a session teaches must not undo what the built-in knowledge
places right. Own wordings, never cards of a labelled set."""
from __future__ import annotations

from quartierslabor_app.core.clustering import Clusterer
from quartierslabor_app.core.clustering import clusterer as engine
from quartierslabor_app.core.clustering.model import ClusterDef

#: cards of the kind the taxonomy was written for (own wordings)
SESSION = [
    "Im Park liegt überall Müll herum", "Nachts grölen Betrunkene vor dem Kiosk", "Die Laterne am Weg ist kaputt",
    "Autos parken ständig auf dem Gehweg", "Hundekot auf dem Spielplatz", "Am Bahnhof wird gedealt",
    "Sperrmüll steht seit Wochen an der Ecke", "Zu laute Musik aus dem Nachbarhaus", "Der Tunnel ist dunkel",
    "Fahrräder werden aus dem Keller gestohlen", "Zugeparkte Einfahrt jeden Abend", "Graffiti an der Schule",
]
PROBES = [
    "Mülltonnen quellen über", "Lärm von der Baustelle am Sonntag", "Die Unterführung macht Angst im Dunkeln",
    "Falschparker vor der Kita", "Einbruch in den Keller", "Glasscherben auf dem Radweg", "Mehr Polizei bitte",
    "Jugendliche hängen am Spielplatz ab", "Straßenbahn fährt zu selten",
]


def _choices(clusterer: Clusterer) -> list[str]:
    return [clusterer.assign(text).cluster_key for text in PROBES]


def test_a_session_the_app_got_right_does_not_change_its_built_in_choices():
    """Cards left where the app put them are learned (implicit confirmation), but they are the built-in
    knowledge's own votes: counting them again must not move any later card the taxonomy places."""
    fresh = Clusterer()
    live = Clusterer()
    for text in SESSION:
        live.confirm(text, live.assign(text).cluster_key)
    assert sum(live.evidence(c.key) for c in live.clusters) == len(SESSION)
    assert _choices(live) == _choices(fresh)
    for text in PROBES:                 # not even the scores move
        assert live.assign(text).score == fresh.assign(text).score


def _own_cluster_session(confirmations: tuple[str, ...]) -> Clusterer:
    live = Clusterer()
    live.add_cluster(ClusterDef(key="eigene-baenke", name="Sitzgelegenheiten"))
    for text in ("Zu wenige Sitzbänke im Park", "Bänke am Spielplatz fehlen", "Keine Bank an der Haltestelle"):
        live.learn(text, "eigene-baenke", live.assign(text).cluster_key)
    for text in confirmations:
        live.confirm(text, "eigene-baenke")
    return live


def test_confirmations_still_teach_the_facilitators_own_cluster():
    moved_only = _own_cluster_session(())
    confirmed = _own_cluster_session(("Mehr Bänke am Marktplatz aufstellen", "Neue Bänke für den Spielplatz"))
    assert confirmed.evidence("eigene-baenke") == moved_only.evidence("eigene-baenke") + 2
    probe = "Sitzbänke vor der Bücherei wären schön"
    assert confirmed.scores(probe)[0]["eigene-baenke"] > moved_only.scores(probe)[0]["eigene-baenke"]


def test_no_learned_neighbours_is_no_evidence_that_a_card_fits_nothing(monkeypatch):
    """A card the built-in knowledge places just above the "fits nothing" line stays placed when the learned part
    of the mix has nothing to say about it."""
    fresh = Clusterer()
    text = "Am Abend steht die Karre auf dem Bürgersteig"
    first = fresh.assign(text)
    assert first.cluster_key == "parken"
    combined, parts, _ = fresh.scores(text)
    monkeypatch.setattr(engine, "MIN_SCORE", parts["prior"]["parken"] - 1e-6)
    live = Clusterer()
    for card in ("Parkplätze für Anwohner fehlen", "Parkhaus ist abends zu", "Zu wenig Parkraum in der Siedlung",
                 "Lieferwagen parken in zweiter Reihe", "Bewohnerparken einführen", "Parkscheinautomat kaputt"):
        live.learn(card, "parken", "sonstiges")      # moved into "parken": its learned component has weight
    combined, parts, _ = live.scores(text)
    assert combined["parken"] < parts["prior"]["parken"]    # the empty learned part dilutes the mix
    assert live.assign(text).cluster_key == "parken"
