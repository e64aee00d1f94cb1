"""The packet's roadmap status page: each strategy's and indicator's status with its reason, from the status rules.

The statuses are the roadmap's own (services/roadmap_snapshot.py), so the packet, the Roadmap page and
`status --plan` say the same thing in the same words.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Plan
from equitydesk.domain.enums import RagStatus
from equitydesk.formats.documents.model import Block, Chart, Column, Emph, Heading, Paragraph, Section, Table
from equitydesk.services import roadmap_snapshot as snapshot

_WORRYING = (RagStatus.OFF_TRACK, RagStatus.AT_RISK)


def roadmap_section(session: Session, *, committee_id: int, today: dt.date) -> Section:
    plans = list(
        session.scalars(
            select(Plan).where(Plan.committee_id == committee_id, Plan.archived.is_(False)).order_by(Plan.name)
        )
    )
    blocks: list[Block] = []
    counts: Counter[RagStatus] = Counter()
    for plan in plans:
        status = snapshot.compute(snapshot.load(session, plan.id), today)
        strategies = [n for n in status.nodes if n.kind == "strategy"]
        if not strategies:
            continue
        counts.update(n.status for n in strategies)
        blocks.append(Heading(plan.name))
        blocks.append(Paragraph(status.thresholds_text))
        rows = [(_label(n.code, n.title), _word(n.status), n.reason) for n in strategies]
        columns = (Column("Strategy", 2.8), Column("Status", 1.1), Column("Why", 3.2))
        blocks.append(Table(columns, tuple(rows), caption=f"Status of each strategy of {plan.name}"))
        indicators = [n for n in status.nodes if n.kind == "indicator"]
        if indicators:
            rows = [(_label(n.code, n.title), _word(n.status), n.reason) for n in indicators]
            columns = (Column("Indicator", 2.8), Column("Status", 1.1), Column("Latest value against the line", 3.2))
            blocks.append(Table(columns, tuple(rows), caption=f"Each indicator of {plan.name} against its target"))
    if not blocks:
        blocks.append(Paragraph("This committee has no roadmap or plan yet."))
    else:
        blocks.insert(0, _chart(counts))
    return Section("Roadmap status", "roadmap", tuple(blocks))


def _label(code: str | None, title: str) -> str:
    return f"{code}. {title}" if code else title


def _word(status: RagStatus) -> Any:
    # Colour is never the only sign: the status is a word, and the worrying ones are also emphasised.
    return Emph(status.label, "overdue") if status in _WORRYING else status.label


def _chart(counts: Counter[RagStatus]) -> Chart:
    shown = [status for status in RagStatus if counts[status]]
    parts = [f"{counts[status]} {status.label.lower()}" for status in shown]
    description = "Strategies by status: " + ", ".join(parts) + "."
    values = [counts[s] for s in shown]
    labels = [s.label for s in shown]

    def drawing() -> Any:
        from equitydesk.formats.documents.charts import status_bar_chart

        return status_bar_chart(labels, values)

    return Chart("Strategies by status", description, drawing)
