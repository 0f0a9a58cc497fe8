"""Board core: every operation is saved before it returns, and every operation can be inverted."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, select, text

from quartierslabor_app.core.board import BoardService, parse_entry
from quartierslabor_app.core.board.state import VoteBudget
from quartierslabor_app.core.card_reasons import card_reason_message
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import Card, Lab, LearningExample


@pytest.fixture
def db(any_db):
    """Every board test runs on SQLite and on a real PostgreSQL server."""
    return any_db


@pytest.fixture
def lab_id(db):
    with db.session() as session:
        return create_lab(session, "Nordstadt", "Innenstadt-Nord").id


@pytest.fixture
def service(db, lab_id):
    return BoardService(db, lab_id)


def raw_rows(db, sql):
    """Read through a separate engine and connection: proves the data is committed."""
    engine = create_engine(db.url)
    try:
        with engine.connect() as con:
            return [tuple(row) for row in con.execute(text(sql))]
    finally:
        engine.dispose()


def cluster_key_of(service, card):
    return next(c.key for c in service.clusters() if c.id == card.cluster_id)


def test_add_card_is_committed_with_cluster_reason_and_score(db, service):
    card = service.add_card("Hundekot überall auf dem Gehweg", place="Borsigplatz", table="3")
    rows = raw_rows(db, "SELECT cards.text, cards.place, cards.table_tag, cards.reason, clusters.key "
                        "FROM cards JOIN clusters ON clusters.id = cards.cluster_id")
    assert rows == [("Hundekot überall auf dem Gehweg", "Borsigplatz", "3", card.reason, "sauberkeit")]
    assert "Hundekot" in card.reason
    assert 0 < card.score <= 1
    # the Cluster row was created from the taxonomy on first use, with its name and codes
    cluster = service.clusters()[0]
    assert (cluster.key, cluster.origin) == ("sauberkeit", "taxonomy")
    assert cluster.name.startswith("Sauberkeit")


def test_cluster_rows_are_created_once_per_taxonomy_key(service):
    a = service.add_card("Laute Musik nachts")
    b = service.add_card("Krach von der Baustelle")
    assert a.cluster_id == b.cluster_id
    assert len(service.clusters()) == 1


def test_empty_or_overlong_card_is_refused_with_german_message(service):
    with pytest.raises(UserError, match="leer"):
        service.add_card("   ")
    with pytest.raises(UserError, match="zu lang"):
        service.add_card("x" * 2001)
    assert service.load_board().cards == ()


@pytest.mark.parametrize("line, expected", [
    ("Laute Musik nachts @Nordmarkt #3", ("Laute Musik nachts", "Nordmarkt", "3")),
    ("Zu dunkel @Alter Markt", ("Zu dunkel", "Alter Markt", "")),
    ("Falschparker #Tisch 2 @Schulstraße", ("Falschparker", "Schulstraße", "Tisch 2")),
    ("Mail an info@stadt.de schreiben", ("Mail an info@stadt.de schreiben", "", "")),
    ("@Borsigplatz Drogenhandel abends", ("Drogenhandel abends", "Borsigplatz", "")),
    ("  Krach!  ", ("Krach!", "", "")),
])
def test_entry_syntax(line, expected):
    entry = parse_entry(line)
    assert (entry.text, entry.place, entry.table) == expected


def test_edit_reassigns_automatic_card_but_not_hand_placed(service):
    card = service.add_card("Laute Musik nachts")
    change = service.edit_card(card.id, text="Hundekot im Park")
    assert change.before.cluster_id != change.after.cluster_id
    target = service.clusters()[0]
    moved = service.move_card(card.id, target.id).change.after
    kept = service.edit_card(card.id, text="Laute Musik nachts").after
    assert kept.cluster_id == moved.cluster_id


def test_delete_is_soft_and_restorable(db, service):
    card = service.add_card("Sperrmüll an der Ecke")
    service.delete_card(card.id)
    assert raw_rows(db, "SELECT deleted FROM cards") == [(1,)]
    assert [c.id for c in service.deleted_cards()] == [card.id]
    assert service.load_board().live_cards() == []
    service.restore_card(card.id)
    assert [c.id for c in service.load_board().live_cards()] == [card.id]


def test_move_records_learning_example_and_changes_later_suggestions(db, service):
    text = "Die Bänke am Teich sind immer belegt"
    first = service.add_card(text)
    target = service.create_cluster("Sitzplätze").created[0]
    result = service.move_card(first.id, target.id)
    assert result.change.after.assigned_by == "user"
    assert raw_rows(db, "SELECT text, cluster_key, scope FROM learning_examples") == [(text, target.key, "lab")]
    second = service.add_card(text)
    assert second.cluster_id == target.id
    # a fresh service (after a restart) learned the same from the database
    again = BoardService(db, service.lab_id).add_card(text)
    assert again.cluster_id == target.id


def test_undo_of_move_forgets_the_example(db, service):
    text = "Die Bänke am Teich sind immer belegt"
    card = service.add_card(text)
    target = service.create_cluster("Sitzplätze").created[0]
    result = service.move_card(card.id, target.id)
    service.remove_examples([result.example_id])
    service.apply_card_states([result.change.before])
    assert raw_rows(db, "SELECT count(*) FROM learning_examples") == [(0,)]
    assert service.get_card(card.id) == result.change.before
    assert service.add_card(text).cluster_id != target.id


def test_create_rename_recolor_cluster_update_taxonomy(db, service, lab_id):
    result = service.create_cluster("Spielplatz")
    cluster = result.created[0]
    assert cluster.origin == "user"
    change = service.rename_cluster(cluster.id, "Spielplätze")
    assert change.after.name == "Spielplätze"
    service.recolor_cluster(cluster.id, "#5fb28a")
    with db.session() as session:
        taxonomy = json.loads(session.get(Lab, lab_id).taxonomy_json)
    entries = taxonomy if isinstance(taxonomy, list) else taxonomy.get("clusters", [])
    mine = [e for e in entries if e["key"] == cluster.key]
    assert mine and mine[0]["name"] == "Spielplätze" and mine[0]["color"] == "#5fb28a"
    # a name the board has (case and spacing ignored) joins that cluster instead of making a second column
    again = service.create_cluster("  spielplätze ")
    assert again.target.id == cluster.id and again.created == ()
    # a built-in cluster's name or key opens its column (with its knowledge), not an own cluster of that name
    noise = service.create_cluster("lärm")
    assert noise.target.key == "laerm" and noise.created[0].origin == "taxonomy"
    assert service.create_cluster("LAERM").target.id == noise.target.id
    assert [c.name.casefold() for c in service.clusters()].count("lärm") == 1
    with pytest.raises(UserError, match="keine Farbe"):
        service.recolor_cluster(cluster.id, "grün")


def test_grouping_under_an_existing_name_joins_that_cluster_and_learns(db, service):
    first = service.add_card("Tauben füttern am Brunnen")
    second = service.add_card("Taubendreck auf den Bänken")
    own = service.create_cluster("Tauben").target
    result = service.group_cards([first.id, second.id], "tauben")
    assert result.target.id == own.id and result.created == ()
    assert {service.get_card(i).cluster_id for i in (first.id, second.id)} == {own.id}
    targets = service.move_targets()
    keys = [key for key, _, _ in targets]
    assert len(keys) == len(set(keys)) and {"laerm", "jugend", own.key} <= set(keys)
    assert any(cluster_id is None for _, _, cluster_id in targets)     # taxonomy clusters without a column


def test_merge_moves_cards_sums_votes_and_undo_restores_everything(db, service):
    noise = service.add_card("Laute Musik nachts")
    noise2 = service.add_card("Krach vom Kiosk")
    litter = service.add_card("Hundekot im Park")
    source, target = noise.cluster_id, litter.cluster_id
    service.set_cluster_votes(source, 2)
    service.set_cluster_votes(target, 3)
    before = service.load_board()
    result = service.merge_clusters(source, target)
    board = service.load_board()
    assert {c.id for c in board.clusters} == {target}
    assert {c.cluster_id for c in board.cards} == {target}
    assert next(c for c in board.clusters if c.id == target).votes == 5
    assert {ch.before.id for ch in result.card_changes} == {noise.id, noise2.id}
    service.undo_regroup(result)
    assert service.load_board() == before
    with db.session() as session:
        assert session.scalars(select(LearningExample)).all() == []
    # redo with the same ids works
    again = service.merge_clusters(source, target)
    assert {c.id for c in service.load_board().clusters} == {target}
    assert len(again.card_changes) == 2


def stored_kinds(db):
    """card id -> (kind of the stored reason data, German reason), read through a separate connection."""
    return {cid: (json.loads(data)["kind"] if data else None, reason)
            for cid, data, reason in raw_rows(db, "SELECT id, reason_data, reason FROM cards ORDER BY id")}


def test_each_operation_stores_its_reason_as_data_beside_the_german_text(db, service):
    noise = service.add_card("Laute Musik nachts")
    litter = service.add_card("Hundekot im Park")
    assert stored_kinds(db)[noise.id] == ("cues", noise.reason)
    assert str(card_reason_message("", noise.reason_data)) == noise.reason
    target = service.create_cluster("Sitzplätze").created[0]
    moved = service.move_card(noise.id, target.id)
    assert stored_kinds(db)[noise.id] == ("manual", "Sitzplätze – von Hand zugeordnet")
    again = service.add_card("Laute Musik nachts")        # the facilitator placed the same card before
    assert stored_kinds(db)[again.id] == ("correction",
                                          "Sitzplätze – so hat die Moderation dieselbe Karte zuvor zugeordnet")
    service.apply_card_states([moved.change.before])       # undo restores the data too
    assert stored_kinds(db)[noise.id] == ("cues", noise.reason)
    merged = service.merge_clusters(litter.cluster_id, noise.cluster_id)
    source_name = merged.removed[0].name
    assert stored_kinds(db)[litter.id] == ("merged", f"{service.get_card(noise.id).reason.split(' – ')[0]} – "
                                                     f"zusammengeführt aus „{source_name}“")
    service.undo_regroup(merged)
    assert stored_kinds(db)[litter.id] == ("cues", litter.reason)


def test_recluster_rewrites_no_card_whose_reason_is_the_same(service):
    for text in ("Laute Musik nachts", "Hundekot im Park", "Krach vom Kiosk", "Müll am Spielplatz", "Autos auf dem Gehweg"):
        service.add_card(text)
    result = service.recluster_all()
    assert [ch for ch in result.card_changes if ch.before.reason == ch.after.reason
            and ch.before.reason_data != ch.after.reason_data] == []


def test_recluster_stores_the_reason_data(db, service):
    card = service.add_card("Laute Musik nachts")
    with db.session() as session:                          # a card saved before reason_data existed
        session.get(Card, card.id).reason_data = None
    result = service.recluster_all()
    assert [ch.after.id for ch in result.card_changes] == [card.id]
    assert stored_kinds(db)[card.id] == ("cues", card.reason)


def test_merge_with_itself_is_refused(service):
    card = service.add_card("Laute Musik nachts")
    with pytest.raises(UserError):
        service.merge_clusters(card.cluster_id, card.cluster_id)


def test_split_creates_cluster_teaches_clusterer_and_undoes(db, service):
    a = service.add_card("Hundekot im Park")
    b = service.add_card("Hundehaufen auf dem Spielplatz")
    c = service.add_card("Müll neben den Containern")
    source = a.cluster_id
    assert b.cluster_id == source == c.cluster_id
    before = service.load_board()
    result = service.split_cluster(source, [a.id, b.id], "Hunde")
    new = result.created[0]
    board = service.load_board()
    assert {x.id for x in board.cards if x.cluster_id == new.id} == {a.id, b.id}
    assert next(x for x in board.cards if x.id == c.id).cluster_id == source
    assert service.add_card("Hundekot im Park").cluster_id == new.id
    with pytest.raises(UserError, match="gehört nicht"):
        service.split_cluster(source, [a.id], "Falsch")
    last = service.load_board().cards[-1]
    service.delete_card(last.id)
    service.undo_regroup(result)
    after_undo = service.load_board()
    assert after_undo.clusters == before.clusters
    assert [x for x in after_undo.cards if x.id in (a.id, b.id, c.id)] == list(before.cards)
    # re-creating under the old id (redo) keeps references valid
    redo = service.split_cluster(source, [a.id, b.id], "Hunde", new_cluster_id=new.id)
    assert redo.created[0].id == new.id


def test_recluster_keeps_hand_placed_and_pinned_cards(db, service):
    auto = service.add_card("Laute Musik nachts")
    placed = service.add_card("Hundekot im Park")
    pinned = service.add_card("Falschparker überall")
    own = service.create_cluster("Sonderthemen").created[0]
    service.move_card(placed.id, own.id)
    service.pin_card(pinned.id, pos_y=1.0)
    # simulate a stale automatic assignment
    with db.session() as session:
        session.get(Card, auto.id).cluster_id = own.id
    result = service.recluster_all()
    board = {c.id: c for c in service.load_board().cards}
    assert board[auto.id].cluster_id == auto.cluster_id
    assert board[placed.id].cluster_id == own.id
    assert board[pinned.id].cluster_id == pinned.cluster_id and board[pinned.id].pinned
    assert [ch.before.id for ch in result.card_changes] == [auto.id]
    service.undo_regroup(result)
    assert service.get_card(auto.id).cluster_id == own.id


def test_recluster_reports_progress_and_honours_cancel(service):
    from quartierslabor_app.core.progress import CancelToken, Cancelled
    for text in ["Laute Musik", "Hundekot", "Falschparker"]:
        service.add_card(text)
    seen = []
    service.recluster_all(progress=lambda f, m: seen.append((f, m)))
    assert seen[0][0] == 0.0 and seen[-1][0] == 1.0
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        service.recluster_all(cancel=token)


def test_discovery_proposes_new_cluster_for_loose_cards(service):
    texts = ["Mehr Fahrradständer am Bahnhof", "Fahrradständer fehlen vor dem Supermarkt",
             "Zu wenig Fahrradständer an der Schule", "Fahrradständer sind immer voll"]
    ids = [service.add_card(t).id for t in texts]
    service.add_card("Hundekot im Park")
    proposals = service.discovery_proposals()
    assert proposals, "expected a proposal for the bicycle stands"
    best = proposals[0]
    assert set(best.card_ids) <= set(ids) and len(best.card_ids) >= 3
    assert "fahrrad" in best.name.lower()
    assert json.loads(best.reason_data)["kind"] == "new_cluster"
    assert str(card_reason_message("", best.reason_data)) == best.reason and best.reason.startswith("Neues Thema")
    result = service.accept_discovery(best)
    assert result.created[0].origin == "discovered"
    assert service.add_card("Fahrradständer am Rathaus fehlen").cluster_id == result.created[0].id


def test_discovery_proposes_a_split_of_an_overfull_cluster(service):
    from test_clustering_split import synthetic_lab
    cards, _ = synthetic_lab()
    for text in cards:
        service.add_card(text)
    proposals = service.discovery_proposals()
    splits = [p for p in proposals if p.split_from]
    assert len(splits) == 1
    split = splits[0]
    assert split.split_from.startswith("Verkehrssicherheit") and len(split.card_ids) >= 20
    assert split.reason.startswith("Teilthema von") and "gemeinsam:" in split.reason
    assert json.loads(split.reason_data)["source"] == split.split_from
    assert str(card_reason_message("", split.reason_data)) == split.reason
    assert service.discovery_proposals() == proposals                       # deterministic
    result = service.accept_discovery(split)
    assert result.created[0].origin == "discovered"
    assert {c.after.cluster_id for c in result.card_changes} == {result.created[0].id}


def test_votes_ranking_ties_and_cluster_totals(service):
    a = service.add_card("Laute Musik nachts")
    b = service.add_card("Hundekot im Park")
    c = service.add_card("Falschparker vor der Schule")
    service.set_card_votes(a.id, 4)
    service.add_card_vote(b.id, 4)
    service.add_card_vote(c.id, 1)
    service.add_card_vote(c.id, -5)          # never below zero
    service.set_cluster_votes(c.cluster_id, 2)
    cards = service.card_results()
    assert [(r.id, r.votes, r.rank) for r in cards] == [(a.id, 4, 1), (b.id, 4, 1)]
    clusters = service.cluster_results()
    assert [(r.id, r.votes, r.rank) for r in clusters] == [
        (b.cluster_id, 4, 1), (a.cluster_id, 4, 1), (c.cluster_id, 2, 3)] or \
        [(r.votes, r.rank) for r in clusters] == [(4, 1), (4, 1), (2, 3)]
    with pytest.raises(UserError):
        service.set_card_votes(a.id, -1)
    snapshot = service.reset_votes()
    assert service.votes_used() == 0
    service.restore_votes(snapshot)
    assert service.votes_used() == 10


def test_budget_warns_when_total_exceeds(service):
    card = service.add_card("Laute Musik nachts")
    assert not service.budget_status().budget.active
    service.set_vote_budget(3, 2)
    assert service.vote_budget() == VoteBudget(3, 2)
    service.set_card_votes(card.id, 5)
    ok = service.budget_status()
    assert (ok.used, ok.over, ok.remaining) == (5, False, 1)
    service.add_card_vote(card.id, 2)
    over = service.budget_status()
    assert over.over and "Achtung" in over.message and "6" in over.message
    with pytest.raises(UserError):
        service.set_vote_budget(-1, 3)


def test_delete_cluster_only_when_empty_and_undo(service):
    card = service.add_card("Laute Musik nachts")
    with pytest.raises(UserError, match="enthält noch"):
        service.delete_cluster(card.cluster_id)
    own = service.create_cluster("Leer").created[0]
    result = service.delete_cluster(own.id)
    assert own.id not in {c.id for c in service.clusters()}
    service.undo_regroup(result)
    assert own in service.clusters()


def test_other_lab_cards_are_not_reachable(db, service):
    with db.session() as session:
        other = create_lab(session, "Hörde", "Hörde").id
    foreign = BoardService(db, other).add_card("Laute Musik")
    with pytest.raises(UserError):
        service.delete_card(foreign.id)
    with pytest.raises(UserError):
        service.rename_cluster(foreign.cluster_id, "X")
    assert service.load_board().cards == ()


def test_unknown_lab_is_refused(db):
    with pytest.raises(UserError):
        BoardService(db, 999)


def test_city_default_taxonomy_and_city_learning(db, service):
    own = service.create_cluster("Fahrradständer").created[0]
    card = service.add_card("Wir brauchen Abstellbügel vor der Bäckerei")
    service.set_share_with_city(True)
    service.move_card(card.id, own.id)
    assert service.save_taxonomy_as_city_default() >= 2
    with db.session() as session:
        other_id = create_lab(session, "Hörde", "Hörde").id
    other = BoardService(db, other_id)           # reads the stored city setting
    assert other.ctx.share_with_city
    # the new lab starts from the city default and knows the correction
    moved = other.add_card("Wir brauchen Abstellbügel vor der Bäckerei")
    assert next(c for c in other.clusters() if c.id == moved.cluster_id).name == "Fahrradständer"
    with db.session() as session:
        scopes = sorted(e.scope for e in session.scalars(select(LearningExample)))
    assert scopes == ["city", "lab"]
    service.set_share_with_city(False)
    assert not BoardService(db, other_id).ctx.share_with_city
