"""No topic is cut off at the board's right edge: the board never gets wider than its scroll area,
also when a topic's name has a word longer than a column (seen in English at 1280x720 with the lab
list shown: the third column ran under the side panel)."""
from __future__ import annotations

import pytest

from window_helpers import open_main_window, settle


def _columns_cut(view, *, words: bool = True) -> list[str]:
    """Names of the topics whose column is cut off at the right edge (or, ``words``, too narrow for the
    longest word of its name)."""
    viewport = view.board_area.viewport()
    bad = []
    for column in view.board.columns.values():
        right = column.mapTo(viewport, column.rect().topRight()).x()
        if right >= viewport.width() or (words and column.width() < column.needed_width()):
            bad.append(column.cluster.name)
    return bad


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("lab_list", [True, False])
def test_every_topic_fits_beside_the_side_panel(qtbot, db, example_lab, request, language, lab_list):
    if language == "en":
        request.getfixturevalue("english")
    win = open_main_window(qtbot, db, example_lab, "Workshop")
    win.set_lab_list_visible(lab_list)
    view = win.step_view("Workshop")
    view.controller.create_cluster("Sicherheitsempfinden/Kriminalitätsfurcht")    # long words
    settle()
    assert view.board.width() <= view.board_area.viewport().width()
    assert _columns_cut(view) == []
    # narrower (the side panel dragged wider): the topics reflow into fewer columns, none cut off
    columns = view.board._layout_cols
    sizes = view.splitter.sizes()
    view.splitter.setSizes([sizes[0] - 200, sizes[1] + 200])
    settle()
    assert view.board._layout_cols < columns
    assert view.board.width() <= view.board_area.viewport().width()
    assert _columns_cut(view, words=view.board._layout_cols > 1) == []


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_topic_name_that_wraps_onto_three_lines_is_shown_whole(qtbot, db, example_lab, size):
    """In narrow columns "Beleuchtung und Angsträume" needs three lines; the header grows to show them all
    (the third line was cut off at 1920x1080)."""
    win = open_main_window(qtbot, db, example_lab, "Workshop")
    win.resize(*size)
    view = win.step_view("Workshop")
    view.controller.create_cluster("Beleuchtung und Angsträume und Sichtachsen")
    settle()
    for width in (120, 90):
        for column in view.board.columns.values():
            column.name_label.setFixedWidth(width)
        settle()
        for column in view.board.columns.values():
            label = column.name_label
            assert label.height() >= label.heightForWidth(label.width()), column.cluster.name
