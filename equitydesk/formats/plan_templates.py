"""Plan templates shipped as TOML in resources/templates/: read, checked field by field, and turned into plain specs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from equitydesk.domain.enums import Direction, GoalType, IndicatorKind, PlanKind, UnitKind
from equitydesk.paths import resource_path

TEMPLATE_FOLDER = ("templates",)


class TemplateError(Exception):
    """A template file is wrong; str() names the file and the field, and says what it should hold."""


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    name: str
    kind: IndicatorKind
    unit_kind: UnitKind
    unit: str | None
    direction: Direction
    student_group: str | None
    comparison_group: str | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class MilestoneSpec:
    title: str
    # Months after the plan starts; the milestone is due on the last day of that month.
    due_month: int | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class GoalSpec:
    statement: str
    goal_type: GoalType
    description: str | None
    indicators: tuple[IndicatorSpec, ...]
    milestones: tuple[MilestoneSpec, ...]


@dataclass(frozen=True, slots=True)
class StrategySpec:
    code: str | None
    title: str
    description: str | None
    goals: tuple[GoalSpec, ...]
    milestones: tuple[MilestoneSpec, ...]


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    key: str  # the file name without .toml
    name: str
    kind: PlanKind
    summary: str
    description: str | None
    years: int | None
    order: int
    racially_identifiable_schools: str | None
    collaborating_districts: str | None
    strategies: tuple[StrategySpec, ...]

    def counts(self) -> dict[str, int]:
        goals = [g for s in self.strategies for g in s.goals]
        return {
            "strategies": len(self.strategies),
            "goals": len(goals),
            "indicators": sum(len(g.indicators) for g in goals),
            "milestones": sum(len(s.milestones) for s in self.strategies) + sum(len(g.milestones) for g in goals),
        }


def template_folder() -> Path:
    return resource_path(*TEMPLATE_FOLDER)


def load_templates(folder: Path | None = None) -> list[PlanTemplate]:
    """Every template in the folder, in their `order`; the first wrong file stops with a TemplateError."""
    where = folder or template_folder()
    templates = [load_template(path) for path in sorted(where.glob("*.toml"))]
    return sorted(templates, key=lambda t: (t.order, t.name.casefold()))


def load_template(path: Path) -> PlanTemplate:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"The plan template {path.name} is not valid TOML ({exc}). Correct the file.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"The plan template {path.name} cannot be read: {exc}.") from exc
    r = _Reader(path.name)
    r.only(data, _PLAN_KEYS)
    return PlanTemplate(
        key=path.stem,
        name=r.text(data, "name", required=True),
        kind=r.enum(data, "kind", PlanKind, required=True),
        summary=r.text(data, "summary", required=True),
        description=r.text(data, "description"),
        years=r.int(data, "years", minimum=1, maximum=10),
        order=r.int(data, "order", minimum=0, maximum=1000) or 100,
        racially_identifiable_schools=r.text(data, "racially_identifiable_schools"),
        collaborating_districts=r.text(data, "collaborating_districts"),
        strategies=tuple(r.each(data, "strategies", _strategy)),
    )


_PLAN_KEYS = {"name", "kind", "summary", "description", "years", "order", "racially_identifiable_schools",
              "collaborating_districts", "strategies"}  # fmt: skip


def _strategy(r: _Reader, d: dict[str, Any]) -> StrategySpec:
    r.only(d, {"code", "title", "description", "goals", "milestones"})
    return StrategySpec(
        code=r.text(d, "code"),
        title=r.text(d, "title", required=True),
        description=r.text(d, "description"),
        goals=tuple(r.each(d, "goals", _goal)),
        milestones=tuple(r.each(d, "milestones", _milestone)),
    )


def _goal(r: _Reader, d: dict[str, Any]) -> GoalSpec:
    r.only(d, {"statement", "goal_type", "description", "indicators", "milestones"})
    return GoalSpec(
        statement=r.text(d, "statement", required=True),
        goal_type=r.enum(d, "goal_type", GoalType) or GoalType.OTHER,
        description=r.text(d, "description"),
        indicators=tuple(r.each(d, "indicators", _indicator)),
        milestones=tuple(r.each(d, "milestones", _milestone)),
    )


def _indicator(r: _Reader, d: dict[str, Any]) -> IndicatorSpec:
    r.only(d, {"name", "kind", "unit_kind", "unit", "direction", "student_group", "comparison_group", "notes"})
    kind = r.enum(d, "kind", IndicatorKind) or IndicatorKind.VALUE
    group, comparison = r.text(d, "student_group"), r.text(d, "comparison_group")
    if kind is IndicatorKind.GAP and not (group and comparison):
        raise r.error("comparison_group", "a gap indicator needs both student_group and comparison_group")
    return IndicatorSpec(
        name=r.text(d, "name", required=True),
        kind=kind,
        unit_kind=r.enum(d, "unit_kind", UnitKind) or UnitKind.PERCENT,
        unit=r.text(d, "unit"),
        direction=r.enum(d, "direction", Direction) or Direction.INCREASE,
        student_group=group,
        comparison_group=comparison,
        notes=r.text(d, "notes"),
    )


def _milestone(r: _Reader, d: dict[str, Any]) -> MilestoneSpec:
    r.only(d, {"title", "due_month", "notes"})
    return MilestoneSpec(
        title=r.text(d, "title", required=True),
        due_month=r.int(d, "due_month", minimum=1, maximum=120),
        notes=r.text(d, "notes"),
    )


class _Reader:
    """Reads fields and remembers where it is (strategies[2].goals[1]), so that an error can name the field."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.where: list[str] = []

    def error(self, key: str, what: str) -> TemplateError:
        field = ".".join([*self.where, key])
        return TemplateError(f"The plan template {self.file_name}, field {field}: {what}. Correct the file.")

    def only(self, d: dict[str, Any], keys: set[str]) -> None:
        unknown = sorted(set(d) - keys)
        if unknown:
            raise self.error(
                unknown[0], f"is not a field a template can have here (it can have {', '.join(sorted(keys))})"
            )

    def text(self, d: dict[str, Any], key: str, *, required: bool = False) -> Any:
        value = d.get(key)
        if value is None:
            if required:
                raise self.error(key, "is missing")
            return None
        if not isinstance(value, str):
            raise self.error(key, f"should be text in quotes, not {value!r}")
        value = value.strip()
        if required and not value:
            raise self.error(key, "is empty")
        return value or None

    def int(self, d: dict[str, Any], key: str, *, minimum: int, maximum: int) -> Any:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise self.error(key, f"should be a whole number from {minimum} to {maximum}, not {value!r}")
        return value

    def enum(self, d: dict[str, Any], key: str, enum: type[StrEnum], *, required: bool = False) -> Any:
        value = self.text(d, key, required=required)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise self.error(key, f"“{value}” is not one of: {allowed}") from None

    def each(self, d: dict[str, Any], key: str, build: Any) -> list[Any]:
        items = d.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise self.error(key, f"should be a list of tables ([[{key}]])")
        out = []
        for number, item in enumerate(items, start=1):
            self.where.append(f"{key}[{number}]")
            try:
                out.append(build(self, item))
            finally:
                self.where.pop()
        return out
