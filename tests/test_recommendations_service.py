"""Recommendations: create/update/delete, validation, code proposal, actors, linked cards."""
from __future__ import annotations

import pytest

from quartierslabor_app.core import labs
from quartierslabor_app.core import recommendations as rx
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.storage.models import Card, Cluster, Recommendation


def _lab_with_cards(s):
    lab = labs.create_lab(s, "Nordstadt 2026", "Innenstadt-Nord")
    cluster = Cluster(lab_id=lab.id, key="muell", name="Müll und Sauberkeit", handlungsfeld_codes="2.3;2.3.2")
    s.add(cluster)
    s.flush()
    a = Card(lab_id=lab.id, cluster_id=cluster.id, text="Müll im Hinterhof", votes=4)
    b = Card(lab_id=lab.id, cluster_id=cluster.id, text="Sperrmüll an der Ecke", votes=2)
    s.add_all([a, b])
    s.flush()
    return lab, cluster, a, b


def test_create_proposes_codes_from_cluster_and_links_votes(db):
    with db.session() as s:
        lab, cluster, a, b = _lab_with_cards(s)
        rec = rx.create_recommendation(s, lab, "  Mehr   Mülleimer ", cluster=cluster,
                                       actor="EDG (Entsorgung Dortmund)", linked_card_ids=[a.id, b.id, a.id])
        rec_id = rec.id
    with db.session() as s:
        rec = rx.get_recommendation(s, rec_id)
        assert rec.title == "Mehr Mülleimer"
        assert rec.handlungsfeld_codes == "2.3;2.3.2"
        assert rec.linked_card_ids == f"{a.id};{b.id}"
        assert rx.linked_votes(s, rec) == 6
        assert [c.text for c in rx.linked_cards(s, rec)] == ["Müll im Hinterhof", "Sperrmüll an der Ecke"]
        assert (rec.priority, rec.horizon, rec.status) == ("mittel", "kurzfristig", "offen")


def test_proposal_falls_back_to_taxonomy_mapping(db):
    from types import SimpleNamespace
    with db.session() as s:
        lab = labs.create_lab(s, "L", "Eving")
        cluster = Cluster(lab_id=lab.id, key="licht", name="Beleuchtung", handlungsfeld_codes="")
        s.add(cluster)
        s.flush()
        taxonomy = [SimpleNamespace(key="licht", handlungsfeld_codes=("1.2.3", "99.9")),
                    SimpleNamespace(key="laerm", handlungsfeld_codes=("2.1",))]
        # unknown codes in the taxonomy are not proposed
        assert rx.propose_codes(cluster, taxonomy) == ["1.2.3"]
        assert rx.propose_codes(None) == []


def test_invalid_values_are_refused_in_german(db):
    with db.session() as s:
        lab, cluster, a, _ = _lab_with_cards(s)
        with pytest.raises(UserError) as exc:
            rx.create_recommendation(s, lab, "X", handlungsfeld_codes="2.3;9.9.9")
        assert "„9.9.9“ ist kein Handlungsfeld" in str(exc.value)
        assert "Spalte „Handlungsfeld“" in str(exc.value)
        with pytest.raises(UserError, match="Titel der Empfehlung fehlt"):
            rx.create_recommendation(s, lab, "   ")
        with pytest.raises(UserError, match="Erlaubt sind: hoch, mittel, niedrig"):
            rx.create_recommendation(s, lab, "X", priority="dringend")
        with pytest.raises(UserError, match="Erlaubt sind: sofort"):
            rx.create_recommendation(s, lab, "X", horizon="irgendwann")
        other = labs.create_lab(s, "Anderes Labor", "Eving")
        foreign = Card(lab_id=other.id, text="fremd")
        s.add(foreign)
        s.flush()
        with pytest.raises(UserError, match=f"Anliegen Nr. {foreign.id} gehört nicht"):
            rx.create_recommendation(s, lab, "X", linked_card_ids=[a.id, foreign.id])
        rec = rx.create_recommendation(s, lab, "Gut", priority="HOCH", status="in arbeit")
        assert (rec.priority, rec.status) == ("hoch", "in Arbeit")
        with pytest.raises(UserError, match="Unbekanntes Feld"):
            rx.update_recommendation(s, rec, lab_id=99)
        with pytest.raises(UserError):
            rx.set_status(s, rec, "erledigt")
        assert s.query(Recommendation).count() == 1


def test_update_status_delete_and_undo(db):
    with db.session() as s:
        lab, cluster, a, b = _lab_with_cards(s)
        rec = rx.create_recommendation(s, lab, "Beleuchtung prüfen", handlungsfeld_codes="1.2.3")
        rx.update_recommendation(s, rec, handlungsfeld_codes=["2.1", "1.2.3"], place="Nordmarkt")
        assert rec.handlungsfeld_codes == "2.1;1.2.3"
        rx.set_status(s, rec, "umgesetzt", "Lampen erneuert im Mai")
        assert (rec.status, rec.status_note) == ("umgesetzt", "Lampen erneuert im Mai")
        rec_id = rec.id
        data = rx.delete_recommendation(s, rec)
    with db.session() as s:
        assert s.get(Recommendation, rec_id) is None
        restored = rx.restore(s, data)
        assert restored.id == rec_id
    with db.session() as s:
        rec = s.get(Recommendation, rec_id)
        assert (rec.title, rec.place, rec.status) == ("Beleuchtung prüfen", "Nordmarkt", "umgesetzt")
        rx.unlink_cards(s, rec, [])
        rx.link_cards(s, rec, [b.id])
        assert rx.parse_card_ids(rec.linked_card_ids) == [b.id]
        assert [r.id for r in rx.list_recommendations(s, rec.lab, status="umgesetzt")] == [rec_id]
        assert rx.list_recommendations(s, rec.lab, status="offen") == []


def test_actor_list_is_editable_and_persistent(db):
    with db.session() as s:
        assert rx.list_actors(s) == list(rx.DEFAULT_ACTORS)
        assert "EDG (Entsorgung Dortmund)" in rx.list_actors(s)
        rx.add_actor(s, "  Kinder- und   Jugendbüro ")
        rx.add_actor(s, "polizei")  # duplicate ignoring case
        rx.remove_actor(s, "Sozialamt")
    with db.session() as s:
        actors = rx.list_actors(s)
        assert actors[-1] == "Kinder- und Jugendbüro"
        assert "Sozialamt" not in actors
        assert sum(a.casefold() == "polizei" for a in actors) == 1
        with pytest.raises(UserError, match="nicht leer"):
            rx.save_actors(s, ["  ", ""])
        assert rx.reset_actors(s) == list(rx.DEFAULT_ACTORS)


def test_codes_helpers():
    assert rx.parse_codes("2.3; 1.2.3,2.3 ") == ["2.3", "1.2.3"]
    assert rx.join_codes(["1.2", "2.3"]) == "1.2;2.3"
    assert sorted(["2.10", "2.3", "1.2.3", "10"], key=rx.code_sort_key) == ["1.2.3", "2.3", "2.10", "10"]
    assert rx.handlungsfeld_label("2.3") == "2.3 Sauberkeit"
    assert rx.handlungsfeld_title("2.3.9") == "Sauberkeit"  # nearest known parent
    assert ("2.3", "Sauberkeit") in rx.handlungsfelder()


def test_proposal_uses_the_labs_own_taxonomy(db):
    from quartierslabor_app.core.clustering import ClusterDef, taxonomy_to_json
    with db.session() as s:
        lab = labs.create_lab(s, "Eigene Taxonomie", "Brackel")
        lab.taxonomy_json = taxonomy_to_json([ClusterDef("tauben", "Tauben", "#888888", ("2.3", "2.3.2"))])
        pigeons = Cluster(lab_id=lab.id, key="tauben", name="Tauben")
        builtin = Cluster(lab_id=lab.id, key="laerm", name="Lärm")   # not in the lab's own taxonomy
        s.add_all([pigeons, builtin])
        s.flush()
        assert rx.propose_codes(pigeons) == ["2.3", "2.3.2"]
        assert rx.propose_codes(builtin) == []
        rec = rx.create_recommendation(s, lab, "Taubenschlag", cluster=pigeons)
        assert rec.handlungsfeld_codes == "2.3;2.3.2"
        lab.taxonomy_json = ""                                          # built-in taxonomy maps "laerm"
        assert "2.1" in rx.propose_codes(builtin)
