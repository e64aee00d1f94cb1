"""Roster commands: import a spreadsheet, undo an import, export the roster, print the directory and sign-in sheet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError, dump_json
from equitydesk.cli.roster_mapping import MAP_HELP, mapping_option, show_mapping
from equitydesk.domain.wording import plural
from equitydesk.formats.errors import ExportError, FileRefused
from equitydesk.formats.problems import Problem
from equitydesk.formats.roster_columns import ParsedRoster
from equitydesk.services.roster_export import ExportResult
from equitydesk.services.roster_import import FieldChange, ImportPlan

MAX_LISTED_PROBLEMS = 30


class ImportRosterCommand(Command):
    name = "import-roster"
    help = "import people from an Excel (.xlsx, .xlsm) or CSV roster into a committee"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the roster file")
        parser.add_argument("--committee", required=True, help="the committee (created when it does not exist)")
        parser.add_argument("--sheet", help="the sheet to read (default: the one that looks most like a roster)")
        parser.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object, for scripts")
        parser.add_argument(
            "--accept-role-changes", action="store_true",
            help="also change an officer's role (chair, co-chair, secretary) and shorten terms as the file says; "
            "by default the current role and term are kept",
        )  # fmt: skip
        parser.add_argument("--map", action="append", metavar="HEADING=FIELD", help=MAP_HELP)
        parser.add_argument(
            "--show-mapping", action="store_true", help="print which column goes to which field, and stop"
        )

    def opens_read_only(self, args: argparse.Namespace) -> bool:
        return super().opens_read_only(args) or bool(getattr(args, "show_mapping", False))

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services(create=not args.dry_run and not args.show_mapping)
        importer = services.roster_import
        # The same calls as the import wizard: open, map, then plan (dry run) or commit.
        try:
            opened = importer.open(args.file, sheet=args.sheet)
        except FileRefused as exc:
            raise UsageError(str(exc)) from exc
        if not opened.headings_found and not args.map:
            # The wizard lets a person point at the headings; a script names them with --map (first row's headings).
            raise UsageError(opened.note)
        parsed = importer.map(opened.sheet, mapping=mapping_option(opened.sheet, args.map))
        if args.show_mapping:
            return show_mapping(ctx, args.file, parsed, as_json=args.json)
        rows = parsed.rows
        mapping = importer.batch_mapping(parsed)
        committee_created = False
        batch_id = None
        accept = bool(args.accept_role_changes)
        if args.dry_run:
            plan = importer.plan(rows, committee=args.committee, accept_role_changes=accept)
            committee_created = not plan.committee_exists
        else:
            result = importer.commit(
                rows,
                committee=args.committee,
                file_name=args.file.name,
                sheet=parsed.sheet,
                header_row=parsed.header_row,
                mapping=mapping,
                rows_read=len(rows),
                accept_role_changes=accept,
            )
            plan, batch_id, committee_created = result.plan, result.batch_id, result.committee_created
        report = _report(args.file, parsed, plan, mapping, batch_id)
        report["committee"] = plan.committee_name
        report["committee_created"] = committee_created
        report["dry_run"] = bool(args.dry_run)
        report.update(_additions(plan))
        report["notes"] = [*parsed.notes, *report["notes"]]  # columns dropped unread come first
        if args.json:
            ctx.echo(dump_json(report))
        else:
            _print_report(ctx, report, plan, dry_run=args.dry_run)
        return EXIT_OK


def _problems(problems: list[Problem], *, sheet: bool = False) -> list[dict[str, Any]]:
    # Scripts read these: a row's problem without a column says null, a sheet's says "" (as they always have).
    return [{"row": p.row, "column": p.column if sheet else p.column or None, "message": p.message} for p in problems]


def _report(
    file: Path, parsed: ParsedRoster, plan: ImportPlan, mapping: dict[str, str], batch_id: int | None
) -> dict[str, Any]:
    return {
        "file": str(file),
        "sheet": parsed.sheet,
        "header_row": parsed.header_row,
        "mapping": mapping,
        "ignored_columns": list(parsed.ignored_columns),
        "rows_read": len(parsed.rows),
        "created": plan.created,
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "rejected": plan.rejected,
        "warnings": _problems(parsed.problems, sheet=True) + _problems(plan.warnings),
        "errors": _problems(plan.errors),
        "batch_id": batch_id,
    }


def _additions(plan: ImportPlan) -> dict[str, Any]:
    """The report's fields added since scripts first read it; the older ones keep their names and values."""
    summary = plan.summary()
    rows = {r.row: r for r in plan.rows}

    def change(c: FieldChange) -> dict[str, Any]:
        also_on = list(rows[c.row].also_on) if c.shared else []
        return {**c.to_json(), "also_on": also_on}

    everything = plan.field_changes()
    return {
        "counts": summary.counts(),
        "summary": summary.line(", "),
        "notes": list(summary.notes),
        "organizations_skipped": plan.organizations,
        "role_changes_accepted": plan.accept_role_changes,
        "changes": [change(c) for c in everything if not c.held],
        "held_changes": [change(c) for c in everything if c.held],
    }


def _change_lines(plan: ImportPlan, *, held: bool) -> list[str]:
    """One line per row: "  Row 4, Hodan Abdi Warsame: Role: Chair → Member; Phone: … (also on …)"."""
    return [f"  Row {row.row}, {row.name}: {text}" for row in plan.rows if (text := row.changes_text(held=held))]


def _print_report(ctx: CommandContext, report: dict[str, Any], plan: ImportPlan, *, dry_run: bool) -> None:
    verb = "Would import" if dry_run else "Imported"
    ctx.echo(f"{verb} {report['file']}, sheet “{report['sheet']}” (headings on row {report['header_row']})")
    if report["committee_created"]:
        ctx.echo(f"The committee “{report['committee']}” {'would be' if dry_run else 'was'} created.")
    read = report["rows_read"]
    ctx.echo(f"{read:,} {'row' if read == 1 else 'rows'} read: {report['summary']}.")
    for note in report["notes"]:
        ctx.echo(note)
    if report["changes"]:
        ctx.echo("Changes it would make:" if dry_run else "Changes made:")
        for line in _change_lines(plan, held=False):
            ctx.echo(line)
    if report["held_changes"]:
        ctx.echo("Kept as on the roster (to apply these too, run again with --accept-role-changes):")
        for line in _change_lines(plan, held=True):
            ctx.echo(line)
    if report["ignored_columns"]:
        ctx.echo("Columns not imported: " + ", ".join(report["ignored_columns"]))
    for kind in ("errors", "warnings"):
        items = report[kind]
        if items:
            ctx.echo(f"{kind.capitalize()}:")
            for item in items[:MAX_LISTED_PROBLEMS]:
                where = f"Row {item['row']}" if item["row"] else "Sheet"
                if item["column"]:
                    where += f", column {item['column']}"
                ctx.echo(f"  {where}: {item['message']}")
            if len(items) > MAX_LISTED_PROBLEMS:
                ctx.echo(f"  … and {len(items) - MAX_LISTED_PROBLEMS} more")
    if report["batch_id"] is not None:
        ctx.echo(f"Import number {report['batch_id']}; undo it with `equitydesk undo-import {report['batch_id']}`.")


class UndoImportCommand(Command):
    name = "undo-import"
    help = "undo a roster import: remove the people and memberships it added and restore what it changed"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("batch_id", type=int, help="the import number printed by import-roster")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        if services.action_import.is_action_batch(args.batch_id):  # an import-actions batch has its own undo
            undone = services.action_import.undo(args.batch_id)
            ctx.echo(f"Undid import {args.batch_id}: removed {plural(undone.items_removed, 'action item')}, restored "
                     f"{plural(undone.items_restored, 'action item')}.")  # fmt: skip
            return EXIT_OK
        if services.measurement_import.is_measurement_batch(args.batch_id):  # import-measurements: its own undo
            gone = services.measurement_import.undo(args.batch_id)
            ctx.echo(f"Undid import {args.batch_id}: removed {plural(gone.removed, 'measurement')}, put back the "
                     f"earlier values of {plural(gone.restored, 'measurement')}.")  # fmt: skip
            return EXIT_OK
        result = services.roster_import.undo(args.batch_id)
        ctx.echo(
            f"Undid import {args.batch_id}: removed {plural(result.people_removed, 'person', 'people')} and "
            f"{plural(result.memberships_removed, 'membership')}, restored the details of "
            f"{plural(result.people_restored, 'person', 'people')}."
        )
        if result.people_kept:
            ctx.echo(f"Kept {plural(result.people_kept, 'person', 'people')} used elsewhere since the import "
                     "(other committees, attendance or action items).")  # fmt: skip
        return EXIT_OK


class _FileCommand(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", type=Path, help="the file to write")
        parser.add_argument("--committee", required=True, help="the committee's name")

    @staticmethod
    def committee_id(args: argparse.Namespace, ctx: CommandContext) -> int:
        """The committee named by --committee (ignoring case); a name no committee has is a plain refusal."""
        return ctx.services().committees.id_by_name(args.committee)

    def done(self, ctx: CommandContext, result: ExportResult) -> int:
        ctx.echo(f"Wrote {result.path} ({result.rows} {'person' if result.rows == 1 else 'people'}).")
        for warning in result.warnings:
            ctx.warn(f"Note: {warning}")
        return EXIT_OK


class ExportRosterCommand(_FileCommand):
    name = "export roster"
    help = "write a committee's roster to an Excel workbook (.xlsx), one row per membership"

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        try:
            result = ctx.services().roster_export.export_xlsx(
                committee_id=self.committee_id(args, ctx), target=args.output
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        return self.done(ctx, result)


class ReportRosterCommand(_FileCommand):
    name = "report roster"
    help = "print a committee's member directory as a PDF"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--public", action="store_true", help="leave out e-mail addresses and phone numbers")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        try:
            result = ctx.services().roster_export.directory_pdf(
                committee_id=self.committee_id(args, ctx), target=args.output, include_contact=not args.public
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        return self.done(ctx, result)


class ReportSigninCommand(_FileCommand):
    name = "report signin"
    help = "print a sign-in sheet (name, group, interpreter language, signature line) as a PDF"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--meeting", type=int, metavar="ID", help="the meeting (see `list meetings`)")
        parser.add_argument("--large-print", action="store_true", help="18-point type, fewer people per page")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        try:
            result = ctx.services().roster_export.signin_pdf(
                committee_id=self.committee_id(args, ctx),
                target=args.output,
                meeting_id=args.meeting,
                large_print=args.large_print,
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        return self.done(ctx, result)
