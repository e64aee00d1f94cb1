"""Every command of `equitydesk`, in the order `--help` lists them. A new command is a Command subclass added here."""

from __future__ import annotations

from equitydesk.cli.actions import (
    ActionDoneCommand,
    ActionNoteCommand,
    ExportActionsCommand,
    ImportActionsCommand,
    ReportActionsCommand,
)
from equitydesk.cli.backup import BackupCommand, BackupsCommand, RestoreCommand
from equitydesk.cli.base import Command
from equitydesk.cli.database import CheckCommand, DemoCommand, InitCommand, StatsCommand
from equitydesk.cli.erase import ErasePersonCommand
from equitydesk.cli.listing import ListCommand
from equitydesk.cli.measurements import ImportMeasurementsCommand
from equitydesk.cli.meeting_reports import ReportAgendaCommand, ReportMinutesCommand, ReportPacketCommand
from equitydesk.cli.meetings import ExportIcsCommand, MeetingCopyCommand, MeetingNewCommand
from equitydesk.cli.progress_report import ReportProgressCommand
from equitydesk.cli.roadmap import ExportPlanCommand, PlanNewCommand, PlanTemplatesCommand, StatusCommand
from equitydesk.cli.roster import (
    ExportRosterCommand,
    ImportRosterCommand,
    ReportRosterCommand,
    ReportSigninCommand,
    UndoImportCommand,
)

COMMANDS: list[Command] = [
    InitCommand(),
    DemoCommand(),
    StatsCommand(),
    ListCommand(),
    CheckCommand(),
    ImportRosterCommand(),
    UndoImportCommand(),
    ExportRosterCommand(),
    ReportRosterCommand(),
    ReportSigninCommand(),
    ExportIcsCommand(),
    MeetingNewCommand(),
    MeetingCopyCommand(),
    PlanTemplatesCommand(),
    PlanNewCommand(),
    StatusCommand(),
    ExportPlanCommand(),
    ImportMeasurementsCommand(),
    ReportPacketCommand(),
    ReportAgendaCommand(),
    ReportMinutesCommand(),
    ReportProgressCommand(),
    BackupCommand(),
    RestoreCommand(),
    BackupsCommand(),
    ImportActionsCommand(),
    ExportActionsCommand(),
    ReportActionsCommand(),
    ActionDoneCommand(),
    ActionNoteCommand(),
    ErasePersonCommand(),
]

# Help lines of command groups: a command named "report roster" lives under the group "report".
GROUPS: dict[str, str] = {
    "export": "write records to a spreadsheet or another file",
    "report": "make a printable report",
    "meeting": "schedule meetings",
    "plan": "start a plan from a template",
    "action": "record progress on an action item",
}
