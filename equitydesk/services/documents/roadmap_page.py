"""The packet's roadmap status page: each strategy's latest status and each indicator's latest value against target.

A stand-in until the roadmap's status service lands: `roadmap_section` is the one function to swap for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Goal, Indicator, Measurement, Plan, StatusUpdate, Strategy
from equitydesk.domain.enums import RagStatus
from equitydesk.formats.documents.model import Block, Chart, Column, Emph, Heading, Paragraph, Section, Table
from equitydesk.services.documents.people import long_date

_STATUS_ORDER = (RagStatus.ON_TRACK, RagStatus.AT_RISK, RagStatus.OFF_TRACK, RagStatus.NOT_STARTED)


def roadmap_section(session: Session, *, committee_id: int, today: dt.date) -> Section:
    plans = list(
        session.scalars(
            select(Plan).where(Plan.committee_id == committee_id, Plan.archived.is_(False)).order_by(Plan.name)
        )
    )
    blocks: list[Block] = []
    counts = {status: 0 for status in _STATUS_ORDER}
    for plan in plans:
        strategies = list(
            session.scalars(
                select(Strategy).where(Strategy.plan_id == plan.id).order_by(Strategy.position, Strategy.id)
            )
        )
        if not strategies:
            continue
        latest = _latest_status(session, [s.id for s in strategies])
        rows = []
        for strategy in strategies:
            update = latest.get(strategy.id)
            status = update.status if update else RagStatus.NOT_STARTED
            counts[status] += 1
            label = f"{strategy.code}. {strategy.title}" if strategy.code else strategy.title
            word = status.label if update else "No status yet"
            rows.append((label, Emph(word, "overdue") if status == RagStatus.OFF_TRACK else word,
                         long_date(update.on) if update else "", (update.reason or "") if update else ""))  # fmt: skip
        blocks.append(Heading(plan.name))
        columns = (Column("Strategy", 3.0), Column("Status", 1.1), Column("As of", 1.4), Column("Reason", 2.6))
        blocks.append(Table(columns, tuple(rows), caption=f"Status of each strategy of {plan.name}"))
        indicator_rows = _indicator_rows(session, [s.id for s in strategies])
        if indicator_rows:
            blocks.append(Table((Column("Indicator", 3.4), Column("Latest", 1.5, numeric=True),
                                 Column("Target", 1.5, numeric=True), Column("Measured", 1.4)), tuple(indicator_rows),
                                caption=f"Latest value of each indicator of {plan.name} against target"))  # fmt: skip
    if not blocks:
        blocks.append(Paragraph("This committee has no roadmap or plan yet."))
    else:
        blocks.insert(0, _chart(counts))
    return Section("Roadmap status", "roadmap", tuple(blocks))


def _latest_status(session: Session, strategy_ids: list[int]) -> dict[int, StatusUpdate]:
    latest: dict[int, StatusUpdate] = {}
    rows = session.scalars(
        select(StatusUpdate)
        .where(StatusUpdate.strategy_id.in_(strategy_ids))
        .order_by(StatusUpdate.on, StatusUpdate.id)
    )
    for update in rows:
        assert update.strategy_id is not None
        latest[update.strategy_id] = update  # ordered oldest first, so the last one seen is the latest
    return latest


def _number(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}" if unit else text


def _indicator_rows(session: Session, strategy_ids: list[int]) -> list[tuple[str, str, str, str]]:
    indicators = list(
        session.scalars(
            select(Indicator)
            .join(Goal, Goal.id == Indicator.goal_id)
            .where(Goal.strategy_id.in_(strategy_ids))
            .order_by(Goal.strategy_id, Goal.position, Indicator.id)
        )
    )
    if not indicators:
        return []
    latest: dict[int, Measurement] = {}
    for measurement in session.scalars(
        select(Measurement)
        .where(Measurement.indicator_id.in_([i.id for i in indicators]))
        .order_by(Measurement.measured_on)
    ):
        latest[measurement.indicator_id] = measurement
    rows = []
    for ind in indicators:
        m = latest.get(ind.id)
        target = _number(ind.target_value, ind.unit)
        if target and ind.target_on:
            target += f" by {ind.target_on:%B %Y}"
        rows.append((ind.name, _number(m.value, ind.unit) if m else "Not measured yet", target or "No target",
                     long_date(m.measured_on) if m else ""))  # fmt: skip
    return rows


def _chart(counts: dict[RagStatus, int]) -> Chart:
    parts = [f"{n} {status.label.lower()}" for status, n in counts.items() if n]
    description = "Strategies by status: " + ", ".join(parts) + "."
    values = [counts[s] for s in _STATUS_ORDER]
    labels = [s.label for s in _STATUS_ORDER]

    def drawing() -> Any:
        from equitydesk.formats.documents.charts import status_bar_chart

        return status_bar_chart(labels, values)

    return Chart("Strategies by status", description, drawing)
