"""Side list of the lab's clusters (card count, dot votes, recommendations) to start from."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ...core.recommendations.rows import LabSnapshot
from ...core import count_texts
from ..i18n import localized, translate


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color) if QColor(color).isValid() else QColor("#cccccc"))
    return QIcon(pixmap)


class ClusterList(QListWidget):
    """Clusters sorted by votes; double-click asks for a new recommendation on that cluster."""

    newRecommendationRequested = Signal(int)  # cluster id  # noqa: N815

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate('ClusterList', 'Thema'))
        self.setIconSize(QSize(14, 14))
        self.setWordWrap(True)
        self.setSpacing(2)
        self.itemDoubleClicked.connect(self._on_double_click)

    def set_snapshot(self, snapshot: LabSnapshot) -> None:
        selected = self.selected_cluster_id()
        recs = Counter(r.cluster_id for r in snapshot.recommendations)
        self.clear()
        for cl in sorted(snapshot.clusters, key=lambda c: (-c.votes, -c.card_count, c.name.casefold())):
            n = recs.get(cl.id, 0)
            rec_text = translate('ClusterList', 'noch keine Empfehlung') if n == 0 else (
                localized(count_texts.recommendations(n)))
            cards = localized(count_texts.concerns(cl.card_count))
            votes = localized(count_texts.points(cl.votes))
            item = QListWidgetItem(_swatch(cl.color), f"{cl.name}\n{cards} · {votes} · {rec_text}")
            item.setData(Qt.ItemDataRole.UserRole, cl.id)
            item.setToolTip(translate('ClusterList', 'Doppelklick: neue Empfehlung zu diesem Thema'))
            self.addItem(item)
            if cl.id == selected:
                self.setCurrentItem(item)
        if self.currentItem() is None and self.count():
            self.setCurrentRow(0)  # start from the concern with the most votes

    def selected_cluster_id(self) -> Optional[int]:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None

    def select_cluster(self, cluster_id: int) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == cluster_id:
                self.setCurrentRow(i)
                return

    def _on_double_click(self, item: QListWidgetItem) -> None:
        self.newRecommendationRequested.emit(item.data(Qt.ItemDataRole.UserRole))
