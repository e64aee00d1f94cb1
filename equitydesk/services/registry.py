"""All services over one database, built once by the composition root (window or command line)."""

from __future__ import annotations

from dataclasses import dataclass

from equitydesk.db.engine import Database
from equitydesk.services.action_import import ActionImportService
from equitydesk.services.actions import ActionItemService, ActionUpdateService
from equitydesk.services.actions.export import ActionExportService
from equitydesk.services.attendance import AttendanceService
from equitydesk.services.backups import BackupService
from equitydesk.services.context import ServiceContext
from equitydesk.services.decisions import DecisionService
from equitydesk.services.documents import DocumentService
from equitydesk.services.home import HomeService
from equitydesk.services.measurement_import import MeasurementImportService
from equitydesk.services.meetings import AgendaItemService, MeetingService
from equitydesk.services.minutes import MinutesService
from equitydesk.services.person_merge import PersonMergeService
from equitydesk.services.representation import RepresentationService
from equitydesk.services.roadmap import (
    GoalService,
    IndicatorService,
    MeasurementService,
    MilestoneService,
    PlanService,
    StatusUpdateService,
    StrategyService,
)
from equitydesk.services.roadmap_export import RoadmapExportService
from equitydesk.services.roadmap_status import RoadmapStatusService
from equitydesk.services.roadmap_tree import RoadmapTreeService
from equitydesk.services.roster import CommitteeService, MembershipService, PersonService
from equitydesk.services.roster_export import RosterExportService
from equitydesk.services.roster_import import RosterImportService
from equitydesk.services.stats import StatsService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    people: PersonService
    committees: CommitteeService
    memberships: MembershipService
    meetings: MeetingService
    agenda: AgendaItemService
    attendance: AttendanceService
    decisions: DecisionService
    minutes: MinutesService
    actions: ActionItemService
    action_updates: ActionUpdateService
    plans: PlanService
    strategies: StrategyService
    goals: GoalService
    indicators: IndicatorService
    measurements: MeasurementService
    milestones: MilestoneService
    status_updates: StatusUpdateService
    roadmap_status: RoadmapStatusService
    roadmap: RoadmapTreeService
    roadmap_export: RoadmapExportService
    representation: RepresentationService
    roster_import: RosterImportService
    roster_export: RosterExportService
    merge: PersonMergeService
    stats: StatsService
    backups: BackupService
    home: HomeService
    action_export: ActionExportService
    action_import: ActionImportService
    measurement_import: MeasurementImportService
    documents: DocumentService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(
            ctx=ctx,
            people=PersonService(ctx),
            committees=CommitteeService(ctx),
            memberships=MembershipService(ctx),
            meetings=MeetingService(ctx),
            agenda=AgendaItemService(ctx),
            attendance=AttendanceService(ctx),
            decisions=DecisionService(ctx),
            minutes=MinutesService(ctx),
            actions=ActionItemService(ctx),
            action_updates=ActionUpdateService(ctx),
            plans=PlanService(ctx),
            strategies=StrategyService(ctx),
            goals=GoalService(ctx),
            indicators=IndicatorService(ctx),
            measurements=MeasurementService(ctx),
            milestones=MilestoneService(ctx),
            status_updates=StatusUpdateService(ctx),
            roadmap_status=RoadmapStatusService(ctx),
            roadmap=RoadmapTreeService(ctx),
            roadmap_export=RoadmapExportService(ctx),
            representation=RepresentationService(ctx),
            roster_import=RosterImportService(ctx),
            roster_export=RosterExportService(ctx),
            merge=PersonMergeService(ctx),
            stats=StatsService(ctx),
            backups=BackupService(ctx),
            home=HomeService(ctx),
            action_export=ActionExportService(ctx),
            action_import=ActionImportService(ctx),
            measurement_import=MeasurementImportService(ctx),
            documents=DocumentService(ctx),
        )


def services_for(db: Database, *, actor: str | None = None) -> Services:
    ctx = ServiceContext(db.sessions) if actor is None else ServiceContext(db.sessions, actor=actor)
    return Services.build(ctx)
