"""The strategies of every plan with their lead and latest status; read-only until the roadmap editor arrives."""

from __future__ import annotations

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.workspace import Change


class RoadmapPage(ListPage):
    title = "Roadmap"
    service_name = "strategies"
    noun = ("strategy", "strategies")
    columns = ("plan", "code", "title", "lead", "status", "goals")
    column_widths = {"plan": 280, "code": 60, "lead": 240, "status": 95, "goals": 70}
    stretch_column = "title"
    fixed_columns = ("code", "status", "goals")
    default_sort = "plan"
    search_placeholder = "Search strategy, code, plan, lead…"
    empty_text = "No plans or strategies yet."
    listens = frozenset({Change.PLANS, Change.ACTIONS})
    nav_action = CommandId.GO_ROADMAP
