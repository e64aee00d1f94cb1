"""Errors that services raise, each with a message fit to show a user as it is."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; `message` says what and how to fix it, `field` names the field at fault if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The record asked for does not exist (any more)."""
