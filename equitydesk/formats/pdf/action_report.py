"""The action report: a committee's items grouped by owner or by strategy, overdue first, with when each is due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, TableStyle

from equitydesk.domain.wording import plural
from equitydesk.formats.action_rows import ActionExportRow
from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.pdf.fonts import FAMILY, missing_characters, register_fonts, script_names
from equitydesk.formats.pdf.roster_directory import long_date
from equitydesk.formats.pdf.styles import (
    HEADER_FILL,
    INK,
    RULE,
    PageCountCanvas,
    Styles,
    content_width,
    label,
    make_document,
    make_styles,
    para,
)

OVERDUE_INK = colors.HexColor("#B00020")
NO_OWNER, NO_STRATEGY = "No owner named", "Not linked to a strategy"
GROUPINGS = ("owner", "strategy")


def group_rows(rows: Sequence[ActionExportRow], group_by: str) -> list[tuple[str, list[ActionExportRow]]]:
    """Groups in name order (the unnamed group last); in each, overdue items first, then by due date.

    By owner, an item with several owners is listed under each of them: each owner sees all they promised.
    """
    groups: dict[str, list[ActionExportRow]] = {}
    for row in rows:
        keys = (row.owners or (NO_OWNER,)) if group_by == "owner" else (row.strategy or NO_STRATEGY,)
        for key in keys:
            groups.setdefault(key, []).append(row)
    unnamed = NO_OWNER if group_by == "owner" else NO_STRATEGY
    ordered = sorted(groups, key=lambda k: (k == unnamed, k.casefold()))
    return [(k, sorted(groups[k], key=_order)) for k in ordered]


def _order(row: ActionExportRow) -> tuple[int, dt.date, str]:
    rank = 0 if row.overdue else 1 if row.open else 2
    return (rank, row.due_on or dt.date.max, row.title.casefold())


def write_action_report(
    target: Path,
    rows: Sequence[ActionExportRow],
    *,
    committee_name: str,
    generated_on: dt.date,
    group_by: str = "owner",
) -> list[str]:
    """Write the report all or nothing; return warnings about text no font can print.

    Raises ExportError when the file cannot be saved; an existing file is then left as it was.
    """
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {GROUPINGS}")
    register_fonts()
    styles = make_styles(9.5)
    overdue = sum(1 for r in rows if r.overdue)
    still_open = sum(1 for r in rows if r.open)
    heading = "Action items by owner" if group_by == "owner" else "Action items by strategy"
    warnings = _unprintable(rows)
    with atomic_write(target) as temp:
        doc, decorate = make_document(
            temp,
            title=f"{committee_name} — {heading}",
            subject=f"{heading}, {long_date(generated_on)}",
            header_lines=(committee_name, f"{heading} · {long_date(generated_on)}"),
            styles=styles,
        )
        story: list[Flowable] = [
            para(committee_name, styles.title),
            para(f"{heading} · {long_date(generated_on)}", styles.subtitle),
            para(f"{plural(still_open, 'open item')}, {overdue} overdue; "
                 f"{plural(len(rows) - still_open, 'item')} done this school year (since July 1).", styles.body),
            Spacer(1, 8),
        ]  # fmt: skip
        if not rows:
            story.append(para("There are no action items to report.", styles.body))
        width = content_width(doc)
        for name, items in group_rows(rows, group_by):
            late = sum(1 for r in items if r.overdue)
            title = f"{name} — {plural(len(items), 'item')}" + (f", {late} overdue" if late else "")
            story.append(
                KeepTogether([para(title, styles.cell_bold), Spacer(1, 3), _table(items, group_by, width, styles)])
            )
            story.append(Spacer(1, 10))
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=PageCountCanvas)
    return warnings


def _when(row: ActionExportRow) -> str:
    if not row.open:
        return f"Done {long_date(row.completed_on)}" if row.completed_on else row.status
    return (row.due_state or "").upper() if row.overdue else (row.due_state or "")


def _table(rows: Sequence[ActionExportRow], group_by: str, width: float, styles: Styles) -> LongTable:
    other = "Strategy or goal" if group_by == "owner" else "Owners"
    shares = (0.9, 2.6, 1.5, 0.95, 0.95)
    widths = [width * s / sum(shares) for s in shares]
    data: list[list[Paragraph]] = [[label(t, styles.header_cell) for t in ("When", "Action", other, "Due", "Status")]]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FAMILY, styles.cell.fontSize),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for number, row in enumerate(rows, start=1):
        action = row.title + (f"\n{row.status_reason}" if row.status_reason else "")
        related = row.strategy if group_by == "owner" else ", ".join(row.owners)
        when_style = styles.cell_bold if row.overdue else styles.cell
        status = row.status + (f" ({row.priority.lower()} priority)" if row.priority.lower() == "high" else "")
        due = long_date(row.due_on) if row.due_on else "No date"
        cells = [_when(row), action, related, due, status]
        data.append([para(text, when_style if n == 0 else styles.cell) for n, text in enumerate(cells)])
        if row.overdue:
            commands.append(("BOX", (0, number), (0, number), 0.8, OVERDUE_INK))
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _unprintable(rows: Sequence[ActionExportRow]) -> list[str]:
    warnings = []
    for row in rows:
        missing = missing_characters([row.title, row.status_reason, row.strategy, *row.owners])
        if missing:
            warnings.append(
                f"Some characters of “{row.title}” ({script_names(missing)}) have no font on this computer and print "
                "as empty boxes in the report."
            )
    return warnings
