"""Errors of the database layer, in their own module so that the engine and the migrations can both raise them."""

from __future__ import annotations


class DatabaseError(Exception):
    """A database that cannot be used; str() is one plain sentence for the user."""
