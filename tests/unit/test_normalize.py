"""Value normalisation for roster imports: what office staff type, and the plain messages when it can't be read."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.domain.keys import person_name_key
from equitydesk.domain.normalize import (
    AmbiguousValue,
    BlankValue,
    clean_multiline,
    clean_text,
    email_key,
    excel_serial_to_date,
    name_key,
    normalize_email,
    normalize_language,
    normalize_languages,
    normalize_phone,
    parse_date,
    parse_role,
    parse_stakeholder_group,
    parse_yes_no,
    pop_nickname,
    split_full_name,
)


def test_clean_text_trims_collapses_and_composes() -> None:
    assert clean_text("  Mai \t  Vang\n") == "Mai Vang"
    assert clean_text("Ana\u00a0María") == "Ana María"
    decomposed = "Jose\u0301"
    assert clean_text(decomposed) == "José"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))
    assert clean_text("\ufeffAmina\u200b") == "Amina"
    assert clean_text(6125551234.0) == "6125551234"
    assert clean_text(None) == ""


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","click")',
        "<b>markup</b> & <script>alert(1)</script>",
        "عبد الله محمد",
        "Nguyễn 👩🏽‍🏫 🎉",
        "+1-612-555-1234",
        "@mention",
    ],
)
def test_hostile_text_is_kept_verbatim(text: str) -> None:
    assert clean_text(text) == unicodedata.normalize("NFC", text)


def test_very_long_text_is_kept_whole() -> None:
    text = "word " * 8000
    assert len(clean_text(text)) == 39_999
    assert clean_multiline("line one\n" * 5000).count("\n") == 4999


def test_multiline_keeps_line_breaks_but_not_blank_lines() -> None:
    assert clean_multiline("Large print\r\n\n   wheelchair    access \v ramp") == "Large print\nwheelchair access\nramp"


def test_email_is_stored_in_lower_case_and_keyed_case_blind() -> None:
    assert normalize_email(" Jane.Doe@Example.ORG ") == "jane.doe@example.org"
    assert email_key("Jane.Doe@Example.ORG") == email_key("jane.doe@example.org")
    assert normalize_email("mailto:Amina@Example.org") == "amina@example.org"
    assert normalize_email("Tom Vang <TOM@example.org>") == "tom@example.org"
    assert normalize_email("José@Exämple.de") == "josé@exämple.de"


@pytest.mark.parametrize("bad", ["jane.doe@gmail", "jane doe@example.org", "@example.org", "a..b@x.org", "call me"])
def test_email_refusals_say_what_an_address_looks_like(bad: str) -> None:
    with pytest.raises(ValueError, match=r"name@example\.org"):
        normalize_email(bad)


def test_two_emails_in_one_cell_are_named_as_such() -> None:
    with pytest.raises(ValueError, match="more than one e-mail address"):
        normalize_email("a@x.org; b@y.org")


def test_blank_cells_are_blank_not_errors() -> None:
    for normalise in (normalize_email, normalize_phone, parse_date, parse_yes_no, parse_role, normalize_languages):
        with pytest.raises(BlankValue):
            normalise("   ")


def test_phone_is_kept_as_typed_and_numbers_lose_their_float() -> None:
    assert normalize_phone(" (612) 555-1234 ext. 12 ") == "(612) 555-1234 ext. 12"
    assert normalize_phone(6125551234.0) == "6125551234"
    assert normalize_phone(6125551234) == "6125551234"
    with pytest.raises(ValueError, match="no digits"):
        normalize_phone("ask the front office")


@pytest.mark.parametrize(
    "typed",
    ["9/1/2025", "09-01-2025", "2025-09-01", "Sept 1, 2025", "September 1 2025", "1-Sep-2025", "Sep. 1st, 2025",
     "9/1/25", "9.1.2025", "2025-09-01T00:00:00", "9/1/2025 0:00", "9/1/2025 12:00 PM", "45901", 45901, 45901.0,
     date(2025, 9, 1), datetime(2025, 9, 1, 18, 30)],
)  # fmt: skip
def test_dates_in_the_forms_people_type(typed: object) -> None:
    assert parse_date(typed) == date(2025, 9, 1)  # type: ignore[arg-type]


def test_excel_serials_honour_the_1900_leap_year_bug() -> None:
    assert excel_serial_to_date(1) == date(1900, 1, 1)
    assert excel_serial_to_date(59) == date(1900, 2, 28)
    assert excel_serial_to_date(61) == date(1900, 3, 1)
    with pytest.raises(ValueError, match="never existed"):
        excel_serial_to_date(60)


def test_unreadable_dates_say_how_to_write_them() -> None:
    with pytest.raises(ValueError, match=r"^'31/31/2025' is not a date I can read; write it like 9/1/2025$"):
        parse_date("31/31/2025")
    with pytest.raises(ValueError, match="puts the day first; write the month first, like 9/13/2025"):
        parse_date("13/09/2025")
    with pytest.raises(ValueError, match="is a number, not a date"):
        parse_date(2025)
    with pytest.raises(ValueError, match="write it like 9/1/2025"):
        parse_date("Feb 30, 2025")


@pytest.mark.parametrize(("typed", "meaning"), [
    ("Yes", True), ("y", True), ("TRUE", True), ("1", True), ("X", True), ("x", True), ("✓", True), (1.0, True),
    (True, True), ("No", False), ("n", False), ("False", False), ("0", False), (0, False), (False, False),
])  # fmt: skip
def test_yes_no(typed: object, meaning: bool) -> None:
    assert parse_yes_no(typed) is meaning  # type: ignore[arg-type]


def test_yes_no_refusal() -> None:
    with pytest.raises(ValueError, match="write Yes or No"):
        parse_yes_no("maybe")


@pytest.mark.parametrize(("typed", "group"), [
    ("Parent", "parent_guardian"), ("Guardian", "parent_guardian"), ("Parent/Guardian", "parent_guardian"),
    ("Family", "parent_guardian"), ("Mom", "parent_guardian"), ("Parent of a 3rd grader", "parent_guardian"),
    ("Student", "student"), ("Scholar", "student"), ("Teacher", "teacher"), ("Educator", "teacher"),
    ("Para", "support_staff"), ("Paraprofessional", "support_staff"), ("Support staff", "support_staff"),
    ("Custodian", "support_staff"), ("Principal", "administrator"), ("Administrator", "administrator"),
    ("Admin", "administrator"), ("District staff", "administrator"), ("Community", "community_member"),
    ("Community member", "community_member"), ("Community organization", "community_organization"),
    ("Community-based organization", "community_organization"), ("CBO", "community_organization"),
    ("Nonprofit", "community_organization"), ("School board", "board_member"), ("Board member", "board_member"),
    ("parent_guardian", "parent_guardian"), ("  PARENT  ", "parent_guardian"),
])  # fmt: skip
def test_stakeholder_groups_as_people_write_them(typed: str, group: str) -> None:
    assert parse_stakeholder_group(typed) is StakeholderGroup(group)


def test_stakeholder_refusals_list_the_choices() -> None:
    with pytest.raises(ValueError, match="more than one stakeholder group; choose one of: Student, Parent/guardian"):
        parse_stakeholder_group("Parent and teacher")
    with pytest.raises(ValueError, match="not a stakeholder group I know"):
        parse_stakeholder_group("Martian")


@pytest.mark.parametrize(("typed", "role"), [
    ("Chair", "chair"), ("Chairperson", "chair"), ("Co-chair", "co_chair"), ("Co chair", "co_chair"),
    ("Vice chair", "co_chair"), ("Vice-Chair", "co_chair"), ("Secretary", "secretary"), ("Member", "member"),
    ("Voting member", "member"), ("Ex officio", "ex_officio"), ("Ex-officio member", "ex_officio"),
    ("Liaison", "staff_liaison"), ("Staff liaison", "staff_liaison"), ("Alternate", "alternate"),
])  # fmt: skip
def test_roles(typed: str, role: str) -> None:
    assert parse_role(typed) is Role(role)


def test_role_refusal() -> None:
    with pytest.raises(ValueError, match="not a committee role I know; use one of: Chair, Co-chair"):
        parse_role("Treasurer")


@pytest.mark.parametrize(("typed", "given", "family"), [
    ("Smith, John", "John", "Smith"),
    ("John Smith", "John", "Smith"),
    ("Vang, Mai Nou", "Mai Nou", "Vang"),
    ("Maria de la Cruz", "Maria", "de la Cruz"),
    ("Juan Carlos de la Fuente", "Juan Carlos", "de la Fuente"),
    ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
    ("Anna Van Dyke", "Anna", "Van Dyke"),
    ("Juan García y López", "Juan", "García y López"),
    ("Martin Luther King Jr.", "Martin Luther", "King Jr."),
    ("King, Martin Luther, Jr.", "Martin Luther", "King Jr."),
    ("Dr. Amina Hassan", "Amina", "Hassan"),
    ("Mai Le", "Mai", "Le"),
    ("Abdirahman", "Abdirahman", ""),
    ("  O'Brien,   Seán ", "Seán", "O'Brien"),
])  # fmt: skip
def test_split_full_name(typed: str, given: str, family: str) -> None:
    assert split_full_name(typed) == (given, family)


def test_nicknames_come_out_of_names() -> None:
    assert pop_nickname('Robert "Bob" Smith') == ("Robert Smith", "Bob")
    assert pop_nickname("Robert (Bob) Smith") == ("Robert Smith", "Bob")
    assert pop_nickname("Robert Smith") == ("Robert Smith", "")


def test_name_key_is_the_stored_key_and_keeps_accents_apart() -> None:
    assert name_key is person_name_key
    assert name_key("Mai", "VANG") == name_key(" mai ", "Vang")
    assert name_key("José", "García") == name_key("Jose\u0301", "García")
    assert name_key("Nguyễn", "An") != name_key("Nguyen", "An")


@pytest.mark.parametrize(("typed", "canonical"), [
    ("Somali; English", "Somali, English"),
    ("Spanish, English", "Spanish, English"),
    ("Hmong/English", "Hmong, English"),
    ("es", "Spanish"),
    ("Español", "Spanish"),
    ("Español y Inglés", "Spanish, English"),
    ("SOMALI", "Somali"),
    ("karen", "Karen"),
    ("ASL", "American Sign Language"),
    ("haitian creole and english", "Haitian Creole, English"),
    ("English (limited)", "English (limited)"),
    ("english, English", "English"),
    ("So", "So"),
])  # fmt: skip
def test_languages(typed: str, canonical: str) -> None:
    assert normalize_languages(typed) == canonical


def test_one_language() -> None:
    assert normalize_language(" vi ") == "Vietnamese"
    assert normalize_language("K'iche'") == "K'iche'"


@pytest.mark.parametrize(("typed", "group"), [
    ("Padre/Madre", "parent_guardian"), ("Madre", "parent_guardian"), ("Padre", "parent_guardian"),
    ("Tutor", "parent_guardian"), ("Tutora legal", "parent_guardian"), ("Mère", "parent_guardian"),
    ("Estudiante", "student"), ("Élève", "student"), ("Maestra", "teacher"), ("Staff - teacher", "teacher"),
    ("Support staff", "support_staff"), ("Office staff", "support_staff"), ("District staff", "administrator"),
])  # fmt: skip
def test_stakeholder_groups_in_spanish_french_and_with_staff(typed: str, group: str) -> None:
    assert parse_stakeholder_group(typed) is StakeholderGroup(group)


@pytest.mark.parametrize("typed", ["Staff", "STAFF", "Staff member", "School staff", "Staff (Lincoln)"])
def test_staff_alone_is_never_guessed(typed: str) -> None:
    with pytest.raises(AmbiguousValue, match="could be teacher, support staff or administrator: the group was left "
                                             "empty; choose it in the roster"):  # fmt: skip
        parse_stakeholder_group(typed)
    with pytest.raises(ValueError, match="fits more than one stakeholder group"):
        parse_stakeholder_group("Parent/Staff")


@pytest.mark.parametrize(("typed", "role"), [
    ("Secretaria", "secretary"), ("Secretario", "secretary"), ("Presidente", "chair"), ("Presidenta", "chair"),
    ("Copresidente", "co_chair"), ("Co-presidenta", "co_chair"), ("Vicepresidente", "co_chair"),
    ("Miembro", "member"), ("Suplente", "alternate"), ("Secrétaire", "secretary"),
])  # fmt: skip
def test_roles_in_spanish_and_french(typed: str, role: str) -> None:
    assert parse_role(typed) is Role(role)
