"""Where the window keeps what it remembers (geometry, recent files): an INI file in the user's config folder."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from equitydesk.paths import data_dir_is_default, data_dir_key

ORGANIZATION = "EquityDesk"
APPLICATION = "EquityDesk"
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting:
    """One remembered value: its key in the INI file and what it is before anything was stored."""

    key: str
    default: Any = None

    def read(self) -> Any:
        return app_settings().value(self.key, self.default)

    def write(self, value: Any) -> None:
        app_settings().setValue(self.key, value)


# Every key the window stores, declared once here.
LEGACY_RECENT_FILES = Setting("recentFiles", [])  # before recent files were kept per data folder
EXPORT_FOLDER = Setting("exports/folder")
IMPORT_FOLDER = Setting("import/folder", "")
WINDOW_GEOMETRY = Setting("mainWindow/geometry")
WINDOW_STATE = Setting("mainWindow/state")
WINDOW_PAGE = Setting("mainWindow/page", 0)


def last_committee(database: str) -> Setting:
    """The committee last chosen for an export, a printout or the representation summary of this database.

    Keyed by the database (its file or URL), since committee ids mean nothing in another file.
    """
    digest = hashlib.sha1(database.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return Setting(f"lastCommittee/{digest}")


def committee_to_start(database: str, chosen: int | None) -> int | None:
    """Where a committee choice starts: the one in the roster filter, else the last one used in this database."""
    if chosen is not None:
        return chosen
    stored = last_committee(database).read()
    try:
        return int(stored) if stored not in (None, "") else None
    except (TypeError, ValueError):  # an INI file edited by hand
        return None


def remember_committee(database: str, committee_id: int | None) -> None:
    if committee_id is not None:
        last_committee(database).write(int(committee_id))


def hidden_columns(page: str) -> Setting:
    """The columns a user hid on a list page (None stored: the page's own default)."""
    return Setting(f"pages/{page}/hiddenColumns")


def app_settings() -> QSettings:
    """Always INI in the user scope, so tests isolate it with QSettings.setPath(IniFormat, UserScope, tmp_path)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def recent_files_setting() -> Setting:
    """The recent files of the data folder in use: two data folders (EQUITYDESK_DATA_DIR) keep separate lists."""
    return Setting(f"recent/{data_dir_key()}/files", [])


def recent_files() -> list[Path]:
    """Recently opened databases, newest first; files that have gone are dropped from the list for good."""
    settings = app_settings()
    setting = recent_files_setting()
    if not settings.contains(setting.key) and data_dir_is_default() and settings.contains(LEGACY_RECENT_FILES.key):
        # The one list kept before was the default data folder's: it carries over there, once.
        settings.setValue(setting.key, settings.value(LEGACY_RECENT_FILES.key))
        settings.remove(LEGACY_RECENT_FILES.key)
    stored = settings.value(setting.key, setting.default)
    names = [stored] if isinstance(stored, str) else list(stored or [])
    present = [Path(n) for n in names if n and Path(n).is_file()]
    if len(present) != len(names):
        settings.setValue(setting.key, [str(p) for p in present])
    return present[:MAX_RECENT]


def add_recent_file(path: Path) -> None:
    path = path.resolve()
    names = [str(path)] + [str(p) for p in recent_files() if p.resolve() != path]
    recent_files_setting().write(names[:MAX_RECENT])


def clear_recent_files() -> None:
    app_settings().remove(recent_files_setting().key)
