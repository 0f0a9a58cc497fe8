"""English translation through Qt Linguist: the .ts is complete and current, the .qm builds and is used."""
from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from quartierslabor_app.qt import i18n

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "translations" / "quartierslabor_en.ts"


def _tool_module():
    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "installer" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _active_messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> <message> for every message still in the code (not obsolete/vanished)."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            out[(name, message.findtext("source"))] = message
    return out


# fixtures compiled_dir and english: tests/conftest.py


def test_ts_is_complete():
    messages = _active_messages(TS_FILE)
    assert len(messages) > 300
    missing = []
    for (context, source), message in messages.items():
        translation = message.find("translation")
        if translation.get("type") == "unfinished":
            missing.append((context, source))
        elif message.get("numerus") == "yes":
            forms = [f.text for f in translation.iter("numerusform")]
            if len(forms) < 2 or not all(f and f.strip() for f in forms):
                missing.append((context, source))
        elif not (translation.text or "").strip():
            missing.append((context, source))
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"


def test_ts_placeholders_match_source():
    """A translation keeps every {placeholder} of its source, so .format() never fails or drops a value."""
    import string
    bad = []
    for (context, source), message in _active_messages(TS_FILE).items():
        text = message.find("translation").text or ""
        fields = {f for _lit, f, _spec, _conv in string.Formatter().parse(source) if f is not None}
        got = {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None}
        if fields != got:
            bad.append((context, source, text))
    assert not bad, bad[:5]


def test_ts_is_up_to_date(tmp_path):
    """pyside6-lupdate over the code finds exactly the strings the committed .ts has."""
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    _tool_module().update([copy])
    assert set(_active_messages(copy)) == set(_active_messages(TS_FILE))


def test_untranslated_and_fill_round_trip(tmp_path):
    """--untranslated lists what lacks a translation; --fill writes a tab-separated file back."""
    tool = _tool_module()
    ts = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, ts)
    text = ts.read_text(encoding="utf-8")
    needle = "<translation>Place (kept)</translation>"
    assert needle in text
    ts.write_text(text.replace(needle, '<translation type="unfinished"></translation>'), encoding="utf-8")
    assert tool.untranslated(ts) == [("EntryBar", "Ort (bleibt)")]
    tsv = tmp_path / "en.tsv"
    tsv.write_text("EntryBar\tOrt (bleibt)\tPlace (stays)\n"
                   "EntryBar\tGibt es nicht\tDoes not exist\n"
                   "# a comment line\n", encoding="utf-8")
    count, unmatched = tool.fill(ts, tsv)
    assert count == 1
    assert unmatched == ["EntryBar\tGibt es nicht"]
    assert tool.untranslated(ts) == []
    assert _active_messages(ts)[("EntryBar", "Ort (bleibt)")].findtext("translation") == "Place (stays)"
    assert set(_active_messages(ts)) == set(_active_messages(TS_FILE))


def test_qm_builds_and_translates(compiled_dir):
    translator = QTranslator()
    assert translator.load(str(compiled_dir / "quartierslabor_en.qm"))
    assert translator.translate("SettingsDialog", "Einstellungen") == "Settings"
    assert translator.translate("EntryBar", "Ort (bleibt)") == "Place (kept)"


def test_qt_catalogues_exist_for_both_languages():
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for language in ("de", "en"):
        assert (folder / f"qtbase_{language}.qm").is_file()


def test_language_setting_is_normalised(isolated_data_dir):
    from quartierslabor_app.core.settings_store import set_machine_setting
    assert i18n.configured_language() == "de"
    set_machine_setting(i18n.LANGUAGE_KEY, "en")
    assert i18n.configured_language() == "en"
    set_machine_setting(i18n.LANGUAGE_KEY, "fr")
    assert i18n.configured_language() == "de"
    assert i18n.normalise_language("EN_gb") == "en"


def test_available_languages_follow_compiled_catalogues(compiled_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert i18n.available_languages() == ["de"]
    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled_dir)
    assert i18n.available_languages() == ["de", "en"]


def test_english_board_entry_bar(qtbot, english):
    from quartierslabor_app.qt.board.entry_bar import EntryBar
    bar = EntryBar()
    qtbot.addWidget(bar)
    assert bar.place.placeholderText() == "Place (kept)"
    assert bar.line.placeholderText().startswith("Type a concern and press Enter")


def test_english_recommendations_view(qtbot, english, db):
    from quartierslabor_app.core.labs import create_lab
    from quartierslabor_app.qt.recommendations.recommendations_view import RecommendationsView
    with db.session() as s:
        lab_id = create_lab(s, "Nordstadt 1", "Innenstadt-Nord").id
    view = RecommendationsView(db, lab_id)
    qtbot.addWidget(view)
    assert view.new_button.text() == "New recommendation"
    assert view.delete_button.text() == "Delete …"
    assert view.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Title"


def test_qt_standard_buttons_follow_the_language(qtbot, qapp, compiled_dir, monkeypatch):
    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled_dir)
    try:
        i18n.install_translators(qapp, "de")
        box = QMessageBox(QMessageBox.Icon.Question, "T", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Cancel).text() == "Abbrechen"
        assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Ja"
        i18n.install_translators(qapp, "en")
        box = QMessageBox(QMessageBox.Icon.Question, "T", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
        qtbot.addWidget(buttons)
        assert buttons.button(QDialogButtonBox.StandardButton.Save).text().replace("&", "") == "Save"
        assert i18n.translate("SettingsDialog", "Einstellungen") == "Settings"
    finally:
        i18n.install_translators(qapp, "de")
    assert i18n.translate("SettingsDialog", "Einstellungen") == "Einstellungen"


def test_missing_catalogue_falls_back_to_german(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    try:
        translators = i18n.install_translators(qapp, "en")
        assert len(translators) == 1          # only Qt's own qtbase_en
        assert i18n.translate("SettingsDialog", "Einstellungen") == "Einstellungen"
    finally:
        i18n.install_translators(qapp, "de")
