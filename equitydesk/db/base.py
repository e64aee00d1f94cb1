"""Declarative base with a constraint naming convention, so migrations can name and alter constraints on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC timestamp: SQLite has no time zones, so every stored datetime is UTC by convention."""
    return datetime.now(UTC).replace(tzinfo=None)


def enum_column(enum_cls: type[StrEnum], name: str) -> Enum:
    """Store an enum by its value as text with a CHECK constraint, not by member name."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        validate_strings=True,
        values_callable=_values,
    )


def _values(enum_cls: Any) -> list[str]:
    return [m.value for m in enum_cls]
