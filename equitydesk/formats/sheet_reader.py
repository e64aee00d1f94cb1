"""Read the rows of an xlsx workbook (with python-calamine) or a CSV file, within limits, refusing plainly."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from equitydesk.domain.normalize import Cell
from equitydesk.formats.errors import FileRefused, ReadCancelled, short_detail
from equitydesk.formats.sheet_store import Collector, SheetRows
from equitydesk.formats.sniff import FileKind, sniff
from equitydesk.formats.xlsx_extent import check_extent, sheet_parts

MAX_DATA_ROWS = 200_000
BLANK_RUN_STOP = 50  # a run of empty rows this long ends the sheet, whatever its declared size says
TIME_LIMIT_SECONDS = 60.0
HEAD_ROWS = 30
MAX_CSV_BYTES = 256 * 1024 * 1024
_CHECK_EVERY = 4096  # rows between looks at the clock, the cancel button and the progress bar
_EXCEL_ERRORS = frozenset({"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"})

Progress = Callable[[int], None]
ShouldCancel = Callable[[], bool]


class Workbook:
    """An open workbook or CSV file: its visible worksheet names, and their rows on request (cached)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file_name = path.name
        self.kind = FileKind.XLSX
        self.sheet_names: list[str] = []
        self.hidden_sheet_names: list[str] = []
        self._book: CalamineWorkbook | None = None
        self._zip: zipfile.ZipFile | None = None
        self._file: BinaryIO | None = None
        self._parts: dict[str, str] = {}
        self._cache: dict[str, SheetRows] = {}
        sniffed = sniff(path)
        if sniffed.kind is FileKind.CSV:
            self.kind = FileKind.CSV
            with self._refusing(None):
                self._cache[path.stem] = _read_csv(path, sniffed.encoding or "utf-8")
            self.sheet_names = [path.stem]
            return
        with self._refusing(None):
            self._zip = zipfile.ZipFile(path)
            self._parts = sheet_parts(self._zip)
            if path.suffix.casefold() in (".xlsx", ".xlsm", ".xltx", ".xltm"):
                self._book = CalamineWorkbook.from_path(str(path))
            else:
                # calamine picks its reader by the extension: a workbook renamed to .xls must be sniffed instead.
                self._file = path.open("rb")
                self._book = CalamineWorkbook.from_filelike(self._file)
            for meta in self._book.sheets_metadata:
                if meta.typ != SheetTypeEnum.WorkSheet:
                    continue
                visible = meta.visible == SheetVisibleEnum.Visible
                (self.sheet_names if visible else self.hidden_sheet_names).append(meta.name)
        if not self.sheet_names:
            self.close()
            hidden = " (its only worksheets are hidden: unhide the roster sheet)" if self.hidden_sheet_names else ""
            raise FileRefused(
                f"{self.file_name} has no worksheet to import{hidden}. Save the roster as a normal "
                "worksheet and import again."
            )

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._file is not None:
            self._file.close()
            self._file = None

    def head(self, name: str, rows: int = HEAD_ROWS) -> list[list[Cell]]:
        """The first rows of a sheet, to look for its headings; a one-sheet workbook is read whole at once."""
        if name not in self._cache and self.sheet_names == [name]:
            self.read(name)
        sheet = self._cache.get(name)
        if sheet is None:
            sheet = self._read_xlsx(name, rows, None, None)
        return [sheet.row(i) for i in range(min(rows, len(sheet)))]

    def read(
        self, name: str, *, progress: Progress | None = None, should_cancel: ShouldCancel | None = None
    ) -> SheetRows:
        """All rows of a sheet, up to a run of BLANK_RUN_STOP empty rows; refuses past MAX_DATA_ROWS or TIME_LIMIT."""
        if name not in self._cache:
            self._cache[name] = self._read_xlsx(name, None, progress, should_cancel)
        return self._cache[name]

    def _read_xlsx(
        self, name: str, limit: int | None, progress: Progress | None, should_cancel: ShouldCancel | None
    ) -> SheetRows:
        if name not in self.sheet_names + self.hidden_sheet_names or self._book is None or self._zip is None:
            raise FileRefused(
                f"{self.file_name} has no sheet named '{name}'. Its sheets are: {', '.join(self.sheet_names)}."
            )
        with self._refusing(name):
            check_extent(self.file_name, name, self._zip, self._parts.get(name))
            sheet = self._book.get_sheet_by_name(name)
            start = sheet.start or (0, 0)
            height = max(sheet.height, 1)
            # iter_rows starts at row 1 but at the first used column: skip the empty rows above the data.
            above = islice(sheet.iter_rows(), start[0], None)
            collector = Collector(name, start[0] + 1, start[1])
            rows = _collect(collector, above, limit, self.file_name, height, progress, should_cancel)
        rows.complete = limit is None
        return rows

    @contextmanager
    def _refusing(self, sheet: str | None) -> Iterator[None]:
        """Turn whatever escapes calamine, zipfile or the XML parser into one plain FileRefused sentence."""
        where = f"Sheet '{sheet}' in {self.file_name}" if sheet else self.file_name
        try:
            yield
        except (FileRefused, ReadCancelled):
            raise
        except PasswordError:
            raise FileRefused(
                f"{self.file_name} is protected with a password. Open it in Excel, remove the "
                "password, save, and import again."
            ) from None
        except MemoryError:
            raise FileRefused(
                f"{where} is too large to read on this computer. Copy just the roster into a new "
                "workbook and import that."
            ) from None
        except BaseException as exc:  # calamine's Rust panics derive from BaseException, not Exception
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
                raise
            raise FileRefused(
                f"{where} could not be read: it may be damaged, or use a feature the import does not "
                "understand. Open it in Excel, save it again as .xlsx (Excel Workbook), and import "
                f"that file ({short_detail(exc)})."
            ) from None


def read_workbook(path: Path | str) -> Workbook:
    """Open a roster file (xlsx, xlsm, xltx or CSV, recognised by content); raise FileRefused otherwise."""
    return Workbook(Path(path))


def _collect(
    collector: Collector,
    rows_in: Iterable[list[Any]],
    limit: int | None,
    file_name: str,
    height: int,
    progress: Progress | None,
    should_cancel: ShouldCancel | None,
) -> SheetRows:
    """Gather rows until `limit`, a run of BLANK_RUN_STOP blank rows, or the end; enforce the row cap and time limit."""
    source = iter(rows_in)
    started = time.monotonic()
    read = 0
    while chunk := list(islice(source, _CHECK_EVERY if limit is None else min(_CHECK_EVERY, limit - read))):
        collector.add(chunk)
        read += len(chunk)
        if read == limit or collector.trailing_blanks() >= BLANK_RUN_STOP:
            break
        if read > MAX_DATA_ROWS + HEAD_ROWS:
            raise FileRefused(
                f"Sheet '{collector.sheet.name}' in {file_name} has more than {MAX_DATA_ROWS:,} rows, too many for "
                "a roster. Check that this is the right sheet, or split it into smaller files."
            )
        if time.monotonic() - started > TIME_LIMIT_SECONDS:
            raise FileRefused(
                f"Sheet '{collector.sheet.name}' in {file_name} took too long to read (over "
                f"{TIME_LIMIT_SECONDS:.0f} seconds). Copy just the roster into a new workbook."
            )
        if should_cancel is not None and should_cancel():
            raise ReadCancelled
        if progress is not None:
            progress(min(99, read * 100 // height))
    # A long blank gap ends the sheet even inside a chunk: what follows it is a stray cell, not the roster.
    gap = collector.blank_run_at(BLANK_RUN_STOP)
    return collector.finish(gap if gap >= 0 else None)


def _read_csv(path: Path, encoding: str) -> SheetRows:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise FileRefused(
            f"{path.name} is too large for a roster ({size // 2**20:,} MB). Check that it is the "
            "right file, or split it into smaller files."
        )
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        # The start looked like UTF-8 but a later line is not: Excel's "CSV" on Windows is Windows-1252.
        text = data.decode("cp1252" if encoding.startswith("utf-8") else encoding, errors="replace")
    text = text.removeprefix("\ufeff")
    delimiter = None
    first_line, _, rest = text.partition("\n")
    if sep := re.fullmatch(r"sep=(.)\r?", first_line):
        delimiter, text = sep[1], rest  # Excel's own hint line, "sep=;"
    delimiter = delimiter or detect_delimiter(text[:65536])
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        collector = Collector(path.stem, 1, 0)
        return _collect(collector, _csv_rows(reader), None, path.name, text.count("\n") + 1, None, None)
    except csv.Error as exc:
        raise FileRefused(
            f"{path.name} could not be read as CSV ({short_detail(exc)}). Open it in Excel, save "
            "it as .xlsx, and import that file."
        ) from None


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[list[Cell]]:
    for row in reader:
        # Error values exported from Excel ("#N/A") mean the cell had nothing usable in it.
        yield ["" if c in _EXCEL_ERRORS else c for c in row] if "#" in "".join(row) else list(row)


def detect_delimiter(sample: str) -> str:
    """Comma, semicolon, tab or pipe: whichever splits the first lines into the same number of fields most often.

    Delimiters inside quoted fields are not counted, which is where csv.Sniffer goes wrong on real rosters.
    """
    counts: dict[str, list[int]] = {d: [] for d in ",;\t|"}
    line = dict.fromkeys(counts, 0)
    quoted = False
    lines = 0
    for ch in sample:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch in line:
            line[ch] += 1
        elif ch == "\n" or ch == "\r":
            if any(line.values()):
                for d in counts:
                    counts[d].append(line[d])
                lines += 1
                line = dict.fromkeys(counts, 0)
            if lines >= 30:
                break
    best, best_score = ",", 0
    for d, seen in counts.items():
        typical = max(set(seen), key=seen.count, default=0)
        score = seen.count(typical) if typical else 0
        if score > best_score:
            best, best_score = d, score
    return best
