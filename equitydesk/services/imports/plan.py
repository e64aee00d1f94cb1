"""Rows as an import reads them, and the plan of what each will do, with its counts: nothing here knows people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from equitydesk.formats.problems import Problem, Severity
from equitydesk.services.imports.summary import ImportSummary


class ImportRow(Protocol):
    """One row read from a sheet: its spreadsheet row number, values by field key, and what the reader found."""

    @property
    def row_number(self) -> int: ...

    @property
    def values(self) -> Mapping[str, Any]: ...

    @property
    def problems(self) -> Sequence[Problem]: ...


class Outcome(StrEnum):
    """What a row does. The values are the words scripts read, so they never change."""

    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    MERGED = "merged"  # the same record as an earlier row of the file: folded into it
    ERROR = "error"  # skipped
    WARNING = "warning"  # a status, never an action: the row is new or an update, with something left out


@dataclass(slots=True)
class RowOutcome:
    """What one row will do, and why: the changes it makes (field → before, after) and its problems."""

    row: int
    action: Outcome = Outcome.NEW
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    merged_into: int | None = None  # the earlier row a MERGED row was folded into

    @property
    def status(self) -> Outcome:
        """The action, except that a row imported with something left out shows WARNING.

        A merged row stays MERGED: its note saying so is a warning, but not one that asks for a look.
        """
        if self.action in (Outcome.ERROR, Outcome.MERGED) or not self.warnings:
            return self.action
        return Outcome.WARNING

    def take_problems(self, problems: Iterable[Problem]) -> None:
        """Sort the reader's problems into errors and warnings; any error keeps the row out."""
        for problem in problems:
            (self.errors if problem.is_error else self.warnings).append(problem)
        if self.errors:
            self.action = Outcome.ERROR

    def warn(self, message: str) -> None:
        self.warnings.append(Problem.in_row(self.row, message, Severity.WARNING))

    def fail(self, message: str) -> None:
        self.errors.append(Problem.in_row(self.row, message, Severity.ERROR))
        self.action = Outcome.ERROR

    def merge_into(self, earlier: int, note: str) -> None:
        self.action, self.merged_into = Outcome.MERGED, earlier
        self.warn(note)


R = TypeVar("R", bound=RowOutcome)


@dataclass
class Plan(Generic[R]):
    """Every row's outcome, in file order, and the counts an import batch records."""

    rows: list[R]

    def count(self, outcome: Outcome) -> int:
        """Rows with this action, or with this status for WARNING."""
        if outcome is Outcome.WARNING:
            return sum(1 for r in self.rows if r.status is Outcome.WARNING)
        return sum(1 for r in self.rows if r.action is outcome)

    @property
    def created(self) -> int:
        return self.count(Outcome.NEW)

    @property
    def updated(self) -> int:
        return self.count(Outcome.UPDATE)

    @property
    def unchanged(self) -> int:
        """Rows that change nothing: already up to date, or merged into an earlier row."""
        return self.count(Outcome.UNCHANGED) + self.count(Outcome.MERGED)

    @property
    def rejected(self) -> int:
        return self.count(Outcome.ERROR)

    def notes(self) -> tuple[str, ...]:
        """Sentences the summary adds to its counts; a kind of import says what it has to say."""
        return ()

    def summary(self) -> ImportSummary:
        """The counts as every face shows them: the one summary object, its words and its order."""
        actions = Counter(r.action for r in self.rows)  # one pass: a plan may have 100,000 rows
        counts = {
            "new": actions[Outcome.NEW],
            "updated": actions[Outcome.UPDATE],
            "unchanged": actions[Outcome.UNCHANGED],
            "merged": actions[Outcome.MERGED],
            "skipped": actions[Outcome.ERROR],
            "with_warnings": self.count(Outcome.WARNING),
        }
        return ImportSummary.of(counts, rows_read=len(self.rows), notes=self.notes())

    @property
    def has_rows_to_import(self) -> bool:
        return any(r.action is not Outcome.ERROR for r in self.rows)

    @property
    def warnings(self) -> list[Problem]:
        return [w for r in self.rows for w in r.warnings]

    @property
    def errors(self) -> list[Problem]:
        return [e for r in self.rows for e in r.errors]
