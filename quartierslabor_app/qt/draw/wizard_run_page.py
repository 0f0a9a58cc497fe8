"""Wizard page 5: run the draw, save it to the lab, see the strata, export list, protocol, letters."""
from __future__ import annotations

import getpass
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QTableView, QVBoxLayout, QWidget, QWizardPage)

from ...core.draw.letters import LabInfo
from ...core.draw.strata import stratum_label_message
from ...core.progress import scaled
from ...core.selection import draw_service
from ...core.selection.stored_letters import load_letter_materials
from ...core import count_texts
from ..i18n import localized, translate
from ..tasks import BackgroundTask
from ..widgets.file_dialogs import ask_save_path, safe_file_part
from .draw_state import DrawSession
from .letter_dialog import LetterDialog, letter_lab_info
from .table_models import SORT_ROLE, RowsTableModel, format_count
from .wizard_settings_page import dimension_label

#: the files a draw exports (keys of ``DrawSession.exported``)
LIST, PROTOCOL, LETTERS = "Einladungsliste", "Protokoll", "Einladungsbriefe"


def strata_headers() -> tuple[str, ...]:
    return (translate("RunPage", "Schicht"), translate("RunPage", "Bevölkerung"), translate("RunPage", "ziehbar"),
            translate("RunPage", "Soll"), translate("RunPage", "gezogen"), translate("RunPage", "Nachrücker"))


def export_label(kind: str) -> str:
    return {LIST: translate("RunPage", "Einladungsliste"), PROTOCOL: translate("RunPage", "Protokoll"),
            LETTERS: translate("RunPage", "Einladungsbriefe")}.get(kind, kind)


class RunPage(QWizardPage):
    draw_saved = Signal(int)
    exported = Signal(str, str)  # kind, path

    def __init__(self, session: DrawSession, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: Optional[BackgroundTask] = None
        self.setTitle(translate("RunPage", "Ziehung durchführen"))
        self.setSubTitle(translate("RunPage", "Die Ziehung wird mit dem Startwert durchgeführt und im Labor "
                                              "gespeichert (nur die Eingeladenen, nicht der Auszug). Danach können "
                                              "Liste, Protokoll und Briefe gespeichert werden."))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.settings_label = QLabel()
        self.settings_label.setWordWrap(True)
        layout.addWidget(self.settings_label)
        run_row = QHBoxLayout()
        self.run_button = QPushButton(translate("RunPage", "Ziehung durchführen und speichern"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start_draw)
        run_row.addWidget(self.run_button)
        run_row.addStretch(1)
        layout.addLayout(run_row)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)

        headers = strata_headers()
        self.strata_model = RowsTableModel(headers)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.strata_model)
        proxy.setSortRole(SORT_ROLE)
        self.strata_view = QTableView()
        self.strata_view.setModel(proxy)
        self.strata_view.setSortingEnabled(True)
        self.strata_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        proxy.sort(-1)  # the draw's own order (district, age band, gender) until a header is clicked
        self.strata_view.verticalHeader().hide()
        self.strata_view.verticalHeader().setDefaultSectionSize(22)
        header = self.strata_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.strata_view, 1)

        export_group = QGroupBox(translate("RunPage", "Ergebnisse speichern"))
        grid = QGridLayout(export_group)
        self.list_button = QPushButton(translate("RunPage", "Einladungsliste (XLSX/CSV) …"))
        self.list_button.clicked.connect(self.export_list)
        self.protocol_button = QPushButton(translate("RunPage", "Protokoll (PDF) …"))
        self.protocol_button.clicked.connect(self.export_protocol)
        self.letters_button = QPushButton(translate("RunPage", "Einladungsbriefe (PDF) …"))
        self.letters_button.clicked.connect(self.export_letters)
        self.letter_text_button = QPushButton(translate("RunPage", "Brieftext bearbeiten …"))
        self.letter_text_button.clicked.connect(self.edit_letter_text)
        self.replacement_letters_check = QCheckBox(translate("RunPage", "Briefe auch für Nachrücker"))
        grid.addWidget(self.list_button, 0, 0)
        grid.addWidget(self.protocol_button, 0, 1)
        grid.addWidget(self.letters_button, 0, 2)
        grid.addWidget(self.letter_text_button, 1, 2)
        grid.addWidget(self.replacement_letters_check, 1, 1)
        self.export_label = QLabel()
        self.export_label.setWordWrap(True)
        self.export_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.export_label, 2, 0, 1, 3)
        layout.addWidget(export_group)
        self.export_group = export_group
        self._set_exports_enabled(False)

    def _set_exports_enabled(self, enabled: bool) -> None:
        for button in (self.list_button, self.protocol_button, self.letters_button):
            button.setEnabled(enabled)

    def initializePage(self) -> None:
        s = self.session
        st = s.settings
        if st is None:
            return
        none = translate("RunPage", "keine")
        strata = ", ".join(dimension_label(d) for d in st.strata) or none
        excl = []
        if s.exclude_history:
            excl.append(translate("RunPage", "Eingeladene früherer Labore"))
        excl += [p.name for p in s.exclusion_files]
        ages = (translate("RunPage", "{min_age} bis {max_age} Jahre").format(min_age=st.min_age, max_age=st.max_age)
                if st.max_age is not None else localized(count_texts.from_age(st.min_age)))
        household = translate("RunPage", "aus")
        if st.household_rule:
            household = (translate("RunPage", "an (gleiche Anschrift)") if st.household_by == "address"
                         else translate("RunPage", "an (gleiche Anschrift und gleicher Familienname)"))
        self.settings_label.setText(translate(
            "RunPage", "<b>{size}</b> + {replacements} · Schichten: {strata} · Alter: "
            "{ages} · Altersgrenzen {edges} · Haushaltsregel {household} · Bezirk: {districts}<br>Ausschlüsse: "
            "{exclusions}<br>Startwert: „{seed}“").format(
                size=localized(count_texts.invitations(st.size)),
                replacements=localized(count_texts.replacements(st.replacements)), strata=strata, ages=ages,
                edges=", ".join(str(e) for e in st.age_edges), household=household,
                districts=", ".join(st.districts) or translate("RunPage", "alle"),
                exclusions=", ".join(excl) or none, seed=_html(s.seed_text)))

    # -- the draw -------------------------------------------------------------------------
    def existing_invitees(self) -> int:
        with self.session.database.session() as db:
            return draw_service.existing_invitee_count(db, self.session.lab.id)

    def ask_replace_existing(self, count: int) -> Optional[bool]:
        """True: replace unanswered earlier invitees; False: keep them; None: do not draw."""
        answer = QMessageBox.question(
            self, translate("RunPage", "Frühere Ziehung"),
            translate("RunPage", "Für dieses Labor gibt es schon {0}.\n\nJa: Eingeladene ohne "
                                 "Rückmeldung durch die neue Ziehung ersetzen (wenn noch keine Briefe verschickt "
                                 "wurden).\nNein: neue Eingeladene zusätzlich speichern.").format(localized(count_texts.invitees(count))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            return True
        if answer == QMessageBox.StandardButton.No:
            return False
        return None

    def start_draw(self) -> Optional[BackgroundTask]:
        s = self.session
        if s.validated is None or s.settings is None:
            return None
        replace = False
        count = self.existing_invitees()
        if count:
            choice = self.ask_replace_existing(count)
            if choice is None:
                return None
            replace = choice
        register, settings, seed = s.validated, s.settings, s.seed_text
        database, lab_id, lab_name = s.database, s.lab.id, s.lab.name
        history, files = s.exclude_history, list(s.exclusion_files)
        skip_invalid, street = s.skip_invalid, s.street_directory_record()
        user = _user_name()
        saving_text = translate("RunPage", "Eingeladene werden im Labor gespeichert …")

        def job(progress, cancel):
            with database.session() as db:
                exclusions = draw_service.collect_exclusions(files, session=db, history=history, lab_id=lab_id)
            run = draw_service.perform_draw(register, settings, seed, exclusions, user=user, lab_name=lab_name,
                                            skip_invalid=skip_invalid, street_directory=street,
                                            progress=scaled(progress, 0.05, 0.85), cancel=cancel)
            progress(0.9, saving_text)
            with database.session() as db:
                draw_service.store_draw(run, db, draw_service.load_lab(db, lab_id), replace_open_invitees=replace)
            return run

        def done(run) -> None:
            s.run, s.result, s.draw_id = run, run.result, run.draw_id
            s.exported.clear()
            self._show_result()
            self._set_exports_enabled(True)
            self.run_button.setText(translate("RunPage", "Neue Ziehung mit diesen Einstellungen"))
            self.completeChanged.emit()
            self.draw_saved.emit(s.draw_id)

        self.task = BackgroundTask(job, title=translate("RunPage", "Ziehung"), parent=self, on_success=done,
                                   writes_database=True)
        self.task.start()
        return self.task

    def _show_result(self) -> None:
        r = self.session.result
        if r is None:
            return
        main = len(r.main_list)
        reps = len(r.replacement_list)
        drawn = translate("RunPage", "Gezogen: {invitations} und {replacements}").format(
            invitations=localized(count_texts.invitations(main)), replacements=localized(count_texts.replacements(reps)))
        self.result_label.setText(
            f"<b style='color:#1b5e20'>{drawn}</b> "
            + translate("RunPage", "(gespeichert als Ziehung Nr. {0}).").format(self.session.draw_id) + "<br>"
            + translate("RunPage", "Gelesen {read} · gültig {valid} · teilnahmeberechtigt {eligible} · ausgeschlossen "
                                   "(früher eingeladen) {excluded} · Haushalte {households} · ziehbar {candidates}")
            .format(read=format_count(r.rows_read), valid=format_count(r.rows_valid),
                    eligible=format_count(r.rows_eligible), excluded=format_count(r.rows_excluded),
                    households=format_count(r.households), candidates=format_count(r.candidates))
            + "<br>" + translate("RunPage", "Prüfsumme des Startwerts: {0}").format(
                f"<span style='font-family: monospace'>{r.seed_digest[:16]}…</span>")
            + "".join(f"<br>• {_html(localized(n))}" for n in r.notes))
        rows = [(localized(stratum_label_message(st.label)), st.population, st.eligible, st.quota, st.drawn, st.replacements) for st in r.strata]
        self.strata_model.set_data(strata_headers(), rows)

    def isComplete(self) -> bool:
        return self.session.result is not None

    # -- exports --------------------------------------------------------------------------
    def _file_stem(self) -> str:
        lab = self.session.lab
        date = lab.date.isoformat() if lab.date else "ohne-Datum"  # file names stay German, as the files do
        return safe_file_part(f"{lab.name}_{date}")

    def _export(self, kind: str, title: str, path: Optional[Path], fn: Callable[..., Path],
                after: Optional[Callable[[Path], None]] = None) -> Optional[BackgroundTask]:
        if path is None:
            return None

        def done(written: Path) -> None:
            written = Path(written) if written else path
            self.session.exported[kind] = written
            if after is not None:
                after(written)
            items = self.session.exported.items()
            self.export_label.setText(translate("RunPage", "Gespeichert: {files}\nOrdner: {folder}").format(
                files=" · ".join(f"{export_label(k)} → {v.name}" for k, v in items), folder=written.parent))
            self.export_label.setToolTip("\n".join(str(v) for _k, v in items))
            self.exported.emit(kind, str(written))

        self.task = BackgroundTask(fn, title=title, parent=self, on_success=done)
        self.task.start()
        return self.task

    def export_list(self, path: Optional[Path] = None) -> Optional[BackgroundTask]:
        s = self.session
        if s.run is None:
            return None
        title = translate("RunPage", "Einladungsliste speichern")
        path = path or ask_save_path(self, title, f"Einladungsliste_{self._file_stem()}.xlsx",
                                     translate("RunPage", "Excel-Arbeitsmappe (*.xlsx);;CSV-Datei (*.csv)"), "exports")
        run = s.run
        return self._export(LIST, title, path, lambda progress, cancel: draw_service.write_list(run, path))

    def export_protocol(self, path: Optional[Path] = None) -> Optional[BackgroundTask]:
        s = self.session
        if s.run is None:
            return None
        title = translate("RunPage", "Protokoll speichern")
        path = path or ask_save_path(self, title, f"Ziehungsprotokoll_{self._file_stem()}.pdf",
                                     translate("RunPage", "PDF-Dateien (*.pdf)"), "exports")
        run, database = s.run, s.database
        writing_text = translate("RunPage", "Protokoll wird geschrieben …")

        def job(progress, cancel):
            progress(0.1, writing_text)
            with database.session() as db:
                written, _record = draw_service.write_protocol(run, path, session=db)
            return written

        return self._export(PROTOCOL, title, path, job)

    def edit_letter_text(self) -> bool:
        dialog = LetterDialog(self.session.database, self.session.lab, self)
        return dialog.exec() == LetterDialog.DialogCode.Accepted

    def export_letters(self, path: Optional[Path] = None) -> Optional[BackgroundTask]:
        s = self.session
        if s.run is None:
            return None
        path = path or ask_save_path(self, translate("RunPage", "Einladungsbriefe speichern"),
                                     f"Einladungsbriefe_{self._file_stem()}.pdf",
                                     translate("RunPage", "PDF-Dateien (*.pdf)"), "exports")
        template, privacy = load_letter_materials(s.database)
        lab_info: LabInfo = letter_lab_info(s.lab)
        run = s.run
        include = self.replacement_letters_check.isChecked()
        return self._export(LETTERS, translate("RunPage", "Einladungsbriefe schreiben"), path,
                            lambda progress, cancel: draw_service.write_letters(
                                run, path, template, lab_info, include_replacements=include, privacy=privacy,
                                progress=progress, cancel=cancel))


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems
        return ""


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
