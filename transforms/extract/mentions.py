"""Read a number mention at a known position: its value, scale and unit.

A *mention* is a span such as "471.78 billion yuan", "9.3%", "Fifty-two", "fifth",
"one-third", "doubled" or "$6.52 billion", with its value in base units. Whether a mention
is a figure at all (and not a date, a year, a duration or part of a name) is decided in
`figures.py`; this module only reads the surface. Patterns run on the lower-cased text
(`low`), anchored at the position the scan found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .scan import trie_pattern

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?")  # "9,2021" is no grouping
_SCALE = re.compile(
    r"(?:[ \t]*-[ \t]*|[ \t]+|(?=[bkmt亿万]))(" + trie_pattern(lx.SCALES) + r")(?![a-z\d])")
# a unit word ends where a word does; a sign ("%") wherever it is ("6.0%year-on-year")
_UNIT = re.compile(r"(?:[ \t]*-[ \t]*|[ \t]*)(" + trie_pattern(set(lx.UNIT_WORDS) | {"fold", "times", "points", "point"})
                   + r")(?:(?<=%)|(?![a-z\d]))")
# bare "points" is a gap between rates when a comparison or a change of level is written beside it
_GAP_AFTER_POINTS = re.compile(r"\s+(?:(?:" + "|".join(lx.GAP_COMPARATIVES) + r")(?![a-z])|(?:year-on-year|from)\s)")
_GAP_BEFORE_POINTS = re.compile(r"(?<![a-z])(?:" + "|".join(lx.GAP_VERBS) + r")\s+(?:by\s+)?(?:another\s+|a\s+further\s+)?$")
_PREFIX = re.compile(r"(?:us\$|hk\$|\$|¥|￥|€|rmb ?|cny ?|usd ?|eur ?)$")
_WORD_NUMBER = re.compile(
    "(" + trie_pattern(set(lx.FRACTIONS)) + ")(?![a-z-])"
    "|(" + trie_pattern(set(lx.MULTIPLE_WORDS)) + ")(?![a-z-])"
    "|(" + trie_pattern(set(lx.ORDINALS)) + ")(?![a-z])"
    "|(" + trie_pattern(set(lx.TENS_WORDS)) + ")(?:[- ](one|two|three|four|five|six|seven|eight|nine)(?![a-z-]))?(?![a-z])"
    "|(" + trie_pattern(set(lx.UNITS_WORDS) | set(lx.SPELLED_AMOUNTS)) + ")(?![a-z])"
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![a-z])")
_NEGATIVE_BEFORE = set(" \t\n(（[:,;=")
_ONE_IN = re.compile(r"one\s+(?:in|out\s+of)\s+(?:every\s+)?(" + trie_pattern(set(lx.ONE_IN)) + r"|\d{1,3})(?![a-z\d])")
# "1.94:1": a ratio to one is a multiple
_TO_ONE = re.compile(r"[ \t]*:[ \t]*1(?!\d|\.\d|:)")
# the unit of a figure that comes after a coordinated partner: "1.9 and 1.3 percentage points"
_COORD = re.compile(
    r"(?:[ \t]*(?:,|and|or|to|-|–|~|and about|to about)[ \t]*){1,2}(us\$|\$|¥|€|rmb ?)?"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


_OR = re.compile(r"(?<![a-z])or(?![a-z])")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str            # digits | word | fraction | ordinal | multiple
    number: float        # the number as written, before the scale (unsigned)
    unit: str | None     # a code of lx.UNITS_VOCAB, or None when the surface names none
    scale: float
    num_end: int         # end of the number itself (before scale and unit)
    unit_surface: str = ""
    scale_surface: str = ""
    currency_prefix: str = ""
    negative: bool = False
    plus: bool = False   # written "60+"
    coordinated: bool = False  # unit borrowed from a coordinated partner
    partner_end: int = 0       # end of that partner ("1.9 and 1.3 percentage points")

    @property
    def bare(self) -> bool:
        """Digits without a unit or scale word ("27", "1,100")."""
        return self.kind == "digits" and self.unit is None and self.scale == 1.0


def read_digits(text: str, low: str, i: int) -> Mention | None:
    """The mention whose number starts at digit position `i`, or None for a code ("S7", "G60")."""
    if i > 0:
        before = low[i - 1]
        if (before.isalpha() and not low.endswith(lx.GLUED_CURRENCY_CODES, max(0, i - 4), i)) or before in "_@#/\\" \
                or (before in ".," and i > 1 and low[i - 2].isdigit()):
            return None  # "S7", "G60" (but "RMB3.12 billion": a currency code)
        if before == "-" and i > 1 and low[i - 2].isalpha():
            return None  # "COVID-19", "Su-27"
    nm = _NUMBER.match(low, i)
    num_end = nm.end()
    number = float(nm.group().replace(",", ""))
    m = Mention(i, num_end, "digits", number, None, 1.0, num_end)
    pm = _PREFIX.search(low, max(0, i - 4), i)
    if pm:
        cur = text[pm.start():i].strip()
        m.currency_prefix = cur
        m.unit = lx.PREFIX_CURRENCY[cur.lower()]
        m.start = pm.start()
    if m.start > 0 and text[m.start - 1] in "-−" and (m.start < 2 or text[m.start - 2] in _NEGATIVE_BEFORE):
        m.negative = True
        m.start -= 1
    if _ORDINAL_SUFFIX.match(low, num_end):
        m.kind = "ordinal"
        m.unit = "rank"
        m.end = _ORDINAL_SUFFIX.match(low, num_end).end()
        return m
    if low[num_end:num_end + 1] == "x" and not low[num_end + 1:num_end + 2].isalnum() and m.unit is None:
        m.unit, m.unit_surface, m.end = "multiple", "x", num_end + 1  # "1.80x", "3x": the analysts' "times"
        return m
    if low[num_end:num_end + 1] in (":", " ") and m.unit is None:
        tm = _TO_ONE.match(low, num_end)
        if tm:
            m.unit, m.unit_surface, m.end = "multiple", text[num_end:tm.end()].strip(), tm.end()
            return m
    return _extend(low, m)


def read_word(low: str, i: int) -> Mention | None:
    """The mention of a spelled number at `i` ("Fifty-two", "one-third", "fifth", "doubled")."""
    if low.startswith("one", i):
        om = _ONE_IN.match(low, i)
        if om:
            n = om.group(1)
            pct = round(100 / (lx.ONE_IN.get(n) or int(n)), 3) if n != "0" else 0.0
            return Mention(i, om.end(), "fraction", pct, "percent", 1.0, om.end())
    wm = _WORD_NUMBER.match(low, i)
    if not wm:
        return None
    e = wm.end()
    fraction, multiple, ordinal, tens, tens_unit, unit_word = wm.groups()
    if fraction:
        pct = round(lx.FRACTIONS[fraction], 3)
        return Mention(i, e, "fraction", pct, "percent", 1.0, e)
    if multiple:
        n = float(lx.MULTIPLE_WORDS[multiple])
        return Mention(i, e, "multiple", n, "multiple", 1.0, e)
    if ordinal:
        n = float(lx.ORDINALS[ordinal])
        return Mention(i, e, "ordinal", n, "rank", 1.0, e)
    if tens:
        n = float(lx.TENS_WORDS[tens] + (lx.UNITS_WORDS[tens_unit] if tens_unit else 0))
    else:
        n = float(lx.SPELLED_AMOUNTS.get(unit_word, lx.UNITS_WORDS.get(unit_word, 0)))
    return _extend(low, Mention(i, e, "word", n, None, 1.0, e))


def _extend(low: str, m: Mention) -> Mention:
    """Read "+", a scale word and a unit word after the number."""
    pos = m.end
    if low.startswith("+", pos) and not low[pos + 1:pos + 2].isdigit():
        m.plus = True
        pos += 1
    sm = _SCALE.match(low, pos)
    if sm:
        word = sm.group(1)
        attached = sm.start(1) == pos
        # "5m" may be metres; "180m tonnes" is millions (a unit word follows)
        if word not in lx.WEAK_SCALES or (attached and (m.currency_prefix or word != "m" or _UNIT.match(low, sm.end()))):
            m.scale = lx.SCALES[word]
            m.scale_surface = word
            pos = sm.end()
    um = _UNIT.match(low, pos)
    if um:
        word = um.group(1)
        if word == "fold":
            if um.group(0)[:1] in "- ":
                m.unit, m.unit_surface, pos = "multiple", word, um.end()
        elif word == "times":
            m.unit, m.unit_surface, pos = "multiple", word, um.end()
        elif word in ("points", "point"):
            # "0.2 points faster than", "up 0.3 points": percentage points; "1,200 charging points" counts
            if _GAP_AFTER_POINTS.match(low, um.end()) or _GAP_BEFORE_POINTS.search(low, max(0, m.start - 30), m.start):
                m.unit, m.unit_surface, pos = "percentage_point", word, um.end()
        elif not (word in lx.SHORT_UNITS and um.start(1) > pos + 1):
            code = lx.UNIT_WORDS[word]
            if not (m.currency_prefix and code in ("CNY", "USD", "EUR")):
                m.unit = code
            m.unit_surface = word
            pos = um.end()
    m.end = pos if not (m.plus and pos == m.num_end + 1) else m.num_end  # "60+ countries": the text is "60"
    return m


_TIME_BEFORE = re.compile(r"(?<![a-z])(?:in|of|since|by|until|till|from)\s+$")


MAX_LIST_HOPS = 4  # how many bare numbers of a list a number looks across for its unit


def _partner(low: str, cm: re.Match) -> Mention:
    """The number a coordination match `cm` ends with, read with its own scale and unit."""
    partner = _extend(low, Mention(cm.start(2), cm.end(2), "digits", float(cm.group(2).replace(",", "")),
                                   None, 1.0, cm.end(2)))
    if cm.group(1):
        partner.unit = lx.PREFIX_CURRENCY[cm.group(1).strip()]
    return partner


def borrow_unit(low: str, m: Mention, limit: int) -> Mention:
    """Give a bare number the scale and unit of a coordinated partner that follows it.

    "2.2 and 0.7 percentage points" -> 2.2 percentage points; "2 to 3 billion yuan" -> 2e9 CNY; "7.1,
    6.8 and 6.5 percent" -> 7.1 percent (the list's last number's unit); not
    a restatement after ", or" ("612,000, or 24.3 percent"). A year before a comma or after "in"
    keeps its own reading ("in 2019, 22.5 percentage points",
    "from 2.6 percent in 2023 to 3.5 percent in 2027").
    """
    if m.unit is not None or m.scale != 1.0 or m.kind != "digits":
        return m
    cm = _COORD.match(low, m.end, limit)
    if not cm:
        return m
    if 1900 <= m.number <= 2100 and m.number.is_integer() and not low[m.start:m.num_end].count(",") \
            and ("," in cm.group(0) or _TIME_BEFORE.search(low, max(0, m.start - 8), m.start)):
        return m  # "in 2019, 22.5 percentage points", "from 2.6 percent in 2023 to 3.5 percent": a year
    partner = _partner(low, cm)
    for _ in range(MAX_LIST_HOPS):  # "grew 7.1, 6.8 and 6.5 percent": the unit of the list's last number
        if partner.unit is not None or partner.scale != 1.0 or "," not in cm.group(0) or _OR.search(cm.group(0)):
            break
        cm = _COORD.match(low, partner.end, limit)
        if not cm:
            return m
        partner = _partner(low, cm)
    if partner.unit is None and partner.scale == 1.0:
        return m
    if "," in cm.group(0) and _OR.search(cm.group(0)):
        return m  # "numbered 612,000, or 24.3 percent of the population": the same thing restated
    if partner.scale != 1.0 and partner.number < m.number:
        return m  # "12 to 1.5 billion" reads as two things
    m.unit = partner.unit
    m.unit_surface = partner.unit_surface or (cm.group(1) or "").strip()
    m.scale = partner.scale
    m.scale_surface = partner.scale_surface
    m.coordinated = True
    m.partner_end = partner.end
    return m
