"""Read-only tables of the comparison across labs, filled from :class:`ComparisonData`."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...core.reports import ComparisonData, LabOverview, RecommendationStatus, ShareRow
from ...core import count_texts
from ..i18n import format_count, localized, translate
from ..recommendations.choice_labels import STATUS_COLORS, choice_label



class SortableItem(QTableWidgetItem):
    """A cell that sorts by a separate key (numbers, dates) instead of its display text."""

    def __init__(self, text: str, sort_key=None) -> None:
        super().__init__(text)
        self.sort_key = sort_key if sort_key is not None else text.casefold()
        self.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)

    def __lt__(self, other) -> bool:
        if isinstance(other, SortableItem):
            try:
                return self.sort_key < other.sort_key
            except TypeError:
                return str(self.sort_key) < str(other.sort_key)
        return super().__lt__(other)


def _fmt_int(value: Optional[int]) -> str:
    return "–" if value is None else format_count(value)


def _fmt_pct(share: float) -> str:
    return f"{share * 100:.0f} %".replace(".", ",")


def _heat(share: float) -> QBrush:
    """White (0 %) to a clear blue (50 % and more)."""
    t = max(0.0, min(1.0, share / 0.5))
    base, full = (255, 255, 255), (110, 160, 220)
    return QBrush(QColor(*[round(b + (f - b) * t) for b, f in zip(base, full)]))


def make_table(headers: list[str], accessible_name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels([translate("ComparisonTables", h) for h in headers])
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    # keep the data's own order until the user clicks a header
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table


def _fill(table: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, items in enumerate(rows):
        for c, item in enumerate(items):
            table.setItem(r, c, item)
    table.setSortingEnabled(sorting)


LAB_HEADERS = [QT_TRANSLATE_NOOP("ComparisonTables", "Stadtbezirk"), QT_TRANSLATE_NOOP("ComparisonTables", "Datum"), QT_TRANSLATE_NOOP("ComparisonTables", "Quartierslabor"), QT_TRANSLATE_NOOP("ComparisonTables", "Teilnehmende"), QT_TRANSLATE_NOOP("ComparisonTables", "Anliegen"), QT_TRANSLATE_NOOP("ComparisonTables", "Punkte"), QT_TRANSLATE_NOOP("ComparisonTables", "Themen"),
               QT_TRANSLATE_NOOP("ComparisonTables", "Empfehlungen"), QT_TRANSLATE_NOOP("ComparisonTables", "umgesetzt")]


def fill_labs(table: QTableWidget, labs: list[LabOverview]) -> None:
    rows = []
    for lab in labs:
        date_key = lab.date.toordinal() if lab.date else 0
        done = lab.status_counts.get("umgesetzt", 0)
        rows.append([
            SortableItem(lab.district), SortableItem(lab.date_text, date_key), SortableItem(lab.name),
            SortableItem(_fmt_int(lab.participants) if lab.participants is not None
                         else translate('ComparisonTables', 'nicht erfasst'),
                         lab.participants if lab.participants is not None else -1),
            SortableItem(_fmt_int(lab.cards), lab.cards), SortableItem(_fmt_int(lab.votes), lab.votes),
            SortableItem(_fmt_int(lab.clusters), lab.clusters),
            SortableItem(_fmt_int(lab.recommendations), lab.recommendations),
            SortableItem(translate('ComparisonTables', '{done} von {0}').format(lab.recommendations, done=done) if lab.recommendations else "–", done),
        ])
        for item in rows[-1][3:]:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    _fill(table, rows)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(False)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)


def fill_shares(table: QTableWidget, share_rows: list[ShareRow], labs: list[LabOverview], first_header: str) -> None:
    """Rows = topics, columns = labs; cells show the share of the lab's cards (tooltip: cards and votes)."""
    table.setColumnCount(1 + len(labs))
    table.setHorizontalHeaderLabels([first_header] + [f"{lab.district}\n{lab.date_text}" for lab in labs])
    for i, lab in enumerate(labs, start=1):
        table.horizontalHeaderItem(i).setToolTip(lab.name)
    rows = []
    for share_row in share_rows:
        items: list[QTableWidgetItem] = [SortableItem(share_row.label)]
        for lab in labs:
            cell = share_row.cell(lab.lab_id)
            item = SortableItem(_fmt_pct(cell.share) if cell.cards else "–", cell.share)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(translate('ComparisonTables', '{0}: {1}, {2}').format(
                lab.name, localized(count_texts.concerns(cell.cards)), localized(count_texts.points(cell.votes))))
            if cell.cards:
                item.setBackground(_heat(cell.share))
            items.append(item)
        rows.append(items)
    _fill(table, rows)
    table.horizontalHeader().setStretchLastSection(False)
    table.setColumnWidth(0, 300)
    for i in range(1, table.columnCount()):
        table.setColumnWidth(i, 110)


CHANGE_HEADERS = [QT_TRANSLATE_NOOP("ComparisonTables", "Stadtbezirk"), QT_TRANSLATE_NOOP("ComparisonTables", "Vergleich"), QT_TRANSLATE_NOOP("ComparisonTables", "Thema"), QT_TRANSLATE_NOOP("ComparisonTables", "Anteil vorher"), QT_TRANSLATE_NOOP("ComparisonTables", "Anteil jetzt"), QT_TRANSLATE_NOOP("ComparisonTables", "Veränderung")]


def fill_changes(table: QTableWidget, data: ComparisonData) -> None:
    rows = []
    for change in data.district_changes:
        span = f"{change.previous.date_text} → {change.latest.date_text}"
        for topic in change.topics:
            delta = topic.delta_points
            if topic.previous_cards == 0:
                delta_text = translate('ComparisonTables', 'neu (+{delta:.0f} Pp.)').format(delta=delta)
            elif topic.latest_cards == 0:
                delta_text = translate('ComparisonTables', 'nicht mehr genannt ({delta:.0f} Pp.)').format(delta=delta)
            else:
                delta_text = translate('ComparisonTables', '{delta:+.0f} Prozentpunkte').format(delta=delta)
            delta_item = SortableItem(delta_text, delta)
            if delta >= 5:
                delta_item.setForeground(QBrush(QColor("#a61b29")))
            elif delta <= -5:
                delta_item.setForeground(QBrush(QColor("#1e6b3a")))
            prev = SortableItem(f"{_fmt_pct(topic.previous_share)} ({topic.previous_cards})", topic.previous_share)
            latest = SortableItem(f"{_fmt_pct(topic.latest_share)} ({topic.latest_cards})", topic.latest_share)
            for item in (prev, latest, delta_item):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            rows.append([SortableItem(change.district), SortableItem(span), SortableItem(topic.label),
                         prev, latest, delta_item])
    _fill(table, rows)
    table.resizeColumnsToContents()


REC_HEADERS = [QT_TRANSLATE_NOOP("ComparisonTables", "Stadtbezirk"), QT_TRANSLATE_NOOP("ComparisonTables", "Labor vom"), QT_TRANSLATE_NOOP("ComparisonTables", "Empfehlung"), QT_TRANSLATE_NOOP("ComparisonTables", "Handlungsfeld"), QT_TRANSLATE_NOOP("ComparisonTables", "Zuständig"), QT_TRANSLATE_NOOP("ComparisonTables", "Priorität"), QT_TRANSLATE_NOOP("ComparisonTables", "Status"),
               QT_TRANSLATE_NOOP("ComparisonTables", "Notiz zum Stand"), QT_TRANSLATE_NOOP("ComparisonTables", "zuletzt geändert")]


def fill_recommendations(table: QTableWidget, recommendations: list[RecommendationStatus]) -> None:
    rows = []
    for rec in recommendations:
        status = SortableItem(choice_label(rec.status))
        if rec.status in STATUS_COLORS:
            status.setBackground(QBrush(QColor(STATUS_COLORS[rec.status])))
        updated = rec.updated_at
        title = SortableItem(rec.title)
        title.setToolTip(f"{rec.lab_name}: {rec.title}")
        rows.append([
            SortableItem(rec.district),
            SortableItem(rec.lab_date.strftime("%d.%m.%Y") if rec.lab_date else translate('ComparisonTables', 'ohne Datum'),
                         rec.lab_date.toordinal() if rec.lab_date else 0),
            title, SortableItem(", ".join(rec.handlungsfeld_codes)), SortableItem(rec.actor),
            SortableItem(choice_label(rec.priority)), status, SortableItem(rec.status_note),
            SortableItem(updated.strftime("%d.%m.%Y") if updated else "", updated.timestamp() if updated else 0),
        ])
    _fill(table, rows)
    table.resizeColumnsToContents()
    table.setColumnWidth(2, min(max(table.columnWidth(2), 200), 360))
    table.setColumnWidth(7, min(table.columnWidth(7), 260))
