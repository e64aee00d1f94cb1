"""The demo database as a file of its own: built beside its place and moved in only once it is whole."""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

from equitydesk.db.engine import open_database
from equitydesk.services.demo import fill_demo
from equitydesk.services.registry import services_for


def build_demo_file(path: Path, *, today: date) -> dict[str, int]:
    """Fill a new demo database at `path`, unless one is there already; return the counts written.

    The demo is written into a file of its own and linked into place only once complete, so `path` existing always
    means a whole demo: a failure leaves nothing behind, and two windows asking for it at once make one, not a mix.
    """
    building = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.building")
    leftovers = [building, building.with_name(building.name + "-wal"), building.with_name(building.name + "-shm")]
    try:
        db = open_database(building)
        try:
            made = fill_demo(services_for(db), today=today)
            with db.engine.connect() as connection:  # everything into the main file before it is moved
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.dispose()
        try:
            os.link(building, path)  # refuses to replace: a demo another window finished first stays
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(building, path)
        return made
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
