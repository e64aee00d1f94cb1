"""import-roster's --map and --show-mapping: a mapping written by hand, and the mapping that an import would use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from equitydesk.cli.base import EXIT_OK, CommandContext, UsageError, dump_json
from equitydesk.formats.roster_columns import ParsedRoster, RosterSheet
from equitydesk.formats.roster_headers import FIELD_LABELS
from equitydesk.formats.roster_remap import MappingRefused, resolve_mapping, split_pair

MAP_HELP = (
    'put the column headed HEADING into FIELD (repeatable), e.g. --map "Teléfono=phone"; "HEADING=" leaves the '
    f"column out; fields: {', '.join(FIELD_LABELS)}"
)


def mapping_option(sheet: RosterSheet, pairs: list[str] | None) -> dict[int, str | None] | None:
    """The --map pairs as the column mapping the wizard would pass (index → field), None when there are none."""
    if not pairs:
        return None
    try:
        return resolve_mapping(sheet, [split_pair(p) for p in pairs])
    except MappingRefused as exc:
        raise UsageError(str(exc)) from exc


def show_mapping(ctx: CommandContext, file: Path, parsed: ParsedRoster, *, as_json: bool) -> int:
    """Print which column goes to which field, from which sheet and heading row; nothing is planned or written."""
    report = mapping_report(file, parsed)
    if as_json:
        ctx.echo(dump_json(report))
        return EXIT_OK
    known = f" (recognised as a {report['layout']} export)" if report["layout"] else ""
    ctx.echo(f"{file}, sheet “{report['sheet']}”, headings on row {report['header_row']}{known}:")
    width = max((len(c["heading"]) for c in report["columns"]), default=0)
    for c in report["columns"]:
        if c["field"]:
            target = f"{FIELD_LABELS[c['field']]} ({c['field']})"
        else:
            target = "not imported: private information" if c["private"] else "not imported"
        ctx.echo(f"  {c['column']:>3}  {c['heading']:<{width}}  → {target}")
    for problem in report["problems"]:
        ctx.echo(f"Sheet: {problem}")
    return EXIT_OK


def mapping_report(file: Path, parsed: ParsedRoster) -> dict[str, Any]:
    """The mapping as a script reads it; `mapping` is heading → field, as the import's own report gives it."""
    columns = [
        {"column": c.letter, "heading": c.header, "field": c.field, "private": c.private}
        for c in parsed.columns
        if c.header or c.field or c.private
    ]
    return {
        "file": str(file),
        "sheet": parsed.sheet,
        "header_row": parsed.header_row,
        "layout": parsed.layout,
        "columns": columns,
        "mapping": {c.header or f"Column {c.letter}": c.field for c in parsed.columns if c.field},
        "problems": [p.message for p in parsed.problems],
    }
