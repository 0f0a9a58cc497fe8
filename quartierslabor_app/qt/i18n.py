"""UI language: German source text, English through Qt Linguist catalogues.

The UI is written in German. ``resources/translations/quartierslabor_<lang>.ts`` (Qt Linguist)
holds the translations; ``installer/translations.py --release`` (and ``installer/build.py``)
compiles them to ``.qm`` beside the ``.ts``. Qt's own catalogues (``qtbase_<lang>``) translate
the standard dialogs and buttons (Ja/Nein, Öffnen …).

Strings are marked with :func:`translate` (``translate("Context", "Text")``): pyside6-lupdate
extracts every call named ``translate`` with a literal context and text. ``self.tr`` is not used
because PySide6 takes the *runtime* class as context, which breaks in subclasses.

Texts of the Qt-free core (refusals, register problems, status lines) are German
:class:`~quartierslabor_app.core.messages.Message` values marked with ``QT_TRANSLATE_NOOP``;
:func:`localized` shows them in the UI language wherever the GUI displays a core text.

The chosen language is a per-machine setting (``language`` in ``settings.json``); it takes
effect at the next start of the app.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core.messages import Message
from ..core.paths import resource_path

log = logging.getLogger(__name__)

#: per-machine settings key (core/settings_store.py)
LANGUAGE_KEY = "language"
DEFAULT_LANGUAGE = "de"
SOURCE_LANGUAGE = "de"
#: language code -> name shown in the language choice (each in its own language)
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
APP_CATALOGUE = "quartierslabor"
#: Qt's own catalogues loaded for a language (standard dialogs, buttons, shortcuts)
QT_CATALOGUES = ("qtbase",)
_LOCALES = {"de": (QLocale.Language.German, QLocale.Country.Germany),
            "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom)}


def translate(context: str, text: str, disambiguation: Optional[str] = None, n: int = -1) -> str:
    """``QCoreApplication.translate`` under a name pyside6-lupdate recognises."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def _translate_template(context: str, template: str) -> str:
    return QCoreApplication.translate(context, template)


def format_count(value: int) -> str:
    """A whole number with the UI language's digit grouping (1.234 in German, 1,234 in English)."""
    return QLocale().toString(int(value))


def localized(value: object) -> str:
    """A core text in the UI language (its :class:`~quartierslabor_app.core.messages.Count`
    arguments grouped in the UI locale by :func:`format_count`).

    ``value`` may be a :class:`Message`, a :class:`~quartierslabor_app.core.errors.UserError`
    (location, message and hint), an object carrying a ``message_obj`` (a validation problem,
    the budget status …), another exception or a plain string (both shown as they are).
    """
    if isinstance(value, Message):
        return value.format(_translate_template, format_count)
    as_message = getattr(value, "as_message", None)
    if callable(as_message):
        message = as_message()
        if isinstance(message, Message):
            return message.format(_translate_template, format_count)
    message = getattr(value, "message_obj", None)
    if isinstance(message, Message):
        return message.format(_translate_template, format_count)
    return "" if value is None else str(value)


def ui_language() -> str:
    """The language the UI shows now ("de" or "en"; German before translators are installed)."""
    return getattr(QCoreApplication.instance(), "_quartierslabor_language", None) or SOURCE_LANGUAGE


def translations_dir() -> Path:
    return resource_path("translations")


def app_catalogue_path(language: str) -> Path:
    return translations_dir() / f"{APP_CATALOGUE}_{language}.qm"


def qt_translation_folders() -> list[Path]:
    """Where Qt's own catalogues may be: Qt's configured folder, else inside the PySide6 package
    (a frozen build keeps them in ``PySide6/Qt/translations`` or ``PySide6/translations``)."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    import PySide6
    package = Path(PySide6.__file__).resolve().parent
    folders += [package / "Qt" / "translations", package / "translations"]
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique and folder.is_dir():
            unique.append(folder)
    return unique


def available_languages() -> list[str]:
    """Languages the UI can be shown in: German (source) and each compiled catalogue."""
    languages = [SOURCE_LANGUAGE]
    for code in LANGUAGE_NAMES:
        if code != SOURCE_LANGUAGE and app_catalogue_path(code).exists():
            languages.append(code)
    return languages


def normalise_language(language: Optional[str]) -> str:
    code = (language or "").strip().lower()[:2]
    return code if code in LANGUAGE_NAMES else DEFAULT_LANGUAGE


def configured_language() -> str:
    """The language chosen in the settings (German when unset or unknown)."""
    try:
        from ..core.settings_store import get_machine_setting
        return normalise_language(get_machine_setting(LANGUAGE_KEY))
    except Exception:  # noqa: BLE001 - an unreadable settings file must not stop the start
        log.warning("Language setting unreadable; using German", exc_info=True)
        return DEFAULT_LANGUAGE


def remove_translators(app) -> None:
    for translator in getattr(app, "_quartierslabor_translators", None) or []:
        app.removeTranslator(translator)
    app._quartierslabor_translators = []
    app._quartierslabor_language = None


def install_translators(app, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Install the app's and Qt's catalogues for ``language`` ("de" or "en"); replaces earlier ones.

    Returns the installed translators. A missing catalogue is logged, never fatal: the UI then
    shows the German source text (or Qt's English built-in text for standard dialogs).
    """
    language = normalise_language(language)
    if getattr(app, "_quartierslabor_language", None) == language:
        return list(app._quartierslabor_translators)
    remove_translators(app)
    QLocale.setDefault(QLocale(*_LOCALES[language]))
    translators: list[QTranslator] = []
    for catalogue in QT_CATALOGUES:
        translator = QTranslator(app)
        folders = qt_translation_folders()
        if any(translator.load(f"{catalogue}_{language}", str(folder)) for folder in folders):
            translators.append(translator)
        else:
            log.info("Qt translation %s_%s not found in %s", catalogue, language, folders)
    if language != SOURCE_LANGUAGE:
        translator = QTranslator(app)
        path = app_catalogue_path(language)
        if translator.load(str(path)):
            translators.append(translator)
        else:
            log.warning("App translation %s missing (run installer/translations.py --release)", path)
    for translator in translators:
        app.installTranslator(translator)
    app._quartierslabor_translators = translators
    app._quartierslabor_language = language
    return translators
