"""Installing the interface language.

The source strings are Vietnamese, so `vi` needs no translation file; `en` loads
`triage_desktop/resources/i18n/triage_desktop_en.qm` (built from resources/i18n/triage_desktop_en.ts).
Qt's own strings (context menus, standard buttons, file, message and colour dialogs, key names) come from
`qtbase_<lang>.qm`: Qt ships one for English but none for Vietnamese, so we ship our own
`triage_desktop/resources/i18n/qtbase_vi.qm`, compiled from the hand-kept resources/i18n/qtbase_vi.ts (never
run through lupdate). In Vietnamese the file dialogs are Qt's own widgets (AA_DontUseNativeDialogs) so that
file choosing reads Vietnamese even on an English Windows; in English the system's native dialogs are used.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_LOCALES = {"vi": "vi_VN", "en": "en_GB"}  # en_GB: day-first dates and 24-hour time, like the offices


def translation_file(language: str) -> str | None:
    """The path of our compiled translation for `language`, or None when there is none (or it is `vi`)."""
    if language == DEFAULT_LANGUAGE:
        return None
    entry = resources.files("triage_desktop") / "resources" / "i18n" / f"triage_desktop_{language}.qm"
    return str(entry) if entry.is_file() else None


def qtbase_file(language: str) -> str | None:
    """Our own translation of Qt's strings for `language` (only Vietnamese: Qt ships the others)."""
    entry = resources.files("triage_desktop") / "resources" / "i18n" / f"qtbase_{language}.qm"
    return str(entry) if entry.is_file() else None


_current: list[QTranslator] = []  # what the last call installed: a new language replaces it, never stacks on it


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install translators for `language` (default Vietnamese) in place of the ones installed before; return
    them (keep them alive). Replacing matters: English's qtbase_en is nearly empty, so a qtbase_vi left below
    it would still answer for Qt's buttons."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    remove_translators(app, _current)
    QLocale.setDefault(QLocale(_LOCALES[language]))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    ours_of_qt = qtbase_file(language)
    if (qtbase.load(f"qtbase_{language}", qt_dir) or (ours_of_qt is not None and qtbase.load(ours_of_qt))) \
            and app.installTranslator(qtbase):
        installed.append(qtbase)
    elif language == DEFAULT_LANGUAGE:
        log.warning("no qtbase_vi.qm: Qt's own buttons and menus stay English (make qm)")
    # Native file dialogs speak the system's language, not ours (ward PCs may run an English Windows).
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, language == DEFAULT_LANGUAGE)
    path = translation_file(language)
    if path is not None:
        ours = QTranslator(app)
        if ours.load(path) and app.installTranslator(ours):
            installed.append(ours)
        else:
            log.warning("could not load translation %s", path)
    elif language != DEFAULT_LANGUAGE:
        log.warning("no translation file for %s; showing Vietnamese", language)
    _current[:] = installed
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
