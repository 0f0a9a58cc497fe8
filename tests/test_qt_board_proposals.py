"""Discovery proposals in the workshop's side panel: loose cards and sub-themes of an overfull group."""
from __future__ import annotations

import pytest

from quartierslabor_app.core.board.state import DiscoveryProposal
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.qt.board.side_panel import SidePanel
from quartierslabor_app.qt.board.workshop_view import WorkshopView
from quartierslabor_app.qt.widgets import name_dialog

from test_clustering_split import synthetic_lab


def _items(panel: SidePanel) -> list[str]:
    return [panel.proposal_list.item(i).text() for i in range(panel.proposal_list.count())]


def test_split_proposal_names_its_source_group_and_explains_itself(qtbot):
    panel = SidePanel()
    qtbot.addWidget(panel)
    loose = DiscoveryProposal(name="Baumwurzeln", card_ids=(1, 2, 3), texts=("Wurzeln heben den Weg", "Wurzeln"),
                              reason="gemeinsam: Wurzel")
    split = DiscoveryProposal(name="Ampel / Grün", card_ids=tuple(range(10, 40)), texts=("Ampel zu kurz grün",),
                              reason="Teilthema von „Verkehr“ – gemeinsam: Ampel, Grün", split_from="Verkehr")
    panel.set_proposals([loose, split])
    assert _items(panel) == ["Baumwurzeln (3 Karten)\nWurzeln heben den Weg · Wurzeln",
                             "Teilthema von „Verkehr“: Ampel / Grün (30 Karten)\nAmpel zu kurz grün"]
    assert panel.proposal_list.item(1).toolTip() == split.reason
    assert "Teilthemen" in panel.proposal_info.text()
    assert panel.tabText(panel.proposals_index) == "Vorschläge (2)"
    panel.set_proposals([])
    assert panel.proposal_info.text().startswith("Keine Vorschläge")
    panel.set_proposals([loose])      # the explanation comes back after an empty search
    assert panel.proposal_info.text() == panel.proposal_help()
    with qtbot.waitSignal(panel.proposal_accepted) as blocker:
        panel.proposal_list.setCurrentRow(0)
        panel.accept_button.click()
    assert blocker.args == [loose]


def test_english_split_heading(qtbot, english):
    panel = SidePanel()
    qtbot.addWidget(panel)
    panel.set_proposals([DiscoveryProposal(name="Ampel", card_ids=(1,), texts=("Ampel",), split_from="Verkehr")])
    assert _items(panel) == ["Sub-theme of “Verkehr”: Ampel (1 card)\nAmpel"]


@pytest.fixture
def overfull_view(qtbot, db):
    with db.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    view = WorkshopView(db, lab)
    qtbot.addWidget(view)
    cards, _gold = synthetic_lab()
    for text in cards:
        view.service.add_card(text)
    view.refresh()
    yield view
    view.close()


def test_accepting_a_split_moves_its_cards_into_a_new_group(qtbot, overfull_view, monkeypatch):
    view = overfull_view
    view.side.search_button.click()
    proposals = [view.side.proposal_list.item(i).data(256) for i in range(view.side.proposal_list.count())]
    split = next(p for p in proposals if p.split_from)
    row = proposals.index(split)
    assert view.side.currentIndex() == view.side.proposals_index
    monkeypatch.setattr(name_dialog, "ask_name", lambda *a, **k: ("Ampeln", True))
    groups_before = len(view.service.load_board().clusters)
    view.side.proposal_list.setCurrentRow(row)
    view.side.accept_button.click()
    board = view.service.load_board()
    new = next(c for c in board.clusters if c.name == "Ampeln")
    assert len(board.clusters) == groups_before + 1
    assert {c.id for c in board.cards if c.cluster_id == new.id} == set(split.card_ids)
    view.controller.undo_stack.undo()
    assert len(view.service.load_board().clusters) == groups_before
