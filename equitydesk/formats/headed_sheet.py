"""A sheet of a file from another program, read once: its heading row found, designed-out columns wiped at once.

What the action-item and measurement imports share (the roster import came first and keeps its own wizard state):
choosing the sheet whose headings look most like what is imported, refusing in words when none does, guessing the
mapping from the headings, and skipping blank rows. Each import says what its headings look like and reads its rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from equitydesk.domain.normalize import Cell, clean_text
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.problems import Problem, Severity
from equitydesk.formats.roster_columns import column_letter, designed_out_note
from equitydesk.formats.roster_headers import match_header
from equitydesk.formats.sheet_reader import Progress, ShouldCancel, read_workbook
from equitydesk.formats.sheet_store import SheetRows

HEAD_ROWS = 30  # heading rows are looked for among the first rows of each sheet, under any title rows

S = TypeVar("S", bound="HeadedSheet")
R = TypeVar("R")
P = TypeVar("P", bound="ParsedSheet[Any]")


@dataclass(slots=True)
class ParsedSheet(Generic[R]):
    """A sheet's rows read under a mapping, with the problems found, as an import's preview and commit take them."""

    file_name: str
    sheet: str
    sheet_names: list[str]
    header_row: int
    headers: list[str]
    mapping: dict[int, str | None]
    rows: list[R]
    problems: list[Problem] = field(default_factory=list)
    notes: tuple[str, ...] = ()  # such as which columns were dropped unread

    @property
    def ignored_columns(self) -> list[str]:
        return [self.headers[i] or f"Column {column_letter(i)}" for i, f in self.mapping.items() if f is None]

    def batch_mapping(self) -> dict[str, str]:
        return {(self.headers[i] or f"Column {column_letter(i)}"): f for i, f in self.mapping.items() if f}


class HeadedSheet:
    """A sheet read once, its heading row found; a subclass's map() reads its rows under a mapping."""

    # The headings a person would add, in the refusal when no row of headings is found ("Action, Owner, Due and
    # Status above the items").
    headings_hint: ClassVar[str]

    def __init__(self, file_name: str, sheet_names: list[str], rows: SheetRows, header_row: int) -> None:
        self.file_name, self.sheet, self.sheet_names = file_name, rows.name, sheet_names
        self.header_row = header_row
        self._rows = rows
        header_cells = rows.row(header_row - rows.first_row)
        self.headers = [clean_text(c) for c in header_cells]
        # Citizenship and immigration status are designed out: their values go now, before anything can show them.
        self.designed_out = [i for i, c in enumerate(header_cells) if match_header(c).designed_out]
        for index in self.designed_out:
            rows.drop_column(index, keep_row=header_row - rows.first_row)

    @staticmethod
    def guess_field(heading: Cell) -> str | None:
        """The field a heading names, if any."""
        raise NotImplementedError

    @staticmethod
    def enough(found: set[str]) -> bool:
        """Whether the fields a row's cells name are enough for it to be the heading row."""
        raise NotImplementedError

    @classmethod
    def heading_score(cls, cells: Sequence[Cell]) -> tuple[int, bool]:
        """How many fields a row of cells names, and whether that is enough to be the heading row."""
        found = {name for c in cells if (name := cls.guess_field(c)) is not None}
        return len(found), cls.enough(found)

    @property
    def designed_out_note(self) -> str:
        return designed_out_note([(column_letter(i), self.headers[i]) for i in self.designed_out])

    @classmethod
    def open(
        cls: type[S], path: Path | str, *, sheet: str | None = None, progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> S:  # fmt: skip
        """The given sheet, else the one whose headings look most like this import's. Raises FileRefused."""
        with read_workbook(path) as book:
            names = book.sheet_names
            if sheet is not None and sheet not in names + book.hidden_sheet_names:
                raise FileRefused(f"{book.file_name} has no sheet named '{sheet}'. Its sheets are: {', '.join(names)}.")
            best: tuple[int, str, int] | None = None  # score, sheet, heading row (0-based in the head)
            for name in [sheet] if sheet is not None else names:
                for index, cells in enumerate(book.head(name, HEAD_ROWS)):
                    score, enough = cls.heading_score(cells)
                    if enough and (best is None or score > best[0]):
                        best = (score, name, index)
            if best is None:
                where = f"sheet '{sheet}' of {book.file_name}" if sheet else book.file_name
                raise FileRefused(
                    f"I could not find the column headings in {where}. Put a row of headings such as "
                    f"{cls.headings_hint}, and try again."
                )
            rows = book.read(best[1], progress=progress, should_cancel=should_cancel)
            return cls(book.file_name, names, rows, rows.first_row + best[2])

    def guessed_mapping(self) -> dict[int, str | None]:
        """Each column's field as its heading names it; a field named twice goes to the first column only."""
        mapping: dict[int, str | None] = {}
        taken: set[str] = set()
        for index, heading in enumerate(self.headers):
            name = None if index in self.designed_out else self.guess_field(heading)
            mapping[index] = name if name is not None and name not in taken else None
            if name:
                taken.add(name)
        return mapping

    def start_parsing(self, kind: type[P], mapping: Mapping[int, str | None] | None) -> P:
        """An empty `kind` under the caller's mapping (None: the guessed one), a designed-out column never read
        whatever the mapping says, and the sentence saying which columns were left out unread."""
        used = dict(mapping) if mapping is not None else self.guessed_mapping()
        for index in self.designed_out:
            used[index] = None
        note = self.designed_out_note
        problems = [Problem(0, "", "", None, note, Severity.WARNING)] if note else []
        return kind(self.file_name, self.sheet, self.sheet_names, self.header_row, self.headers, used, [], problems,
                    (note,) if note else ())  # fmt: skip

    def data_rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """(row number in the sheet, cells) of every row under the heading row with something written in it."""
        start = self.header_row - self._rows.first_row + 1
        for offset in range(start, len(self._rows)):
            cells = self._rows.row(offset)
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            yield self._rows.first_row + offset, cells

    def _problem(self, number: int, index: int, name: str, message: str, severity: Severity) -> Problem:
        return Problem(number, column_letter(index), self.headers[index] if index < len(self.headers) else "", name,
                       message, severity)  # fmt: skip
