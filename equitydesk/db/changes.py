"""Whether a database file has changed since a moment: SQLite's data_version, read on a connection of its own."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class ChangeWatcher:
    """Notices every commit to the file, by this program or another, since it started watching (or `mark()`).

    SQLite's `PRAGMA data_version` changes whenever another connection commits, and this connection never
    writes, so a different value means somebody changed the database. It reads nothing but that number.
    The connection may be used from the job thread and the GUI thread in turn, hence the lock.
    """

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=10
        )
        self._since = self.version()

    def version(self) -> int:
        """The current data_version (a token for `mark`); -1 once closed."""
        with self._lock:
            if self._conn is None:
                return -1
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        return self._conn is not None and self.version() != self._since

    def mark(self, version: int | None = None) -> None:
        """From now on (or from the moment `version` was read), count changes afresh: a backup has them."""
        self._since = self.version() if version is None else version

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
