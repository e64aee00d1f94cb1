"""What the public packet says it left out, in sentences a chair can read aloud."""

from __future__ import annotations

import pytest

from equitydesk.services.documents.people import WithheldSummary


def summary(**counts: int) -> WithheldSummary:
    base = dict(emails=0, phones=0, interpreter_needs=0, accessibility_needs=0, private_notes=0, student_contacts=0,
                confidential_items=0, confidential_titles=())  # fmt: skip
    return WithheldSummary(**{**base, **counts})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ({"emails": 8, "student_contacts": 1}, "Contact details: 8 e-mail addresses, including those of 1 student."),
        ({"emails": 1, "phones": 1}, "Contact details: 1 e-mail address and 1 phone number."),
        ({"phones": 3, "student_contacts": 2}, "Contact details: 3 phone numbers, including those of 2 students."),
    ],
)
def test_contact_details_name_only_what_was_left_out(counts: dict[str, int], line: str) -> None:
    assert summary(**counts).lines() == [line]


def test_nothing_left_out_says_nothing() -> None:
    assert summary().lines() == [] and not summary().anything
