"""Meetings of every committee, newest first; read-only until the meeting editor arrives."""

from __future__ import annotations

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.workspace import Change


class MeetingsPage(ListPage):
    title = "Meetings"
    service_name = "meetings"
    noun = ("meeting", "meetings")
    columns = ("starts_at", "title", "committee", "location", "status", "minutes_status", "agenda_items", "attended")
    column_widths = {
        "starts_at": 150,
        "committee": 250,
        "location": 210,
        "status": 80,
        "minutes_status": 80,
        "attended": 90,
    }
    stretch_column = "title"
    fixed_columns = ("starts_at", "status", "minutes_status")
    hidden_columns = ("agenda_items",)
    default_sort = "starts_at"
    default_descending = True
    search_placeholder = "Search title, committee, place…"
    empty_text = "No meetings yet."
    listens = frozenset({Change.MEETINGS, Change.COMMITTEES})
    nav_action = CommandId.GO_MEETINGS
