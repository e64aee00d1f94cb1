"""What an installed EquityDesk needs at run time is where the code looks for it."""

from __future__ import annotations

from equitydesk.db.migrate import MIGRATIONS_DIR
from equitydesk.paths import resource_path


def test_fonts_icons_and_migrations_are_found() -> None:
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("fonts", "LICENSE-DejaVu.txt").is_file()
    assert any(resource_path("icons").glob("*.svg"))
    assert (MIGRATIONS_DIR / "env.py").is_file() and any((MIGRATIONS_DIR / "versions").glob("0001_*.py"))
