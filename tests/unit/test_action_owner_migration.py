"""Migration 0005 turns each action item's single owner (a member, free text, or both) into its first owners, and
keeps every item and every progress update."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from equitydesk.db.engine import open_database
from equitydesk.db.migrate import alembic_config


def test_single_owners_become_owner_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0004_meeting_minutes")
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.executescript(
        """
        INSERT INTO committee (id, name, quorum_kind, quorum_value, archived, created_at, updated_at)
            VALUES (1, 'EAC', 'share', 0.5, 0, '2025-01-01', '2025-01-01');
        INSERT INTO person (id, given_name, family_name, name_key, archived, created_at, updated_at)
            VALUES (7, 'Mai', 'Vang', 'vang|mai', 0, '2025-01-01', '2025-01-01');
        INSERT INTO action_item (id, committee_id, title, owner_person_id, owner_text, status, priority, created_at,
            updated_at)
            VALUES (1, 1, 'Both', 7, 'Facilities', 'open', 'normal', '2025-01-01', '2025-01-01'),
                   (2, 1, 'Member', 7, NULL, 'open', 'normal', '2025-01-01', '2025-01-01'),
                   (3, 1, 'Text', NULL, ' District office ', 'open', 'normal', '2025-01-01', '2025-01-01'),
                   (4, 1, 'Nobody', NULL, NULL, 'open', 'normal', '2025-01-01', '2025-01-01');
        INSERT INTO action_update (action_item_id, "on", note, created_at)
            VALUES (1, '2025-11-01', 'Started', '2025-11-01');
        """
    )
    raw.commit()
    raw.close()
    db = open_database(path)  # upgrades to head, as the app does
    try:
        with db.engine.connect() as conn:
            owners = conn.exec_driver_sql(
                "SELECT action_item_id, position, person_id, text FROM action_owner ORDER BY action_item_id, position"
            ).all()
            updates = conn.exec_driver_sql("SELECT count(*) FROM action_update").scalar_one()
            items = conn.exec_driver_sql("SELECT count(*) FROM action_item").scalar_one()
    finally:
        db.dispose()
    assert [tuple(r) for r in owners] == [(1, 0, 7, None), (1, 1, None, "Facilities"), (2, 0, 7, None),
                                         (3, 0, None, "District office")]  # fmt: skip
    assert (items, updates) == (4, 1)
