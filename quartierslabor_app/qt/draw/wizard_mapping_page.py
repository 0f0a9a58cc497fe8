"""Wizard page 2: which column holds which field; pre-filled by header recognition."""
from __future__ import annotations

import html
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout,
                               QWidget, QWizardPage)

from ...core.register import FIELD_LABELS, Field, guess_mapping, required_fields_missing
from ...core.register.headers import ambiguous_columns, ambiguous_columns_message
from ..i18n import localized, translate
from .draw_state import DrawSession
from .table_models import RowsTableModel
from .wizard_file_page import describe_table

PREVIEW_ROWS = 30

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


def field_label(fld: Field) -> str:
    """A register field's name in the UI language (core's German label for a field not listed here)."""
    labels = {
        Field.FAMILY_NAME: translate("MappingPage", "Familienname"),
        Field.GIVEN_NAMES: translate("MappingPage", "Vorname(n)"),
        Field.BIRTH_DATE: translate("MappingPage", "Geburtsdatum"),
        Field.AGE: translate("MappingPage", "Alter"),
        Field.GENDER: translate("MappingPage", "Geschlecht"),
        Field.STREET: translate("MappingPage", "Straße"),
        Field.HOUSE_NUMBER: translate("MappingPage", "Hausnummer"),
        Field.HOUSE_NUMBER_SUFFIX: translate("MappingPage", "Hausnummernzusatz"),
        Field.ADDRESS: translate("MappingPage", "Anschrift"),
        Field.POSTCODE: translate("MappingPage", "PLZ"),
        Field.CITY: translate("MappingPage", "Ort"),
        Field.DISTRICT: translate("MappingPage", "Stadtbezirk"),
        Field.SUBDISTRICT: translate("MappingPage", "Statistischer Bezirk"),
    }
    return labels.get(fld, FIELD_LABELS[fld])


def _label_suffix(fld: Field) -> str:
    return {Field.AGE: translate("MappingPage", " (statt Geburtsdatum)"),
            Field.ADDRESS: translate("MappingPage", " (statt Straße + Nr.)")}.get(fld, "")


def _tooltip(fld: Field) -> str:
    return {
        Field.BIRTH_DATE: translate("MappingPage", "Pflicht, außer die Spalte „Alter“ ist zugeordnet"),
        Field.AGE: translate("MappingPage", "Ein Auszug nach § 46 BMG kann das Alter statt des Geburtsdatums "
                                            "enthalten"),
        Field.STREET: translate("MappingPage", "Pflicht, außer eine Spalte „Anschrift“ (Straße und Hausnummer "
                                               "zusammen) ist zugeordnet"),
        Field.ADDRESS: translate("MappingPage", "Eine Spalte mit Straße und Hausnummer (und evtl. PLZ Ort)"),
        Field.DISTRICT: translate("MappingPage", "Pflicht, wenn kein Straßenverzeichnis geladen ist"),
    }.get(fld, "")


def _missing_label(missing: str) -> str:
    """One entry of core's ``required_fields_missing`` (German) in the UI language."""
    g = FIELD_LABELS
    known = {g[f]: field_label(f) for f in g}
    known[f"{g[Field.BIRTH_DATE]} oder {g[Field.AGE]}"] = translate("MappingPage", "{0} oder {1}").format(
        field_label(Field.BIRTH_DATE), field_label(Field.AGE))
    known[f"{g[Field.STREET]} und {g[Field.HOUSE_NUMBER]} (oder {g[Field.ADDRESS]})"] = translate(
        "MappingPage", "{0} und {1} (oder {2})").format(field_label(Field.STREET), field_label(Field.HOUSE_NUMBER),
                                                        field_label(Field.ADDRESS))
    return known.get(missing, missing)


def _preview_header(header: str, fld: Optional[Field]) -> str:
    """``Header → Feld`` when the file's header differs from the field name; marks unused columns."""
    if fld is None:
        return translate("MappingPage", "{0} (nicht genutzt)").format(header)

    def norm(t: str) -> str:
        return "".join(ch for ch in t.casefold() if ch.isalnum())
    if norm(header) in (norm(FIELD_LABELS[fld]), norm(field_label(fld))):
        return header
    return f"{header} → {field_label(fld)}"


class MappingPage(QWizardPage):
    def __init__(self, session: DrawSession, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setTitle(translate("MappingPage", "Spalten zuordnen"))
        self.setSubTitle(translate("MappingPage", "Die Spalten wurden anhand der Überschriften erkannt. Bitte prüfen "
                                                  "und bei Bedarf korrigieren. Pflichtfelder sind mit * markiert; "
                                                  "statt des Geburtsdatums genügt das Alter, statt Straße und "
                                                  "Hausnummer eine Spalte „Anschrift“."))
        layout = QVBoxLayout(self)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info_label)

        group = QGroupBox(translate("MappingPage", "Zuordnung"))
        grid = QGridLayout(group)
        self.combos: dict[Field, QComboBox] = {}
        self.field_labels: dict[Field, QLabel] = {}
        for i, (fld, _kind) in enumerate(FIELD_ORDER):
            label = QLabel()
            combo = QComboBox()
            combo.setMinimumContentsLength(18)
            combo.currentIndexChanged.connect(lambda _i: self._on_mapping_changed())
            label.setBuddy(combo)
            label.setToolTip(_tooltip(fld))
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

        layout.addWidget(QLabel(translate("MappingPage", "Vorschau der ersten Zeilen:")))
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
            combo.addItem(translate("MappingPage", "— nicht zugeordnet —"), -1)
            for idx, header in enumerate(table.headers):
                combo.addItem(translate("MappingPage", "{header}  (Spalte {number})").format(header=header,
                                                                                            number=idx + 1), idx)
            combo.setCurrentIndex(mapping[fld] + 1 if fld in mapping else 0)
            required = kind == "required" or (kind == "district" and self.need_district())
            label = self.field_labels[fld]
            label.setText(field_label(fld) + _label_suffix(fld) + (" *" if required else "") + ":")
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
                clashes.append(translate("MappingPage", "„{0}“ und „{1}“").format(field_label(seen[idx]),
                                                                                    field_label(fld)))
            else:
                seen[idx] = fld
        return clashes

    def _on_mapping_changed(self) -> None:
        if self._loading or self.session.table is None:
            return
        mapping = self.current_mapping()
        self.session.mapping = mapping
        table = self.session.table
        by_column = {idx: fld for fld, idx in mapping.items()}
        self.preview_model.set_headers([_preview_header(h, by_column.get(i)) for i, h in enumerate(table.headers)])
        problems = []
        missing = self.missing()
        if missing:
            quoted = translate("MappingPage", "„{0}“")
            problems.append(translate("MappingPage", "Es fehlt: {0}.").format(
                ", ".join(quoted.format(_missing_label(m)) for m in missing)))
            if self.need_district() and FIELD_LABELS[Field.DISTRICT] in missing:
                problems.append(translate("MappingPage", "Ohne Spalte „Stadtbezirk“ bitte auf der vorigen Seite ein "
                                                         "Straßenverzeichnis laden."))
        clashes = self.duplicate_columns()
        if clashes:
            problems.append(translate("MappingPage", "Eine Spalte ist mehreren Feldern zugeordnet: {0}.").format(
                "; ".join(clashes)))
        if problems:
            text = "<span style='color:#b00020'>" + " ".join(problems) + "</span>"
        else:
            text = ("<span style='color:#1b5e20'>" + translate("MappingPage", "Alle Pflichtfelder sind zugeordnet.")
                    + "</span>")
        ambiguous = ambiguous_columns(table.headers, mapping)
        if ambiguous:  # two columns with the same header: never pick one silently
            warning = localized(ambiguous_columns_message(table.headers, mapping, ambiguous))
            text += ("<br><span style='color:#8a4b00'><b>" + translate("MappingPage", "Achtung:") + "</b> "
                     + html.escape(warning) + " "
                     + translate("MappingPage", "Bitte in der Zuordnung oben die richtige Spalte wählen; die "
                                                "Vorschau unten zeigt beide.") + "</span>")
        self.missing_label.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.session.table is not None and not self.missing() and not self.duplicate_columns()
