"""Hostile roster rows for the export tests: formulas, markup, many scripts, control characters, huge text."""

from __future__ import annotations

import datetime as dt

from equitydesk.formats.roster_rows import RosterExportRow

LONG_NOTE = "Notes from the intake conversation. " * 1_200  # 43,200 characters, past Excel's 32,767

FORMULA = '=HYPERLINK("http://x","y")'

ROWS: list[RosterExportRow] = [
    RosterExportRow(
        family_name=FORMULA,
        given_name="=1+1",
        preferred_name="@SUM(A1)",
        pronouns="she/her",
        email="Tom <tom@x.org>",
        phone="+1 612 555 0100",
        school_or_organization="<b>",
        languages="English",
        accessibility_needs="</para>",
        role="Chair",
        stakeholder_group="Parent/guardian",
        voting=True,
        term_start=dt.date(2024, 7, 1),
        term_end=dt.date(2026, 6, 30),
        membership_status="Active",
        notes="a<b & <img src='/etc/passwd'/>",
    ),
    RosterExportRow(
        "أحمد",
        "مريم",
        email="maryam@example.org",
        languages="Arabic, English",
        interpreter_language="Arabic",
        role="Member",
        stakeholder_group="Parent/guardian",
    ),
    RosterExportRow(
        "Nguyễn",
        "Thị Ánh",
        languages="Vietnamese",
        interpreter_language="Vietnamese",
        role="Member",
        stakeholder_group="Student",
    ),
    RosterExportRow("Żółć", "Łukasz", languages="Polish", role="Secretary", stakeholder_group="Teacher", voting=True),
    RosterExportRow("Смирнова", "Анна", languages="Русский", role="Member", stakeholder_group="Community member"),
    RosterExportRow(
        "Vwj",
        "Nkauj Lis",
        languages="Hmoob",
        interpreter_language="Hmong",
        role="Co-chair",
        stakeholder_group="Parent/guardian",
        voting=True,
    ),
    RosterExportRow(
        "Warsame",
        "Cabdullaahi",
        preferred_name="Cabdi",
        languages="Af-Soomaali",
        interpreter_language="Somali",
        role="Member",
        stakeholder_group="Community organization",
    ),
    RosterExportRow("Sunshine", "Joy 😀", role="Alternate", stakeholder_group="Support staff"),
    RosterExportRow(
        "Longnote",
        "Pat",
        notes=LONG_NOTE,
        accessibility_needs="Large print\x0bwheelchair access",
        role="Member",
    ),
    RosterExportRow("ተስፋዬ", "ሰላም", languages="Amharic", interpreter_language="Amharic", role="Member"),
]

# Names that must come back out of a PDF exactly as typed (the Arabic one is compared after NFKC, see the test).
# "Joy 😀" is not here: DejaVu draws the emoji, but reportlab's ToUnicode map keeps only 16 bits of a code point,
# so pdftotext reads U+1F600 back as U+1F60; the PDF test checks the glyph is printable instead.
PRINTED_NAMES = [
    "Nguyễn",
    "Ánh",
    "Żółć",
    "Łukasz",
    "Смирнова",
    "Анна",
    "Vwj",
    "Nkauj Lis",
    "Warsame",
    "Cabdi",
    "ተስፋዬ",
    "ሰላም",
    "@SUM(A1)",
    FORMULA,
]
