"""Embedded Unicode fonts for PDFs: DejaVu Sans, with fallback fonts chosen per run of characters it lacks.

DejaVu Sans prints Latin (Vietnamese, Polish, Hmong, Somali…), Greek, Cyrillic, Armenian, Georgian, Hebrew,
Arabic and Lao. Bundled Noto fonts add Ethiopic (Amharic, Tigrinya), Thai, Myanmar (Karen, Burmese) and Khmer.
Chinese, Japanese and Korean use a font already on the computer (WenQuanYi, Microsoft YaHei, SimSun, Malgun
Gothic, Arial Unicode): a CJK font is 10–20 MB, too big to ship with every copy. Scripts that need OpenType
shaping (Myanmar, Khmer, Arabic) print correctly because every style shapes with HarfBuzz (`shaping=1`, through
uharfbuzz); text a table can print as a plain string (base font only, left to right) skips Paragraph altogether.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from equitydesk.paths import resource_path

FAMILY = "EquityDeskSans"
FAMILY_BOLD = "EquityDeskSans-Bold"

_BUNDLED_FALLBACKS: tuple[tuple[str, str, str], ...] = (
    ("EquityDeskSans-Ethiopic", "NotoSansEthiopic-Regular.ttf", "Ethiopic"),
    ("EquityDeskSans-Thai", "NotoSansThai-Regular.ttf", "Thai"),
    ("EquityDeskSans-Myanmar", "NotoSansMyanmar-Regular.ttf", "Myanmar"),
    ("EquityDeskSans-Khmer", "NotoSansKhmer-Regular.ttf", "Khmer"),
)


@dataclass(frozen=True, slots=True)
class FontFace:
    """A registered reportlab font and the code points it has glyphs for."""

    name: str
    label: str
    coverage: frozenset[int]

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.coverage


@dataclass(frozen=True, slots=True)
class FontSet:
    """The base family plus fallbacks, tried in order for each character the base font lacks."""

    regular: FontFace
    bold: FontFace
    fallbacks: tuple[FontFace, ...]

    def face_for(self, ch: str, *, bold: bool = False) -> FontFace | None:
        """The fallback to print `ch` with; None when the base font has it or nothing has it."""
        base = self.bold if bold else self.regular
        if base.covers(ch):
            return None
        for face in self.fallbacks:
            if face.covers(ch):
                return face
        return None

    def can_print(self, ch: str, *, bold: bool = False) -> bool:
        base = self.bold if bold else self.regular
        return base.covers(ch) or any(face.covers(ch) for face in self.fallbacks) or _is_invisible(ch)


_lock = threading.Lock()
_fonts: FontSet | None = None


def register_fonts() -> FontSet:
    """Register the fonts with reportlab once per process and return them; safe to call from any thread."""
    global _fonts
    with _lock:
        if _fonts is None:
            _fonts = _load_fonts()
        return _fonts


def fonts_folder() -> Path:
    return resource_path("fonts")


def _plain_ligatures_only() -> None:
    """Shape with the features a script requires, without the optional Latin ligatures reportlab turns on.

    reportlab's shaper asks HarfBuzz for `liga` and `dlig`: DejaVu then joins "st" into one glyph (ﬆ), so a
    searched or copied "District" comes out as "Diﬆrict". Scripts that need joins (Arabic's lam-alef, Myanmar and
    Khmer clusters) get them from features HarfBuzz always applies (rlig, ccmp, the script's own).
    """
    from reportlab.pdfbase import ttfonts

    shaper = getattr(ttfonts, "shapeFragWord", None)
    defaults = getattr(shaper, "__defaults__", None)
    if shaper is not None and defaults and isinstance(defaults[0], dict):
        shaper.__defaults__ = ({**defaults[0], "liga": False, "dlig": False}, *defaults[1:])


def _load_fonts() -> FontSet:
    _plain_ligatures_only()
    folder = fonts_folder()
    regular = _register(FAMILY, folder / "DejaVuSans.ttf", "DejaVu Sans")
    bold = _register(FAMILY_BOLD, folder / "DejaVuSans-Bold.ttf", "DejaVu Sans Bold")
    # Paragraph <b> and <i> tags look the family up; there is no italic face, so italic maps to the uprights.
    for is_bold, is_italic, name in ((0, 0, FAMILY), (1, 0, FAMILY_BOLD), (0, 1, FAMILY), (1, 1, FAMILY_BOLD)):
        addMapping(FAMILY, is_bold, is_italic, name)
    fallbacks = [_register(name, folder / file, label) for name, file, label in _BUNDLED_FALLBACKS]
    fallbacks.extend(_system_cjk_fonts(regular.coverage))
    return FontSet(regular=regular, bold=bold, fallbacks=tuple(fallbacks))


def _register(name: str, path: Path, label: str, subfont_index: int = 0) -> FontFace:
    if not path.is_file():
        raise FileNotFoundError(f"The font file {path} is missing; reinstall EquityDesk to restore it.")
    font = TTFont(name, str(path), subfontIndex=subfont_index)
    pdfmetrics.registerFont(font)
    return FontFace(name=name, label=label, coverage=frozenset(font.face.charToGlyph))


def cjk_candidates() -> list[tuple[Path, int]]:
    """Font files that may hold Chinese, Japanese or Korean glyphs, best first, with the face index in a .ttc.

    A copy dropped into resources/fonts wins, so an office can ship one with its own installer.
    """
    folder = fonts_folder()
    found: list[tuple[Path, int]] = [(folder / "wqy-zenhei.ttc", 0), (folder / "cjk-fallback.ttf", 0)]
    if sys.platform.startswith("win"):
        windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        found += [(windows / "msyh.ttc", 0), (windows / "simsun.ttc", 0), (windows / "malgun.ttf", 0)]
    elif sys.platform == "darwin":
        found += [
            (Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"), 0),
            (Path("/Library/Fonts/Arial Unicode.ttf"), 0),
        ]
    else:
        found += [
            (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
            (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
            (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
            (Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"), 0),
        ]
    return found


def _system_cjk_fonts(base: frozenset[int]) -> list[FontFace]:
    # Two probes cover the need: a Han character and a Hangul syllable; Korean-only fonts are kept for Hangul.
    wanted = {"Chinese/Japanese": ord("中"), "Korean": ord("한")}
    faces: list[FontFace] = []
    for number, (path, index) in enumerate(cjk_candidates()):
        if not wanted:
            break
        if not path.is_file():
            continue
        try:
            face = _register(f"EquityDeskSans-CJK{number}", path, "Chinese/Japanese/Korean", index)
        except (TTFError, OSError, ValueError, KeyError, IndexError):
            continue  # a font that forbids embedding, or one reportlab cannot read (CFF outlines): try the next
        useful = [script for script, probe in wanted.items() if probe in face.coverage]
        if useful:
            faces.append(face)
            for script in useful:
                del wanted[script]
    return faces


# ---------------------------------------------------------------------------------------------------------------
# Turning user text into paragraph markup
# ---------------------------------------------------------------------------------------------------------------

_RTL_CLASSES = frozenset({"R", "AL", "AN"})


def _is_invisible(ch: str) -> bool:
    # Zero-width joiners, variation selectors, bidi marks: meaningful to shaping engines we do not run.
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF


_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable_text(text: str) -> str:
    """NFC-normalised text with control characters made harmless: line-like ones become newlines, others spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    if not _CONTROL.search(text):
        return text  # nearly every name and cell: nothing to replace, no need to look at each character
    out = []
    for ch in text:
        if ch in "\r\x0b\x0c\u2028\u2029":
            out.append("\n")
        elif ch == "\t" or (unicodedata.category(ch) == "Cc" and ch != "\n"):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _load_bidi() -> Callable[[str], str] | None:
    try:
        import arabic_reshaper  # type: ignore[import-not-found,unused-ignore]
        from bidi import get_display  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None

    def visual(line: str) -> str:
        return str(get_display(arabic_reshaper.reshape(line)))

    return visual


_visual_order = _load_bidi()


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def visual_text(text: str) -> str:
    """Arabic joined into its contextual letter forms and right-to-left runs put in drawing order, line by line.

    reportlab draws characters left to right exactly as given, so this has to happen before layout; a paragraph
    that wraps is reordered as whole lines, which suits names and short notes. Without the optional packages
    (arabic-reshaper, python-bidi) the text is left in typing order.
    """
    if _visual_order is None or not has_right_to_left(text):
        return text
    return "\n".join(_visual_order(line) if has_right_to_left(line) else line for line in text.split("\n"))


def font_runs(text: str, fonts: FontSet, *, bold: bool = False) -> list[tuple[str | None, str]]:
    """Split text into (fallback font name or None for the base font, text) runs.

    The font is chosen per run, not per character: marks, joiners, spaces and punctuation the current run's font
    has stay in that run, so a shaping engine sees whole syllables (a Karen vowel sign with its consonant).
    """
    base = fonts.bold if bold else fonts.regular
    if base.coverage.issuperset(map(ord, text)):
        return [(None, text)] if text else []
    runs: list[tuple[str | None, str]] = []
    current: FontFace | None = None
    buffer: list[str] = []
    for ch in text:
        if current is not None and current.covers(ch) and (_clings(ch) or not base.covers(ch)):
            buffer.append(ch)  # stays with its run: a mark, a joiner, a space or more of the same script
            continue
        if base.covers(ch):
            face = None
        else:
            face = fonts.face_for(ch, bold=bold)
            if face is None and _is_invisible(ch):
                continue  # no font draws it and it has no width: dropping it avoids a stray box
        if face is not current and buffer:
            runs.append((current.name if current else None, "".join(buffer)))
            buffer = []
        current = face
        buffer.append(ch)
    if buffer:
        runs.append((current.name if current else None, "".join(buffer)))
    return runs


def _clings(ch: str) -> bool:
    # Characters with no script of their own: they belong to the run they sit in.
    category = unicodedata.category(ch)
    return category[0] in "MZP" or category == "Cf" or ch == "\n"


def plain_cell(text: str, fonts: FontSet) -> bool:
    """Whether a table can print `text` as a plain string: the base font has every character and none needs shaping.

    A plain string skips Paragraph's parsing and layout, which is most of the cost of a big table.
    """
    return fonts.regular.coverage.issuperset(map(ord, text.replace("\n", ""))) and not needs_shaping(text)


@functools.lru_cache(maxsize=20_000)
def wrap_plain(text: str, font: str, size: float, room: float) -> str | None:
    """`text` broken at spaces into lines no wider than `room`, for a plain-string cell; None if a word is too wide.

    Cells of a big table repeat the same values (schools, groups, languages), hence the cache.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if len(paragraph) * size <= room or stringWidth(paragraph, font, size) <= room:
            lines.append(paragraph)  # DejaVu's widest glyphs are about 1 em: a line that short fits unmeasured
            continue
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if stringWidth(candidate, font, size) <= room:
                line = candidate
            elif stringWidth(word, font, size) > room:
                return None
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return "\n".join(lines)


# Scripts whose letters change shape or order with their neighbours (Hebrew and Arabic to Mongolian, Myanmar's
# extensions, Arabic presentation forms), and combining marks, which must be positioned over their letter.
_SHAPED = re.compile("[\u0300-\u036f\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u18af"
                     "\u1a00-\u1aff\u1b00-\u1c4f\ua8e0-\ua8ff\ua9e0-\uaa7f\ufb1d-\ufdff\ufe70-\ufeff]")  # fmt: skip


def needs_shaping(text: str) -> bool:
    """Whether HarfBuzz must lay the text out; shaping Latin, Cyrillic or Ethiopic text only costs time."""
    return _SHAPED.search(text) is not None


def markup(text: str | None, fonts: FontSet | None = None, *, bold: bool = False, shaped: bool = True) -> str:
    """Paragraph markup that prints `text` literally: escaped, with fallback fonts and line breaks.

    User text never reaches reportlab unescaped: `a<b`, `</para>` or `<img src=…>` must print as typed. A shaped
    style (`shaping=1`) orders right-to-left text itself; only an unshaped one needs it reordered here.
    """
    if not text:
        return ""
    fonts = fonts or register_fonts()
    prepared = printable_text(text) if shaped else visual_text(printable_text(text))
    parts = []
    for name, run in font_runs(prepared, fonts, bold=bold):
        escaped = escape(run).replace("\n", "<br/>")
        parts.append(f'<font name="{name}">{escaped}</font>' if name else escaped)
    return "".join(parts)


def missing_characters(texts: Iterable[str | None], fonts: FontSet | None = None, *, bold: bool = False) -> str:
    """The distinct characters no registered font can print, in first-seen order; empty when all print."""
    fonts = fonts or register_fonts()
    base = (fonts.bold if bold else fonts.regular).coverage
    seen: dict[str, None] = {}
    for text in texts:
        if not text or base.issuperset(map(ord, text)):
            continue  # the base font prints all of it: nothing to look up character by character
        for ch in printable_text(text):
            if ch not in seen and not ch.isspace() and not fonts.can_print(ch, bold=bold):
                seen[ch] = None
    return "".join(seen)


def script_names(chars: str) -> str:
    """Plain names for the writing systems of some characters, for warnings: "Myanmar, Khmer"."""
    names: dict[str, None] = {}
    for ch in chars:
        names[_script_word(ch)] = None
    return ", ".join(names)


def _script_word(ch: str) -> str:
    code = ord(ch)
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
        return "emoji"
    words = unicodedata.name(ch, "").split()
    if not words:
        return "unnamed characters"
    if words[0] in ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC"):
        return "Chinese/Japanese/Korean"
    if words[0] == "MYANMAR":
        return "Myanmar (Burmese, Karen)"
    return words[0].capitalize()
