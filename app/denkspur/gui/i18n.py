"""English and German UI through Qt Linguist translations (``resources/i18n``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from denkspur.resources import resources_dir

log = logging.getLogger("denkspur.gui")
LANGUAGES = {"en": "English", "de": "Deutsch"}
_installed: list[QTranslator] = []
_plurals: list[QTranslator] = []  # the English plural forms, installed once per application


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
    if app is None:
        return language
    install_plurals()
    if language != "en":
        _install(app, language)
        # Qt's own texts (Cancel, Yes, No in standard buttons and dialogs), shipped with PySide6.
        from PySide6.QtCore import QLibraryInfo  # only for another language than English

        qt_texts = QTranslator(app)
        if qt_texts.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_texts)
            _installed.append(qt_texts)
    return language


def install_plurals() -> None:
    """English plural forms ("1 step", "2 steps") of every ``tr("%n …(s)", "", n)`` text.

    Qt's plural forms need a translation even for the source language: without one,
    "%n step(s)" reads "1 step(s)". Installed once and kept, before any language file,
    so that a German text wins (Qt asks the latest translator first) and a plural the
    German file does not have yet still reads as correct English.
    """
    app = QCoreApplication.instance()
    if app is None or any(translator.parent() is app for translator in _plurals):
        return
    translator = _load(app, "en")
    if translator is not None:
        _plurals.append(translator)


def _install(app: QCoreApplication, language: str) -> None:
    translator = _load(app, language)
    if translator is not None:
        _installed.append(translator)


def _load(app: QCoreApplication, language: str) -> QTranslator | None:
    translator = QTranslator(app)
    path = resources_dir() / "i18n" / f"denkspur_{language}.qm"
    if not translator.load(str(path)):
        log.warning("no translation file at %s", path)
        return None
    app.installTranslator(translator)
    return translator


def plural_n(count: int) -> int:
    """``count`` as Qt's ``tr(text, "", n)`` takes it: a C ``int`` of at least 0. Counts read from
    a stored or imported reply (tokens, a branch offset) are outside data and may be anything:
    a larger one raises ``OverflowError`` in the middle of showing the conversation, and for a
    negative one Qt leaves "%n" in the text."""
    return max(0, min(count, 2**31 - 1))
