"""`equitydesk list KIND`: committees, people, meetings, action items or plans, as a table or as JSON for scripts."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError, cell_text, dump_json, format_table
from equitydesk.domain.enums import ActionStatus
from equitydesk.services.crud import EntityService, ListQuery
from equitydesk.services.registry import Services

CHUNK = 500


@dataclass(frozen=True)
class Listing:
    """One kind of record: stored fields as they are (for scripts), names joined in by the service, the table."""

    service: Callable[[Services], EntityService[Any, Any]]
    fields: tuple[str, ...]
    joined: tuple[str, ...]
    sort: str
    table: tuple[tuple[str, str], ...]


KINDS: dict[str, Listing] = {
    "committees": Listing(
        service=lambda s: s.committees,
        fields=("name", "purpose", "quorum_kind", "quorum_value", "archived"),
        joined=("members",),
        sort="name",
        table=(("id", "ID"), ("name", "Committee"), ("members", "Members"), ("purpose", "Purpose")),
    ),
    "people": Listing(
        service=lambda s: s.people,
        fields=(
            "given_name",
            "family_name",
            "preferred_name",
            "pronouns",
            "email",
            "phone",
            "organization",
            "languages",
            "interpreter_language",
            "archived",
        ),
        joined=("committees",),
        sort="name",
        table=(
            ("id", "ID"),
            ("name", "Name"),
            ("email", "E-mail"),
            ("organization", "School / organization"),
            ("interpreter_language", "Interpreter"),
            ("committees", "Committees"),
        ),
    ),
    "meetings": Listing(
        service=lambda s: s.meetings,
        fields=("committee_id", "title", "starts_at", "ends_at", "location", "status", "minutes_status"),
        joined=("committee", "agenda_items", "attended"),
        sort="starts_at",
        table=(
            ("id", "ID"),
            ("starts_at", "Date"),
            ("title", "Meeting"),
            ("committee", "Committee"),
            ("status", "Status"),
            ("minutes_status", "Minutes"),
        ),
    ),
    "actions": Listing(
        service=lambda s: s.actions,
        fields=(
            "committee_id",
            "title",
            "owner_person_id",
            "owner_text",
            "due_on",
            "status",
            "priority",
            "completed_on",
            "meeting_id",
            "strategy_id",
            "goal_id",
            "status_reason",
        ),
        joined=("committee", "owner", "due_state"),
        sort="due_on",
        table=(
            ("id", "ID"),
            ("title", "Action"),
            ("owner", "Owner"),
            ("due_on", "Due"),
            ("status", "Status"),
            ("priority", "Priority"),
        ),
    ),
    "plans": Listing(
        service=lambda s: s.plans,
        fields=("name", "kind", "committee_id", "period_start", "period_end", "archived", "template"),
        joined=("strategies", "goals", "indicators"),
        sort="name",
        table=(
            ("id", "ID"),
            ("name", "Plan"),
            ("kind", "Kind"),
            ("period_start", "From"),
            ("period_end", "To"),
            ("strategies", "Strategies"),
            ("goals", "Goals"),
            ("indicators", "Indicators"),
        ),
    ),
}


class ListCommand(Command):
    name = "list"
    help = "list committees, people, meetings, action items or plans"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("kind", choices=list(KINDS), help="what to list")
        parser.add_argument("--json", action="store_true", help="print a JSON array of objects, for scripts")
        parser.add_argument("--all", action="store_true", help="include archived records")
        actions = parser.add_argument_group("action items only")
        actions.add_argument("--committee", help="only this committee's items (its name)")
        actions.add_argument("--status", choices=[s.value for s in ActionStatus], help="only items with this status")
        actions.add_argument("--owner", help="only items one of whose owners has this in their name")
        actions.add_argument("--overdue", action="store_true", help="only open items past their due date")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        spec = KINDS[args.kind]
        service = spec.service(ctx.services())
        filters = _action_filters(args, ctx)
        records, shown = collect(service, spec, include_archived=args.all, filters=filters)
        if args.json:
            ctx.echo(dump_json(records))
        elif not records:
            ctx.echo(f"No {args.kind}.")
        else:
            headers = [header for _key, header in spec.table]
            rows = [[cell_text(row.get(key)) for key, _h in spec.table] for row in shown]
            ctx.echo(format_table(headers, rows, right=[0]))
            ctx.echo(f"{len(records)} {args.kind}")
        return EXIT_OK


def _action_filters(args: argparse.Namespace, ctx: CommandContext) -> dict[str, Any]:
    """The action-item options as list filters; refused with any other kind of record."""
    given = {"committee": args.committee, "status": args.status, "owner": args.owner, "overdue": args.overdue or None}
    if args.kind != "actions":
        if any(v for v in given.values()):
            raise UsageError("--committee, --status, --owner and --overdue only go with `list actions`.")
        return {}
    filters = {k: v for k, v in given.items() if v}
    if args.committee:
        filters["committee_id"] = ctx.services().committees.id_by_name(args.committee)
        del filters["committee"]
    return filters


def collect(
    service: EntityService[Any, Any], spec: Listing, *, include_archived: bool, filters: dict[str, Any] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records for JSON, and the same rows with every display column for the table, in display order."""
    query = ListQuery(sort=spec.sort, include_archived=include_archived, filters=dict(filters or {}))
    ids = service.list_ids(query)
    records: list[dict[str, Any]] = []
    shown: list[dict[str, Any]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        display = service.fetch_rows(chunk)
        stored = service.get_many(chunk)
        for entity_id in chunk:
            obj = stored.get(entity_id)
            if obj is None:  # deleted between the two reads
                continue
            record = {"id": entity_id, **{f: getattr(obj, f) for f in spec.fields}}
            record.update({j: display.get(entity_id, {}).get(j) for j in spec.joined})
            records.append(record)
            shown.append({**display.get(entity_id, {}), **record})
    return records, shown
