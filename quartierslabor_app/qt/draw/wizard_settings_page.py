"""Wizard page 4: size, strata, age bands, oversampling, household rule, exclusions, seed."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QScrollArea, QSpinBox,
                               QVBoxLayout, QWidget, QWizardPage)

from ...core.draw.engine import HOUSEHOLD_RULE_TEXT
from ...core.draw.exclusion import excluded_keys_from_database
from ...core.draw.model import DIMENSION_LABELS, STRATUM_DIMENSIONS, DrawSettings
from ...core.draw.engine import eligibility_counts
from ...core.draw.strata import age_bands, parse_age_edges, parse_oversampling
from ...core.errors import UserError
from ...core import count_texts
from ..i18n import localized, translate
from ..widgets.file_dialogs import ask_open_path
from .draw_state import DEFAULT_INVITATION_FACTOR, DrawSession


def dimension_label(dimension: str) -> str:
    """A stratification dimension ("district", "age" …) in the UI language."""
    labels = {"district": translate("SettingsPage", "Stadtbezirk"),
              "subdistrict": translate("SettingsPage", "Statistischer Bezirk"),
              "age": translate("SettingsPage", "Altersgruppe"),
              "gender": translate("SettingsPage", "Geschlecht")}
    return labels.get(dimension) or DIMENSION_LABELS.get(dimension, dimension)


class SettingsPage(QWizardPage):
    def __init__(self, session: DrawSession, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setTitle(translate("SettingsPage", "Einstellungen der Ziehung"))
        self.setSubTitle(translate("SettingsPage", "Diese Einstellungen, der Startwert und die Prüfsumme des Auszugs "
                                                   "stehen im Protokoll, sodass Dritte die Ziehung wiederholen "
                                                   "können."))
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        # size
        size_group = QGroupBox(translate("SettingsPage", "Umfang"))
        size_form = QFormLayout(size_group)
        size_row = QHBoxLayout()
        self.factor_spin = QSpinBox()
        self.factor_spin.setRange(1, 100)
        self.factor_spin.setValue(DEFAULT_INVITATION_FACTOR)
        self.factor_spin.setPrefix("× ")
        self.factor_spin.setToolTip(translate("SettingsPage",
                                              "Einladungen je Platz: erfahrungsgemäß sagt nur ein kleiner Teil zu"))
        self.size_spin = QSpinBox()
        self.size_spin.setRange(1, 1_000_000)
        self.size_spin.setSuffix(translate("SettingsPage", " Einladungen"))
        self.size_hint = QLabel()
        size_row.addWidget(self.size_spin)
        size_row.addWidget(QLabel(translate("SettingsPage", "Einladungsfaktor je Platz:")))
        size_row.addWidget(self.factor_spin)
        size_row.addWidget(self.size_hint, 1)
        self.factor_spin.valueChanged.connect(self._apply_factor)
        size_form.addRow(translate("SettingsPage", "Zahl der Einladungen:"), size_row)
        self.replacements_spin = QSpinBox()
        self.replacements_spin.setRange(0, 100_000)
        self.replacements_spin.setSuffix(translate("SettingsPage", " Nachrücker"))
        self.replacements_spin.setToolTip(translate("SettingsPage", "Werden der Reihe nach angeschrieben, wenn "
                                                                    "Briefe unzustellbar zurückkommen"))
        size_form.addRow(translate("SettingsPage", "&Nachrückliste:"), self.replacements_spin)
        self.size_spin.valueChanged.connect(lambda _v: self.update_eligible())
        self.replacements_spin.valueChanged.connect(lambda _v: self.update_eligible())
        self.district_combo = QComboBox()
        size_form.addRow(translate("SettingsPage", "Nur &Stadtbezirk:"), self.district_combo)
        self.more_districts_edit = QLineEdit()
        self.more_districts_edit.setPlaceholderText(translate("SettingsPage", "weitere Stadtbezirke, mit Semikolon "
                                                                              "getrennt (wie --district mehrfach)"))
        self.more_districts_edit.editingFinished.connect(self.update_eligible)
        size_form.addRow(translate("SettingsPage", "und:"), self.more_districts_edit)
        self.eligible_label = QLabel()
        size_form.addRow(translate("SettingsPage", "Teilnahmeberechtigt:"), self.eligible_label)
        self.district_combo.currentIndexChanged.connect(lambda _i: self.update_eligible())
        self.district_combo.currentIndexChanged.connect(
            lambda _i: self.more_districts_edit.setEnabled(bool(self.district_combo.currentData())))
        layout.addWidget(size_group)

        # strata and ages
        strata_group = QGroupBox(translate("SettingsPage", "Schichtung und Alter"))
        sgrid = QGridLayout(strata_group)
        sgrid.addWidget(QLabel(translate("SettingsPage", "Schichten nach:")), 0, 0)
        self.strata_checks: dict[str, QCheckBox] = {}
        for i, dim in enumerate(STRATUM_DIMENSIONS):
            check = QCheckBox(dimension_label(dim))
            check.setChecked(dim in ("district", "age", "gender"))
            check.toggled.connect(lambda _c: self._rebuild_oversampling())
            self.strata_checks[dim] = check
            sgrid.addWidget(check, 0, i + 1)
        sgrid.addWidget(QLabel(translate("SettingsPage", "Altersgrenzen:")), 1, 0)
        self.edges_edit = QLineEdit("16, 25, 35, 50, 65")
        self.edges_edit.setToolTip(translate("SettingsPage",
                                             "Untergrenzen der Altersgruppen; 16, 25, 35 ergibt 16–24, 25–34, 35+"))
        self.edges_edit.editingFinished.connect(self._rebuild_oversampling)
        sgrid.addWidget(self.edges_edit, 1, 1, 1, 2)
        sgrid.addWidget(QLabel(translate("SettingsPage", "Mindestalter:")), 1, 3)
        self.min_age_spin = QSpinBox()
        self.min_age_spin.setRange(0, 120)
        self.min_age_spin.setValue(16)
        self.min_age_spin.setSuffix(translate("SettingsPage", " Jahre"))
        self.min_age_spin.valueChanged.connect(lambda _v: self._rebuild_oversampling())
        self.min_age_spin.valueChanged.connect(lambda _v: self.update_eligible())
        sgrid.addWidget(self.min_age_spin, 1, 4)
        sgrid.addWidget(QLabel(translate("SettingsPage", "Höchstalter:")), 1, 5)
        self.max_age_spin = QSpinBox()
        self.max_age_spin.setRange(0, 130)
        self.max_age_spin.setValue(0)
        self.max_age_spin.setSpecialValueText(translate("SettingsPage", "keines"))
        self.max_age_spin.setSuffix(translate("SettingsPage", " Jahre"))
        self.max_age_spin.valueChanged.connect(lambda _v: self._rebuild_oversampling())
        self.max_age_spin.valueChanged.connect(lambda _v: self.update_eligible())
        sgrid.addWidget(self.max_age_spin, 1, 6)
        self.oversampling_box = QGroupBox(translate("SettingsPage", "Übergewichtung je Altersgruppe (für Gruppen, "
                                                                         "die seltener antworten)"))
        self.oversampling_layout = QGridLayout(self.oversampling_box)
        self.oversampling_spins: dict[str, QDoubleSpinBox] = {}
        sgrid.addWidget(self.oversampling_box, 2, 0, 1, 7)
        sgrid.addWidget(QLabel(translate("SettingsPage", "Weitere Übergewichtung:")), 3, 0)
        self.extra_oversampling_edit = QLineEdit()
        self.extra_oversampling_edit.setPlaceholderText(translate("SettingsPage", "z. B. gender:w=1,2; "
                                                                                  "district:Eving=1,5"))
        self.extra_oversampling_edit.setToolTip(translate("SettingsPage", "Faktoren für weitere Schichten "
                                                                          "(Merkmal:Wert=Faktor, mit Semikolon "
                                                                          "getrennt), wie --oversample auf der "
                                                                          "Kommandozeile"))
        sgrid.addWidget(self.extra_oversampling_edit, 3, 1, 1, 6)
        layout.addWidget(strata_group)

        # household and exclusions
        rules_group = QGroupBox(translate("SettingsPage", "Haushalte und Ausschlüsse"))
        rules = QVBoxLayout(rules_group)
        self.household_check = QCheckBox(translate("SettingsPage", "Höchstens eine Einladung je Haushalt"))
        self.household_check.setChecked(True)
        self.household_check.toggled.connect(lambda _c: self.update_eligible())
        self.household_check.setToolTip(localized(HOUSEHOLD_RULE_TEXT))
        rules.addWidget(self.household_check)
        household_row = QHBoxLayout()
        household_row.addWidget(QLabel(translate("SettingsPage", "Haushalt heißt:")))
        self.household_by_combo = QComboBox()
        self.household_by_combo.addItem(translate("SettingsPage", "gleiche Anschrift"), "address")
        self.household_by_combo.addItem(translate("SettingsPage", "gleiche Anschrift und gleicher Familienname "
                                                                  "(Wohnungen in Mehrfamilienhäusern getrennt)"),
                                        "address_family_name")
        self.household_by_combo.currentIndexChanged.connect(lambda _i: self.update_eligible())
        self.household_check.toggled.connect(self.household_by_combo.setEnabled)
        household_row.addWidget(self.household_by_combo, 1)
        rules.addLayout(household_row)
        household_hint = QLabel(translate("SettingsPage", "Jeder Haushalt hat dann die gleiche Chance; Personen in "
                                                          "großen Haushalten haben eine kleinere Chance als "
                                                          "Alleinlebende (Einzelheiten im Protokoll)."))
        household_hint.setWordWrap(True)
        household_hint.setStyleSheet("color: palette(dark);")
        rules.addWidget(household_hint)
        self.history_check = QCheckBox()
        self.history_check.setChecked(True)
        rules.addWidget(self.history_check)
        files_row = QHBoxLayout()
        self.exclusion_list = QListWidget()
        self.exclusion_list.setMaximumHeight(70)
        files_row.addWidget(self.exclusion_list, 1)
        buttons = QVBoxLayout()
        add = QPushButton(translate("SettingsPage", "Ausschlussliste hinzufügen …"))
        add.setToolTip(translate("SettingsPage", "Liste früherer Eingeladener (CSV/XLSX, z. B. eine frühere "
                                                 "Einladungsliste)"))
        add.clicked.connect(self.browse_exclusion_file)
        remove = QPushButton(translate("SettingsPage", "Entfernen"))
        remove.clicked.connect(self._remove_exclusion_file)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        files_row.addLayout(buttons)
        rules.addLayout(files_row)
        layout.addWidget(rules_group)

        # seed
        seed_group = QGroupBox(translate("SettingsPage", "Startwert des Zufalls"))
        seed_layout = QVBoxLayout(seed_group)
        help_label = QLabel(translate(
            "SettingsPage", "Der Startwert bestimmt die Ziehung vollständig: gleicher Auszug, gleiche Einstellungen "
            "und gleicher Startwert ergeben immer dieselben Eingeladenen in derselben Reihenfolge. Damit niemand das "
            "Ergebnis beeinflussen kann, nehmen Sie ihn aus einer öffentlichen Quelle, die erst nach dem Festlegen "
            "der Einstellungen feststeht: z. B. die Lottozahlen der nächsten Ziehung oder Würfelwürfe in einer "
            "öffentlichen Sitzung. Der Text wird im Protokoll festgehalten."))
        help_label.setWordWrap(True)
        seed_layout.addWidget(help_label)
        self.seed_edit = QLineEdit()
        self.seed_edit.setPlaceholderText(translate("SettingsPage", "z. B. Lottozahlen vom 14.03.2026: "
                                                                   "3 12 19 27 38 45, Superzahl 7"))
        self.seed_edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        seed_layout.addWidget(self.seed_edit)
        layout.addWidget(seed_group)
        layout.addStretch(1)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        outer.addWidget(self.error_label)
        self._initialised_for = None

    # -- setup ----------------------------------------------------------------------------
    def initializePage(self) -> None:
        s = self.session
        reg = s.validated
        if reg is None or self._initialised_for is reg:
            return
        self._initialised_for = reg
        self._apply_factor()
        self.replacements_spin.setValue(max(0, self.size_spin.value() // 5))
        self.district_combo.clear()
        self.district_combo.addItem(translate("SettingsPage", "alle Stadtbezirke im Auszug"), "")
        districts = sorted({str(d) for d in np.asarray(reg.district, dtype=object).tolist() if str(d)})
        for d in districts:
            self.district_combo.addItem(d, d)
        idx = self.district_combo.findData(s.lab.district)
        self.district_combo.setCurrentIndex(idx if idx >= 0 else 0)
        has_sub = any(str(x) for x in np.asarray(reg.subdistrict, dtype=object)[:5000].tolist())
        self.strata_checks["subdistrict"].setEnabled(has_sub)
        if not has_sub:
            self.strata_checks["subdistrict"].setChecked(False)
            self.strata_checks["subdistrict"].setToolTip(
                translate("SettingsPage", "Der Auszug enthält keinen statistischen Bezirk"))
        with s.database.session() as session:
            history = len(excluded_keys_from_database(session, exclude_lab_id=s.lab.id))
        self.history_check.setText(translate("SettingsPage", "Eingeladene früherer Labore ausschließen (aus dieser "
                                                             "App: {people})").format(
            people=localized(count_texts.people(history))))
        self.history_check.setChecked(s.exclude_history)
        self._rebuild_oversampling()
        self.update_eligible()

    def eligible_counts(self) -> tuple[int, int]:
        """People and households meeting the age and district rules (before exclusions), counted by the core."""
        reg = self.session.validated
        if reg is None:
            return 0, 0
        max_age = self.max_age_spin.value() or None
        if max_age is not None and max_age < self.min_age_spin.value():
            return 0, 0
        settings = DrawSettings(size=1, min_age=self.min_age_spin.value(), max_age=max_age,
                                districts=self.chosen_districts(), household_by=self.household_by_combo.currentData())
        return eligibility_counts(reg, settings)       # German UserError naming an unknown district

    def chosen_districts(self) -> tuple[str, ...]:
        """The district chosen in the list and the further ones typed (empty: all districts)."""
        first = self.district_combo.currentData()
        if not first:
            return ()
        more = [d.strip() for d in self.more_districts_edit.text().replace(",", ";").split(";") if d.strip()]
        return tuple(dict.fromkeys([first, *more]))

    def update_eligible(self) -> None:
        try:
            people, households = self.eligible_counts()
        except UserError as exc:
            self.eligible_label.setText("<span style='color:#b00020'>" + localized(exc) + "</span>")
            return
        text = translate("SettingsPage", "{people} {in_households}").format(
            people=localized(count_texts.people(people)), in_households=localized(count_texts.in_households(households)))
        if self.household_check.isChecked() and self.size_spin.value() + self.replacements_spin.value() > households:
            text += " – <span style='color:#b00020'>" + translate(
                "SettingsPage", "weniger Haushalte als Einladungen und Nachrücker") + "</span>"
        self.eligible_label.setText(text)

    def _apply_factor(self) -> None:
        capacity = self.session.lab.capacity
        self.size_spin.setValue(capacity * self.factor_spin.value())
        self.size_hint.setText(translate("SettingsPage", "= {places} × {factor}").format(
            places=localized(count_texts.places(capacity)), factor=self.factor_spin.value()))

    def _rebuild_oversampling(self) -> None:
        while self.oversampling_layout.count():
            item = self.oversampling_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        old = {label: spin.value() for label, spin in self.oversampling_spins.items()}
        self.oversampling_spins = {}
        enabled = self.strata_checks["age"].isChecked()
        self.oversampling_box.setEnabled(enabled)
        try:
            bands = age_bands(parse_age_edges(self.edges_edit.text()), self.min_age_spin.value(),
                              self.max_age_spin.value() or None)
        except UserError as exc:
            self.oversampling_layout.addWidget(QLabel(localized(exc)), 0, 0)
            return
        for i, label in enumerate(bands.labels):
            spin = QDoubleSpinBox()
            spin.setRange(0.1, 10.0)
            spin.setSingleStep(0.1)
            spin.setDecimals(1)
            spin.setPrefix("× ")
            spin.setValue(old.get(label, 1.0))
            row, col = divmod(i, 4)
            self.oversampling_layout.addWidget(QLabel(label), row, col * 2, Qt.AlignmentFlag.AlignRight)
            self.oversampling_layout.addWidget(spin, row, col * 2 + 1)
            self.oversampling_spins[label] = spin

    # -- exclusions -----------------------------------------------------------------------
    def add_exclusion_file(self, path: Path) -> None:
        if path not in self.session.exclusion_files:
            self.session.exclusion_files.append(path)
            self.exclusion_list.addItem(str(path))

    def browse_exclusion_file(self) -> None:
        path = ask_open_path(self, translate("SettingsPage", "Liste früherer Eingeladener öffnen"),
                             translate("SettingsPage", "Listen (*.csv *.txt *.xlsx)"), "register")
        if path is not None:
            self.add_exclusion_file(path)

    def _remove_exclusion_file(self) -> None:
        row = self.exclusion_list.currentRow()
        if row >= 0:
            self.exclusion_list.takeItem(row)
            del self.session.exclusion_files[row]

    # -- result ---------------------------------------------------------------------------
    def build_settings(self) -> DrawSettings:
        strata = tuple(d for d in STRATUM_DIMENSIONS if self.strata_checks[d].isChecked())
        edges = parse_age_edges(self.edges_edit.text())
        oversampling = {}
        if "age" in strata:
            oversampling = {f"age:{label}": round(spin.value(), 2) for label, spin in self.oversampling_spins.items()
                            if abs(spin.value() - 1.0) > 1e-9}
        oversampling.update(parse_oversampling(self.extra_oversampling_edit.text()))
        return DrawSettings(size=self.size_spin.value(), strata=strata, age_edges=edges,
                            min_age=self.min_age_spin.value(), max_age=self.max_age_spin.value() or None,
                            oversampling=oversampling, household_rule=self.household_check.isChecked(),
                            household_by=self.household_by_combo.currentData(),
                            replacements=self.replacements_spin.value(),
                            reference_date=self.session.reference_date,
                            districts=self.chosen_districts())

    def isComplete(self) -> bool:
        return bool(self.seed_edit.text().strip())

    def validatePage(self) -> bool:
        try:
            settings = self.build_settings()
            if settings.max_age is not None and settings.max_age < settings.min_age:
                raise UserError(translate("SettingsPage", "Das Höchstalter liegt unter dem Mindestalter."))
            age_bands(settings.age_edges, settings.min_age, settings.max_age)
            self.eligible_counts()            # an unknown district typed is named before the draw
        except UserError as exc:
            self.error_label.setText(localized(exc))
            return False
        self.error_label.setText("")
        self.session.settings = settings
        self.session.seed_text = self.seed_edit.text().strip()
        self.session.exclude_history = self.history_check.isChecked()
        return True
