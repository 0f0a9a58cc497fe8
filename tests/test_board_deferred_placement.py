"""Cards typed while the clusterer is still being built (off the GUI thread) are saved at once and placed later."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from quartierslabor_app.core.board import BoardService
from quartierslabor_app.core.board.context import FALLBACK_KEY, WAITING
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import Card, Cluster

LITTER = "Hundekot überall auf dem Gehweg"
NOISE = "Nachts laute Musik und Geschrei am Kiosk"


@pytest.fixture
def db(any_db):
    """Waiting cards are saved and placed the same on SQLite and on a real PostgreSQL server."""
    return any_db


@pytest.fixture
def service(db):
    with db.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    return BoardService(db, lab)


def stored(db, card_id):
    """(assigned_by, cluster key, reason) as committed."""
    with db.session() as session:
        card = session.get(Card, card_id)
        key = session.scalar(select(Cluster.key).where(Cluster.id == card.cluster_id))
        return card.assigned_by, key, card.reason


def test_card_typed_during_the_build_is_saved_waiting_and_placed_when_ready(db, service):
    token = service.begin_build()
    built = service.build_clusterer()          # on the worker thread in the app
    assert not service.ctx.clusterer_ready
    first = service.add_card(LITTER, place="Borsigplatz", defer=True)
    second = service.add_card(NOISE, defer=True)
    # saved at once, without building the clusterer here
    assert not service.ctx.clusterer_ready
    assert stored(db, first.id) == (WAITING, FALLBACK_KEY, "Sonstiges – wird gleich eingeordnet …")
    assert stored(db, second.id)[:2] == (WAITING, FALLBACK_KEY)
    assert service.finish_build(built, token) and service.ctx.clusterer_ready
    changes = service.place_waiting_cards()
    assert [c.after.id for c in changes] == [first.id, second.id]
    assert stored(db, first.id)[:2] == ("auto", "sauberkeit") and "Hundekot" in stored(db, first.id)[2]
    assert stored(db, second.id)[:2] == ("auto", "laerm")
    assert changes[0].after.place == "Borsigplatz" and changes[0].before.assigned_by == WAITING
    assert service.place_waiting_cards() == []
    # the placed cards are confirmed like typed ones when the next card comes
    service.add_card("Noch mehr Müll am Nordmarkt", defer=True)
    assert service.ctx.clusterer().evidence("laerm") == 1 and service.ctx.clusterer().evidence("sauberkeit") == 1


def test_without_a_build_running_defer_places_at_once(db, service):
    card = service.add_card(LITTER, defer=True)
    assert stored(db, card.id)[:2] == ("auto", "sauberkeit")


def test_a_build_that_missed_a_change_is_refused_and_the_next_one_has_it(service):
    token = service.begin_build()
    early = service.build_clusterer()          # read the database before the new topic existed
    card = service.add_card("Die Bänke am Teich sind immer belegt", defer=True)
    target = service.create_cluster("Sitzplätze").created[0]
    service.move_card(card.id, target.id)
    assert early.clusterer.cluster(target.key) is None
    assert not service.finish_build(early, token)
    assert not service.ctx.clusterer_ready and service.ctx.building
    token = service.begin_build()
    assert service.finish_build(service.build_clusterer(), token)
    assert service.ctx.clusterer().cluster(target.key) is not None and not service.ctx.building


def test_a_clusterer_built_meanwhile_on_the_spot_is_kept(service):
    token = service.begin_build()
    built = service.build_clusterer()
    service.warm_up()                           # e.g. a re-clustering asked for it before the build was done
    in_place = service.ctx.clusterer()
    assert service.finish_build(built, token) and service.ctx.clusterer() is in_place


def test_a_waiting_card_pinned_by_hand_stays_and_one_left_by_a_crash_is_placed_later(db, service):
    service.begin_build()
    pinned = service.add_card(LITTER, defer=True)
    left = service.add_card(NOISE, defer=True)
    service.pin_card(pinned.id, pos_y=0.5)
    # the app dies before the build is done: a new session places what waited
    again = BoardService(db, service.lab_id)
    again.warm_up()
    again.place_waiting_cards()
    assert stored(db, pinned.id)[:2] == ("user", FALLBACK_KEY)
    assert stored(db, pinned.id)[2].endswith("von Hand zugeordnet")
    assert stored(db, left.id)[:2] == ("auto", "laerm")
