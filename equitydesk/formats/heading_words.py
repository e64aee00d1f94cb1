"""Roster headings in English, Spanish, French and German: the known headings, and the words that settle the rest."""

from __future__ import annotations

# Known headings by field, written as people type them; roster_headers folds them (case, accents, spaces,
# underscores, hyphens) before looking a heading up, so "E-Mail-Adresse", "email_address" and "EmailAddress" meet.
# Bare "Name", "Nom" and "Nombre" are full names here; roster_headers makes them a first or last name when the
# sheet has the other half ("Nombre" beside "Apellido", "Nom" beside "Prénom").
SYNONYMS_BY_FIELD: dict[str, str] = {
    "full_name": "name | names | full name | member name | person name | participant name | contact name | your name"
    " | name last first | last name first name | name first last | first and last name | first last name"
    " | committee member name | representative name | display name | fn | n fn"
    " | nombre | nombres | nombre completo | nombre y apellido | nombre y apellidos | nombre del participante"
    " | nom | nom complet | nom et prenom | nom prenom | nom a afficher"
    " | vollstandiger name | anzeigename | name vorname",
    "given_name": "first name | first | given name | given | fname | first nm | forename | legal first name | n given"
    " | primer nombre | prenom | vorname | rufname",
    "family_name": "last name | last | surname | family name | lname | last nm | legal last name | n family"
    " | apellido | apellidos | nom de famille | nachname | familienname | zuname",
    "preferred_name": "preferred name | preferred first name | goes by | nickname | nick name | known as"
    " | chosen name | preferred | apodo | nombre preferido | surnom | spitzname | rufname bevorzugt",
    "pronouns": "pronouns | pronoun | preferred pronouns | gender pronouns | my pronouns | pronombres | pronoms"
    " | pronomen",
    "email": "email | email address | emailaddress | personal email | work email | school email | contact email"
    " | email addresses | preferred email | primary email | email home"
    " | correo | correo electronico | email del contacto | direccion de correo | direccion de correo electronico"
    " | courriel | adresse email | adresse electronique | adresse de messagerie | adresse electronique principale"
    " | email adresse | primare email adresse",
    "phone": "phone | phone number | phone numbers | cell | cell phone | cell number | cellphone | cell no | mobile"
    " | mobile phone | mobile number | telephone | tel | home phone | work phone | primary phone | contact number"
    " | phone no | best phone | telefono | celular | movil | numero de telefono | telefono celular"
    " | tel mobile | portable | telephone portable | numero de telephone"
    " | telefon | telefonnummer | handy | mobil | mobiltelefon | mobilnummer",
    "organization": "organization | organisation | school | building | site | school building | school site"
    " | school name | employer | agency | affiliation | company | school organization | organization school"
    " | location | campus | school or organization | escuela | colegio | organizacion | empresa"
    " | escuela u organizacion | ecole | etablissement | societe | entreprise | schule | firma | unternehmen"
    " | einrichtung",
    "languages": "languages | language | home language | primary language | languages spoken | preferred language"
    " | spoken languages | native language | language spoken at home | home languages"
    " | idioma | idiomas | lengua | idioma preferido | idioma del hogar | idioma en casa | idioma principal"
    " | langue | langues | langue parlee | langue maternelle | sprache | sprachen | muttersprache",
    "interpreter_needed": "interpreter needed | interpreter | need interpreter | needs interpreter"
    " | interpreter required | interpretation needed | do you need an interpreter | interpreter yes no"
    " | interpretation | need an interpreter | interprete | necesita interprete | necesita un interprete"
    " | interpretacion | besoin d un interprete | dolmetscher | dolmetscher benotigt",
    "interpreter_language": "interpreter language | interpretation language | language for interpreter"
    " | interpreter language needed | language of interpretation | idioma de interprete | idioma del interprete"
    " | idioma de interpretacion | langue d interpretation | langue de l interprete | dolmetschersprache",
    "accessibility_needs": "accessibility needs | accessibility | accommodations | accommodation | access needs"
    " | accommodations needed | special accommodations | disability accommodations | accessibility accommodations"
    " | accesibilidad | adaptaciones | acomodaciones | accessibilite | amenagements | barrierefreiheit",
    "notes": "notes | note | comments | comment | remarks | additional information | additional notes"
    " | notas | nota | comentarios | observaciones | remarques | commentaires | notizen | bemerkungen"
    " | anmerkungen | kommentar",
    "role": "role | position | committee role | role on committee | membership role | committee position"
    " | committee office | office held | cargo | rol | puesto | cargo en el comite | role au comite | rolle",
    "stakeholder_group": "stakeholder group | stakeholder | group | constituency | constituent group"
    " | which group do you represent | representing | represents | representation | category | member type"
    " | membership type | stakeholder category | seat | group represented | grupo | grupo que representa"
    " | groupe | gruppe",
    "voting": "voting | voting member | voter | vote | voting status | voting rights | voting yes no | voting y n"
    " | voto | con voto | derecho a voto | stimmberechtigt | stimmrecht",
    "term_start": "term start | term begins | term begin | term start date | start date | start | term from"
    " | appointed | appointment date | date appointed | joined | date joined | member since | start of term"
    " | inicio | fecha de inicio | inicio del periodo | debut | date de debut | debut du mandat | beginn"
    " | amtszeit beginn",
    "term_end": "term end | term ends | term end date | term expires | term expiration | expiration | expires"
    " | end date | end | term to | end of term | term expiration date | fin | fecha de fin | fin del periodo"
    " | vencimiento | fin du mandat | date de fin | ende | amtszeit ende",
}

# The words that name a name, and the words beside one that say whose name it is.
NAME_WORDS = frozenset({"name", "names", "nom", "noms", "nombre", "nombres", "namen"})
# Bare "Name" is a full name, unless the sheet has the other half: then it is that half.
BARE_NAMES = frozenset({"name", "names", "nom", "noms", "nombre", "nombres"})
GIVEN_WORDS = frozenset({"first", "given", "forename", "prenom", "vorname", "christian"})
FAMILY_WORDS = frozenset({"last", "family", "surname", "famille", "apellido", "apellidos", "nachname", "familien"})
PREFERRED_WORDS = frozenset({"preferred", "nick", "nickname", "known", "chosen", "goes", "usual", "preferido"})
# A name of a company, school or organisation: the person's organisation, never the person.
ORGANISATION_WORDS = frozenset({
    "company", "org", "organization", "organisation", "business", "employer", "school", "firm", "firma", "societe",
    "entreprise", "empresa", "escuela", "colegio", "ecole", "schule", "agency", "institution", "unternehmen",
    "organizacion", "account", "district", "building", "site", "campus",
})  # fmt: skip
# A login: never the person's name.
LOGIN_WORDS = frozenset({"user", "login", "screen", "benutzer", "utilisateur", "usuario", "ecran", "handle", "chat"})
# Names that are the person's: a heading with "name" and only these words beside it is the full name.
PERSON_WORDS = frozenset({
    "full", "display", "member", "person", "participant", "contact", "student", "parent", "guardian", "volunteer",
    "attendee", "your", "my", "legal", "complete", "committee", "representative", "rep", "staff", "teacher",
    "player", "child", "applicant", "complet", "completo", "completa", "vollstandiger", "voller", "afficher",
    "estudiante", "alumno", "miembro", "participante", "contacto", "padre", "madre", "membre", "eleve",
    "mitglied", "teilnehmer", "schuler", "the", "of", "de", "du", "del", "des", "la", "le", "l", "a", "y", "et",
    "und", "and", "or",
})  # fmt: skip
# Words that make a heading about some other person or thing, or the opposite of a field ("Non-voting").
NEVER_GUESS = frozenset({
    "emergency", "non", "nonvoting", "spouse", "conjoint", "ehepartner", "manager", "assistant", "assistent",
    "vorgesetzten", "vorgesetzter", "fax", "pager", "telex", "isdn", "tty", "tdd", "callback", "yomi", "phonetic",
    "maiden", "fileas",
})  # fmt: skip
# Beside a name word, these make it a part of a name the roster does not keep ("Middle Name", "Name Suffix").
OTHER_NAME_PARTS = frozenset({
    "middle", "additional", "prefix", "suffix", "initials", "file", "former", "previous", "other", "weitere",
    "deuxieme", "segundo", "second", "title",
})  # fmt: skip
# Words that make a heading the kind of an e-mail or phone ("E-mail 1 - Type" holds "* Home"), not the address.
KIND_WORDS = frozenset({"type", "typ", "label", "kind", "tipo"})
CONTACT_WORDS = frozenset({
    "email", "mail", "correo", "courriel", "messagerie", "phone", "telephone", "telefon", "telefono", "tel",
    "mobile", "cell", "address",
})  # fmt: skip
EMAIL_WORDS = frozenset({"email", "mail", "correo", "courriel", "messagerie", "emails"})
# Words other than group names in a heading that lists groups ("Role: student, parent, staff").
GROUP_HEADING_FILLERS = frozenset({
    "role", "group", "type", "category", "member", "stakeholder", "or", "and", "i", "am", "a", "an", "are", "you",
    "which", "one", "representing", "represent", "seat", "other", "y", "o", "ou", "et", "oder", "rol", "grupo",
    "groupe", "gruppe", "tipo", "select", "check", "choose",
})  # fmt: skip

# Single words (after dropping a plural s) that settle a heading no known heading matches, most specific first.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("interpreter language", "interpreter_language"), ("interprete idioma", "interpreter_language"),
    ("interprete langue", "interpreter_language"), ("dolmetscher sprache", "interpreter_language"),
    ("interpreter", "interpreter_needed"), ("interpretation", "interpreter_needed"),
    ("interprete", "interpreter_needed"), ("dolmetscher", "interpreter_needed"), ("preferred name", "preferred_name"),
    ("nickname", "preferred_name"),
    ("first", "given_name"), ("given", "given_name"), ("last", "family_name"), ("surname", "family_name"),
    ("family name", "family_name"), ("email", "email"), ("mail", "email"), ("correo", "email"),
    ("courriel", "email"), ("messagerie", "email"), ("phone", "phone"), ("mobile", "phone"), ("telephone", "phone"),
    ("telefon", "phone"), ("telefono", "phone"), ("tel", "phone"), ("celular", "phone"),
    ("movil", "phone"), ("mobiltelefon", "phone"), ("handy", "phone"), ("pronoun", "pronouns"),
    ("language", "languages"), ("idioma", "languages"), ("langue", "languages"), ("sprache", "languages"),
    ("accommodation", "accessibility_needs"), ("accessibility", "accessibility_needs"), ("term start", "term_start"),
    ("term begin", "term_start"), ("term end", "term_end"), ("term expire", "term_end"), ("expiration", "term_end"),
    ("voting", "voting"), ("vote", "voting"), ("stakeholder", "stakeholder_group"),
    ("constituency", "stakeholder_group"), ("represent", "stakeholder_group"), ("group", "stakeholder_group"),
    ("grupo", "stakeholder_group"), ("groupe", "stakeholder_group"), ("role", "role"), ("position", "role"),
    ("cargo", "role"), ("school", "organization"), ("building", "organization"), ("organization", "organization"),
    ("organisation", "organization"), ("employer", "organization"), ("agency", "organization"),
    ("company", "organization"), ("escuela", "organization"), ("ecole", "organization"), ("schule", "organization"),
    ("firma", "organization"), ("societe", "organization"), ("note", "notes"), ("comment", "notes"),
    ("nota", "notes"), ("notiz", "notes"),
)  # fmt: skip

# How good a phone column is when a sheet has several: the main or mobile number first, work and others last.
_OTHER_PHONES = {"company", "car", "auto", "radio", "other", "otro", "autre", "weitere", "weiteres", "firma", "video"}
PHONE_RANKS: tuple[tuple[frozenset[str], int], ...] = (
    (frozenset(_OTHER_PHONES | {"societe"}), 4),
    (frozenset({"work", "business", "office", "geschaftlich", "dienstlich", "bureau", "trabajo", "professionnel"}), 3),
    (frozenset({"home", "privat", "private", "domicile", "casa", "personal", "personnel"}), 2),
    (frozenset({"mobile", "cell", "cellphone", "mobil", "movil", "celular", "portable", "handy", "mobiltelefon"}), 1),
)
# Words of a plain phone heading ("Phone", "Contact number", "Telefonnummer"); any other word makes it a phone of
# some kind not known here, ranked with the others.
PLAIN_PHONE_WORDS = frozenset({
    "phone", "phones", "telephone", "tel", "telefon", "telefono", "telefonnummer", "number", "numbers", "no", "nr",
    "numero", "num", "contact", "main", "primary", "preferred", "best", "de", "the", "your", "haupttelefon",
    "principal",
})  # fmt: skip

# Headings of a column about citizenship or immigration status, which EquityDesk is designed never to hold (a family's
# status is not a committee's business, and a list of it is a danger to them): such a column is dropped with its
# values unread, and the import says so. Written folded (no accents, lower case) as people head such a column in
# English, Spanish, Somali and Hmong, the languages of the districts' families; any heading holding one of these
# phrases as whole words matches ("U.S. citizen?", "Country of citizenship", "Estatus migratorio del padre").
# Plain "status", "residence" or "country" never match: a membership status and an address are other matters.
STATUS_PHRASES: tuple[str, ...] = (
    # English
    "citizenship", "citizen", "citizens", "us citizen", "u s citizen", "citizenship status", "country of citizenship",
    "immigration", "immigration status", "immigrant", "immigrant status", "legal status", "residency status",
    "residence status", "resident status", "permanent resident", "lawful permanent resident", "green card",
    "visa status", "visa type", "undocumented", "documentation status", "daca", "tps",
    "refugee status", "asylum", "asylum status", "asylee", "naturalization", "naturalized", "nationality",
    "alien number", "alien registration", "a number", "uscis", "i 94", "work permit", "work authorization",
    # Spanish
    "ciudadania", "ciudadano", "ciudadana", "pais de ciudadania", "nacionalidad", "estatus migratorio",
    "estado migratorio", "situacion migratoria", "condicion migratoria", "calidad migratoria", "migratorio",
    "migratoria", "estatus de inmigracion", "estado de inmigracion", "inmigracion", "inmigrante", "estatus legal",
    "situacion legal", "estatus de residencia", "residente permanente", "tarjeta verde", "indocumentado",
    "indocumentada", "sin papeles", "permiso de trabajo", "asilo", "refugiado", "numero de extranjero",
    # Somali
    "dhalasho", "dhalashada", "jinsiyad", "jinsiyadda", "muwaadinnimo", "muwaadinnimada", "muwaadin",
    "xaaladda socdaalka", "xaalada socdaalka", "socdaalka", "sharciga socdaalka", "xaaladda sharciga",
    "xaaladda degenaanshaha", "degenaansho", "kaarka cagaarka", "qaxooti", "magangalyo", "magangalyo doon",
    # Hmong
    "kev ua pej xeem", "ua pej xeem", "pej xeem", "txoj cai nyob teb chaws", "txoj cai nyob tebchaws",
    "txoj cai nyob", "xwm txheej nkag teb chaws", "xwm txheej nkag tebchaws", "kev nkag teb chaws",
    "kev nkag tebchaws", "nkag teb chaws", "nkag tebchaws", "daim npav ntsuab", "neeg tawg rog",
)  # fmt: skip
