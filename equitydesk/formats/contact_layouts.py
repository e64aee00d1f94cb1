"""The contact exports of Google Contacts and Outlook (English, German, French), heading by heading, as written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayoutSpec:
    """One program's export: the headings it writes that the roster keeps, every other heading it writes (left
    out), and the headings only it writes, which recognise it. Headings are as exported; roster_headers folds them.

    Within a field the first heading is the best (a mobile number before a home or work number); numbered
    headings "E-mail 2 - Value" are understood by their pattern when `numbered` is set.
    """

    name: str
    fields: tuple[tuple[str, str], ...]
    others: str
    marks: str
    numbered: bool = False


GOOGLE = LayoutSpec(
    "Google Contacts",
    fields=(
        ("Given Name", "given_name"), ("First Name", "given_name"), ("Family Name", "family_name"),
        ("Last Name", "family_name"), ("Name", "full_name"), ("Nickname", "preferred_name"),
        ("Organization Name", "organization"), ("Language", "languages"), ("Notes", "notes"),
    ),
    # Before 2020 the export began "Name, Given Name, Additional Name, Family Name"; since then "First Name".
    others="Additional Name | Yomi Name | Given Name Yomi | Additional Name Yomi | Family Name Yomi | Name Prefix"
    " | Name Suffix | Initials | Short Name | Maiden Name | Birthday | Gender | Location | Billing Information"
    " | Directory Server | Mileage | Occupation | Hobby | Sensitivity | Priority | Subject | Photo | Group Membership"
    " | Middle Name | Phonetic First Name | Phonetic Middle Name | Phonetic Last Name | File As"
    " | Organization Title | Organization Department | Labels",
    marks="Group Membership | Additional Name | Yomi Name | Given Name Yomi | Family Name Yomi | Short Name"
    " | Phonetic First Name | Phonetic Last Name | File As | Labels | Organization Name | Organization Title"
    " | E-mail 1 - Type | E-mail 1 - Value | E-mail 1 - Label | Phone 1 - Type | Phone 1 - Value | Phone 1 - Label",
    numbered=True,
)  # fmt: skip

OUTLOOK = LayoutSpec(
    "Outlook",
    fields=(
        ("First Name", "given_name"), ("Last Name", "family_name"), ("Nickname", "preferred_name"),
        ("Company", "organization"), ("E-mail Address", "email"), ("E-mail 2 Address", "email"),
        ("E-mail 3 Address", "email"), ("Mobile Phone", "phone"), ("Primary Phone", "phone"), ("Home Phone", "phone"),
        ("Business Phone", "phone"), ("Home Phone 2", "phone"), ("Business Phone 2", "phone"),
        ("Other Phone", "phone"), ("Language", "languages"), ("Notes", "notes"),
    ),
    others="Title | Middle Name | Suffix | Department | Job Title | Business Street | Business Street 2"
    " | Business Street 3 | Business City | Business State | Business Postal Code | Business Country/Region"
    " | Business Country | Home Street | Home Street 2 | Home Street 3 | Home City | Home State | Home Postal Code"
    " | Home Country/Region | Home Country | Other Street | Other Street 2 | Other Street 3 | Other City | Other State"
    " | Other Postal Code | Other Country/Region | Other Country | Assistant's Phone | Business Fax | Callback"
    " | Car Phone | Company Main Phone | Home Fax | ISDN | Other Fax | Pager | Radio Phone | TTY/TDD Phone | Telex"
    " | Account | Anniversary | Assistant's Name | Billing Information | Birthday | Business Address PO Box"
    " | Categories | Children | Directory Server | E-mail Type | E-mail Display Name | E-mail 2 Type"
    " | E-mail 2 Display Name | E-mail 3 Type | E-mail 3 Display Name | Gender | Government ID Number | Hobby"
    " | Home Address PO Box | Initials | Internet Free Busy | Keywords | Location | Manager's Name | Mileage"
    " | Office Location | Organizational ID Number | Other Address PO Box | Priority | Private | Profession"
    " | Referred By | Sensitivity | Spouse | User 1 | User 2 | User 3 | User 4 | Web Page | Personal Web Page"
    " | Given Yomi | Surname Yomi | Company Yomi | IM Address",
    marks="E-mail Type | E-mail Display Name | E-mail 2 Address | E-mail 2 Type | E-mail 3 Address"
    " | Business Phone | Business Fax | Company Main Phone | Assistant's Phone | Assistant's Name | Manager's Name"
    " | Business Street | Home Street | Other Street | Primary Phone | Radio Phone | TTY/TDD Phone"
    " | Internet Free Busy | Government ID Number | Organizational ID Number | Business Postal Code"
    " | Home Postal Code | Given Yomi | Surname Yomi",
)  # fmt: skip

OUTLOOK_GERMAN = LayoutSpec(
    "Outlook (German)",
    fields=(
        ("Vorname", "given_name"), ("Nachname", "family_name"), ("Firma", "organization"),
        ("E-Mail-Adresse", "email"), ("E-Mail 2: Adresse", "email"), ("E-Mail 3: Adresse", "email"),
        ("Mobiltelefon", "phone"), ("Haupttelefon", "phone"), ("Telefon (privat)", "phone"),
        ("Telefon geschäftlich", "phone"), ("Mobiltelefon 2", "phone"), ("Telefon (privat 2)", "phone"),
        ("Telefon geschäftlich 2", "phone"), ("Weiteres Telefon", "phone"), ("Sprache", "languages"),
        ("Notizen", "notes"),
    ),
    others="Anrede | Weitere Vornamen | Suffix | Abteilung | Position | Straße geschäftlich | Straße geschäftlich 2"
    " | Straße geschäftlich 3 | Ort geschäftlich | Region geschäftlich | Postleitzahl geschäftlich"
    " | Land/Region geschäftlich | Straße privat | Straße privat 2 | Straße privat 3 | Ort privat"
    " | Bundesland/Kanton privat | Postleitzahl privat | Land/Region privat | Weitere Straße | Weitere Straße 2"
    " | Weitere Straße 3 | Weiterer Ort | Weiteres/r Bundesland/Kanton | Weitere Postleitzahl"
    " | Weiteres/e Land/Region | Telefon Assistent | Fax geschäftlich | Rückmeldung | Autotelefon | Telefon Firma"
    " | Fax privat | ISDN | Weiteres Fax | Pager | Telefon für Hörbehinderte | Telex | Abrechnungsinformation"
    " | Assistent(in) | Benutzer 1 | Benutzer 2 | Benutzer 3 | Benutzer 4 | Beruf | Büro | E-Mail-Typ"
    " | E-Mail: Angezeigter Name | E-Mail 2: Typ | E-Mail 2: Angezeigter Name | E-Mail 3: Typ"
    " | E-Mail 3: Angezeigter Name | Empfohlen von | Geburtstag | Geschlecht | Hobby | Initialen"
    " | Internet Frei/Gebucht | Jahrestag | Kategorien | Kinder | Konto | Name des/r Vorgesetzten | Organisationsnr."
    " | Ort | Partner | Postfach geschäftlich | Postfach privat | Priorität | Privat | Reisekilometer"
    " | Sozialversicherungsnr. | Stichwörter | Vertraulichkeit | Verzeichnisserver | Webseite | Weiteres Postfach",
    marks="Weitere Vornamen | E-Mail-Typ | E-Mail: Angezeigter Name | E-Mail 2: Adresse | Telefon geschäftlich"
    " | Telefon (privat) | Straße geschäftlich | Straße privat | Name des/r Vorgesetzten | Haupttelefon"
    " | Internet Frei/Gebucht | Organisationsnr. | Land/Region geschäftlich | Postleitzahl privat",
)  # fmt: skip

OUTLOOK_FRENCH = LayoutSpec(
    "Outlook (French)",
    fields=(
        ("Prénom", "given_name"), ("Nom", "family_name"), ("Surnom", "preferred_name"), ("Société", "organization"),
        ("Adresse de messagerie", "email"), ("Adresse de messagerie 2", "email"),
        ("Adresse de messagerie 3", "email"), ("Tél. mobile", "phone"), ("Téléphone principal", "phone"),
        ("Téléphone (domicile)", "phone"), ("Téléphone (bureau)", "phone"), ("Téléphone 2 (domicile)", "phone"),
        ("Téléphone 2 (bureau)", "phone"), ("Téléphone (autre)", "phone"), ("Langue", "languages"),
        ("Notes", "notes"),
    ),
    others="Titre | Deuxième prénom | Suffixe | Service | Rue (bureau) | Rue (bureau) 2 | Rue (bureau) 3"
    " | Ville (bureau) | Dép/Région (bureau) | Code postal (bureau) | Pays (bureau) | Rue (domicile)"
    " | Rue (domicile) 2 | Rue (domicile) 3 | Ville (domicile) | Dép/Région (domicile) | Code postal (domicile)"
    " | Pays (domicile) | Rue (autre) | Rue (autre) 2 | Rue (autre) 3 | Ville (autre) | Dép/Région (autre)"
    " | Code postal (autre) | Pays (autre) | Téléphone de l'assistant(e) | Télécopie (bureau) | Rappel"
    " | Téléphone (voiture) | Téléphone société | Télécopie (domicile) | RNIS | Télécopie (autre)"
    " | Récepteur de radiomessagerie | Radio téléphone | Téléphone TDD/TTY | Télex | Type de messagerie"
    " | Nom complet de l'adresse de messagerie | Type de messagerie 2 | Nom complet de l'adresse de messagerie 2"
    " | Type de messagerie 3 | Nom complet de l'adresse de messagerie 3 | Anniversaire"
    " | Anniversaire de mariage ou fête | Autre boîte postale | B.P. professionnelle | Boîte postale du domicile"
    " | Bureau | Catégories | Code gouvernement | Compte | Conjoint(e) | Critère de diffusion"
    " | Disponibilité Internet | Emplacement | Enfants | Informations facturation | Initiales | Kilométrage"
    " | Mots clés | Nom de l'assistant(e) | Numéro d'identification de l'organisation | Page Web | Passe-temps"
    " | Priorité | Privé | Profession | Recommandé par | Responsable | Serveur d'annuaire | Sexe | Utilisateur 1"
    " | Utilisateur 2 | Utilisateur 3 | Utilisateur 4",
    marks="Deuxième prénom | Type de messagerie | Nom complet de l'adresse de messagerie | Adresse de messagerie 2"
    " | Tél. mobile | Téléphone (bureau) | Téléphone (domicile) | Téléphone principal | Rue (bureau)"
    " | Rue (domicile) | Disponibilité Internet | Code gouvernement | Code postal (domicile)",
)  # fmt: skip

LAYOUTS: tuple[LayoutSpec, ...] = (GOOGLE, OUTLOOK, OUTLOOK_GERMAN, OUTLOOK_FRENCH)
# Google's numbered headings ("E-mail 2 - Value", "Phone 1 - Type"): these parts are kept, every other is left out.
NUMBERED_FIELDS: dict[tuple[str, str], str] = {
    ("email", "value"): "email", ("phone", "value"): "phone", ("organization", "name"): "organization",
}  # fmt: skip
