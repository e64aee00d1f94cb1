"""What every service is given by the composition root: a session factory, who is acting, and today's date."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session, sessionmaker


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes and services
        return "unknown"


@dataclass(frozen=True)
class ServiceContext:
    sessions: sessionmaker[Session]
    actor: str = field(default_factory=_default_actor)
    today: Callable[[], date] = date.today
