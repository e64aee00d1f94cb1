"""Where the window keeps what it remembers (geometry, recent files): an INI file in the user's config folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "EquityDesk"
APPLICATION = "EquityDesk"
RECENT_KEY = "recentFiles"
MAX_RECENT = 8


def app_settings() -> QSettings:
    """Always INI in the user scope, so tests isolate it with QSettings.setPath(IniFormat, UserScope, tmp_path)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def recent_files() -> list[Path]:
    """Recently opened databases, newest first; files that have gone are dropped from the list for good."""
    settings = app_settings()
    stored = settings.value(RECENT_KEY, [])
    names = [stored] if isinstance(stored, str) else list(stored or [])
    present = [Path(n) for n in names if n and Path(n).is_file()]
    if len(present) != len(names):
        settings.setValue(RECENT_KEY, [str(p) for p in present])
    return present[:MAX_RECENT]


def add_recent_file(path: Path) -> None:
    path = path.resolve()
    names = [str(path)] + [str(p) for p in recent_files() if p.resolve() != path]
    app_settings().setValue(RECENT_KEY, names[:MAX_RECENT])


def clear_recent_files() -> None:
    app_settings().remove(RECENT_KEY)
