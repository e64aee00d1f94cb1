"""Matching keys for finding the same person twice: e-mail ignoring case, and a case-folded full name."""

from __future__ import annotations

import unicodedata


def email_key(email: str | None) -> str | None:
    if not email:
        return None
    return unicodedata.normalize("NFC", email).strip().casefold() or None


def person_name_key(given: str | None, family: str | None) -> str:
    """'family|given', NFC, case-folded, inner spaces collapsed. Accents stay: Nguyễn and Nguyen may be two people."""

    def part(text: str | None) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())

    return f"{part(family)}|{part(given)}"
