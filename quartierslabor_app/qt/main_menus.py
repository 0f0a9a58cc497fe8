"""The main window's actions, menus, toolbar and the Hilfe → Tastenkürzel list."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ..core.labs import LIFECYCLE_STEPS
from .i18n import translate
from .steps.step_bar import step_label
from .widgets.shortcuts import key_sequences, keys_text, plain_action_text

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from .main_window import MainWindow


def _action(window: "MainWindow", text: str, slot, shortcut=None, tip: str = "",
            fallback: Optional[str] = None) -> QAction:
    """A window action; the tip names the shortcut in the UI language."""
    action = QAction(text, window)
    keys = key_sequences(shortcut, fallback) if shortcut is not None else []
    if keys:
        action.setShortcuts(keys)
    if tip:
        if keys:
            tip = f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action

def build_actions(window: "MainWindow") -> None:
    """The window's actions with their keys (Ctrl+N: a new lab, on every step)."""
    window.new_action = _action(window, translate("MainWindow", "&Neues Labor …"), window.new_lab,
                                   QKeySequence.StandardKey.New,
                                   translate("MainWindow", "Neues Quartierslabor anlegen"), "Ctrl+N")
    window.edit_action = _action(window, translate("MainWindow", "&Bearbeiten …"), window.edit_lab, None,
                                    translate("MainWindow",
                                              "Name, Stadtbezirk, Datum, Ort und Plätze des Labors ändern"))
    window.rename_action = _action(window, translate("MainWindow", "&Umbenennen …"), window.rename_lab, Qt.Key.Key_F2,
                                      translate("MainWindow", "Ausgewähltes Labor umbenennen"))
    window.delete_action = _action(window, translate("MainWindow", "&Löschen …"), window.delete_lab,
                                      QKeySequence.StandardKey.Delete,
                                      translate("MainWindow", "Ausgewähltes Labor mit allen Daten löschen"),
                                      "Del")
    # F2 and Entf act on the lab list only, so typing in a step view never deletes a lab
    for action in (window.rename_action, window.delete_action):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.lab_view.addAction(action)
    window.compare_action = _action(window, translate("MainWindow", "Labore &vergleichen"), window.open_comparison,
                                       None, translate("MainWindow", "Labore über Bezirke und Jahre vergleichen"))
    window.demo_action = _action(window, translate("MainWindow", "&Beispieldaten erzeugen …"), window.create_demo_data,
                                    None, translate("MainWindow",
                                                    "Synthetischen Registerauszug und ein Beispiel-Labor erzeugen"))
    window.settings_action = _action(window, translate("MainWindow", "E&instellungen …"), window.open_settings,
                                        QKeySequence.StandardKey.Preferences,
                                        translate("MainWindow", "Sprache, Datenbank, Taxonomie, Briefvorlage "
                                                                "und Sicherungen einstellen"), "Ctrl+,")
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    window.quit_action = _action(window, translate("MainWindow", "B&eenden"), window.close,
                                    QKeySequence.StandardKey.Quit, fallback="Ctrl+Q")
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.filter_action = _action(window, translate("MainWindow", "Labore &filtern"), window._focus_filter,
                                      QKeySequence.StandardKey.Find, fallback="Ctrl+F")
    window.shortcuts_action = _action(window, translate("MainWindow", "&Tastenkürzel …"), window.show_shortcuts)
    window.lab_list_action = _action(window, translate("MainWindow", "&Laborliste anzeigen"), lambda: None,
                                        "Ctrl+Shift+L",
                                        translate("MainWindow", "Liste der Labore links ein- oder ausblenden – "
                                                                "ausgeblendet hat der Schritt mehr Platz"))
    window.lab_list_action.setIconText(translate("MainWindow", "Laborliste"))
    window.lab_list_action.setCheckable(True)
    window.lab_list_action.setChecked(True)
    window.about_action = _action(window, translate("MainWindow", "Ü&ber Quartierslabor"), window.show_about)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.retention_action = _action(window, 
        translate("MainWindow", "&Personenbezogene Daten löschen …"), window.remind_retention, None,
        translate("MainWindow", "Namen und Anschriften der Eingeladenen nach Ablauf der "
                                "Aufbewahrungsfrist löschen"))
    window.step_actions = []
    for number, step in enumerate(LIFECYCLE_STEPS, start=1):
        act = _action(window, f"&{number}  {step_label(step)}",
                           lambda s=step: window.select_step(s), f"Ctrl+{number}")
        window.step_actions.append(act)

def build_menus_and_toolbar(window: "MainWindow") -> None:
    bar = window.menuBar()
    window.file_menu = file_menu = bar.addMenu(translate("MainWindow", "&Datei"))
    file_menu.addAction(window.new_action)
    file_menu.addAction(window.demo_action)
    file_menu.addSeparator()
    file_menu.addAction(window.settings_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    window.lab_menu = lab_menu = bar.addMenu(translate("MainWindow", "&Labor"))
    for action in (window.edit_action, window.rename_action, window.delete_action):
        lab_menu.addAction(action)
    lab_menu.addSeparator()
    lab_menu.addAction(window.retention_action)
    window.view_menu = view_menu = bar.addMenu(translate("MainWindow", "&Ansicht"))
    view_menu.addAction(window.lab_list_action)
    view_menu.addAction(window.filter_action)
    view_menu.addSeparator()
    for action in window.step_actions:
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(window.compare_action)
    window.help_menu = help_menu = bar.addMenu(translate("MainWindow", "&Hilfe"))
    help_menu.addAction(window.shortcuts_action)
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)

    toolbar = window.addToolBar(translate("MainWindow", "Werkzeuge"))
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addAction(window.lab_list_action)
    toolbar.addSeparator()
    for action in (window.new_action, window.rename_action, window.delete_action):
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addAction(window.compare_action)
    toolbar.addAction(window.demo_action)
    window.toolbar = toolbar


def shortcut_rows(window: "MainWindow") -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(action, keys)]) for the shortcut list: the window's menus, then the open step view."""
    sections = []
    list_actions = (window.rename_action, window.delete_action)
    for menu in (window.file_menu, window.lab_menu, window.view_menu, window.help_menu):
        rows = []
        for action in menu.actions():
            keys = window.window_keys.own_keys(action)
            if not action.isSeparator() and keys and action not in list_actions:
                rows.append((plain_action_text(action), keys_text(keys)))
        if rows:
            sections.append((plain_action_text(menu.menuAction()), rows))
    lab_list = [(plain_action_text(a), keys_text(a.shortcuts())) for a in list_actions]
    sections.append((translate("MainWindow", "In der Liste der Labore"), lab_list))
    step = window.steps.current_step()
    if step is not None:
        view = window.steps.step_view(step)
        rows, seen = [], set()
        for action in view.findChildren(QAction):
            row = (plain_action_text(action), keys_text(action.shortcuts()))
            if action.shortcuts() and row[0] and row not in seen:
                seen.add(row)
                rows.append(row)
        if rows:
            sections.append((translate("MainWindow", "Schritt „{0}“").format(step_label(step)), rows))
    return sections
