"""Wizard page 2: which column holds which field; pre-filled by header recognition."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout,
                               QWidget, QWizardPage)

from ...core.register import FIELD_LABELS, Field, guess_mapping, required_fields_missing
from .draw_state import DrawSession
from .table_models import RowsTableModel
from .wizard_file_page import describe_table

PREVIEW_ROWS = 30
NOT_MAPPED = "— nicht zugeordnet —"

#: fields in the order the form shows them, and how they are required
FIELD_ORDER: tuple[tuple[Field, str], ...] = (
    (Field.FAMILY_NAME, "required"),
    (Field.GIVEN_NAMES, "required"),
    (Field.BIRTH_DATE, "required"),
    (Field.AGE, "instead"),
    (Field.GENDER, "required"),
    (Field.STREET, "required"),
    (Field.HOUSE_NUMBER, "optional"),
    (Field.ADDRESS, "instead"),
    (Field.POSTCODE, "optional"),
    (Field.CITY, "optional"),
    (Field.DISTRICT, "district"),
    (Field.SUBDISTRICT, "optional"),
)
LABEL_SUFFIX = {Field.AGE: " (statt Geburtsdatum)", Field.ADDRESS: " (statt Straße + Nr.)"}
TOOLTIPS = {
    Field.BIRTH_DATE: "Pflicht, außer die Spalte „Alter“ ist zugeordnet",
    Field.AGE: "Ein Auszug nach § 46 BMG kann das Alter statt des Geburtsdatums enthalten",
    Field.STREET: "Pflicht, außer eine Spalte „Anschrift“ (Straße und Hausnummer zusammen) ist zugeordnet",
    Field.ADDRESS: "Eine Spalte mit Straße und Hausnummer (und evtl. PLZ Ort)",
    Field.DISTRICT: "Pflicht, wenn kein Straßenverzeichnis geladen ist",
}


def _preview_header(header: str, field_label: Optional[str]) -> str:
    """``Header → Feld`` when the file's header differs from the field name; marks unused columns."""
    if field_label is None:
        return f"{header} (nicht genutzt)"

    def norm(t: str) -> str:
        return "".join(ch for ch in t.casefold() if ch.isalnum())
    return header if norm(header) == norm(field_label) else f"{header} → {field_label}"


class MappingPage(QWizardPage):
    def __init__(self, session: DrawSession, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setTitle("Spalten zuordnen")
        self.setSubTitle("Die Spalten wurden anhand der Überschriften erkannt. Bitte prüfen und bei Bedarf "
                         "korrigieren. Pflichtfelder sind mit * markiert; statt des Geburtsdatums genügt das Alter, "
                         "statt Straße und Hausnummer eine Spalte „Anschrift“.")
        layout = QVBoxLayout(self)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info_label)

        group = QGroupBox("Zuordnung")
        grid = QGridLayout(group)
        self.combos: dict[Field, QComboBox] = {}
        self.field_labels: dict[Field, QLabel] = {}
        for i, (fld, _kind) in enumerate(FIELD_ORDER):
            label = QLabel()
            combo = QComboBox()
            combo.setMinimumContentsLength(18)
            combo.currentIndexChanged.connect(lambda _i: self._on_mapping_changed())
            label.setBuddy(combo)
            label.setToolTip(TOOLTIPS.get(fld, ""))
            row, col = divmod(i, 2)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(combo, row, col * 2 + 1)
            grid.setColumnStretch(col * 2 + 1, 1)
            self.combos[fld] = combo
            self.field_labels[fld] = label
        layout.addWidget(group)

        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        layout.addWidget(self.missing_label)

        layout.addWidget(QLabel("Vorschau der ersten Zeilen:"))
        self.preview_model = RowsTableModel()
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview.setWordWrap(False)
        layout.addWidget(self.preview, 1)
        self._loading = False

    def need_district(self) -> bool:
        return self.session.street_directory is None

    def initializePage(self) -> None:
        s = self.session
        table = s.table
        if table is None:
            return
        self.info_label.setText(describe_table(table))
        mapping = dict(s.mapping) if s.mapping else guess_mapping(table.headers)
        self._loading = True
        for fld, kind in FIELD_ORDER:
            combo = self.combos[fld]
            combo.clear()
            combo.addItem(NOT_MAPPED, -1)
            for idx, header in enumerate(table.headers):
                combo.addItem(f"{header}  (Spalte {idx + 1})", idx)
            combo.setCurrentIndex(mapping[fld] + 1 if fld in mapping else 0)
            required = kind == "required" or (kind == "district" and self.need_district())
            label = self.field_labels[fld]
            label.setText(FIELD_LABELS[fld] + LABEL_SUFFIX.get(fld, "") + (" *" if required else "") + ":")
            font = label.font()
            font.setBold(required)
            label.setFont(font)
        self._loading = False
        width = len(table.headers)
        preview = [list(r[:width]) + [""] * (width - len(r)) for r in table.rows[:PREVIEW_ROWS]]
        self.preview_model.set_data(table.headers, preview)
        self._on_mapping_changed()

    def set_mapping(self, fld: Field, column: Optional[int]) -> None:
        """Select the column for ``fld`` (``None``: not mapped)."""
        self.combos[fld].setCurrentIndex(0 if column is None else column + 1)

    def current_mapping(self) -> dict[Field, int]:
        mapping: dict[Field, int] = {}
        for fld, combo in self.combos.items():
            idx = combo.currentData()
            if idx is not None and idx >= 0:
                mapping[fld] = int(idx)
        return mapping

    def missing(self) -> list[str]:
        return required_fields_missing(self.current_mapping(), need_district=self.need_district())

    def duplicate_columns(self) -> list[str]:
        seen: dict[int, Field] = {}
        clashes = []
        for fld, idx in self.current_mapping().items():
            if idx in seen:
                clashes.append(f"„{FIELD_LABELS[seen[idx]]}“ und „{FIELD_LABELS[fld]}“")
            else:
                seen[idx] = fld
        return clashes

    def _on_mapping_changed(self) -> None:
        if self._loading or self.session.table is None:
            return
        mapping = self.current_mapping()
        self.session.mapping = mapping
        table = self.session.table
        by_column = {idx: FIELD_LABELS[fld] for fld, idx in mapping.items()}
        self.preview_model.set_headers([_preview_header(h, by_column.get(i)) for i, h in enumerate(table.headers)])
        problems = []
        missing = self.missing()
        if missing:
            problems.append("Es fehlt: " + ", ".join(f"„{m}“" for m in missing) + ".")
            if self.need_district() and FIELD_LABELS[Field.DISTRICT] in missing:
                problems.append("Ohne Spalte „Stadtbezirk“ bitte auf der vorigen Seite ein Straßenverzeichnis "
                                "laden.")
        clashes = self.duplicate_columns()
        if clashes:
            problems.append("Eine Spalte ist mehreren Feldern zugeordnet: " + "; ".join(clashes) + ".")
        if problems:
            self.missing_label.setText("<span style='color:#b00020'>" + " ".join(problems) + "</span>")
        else:
            self.missing_label.setText("<span style='color:#1b5e20'>Alle Pflichtfelder sind zugeordnet.</span>")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.session.table is not None and not self.missing() and not self.duplicate_columns()
