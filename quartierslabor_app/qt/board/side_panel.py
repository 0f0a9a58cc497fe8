"""Side panel: the selected card with its reason, deleted cards, proposals for new clusters."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QProxyStyle, QPushButton, QStyle,
                               QStyleOptionTabWidgetFrame, QTabWidget, QVBoxLayout, QWidget)

from ...core.board.context import WAITING
from ...core.board.state import CardState, ClusterState, DiscoveryProposal
from ...core.board.table_tag import table_label
from ...core import count_texts
from .reason_text import localized_reason
from ..i18n import localized, translate


class CardDetails(QWidget):
    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel(translate('CardDetails', 'Keine Karte ausgewählt'), self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600; color: #1d2a36;")
        self.cluster = QLabel("", self)
        self.cluster.setWordWrap(True)
        self.reason = QLabel("", self)
        self.reason.setWordWrap(True)
        self.reason.setObjectName("reasonLabel")
        self.reason.setStyleSheet("font-size: 11pt; color: #22303c; background: #f3f6f9; padding: 8px;"
                                  " border-radius: 6px;")
        self.meta = QLabel("", self)
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet("color: #6b7785;")
        for w in (self.title, self.cluster, self.reason, self.meta):
            layout.addWidget(w)
        layout.addStretch(1)
        self.reason.hide()
        #: the card shown (None: none)
        self.card_id: Optional[int] = None

    def show_card(self, card: Optional[CardState], cluster: Optional[ClusterState]) -> None:
        self.card_id = card.id if card is not None else None
        if card is None:
            self.title.setText(translate('CardDetails', 'Keine Karte ausgewählt'))
            self.cluster.setText(translate('CardDetails', 'Klicken Sie eine Karte an, um zu sehen, warum sie in ihrem Thema liegt.'))
            self.reason.hide()
            self.meta.setText("")
            return
        self.title.setText(card.text)
        if cluster is not None:
            self.cluster.setText(translate('CardDetails', "<span style='color:{0}'>■</span> Thema: <b>{1}</b>").format(cluster.color, cluster.name))
        self.reason.setText(localized_reason(card.reason, card.reason_data) if card.reason or card.reason_data else "—")
        self.reason.show()
        parts = []
        if card.place:
            parts.append(translate('CardDetails', 'Ort: {0}').format(card.place))
        if card.table_tag:
            parts.append(localized(table_label(card.table_tag)))
        if card.assigned_by == "user":
            parts.append(translate('CardDetails', 'von Hand zugeordnet'))
        elif card.assigned_by == WAITING:
            parts.append(translate('CardDetails', 'gespeichert; wird eingeordnet, sobald die Themen geladen sind'))
        elif card.assigned_by != "import":    # an imported card's topic came with it: its reason says so
            parts.append(translate('CardDetails', 'automatisch zugeordnet (Treffsicherheit {0:.0%})').format(card.score))
        if card.pinned:
            parts.append(translate('CardDetails', 'angeheftet'))
        if card.votes:
            parts.append(localized(count_texts.points(card.votes)))
        self.meta.setText("\n".join(parts))


def _short(text: str, limit: int = 48) -> str:
    """An example card for a proposal, on one line and cut at a word where it is long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + " …"


class _CompactTabStyle(QProxyStyle):
    """Tabs with a little less padding, so that the room kept for their counts costs the board nothing."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return value * 2 // 3
        return value


class SidePanel(QTabWidget):
    restore_requested = Signal(int)                 # card id
    proposal_accepted = Signal(object)              # DiscoveryProposal
    proposals_refresh = Signal()

    @staticmethod
    def proposal_help() -> str:
        return translate('SidePanel', 'Karten, die zu keinem Thema gut passen, werden hier als neue Themen vorgeschlagen.')

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # short tab texts that always fit side by side (no scroll arrows); the tooltip says more
        self.tabBar().setUsesScrollButtons(False)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self._tab_style = _CompactTabStyle()
        self._tab_style.setParent(self)
        self.tabBar().setStyle(self._tab_style)
        self.details = CardDetails(self)
        self.addTab(self.details, translate('SidePanel', 'Karte'))
        self.setTabToolTip(0, translate('SidePanel', 'Die ausgewählte Karte und warum sie in ihrem Thema liegt'))

        trash = QWidget(self)
        tl = QVBoxLayout(trash)
        self.deleted_list = QListWidget(trash)
        self.deleted_list.setWordWrap(True)
        self.deleted_list.itemDoubleClicked.connect(self._restore_item)
        self.restore_button = QPushButton(translate('SidePanel', 'Wiederherstellen'), trash)
        self.restore_button.clicked.connect(lambda: self._restore_item(self.deleted_list.currentItem()))
        trash_info = QLabel(translate('SidePanel', 'Gelöschte Karten (Doppelklick stellt wieder her):'), trash)
        trash_info.setWordWrap(True)
        tl.addWidget(trash_info)
        tl.addWidget(self.deleted_list, 1)
        tl.addWidget(self.restore_button)
        self.trash_index = self.addTab(trash, translate('SidePanel', 'Papierkorb'))
        self.setTabToolTip(self.trash_index, translate('SidePanel', 'Gelöschte Karten wiederherstellen'))

        proposals = QWidget(self)
        pl = QVBoxLayout(proposals)
        self.proposal_info = QLabel(self.proposal_help(), proposals)
        self.proposal_info.setWordWrap(True)
        self.proposal_list = QListWidget(proposals)
        self.proposal_list.setWordWrap(True)
        self.proposal_list.setAlternatingRowColors(True)   # one proposal = heading + examples: keep them apart
        self.proposal_list.setSpacing(2)
        self.proposal_list.itemDoubleClicked.connect(self._accept_item)
        self.search_button = QPushButton(translate('SidePanel', 'Vorschläge suchen'), proposals)
        self.search_button.clicked.connect(self.proposals_refresh)
        self.accept_button = QPushButton(translate('SidePanel', 'Vorschlag übernehmen'), proposals)
        self.accept_button.clicked.connect(lambda: self._accept_item(self.proposal_list.currentItem()))
        for w in (self.proposal_info, self.proposal_list, self.search_button, self.accept_button):
            pl.addWidget(w)
        self.proposals_index = self.addTab(proposals, translate('SidePanel', 'Vorschläge'))
        self.setTabToolTip(self.proposals_index, translate('SidePanel', 'Vorschläge für neue Themen'))
        for i in range(self.count()):
            for child in self.widget(i).findChildren(QWidget):
                child.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    # counts the tab titles may show („Papierkorb (12)“): room for them is kept from the start, so that a
    # count appearing does not widen the panel and shift the board
    COUNTED_TABS_ROOM = 99

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if not hasattr(self, "proposals_index"):         # still being built
            return hint
        bar = self.tabBar()
        metrics = bar.fontMetrics()

        def text_width(text: str) -> int:       # as QTabBar measures a tab's text
            return metrics.size(int(Qt.TextFlag.TextShowMnemonic), text).width()

        extra = 0
        for index, widest in ((self.trash_index, translate('SidePanel', 'Papierkorb ({0})')),
                              (self.proposals_index, translate('SidePanel', 'Vorschläge ({0})'))):
            extra += max(0, text_width(widest.format(self.COUNTED_TABS_ROOM)) - text_width(bar.tabText(index)))
        option = QStyleOptionTabWidgetFrame()
        self.initStyleOption(option)
        frame = self.style().sizeFromContents(QStyle.ContentsType.CT_TabWidget, option, QSize(0, 0), self).width()
        return QSize(max(hint.width(), bar.minimumSizeHint().width() + extra + frame), hint.height())

    def set_deleted(self, cards: list[CardState]) -> None:
        self.deleted_list.clear()
        for card in sorted(cards, key=lambda c: -c.id):
            item = QListWidgetItem(card.text, self.deleted_list)
            item.setData(Qt.ItemDataRole.UserRole, card.id)
        self.setTabText(self.trash_index, translate('SidePanel', 'Papierkorb ({0})').format(len(cards)) if cards else translate('SidePanel', 'Papierkorb'))

    def set_proposals(self, proposals: list[DiscoveryProposal]) -> None:
        self.proposal_list.clear()
        for proposal in proposals:
            sample = " · ".join(_short(text) for text in proposal.texts[:3])
            count = len(proposal.card_ids)
            cards = localized(count_texts.cards(count))
            if proposal.split_from:
                heading = translate('SidePanel', 'Teilthema von „{source}“: {name} ({cards})').format(
                    source=proposal.split_from, name=proposal.name, cards=cards)
            else:
                heading = translate('SidePanel', '{name} ({cards})').format(name=proposal.name, cards=cards)
            item = QListWidgetItem(f"{heading}\n{sample}", self.proposal_list)
            item.setData(Qt.ItemDataRole.UserRole, proposal)
            if proposal.reason or proposal.reason_data:
                item.setToolTip(localized_reason(proposal.reason, proposal.reason_data))
        self.setTabText(self.proposals_index, translate('SidePanel', 'Vorschläge ({0})').format(len(proposals)) if proposals else translate('SidePanel', 'Vorschläge'))
        if not proposals:
            self.proposal_info.setText(translate('SidePanel', 'Keine Vorschläge: alle Karten passen gut in ein Thema.'))
        elif any(p.split_from for p in proposals):
            self.proposal_info.setText(translate(
                'SidePanel', 'Vorschläge für neue Themen: Karten, die zu keinem Thema gut passen, und Teilthemen '
                'eines sehr großen Themas. Nach dem Übernehmen eines Teilthemas kann „Vorschläge suchen“ das '
                'nächste finden.'))
        else:
            self.proposal_info.setText(self.proposal_help())

    def _restore_item(self, item: Optional[QListWidgetItem]) -> None:
        if item is not None:
            self.restore_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _accept_item(self, item: Optional[QListWidgetItem]) -> None:
        if item is not None:
            self.proposal_accepted.emit(item.data(Qt.ItemDataRole.UserRole))
