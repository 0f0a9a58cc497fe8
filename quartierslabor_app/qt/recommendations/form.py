"""The form of one recommendation. It only emits edits; the view saves them (with undo)."""
from __future__ import annotations

import itertools
from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget)

from .choice_labels import fill_choice_combo, select_choice
from .handlungsfeld_picker import HandlungsfeldPicker
from ...core.recommendations.rows import LabSnapshot, RecommendationRow, join_ids, split_codes, split_ids
from ...core import count_texts
from ..i18n import localized, translate

#: typing pauses longer than this save the text field
TYPING_SAVE_DELAY_MS = 600


class _FocusOutPlainTextEdit(QPlainTextEdit):
    focusLost = Signal()  # noqa: N815

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().focusOutEvent(event)
        self.focusLost.emit()


class RecommendationForm(QWidget):
    """Emits ``fieldEdited(field, value, merge_key)``; ``merge_key`` groups one typing session."""

    fieldEdited = Signal(str, object, object)  # noqa: N815
    actorEntered = Signal(str)  # a new actor typed by the user  # noqa: N815

    def __init__(self, catalogue: list[tuple[str, str]], choices: dict[str, tuple[str, ...]],
                 parent=None) -> None:
        super().__init__(parent)
        self._row: Optional[RecommendationRow] = None
        self._snapshot: Optional[LabSnapshot] = None
        self._loading = False
        self._session_counter = itertools.count(1)
        self._typing_session: dict[str, int] = {}

        self.setMinimumWidth(300)
        self.heading = QLabel(translate('RecommendationForm', 'Keine Empfehlung ausgewählt'))
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(translate('RecommendationForm', 'Kurzer, handlungsleitender Titel'))
        self.text_edit = _FocusOutPlainTextEdit()
        self.text_edit.setPlaceholderText(translate('RecommendationForm', 'Was soll wer tun? Begründung aus dem Quartierslabor …'))
        self.text_edit.setMinimumHeight(70)
        self.text_edit.setMaximumHeight(130)
        self.text_edit.setTabChangesFocus(True)
        self.picker = HandlungsfeldPicker(catalogue)
        self.picker.tree.setMinimumHeight(170)
        self.actor_combo = QComboBox()
        self.actor_combo.setEditable(True)
        self.actor_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actor_combo.lineEdit().setPlaceholderText(translate('RecommendationForm', 'Zuständige Stelle wählen oder eintragen'))
        self.priority_combo = QComboBox()
        fill_choice_combo(self.priority_combo, choices["priority"])
        self.horizon_combo = QComboBox()
        fill_choice_combo(self.horizon_combo, choices["horizon"])
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(translate('RecommendationForm', 'z. B. Nordmarkt, Spielplatz Bornstraße'))
        self.cluster_combo = QComboBox()
        self.cards_list = QListWidget()
        self.cards_list.setMinimumHeight(120)
        self.cards_list.setWordWrap(True)
        self.cards_list.setAccessibleName(translate('RecommendationForm', 'Verknüpfte Anliegen'))
        self.all_cards_check = QCheckBox(translate('RecommendationForm', 'Anliegen aller Themen zeigen'))
        self.status_combo = QComboBox()
        fill_choice_combo(self.status_combo, choices["status"])
        for combo in (self.actor_combo, self.cluster_combo):  # long entries must not widen the form
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
            # ... so the chosen entry may be cut off: the tooltip shows it in full
            combo.currentTextChanged.connect(lambda text, c=combo: c.setToolTip(text))
        self.status_note_edit = QLineEdit()
        self.status_note_edit.setPlaceholderText(translate('RecommendationForm', 'Stand der Umsetzung, Ansprechperson, Datum …'))

        content = QFormLayout()
        content.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        content.addRow(translate('RecommendationForm', '&Titel'), self.title_edit)
        content.addRow(translate('RecommendationForm', 'Te&xt'), self.text_edit)
        content.addRow(translate('RecommendationForm', '&Zuständig'), self.actor_combo)
        content.addRow(translate('RecommendationForm', '&Priorität'), self.priority_combo)
        content.addRow(translate('RecommendationForm', 'Zeit&horizont'), self.horizon_combo)
        content.addRow(translate('RecommendationForm', '&Ort'), self.place_edit)
        content.addRow(translate('RecommendationForm', 'Th&ema'), self.cluster_combo)

        # the catalogue's name under the title, wrapped: a long box title would widen the whole form
        fields_box = QGroupBox(translate('RecommendationForm', 'Handlungsfelder'))
        fields_layout = QVBoxLayout(fields_box)
        self.catalogue_label = QLabel(translate('RecommendationForm', 'nach dem Masterplan Kommunale Sicherheit 2.0'))
        self.catalogue_label.setWordWrap(True)
        self.catalogue_label.setStyleSheet("color: #4b5866;")
        fields_layout.addWidget(self.catalogue_label)
        fields_layout.addWidget(self.picker)

        cards_box = QGroupBox(translate('RecommendationForm', 'Verknüpfte Anliegen (Punkte)'))
        cards_layout = QVBoxLayout(cards_box)
        cards_layout.addWidget(self.cards_list)
        cards_layout.addWidget(self.all_cards_check)

        status_box = QGroupBox(translate('RecommendationForm', 'Nachverfolgung'))
        status_layout = QFormLayout(status_box)
        status_layout.addRow(translate('RecommendationForm', '&Status'), self.status_combo)
        status_layout.addRow(translate('RecommendationForm', '&Notiz'), self.status_note_edit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(content)
        layout.addWidget(fields_box, 2)
        layout.addWidget(cards_box, 1)
        layout.addWidget(status_box)

        # typing: save after a pause and when leaving the field
        self._timers: dict[str, QTimer] = {}
        for name, widget in (("title", self.title_edit), ("place", self.place_edit),
                             ("status_note", self.status_note_edit)):
            widget.textEdited.connect(lambda _t, n=name: self._schedule(n))
            widget.editingFinished.connect(lambda n=name: self._flush(n, end_session=True))
        self.text_edit.textChanged.connect(lambda: self._schedule("text"))
        self.text_edit.focusLost.connect(lambda: self._flush("text", end_session=True))
        self.actor_combo.activated.connect(lambda _i: self._commit_actor())
        self.actor_combo.lineEdit().editingFinished.connect(self._commit_actor)
        self.priority_combo.activated.connect(lambda _i: self._emit("priority", self.priority_combo.currentData()))
        self.horizon_combo.activated.connect(lambda _i: self._emit("horizon", self.horizon_combo.currentData()))
        self.status_combo.activated.connect(lambda _i: self._emit("status", self.status_combo.currentData()))
        self.cluster_combo.activated.connect(self._on_cluster_chosen)
        self.picker.codesChanged.connect(lambda codes: self._emit("handlungsfeld_codes", ";".join(codes)))
        self.cards_list.itemChanged.connect(self._on_card_toggled)
        self.all_cards_check.toggled.connect(lambda _c: self._fill_cards())
        self.set_record(None, None)

    # -- loading --------------------------------------------------------------------
    def record_id(self) -> Optional[int]:
        return self._row.id if self._row else None

    def set_actors(self, actors: list[str]) -> None:
        current = self.actor_combo.currentText()
        self._loading = True
        try:
            self.actor_combo.clear()
            self.actor_combo.addItems(actors)
            self.actor_combo.setEditText(current)
        finally:
            self._loading = False

    def set_record(self, row: Optional[RecommendationRow], snapshot: Optional[LabSnapshot]) -> None:
        """Show ``row`` (or nothing). Pending typing of the previous record is saved first."""
        if self._row is not None and (row is None or row.id != self._row.id):
            self.flush_pending()
        switching = row is None or self._row is None or row.id != self._row.id
        self._row = row
        self._snapshot = snapshot
        self._loading = True
        try:
            for child in self.findChildren(QWidget):
                if child is not self.heading:
                    child.setEnabled(row is not None)
            if switching:
                self._typing_session.clear()
            self._fill_clusters()
            r = row or RecommendationRow(id=0)
            self.heading.setText(translate('RecommendationForm', 'Empfehlung Nr. {0}').format(row.id) if row else translate('RecommendationForm', 'Keine Empfehlung ausgewählt'))
            # a field the user is still typing in (save pending) is left alone
            self._set_line(self.title_edit, r.title, switching or not self._pending("title"))
            if self.text_edit.toPlainText() != r.text and (switching or not self._pending("text")):
                self.text_edit.setPlainText(r.text)
            self._set_line(self.place_edit, r.place, switching or not self._pending("place"))
            self._set_line(self.status_note_edit, r.status_note, switching or not self._pending("status_note"))
            if self.actor_combo.currentText() != r.actor:
                self.actor_combo.setEditText(r.actor)
            select_choice(self.priority_combo, r.priority)
            select_choice(self.horizon_combo, r.horizon)
            select_choice(self.status_combo, r.status)
            if self.picker.codes() != split_codes(r.handlungsfeld_codes):
                self.picker.set_codes(split_codes(r.handlungsfeld_codes))
            if switching:
                self.picker.search.clear()
            self._fill_cards()
        finally:
            self._loading = False

    def _pending(self, name: str) -> bool:
        timer = self._timers.get(name)
        return timer is not None and timer.isActive()

    @staticmethod
    def _set_line(edit: QLineEdit, text: str, allowed: bool) -> None:
        if allowed and edit.text() != text:
            cursor = edit.cursorPosition()
            edit.setText(text)
            edit.setCursorPosition(min(cursor, len(text)))

    def _fill_clusters(self) -> None:
        self.cluster_combo.clear()
        self.cluster_combo.addItem(translate('RecommendationForm', '(kein Thema – übergreifend)'), None)
        for cl in (self._snapshot.clusters if self._snapshot else []):
            cards = localized(count_texts.concerns(cl.card_count))
            votes = localized(count_texts.points(cl.votes))
            self.cluster_combo.addItem(translate('RecommendationForm', '{name} ({cards}, {votes})').format(
                name=cl.name, cards=cards, votes=votes), cl.id)
        if self._row is not None:
            i = self.cluster_combo.findData(self._row.cluster_id)
            self.cluster_combo.setCurrentIndex(max(0, i))

    def _fill_cards(self) -> None:
        was_loading = self._loading
        self._loading = True
        try:
            if self._row is None or self._snapshot is None:
                self.cards_list.clear()
                return
            linked = set(split_ids(self._row.linked_card_ids))
            if self.all_cards_check.isChecked() or self._row.cluster_id is None:
                cards = sorted(self._snapshot.cards.values(), key=lambda c: (-c.votes, c.id))
            else:
                cards = self._snapshot.cards_of_cluster(self._row.cluster_id)
                shown = {c.id for c in cards}
                cards += [self._snapshot.cards[i] for i in sorted(linked) if i in self._snapshot.cards
                          and i not in shown]
            wanted = [(card.id, translate('RecommendationForm', '{0} Pkt. – {1}').format(card.votes, card.text)) for card in cards]
            current = [(self.cards_list.item(i).data(Qt.ItemDataRole.UserRole), self.cards_list.item(i).text())
                       for i in range(self.cards_list.count())]
            if wanted != current:  # rebuild only when the cards differ (keeps scroll position)
                self.cards_list.clear()
                for card, (card_id, label) in zip(cards, wanted):
                    item = QListWidgetItem(label)
                    item.setData(Qt.ItemDataRole.UserRole, card_id)
                    item.setToolTip(card.text)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    self.cards_list.addItem(item)
            if not wanted and self.cards_list.count() == 0:
                hint = QListWidgetItem(translate('RecommendationForm', 'Dieses Thema hat keine Anliegen. „Anliegen aller Themen zeigen“ blendet alle ein.'))
                hint.setFlags(Qt.ItemFlag.NoItemFlags)
                self.cards_list.addItem(hint)
                return
            for i in range(self.cards_list.count()):
                item = self.cards_list.item(i)
                state = (Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in linked
                         else Qt.CheckState.Unchecked)
                if item.checkState() != state:
                    item.setCheckState(state)
        finally:
            self._loading = was_loading

    # -- edits ----------------------------------------------------------------------
    def _value_of(self, name: str) -> str:
        if name == "text":
            return self.text_edit.toPlainText()
        return {"title": self.title_edit, "place": self.place_edit,
                "status_note": self.status_note_edit}[name].text()

    def _schedule(self, name: str) -> None:
        if self._loading or self._row is None:
            return
        timer = self._timers.get(name)
        if timer is None:
            timer = self._timers[name] = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(TYPING_SAVE_DELAY_MS)
            timer.timeout.connect(lambda n=name: self._flush(n))
        timer.start()

    def _flush(self, name: str, end_session: bool = False) -> None:
        timer = self._timers.get(name)
        if timer is not None:
            timer.stop()
        if self._loading or self._row is None:
            return
        value = self._value_of(name)
        if name == "title" and not value.strip():
            value = self._row.title  # a title is required; keep the old one
            self.title_edit.setText(value)
        if value != getattr(self._row, name):
            session = self._typing_session.setdefault(name, next(self._session_counter))
            self.fieldEdited.emit(name, value, (name, session))
        if end_session:
            self._typing_session.pop(name, None)

    def flush_pending(self) -> None:
        """Save whatever is typed but not yet saved (call before switching records/closing)."""
        for name in ("title", "text", "place", "status_note"):
            self._flush(name, end_session=True)
        self._commit_actor()

    def _emit(self, name: str, value) -> None:
        if self._loading or self._row is None:
            return
        if value != getattr(self._row, name):
            self.fieldEdited.emit(name, value, None)

    def _commit_actor(self) -> None:
        if self._loading or self._row is None:
            return
        actor = " ".join(self.actor_combo.currentText().split())
        if actor != self._row.actor:
            self.fieldEdited.emit("actor", actor, None)
            if actor and self.actor_combo.findText(actor, Qt.MatchFlag.MatchFixedString) < 0:
                self.actorEntered.emit(actor)

    def _on_cluster_chosen(self, index: int) -> None:
        self._emit("cluster_id", self.cluster_combo.itemData(index))

    def _on_card_toggled(self, _item: QListWidgetItem) -> None:
        if self._loading or self._row is None:
            return
        ids = set(split_ids(self._row.linked_card_ids))
        for i in range(self.cards_list.count()):
            item = self.cards_list.item(i)
            card_id = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked:
                ids.add(card_id)
            else:
                ids.discard(card_id)
        self._emit("linked_card_ids", join_ids(ids))
