"""Small UI defects left by the visual QA pass: narrow spin boxes and name dialogs, a card list that
scrolled sideways, a doubled blank line, an empty state that ignored the filter, a presenter results
page too large for small projectors and a side panel that widened with its tab counts."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QLineEdit

from quartierslabor_app.core.board.state import CardState, VoteBudget

from window_helpers import open_main_window, settle

LONG_CARD = ("Der Weg durch den Park ist abends zu dunkel, ich gehe dort nicht mehr allein entlang, "
             "seit die Laternen am Spielplatz kaputt sind und niemand sie repariert.")


@pytest.mark.parametrize("language", ["de", "en"])
def test_budget_spin_box_leaves_room_around_no_budget(qtbot, request, language):
    if language == "en":
        request.getfixturevalue("english")
    from quartierslabor_app.qt.board.dialogs import BudgetDialog

    dialog = BudgetDialog(VoteBudget(0, 27))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    spin = dialog.points
    assert spin.text() == spin.specialValueText() and spin.text()
    edit = spin.findChild(QLineEdit)
    # the text plus QLineEdit's own 2 px margins on each side plus the cursor, and some air
    assert edit.width() - edit.fontMetrics().horizontalAdvance(spin.text()) >= 10


def _card(card_id: int, text: str) -> CardState:
    return CardState(id=card_id, text=text, cluster_id=1)


def test_split_dialog_wraps_long_card_texts(qtbot):
    from quartierslabor_app.qt.board.dialogs import SplitDialog

    cards = [_card(1, LONG_CARD), _card(2, "Kurz"), _card(3, LONG_CARD + " " + LONG_CARD)]
    dialog = SplitDialog("Sicherheit", cards, [1])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    view = dialog.list
    viewport = view.viewport().rect()
    assert view.horizontalScrollBar().maximum() == 0
    heights = []
    for row in range(view.count()):
        rect = view.visualItemRect(view.item(row))
        assert rect.right() <= viewport.right() + 1, (row, rect, viewport)
        heights.append(rect.height())
    assert heights[0] > heights[1] and heights[2] > heights[0]     # long texts take more lines


def _blank_runs(image, top: int, bottom: int) -> list[int]:
    """Heights of the pixel rows without ink (darker than the background) between ``top`` and ``bottom``."""
    background = image.pixelColor(2, top).lightness()
    runs, run, seen_ink = [], 0, False
    for y in range(top, bottom):
        ink = any(image.pixelColor(x, y).lightness() < background - 60 for x in range(image.width()))
        if ink:
            if seen_ink and run:
                runs.append(run)
            run, seen_ink = 0, True
        else:
            run += 1
    return runs


@pytest.mark.parametrize("with_backup", [True, False])
def test_database_problem_dialog_has_one_blank_line_before_the_note(qtbot, tmp_path, with_backup):
    from quartierslabor_app.core.errors import DatabaseError
    from quartierslabor_app.qt.widgets.database_problem_dialog import DatabaseProblemDialog

    backup = tmp_path / "quartierslabor-2026-03-01-1200.sqlite3"
    backup.write_bytes(b"x" * 100)
    dialog = DatabaseProblemDialog(DatabaseError("Die Datei ist keine gültige Datenbank (file is not a database)."),
                                   [backup] if with_backup else [], tmp_path / "t.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    image = dialog.grab().toImage()
    labels = [dialog.message_label, *[label for label in dialog.findChildren(type(dialog.message_label))
                                      if label is not dialog.message_label]]
    top = min(label.geometry().top() for label in labels)
    bottom = max(label.geometry().bottom() for label in labels)
    runs = _blank_runs(image, top, bottom + 1)
    # headline / message / note: the gaps between the three paragraphs (and within them the line gaps)
    assert len(runs) >= 2, runs
    line = dialog.fontMetrics().lineSpacing()
    assert max(runs) <= 1.5 * line, (runs, line)


def _close_next_dialog(seen: list) -> None:
    """Note what the next modal dialog shows, then cancel it (a real, blocking exec())."""
    from PySide6.QtCore import QTimer

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(5, look)
            return
        edit = dialog.findChild(QLineEdit)
        seen.append((dialog.windowTitle(), dialog.width(), edit.width(),
                     edit.fontMetrics().horizontalAdvance(edit.text())))
        dialog.reject()

    QTimer.singleShot(0, look)


def test_group_and_lab_name_dialogs_are_wide_enough_for_long_names(qtbot, db, example_lab):
    from quartierslabor_app.core.board.state import DiscoveryProposal

    from quartierslabor_app.core import lab_service

    lab_service.rename_lab(db, example_lab, "Quartierslabor Innenstadt-Nord 2026")
    win = open_main_window(qtbot, db, example_lab)
    win.select_step("Workshop")
    settle()
    view = win.step_view("Workshop")
    store = view.controller.store
    longest = max(store.ordered_clusters(), key=lambda c: len(c.name))
    proposal = DiscoveryProposal(name="Beleuchtung und Sicherheit auf dem Weg zur Schule", card_ids=())
    lab_name = win.current_lab().name
    seen: list = []
    for ask in (lambda: view.editing.rename_cluster_dialog(longest.id), view.editing.create_cluster_dialog,
                lambda: view.editing.group_selected([next(iter(store.cards))]), lambda: view.editing.accept_proposal(proposal),
                win.rename_lab):
        _close_next_dialog(seen)
        ask()
    assert [title for title, *_ in seen] == ["Thema umbenennen", "Neues Thema", "Neues Thema",
                                             "Neues Thema übernehmen", "Labor umbenennen"]
    assert len(longest.name) > 25 and len(lab_name) > 25
    for title, width, edit_width, text_width in seen:
        assert width >= 400, title
        assert edit_width >= text_width + 8, (title, edit_width, text_width)     # the given name shows in full
    assert store.clusters[longest.id].name == longest.name      # cancelled: nothing renamed


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_filter_that_matches_no_lab_says_so_and_offers_to_clear_it(qtbot, request, db, example_lab, language):
    if language == "en":
        request.getfixturevalue("english")
    win = open_main_window(qtbot, db, example_lab)
    assert win.current_lab() is not None
    win.filter_edit.setText("zz<b>")
    settle()
    assert win.step_stack.currentWidget() is win.empty_label and win.empty_label.isVisible()
    text = win.empty_label.text()
    expected = ("Kein Labor passt zum Filter „zz&lt;b&gt;“." if language == "de"
                else "No lab matches the filter “zz&lt;b&gt;”.")
    assert expected in text, text
    assert "ausgewählt" not in text and "selected" not in text
    assert 'href="clear-filter"' in text
    win.empty_label.linkActivated.emit("clear-filter")
    settle()
    assert win.filter_edit.text() == ""
    assert win.current_lab() is not None and win.current_lab().id == example_lab
    assert win.step_stack.currentWidget() is not win.empty_label
    # typing a filter that matches again, then one that does not: the text follows the filter
    win.filter_edit.setText("qq")
    assert "„qq“" in win.empty_label.text() or "“qq”" in win.empty_label.text()


def test_without_any_lab_the_empty_state_still_invites_to_create_one(qtbot, db):
    from quartierslabor_app.qt.main_window import MainWindow
    from quartierslabor_app.qt.steps.step_area import empty_text

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    win.reload_labs()
    win.filter_edit.setText("zz")
    settle()
    assert win.empty_label.text() == empty_text()


class _RecordingPainter(QPainter):
    """Records every text drawn into a rectangle."""
    texts: list = []

    def drawText(self, *args):
        if args and isinstance(args[0], QRectF) and len(args) == 3:
            _RecordingPainter.texts.append(args[2])
        return super().drawText(*args)


class _Screen:
    """A projector of the given size, as far as PresenterWindow.fit_to_screen asks."""

    def __init__(self, width: int, height: int) -> None:
        self._geometry = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self._geometry


def test_presenter_results_page_scales_to_a_small_projector(qtbot, monkeypatch, db, example_lab):
    from quartierslabor_app.qt.board import vote_results

    win = open_main_window(qtbot, db, example_lab)
    win.select_step("Workshop")
    settle()
    view = win.step_view("Workshop")
    clusters, cards, _status = view.dot_vote.results_data()
    assert len(clusters) >= 10 and len(cards) >= 8
    presenter = view.presentation.open(fullscreen=False)
    qtbot.waitExposed(presenter)
    presenter.fit_to_screen(_Screen(1280, 720))
    presenter.resize(1280, 720)
    view.toolbar.results_button.setChecked(True)
    settle()
    assert presenter.showing_results and presenter.results.height() < 720
    monkeypatch.setattr(vote_results, "QPainter", _RecordingPainter)
    _RecordingPainter.texts = []
    presenter.results.grab()
    drawn = _RecordingPainter.texts
    # every group is listed, and the cards column is there beside them
    assert all(item.label in drawn for item in clusters), [i.label for i in clusters if i.label not in drawn]
    assert "KARTEN" in drawn
    card_rows = sum(1 for text in drawn if any(text.rstrip("…") and c.label.startswith(text.rstrip("…"))
                                               for c in cards))
    assert card_rows >= 8
    # zooming on the projector changes the results page's type along with the board's
    before = presenter.results.row_font.pointSizeF()
    presenter.zoom(1.15)
    assert presenter.results.row_font.pointSizeF() > before
    view.presentation.close()


def test_side_panel_keeps_its_width_when_tab_titles_show_counts(qtbot, db, example_lab):
    from quartierslabor_app.core.board.state import DiscoveryProposal

    win = open_main_window(qtbot, db, example_lab)
    win.select_step("Workshop")
    settle()
    view = win.step_view("Workshop")
    side = view.side
    start = (side.width(), side.minimumSizeHint().width(), view.splitter.sizes(), view.board._layout_cols)
    assert start[3] >= 2               # 1280×720 with the lab list: two columns of groups

    def proposals(n: int) -> list:
        return [DiscoveryProposal(name=f"Vorschlag {i}", card_ids=(i,), texts=("Text",)) for i in range(n)]

    cards = [_card(1000 + i, f"Gelöscht {i}") for i in range(42)]
    for deleted, proposed in ((cards[:3], 0), (cards[:3], 4), (cards, 12), ([], 0)):
        side.set_deleted(deleted)
        side.set_proposals(proposals(proposed))
        settle()
        assert (side.width(), side.minimumSizeHint().width(), view.splitter.sizes(),
                view.board._layout_cols) == start, (side.tabText(side.trash_index), side.tabText(side.proposals_index))
    # every tab title is still shown in full
    bar = side.tabBar()
    side.set_deleted(cards)
    side.set_proposals(proposals(12))
    settle()
    for i in range(bar.count()):
        assert bar.tabRect(i).width() >= bar.fontMetrics().horizontalAdvance(bar.tabText(i)), bar.tabText(i)
    assert bar.tabRect(bar.count() - 1).right() <= side.width()
