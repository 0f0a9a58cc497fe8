"""Discovery proposes a new topic only where accepting it should save moves (issue 10: with discovery never worse
than without). Own wordings and synthetic placements, never cards of a labelled set."""
from __future__ import annotations

from quartierslabor_app.core.board.replay import replay_session
from quartierslabor_app.core.clustering import Clusterer
from quartierslabor_app.core.clustering.clusterer import loosely_placed
from quartierslabor_app.core.clustering.model import Assignment, Reason

from test_board_learning_restart import _session

BENCHES = ["Bänke fehlen am Marktplatz", "Mehr Sitzbänke am Marktplatz", "Sitzbänke am Marktplatz kaputt",
           "Neue Sitzbänke für den Marktplatz"]
OTHERS = ["Krach nachts", "Müll überall", "Falschparker", "Laute Musik", "Müll im Park", "Parken auf dem Gehweg"]


def _placed(key: str, score: float, runner_up: float = 0.0) -> Assignment:
    return Assignment(key, key, "", score, False, [("x", runner_up)], details=Reason("cues", key))


def _groups(placements: list[Assignment], texts: list[str]):
    clusterer = Clusterer()
    clusterer.assign = lambda text: placements[texts.index(text)]     # the placements under test
    return clusterer.discovered_groups(texts)


def test_loosely_placed_means_nothing_fits_a_low_score_or_a_close_runner_up():
    assert loosely_placed(Assignment("sonstiges", "Sonstiges", "", 0.05, details=Reason("nothing", "Sonstiges")))
    assert loosely_placed(_placed("laerm", 0.2))
    assert loosely_placed(_placed("laerm", 0.5, runner_up=0.48))
    assert not loosely_placed(_placed("laerm", 0.5, runner_up=0.2))


def test_a_group_of_catch_all_cards_is_proposed():
    texts = OTHERS + BENCHES
    placements = [_placed("laerm", 0.7)] * 2 + [_placed("sauberkeit", 0.7)] * 2 + [_placed("parken", 0.7)] * 2 + \
        [_placed("sonstiges", 0.6)] * 4
    groups = _groups(placements, texts)
    assert [sorted(texts[i] for i in g.indices) for g in groups] == [sorted(BENCHES)]


def test_loosely_placed_cards_of_other_topics_do_not_make_a_topic_on_their_own():
    texts = OTHERS + BENCHES
    placements = [_placed("laerm", 0.7)] * 2 + [_placed("sauberkeit", 0.7)] * 2 + [_placed("parken", 0.7)] * 2 + \
        [_placed(k, 0.3) for k in ("laerm", "sauberkeit", "parken", "verkehr")]          # weak, but placed
    assert _groups(placements, texts) == []


def test_a_group_smaller_than_every_topic_in_use_is_not_proposed():
    texts = OTHERS * 2 + BENCHES[:3]
    texts = [f"{t} ({i})" for i, t in enumerate(texts)]
    placements = [_placed(k, 0.7) for k in ["laerm", "laerm", "sauberkeit", "sauberkeit", "parken", "parken"] * 2] + \
        [_placed("sonstiges", 0.6)] * 3
    assert _groups(placements, texts) == []          # every topic in use holds 4 cards, the group 3


def test_accepting_every_board_proposal_in_a_session_costs_no_move():
    """The facilitator's own topics are never split (their cards are where the facilitator wants them)."""
    own = [c for c in _session(3, 200) if c[1] == "Radverkehrsführung"][:40]
    cards = [c for pair in zip(own, _session(4, 40)) for c in pair]      # the facilitator's own topic is overfull
    without = replay_session(cards)
    with_discovery = replay_session(cards, discovery_every=15)
    assert sum(r.discovery_moves for r in with_discovery) == 0
    assert sum(r.corrected for r in with_discovery) <= sum(r.corrected for r in without)
