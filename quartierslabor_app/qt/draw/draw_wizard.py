"""The draw wizard: register file -> column mapping -> validation -> settings -> draw and exports."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from ...core.storage.database import Database
from ..i18n import translate
from ...core.lab_service import LabRow
from ..widgets.screen_fit import fitting_size
from .draw_state import DrawSession
from .wizard_file_page import FilePage
from .wizard_mapping_page import MappingPage
from .wizard_run_page import RunPage
from .wizard_settings_page import SettingsPage
from .wizard_validation_page import ValidationPage


class DrawWizard(QWizard):
    #: a draw was saved to the lab (DrawRecord id)
    draw_saved = Signal(int)

    def __init__(self, database: Database, lab: LabRow, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = DrawSession(database=database, lab=lab)
        self.setWindowTitle(translate("DrawWizard", "Neue Ziehung – {0}").format(lab.name))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(fitting_size(self, 1040, 780))
        for which, text in ((QWizard.WizardButton.NextButton, translate("DrawWizard", "&Weiter >")),
                            (QWizard.WizardButton.BackButton, translate("DrawWizard", "< &Zurück")),
                            (QWizard.WizardButton.FinishButton, translate("DrawWizard", "&Fertig")),
                            (QWizard.WizardButton.CancelButton, translate("DrawWizard", "Abbrechen"))):
            self.setButtonText(which, text)
        self.file_page = FilePage(self.session)
        self.mapping_page = MappingPage(self.session)
        self.validation_page = ValidationPage(self.session)
        self.settings_page = SettingsPage(self.session)
        self.run_page = RunPage(self.session)
        for page in (self.file_page, self.mapping_page, self.validation_page, self.settings_page, self.run_page):
            self.addPage(page)
        self.run_page.draw_saved.connect(self.draw_saved)
        self.finished.connect(lambda _r: self.session.forget_register())

    def running_tasks(self) -> list:
        pages = (self.file_page, self.validation_page, self.run_page)
        return [p.task for p in pages if p.task is not None and not p.task.finished]

    def done(self, result: int) -> None:
        for task in self.running_tasks():
            task.cancel()  # its callbacks are skipped once the pages are gone
        # the register leaves memory when the wizard closes (DSGVO data minimisation)
        self.session.forget_register()
        super().done(result)
