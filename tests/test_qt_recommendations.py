"""RecommendationsView: create, edit, filter, sort, delete and undo — checking the database each step."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.recommendations.actors import list_actors
from quartierslabor_app.core.storage.models import Card, Cluster, Recommendation
from quartierslabor_app.qt.recommendations.recommendations_view import RecommendationsView
from quartierslabor_app.qt.recommendations.table_model import COLUMN_INDEX, ID_ROLE

CLUSTERS = [
    ("muell", "Müll und wilde Ablagerungen", "2.3;2.3.2",
     [("Sperrmüll liegt wochenlang an der Ecke.", 7), ("Mülleimer am Nordmarkt quellen über.", 3),
      ("Çöp kutuları çok az, her yer pis. 🙁", 5)]),
    ("licht", "Dunkle Wege und Angsträume", "1.2.3",
     [("Der Weg durch den Park ist abends stockdunkel.", 4), ("Brak oświetlenia na przystanku.", 2)]),
]


@pytest.fixture
def lab_id(db):
    with db.session() as s:
        lab = create_lab(s, "Quartierslabor Nordstadt", "Innenstadt-Nord", dt.date(2026, 3, 14))
        for pos, (key, name, codes, cards) in enumerate(CLUSTERS):
            cluster = Cluster(lab_id=lab.id, key=key, name=name, position=pos, handlungsfeld_codes=codes)
            s.add(cluster)
            s.flush()
            for text, votes in cards:
                s.add(Card(lab_id=lab.id, cluster_id=cluster.id, text=text, votes=votes))
        return lab.id


@pytest.fixture
def view(qtbot, db, lab_id):
    widget = RecommendationsView(db, lab_id)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    return widget


def cluster_id(db, key):
    with db.session() as s:
        return s.query(Cluster.id).filter(Cluster.key == key).scalar()


def db_recs(db):
    with db.session() as s:
        return {r.id: {"title": r.title, "text": r.text, "handlungsfeld_codes": r.handlungsfeld_codes,
                       "actor": r.actor, "priority": r.priority, "horizon": r.horizon, "place": r.place,
                       "status": r.status, "status_note": r.status_note, "cluster_id": r.cluster_id,
                       "linked_card_ids": r.linked_card_ids}
                for r in s.query(Recommendation).all()}


def add_rec(db, lab_id, **values):
    with db.session() as s:
        rec = Recommendation(lab_id=lab_id, **values)
        s.add(rec)
        s.flush()
        return rec.id


def choose(combo, text):
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def visible_ids(view):
    return [view.proxy.data(view.proxy.index(r, 0), ID_ROLE) for r in range(view.proxy.rowCount())]


def test_new_recommendation_from_cluster_is_prefilled_and_saved(view, db):
    assert view.empty_label.isVisible()
    # the cluster with the most votes is preselected
    assert view.cluster_list.selected_cluster_id() == cluster_id(db, "muell")
    assert view.new_for_cluster_button.isEnabled()
    muell = cluster_id(db, "muell")
    view.cluster_list.select_cluster(muell)
    assert view.new_for_cluster_button.isEnabled()
    view.new_for_cluster_button.click()
    recs = db_recs(db)
    assert len(recs) == 1
    (rec_id, rec), = recs.items()
    assert rec["title"] == "Müll und wilde Ablagerungen"
    assert rec["cluster_id"] == muell
    assert rec["handlungsfeld_codes"] == "2.3;2.3.2"
    assert rec["priority"] == "mittel" and rec["horizon"] == "kurzfristig" and rec["status"] == "offen"
    assert view.current_id() == rec_id
    assert view.form.record_id() == rec_id
    assert view.form.picker.codes() == ["2.3", "2.3.2"]
    assert view.empty_label.isHidden()
    # the form offers exactly the cluster's cards, most votes first
    texts = [view.form.cards_list.item(i).text() for i in range(view.form.cards_list.count())]
    assert len(texts) == 3 and texts[0].startswith("7 Pkt.") and "Sperrmüll" in texts[0]
    checked = [view.form.cards_list.item(i).checkState() for i in range(view.form.cards_list.count())]
    assert checked == [Qt.CheckState.Checked] * 3                # the cluster's cards linked by default
    linked = db_recs(db)[rec_id]["linked_card_ids"].split(";")
    assert [int(x) for x in linked] == [view.form.cards_list.item(i).data(Qt.ItemDataRole.UserRole)
                                        for i in range(3)]


def test_every_form_edit_is_saved_at_once(view, db, qtbot):
    rec_id = view.new_recommendation(cluster_id(db, "licht"))
    form = view.form

    form.title_edit.setFocus()
    form.title_edit.selectAll()
    QTest.keyClicks(form.title_edit, "Beleuchtung")  # QTest types ASCII only
    form.title_edit.insert(" im Park – Łódź-Straße 🌙")
    form.title_edit.textEdited.emit(form.title_edit.text())
    form.title_edit.editingFinished.emit()
    assert db_recs(db)[rec_id]["title"] == "Beleuchtung im Park – Łódź-Straße 🌙"

    form.text_edit.setFocus()
    QTest.keyClicks(form.text_edit, "Lampen erneuern")
    # saved after a short typing pause, without leaving the field
    qtbot.waitUntil(lambda: db_recs(db)[rec_id]["text"] == "Lampen erneuern")

    choose(form.priority_combo, "hoch")
    choose(form.horizon_combo, "sofort")
    choose(form.status_combo, "in Arbeit")
    form.status_note_edit.setText("Auftrag an Tiefbauamt")
    form.status_note_edit.editingFinished.emit()
    form.place_edit.setText("Hoeschpark")
    form.place_edit.editingFinished.emit()
    form.picker.set_code_checked("2.1", True)
    form.picker.set_code_checked("1.2.3", False)
    form.actor_combo.setEditText("Tiefbauamt")
    form.actor_combo.lineEdit().editingFinished.emit()
    first = form.cards_list.item(0)
    first_card = first.data(Qt.ItemDataRole.UserRole)
    # made from the cluster: its cards are linked by default; the checklist takes one back
    assert [form.cards_list.item(i).checkState() for i in range(form.cards_list.count())] == [
        Qt.CheckState.Checked] * 2
    form.cards_list.item(1).setCheckState(Qt.CheckState.Unchecked)

    rec = db_recs(db)[rec_id]
    assert rec["priority"] == "hoch" and rec["horizon"] == "sofort"
    assert rec["status"] == "in Arbeit" and rec["status_note"] == "Auftrag an Tiefbauamt"
    assert rec["place"] == "Hoeschpark"
    assert rec["handlungsfeld_codes"] == "2.1"
    assert rec["actor"] == "Tiefbauamt"
    assert rec["linked_card_ids"] == str(first_card)
    assert form.cards_list.item(0).checkState() == Qt.CheckState.Checked
    # the table shows the linked card's votes
    row = view.proxy.mapFromSource(view.model.index(view.model.row_of(rec_id), COLUMN_INDEX["votes"]))
    assert view.proxy.data(row) == "4"

    # moving to another cluster
    choose(form.cluster_combo, "Müll und wilde Ablagerungen (3 Anliegen, 15 Punkte)")
    assert db_recs(db)[rec_id]["cluster_id"] == cluster_id(db, "muell")


def test_cluster_chosen_later_proposes_handlungsfelder(view, db):
    rec_id = view.new_recommendation(None)
    assert view.empty_label.isHidden()
    assert db_recs(db)[rec_id]["handlungsfeld_codes"] == ""
    choose(view.form.cluster_combo, "Dunkle Wege und Angsträume (2 Anliegen, 6 Punkte)")
    rec = db_recs(db)[rec_id]
    assert rec["cluster_id"] == cluster_id(db, "licht") and rec["handlungsfeld_codes"] == "1.2.3"
    assert view.form.picker.codes() == ["1.2.3"]
    view.undo_stack.undo()  # one step takes back both
    rec = db_recs(db)[rec_id]
    assert rec["cluster_id"] is None and rec["handlungsfeld_codes"] == ""
    # with codes already chosen, changing the cluster leaves them alone
    view.form.picker.set_code_checked("2.1", True)
    choose(view.form.cluster_combo, "Müll und wilde Ablagerungen (3 Anliegen, 15 Punkte)")
    assert db_recs(db)[rec_id]["handlungsfeld_codes"] == "2.1"


def test_new_actor_is_added_to_the_city_list(view, db):
    view.new_button.click()  # across clusters
    rec_id = view.current_id()
    assert db_recs(db)[rec_id]["cluster_id"] is None
    view.form.actor_combo.setEditText("Seniorenbeirat Nordstadt")
    view.form.actor_combo.lineEdit().editingFinished.emit()
    assert db_recs(db)[rec_id]["actor"] == "Seniorenbeirat Nordstadt"
    with db.session() as s:
        assert "Seniorenbeirat Nordstadt" in list_actors(s)
    assert view.form.actor_combo.findText("Seniorenbeirat Nordstadt") >= 0


def test_undo_redo_create_edit_delete(view, db, monkeypatch):
    rec_id = view.new_recommendation(cluster_id(db, "muell"))
    view.form.title_edit.setText("Sperrmülltag")
    view.form.title_edit.editingFinished.emit()
    choose(view.form.priority_combo, "hoch")
    assert db_recs(db)[rec_id]["title"] == "Sperrmülltag"

    view.undo_stack.undo()  # priority
    assert db_recs(db)[rec_id]["priority"] == "mittel"
    assert view.form.priority_combo.currentText() == "mittel"
    view.undo_stack.undo()  # title
    assert db_recs(db)[rec_id]["title"] == "Müll und wilde Ablagerungen"
    assert view.form.title_edit.text() == "Müll und wilde Ablagerungen"
    view.undo_stack.undo()  # create
    assert db_recs(db) == {}
    assert view.model.rowCount() == 0
    view.undo_stack.redo()
    view.undo_stack.redo()
    view.undo_stack.redo()
    rec = db_recs(db)[rec_id]
    assert rec["title"] == "Sperrmülltag" and rec["priority"] == "hoch"

    # delete asks first; "No" keeps it
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not view.delete_current()
    assert rec_id in db_recs(db)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert view.delete_current()
    assert db_recs(db) == {}
    # the Delete key in the table asks too
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    view.undo_stack.undo()
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert rec_id in db_recs(db)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert db_recs(db) == {}
    # Ctrl+Z brings it back with every field; Ctrl+Shift+Z deletes it again
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db_recs(db) == {rec_id: rec}
    assert view.current_id() == rec_id
    QTest.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert db_recs(db) == {}
    # undo delete + title edit afterwards: later commands still find the record
    view.undo_stack.undo()
    view.undo_stack.undo()
    assert db_recs(db)[rec_id]["priority"] == "mittel"


def test_typing_session_is_one_undo_step(view, db, qtbot):
    rec_id = view.new_recommendation(None)
    view.form.text_edit.setFocus()
    QTest.keyClicks(view.form.text_edit, "Erst")
    qtbot.waitUntil(lambda: db_recs(db)[rec_id]["text"] == "Erst")
    QTest.keyClicks(view.form.text_edit, " und dann mehr")
    qtbot.waitUntil(lambda: db_recs(db)[rec_id]["text"] == "Erst und dann mehr")
    view.undo_stack.undo()
    assert db_recs(db)[rec_id]["text"] == ""
    assert view.form.text_edit.toPlainText() == ""


def test_invalid_edit_is_refused_with_german_message(view, db, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    rec_id = view.new_recommendation(None)
    view.form.place_edit.setText("x" * 250)
    view.form.place_edit.editingFinished.emit()
    assert db_recs(db)[rec_id]["place"] == ""
    assert shown and "zu lang" in shown[0]
    assert view.undo_stack.count() == 1  # only the create; the refused edit is not on the stack
    # an empty title is not accepted: the old one stays
    view.form.title_edit.setText("   ")
    view.form.title_edit.editingFinished.emit()
    assert db_recs(db)[rec_id]["title"] == "Neue Empfehlung"


def test_filter_and_sort(view, db, lab_id):
    muell, licht = cluster_id(db, "muell"), cluster_id(db, "licht")
    ids = {
        "a": add_rec(db, lab_id, title="Zebrastreifen", priority="niedrig", horizon="langfristig",
                     handlungsfeld_codes="1.2.2", actor="Stadtplanung", status="offen"),
        "b": add_rec(db, lab_id, title="Abfallbehälter", priority="hoch", horizon="sofort", cluster_id=muell,
                     handlungsfeld_codes="2.3.2", actor="EDG (Entsorgung Dortmund)", status="umgesetzt",
                     place="Nordmarkt"),
        "c": add_rec(db, lab_id, title="Mehr Licht", priority="mittel", horizon="mittelfristig", cluster_id=licht,
                     handlungsfeld_codes="1.2.3;2.3", actor="Tiefbauamt", status="in Arbeit"),
    }
    view.refresh()
    assert sorted(visible_ids(view)) == sorted(ids.values())

    view.table.sortByColumn(COLUMN_INDEX["priority"], Qt.SortOrder.AscendingOrder)
    assert visible_ids(view) == [ids["b"], ids["c"], ids["a"]]  # hoch, mittel, niedrig
    view.table.sortByColumn(COLUMN_INDEX["horizon"], Qt.SortOrder.DescendingOrder)
    assert visible_ids(view) == [ids["a"], ids["c"], ids["b"]]
    view.table.sortByColumn(COLUMN_INDEX["title"], Qt.SortOrder.AscendingOrder)
    assert visible_ids(view) == [ids["b"], ids["c"], ids["a"]]

    bar = view.filter_bar
    assert bar.set_filter("handlungsfeld", "2.3")  # matches 2.3 and its sub-field 2.3.2
    assert sorted(visible_ids(view)) == sorted([ids["b"], ids["c"]])
    assert bar.set_filter("status", "umgesetzt")
    assert visible_ids(view) == [ids["b"]]
    assert view.count_label.text() == "1 von 3 Empfehlungen"
    bar.reset()
    assert bar.set_filter("cluster", licht)
    assert visible_ids(view) == [ids["c"]]
    bar.reset()
    assert bar.set_filter("actor", "Stadtplanung")
    assert visible_ids(view) == [ids["a"]]
    bar.reset()
    assert bar.set_filter("priority", "hoch")
    assert bar.set_filter("horizon", "sofort")
    assert visible_ids(view) == [ids["b"]]
    bar.reset()
    bar.text_edit.setText("nordmarkt")  # found in the place
    assert visible_ids(view) == [ids["b"]]
    bar.reset()

    # a record edited so that it no longer matches the filter stays visible while it is edited
    assert bar.set_filter("status", "offen")
    assert visible_ids(view) == [ids["a"]]
    view.select_recommendation(ids["a"])
    choose(view.form.status_combo, "verworfen")
    assert db_recs(db)[ids["a"]]["status"] == "verworfen"
    assert visible_ids(view) == [ids["a"]] and view.current_id() == ids["a"]
    assert view.form.record_id() == ids["a"]
    bar.reset()
    assert bar.set_filter("status", "offen")
    assert visible_ids(view) == []
    bar.reset()

    # editing a row re-sorts it and the database follows
    view.table.sortByColumn(COLUMN_INDEX["priority"], Qt.SortOrder.AscendingOrder)
    view.select_recommendation(ids["a"])
    choose(view.form.priority_combo, "hoch")
    assert db_recs(db)[ids["a"]]["priority"] == "hoch"
    assert visible_ids(view)[-1] == ids["c"]


def test_changed_signal_after_saved_edits(view, qtbot):
    with qtbot.waitSignal(view.changed):
        rec_id = view.new_recommendation(None)
    with qtbot.waitSignal(view.changed):
        choose(view.form.status_combo, "umgesetzt")
    with qtbot.waitSignal(view.changed):
        view.undo_stack.undo()
    assert view.current_row().id == rec_id and view.current_row().status == "offen"


def test_refresh_picks_up_changes_from_elsewhere(view, db, lab_id):
    assert view.model.rowCount() == 0
    rec_id = add_rec(db, lab_id, title="Von woanders", priority="hoch")
    view.refresh()
    assert visible_ids(view) == [rec_id]
    assert view.form.title_edit.text() == "Von woanders"


def test_qt_binding_does_not_leak_references_to_none(qtbot):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call; a session of
    editing recommendations makes thousands of such calls and the app died with "none_dealloc".
    (pyproject pins PySide6-Essentials below 6.12.)"""
    import gc
    import sys

    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    qtbot.addWidget(combo)
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(2000):
        combo.addItem(f"Eintrag {i}", i)   # void call with data
        combo.setEnabled(True)             # plain void call
        combo.itemData(0)
    combo.clear()
    gc.collect()
    assert sys.getrefcount(None) >= before - 50


def test_english_ui_shows_translated_choices_and_stores_german_values(qtbot, db, lab_id, english):
    """Priority, horizon and status are stored in German (reports print them) but shown in English."""
    widget = RecommendationsView(db, lab_id)
    qtbot.addWidget(widget)
    rec_id = widget.new_recommendation(cluster_id(db, "licht"))
    form = widget.form
    assert form.priority_combo.currentText() == "medium" and form.priority_combo.currentData() == "mittel"
    assert form.horizon_combo.currentText() == "short term"
    assert form.status_combo.currentText() == "open"
    choose(form.priority_combo, "high")
    choose(form.horizon_combo, "immediate")
    choose(form.status_combo, "in progress")
    stored = db_recs(db)[rec_id]
    assert (stored["priority"], stored["horizon"], stored["status"]) == ("hoch", "sofort", "in Arbeit")
    row = visible_ids(widget).index(rec_id)
    cell = lambda key: widget.proxy.data(widget.proxy.index(row, COLUMN_INDEX[key]))  # noqa: E731
    assert (cell("priority"), cell("horizon"), cell("status")) == ("high", "immediate", "in progress")
    combo = widget.filter_bar.combos["status"]
    combo.setCurrentIndex(combo.findText("in progress"))
    assert combo.currentData() == "in Arbeit"
    assert visible_ids(widget) == [rec_id]
