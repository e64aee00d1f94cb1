"""A messy roster from the district office, as the import wizard and undo dialog stories use it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

EAC = "Equity Advisory Committee"
HEADINGS = ("Student ID #", "First Name", "Last Name", "E-mail Address", "Cell #", "School", "Home Language",
            "Stakeholder Group", "Role", "Voting member?", "Term Ends")  # fmt: skip
ROWS = [  # spreadsheet rows 4 to 10
    (100234, "Mai", "Vang", "mai.vang@example.org", "651-555-0101", "Roosevelt High", "Hmong", "Parent", "Member",
     "Yes", date(2027, 6, 30)),
    (100235, "Abdi", "Hassan", "abdi@example.org", "651-555-0102", "Northside Middle", "Somali", "Community member",
     "Co-chair", "Yes", "next fall"),  # an unreadable date
    (None, None, None, "noname@example.org", None, "Lincoln Elementary", None, "Parent", None, None, None),  # no name
    (100234, "Mai", "Vang", "MAI.VANG@example.org", None, "Roosevelt High", "Hmong", "Parent", "Member", "Yes",
     None),  # the same person again
    (None, "Linda", "Anderson", "linda@example.org", "612-555-0199", None, "English", "Community member", "Chair",
     "Yes", None),  # already on the committee: a new phone number
    (None, "Sarah", "Johnson", "sarah@example.org", None, "Lincoln Elementary", "English", "Teacher", "Member", "Yes",
     None),  # already on the committee, nothing new
    (100240, "José", "García", "jose@example.org", "651-555-0110", "Roosevelt High", "Spanish", "Student", "Member",
     "No", date(2026, 6, 30)),
]  # fmt: skip


ROW5_PROBLEM = "'next fall' is not a date I can read; write it like 9/1/2025. The term end was left empty."


def messy_roster(path: Path) -> Path:
    """Headings on row 3 under a merged title and a note, a private ID column, and a second sheet."""
    book = Workbook()
    ws = book.active
    ws.title = "EAC roster"
    ws["A1"] = "Equity Advisory Committee — 2025–26 roster"
    ws.merge_cells("A1:K1")
    ws["A2"] = "From the district office, updated Sept 2025"
    for column, heading in enumerate(HEADINGS, start=1):
        ws.cell(row=3, column=column, value=heading)
    for row, values in enumerate(ROWS, start=4):
        for column, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=row, column=column, value=value)
    book.create_sheet("Notes")["A1"] = "Send changes to the district office."
    book.save(path)
    return path
