"""Roster exports: a committee's memberships as rows, written to .xlsx, a directory PDF or a sign-in sheet PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from equitydesk.db.tables import Attendance, Committee, Meeting, Membership, Person
from equitydesk.domain.enums import MembershipStatus
from equitydesk.formats.errors import TargetLocked
from equitydesk.formats.roster_rows import RosterExportRow
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    warnings: list[str]


@dataclass(frozen=True)
class _Sheet:
    """Everything one export writes, read in one session so that the rows and the headings agree."""

    committee_name: str
    rows: list[RosterExportRow]
    meeting_title: str | None = None
    meeting_date: date | None = None


class RosterExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def rows(
        self, *, committee_id: int, active_only: bool = False, meeting_id: int | None = None
    ) -> list[RosterExportRow]:
        """One row per membership, sorted as a printed list is read (family name first)."""
        return self._sheet(committee_id, active_only=active_only, meeting_id=meeting_id).rows

    def export_xlsx(self, *, committee_id: int, target: Path) -> ExportResult:
        from equitydesk.formats.roster_xlsx import write_roster_xlsx

        sheet = self._sheet(committee_id)
        warnings = write_roster_xlsx(target, sheet.rows, committee_name=sheet.committee_name)
        return ExportResult(target, len(sheet.rows), warnings)

    def directory_pdf(self, *, committee_id: int, target: Path, include_contact: bool = True) -> ExportResult:
        from equitydesk.formats.pdf.roster_directory import write_roster_directory

        sheet = self._sheet(committee_id, active_only=True)
        warnings = write_roster_directory(
            target,
            sheet.rows,
            committee_name=sheet.committee_name,
            generated_on=self.ctx.today(),
            include_contact=include_contact,
        )
        return ExportResult(target, len(sheet.rows), warnings)

    def signin_pdf(
        self, *, committee_id: int, target: Path, meeting_id: int | None = None, large_print: bool = False
    ) -> ExportResult:
        from equitydesk.formats.pdf.signin_sheet import write_signin_sheet

        sheet = self._sheet(committee_id, active_only=meeting_id is None, meeting_id=meeting_id)
        warnings = write_signin_sheet(
            target,
            sheet.rows,
            committee_name=sheet.committee_name,
            meeting_title=sheet.meeting_title,
            meeting_date=sheet.meeting_date,
            large_print=large_print,
        )
        return ExportResult(target, len(sheet.rows), warnings or [])

    @staticmethod
    def replace_locked(*, locked: TargetLocked) -> Path:
        """Retry: move an export kept beside a target that another program held over that target now."""
        from equitydesk.formats.atomic import retry_replace

        return retry_replace(locked)

    @staticmethod
    def save_locked_as(*, locked: TargetLocked, destination: Path) -> Path:
        """Save as…: give an export kept beside a held target the name the person chose instead."""
        from equitydesk.formats.atomic import move_finished

        return move_finished(locked, destination)

    def _sheet(self, committee_id: int, *, active_only: bool = False, meeting_id: int | None = None) -> _Sheet:
        with self.ctx.sessions() as session:
            committee = session.get(Committee, committee_id)
            if committee is None:
                raise NotFound("This committee no longer exists (it may have been deleted).", field="committee")
            stmt = (
                select(Membership, Person)
                .join(Person, Person.id == Membership.person_id)
                .where(Membership.committee_id == committee_id, Person.archived.is_(False))
            )
            if active_only:
                stmt = stmt.where(Membership.status == MembershipStatus.ACTIVE)
            title, when = None, None
            if meeting_id is not None:
                meeting = session.get(Meeting, meeting_id)
                if meeting is None or meeting.committee_id != committee_id:
                    raise DomainError(f"Meeting {meeting_id} is not a meeting of {committee.name}.", field="meeting")
                title, when = meeting.title, meeting.starts_at.date()
                # A sign-in sheet for a meeting lists members plus anyone already recorded as attending.
                attending = select(Attendance.person_id).where(Attendance.meeting_id == meeting_id)
                stmt = stmt.where((Membership.status == MembershipStatus.ACTIVE) | Person.id.in_(attending))
            rows = [_row(m, p) for m, p in session.execute(stmt).all()]
            name = committee.name
        rows.sort(key=lambda r: r.sort_key)
        return _Sheet(name, rows, title, when)


def _row(m: Membership, p: Person) -> RosterExportRow:
    return RosterExportRow(
        family_name=p.family_name,
        given_name=p.given_name,
        preferred_name=p.preferred_name,
        pronouns=p.pronouns,
        email=p.email,
        phone=p.phone,
        school_or_organization=p.organization,
        languages=p.languages,
        interpreter_language=p.interpreter_language,
        accessibility_needs=p.accessibility_needs,
        role=m.role.label,
        stakeholder_group=m.stakeholder_group.label if m.stakeholder_group else None,
        voting=m.voting,
        term_start=m.term_start,
        term_end=m.term_end,
        membership_status=m.status.label,
        notes=p.notes,
    )
