"""Matching keys for finding the same person twice: e-mail ignoring case, and a case-folded full name."""

from __future__ import annotations

import unicodedata


def email_key(email: str | None) -> str | None:
    if not email:
        return None
    if email.isascii():
        return email.strip().lower() or None
    return unicodedata.normalize("NFC", email).strip().casefold() or None


def person_name_key(given: str | None, family: str | None) -> str:
    """'family|given', NFC, case-folded, inner spaces collapsed. Accents stay: Nguyễn and Nguyen may be two people."""
    return f"{_name_part(family)}|{_name_part(given)}"


def _name_part(text: str | None) -> str:
    if not text:
        return ""
    if text.isascii():  # the common case, and an import computes this for every row
        return " ".join(text.lower().split())
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
