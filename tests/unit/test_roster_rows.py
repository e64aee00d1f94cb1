"""How printed lists order and name people, including people with a single name."""

from __future__ import annotations

from equitydesk.formats.roster_rows import RosterExportRow


def test_single_names_file_under_their_own_name_not_at_the_top() -> None:
    rows = [
        RosterExportRow(family_name="Warsame", given_name="Hodan"),
        RosterExportRow(family_name="", given_name="Naw Paw Say"),
        RosterExportRow(family_name="Anderson", given_name="Linda"),
        RosterExportRow(family_name="Émile", given_name="Zoé"),
    ]
    ordered = [r.listed_name for r in sorted(rows, key=lambda r: r.sort_key)]
    assert ordered == ["Anderson, Linda", "Émile, Zoé", "Naw Paw Say", "Warsame, Hodan"]


def test_preferred_name_replaces_the_given_name() -> None:
    row = RosterExportRow(family_name="Vang", given_name="Mai Nou", preferred_name="Mai")
    assert (row.display_name, row.listed_name) == ("Mai Vang", "Vang, Mai")
