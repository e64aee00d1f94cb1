"""Headings as other programs write them: run-together and snake_case, Spanish, French and German, Google Contacts
and Outlook exports, tab-separated address books, and columns that hold a name without being the person's."""

from __future__ import annotations

from pathlib import Path

import pytest

from equitydesk.formats.roster_columns import ParsedRoster, parse_roster
from equitydesk.formats.roster_headers import guess_columns, match_header
from tests.roster_files import write_csv, write_xlsx


def mapping(roster: ParsedRoster) -> dict[str, str]:
    return {c.header: c.field for c in roster.columns if c.field}


def people(roster: ParsedRoster, *keys: str) -> list[tuple[object, ...]]:
    return [tuple(r.values.get(k) for k in keys) for r in roster.rows]


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- 6: one lower-case word, underscores, hyphens ---------------------------------------------------------------


@pytest.mark.parametrize(("heading", "field"), [
    ("firstname", "given_name"), ("lastname", "family_name"), ("first_name", "given_name"),
    ("last-name", "family_name"), ("n_family", "family_name"), ("n_given", "given_name"), ("n_fn", "full_name"),
    ("email_address", "email"), ("EmailAddress", "email"), ("e_mail", "email"), ("FIRSTNAME", "given_name"),
    ("phone_number", "phone"), ("homelanguage", "languages"), ("parentemail", "email"), ("termend", "term_end"),
    ("display_name", "full_name"), ("fullname", "full_name"),
])  # fmt: skip
def test_headings_match_with_case_spaces_underscores_and_hyphens_folded(heading: str, field: str) -> None:
    assert match_header(heading).field == field


def test_a_marketing_crm_export_in_lower_case_words(tmp_path: Path) -> None:
    text = (
        "firstname,lastname,company,email,country\r\n"
        "Ariel, N., Enterprise Example Organization, ariel@example.com, Switzerland\r\n"
        "Dana, A., Startup Example Organization, dana@example.net, Sweden\r\n"
    )
    roster = parse_roster(write_text(tmp_path / "contacts.csv", text))
    assert mapping(roster) == {"firstname": "given_name", "lastname": "family_name", "company": "organization",
                               "email": "email"}  # fmt: skip
    assert people(roster, "given_name", "family_name", "email") == [
        ("Ariel", "N.", "ariel@example.com"),
        ("Dana", "A.", "dana@example.net"),
    ]
    assert not roster.all_problems()


def test_a_learning_platform_upload_with_a_username_first(tmp_path: Path) -> None:
    text = "username,firstname,lastname,email\nstudent1,Student,One,s1@example.com\nteacher1,Teacher,One,t1@example.com"
    roster = parse_roster(write_text(tmp_path / "users.csv", text))
    assert mapping(roster) == {"firstname": "given_name", "lastname": "family_name", "email": "email"}
    assert people(roster, "given_name", "family_name") == [("Student", "One"), ("Teacher", "One")]


def test_a_groupware_export_of_its_own_field_names(tmp_path: Path) -> None:
    rows = [["n_prefix", "n_given", "n_middle", "n_family", "n_fileas", "org_name", "org_unit", "email", "tel_work",
             "tel_cell", "adr_one_street", "bday"],
            ["Herr", "Falk", "", "München", "München, Falk", "Metaways", "Dev", "f.m@example.de", "040 1", "0171 2",
             "Pickhuben 2", "1970-01-01"]]  # fmt: skip
    roster = parse_roster(write_csv(tmp_path / "export.csv", rows))
    assert mapping(roster) == {"n_given": "given_name", "n_family": "family_name", "org_name": "organization",
                               "email": "email", "tel_cell": "phone"}  # fmt: skip
    assert people(roster, "given_name", "family_name", "organization") == [("Falk", "München", "Metaways")]
    assert {"adr_one_street", "bday"} <= set(roster.ignored_columns)


# --- 7: Google Contacts and Outlook, known by name and mapped whole ---------------------------------------------

GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Nickname,Birthday,Gender,Location,"
    "Occupation,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
    "Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\r\n"
    "Hodan Warsame,Hodan,,Warsame,,,,1980-02-03,,Roosevelt High,Nurse,Parent rep,* My Contacts ::: EAC,* Home,"
    "Hodan@Example.org,Work,hodan@work.example.org,Mobile,612-555-0101,Home,651-555-0100,Home,"
    '"12 Main St\nSt Paul, MN",,Roosevelt PTA,Treasurer\r\n'
    "Mai Vang,Mai,,Vang,,,Mai V,,,,,,* My Contacts,* Other,mai@example.org,,,Mobile,651-555-0102,,,,,,,\r\n"
)
GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
    "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,"
    "Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
    "Sofía,,García,,,,,,,García Sofía,Lincoln Elementary,Volunteer,,,,,* myContacts,* Home,sofia@example.org,"
    "Mobile,612-555-0111\n"
)
OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title","Business Street",'
    '"Business City","Business Phone","Home Phone","Mobile Phone","Assistant\'s Phone","Business Fax",'
    '"Categories","E-mail Address","E-mail Type","E-mail Display Name","E-mail 2 Address","E-mail 2 Type",'
    '"Language","Location","Manager\'s Name","Notes","Spouse","User 1"\r\n'
    '"Dr.","Amina","J","Hassan","","Central Middle","Science","Teacher","1 School Rd","St Paul","612-555-0199",'
    '"","651-555-0123","612-555-0000","612-555-0198","EAC","amina.hassan@example.org","SMTP",'
    '"Amina Hassan (amina.hassan@example.org)","amina@home.example.org","SMTP","Somali","Room 12",'
    '"Pat Principal","","Omar","x"\r\n'
)


def test_a_google_contacts_export_takes_the_value_columns_never_the_type_columns(tmp_path: Path) -> None:
    roster = parse_roster(write_text(tmp_path / "google.csv", GOOGLE_OLD))
    assert roster.layout == "Google Contacts"
    assert mapping(roster) == {
        "Name": "full_name", "Given Name": "given_name", "Family Name": "family_name", "Nickname": "preferred_name",
        "Notes": "notes", "E-mail 1 - Value": "email", "Phone 1 - Value": "phone",
        "Organization 1 - Name": "organization",
    }  # fmt: skip
    assert people(roster, "given_name", "email", "phone", "organization") == [
        ("Hodan", "hodan@example.org", "612-555-0101", "Roosevelt PTA"),
        ("Mai", "mai@example.org", "651-555-0102", None),
    ]
    assert not any("Home" in p.message for p in roster.all_problems()), "'* Home' is a type, not an address"
    assert {"Birthday", "Address 1 - Formatted"} <= set(roster.ignored_columns)


def test_the_newer_google_contacts_export(tmp_path: Path) -> None:
    roster = parse_roster(write_text(tmp_path / "contacts.csv", GOOGLE_NEW))
    assert roster.layout == "Google Contacts"
    assert mapping(roster) == {"First Name": "given_name", "Last Name": "family_name", "Nickname": "preferred_name",
                               "Organization Name": "organization", "Notes": "notes", "E-mail 1 - Value": "email",
                               "Phone 1 - Value": "phone"}  # fmt: skip
    assert people(roster, "given_name", "family_name", "email") == [("Sofía", "García", "sofia@example.org")]


def test_an_outlook_export_is_mapped_as_outlook_means_it(tmp_path: Path) -> None:
    roster = parse_roster(write_text(tmp_path / "outlook.csv", OUTLOOK, "cp1252"))
    assert roster.layout == "Outlook"
    # The mobile number before a work number; the job title, location and categories are not role, school or
    # group; the manager's name and the e-mail's display name are nobody's name here.
    assert mapping(roster) == {
        "First Name": "given_name", "Last Name": "family_name", "Company": "organization", "Mobile Phone": "phone",
        "E-mail Address": "email", "Language": "languages", "Notes": "notes",
    }  # fmt: skip
    assert people(roster, "given_name", "family_name", "phone", "organization") == [
        ("Amina", "Hassan", "651-555-0123", "Central Middle")
    ]


def test_a_column_added_to_an_export_is_still_matched(tmp_path: Path) -> None:
    header, _, row = OUTLOOK.partition("\r\n")
    text = header + ',"Stakeholder Group"\r\n' + row.rstrip("\r\n") + ',"Teacher"\r\n'
    roster = parse_roster(write_text(tmp_path / "outlook.csv", text))
    assert roster.layout == "Outlook" and mapping(roster)["Stakeholder Group"] == "stakeholder_group"


def test_an_ordinary_roster_is_no_known_export() -> None:
    assert guess_columns(["First Name", "Last Name", "E-mail Address", "Mobile Phone", "Location"])[4].field == (
        "organization"
    )


# --- 8: German and French, tab-separated address books, headings that only contain "name" ----------------------

GERMAN_OUTLOOK = (
    '"Anrede","Vorname","Weitere Vornamen","Nachname","Suffix","Firma","Abteilung","Position",'
    '"Straße geschäftlich","Ort geschäftlich","Telefon geschäftlich","Telefon (privat)","Mobiltelefon",'
    '"E-Mail-Adresse","E-Mail-Typ","E-Mail: Angezeigter Name","E-Mail 2: Adresse","Geburtstag","Kategorien",'
    '"Name des/r Vorgesetzten","Notizen","Sozialversicherungsnr.","Sprache"\r\n'
    '"","Christian","","Baumann","","Metaways","Vertrieb","Vertrieb","Pickhuben 2","Hamburg",'
    '"+49 40 6432131-550","","0176 1643","C.Baumann@Example.de","SMTP",'
    '"Christian Baumann (c.baumann@example.de)","","0.0.00","","Frau Weiß","Kunde seit 2010","12 345","Deutsch"\r\n'
)


def test_a_german_outlook_export_in_windows_1252(tmp_path: Path) -> None:
    roster = parse_roster(write_text(tmp_path / "kontakte.csv", GERMAN_OUTLOOK, "cp1252"))
    assert roster.layout == "Outlook (German)"
    assert mapping(roster) == {
        "Vorname": "given_name", "Nachname": "family_name", "Firma": "organization", "Mobiltelefon": "phone",
        "E-Mail-Adresse": "email", "Notizen": "notes", "Sprache": "languages",
    }  # fmt: skip
    assert people(roster, "given_name", "family_name", "email", "languages") == [
        ("Christian", "Baumann", "c.baumann@example.de", "German")
    ]
    assert {"Geburtstag", "Sozialversicherungsnr."} <= {c.header for c in roster.columns if c.private}


@pytest.mark.parametrize(("heading", "field"), [
    ("Vorname", "given_name"), ("Nachname", "family_name"), ("E-Mail-Adresse", "email"), ("Firma", "organization"),
    ("Telefon", "phone"), ("Schule", "organization"), ("Sprache", "languages"), ("Prénom", "given_name"),
    ("Courriel", "email"), ("Adresse e-mail", "email"), ("Téléphone", "phone"), ("École", "organization"),
    ("Langue", "languages"), ("Société", "organization"), ("Nom de famille", "family_name"),
    ("Nombre", "full_name"), ("Apellido", "family_name"), ("Correo electrónico", "email"), ("Teléfono", "phone"),
    ("Escuela", "organization"), ("Idioma", "languages"), ("Idioma de intérprete", "interpreter_language"),
    ("Intérprete", "interpreter_needed"), ("Cargo", "role"), ("Grupo", "stakeholder_group"),
    ("Tel. privat", "phone"), ("Primäre E-Mail-Adresse", "email"), ("Anzeigename", "full_name"),
])  # fmt: skip
def test_spanish_french_and_german_headings(heading: str, field: str) -> None:
    assert match_header(heading).field == field


@pytest.mark.parametrize("heading", [
    "Name des/r Vorgesetzten", "Manager's Name", "User name", "UserName", "Screen Name", "File name", "Sheet Name",
    "Goal Name", "Maiden Name", "Assistant's Name", "Middle Name", "E-mail Display Name", "E-Mail: Angezeigter Name",
    "Nom complet de l'adresse de messagerie", "Nom de l'assistant(e)", "Given Name Yomi", "Emergency contact name",
    "Spouse's name",
])  # fmt: skip
def test_a_heading_that_only_contains_name_is_not_the_persons_name(heading: str) -> None:
    assert match_header(heading).field is None


@pytest.mark.parametrize(("heading", "field"), [
    ("Company Name", "organization"), ("org_name", "organization"), ("Business name", "organization"),
    ("Student Name", "full_name"), ("Contact Name", "full_name"), ("Player First Name", "given_name"),
    ("Parent/Guardian Name", "full_name"), ("Nombre del estudiante", "full_name"),
])  # fmt: skip
def test_names_that_are_a_persons_or_an_organisations(heading: str, field: str) -> None:
    assert match_header(heading).field == field


def test_a_tab_separated_german_address_book(tmp_path: Path) -> None:
    rows = [["Vorname", "Nachname", "Anzeigename", "Spitzname", "Primäre E-Mail-Adresse", "Sekundäre E-Mail-Adresse",
             "Chat-Name", "Tel. dienstlich", "Tel. privat", "Fax-Nummer", "Mobil-Tel.-Nr.", "Privat: Adresse",
             "Privat: Ort", "Privat: PLZ", "Arbeitstitel", "Organisation", "Notizen", ""],
            ["Anna", "Müller", "Anna Müller", "Anni", "anna@example.de", "", "anna.m", "030 1", "030 2", "030 3",
             "0171 4", "Hauptstr. 1, Hinterhaus", "Berlin", "10115", "Lehrerin", "Schule am Park", "", ""],
            ["", "", "Jan Schmidt", "", "jan@example.de", *[""] * 13]]  # fmt: skip
    roster = parse_roster(write_csv(tmp_path / "adressbuch.tab", rows, encoding="utf-16", delimiter="\t"))
    assert mapping(roster) == {
        "Vorname": "given_name", "Nachname": "family_name", "Anzeigename": "full_name", "Spitzname": "preferred_name",
        "Primäre E-Mail-Adresse": "email", "Mobil-Tel.-Nr.": "phone", "Organisation": "organization",
        "Notizen": "notes",
    }  # fmt: skip
    assert people(roster, "given_name", "family_name", "phone") == [("Anna", "Müller", "0171 4"),
                                                                    ("Jan", "Schmidt", None)]  # fmt: skip
    assert {"Privat: Adresse", "Privat: Ort", "Privat: PLZ"} <= {c.header for c in roster.columns if c.private}


@pytest.mark.parametrize(("headers", "fields"), [
    (["Prénom", "Nom", "Courriel"], ["given_name", "family_name", "email"]),
    (["Nombre", "Apellido", "Correo"], ["given_name", "family_name", "email"]),
    (["Vorname", "Name", "E-Mail"], ["given_name", "family_name", "email"]),
    (["Name", "Surname", "Email"], ["given_name", "family_name", "email"]),
    (["Nom", "Courriel"], ["full_name", "email"]),
])  # fmt: skip
def test_a_bare_name_beside_one_half_of_a_name_is_the_other_half(headers: list[str], fields: list[str]) -> None:
    assert [m.field for m in guess_columns(headers)] == fields


# --- 9: the person's name before a login or a company -----------------------------------------------------------


def test_real_name_columns_win_over_a_company_or_a_login(tmp_path: Path) -> None:
    rows = [["LastName", "FirstName", "Email", "UserName", "Password", "PhoneNumber", "Company Name"],
            ["Mcfly", "Marty", "marty@example.com", "marty", "secret", "001-123", "Twin Pines"],
            ["Brown", "", "drbrown@example.net", "emmett", "", "", "Hill Valley High"]]  # fmt: skip
    roster = parse_roster(write_csv(tmp_path / "users.csv", rows, delimiter=";"))
    assert mapping(roster) == {"LastName": "family_name", "FirstName": "given_name", "Email": "email",
                               "PhoneNumber": "phone", "Company Name": "organization"}  # fmt: skip
    assert people(roster, "given_name", "family_name", "organization") == [
        ("Marty", "Mcfly", "Twin Pines"),
        (None, "Brown", "Hill Valley High"),
    ]


def test_a_guessed_full_name_gives_way_to_first_and_last_name_columns() -> None:
    fields = [m.field for m in guess_columns(["Student Name", "First Name", "Last Name", "Email"])]
    assert fields == [None, "given_name", "family_name", "email"]
    # A known full-name heading stays, to fill the rows whose first and last names are blank.
    assert guess_columns(["Display Name", "First Name", "Last Name"])[0].field == "full_name"


# --- 3: the headings of the messy roster, and headings that list groups -----------------------------------------


def test_the_messy_roster_maps_every_column(tmp_path: Path) -> None:
    headers = ["First Name", "Last", "E-mail Address", "Teléfono", "Home Language", "Idioma de intérprete",
               "Role on Committee", "Parent/Student/Staff", "Escuela", "Term End", "Notes (office use)"]  # fmt: skip
    row = ["Hodan", "Warsame", "hodan@example.org", "612-555-0101", "Somali", "Somali", "Secretaria", "Padre/Madre",
           "Roosevelt High", "6/30/2027", "called 9/3"]  # fmt: skip
    path = write_xlsx(tmp_path / "messy.xlsx", [headers, row], title_rows=["EAC roster", "Fall 2025"])
    roster = parse_roster(path)
    assert roster.header_row == 3
    assert [c.field for c in roster.columns] == [
        "given_name", "family_name", "email", "phone", "languages", "interpreter_language", "role",
        "stakeholder_group", "organization", "term_end", "notes",
    ]  # fmt: skip
    assert not roster.all_problems() and roster.ignored_columns == []


@pytest.mark.parametrize("heading", [
    "Parent/Student/Staff", "Role: student, parent, staff", "Student / Parent / Teacher / Community",
    "Parent, teacher or student?",
])  # fmt: skip
def test_a_heading_that_names_several_groups_is_the_stakeholder_group(heading: str) -> None:
    assert match_header(heading).field == "stakeholder_group"


@pytest.mark.parametrize(("heading", "field"), [
    ("Parent/Guardian E-mail", "email"), ("Community Organization", "organization"),
    ("Student/Parent Name", "full_name"),
])  # fmt: skip
def test_a_heading_with_group_words_that_is_about_something_else(heading: str, field: str) -> None:
    assert match_header(heading).field == field
