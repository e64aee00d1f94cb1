"""Where EquityDesk keeps its files: the user data folder, the default database and packaged resources."""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

APP_NAME = "EquityDesk"
DEFAULT_DB_NAME = "equitydesk.sqlite"
DEMO_DB_NAME = "equitydesk-demo.sqlite"


def data_dir() -> Path:
    """The per-user data folder; EQUITYDESK_DATA_DIR overrides it so tests and portable setups stay isolated."""
    override = os.environ.get("EQUITYDESK_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # imported late: start-up time matters and only this path needs it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir_is_default() -> bool:
    """Whether the data folder is the platform's own (no EQUITYDESK_DATA_DIR)."""
    return not os.environ.get("EQUITYDESK_DATA_DIR")


def data_dir_key() -> str:
    """A short, stable name for the data folder in use, for what is remembered per data folder (recent files).

    Two data folders (EQUITYDESK_DATA_DIR) share one settings file, so their keys must differ.
    """
    folder = str(data_dir().expanduser().resolve())
    return hashlib.sha1(folder.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_NAME


def resource_path(*parts: str) -> Path:
    """A file shipped in resources/: the source tree's folder when running from one, else equitydesk.resources.

    The source tree comes first: an editable install maps equitydesk.resources to the checkout it was made from,
    so another checkout (a git worktree) run with PYTHONPATH would otherwise read that checkout's resources.
    """
    tree = Path(__file__).resolve().parent.parent
    if (tree / "setup.cfg").is_file() and (tree / "resources" / "__init__.py").is_file():
        return (tree / "resources").joinpath(*parts)
    try:
        base = Path(str(resources.files("equitydesk.resources")))
    except ModuleNotFoundError:
        base = tree / "resources"
    return base.joinpath(*parts)
