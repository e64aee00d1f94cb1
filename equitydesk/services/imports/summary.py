"""One summary of what an import's rows do: the counts by outcome, in one order and one vocabulary, for every face.

The command line, the wizard's preview and result pages and the list of imports all render this object, so the
same import reads "1 duplicate merged" everywhere, never "1 unchanged" in one place and "Unchanged 1" in another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Every outcome a row can have, in the order every face lists them: key, the words after the number (one, many),
# what it means in a longer list, and whether it is shown when nothing had it. The rows split between these five.
_OUTCOMES: tuple[tuple[str, str, str, str, bool], ...] = (
    ("new", "new", "new", "added to the roster", True),
    ("updated", "updated", "updated", "already there, with the changes listed", True),
    ("unchanged", "unchanged", "unchanged", "already there and up to date", True),
    ("merged", "duplicate merged", "duplicates merged", "the same person as an earlier row, merged into it", False),
    ("skipped", "skipped", "skipped", "not imported; each says why", True),
)
# A status, not an outcome: a new or updated row can also carry a warning, so this count overlaps the others.
_WARNINGS = ("with_warnings", "with warnings", "with warnings", "imported, with something to check", True)
KEYS: tuple[str, ...] = tuple(key for key, *_rest in _OUTCOMES)


@dataclass(frozen=True, slots=True)
class Tally:
    """How many rows had one outcome, with its words: `text` is "3 new", "1 duplicate merged"."""

    key: str
    count: int
    one: str
    many: str
    meaning: str
    always: bool = True

    @property
    def words(self) -> str:
        return self.one if self.count == 1 else self.many

    @property
    def text(self) -> str:
        return f"{self.count:,} {self.words}"

    @property
    def heading(self) -> str:
        """The words as a column heading: "New", "Duplicates merged"."""
        return self.many[0].upper() + self.many[1:]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """The counts of one import (planned or written), and the sentences that go with them."""

    rows_read: int
    tallies: tuple[Tally, ...]  # every outcome, zeros included, in the one order; they add up to rows_read
    warnings: Tally
    notes: tuple[str, ...] = ()  # such as "3 rows are organizations, not people, and were skipped."

    @classmethod
    def of(cls, counts: Mapping[str, int], *, rows_read: int, notes: tuple[str, ...] = ()) -> ImportSummary:
        """From counts by key (KEYS and "with_warnings"; a missing key counts 0)."""
        tallies = tuple(Tally(k, int(counts.get(k, 0)), one, many, meaning, always)
                        for k, one, many, meaning, always in _OUTCOMES)  # fmt: skip
        key, one, many, meaning, always = _WARNINGS
        return cls(rows_read, tallies, Tally(key, int(counts.get(key, 0)), one, many, meaning, always), notes)

    @classmethod
    def of_batch(
        cls, *, rows_read: int, counts: Mapping[str, int] | None, created: int, updated: int, unchanged: int,
        rejected: int,
    ) -> ImportSummary:  # fmt: skip
        """A stored batch's summary; batches recorded before the counts were kept give duplicates as unchanged."""
        if counts:
            return cls.of(counts, rows_read=rows_read)
        legacy = {"new": created, "updated": updated, "unchanged": unchanged, "skipped": rejected}
        return cls.of(legacy, rows_read=rows_read)

    @staticmethod
    def headings() -> dict[str, str]:
        """Each key's words as a heading or a filter's label ("New", "Duplicates merged", "With warnings")."""
        empty = ImportSummary.of({}, rows_read=0)
        return {t.key: t.heading for t in (*empty.tallies, empty.warnings)}

    def count(self, key: str) -> int:
        return self.warnings.count if key == self.warnings.key else next(t.count for t in self.tallies if t.key == key)

    @property
    def shown(self) -> tuple[Tally, ...]:
        """The tallies a face lists: those always shown and those that happened, then the warnings."""
        return (*(t for t in self.tallies if t.always or t.count), self.warnings)

    def line(self, separator: str = " · ") -> str:
        """The counts on one line: "3 new · 1 updated · 1 unchanged · 1 duplicate merged · 1 skipped · 1 with
        warnings"."""
        return separator.join(t.text for t in self.shown)

    def counts(self) -> dict[str, int]:
        """Counts by key, as an import batch stores them."""
        return {**{t.key: t.count for t in self.tallies}, self.warnings.key: self.warnings.count}
