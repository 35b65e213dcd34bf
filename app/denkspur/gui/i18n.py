"""English and German UI through Qt Linguist translations (``resources/i18n``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from denkspur.resources import resources_dir

log = logging.getLogger("denkspur.gui")
LANGUAGES = {"en": "English", "de": "Deutsch"}
_installed: list[QTranslator] = []


def resolve_language(setting: str) -> str:
    if setting in LANGUAGES:
        return setting
    return "de" if QLocale.system().name().startswith("de") else "en"


def install_language(setting: str) -> str:
    """Switch the application's translator; returns the language now active."""
    app = QCoreApplication.instance()
    language = resolve_language(setting)
    # Numbers and dates follow the UI language (3.998 in German), or the system's locale.
    QLocale.setDefault(QLocale.system() if setting not in LANGUAGES else QLocale(language))
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    if language != "en" and app is not None:
        translator = QTranslator(app)
        path = resources_dir() / "i18n" / f"denkspur_{language}.qm"
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation file at %s", path)
        # Qt's own texts (Cancel, Yes, No in standard buttons and dialogs), shipped with PySide6.
        qt_texts = QTranslator(app)
        if qt_texts.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_texts)
            _installed.append(qt_texts)
    return language
