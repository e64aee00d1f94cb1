"""Where EquityDesk keeps its files: the user data folder, the default database and packaged resources."""

from __future__ import annotations

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


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_NAME


def resource_path(*parts: str) -> Path:
    """A file shipped in resources/: installed as the package equitydesk.resources, or the source tree's folder."""
    try:
        base = Path(str(resources.files("equitydesk.resources")))
    except ModuleNotFoundError:
        base = Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)
