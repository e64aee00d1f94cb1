"""The fixed tables behind the demo dataset: a Minnesota district's people, agenda topics, action items, plans."""

from __future__ import annotations

from typing import NamedTuple

from equitydesk.domain.enums import AgendaKind, GoalType, Priority, Role, StakeholderGroup

K = AgendaKind
G = StakeholderGroup
R = Role
P = Priority


class PersonSeed(NamedTuple):
    """A person; every field after the key is a field of the people service, by the same name."""

    key: str
    given_name: str
    family_name: str
    preferred_name: str | None = None
    pronouns: str | None = None
    email: str | None = None
    phone: str | None = None
    organization: str | None = None
    languages: str | None = None
    interpreter_language: str | None = None
    accessibility_needs: str | None = None


# Names as each community writes them: Somali given name + father's + grandfather's names; Hmong clan name last;
# Spanish two family names; Vietnamese family name first (kept in family_name, with the name used day to day as
# preferred); Karen names have no family name at all (Saw / Naw are part of the name).
PEOPLE: tuple[PersonSeed, ...] = (
    PersonSeed("hodan", "Hodan", "Abdi Warsame", None, "she/her", "hodan.warsame@example.org", "612-555-0141",
               "Roosevelt High School", "Somali, English"),
    PersonSeed("migizi", "Migizi", "Kingbird", None, "he/him", "migizi.kingbird@example.org", "218-555-0107",
               "American Indian Parent Advisory Committee", "English, Ojibwe"),
    PersonSeed("sarah", "Sarah", "Johnson", None, "she/her", "sarah.johnson@example.org", None,
               "Lincoln Elementary", "English"),
    PersonSeed("jennifer", "Jennifer", "Larson", None, None, "jennifer.larson@example.org", "763-555-0190",
               "School Board", "English"),
    PersonSeed("keisha", "Keisha", "Washington", None, "she/her", "keisha.washington@example.org", "612-555-0100",
               "District Office", "English"),
    PersonSeed("diego", "Diego", "Salazar", None, "he/him", "diego.salazar@example.org", None,
               "Northside Middle School", "Spanish, English"),
    PersonSeed("majo", "María José", "Hernández López", None, "she/her", "maria.hernandez@example.org",
               "651-555-0123", "Lincoln Elementary", "Spanish", "Spanish"),
    PersonSeed("mainou", "Mai Nou", "Xiong", None, "she/her", "mainou.xiong@example.org", None,
               "Lincoln Elementary", "Hmong, English"),
    PersonSeed("pahoua", "Pa Houa", "Vang", None, "she/her", "pahoua.vang@students.example.org", None,
               "Roosevelt High School", "Hmong, English"),
    PersonSeed("anh", "Thị Ánh", "Nguyễn", "Ánh", None, None, "763-555-0188",
               "Northside Middle School", "Vietnamese", "Vietnamese"),
    PersonSeed("minh", "Văn Minh", "Trần", "Minh", "he/him", "minh.tran@example.org", None,
               "Roosevelt High School", "Vietnamese, English"),
    PersonSeed("sawehhtoo", "Saw Eh Htoo", "", None, "he/him", None, "651-555-0172",
               "Lincoln Elementary", "S'gaw Karen, Burmese", "Karen"),
    PersonSeed("nawpawsay", "Naw Paw Say", "", None, "she/her", "nawpaw.say@students.example.org", None,
               "Roosevelt High School", "Karen, English"),
    PersonSeed("waabigwan", "Waabigwan", "Jourdain", None, "she/her", "waabigwan.jourdain@example.org", None,
               "Northside Middle School", "Ojibwe, English"),
    PersonSeed("fadumo", "Fadumo", "Hassan Ali", None, None, None, "612-555-0166",
               "Northside Middle School", "Somali", "Somali"),
    PersonSeed("abdirahman", "Abdirahman", "Mohamed Farah", None, "he/him",
               "abdirahman.farah@students.example.org", None, "Roosevelt High School", "Somali, English"),
    PersonSeed("kouyang", "Kou", "Yang", None, "he/him", "kou.yang@example.org", "651-555-0139",
               "Roosevelt High School", "Hmong", "Hmong", "Large-print agenda, please."),
    PersonSeed("lupita", "Guadalupe", "Ortiz Reyes", "Lupita", "she/her", "lupita.ortiz@example.org", None,
               None, "Spanish, English"),
    PersonSeed("deshawn", "DeShawn", "Williams", None, "he/him", "deshawn.williams@students.example.org", None,
               "Roosevelt High School", "English", None, "Meetings after 4 pm (school day)."),
    PersonSeed("michael", "Michael", "O'Brien", None, "he/him", "michael.obrien@example.org", None,
               "Northside Middle School", "English"),
    PersonSeed("chue", "Chue", "Thao", None, "he/him", "chue.thao@example.org", "651-555-0151",
               "Lincoln Elementary", "Hmong, English"),
    PersonSeed("alex", "Alex", "Bergstrom", None, "they/them", "alex.bergstrom@example.org", None,
               "Roosevelt High School", "English"),
    PersonSeed("khadra", "Khadra", "Yusuf Ahmed", None, "she/her", "khadra.ahmed@example.org", "612-555-0118",
               "Riverside Somali Family Network", "Somali, English"),
    PersonSeed("linda", "Linda", "Anderson", None, None, "linda.anderson@example.org", "952-555-0177",
               None, "English", None, "Uses a hearing aid: please seat near the speakers or use the hearing loop."),
    PersonSeed("sofia", "Sofía", "Morales Cruz", None, "she/her", "sofia.morales@students.example.org", None,
               "Northside Middle School", "Spanish, English"),
    # Only on the Achievement and Integration plan team:
    PersonSeed("erik", "Erik", "Lindqvist", None, "he/him", "erik.lindqvist@example.org", None,
               "District Office", "English"),
    PersonSeed("amina", "Amina", "Abdullahi Jama", None, "she/her", "amina.jama@example.org", None,
               "Roosevelt High School", "Somali, Arabic, English"),
    PersonSeed("yer", "Yer", "Lor", None, "she/her", "yer.lor@example.org", None, "District Office", "Hmong, English"),
    PersonSeed("carlos", "Carlos", "Mendoza Ruiz", None, "he/him", "carlos.mendoza@example.org", None,
               "Northside Middle School", "Spanish, English"),
    PersonSeed("thomas", "Thomas", "Bearheart", None, "he/him", "thomas.bearheart@example.org", "218-555-0124",
               None, "English, Ojibwe"),
    PersonSeed("chau", "Minh Châu", "Phạm", "Châu", "she/her", "chau.pham@example.org", None,
               "Lincoln Elementary", "Vietnamese, English"),
)  # fmt: skip


class MemberSeed(NamedTuple):
    key: str
    role: Role
    group: StakeholderGroup
    voting: bool
    # long: two-year term begun last year; new: begun this school year; student: this school year only;
    # open: no end date; soon30/soon55/soon80: ends that many days from today; past: ended 20 days ago.
    term: str


EAC_PURPOSE = (
    "Advises the superintendent and the school board on educational equity: reviews data, hears from students "
    "and families in their own languages, and recommends policies and practices under the district's equity "
    "plan and the Reimagine Minnesota roadmap."
)
EAC: tuple[MemberSeed, ...] = (
    MemberSeed("hodan", R.CHAIR, G.PARENT_GUARDIAN, True, "long"),
    MemberSeed("migizi", R.CO_CHAIR, G.COMMUNITY_ORGANIZATION, True, "long"),
    MemberSeed("sarah", R.SECRETARY, G.TEACHER, True, "soon30"),
    MemberSeed("jennifer", R.EX_OFFICIO, G.BOARD_MEMBER, False, "open"),
    MemberSeed("keisha", R.STAFF_LIAISON, G.ADMINISTRATOR, False, "open"),
    MemberSeed("diego", R.ALTERNATE, G.PARENT_GUARDIAN, False, "new"),
    MemberSeed("majo", R.MEMBER, G.PARENT_GUARDIAN, True, "long"),
    MemberSeed("mainou", R.MEMBER, G.TEACHER, True, "long"),
    MemberSeed("pahoua", R.MEMBER, G.STUDENT, True, "student"),
    MemberSeed("anh", R.MEMBER, G.PARENT_GUARDIAN, True, "new"),
    MemberSeed("minh", R.MEMBER, G.SUPPORT_STAFF, True, "long"),
    MemberSeed("sawehhtoo", R.MEMBER, G.PARENT_GUARDIAN, True, "new"),
    MemberSeed("nawpawsay", R.MEMBER, G.STUDENT, True, "student"),
    MemberSeed("waabigwan", R.MEMBER, G.TEACHER, True, "long"),
    MemberSeed("fadumo", R.MEMBER, G.PARENT_GUARDIAN, True, "long"),
    MemberSeed("abdirahman", R.MEMBER, G.STUDENT, True, "student"),
    MemberSeed("kouyang", R.MEMBER, G.PARENT_GUARDIAN, True, "soon55"),
    MemberSeed("lupita", R.MEMBER, G.COMMUNITY_MEMBER, True, "past"),
    MemberSeed("deshawn", R.MEMBER, G.STUDENT, True, "student"),
    MemberSeed("michael", R.MEMBER, G.ADMINISTRATOR, True, "long"),
    MemberSeed("chue", R.MEMBER, G.SUPPORT_STAFF, True, "new"),
    MemberSeed("alex", R.MEMBER, G.TEACHER, True, "long"),
    MemberSeed("khadra", R.MEMBER, G.COMMUNITY_ORGANIZATION, True, "new"),
    MemberSeed("linda", R.MEMBER, G.COMMUNITY_MEMBER, True, "soon80"),
    MemberSeed("sofia", R.MEMBER, G.STUDENT, True, "student"),
)

AI_TEAM_PURPOSE = (
    "Writes and monitors the district's three-year Achievement and Integration plan and its three goals, and "
    "prepares the annual progress report presented at a public school board meeting."
)
AI_TEAM: tuple[MemberSeed, ...] = (
    MemberSeed("keisha", R.CHAIR, G.ADMINISTRATOR, True, "open"),
    MemberSeed("chau", R.CO_CHAIR, G.ADMINISTRATOR, True, "long"),
    MemberSeed("yer", R.SECRETARY, G.SUPPORT_STAFF, True, "long"),
    MemberSeed("erik", R.MEMBER, G.ADMINISTRATOR, True, "long"),
    MemberSeed("amina", R.MEMBER, G.TEACHER, True, "new"),
    MemberSeed("carlos", R.MEMBER, G.TEACHER, True, "long"),
    MemberSeed("thomas", R.MEMBER, G.COMMUNITY_MEMBER, True, "new"),
    MemberSeed("michael", R.MEMBER, G.ADMINISTRATOR, True, "long"),
    MemberSeed("mainou", R.MEMBER, G.TEACHER, True, "long"),
    MemberSeed("hodan", R.MEMBER, G.PARENT_GUARDIAN, True, "long"),
    MemberSeed("migizi", R.MEMBER, G.COMMUNITY_ORGANIZATION, True, "new"),
)

COMMITTEES: dict[str, dict[str, object]] = {
    "eac": {"name": "Equity Advisory Committee", "purpose": EAC_PURPOSE, "quorum_kind": "share", "quorum_value": 0.51},
    "ai": {"name": "Achievement and Integration Plan Team", "purpose": AI_TEAM_PURPOSE, "quorum_kind": "count",
           "quorum_value": 5},
}  # fmt: skip

LOCATIONS = (
    "Roosevelt High School, Media Center",
    "District Office, Board Room",
    "Lincoln Elementary, Library",
    "Northside Middle School, Cafeteria",
)
TEAM_ROOM = "District Office, Conference Room B"
CANCELLED_WINTER = "Cancelled: severe winter weather closed district buildings. Items moved to the next meeting."
CANCELLED_QUORUM = "Cancelled: too few members could attend to reach quorum. Items moved to the next meeting."


class TopicSeed(NamedTuple):
    title: str
    kind: AgendaKind
    strategy: str | None  # a Reimagine Minnesota strategy code
    presenter: str  # a person key, or a department
    minutes: int
    summary: str
    motion: str | None = None


OPENING = TopicSeed(
    "Welcome, land acknowledgement and introductions",
    K.INFORMATION,
    None,
    "",
    10,
    "{chair} opened the meeting at {time}. Interpreters: Somali, Hmong, Spanish and Karen.",
)
APPROVAL = TopicSeed(
    "Approve the agenda and the minutes of the last meeting",
    K.ACTION,
    None,
    "",
    5,
    "Approved as presented.",
    "Approve the agenda, and the minutes of the last meeting as presented.",
)
EAC_TOPICS: tuple[TopicSeed, ...] = (
    TopicSeed("Reimagine Minnesota roadmap: progress on the nine strategies", K.DISCUSSION, "8", "keisha", 25,
              "Keisha Washington went through each strategy's status. Members asked for more detail on "
              "strategies 4 and 6 at the next meeting."),
    TopicSeed("Discipline referrals by race and disability", K.DISCUSSION, "6", "michael", 20,
              "Referrals of Black and American Indian students remain well above their share of enrollment. "
              "Members asked for the numbers by building and by grade."),
    TopicSeed("Teachers of color: hiring and retention update", K.INFORMATION, "4", "Human Resources", 15,
              "Human Resources reported eleven teachers of color hired this year. Exit interviews name workload "
              "and isolation as the main reasons for leaving."),
    TopicSeed("Student voice panel: what belonging looks like at Roosevelt High School", K.DISCUSSION, "5",
              "pahoua", 20, "Five students spoke about feeling seen in class, about hallway culture, and about "
              "teachers who learn to say their names correctly."),
    TopicSeed("Interpreters at parent-teacher conferences", K.DISCUSSION, "7", "chue", 15,
              "Families waited up to forty minutes for Karen and Somali interpreters. The liaisons proposed a "
              "sign-up sheet a week ahead."),
    TopicSeed("Recommendation: an ethnic studies elective at Roosevelt High School", K.ACTION, "3", "alex", 20,
              "Alex Bergstrom presented the course outline written with students.",
              "Recommend to the school board that Roosevelt High School offer an ethnic studies elective from next "
              "fall."),
    TopicSeed("Recommendation: interpreters at every committee meeting", K.ACTION, "7", "hodan", 10,
              "Members agreed that interpretation is what makes the committee open to every family.",
              "Ask the district to budget Somali, Hmong, Spanish, Karen and Vietnamese interpretation for every "
              "committee meeting."),
    TopicSeed("Community listening sessions: what families told us", K.INFORMATION, "7", "migizi", 20,
              "Three sessions, 84 family members. Themes: being welcomed at the front office, homework help, and "
              "knowing whom to call."),
    TopicSeed("Personalized learning plans for multilingual learners", K.DISCUSSION, "2",
              "Multilingual Learner Department", 15,
              "The department described the pilot at Lincoln Elementary; members asked how families take part."),
    TopicSeed("Ojibwe language and culture at Northside Middle School", K.INFORMATION, "3", "waabigwan", 15,
              "Waabigwan Jourdain shared the new Ojibwe language elective and the family language table."),
    TopicSeed("Intercultural development training for principals: survey results", K.INFORMATION, "1", "keisha",
              15, "Principals asked for coaching between sessions rather than more one-day trainings."),
    TopicSeed("Recommendation: Indigenous Peoples' Day on the school calendar", K.ACTION, "3", "migizi", 15,
              "Migizi Kingbird spoke for the American Indian Parent Advisory Committee.",
              "Recommend that the school board recognize Indigenous Peoples' Day on the district calendar."),
    TopicSeed("Legislative priorities on statewide funding", K.ACTION, "9", "jennifer", 15,
              "Jennifer Larson summarized the metro districts' shared platform.",
              "Adopt the committee's legislative priorities on compensatory and English learner revenue."),
    TopicSeed("Equity data dashboard: a first look", K.DISCUSSION, "8", "Research and Evaluation", 20,
              "Members tried the draft dashboard and asked for Karen and Somali as languages in the filters."),
    TopicSeed("Recommendation: restorative conferences before suspensions in grades 6–8", K.ACTION, "6",
              "michael", 15, "Michael O'Brien described the restorative pilot at Northside Middle School.",
              "Recommend that middle schools hold a restorative conference before any suspension that is not a "
              "safety emergency."),
)  # fmt: skip

AI_TOPICS: tuple[TopicSeed, ...] = (
    TopicSeed("Last year's progress report: what the board asked", K.INFORMATION, None, "keisha", 15,
              "Board members asked for the reading gap by school as well as district-wide."),
    TopicSeed("Integration goal: cross-school learning experiences", K.DISCUSSION, None, "chau", 20,
              "Fifth-grade exchange days are planned with a neighboring district; buses are the open question."),
    TopicSeed("Third-grade reading results by student group", K.DISCUSSION, None, "yer", 20,
              "The gap between Black and white students narrowed by 1.4 points; still far from the target."),
    TopicSeed("Grow Your Own cohort: candidates and budget", K.ACTION, None, "erik", 20,
              "Erik Lindqvist presented twelve applications from paraprofessionals.",
              "Fund eight paraprofessionals in the Grow Your Own teacher cohort from integration revenue."),
)  # fmt: skip

PUBLIC_COMMENTS = (
    "Two parents spoke about bus routes to Roosevelt High School.",
    "No one signed up for public comment.",
    "A community member thanked the committee for the Somali-language survey.",
    "A grandparent asked for more Karen interpreters at conference nights.",
    "A student asked for prayer space during the school day.",
)


class ActionSeed(NamedTuple):
    title: str
    link: str | None  # a Reimagine strategy code, or "ai:<goal type>" for the A&I plan team
    owner: str  # a person key, or an office that is not on the roster
    priority: Priority = Priority.NORMAL


ACTIONS: tuple[ActionSeed, ...] = (
    ActionSeed("Translate the family equity survey into Somali, Hmong, Spanish, Karen and Vietnamese", "7",
               "Office of Family and Community Engagement", P.HIGH),
    ActionSeed("Book interpreters for the spring listening sessions", "7", "chue", P.HIGH),
    ActionSeed("Draft guidelines for the student voice panel", "5", "pahoua"),
    ActionSeed("Invite students to present at a school board meeting", "5", "abdirahman"),
    ActionSeed("Request three years of discipline referral data by race and disability", "6",
               "Research and Evaluation", P.HIGH),
    ActionSeed("Summarize discipline data trends for the committee", "6", "michael"),
    ActionSeed("Collect exit-interview themes from teachers of color who left", "4", "Human Resources", P.HIGH),
    ActionSeed("Propose a mentoring program for first-year teachers of color", "4", "sarah"),
    ActionSeed("Review the ethnic studies course proposal with the social studies department", "3", "alex"),
    ActionSeed("Inventory classroom libraries for Somali, Hmong, Karen and Ojibwe authors", "3", "mainou"),
    ActionSeed("Plan the Ojibwe language table at the Northside Middle School family night", "3", "waabigwan",
               P.LOW),
    ActionSeed("Write a plain-language glossary of equity terms for families", "8", "sarah"),
    ActionSeed("Present the equity data dashboard draft to the committee", "8", "Research and Evaluation"),
    ActionSeed("Draft the committee's legislative priorities on compensatory revenue", "9", "jennifer"),
    ActionSeed("Schedule a meeting with the district's state legislators", "9", "jennifer", P.LOW),
    ActionSeed("Arrange implicit-bias training for hall monitors and bus drivers", "1", "keisha"),
    ActionSeed("Survey staff on intercultural development training needs", "1", "keisha"),
    ActionSeed("Add Karen and Vietnamese to the district's automated phone calls", "7",
               "District Communications Office", P.HIGH),
    ActionSeed("Post agendas and minutes on the district website in five languages", "7",
               "District Communications Office"),
    ActionSeed("Arrange childcare and a meal for evening meetings", None, "Office of Family and Community Engagement"),
    ActionSeed("Recruit two more student members from Northside Middle School", "5", "sofia"),
    ActionSeed("Check that every family handbook explains how to ask for an interpreter", "7", "khadra"),
    ActionSeed("Compare gifted-program identification rates by race", "2", "Research and Evaluation", P.HIGH),
    ActionSeed("Pilot personalized learning plans for multilingual learners at Lincoln Elementary", "2",
               "Multilingual Learner Department"),
    ActionSeed("Gather Somali families' feedback on the school calendar and Eid", "7", "khadra"),
    ActionSeed("Ask the board to recognize Indigenous Peoples' Day on the calendar", "3", "migizi"),
    ActionSeed("Review dress-code wording for cultural and religious bias", "6", "alex"),
    ActionSeed("Map community organizations that serve district families", "7", "migizi", P.LOW),
    ActionSeed("Prepare the committee's mid-year report to the school board", "8", "keisha", P.HIGH),
    ActionSeed("Plan a Hmong New Year celebration with the high school Hmong club", "3", "pahoua", P.LOW),
    ActionSeed("Find a meeting room with a hearing loop", None, "Facilities", P.LOW),
    ActionSeed("Update the committee roster and term end dates", None, "sarah"),
    ActionSeed("Recruit a second parent of an American Indian student", None, "migizi"),
    ActionSeed("Draft a welcome packet for new committee members", None, "diego", P.LOW),
    ActionSeed("Review hiring rubrics for bias with Human Resources", "4", "michael"),
    ActionSeed("Host a listening session with Karen families at Lincoln Elementary", "7", "sawehhtoo"),
    ActionSeed("Collect student stories for the belonging campaign", "5", "nawpawsay", P.LOW),
    ActionSeed("Share attendance data by student group with the committee", "8", "Research and Evaluation"),
    ActionSeed("Ask principals how advanced coursework reaches multilingual learners", "2", "michael"),
    ActionSeed("Send the committee's comments on the anti-racism policy draft to the board", "6", "jennifer",
               P.HIGH),
    ActionSeed("Plan restorative-practices training for middle school staff", "6", "michael"),
    ActionSeed("Make a calendar of cultural and religious holidays for teachers", "1", "minh", P.LOW),
    ActionSeed("Review how challenged library books are handled", "3", "Curriculum Office"),
    ActionSeed("Ask about late buses for students in after-school clubs", "2", "deshawn"),
    ActionSeed("Confirm the budget for interpreters at committee meetings", "7", "keisha", P.HIGH),
    ActionSeed("Write thank-you letters to community partners", "7", "linda", P.LOW),
    ActionSeed("Check that district forms are available in large print", None, "linda", P.LOW),
    ActionSeed("Collect data on students of color in Advanced Placement courses", "2", "Research and Evaluation"),
    ActionSeed("Start a family mentor program pairing new and experienced parents", "7", "majo"),
    ActionSeed("Schedule a joint meeting with the American Indian Parent Advisory Committee", "7", "migizi"),
    ActionSeed("Draft newsletter talking points on statewide school funding", "9", "District Communications Office",
               P.LOW),
    ActionSeed("Plan a student-led session on belonging for the staff development day", "5", "deshawn"),
    ActionSeed("Plan the fifth-grade integration exchange with a neighboring district", "ai:integration", "chau"),
    ActionSeed("Review magnet-school recruitment materials in all five languages", "ai:integration",
               "District Communications Office"),
    ActionSeed("Analyze third-grade reading results by student group", "ai:achievement_disparities", "yer", P.HIGH),
    ActionSeed("Expand culturally specific reading tutoring to two more schools", "ai:achievement_disparities",
               "amina"),
    ActionSeed("Check American Indian graduation data with the Indian Education office", "ai:achievement_disparities",
               "thomas"),
    ActionSeed("Launch the Grow Your Own paraprofessional-to-teacher cohort", "ai:effective_diverse_teachers",
               "erik", P.HIGH),
    ActionSeed("Track three-year retention of teachers of color", "ai:effective_diverse_teachers", "erik"),
    ActionSeed("Prepare the annual A&I progress report for the public board meeting", "ai:", "keisha", P.HIGH),
)  # fmt: skip

PROGRESS_NOTES = (
    "Talked with the department lead; a first draft is due before the next meeting.",
    "Shared a draft with the co-chairs for comments.",
    "Somali and Spanish versions are back; the others are with the translators.",
    "Met with the principals; they asked for the data by school.",
    "Waiting for comments from the student members.",
    "Reported progress at the committee meeting.",
)
BLOCKED_NOTES = (
    "Waiting for Human Resources to release the staff data.",
    "On hold until the interpreter budget is approved.",
    "The data request is in the Research and Evaluation queue.",
    "Needs a decision from the superintendent's cabinet.",
)
DONE_NOTES = (
    "Done and shared with the committee.",
    "Completed; the summary is attached to the minutes.",
    "Finished ahead of the board meeting.",
)
DROPPED_NOTES = (
    "Dropped: the school board took this up directly.",
    "Dropped: merged into a larger action item.",
    "Dropped: no longer needed after the policy change.",
)

ROADMAP_NAME = "Reimagine Minnesota roadmap"
ROADMAP_DESCRIPTION = (
    "The multi-district Reimagine Minnesota roadmap for educational equity: nine key strategies for meeting the "
    "needs of an increasingly diverse student population. The committee follows the district's work under each."
)


class StrategySeed(NamedTuple):
    """A strategy of the roadmap; every field is a field of the strategies service, by the same name."""

    code: str
    title: str
    description: str
    lead: str


STRATEGIES: tuple[StrategySeed, ...] = (
    StrategySeed("1", "Cultural competence",
                 "Every adult who works with students builds cultural competence: training, coaching, hiring.",
                 "Keisha Washington, Director of Equity"),
    StrategySeed("2", "Personalized education",
                 "Each student's strengths, languages and goals shape their learning path.",
                 "Teaching and Learning Department"),
    StrategySeed("3", "Cultural inclusivity",
                 "Curriculum, books and school spaces in which students see their cultures, languages and histories.",
                 "Curriculum Office"),
    StrategySeed("4", "Recruitment and retention of staff of color",
                 "Grow, hire and keep teachers and staff of color, including Grow Your Own pathways.",
                 "Human Resources"),
    StrategySeed("5", "Student voice",
                 "Students shape the decisions that affect them: panels, surveys, seats on committees.",
                 "Student members of the Equity Advisory Committee"),
    StrategySeed("6", "Adult behaviors",
                 "Examine adult practices (referrals, expectations, grading) for bias, and change them.",
                 "Michael O'Brien, Principal, Northside Middle School"),
    StrategySeed("7", "Community bridges",
                 "Partnerships with families, cultural communities and organizations, in families' languages.",
                 "Office of Family and Community Engagement"),
    StrategySeed("8", "Shared understanding",
                 "A common language about equity across the district, and the data to see where we stand.",
                 "Research and Evaluation"),
    StrategySeed("9", "Statewide funding",
                 "Advocate for state funding that follows students' needs.",
                 "Jennifer Larson, School Board"),
)  # fmt: skip

# The latest status of each strategy; "2" and "6" were on track at an earlier review.
ROADMAP_STATUS = {"1": "on_track", "2": "at_risk", "3": "on_track", "4": "off_track", "5": "on_track",
                  "6": "at_risk", "7": "on_track", "8": "not_started", "9": "at_risk"}  # fmt: skip
EARLIER_ON_TRACK = ("2", "6")

# (strategy code, title, months from the start of the school year, done)
ROADMAP_MILESTONES: tuple[tuple[str, str, int, bool], ...] = (
    ("1", "All principals complete intercultural development training", 3, True),
    ("3", "Ethnic studies elective approved for Roosevelt High School", 8, False),
    ("4", "First Grow Your Own cohort begins coursework", 0, True),
    ("5", "Student voice panel presents to the school board", 6, False),
    ("6", "Discipline data reviewed with every building's leadership team", 4, False),
    ("7", "Interpreters at every parent-teacher conference night", 2, True),
    ("8", "Equity data dashboard published", 10, False),
    ("9", "Legislative priorities adopted with the metro districts", 5, False),
)

AI_PLAN_DESCRIPTION = (
    "The district's three-year Achievement and Integration plan (Minn. Stat. 124D.861), with one or more goals of "
    "each required type. Progress is reported each year at a public school board meeting."
)


class IndicatorSeed(NamedTuple):
    name: str
    unit: str
    increase: bool
    values: tuple[float, float, float, float]  # four yearly measurements, oldest first
    target: float
    groups: tuple[str, str] | None = None  # (student group, comparison group) for a gap indicator
    source: str = "Minnesota Report Card (MDE)"


class GoalSeed(NamedTuple):
    code: str
    area: str
    goal_type: GoalType
    statement: str
    indicators: tuple[IndicatorSeed, ...]


AI_GOALS: tuple[GoalSeed, ...] = (
    GoalSeed("I", "Racial and economic integration", GoalType.INTEGRATION,
             "Increase the number of students who take part in cross-school and cross-district integration "
             "learning experiences.",
             (IndicatorSeed("Students in integration learning experiences", "students", True,
                            (420.0, 515.0, 602.0, 688.0), 900.0, source="Program records"),
              IndicatorSeed("Lincoln Elementary enrollment from outside its attendance area", "%", True,
                            (18.0, 19.5, 21.0, 21.4), 28.0, source="Enrollment office"))),
    GoalSeed("II", "Reducing academic disparities", GoalType.ACHIEVEMENT_DISPARITIES,
             "Reduce the gap in third-grade reading proficiency between Black students and white students.",
             (IndicatorSeed("Gap in 3rd-grade reading proficiency, Black students vs. white students",
                            "percentage points", False, (31.4, 30.2, 28.9, 27.5), 24.0,
                            ("Black students", "White students")),)),
    GoalSeed("II", "Reducing academic disparities", GoalType.ACHIEVEMENT_DISPARITIES,
             "Increase the four-year graduation rate of American Indian students.",
             (IndicatorSeed("Four-year graduation rate, American Indian students", "%", True,
                            (58.0, 61.5, 60.8, 64.2), 75.0),)),
    GoalSeed("III", "Access to effective and diverse teachers", GoalType.EFFECTIVE_DIVERSE_TEACHERS,
             "Increase the share of licensed teachers who are teachers of color, and keep them.",
             (IndicatorSeed("Licensed teachers who are teachers of color", "%", True,
                            (9.8, 10.6, 11.9, 12.3), 14.0, source="Human Resources"),
              IndicatorSeed("Teachers of color still in the district after three years", "%", True,
                            (61.0, 63.0, 60.0, 66.0), 75.0, source="Human Resources"))),
)  # fmt: skip

OVERRIDE_REASON = (
    "Four teachers of color have left the district this school year. The measured share comes from last year's "
    "staffing report and does not show it yet."
)

# (goal code, title, months from the start of the school year, done)
AI_MILESTONES: tuple[tuple[str, str, int, bool], ...] = (
    ("I", "Fifth-grade exchange days scheduled with the partner district", 2, True),
    ("II", "Culturally specific reading tutoring running in four schools", 5, False),
    ("III", "Grow Your Own cohort of eight paraprofessionals funded", 1, True),
    ("III", "Annual progress report presented at a public school board meeting", 2, False),
)


class TrackedSeed(NamedTuple):
    """A goal of the roadmap with one indicator and up to three yearly measurements (a gap: both groups')."""

    strategy: str
    goal: str
    name: str
    unit_kind: str
    unit: str | None
    increase: bool
    baseline: float
    target: float
    values: tuple[float, ...]
    groups: tuple[str, str] | None = None
    comparison: tuple[float, ...] = ()
    source: str = "District data"


# Chosen so that the computed statuses cover every one: on track, at risk, off track, achieved, no data, and a gap
# that widens while both groups' rates fall.
TRACKED: tuple[TrackedSeed, ...] = (
    TrackedSeed("1", "Every staff member completes cultural competence training.",
                "Staff who have completed cultural competence training", "percent", None, True, 20.0, 90.0,
                (20.0, 45.0, 68.0), source="Professional development records"),
    TrackedSeed("2", "Students of color enroll in advanced courses at the rate of their white peers.",
                "Gap in advanced course enrollment, students of color vs. white students", "percent", None, False,
                23.0, 12.0, (18.0, 20.5, 24.6), ("Students of color", "White students"), (41.0, 42.0, 43.0)),
    TrackedSeed("4", "Increase the share of staff who are staff of color.", "Staff who are staff of color",
                "percent", None, True, 8.0, 15.0, (8.0, 8.4, 9.0), source="Human Resources"),
    TrackedSeed("5", "Students say adults at school listen to their ideas.",
                "Students who say adults listen to their ideas", "percent", None, True, 40.0, 60.0, (),
                source="Student climate survey (first run this spring)"),
    TrackedSeed("6", "Reduce the disproportionate suspension of Black students.",
                "Gap in suspensions per 100 students, Black students vs. all students", "rate", "per 100 students",
                False, 8.0, 4.0, (12.0, 11.0, 10.2), ("Black students", "All students"), (4.0, 3.0, 2.0)),
    TrackedSeed("7", "Families get an interpreter at every conference that needs one.",
                "Conferences held with an interpreter", "count", "conferences", True, 120.0, 300.0,
                (120.0, 250.0, 310.0), source="Family engagement office"),
)  # fmt: skip
