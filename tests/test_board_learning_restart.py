"""What a session taught survives a restart: a replay interrupted by reopening the board (the clusterer rebuilt
from the database) places every card as the uninterrupted replay does, including the cue words and topics the
facilitator kept overruling (they step back for this lab)."""
from __future__ import annotations

import numpy as np
import pytest

from quartierslabor_app.core.board.replay import replay_session
from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import LearningExample

#: the facilitator's own topics for cards whose words the built-in taxonomy reads as its own topics (parking,
#: traffic safety, cleanliness …): the app is overruled again and again, on the same cue words
THEMES = {
    "Fahrradständer": ["Zu wenig Fahrradständer am {p}", "Fahrräder parken wild am {p}, Bügel fehlen",
                       "Abstellanlage für Räder am {p} ist voll", "Am {p} fehlen überdachte Radbügel"],
    "Radwegbelag": ["Der Radweg am {p} hat tiefe Schlaglöcher", "Wurzelaufbrüche auf dem Radweg beim {p}",
                    "Radweg am {p} ist voller Scherben und Split", "Holpriger Belag auf dem Radweg am {p}"],
    "Radverkehrsführung": ["Radweg endet plötzlich am {p}", "Autos parken auf dem Radstreifen am {p}",
                           "Radfahrer müssen am {p} auf die Fahrbahn", "Keine sichere Querung für Räder am {p}"],
    "Lärm": ["Nachts laute Musik am {p}", "Lärm von Motorrädern am {p}"],
}
PLACES = ["Markt", "Bahnhof", "Rathaus", "Stadion", "Friedhof", "Schwimmbad", "Kanal", "Gymnasium"]


def _session(seed: int, n: int) -> list[tuple[str, str]]:
    rng = np.random.default_rng(seed)
    themes = sorted(THEMES)
    cards = []
    for _ in range(n):
        theme = themes[int(rng.integers(len(themes)))]
        template = THEMES[theme][int(rng.integers(len(THEMES[theme])))]
        cards.append((template.format(p=PLACES[int(rng.integers(len(PLACES)))]), theme))
    return cards


@pytest.mark.parametrize("seed", [1, 2])
def test_a_restart_in_the_middle_of_a_session_changes_no_placement(seed):
    cards = _session(seed, 60)
    uninterrupted = replay_session(cards)
    assert sum(r.corrected for r in uninterrupted) >= 8        # a session with many corrections to remember
    restarted = replay_session(cards, restart_before=range(5, len(cards), 9))
    assert [(r.proposed, r.cluster, r.corrected) for r in restarted] == \
        [(r.proposed, r.cluster, r.corrected) for r in uninterrupted]


@pytest.fixture
def lab_db(tmp_path):
    """(database, lab id) of a fresh lab."""
    from quartierslabor_app.core.labs import create_lab

    database = open_database(tmp_path / "lab.sqlite", backup_before_migrate=False)
    with database.session() as session:
        lab = create_lab(session, "Eving", "Eving")
        session.flush()
        lab_id = lab.id
    yield database, lab_id
    database.dispose()


def test_a_correction_stores_the_overruled_choice_and_its_place_in_the_session(lab_db):
    database, lab_id = lab_db
    board = BoardService(database, lab_id)
    first = board.add_card("Autos parken auf dem Radstreifen am Markt")
    second = board.add_card("Nachts laute Musik am Bahnhof")
    own = board.create_cluster("Radverkehrsführung").target
    board.move_card(first.id, own.id)
    with database.session() as session:
        example = session.query(LearningExample).one()
        assert example.card_id == first.id and example.after_card_id == second.id
        assert example.moved_from is not None and example.moved_from != own.key
    assert board.get_card(first.id).cluster_id == own.id


def test_a_correction_stored_before_its_place_was_recorded_is_still_learned(lab_db):
    """Rows from before migration 0004 (no card, no place in the session) are learned first, as before."""
    database, lab_id = lab_db
    with database.session() as session:
        session.add(LearningExample(lab_id=lab_id, scope="lab", text="Bänke am Spielplatz fehlen",
                                    cluster_key="jugend", cluster_name="Kinder und Jugend"))
    board = BoardService(database, lab_id)
    assert board.ctx.clusterer().evidence("jugend") == 1
    card = board.add_card("Bänke am Spielplatz fehlen")      # the same text goes where it was put before
    assert {c.id: c.key for c in board.clusters()}[card.cluster_id] == "jugend"


def test_a_correction_shared_with_the_city_is_learned_once_after_a_restart(lab_db):
    database, lab_id = lab_db
    board = BoardService(database, lab_id, share_with_city=True)
    card = board.add_card("Autos parken auf dem Radstreifen am Markt")
    own = board.create_cluster("Radverkehrsführung").target
    board.move_card(card.id, own.id)
    live = board.ctx.clusterer().evidence(own.key)
    reopened = BoardService(database, lab_id, share_with_city=True)
    assert reopened.ctx.clusterer().evidence(own.key) == live == 1


#: cards the probe scores are read for after the session (every topic's words, and cards between topics)
PROBES = ["Fahrradbügel fehlen am Markt", "Schlaglöcher im Radweg am Kanal", "Radweg endet am Rathaus",
          "Laute Musik nachts am Stadion", "Autos parken auf dem Gehweg", "Scherben auf dem Spielplatz",
          "Mehr Fahrradständer am Bahnhof", "Beleuchtung am Radweg fehlt"]


def _script(seed: int) -> list[tuple]:
    """A session of 48 cards (typed, corrected at once as in the replay) with the facilitator's other steps in
    between: a card deleted and its deletion undone, cards deleted for good (some of them confirmed before), an
    empty new topic, a topic renamed (one of the facilitator's own and one built-in) and two merges."""
    cards = _session(seed, 48)
    steps: list[tuple] = [("card", text, wanted) for text, wanted in cards[:12]]
    steps += [("delete", 3), ("new", "Beleuchtung"), ("delete", 11), ("restore", 11)]
    steps += [("card", text, wanted) for text, wanted in cards[12:24]]
    steps += [("merge", "Radwegbelag", "Radverkehrsführung"), ("rename", "Fahrradständer", "Radparken"),
              ("delete", 20), ("rename", "Lärm", "Lärm und Ruhe")]
    steps += [("card", text, wanted.replace("Radwegbelag", "Radverkehrsführung")
               .replace("Fahrradständer", "Radparken").replace("Lärm", "Lärm und Ruhe")) for text, wanted in cards[24:36]]
    steps += [("delete", 30), ("merge", "Beleuchtung", "Radparken"), ("delete", 35)]
    steps += [("card", text, wanted.replace("Radwegbelag", "Radverkehrsführung")
               .replace("Fahrradständer", "Radparken").replace("Lärm", "Lärm und Ruhe")) for text, wanted in cards[36:]]
    return steps


def _run(database, lab_id: int, steps: list[tuple], restart_before: set[int]) -> tuple[list, list, list]:
    """(per card: proposed and final topic; the board at the end; the clusterer's scores for the probes after
    every step that is not a card, and at the end)."""
    board = BoardService(database, lab_id)
    placed, card_ids, scores = [], [], []
    for i, step in enumerate(steps):
        if i in restart_before:
            board = BoardService(database, lab_id)
        names = lambda: {c.id: c.name for c in board.clusters()}      # noqa: E731
        by_name = lambda name: next(c for c in board.clusters() if c.name == name)  # noqa: E731
        kind = step[0]
        if kind == "card":
            card = board.add_card(step[1])
            proposed = names()[card.cluster_id]
            target = board.create_cluster(step[2]).target if proposed != step[2] else None
            if target is not None and target.id != card.cluster_id:
                board.move_card(card.id, target.id)
            placed.append((proposed, names()[board.get_card(card.id).cluster_id]))
            card_ids.append(card.id)
        elif kind == "delete":
            board.delete_card(card_ids[step[1]])
        elif kind == "restore":
            board.restore_card(card_ids[step[1]])
        elif kind == "new":
            board.create_cluster(step[1])
        elif kind == "rename":
            board.rename_cluster(by_name(step[1]).id, step[2])
        elif kind == "merge":
            board.merge_clusters(by_name(step[1]).id, by_name(step[2]).id)
        if kind != "card" or i == len(steps) - 1:      # what the clusterer learned so far, read after every step
            clusterer = board.ctx.clusterer()         # that is not a card (and at the end)
            scores.append([clusterer.scores(probe)[0] for probe in PROBES])
    final = [(names()[c.cluster_id], c.deleted) for c in map(board.get_card, card_ids)]
    return placed, final, scores


def _replayed(path, steps: list[tuple], restart_before: set[int]) -> tuple[list, list, list]:
    """:func:`_run` on a fresh lab in a database of its own."""
    from quartierslabor_app.core.labs import create_lab

    database = open_database(path, backup_before_migrate=False)
    try:
        with database.session() as session:
            lab = create_lab(session, "Eving", "Eving")
            session.flush()
            lab_id = lab.id
        return _run(database, lab_id, steps, restart_before)
    finally:
        database.dispose()


@pytest.mark.parametrize("seed", [3, 4])
def test_a_restart_after_merges_deletions_renames_and_new_topics_changes_nothing_learned(tmp_path, seed):
    steps = _script(seed)
    uninterrupted = _replayed(tmp_path / "live.sqlite", steps, set())
    assert sum(p != f for p, f in uninterrupted[0]) >= 8          # a session with many corrections
    assert sum(deleted for _, deleted in uninterrupted[1]) == 4
    # reopened right after each kind of step (deletions, an undone deletion, a new topic, merges, renames) and
    # between cards
    for n, restarts in enumerate(({13, 14, 16, 29, 31}, {16, 28, 30, 32, 44, 46}, set(range(5, len(steps), 7)))):
        restarted = _replayed(tmp_path / f"restarted-{n}.sqlite", steps, restarts)
        assert restarted[:2] == uninterrupted[:2], restarts
        # the same scores (to float32 rounding: a topic made in the session stands elsewhere in the rebuilt index)
        assert [[sorted(p) for p in step] for step in restarted[2]] == \
            [[sorted(p) for p in step] for step in uninterrupted[2]], restarts
        assert restarted[2] == [[pytest.approx(p, abs=1e-6) for p in step] for step in uninterrupted[2]], restarts


def test_a_confirmation_of_a_card_deleted_later_is_learned_again_after_a_restart(lab_db):
    database, lab_id = lab_db
    board = BoardService(database, lab_id)
    first = board.add_card("Nachts laute Musik am Bahnhof")
    board.add_card("Zu wenig Fahrradständer am Markt")        # the first card was left in place: confirmed
    key = {c.id: c.key for c in board.clusters()}[first.cluster_id]
    live = board.ctx.clusterer().evidence(key)
    board.delete_card(first.id)
    assert BoardService(database, lab_id).ctx.clusterer().evidence(key) == live >= 1


def test_the_newest_card_deleted_before_the_next_came_is_not_confirmed_unless_restored(lab_db):
    database, lab_id = lab_db
    board = BoardService(database, lab_id)
    gone = board.add_card("Nachts laute Musik am Bahnhof")
    key = {c.id: c.key for c in board.clusters()}[gone.cluster_id]
    board.delete_card(gone.id)
    board.add_card("Zu wenig Fahrradständer am Markt")
    assert board.ctx.clusterer().evidence(key) == 0
    kept = board.add_card("Lärm von Motorrädern am Kanal")
    board.delete_card(kept.id)
    reopened = BoardService(database, lab_id)
    reopened.restore_card(kept.id)               # the deletion undone after a restart, before the next card
    reopened.add_card("Abstellanlage für Räder am Rathaus ist voll")
    assert reopened.ctx.clusterer().evidence(key) == 1
    assert BoardService(database, lab_id).ctx.clusterer().evidence(key) == 1


def test_undoing_a_merge_gives_the_confirmations_back_to_the_merged_topic(lab_db):
    database, lab_id = lab_db
    board = BoardService(database, lab_id)
    noise = board.add_card("Nachts laute Musik am Bahnhof")
    board.add_card("Überall Hundekot auf dem Gehweg")            # the first card was confirmed in its topic
    source = board.get_card(noise.id).cluster_id
    keys = {c.id: c.key for c in board.clusters()}
    target = next(c for c in board.clusters() if c.id != source)
    merged_evidence = board.ctx.clusterer().evidence(keys[target.id])
    result = board.merge_clusters(source, target.id)
    assert board.ctx.clusterer().evidence(keys[target.id]) > merged_evidence
    board.undo_regroup(result)
    assert board.ctx.clusterer().evidence(keys[source]) == 1
    assert BoardService(database, lab_id).ctx.clusterer().evidence(keys[source]) == 1
