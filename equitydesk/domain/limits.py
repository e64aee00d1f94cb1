"""The longest text each person field keeps: the person editor refuses longer, the roster import cuts and warns."""

from __future__ import annotations

# services/roster.py declares the same numbers as each Field's max_len; a test keeps the two equal.
PERSON_TEXT_LIMITS: dict[str, int] = {
    "given_name": 200,
    "family_name": 200,
    "preferred_name": 200,
    "pronouns": 60,
    "email": 320,
    "phone": 60,
    "organization": 200,
    "languages": 300,
    "interpreter_language": 100,
    "accessibility_needs": 4_000,
    "notes": 20_000,
}
