"""Declared fields of each entity: how a value typed by a user is cleaned and checked before it is stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from equitydesk.domain.normalize import strip_bidi_controls
from equitydesk.services.errors import DomainError


@dataclass(frozen=True, slots=True)
class Field:
    """One editable field: a label for messages, a kind, and limits."""

    label: str
    kind: str = "text"  # text, longtext, email, int, float, bool, date, datetime, enum, ref
    required: bool = False
    max_len: int | None = None
    enum: type[StrEnum] | None = None
    minimum: float | None = None
    maximum: float | None = None

    def clean(self, name: str, value: Any) -> Any:
        try:
            cleaned = _CLEANERS[self.kind](self, value)
        except (ValueError, TypeError) as exc:
            raise DomainError(f"{self.label}: {exc}", field=name) from exc
        if cleaned is None or cleaned == "":
            if self.required:
                raise DomainError(f"{self.label} is required.", field=name)
            return None if self.kind not in ("bool",) else False
        limit = self.max_len or _DEFAULT_MAX_LEN.get(self.kind)
        if isinstance(cleaned, str) and limit and len(cleaned) > limit:
            raise DomainError(
                f"{self.label} is too long ({len(cleaned):,} characters; at most {limit:,}). Shorten it and save "
                "again.",
                field=name,
            )
        if isinstance(cleaned, int | float) and not isinstance(cleaned, bool):
            if self.minimum is not None and cleaned < self.minimum:
                raise DomainError(f"{self.label} must be at least {self.minimum:g}.", field=name)
            if self.maximum is not None and cleaned > self.maximum:
                raise DomainError(f"{self.label} must be at most {self.maximum:g}.", field=name)
        return cleaned


def _text(_f: Field, v: Any) -> str | None:
    if v is None:
        return None
    import unicodedata

    # One line: bidirectional controls would let a name print as another ("\u202eevaD" shows as "Dave").
    return " ".join(unicodedata.normalize("NFC", strip_bidi_controls(str(v))).split()) or None


def _longtext(_f: Field, v: Any) -> str | None:
    if v is None:
        return None
    import unicodedata

    text = unicodedata.normalize("NFC", str(v)).strip()
    return text or None


def _email(f: Field, v: Any) -> str | None:
    text = _text(f, v)
    if text is None:
        return None
    local, at, domain = text.partition("@")
    if not at or not local or "." not in domain or " " in text or domain.startswith(".") or domain.endswith("."):
        raise ValueError(f"'{text}' is not an e-mail address (it should look like name@example.org).")
    # Stored in lower case, as the roster import stores it: one spelling of an address everywhere.
    return text.lower()


def _int(_f: Field, v: Any) -> int | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError("expected a whole number.")
    if isinstance(v, float):
        if not v.is_integer():
            raise ValueError(f"'{v:g}' is not a whole number.")
        return int(v)
    try:
        return int(str(v).strip())
    except ValueError:
        raise ValueError(f"'{v}' is not a whole number.") from None


def _float(_f: Field, v: Any) -> float | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError("expected a number.")
    try:
        return float(str(v).strip().rstrip("%")) if isinstance(v, str) else float(v)
    except ValueError:
        raise ValueError(f"'{v}' is not a number.") from None


def _bool(_f: Field, v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if v is None or v == "":
        return False
    text = str(v).strip().casefold()
    if text in ("yes", "y", "true", "1", "x"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    raise ValueError(f"'{v}' is not yes or no.")


def _date(_f: Field, v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v).strip())
    except ValueError:
        raise ValueError(f"'{v}' is not a date (write it as 2025-09-01).") from None


def _datetime(_f: Field, v: Any) -> datetime | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.replace(tzinfo=None)
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day)
    try:
        return datetime.fromisoformat(str(v).strip()).replace(tzinfo=None)
    except ValueError:
        raise ValueError(f"'{v}' is not a date and time (write it as 2025-09-01 18:30).") from None


def _enum(f: Field, v: Any) -> StrEnum | None:
    if v is None or v == "":
        return None
    assert f.enum is not None
    if isinstance(v, f.enum):
        return v
    parse: Callable[[str], StrEnum] = f.enum.parse  # type: ignore[attr-defined]
    return parse(str(v))


def _ref(_f: Field, v: Any) -> int | None:
    return _int(_f, v)


# A text field declared without max_len is still bounded: no field takes a 50 MB paste.
_DEFAULT_MAX_LEN = {"text": 1_000, "email": 320, "longtext": 100_000}

_CLEANERS: dict[str, Callable[[Field, Any], Any]] = {
    "text": _text,
    "longtext": _longtext,
    "email": _email,
    "int": _int,
    "float": _float,
    "bool": _bool,
    "date": _date,
    "datetime": _datetime,
    "enum": _enum,
    "ref": _ref,
}


def to_json(value: Any) -> Any:
    """A value as it is written to the change log."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value
