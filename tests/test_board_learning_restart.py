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
