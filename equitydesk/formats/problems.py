"""What is wrong with a cell, a row or a whole sheet, in plain words: one word for it everywhere, Problem."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """A warning leaves something out of a row that is still imported; an error keeps the row (or sheet) out."""

    WARNING = "warning"
    ERROR = "error"


@dataclass(slots=True)
class Problem:
    """Something wrong with one cell, one row (column ''), or the whole sheet (row 0)."""

    row: int
    column: str
    header: str
    field: str | None
    message: str
    severity: Severity

    @classmethod
    def in_row(cls, row: int, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem with a row as a whole (no one cell to point at), such as a duplicate or a missing name."""
        return cls(row, "", "", None, message, severity)

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def describe(self) -> str:
        """The problem in one sentence with its place: "Row 12, column D (Term Begins): …"."""
        place = [f"Row {self.row}"] if self.row else []
        if self.column:
            place.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        return (", ".join(place) + ": " if place else "") + self.message
