"""Find number mentions in text and read their value, scale and unit.

A *mention* is a span such as "471.78 billion yuan", "9.3%", "Fifty-two", "fifth",
"one-third", "doubled" or "$6.52 billion", with its value in base units. Whether a mention
is a figure at all (and not a date, a year, a duration or part of a name) is decided in
`figures.py`; this module only reads the surface.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx


def _alt(words) -> str:
    """A regex alternation of `words`, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_CARDINAL = (
    r"(?:" + _alt(lx.TENS_WORDS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)(?![\w-]))?"
    r"|" + _alt(lx.UNITS_WORDS) + r"|a hundred|a thousand|a dozen|one hundred|a million|a billion"
)
_FRACTION = _alt(lx.FRACTIONS)
_ORDINAL = _alt(lx.ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th)"
_MULTIPLE = _alt(lx.MULTIPLE_WORDS)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PREFIX = r"US\$|HK\$|\$|¥|￥|€|RMB ?|CNY ?|USD ?|EUR ?"

MENTION = re.compile(
    rf"(?P<neg>[-−](?=\d))?(?P<cur>{_PREFIX})?(?<![\w.,/])(?P<digits>{_DIGITS})(?![\d])"
    rf"|(?<![\w-])(?P<fraction>{_FRACTION})(?![\w-])"
    rf"|(?<![\w-])(?P<multiple>{_MULTIPLE})(?![\w-])"
    rf"|(?<![\w-])(?P<ordinal>{_ORDINAL})(?![\w])"
    rf"|(?<![\w-])(?P<word>{_CARDINAL})(?![\w])",
    re.IGNORECASE,
)

_SCALE = re.compile(
    r"(?:[ \t]*-[ \t]*|[ \t]+|(?=[bkmt]))(?P<scale>hundred million|ten thousand|hundred|thousand|million|billion|"
    r"trillion|10,000|100 million|bn|mn|mln|tn|trn|k|m|b)(?![A-Za-z\d])",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"(?:[ \t]*-[ \t]*|[ \t]*)(?P<unit>" + _alt(lx.UNIT_WORDS) + r"|fold|times)(?![A-Za-z\d])",
    re.IGNORECASE,
)
# the unit of a figure that comes after a coordinated partner: "1.9 and 1.3 percentage points"
_COORD = re.compile(
    r"(?:[ \t]*(?:,|and|or|to|-|–|~|and about|to about)[ \t]*){1,2}(?P<cur>" + _PREFIX + r")?"
    r"(?P<digits>" + _DIGITS + r")",
    re.IGNORECASE,
)
_TENS_UNITS = re.compile(r"(\w+)[- ](\w+)")

# scale words that need a number with a decimal or currency before them to be read as scale
_WEAK_SCALES = {"k", "m", "b"}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str            # digits | word | fraction | ordinal | multiple
    number: float        # the number as written, before the scale
    value: float         # in base units
    unit: str | None     # a code of lx.UNITS_VOCAB, or None when the surface names none
    scale: float
    num_end: int         # end of the number itself (before scale and unit)
    unit_surface: str = ""
    scale_surface: str = ""
    currency_prefix: str = ""
    negative: bool = False
    plus: bool = False   # written "60+"
    coordinated: bool = False  # unit borrowed from a coordinated partner


def word_number(word: str) -> float | None:
    """Value of a spelled cardinal ("Fifty-two" -> 52, "a hundred" -> 100)."""
    w = word.lower()
    if w in lx.UNITS_WORDS:
        return float(lx.UNITS_WORDS[w])
    if w in lx.TENS_WORDS:
        return float(lx.TENS_WORDS[w])
    if w in ("a hundred", "one hundred"):
        return 100.0
    if w == "a thousand":
        return 1000.0
    if w == "a dozen":
        return 12.0
    if w == "a million":
        return 1e6
    if w == "a billion":
        return 1e9
    m = _TENS_UNITS.fullmatch(w)
    if m and m.group(1) in lx.TENS_WORDS and m.group(2) in lx.UNITS_WORDS:
        return float(lx.TENS_WORDS[m.group(1)] + lx.UNITS_WORDS[m.group(2)])
    return None


def _digits_value(s: str) -> float:
    return float(s.replace(",", ""))


def find_mentions(text: str, start: int = 0, end: int | None = None):
    """Yield every Mention in text[start:end], left to right."""
    end = len(text) if end is None else end
    for m in MENTION.finditer(text, start, end):
        mention = _read(text, m)
        if mention is not None:
            yield mention


def _read(text: str, m: re.Match) -> Mention | None:
    kind = m.lastgroup
    if kind in ("neg", "cur"):
        kind = "digits"
    s, e = m.start(), m.end()
    if kind == "digits":
        number = _digits_value(m.group("digits"))
        cur = (m.group("cur") or "").strip()
        neg = m.group("neg") is not None
        if neg:
            # a minus sign only when it stands alone ("-0.4%", "(-3.2%)"), not "2023-24"
            before = text[s - 1] if s > 0 else " "
            if not (before.isspace() or before in "(（[:,;="):
                s += 1
                neg = False
        mention = Mention(s, e, "digits", number, number, None, 1.0, e, negative=neg)
        if cur:
            mention.currency_prefix = cur
            mention.unit = lx.PREFIX_CURRENCY[cur.lower()]
        return _extend(text, mention)
    surface = m.group(kind)
    if kind == "word":
        number = word_number(surface)
        if number is None:
            return None
        return _extend(text, Mention(s, e, "word", number, number, None, 1.0, e))
    if kind == "fraction":
        pct = round(lx.FRACTIONS[surface.lower()], 3)
        return Mention(s, e, "fraction", pct, pct, "percent", 1.0, e)
    if kind == "ordinal":
        low = surface.lower()
        number = float(lx.ORDINALS[low]) if low in lx.ORDINALS else float(re.match(r"\d+", low).group(0))
        return Mention(s, e, "ordinal", number, number, "rank", 1.0, e)
    if kind == "multiple":
        number = float(lx.MULTIPLE_WORDS[surface.lower()])
        return Mention(s, e, "multiple", number, number, "multiple", 1.0, e)
    return None


def _extend(text: str, mention: Mention) -> Mention:
    """Read "+", a scale word and a unit word after the number."""
    pos = mention.end
    if pos < len(text) and text[pos] == "+" and not text[pos + 1 : pos + 2].isdigit():
        mention.plus = True
        pos += 1
    sm = _SCALE.match(text, pos)
    if sm:
        scale_word = sm.group("scale").lower()
        weak = scale_word in _WEAK_SCALES
        attached = sm.start("scale") == pos
        # "$5m", "6.5bn", "2.3k": bare letters count only when glued to the number
        if not weak or (attached and (mention.currency_prefix or "." in text[mention.start:mention.num_end] or mention.kind == "digits")):
            if not (weak and scale_word == "m" and not mention.currency_prefix):
                mention.scale = lx.SCALES[scale_word]
                mention.scale_surface = scale_word
                pos = sm.end()
    um = _UNIT.match(text, pos)
    if um:
        word = um.group("unit").lower()
        if word in ("fold",):
            if um.group(0).startswith("-") or um.group(0).startswith(" "):
                mention.unit = "multiple"
                mention.unit_surface = word
                pos = um.end()
        elif word == "times":
            mention.unit_surface = word
            mention.unit = "multiple"
            pos = um.end()
        elif not (word in ("m", "ha", "pp", "eur", "usd", "cny", "kw", "mw", "gw") and um.start("unit") > pos + 1):
            code = lx.UNIT_WORDS[word]
            if mention.currency_prefix and code in ("CNY", "USD", "EUR"):
                code = mention.unit  # "$5 million dollars": the prefix already said it
            mention.unit = code
            mention.unit_surface = word
            pos = um.end()
    mention.end = pos
    mention.value = mention.number * mention.scale
    if mention.negative:
        mention.value = -mention.value
    return mention


def borrow_unit(text: str, mention: Mention, limit: int) -> Mention:
    """Give a bare number the scale and unit of a coordinated partner that follows it.

    "1.9 and 1.3 percentage points" -> 1.9 percentage points; "2 to 3 billion yuan" -> 2e9 CNY.
    """
    if mention.unit is not None or mention.scale != 1.0 or mention.kind != "digits":
        return mention
    cm = _COORD.match(text, mention.end, limit)
    if not cm:
        return mention
    partner = _extend(text, Mention(cm.start("digits"), cm.end("digits"), "digits",
                                    _digits_value(cm.group("digits")), 0.0, None, 1.0, cm.end("digits")))
    if partner.unit is None and partner.scale == 1.0:
        return mention
    if partner.scale != 1.0 and partner.number < mention.number:
        return mention  # "12 to 1.5 billion" reads as two things
    mention.unit = partner.unit
    mention.unit_surface = partner.unit_surface or partner.currency_prefix
    mention.scale = partner.scale
    mention.scale_surface = partner.scale_surface
    mention.value = mention.number * partner.scale * (-1 if mention.negative else 1)
    mention.coordinated = True
    return mention
