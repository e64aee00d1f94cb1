"""Counted nouns as people write them ('1 person', '12 people'), the same on screen, on paper and in the CLI."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 person', '12 people', '1,204 rows': the count with the noun that agrees with it."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
