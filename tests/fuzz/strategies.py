"""Hypothesis strategies for people as rosters hold them: every script, and the text that breaks programs."""

from __future__ import annotations

from hypothesis import strategies as st

# Text that has broken spreadsheet and PDF programs: right-to-left marks and overrides, combining marks, emoji with
# joiners and skin tones, formula starters, control characters, zero-width and byte-order marks, XML specials.
HOSTILE = (
    "\u202e", "\u202d", "\u200f", "\u061c", "\u2067", "\u2069", "e\u0301", "\u0928\u093f", "\u1780\u17d2\u179a",
    "👩🏽\u200d🏫", "🇸🇴", "=", "=1+1", "=HYPERLINK(\"http://x\")", "+", "-", "@", "\t", "\n", "\r", "\x00", "\x07",
    "\x0b", "\x1f", "\x7f", "\u200b", "\ufeff", "<b>", "</para>", "&amp;", "'", '"', "\\", "%s", "{0}", "\u0000",
    "مريم", "עברית", "ሰላም", "မြန်မာ", "ខ្មែរ", "ไทย", "Nguyễn", "Łódź", "Ελληνικά", "中文", "한국어", "Hmoob",
)  # fmt: skip
SCRIPTS = st.characters(exclude_categories=("Cs",))  # every code point but lone surrogates (not text at all)


def hostile_text(*, max_size: int = 60) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.sampled_from(HOSTILE), st.text(SCRIPTS, min_size=1, max_size=8))
    return st.lists(pieces, max_size=max_size // 4).map("".join)


def long_text() -> st.SearchStrategy[str]:
    """Very long values, past every field's cap (and past a spreadsheet cell's 32,767 characters)."""
    return st.tuples(st.sampled_from(["ê", "Ab ", "\u202e", "👩🏽", "ش"]), st.integers(300, 40_000)).map(
        lambda t: t[0] * (t[1] // len(t[0]))
    )


def field_text(*, long: bool = True) -> st.SearchStrategy[str | None]:
    """Mostly none or short hostile text; one value in twelve very long (they cost the most to write and read)."""
    short = st.one_of(st.none(), hostile_text())
    if not long:
        return short
    return st.integers(0, 11).flatmap(lambda i: long_text() if i == 0 else short)


NAME = st.one_of(hostile_text(max_size=40), st.sampled_from(["Hodan", "Mai", "Lucía", "Nguyễn Văn", "مريم"]))


@st.composite
def people(draw: st.DrawFn) -> dict[str, str | None]:
    """One roster row's values by field, before any cleaning: what an office's spreadsheet might hold."""
    person: dict[str, str | None] = {
        "given_name": draw(NAME),
        "family_name": draw(NAME),
        "preferred_name": draw(st.one_of(st.none(), NAME)),
        "pronouns": draw(st.one_of(st.none(), st.sampled_from(["she/her", "they/them", "él", "=he"]), hostile_text())),
        "email": draw(st.one_of(st.none(), st.emails(), hostile_text(max_size=20))),
        "phone": draw(st.one_of(st.none(), st.sampled_from(["(651) 555-0142", "+252 61 555 0100", "=555"]))),
        "organization": draw(field_text(long=False)),
        "accessibility_needs": draw(field_text()),
        "notes": draw(field_text()),
    }
    return person
