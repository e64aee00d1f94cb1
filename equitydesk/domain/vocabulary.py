"""Words people use on rosters for groups, roles and languages, and the name particles, titles and suffixes."""

from __future__ import annotations


def _table(spec: dict[str, str]) -> dict[str, str]:
    """Invert {value: 'alias | alias | …'} into {alias: value}; aliases are written as _key_words() leaves them."""
    return {alias.strip(): value for value, aliases in spec.items() for alias in aliases.split("|") if alias.strip()}


# Keys are lower-case words without punctuation, hyphens removed ("Co-chair" → "cochair"), see normalize._key_words.
STAKEHOLDER_ALIASES = _table(
    {
        "student": "student | students | scholar | scholars | youth | student representative | student rep | learner"
        " | student member | high school student | student leader | estudiante | estudiantes | alumno | alumna"
        " | alumnos | eleve | eleves | etudiant | etudiante | schuler | schulerin",
        "parent_guardian": "parent | parents | guardian | guardians | parent guardian | parentguardian"
        " | parents guardians | parent or guardian | family | families | family member | mom | mother | dad"
        " | father | caregiver | grandparent | foster parent | parent representative | parent rep | parent member"
        # Spanish, French and German: "Padre/Madre" is one parent, whichever; a tutor (tutor legal) is a guardian.
        " | padre madre | padre o madre | padre | madre | padres | madres | tutor | tutora | tutores | tutor legal"
        " | padre de familia | madre de familia | padres de familia | familia | parent d eleve | parents d eleves"
        " | mere | pere | eltern | elternteil | mutter | vater | erziehungsberechtigte | erziehungsberechtigter",
        "teacher": "teacher | teachers | educator | educators | faculty | classroom teacher | licensed staff"
        " | certified staff | licensed teacher | instructor | maestro | maestra | maestros | docente | docentes"
        " | profesor | profesora | enseignant | enseignante | professeur | lehrer | lehrerin | lehrkraft",
        "support_staff": "support staff | supportstaff | para | paras | paraprofessional | paraprofessionals"
        " | paraeducator | educational assistant | education support professional | esp | custodian | custodial staff"
        " | classified staff | nonlicensed staff | nurse | school nurse | counselor"
        " | social worker | bus driver | food service | office staff | clerical | cultural liaison | family liaison",
        # "District staff" on an equity committee are the district's administration, not building support staff.
        "administrator": "administrator | administrators | admin | administration | principal | assistant principal"
        " | superintendent | assistant superintendent | director | district administrator | district staff"
        " | district office | district | central office | dean | site administrator | building administrator"
        " | directora | administrador | administradora | directeur | directrice | schulleiter | schulleiterin",
        "community_member": "community | community member | community members | resident | community representative"
        " | community rep | alumni | alum | business owner | local business | comunidad | miembro de la comunidad"
        " | communaute",
        "community_organization": "community organization | community organisation | community based organization"
        " | communitybased organization | cbo | nonprofit | non profit | nonprofit organization | organization"
        " | agency | partner organization | community partner | ngo | faith community",
        "board_member": "school board | board | board member | school board member | board of education | trustee"
        " | school board director",
    }
)

# Staff of no stated kind: a teacher, support staff or an administrator, which the import must not guess.
UNSPECIFIED_STAFF = frozenset({
    "staff", "staffs", "staff member", "staff members", "school staff", "building staff", "personal",
    "personal escolar", "personnel", "mitarbeiter", "mitarbeiterin",
})  # fmt: skip

# Single words that settle the group when no alias matches the whole text ("Parent of a 3rd grader").
STAKEHOLDER_WORDS = _table(
    {
        "student": "student | students | scholar | youth | estudiante | alumno | alumna",
        "parent_guardian": "parent | parents | guardian | guardians | mom | mother | dad | father | family"
        " | grandparent | grandmother | grandfather | caregiver | padre | madre | padres | tutor | tutora",
        "teacher": "teacher | teachers | educator | faculty | maestro | maestra | docente",
        "support_staff": "para | paras | paraprofessional | paraeducator | custodian | custodial | nurse | classified",
        "administrator": "principal | administrator | admin | administration | superintendent",
        "community_member": "community | resident",
        "community_organization": "organization | organisation | cbo | nonprofit | agency | ngo",
        "board_member": "board | trustee",
    }
)

ROLE_ALIASES = _table(
    {
        "chair": "chair | chairperson | chair person | chairman | chairwoman | chairs | president | committee chair"
        " | presidente | presidenta | presidente del comite | presidentin | vorsitzender | vorsitzende",
        # There is no vice-chair role: a vice chair shares the chair's duties, which is what co-chair records.
        "co_chair": "cochair | co chair | cochairperson | vice chair | vicechair | vice chairperson | vice president"
        " | cochairs | copresidente | copresidenta | co presidente | co presidenta | vicepresidente | vicepresidenta"
        " | vice presidente | vice presidenta | copresident | vice president du comite",
        "secretary": "secretary | recorder | note taker | notetaker | scribe | recording secretary | secretaria"
        " | secretario | secretaire | schriftfuhrer | schriftfuhrerin",
        "member": "member | members | committee member | voting member | nonvoting member | representative | rep"
        " | participant | general member | atlarge member | member at large | delegate | miembro | vocal | membre"
        " | mitglied",
        "ex_officio": "ex officio | exofficio | ex officio member | exofficio member",
        "staff_liaison": "liaison | staff liaison | district liaison | board liaison | staff | district staff"
        " | staff support | adviser | advisor",
        "alternate": "alternate | alt | substitute | sub | alternate member | suplente | suppleant",
    }
)

ROLE_WORDS = _table(
    {
        "chair": "chair | chairperson | chairman | chairwoman | president | presidente | presidenta",
        "co_chair": "cochair | vice | copresidente | copresidenta | vicepresidente | vicepresidenta",
        "secretary": "secretary | recorder | scribe | secretaria | secretario",
        "member": "member | representative | delegate | miembro",
        "ex_officio": "officio | exofficio",
        "staff_liaison": "liaison",
        "alternate": "alternate",
    }
)

# Only codes nobody types as an ordinary word: "so", "am", "my", "hi", "it", "de", "no" mean other things.
LANGUAGE_ALIASES = _table(
    {
        "English": "en | eng | english | inglés | ingles | anglais",
        "Spanish": "es | spa | spanish | español | espanol | castellano | espagnol",
        "Somali": "som | somali | soomaali | af soomaali | afsoomaali",
        "Hmong": "hmn | hmong | hmoob | lus hmoob",
        "Vietnamese": "vi | vie | vietnamese | tiếng việt | tieng viet",
        "Arabic": "ar | ara | arabic | العربية | عربي",
        "Chinese": "zh | zho | chi | chinese | 中文 | 汉语 | 漢語",
        "French": "fr | fra | fre | french | français | francais",
        "Amharic": "amh | amharic | አማርኛ",
        "Oromo": "orm | oromo | afaan oromoo | oromiffa | oromifa",
        "Karen": "kar | karen | sgaw karen",
        "Russian": "ru | rus | russian | русский",
        "Ukrainian": "ukr | ukrainian | українська",
        "Portuguese": "pt | por | portuguese | português | portugues",
        "Haitian Creole": "ht | hat | haitian creole | kreyòl | kreyol | kreyòl ayisyen",
        "Korean": "ko | kor | korean | 한국어",
        "Japanese": "ja | jpn | japanese | 日本語",
        "Lao": "lao | laotian | ພາສາລາວ",
        "Khmer": "km | khm | khmer | cambodian | ភាសាខ្មែរ",
        "Nepali": "ne | nep | nepali | नेपाली",
        "Tagalog": "tl | tgl | tagalog",
        "Tigrinya": "ti | tir | tigrinya | ትግርኛ",
        "Swahili": "sw | swa | swahili | kiswahili",
        "Burmese": "mya | bur | burmese | မြန်မာ",
        "Hindi": "hin | hindi | हिन्दी",
        "Urdu": "ur | urd | urdu | اردو",
        "Bengali": "bn | ben | bengali | bangla | বাংলা",
        "Persian": "fa | fas | per | persian | فارسی",
        "Pashto": "ps | pus | pashto | pashtu | پښتو",
        "Polish": "pl | pol | polish | polski",
        "German": "deu | ger | german | deutsch",
        "Italian": "ita | italian | italiano",
        "American Sign Language": "asl | american sign language",
        "Ojibwe": "oj | oji | ojibwe | ojibwa | ojibwemowin | anishinaabemowin",
        "Dakota": "dak | dakota | dakȟótiyapi",
    }
)

# Particles that start a family name when typed in lower case ("Ludwig van Beethoven", "Maria de la Cruz").
NAME_PARTICLES = frozenset({
    "van", "von", "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le", "lo", "st",
    "st.", "ter", "ten", "bin", "binti", "ibn", "abu", "al", "el",
})  # fmt: skip
# The same particles are common capitalised too ("Anna Van Dyke"); short ones like "Da" or "Le" are also given
# names and family names of their own in Vietnamese and Korean, so those count only in lower case.
CAPITALISED_PARTICLES = frozenset({
    "van", "von", "de", "del", "della", "der", "den", "di", "dos", "das", "du", "st", "st.", "ter", "ten", "bin",
    "binti", "ibn", "abu",
})  # fmt: skip
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
NAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev"})
