"""Visual defects found in the QA pass over every window (German and English): text that was cut
off or touched by an arrow, windows that grew past a small screen, clashing mnemonics."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from quartierslabor_app.core.retention import RetentionStatus

from window_helpers import open_main_window, settle

MAX_WIDTH = 1240     # as in test_qt_window_fits: 1280 minus frame and a little room


def _ink(a: QImage, b: QImage) -> QRect:
    """Bounding box of the pixels where two renderings of the same widget differ."""
    box = QRect()
    for y in range(a.height()):
        for x in range(a.width()):
            if a.pixel(x, y) != b.pixel(x, y):
                box = box.united(QRect(x, y, 1, 1))
    return box


def _arrow_and_text(button) -> tuple[QRect, QRect]:
    full = button.grab().toImage()
    text = button.text()
    button.setText("")
    no_text = button.grab().toImage()
    button.setText(text)
    menu = button.menu()
    button.setMenu(None)
    no_menu = button.grab().toImage()
    button.setMenu(menu)
    return _ink(full, no_text), _ink(full, no_menu)


@pytest.mark.parametrize("language", ["de", "en"])
def test_city_button_menu_arrow_keeps_clear_of_its_text(qtbot, request, db, example_lab, language):
    if language == "en":
        request.getfixturevalue("english")
    view = open_main_window(qtbot, db, example_lab, "Workshop").step_view("Workshop")
    button = view.toolbar.city_button
    assert button.menu() is not None
    text_box, arrow_box = _arrow_and_text(button)
    assert not text_box.isNull()
    # either Qt draws no arrow of its own (the text carries it) or it keeps a gap to the letters
    assert arrow_box.isNull() or arrow_box.left() - text_box.right() >= 4, (text_box, arrow_box)
    assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())


def test_dot_vote_hint_wraps_instead_of_widening_the_window(qtbot, db, example_lab):
    win = open_main_window(qtbot, db, example_lab, "Workshop")
    view = win.step_view("Workshop")
    qtbot.waitUntil(lambda: view.clusterer_loader.ready_now)    # its status line would replace the hint
    view.dot_vote.set_on(True)
    settle()
    assert "Punktabfrage:" in view.status.text()
    assert win.width() == 1280 and win.height() == 720
    assert win.minimumSizeHint().width() <= MAX_WIDTH
    view.dot_vote.set_on(False)


class _RecordingPainter(QPainter):
    """Records every text drawn into a rectangle, with the font it was drawn in."""
    calls: list = []

    def drawText(self, *args):
        if args and isinstance(args[0], QRectF) and len(args) == 3:
            _RecordingPainter.calls.append((QRectF(args[0]), int(args[1]), args[2], self.font()))
        return super().drawText(*args)


@pytest.mark.parametrize("with_votes", [False, True])
def test_vote_results_in_the_narrow_side_panel_draw_every_text_in_full(qtbot, monkeypatch, db, example_lab,
                                                                         with_votes):
    from quartierslabor_app.qt.board import vote_results

    monkeypatch.setattr(vote_results, "QPainter", _RecordingPainter)
    view = open_main_window(qtbot, db, example_lab, "Workshop").step_view("Workshop")
    widget = vote_results.VoteResultsWidget()
    qtbot.addWidget(widget)
    widget.resize(230, 330)          # the side panel at 1280×720 is about this wide (and tall)
    if with_votes:
        widget.set_results(*view.dot_vote.results_data())
    _RecordingPainter.calls = []
    widget.grab()
    assert _RecordingPainter.calls
    for rect, flags, text, font in _RecordingPainter.calls:
        needed = QFontMetricsF(font).boundingRect(rect, flags, text)
        assert needed.width() <= rect.width() + 1 and needed.height() <= rect.height() + 1, (text, rect, needed)
        assert rect.bottom() <= widget.height() + 1, (text, rect)     # nothing cut off at the bottom edge


def test_vote_results_on_a_wide_side_panel_name_every_topic_in_full(qtbot, monkeypatch, db, example_lab):
    from quartierslabor_app.qt.board import vote_results

    monkeypatch.setattr(vote_results, "QPainter", _RecordingPainter)
    view = open_main_window(qtbot, db, example_lab, "Workshop").step_view("Workshop")
    clusters, cards, budget = view.dot_vote.results_data()
    widget = vote_results.VoteResultsWidget()
    qtbot.addWidget(widget)
    widget.resize(470, 700)          # the side panel at 1920×1080
    widget.set_results(clusters, cards, budget)
    _RecordingPainter.calls = []
    widget.grab()
    drawn = {text for _rect, _flags, text, _font in _RecordingPainter.calls}
    names = [c.label for c in clusters if c.votes]
    assert names and all(name in drawn for name in names), [n for n in names if n not in drawn]



def test_vote_results_in_the_narrow_side_panel_wrap_long_topic_names_instead_of_eliding(qtbot, monkeypatch, db,
                                                                                        example_lab):
    from quartierslabor_app.qt.board import vote_results

    monkeypatch.setattr(vote_results, "QPainter", _RecordingPainter)
    view = open_main_window(qtbot, db, example_lab, "Workshop").step_view("Workshop")
    clusters, cards, budget = view.dot_vote.results_data()
    widget = vote_results.VoteResultsWidget()
    qtbot.addWidget(widget)
    widget.resize(230, 900)          # the side panel at 1280×720, tall enough for every row
    widget.set_results(clusters, cards, budget)
    _RecordingPainter.calls = []
    widget.grab()
    drawn = {text: (rect, flags, font) for rect, flags, text, font in _RecordingPainter.calls}
    names = [c.label for c in clusters if c.votes]
    assert names and all(name in drawn for name in names), [n for n in names if n not in drawn]
    long_cards = [c.label for c in cards if c.votes and c.label not in drawn]
    assert long_cards, "some card texts are longer than two lines at this width"
    shortened = [text for text in drawn if text.endswith(" …")]
    assert shortened and all(drawn[t][0].height() <= 3 * QFontMetricsF(drawn[t][2]).height() for t in shortened)
    wrapped = [name for name in names
               if drawn[name][0].height() >= 2 * QFontMetricsF(drawn[name][2]).height()]
    assert wrapped, "no topic name in the example lab is long enough to need a second line at this width"

def test_presenter_fits_the_projector_screen_and_shows_the_topics_with_cards(qtbot, db, example_lab):
    view = open_main_window(qtbot, db, example_lab, "Workshop").step_view("Workshop")
    screen = QApplication.screens()[0]
    presenter = view.presentation.open(screen=screen, fullscreen=False)
    qtbot.waitExposed(presenter)
    settle()
    available = screen.availableGeometry()
    hint = presenter.minimumSizeHint()
    assert hint.width() <= available.width() and hint.height() <= available.height(), (hint, available)
    # the wall shows the topics that have cards, each card once; empty topics take no room
    layout = presenter.board.wall_layout()
    store = view.controller.store
    shown_cards, shown_topics = [], set()
    for page in range(layout.pages):
        presenter.board.page = page
        presenter.board.relayout()
        shown_cards += [p.card.id for p in presenter.board.wall_layout().cards]
        shown_topics |= {h.cluster.id for h in presenter.board.wall_layout().headers}
    assert sorted(shown_cards) == sorted(store.cards)
    assert shown_topics == {c.cluster_id for c in store.cards.values()}
    # the board on the laptop still invites dragging
    laptop = [c for c in view.board.columns.values() if c.model.rowCount() == 0]
    assert laptop and all(c.empty_label.text() == "Karten hierher ziehen" for c in laptop)
    view.presentation.close()


def test_recommendation_form_combos_show_clipped_entries_in_the_tooltip(qtbot, db, example_lab):
    from quartierslabor_app.qt.recommendations.form import RecommendationForm

    win = open_main_window(qtbot, db, example_lab, "Empfehlungen")
    form = win.step_view("Empfehlungen").findChild(RecommendationForm)
    combo = form.cluster_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    long_entry = max(range(combo.count()), key=lambda i: len(texts[i]))
    combo.setCurrentIndex(long_entry)
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) > combo.width()    # really clipped
    assert combo.toolTip() == combo.currentText()
    assert all(" 1 Punkte" not in t for t in texts)
    form.actor_combo.setEditText("Bewohnerinnen und Bewohner des Quartiers Nordmarkt")
    assert form.actor_combo.toolTip() == "Bewohnerinnen und Bewohner des Quartiers Nordmarkt"


def test_card_details_say_pinned_and_one_dot_in_english(qtbot, english):
    from quartierslabor_app.core.board.state import CardState
    from quartierslabor_app.qt.board.side_panel import CardDetails

    details = CardDetails()
    qtbot.addWidget(details)
    card = CardState(id=1, cluster_id=None, text="Laute Musik", assigned_by="user", pinned=True, votes=1)
    details.show_card(card, None)
    assert details.meta.text().splitlines()[-2:] == ["pinned", "1 dot"]


def test_retention_reminder_wraps_long_lines_and_counts_one_person(qtbot):
    from quartierslabor_app.qt.labs.retention_reminder import RetentionReminderDialog, status_summary

    one = RetentionStatus(1, "Quartierslabor Innenstadt-Nord mit einem sehr langen Namen", "Innenstadt-Nord",
                          None, dt.date(2026, 3, 1), 1, 1)
    undated = RetentionStatus(2, "Eving", "Eving", None, None, 3, None)
    assert status_summary(one).endswith(": 1 Person, löschen ab 01.03.2026 – in 1 Tag")
    assert status_summary(undated) == "Eving (Eving): 3 Personen, noch kein Löschdatum (Labor ohne Datum)"
    dialog = RetentionReminderDialog([one, undated])
    qtbot.addWidget(dialog)
    assert dialog.list.wordWrap()
    assert dialog.list.item(0).toolTip() == status_summary(one)


def test_draw_wizard_and_letter_dialog_fit_the_screen(qtbot, db, example_lab):
    from quartierslabor_app.qt.draw.invitation_view import InvitationView
    from quartierslabor_app.qt.draw.letter_dialog import LetterDialog

    view = InvitationView(db, example_lab)
    qtbot.addWidget(view)
    available = view.screen().availableGeometry()
    wizard = view.open_wizard()
    letters = LetterDialog(db, view.lab(), view)
    qtbot.addWidget(letters)
    for window in (wizard, letters):
        # the title bar and a task bar need room too: the buttons at the bottom must stay on screen
        assert window.height() <= available.height() - 60, (type(window).__name__, window.size(), available)
        assert window.width() <= available.width()
    wizard.reject()


def _mnemonic(text: str):
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _clashes(widget) -> list[str]:
    texts = [w.text() for w in widget.findChildren(QLabel) if "&" in w.text() and "<" not in w.text()]
    texts += [w.text() for w in widget.findChildren(QAbstractButton) if w.text()]
    keys = [_mnemonic(t) for t in texts]
    return [t for t, k in zip(texts, keys) if k and keys.count(k) > 1]


@pytest.mark.parametrize("language", ["de", "en"])
def test_mnemonics_unique_in_forms(qtbot, request, db, example_lab, language):
    if language == "en":
        request.getfixturevalue("english")
    from quartierslabor_app.qt.labs.lab_dialog import LabDialog
    from quartierslabor_app.qt.recommendations.form import RecommendationForm
    from quartierslabor_app.qt.settings.general_tabs import DataTab

    win = open_main_window(qtbot, db, example_lab, "Empfehlungen")
    form = win.step_view("Empfehlungen").findChild(RecommendationForm)
    tab = DataTab()
    qtbot.addWidget(tab)
    dialog = LabDialog(lambda values: None)
    qtbot.addWidget(dialog)
    for widget in (form, tab, dialog):
        assert _clashes(widget) == [], type(widget).__name__
    date_label = next(label for label in dialog.findChildren(QLabel) if label.buddy() is dialog.date_edit)
    assert _mnemonic(date_label.text())


def _below_the_buttons(dialog) -> list[str]:
    """Visible widgets (outside the button box) that end lower than the dialog's button box begins."""
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    top = box.mapTo(dialog, box.rect().topLeft()).y()
    out = []
    for widget in dialog.findChildren(QWidget):
        if widget is box or box.isAncestorOf(widget) or not widget.isVisible() or widget.parentWidget() is None:
            continue
        bottom = widget.mapTo(dialog, widget.rect().bottomLeft()).y()
        if bottom > top:
            out.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    return out


def test_dialog_buttons_are_the_last_row(qtbot, db, example_lab):
    from quartierslabor_app.qt.draw.invitation_view import InvitationView
    from quartierslabor_app.qt.draw.letter_dialog import LetterDialog
    from quartierslabor_app.qt.draw.panel_dialog import PanelDialog
    from quartierslabor_app.qt.labs.lab_dialog import LabDialog
    from quartierslabor_app.qt.settings.settings_dialog import SettingsDialog

    view = InvitationView(db, example_lab)
    qtbot.addWidget(view)
    for dialog in (LetterDialog(db, view.lab(), view), PanelDialog(db, example_lab, 12, parent=view),
                   LabDialog(lambda values: None, lab=view.lab(), parent=view), SettingsDialog(db, view)):
        dialog.show()
        qtbot.waitExposed(dialog)
        settle()
        assert _below_the_buttons(dialog) == [], type(dialog).__name__
        dialog.reject()
