"""Schools written two ways ("Roosevelt High", "Roosevelt High School", "St. Paul" and "Saint Paul"): one key for both.

The import never rewrites a school; it only notices that a spelling differs from one already on the roster and
offers that one, and it does not take two spellings of one school for two different schools.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Abbreviations written either way, after case and punctuation are folded.
_SAME_WORD = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "elem": "elementary",
    "es": "elementary", "hs": "high", "ms": "middle", "jhs": "junior high", "jr": "junior", "sr": "senior",
    "ctr": "center", "centre": "center", "acad": "academy", "intl": "international", "sch": "school",
    "schl": "school", "&": "and", "centro": "center",
}  # fmt: skip
# Words at the end that name no school in particular: "Roosevelt High" and "Roosevelt High School" are one school.
_GENERIC_TAIL = frozenset({"school", "schools", "campus", "building"})
# Words naming the level: "Lincoln" may be "Lincoln Elementary", but "Lincoln Elementary" is not "Lincoln High".
_LEVELS = frozenset({"elementary", "middle", "high", "junior", "senior", "primary", "secondary", "intermediate"})
_WORD = re.compile(r"&|[^\W_]+")


def school_key(name: str) -> str:
    """The school with case, accents, punctuation, abbreviations and a generic last word ("School") folded away."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = " ".join(_SAME_WORD.get(w, w) for w in _WORD.findall(plain)).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _GENERIC_TAIL:
        words.pop()
    return " ".join(words)


def _bare(key: str) -> str:
    """The key without its level words: "lincoln elementary" → "lincoln"."""
    words = key.split()
    while len(words) > 1 and words[-1] in _LEVELS:
        words.pop()
    return " ".join(words)


def same_school(first: str, second: str) -> bool:
    """Whether two spellings may name one school: the same key, or one of them is the other without its level."""
    a, b = school_key(first), school_key(second)
    return a == b or (_bare(a) == _bare(b) and (a == _bare(a) or b == _bare(b)))


@dataclass
class SchoolIndex:
    """The schools on the roster by key, each with its spellings (most used first), to offer a row's look-alike."""

    spellings: dict[str, list[str]] = field(default_factory=dict)  # key → spellings, most people first
    by_bare: dict[str, list[str]] = field(default_factory=dict)  # key without level → keys
    _asked: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, used: Mapping[str, int] | Iterable[str]) -> SchoolIndex:
        """From the spellings on the roster, with how many people have each (or just the spellings)."""
        counts = dict(used) if isinstance(used, Mapping) else dict.fromkeys(used, 1)
        index = cls()
        for spelling in sorted(counts, key=lambda s: (-counts[s], s.casefold())):
            if not spelling.strip():
                continue
            key = school_key(spelling)
            if key not in index.spellings:
                index.spellings[key] = []
                index.by_bare.setdefault(_bare(key), []).append(key)
            index.spellings[key].append(spelling)
        return index

    def knows(self, name: str) -> bool:
        """Whether people on the roster belong to this school, however it is spelled."""
        return school_key(name) in self.spellings or bool(self.look_alikes(name))

    def look_alikes(self, name: str) -> tuple[str, ...]:
        """The roster's spellings of the school a row names differently; () when it is written as on the roster
        (or is no school the roster knows)."""
        if name not in self._asked:
            self._asked[name] = self._find(name)
        return self._asked[name]

    def _find(self, name: str) -> tuple[str, ...]:
        key = school_key(name)
        if not key:
            return ()
        if key in self.spellings:
            known = self.spellings[key]
            return () if name in known else (known[0],)
        bare = _bare(key)
        keys = self.by_bare.get(bare, [])
        if key == bare:  # "Lincoln": any Lincoln with a level
            return tuple(self.spellings[k][0] for k in keys[:3])
        return tuple(self.spellings[k][0] for k in keys if k == bare)  # "Lincoln Elementary" beside a bare "Lincoln"


def did_you_mean(name: str, spellings: tuple[str, ...]) -> str:
    """The warning: "Roosevelt High — did you mean Roosevelt High School, as on the roster?"."""
    offered = spellings[0] if len(spellings) == 1 else ", ".join(spellings[:-1]) + " or " + spellings[-1]
    return f"{name} — did you mean {offered}, as on the roster?"
