"""One pass over a document that finds every anchor the extractor cares about.

Anchors are digits, number words, time words and place names. They are found with a single
regular expression whose word alternation is factored into a trie (Python's `re` tries
alternatives one by one; a trie lets it fail after one or two characters), run over the
lower-cased text. Each anchor is then read where it stands: a number mention, a time
expression (a year, "the first half of 2024", "January to November", "last year") or a place.
Place names come from the gazetteer (gazetteer.py), so the pattern is built per gazetteer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon as lx
from .gazetteer import HOME_CITY, NANJING_LISHUI, Gazetteer


def trie_pattern(words) -> str:
    """A regex matching exactly `words`, factored by common prefixes (longest match first)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items(), reverse=True) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# full-width forms ("６．０％", "Source：") and the ideographic space read as their ASCII forms, one for one
_HALF_WIDTH = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def lower(text: str) -> str:
    """`text` lower-cased, full-width forms as ASCII, with offsets kept (characters whose lower case
    is longer stay as they are)."""
    if not text.isascii() and _FULL_WIDTH.search(text):  # (translating every text would cost a fifth of the read)
        text = text.translate(_HALF_WIDTH)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def canonical_period(first: int, last: int) -> str | None:
    """The one code of the month range first..last: a quarter Qn, a half Hn, a month Mnn, other
    ranges Mnn-Mnn; the whole year is no period (None)."""
    if first == last:
        return f"M{first:02d}"
    if (first, last) == (1, 12):
        return None
    if (first, last) in ((1, 6), (7, 12)):
        return "H1" if first == 1 else "H2"
    if last - first == 2 and first % 3 == 1:
        return f"Q{(first + 2) // 3}"
    return f"M{first:02d}-M{last:02d}"


def several_months(period: str | None) -> bool:
    """Whether a period code spans several months: a half, a quarter or a range ("M01-M10"), not a
    single month ("M08") or none."""
    return period is not None and (period[0] in "HQ" or "-" in period)


def period_months(period: str | None) -> tuple[int, int] | None:
    """(first month, last month) of a canonical period code."""
    if not period:
        return None
    if period[0] == "H":
        return (1, 6) if period == "H1" else (7, 12)
    if period[0] == "Q":
        q = int(period[1])
        return 3 * q - 2, 3 * q
    a, _, b = period.partition("-")
    return int(a[1:]), int(b[1:]) if b else int(a[1:])


def _canonical(code: str) -> str | None:
    months = period_months(code)
    return canonical_period(*months) if months else None


@dataclass(slots=True)
class Time:
    """A time expression: the year and period it names, if known."""

    start: int
    end: int
    year: int | None
    period: str | None
    known: bool = True          # False: relative ("this year") and the document date is unknown
    frame: bool = True          # False: not the time of a figure ("since 2019", "than last year")
    rel: str | None = None      # this | last | next
    adjective: bool = False     # "2025 full-chain revenue": dates its own sentence, not the next ones
    horizon: bool = False       # "by 2025", "by the end of 2027": the year a plan is for
    date: bool = False          # a day ("June 13, 2024", "2024-11-08") or a season: never a document's frame
    owner: int | None = None    # "up from 35.6 percent in 2009": dates only the figure at this offset
    until: int | None = None    # the last year of a range ("2021-2025")


@dataclass(slots=True)
class Place:
    start: int
    end: int
    region: str
    kind: str                   # specific | broad | other | city-ref | county-ref | container | dateline | local
    possessive: bool


ORDINAL_TIME, RELATIVE = lx.ORDINAL_TIME, lx.RELATIVE
NUMBER_WORDS = (set(lx.UNITS_WORDS) | set(lx.TENS_WORDS) | set(lx.ORDINALS) | set(lx.MULTIPLE_WORDS)
                | {"half"} | {f for f in lx.FRACTIONS if f.startswith("a ")} | set(lx.SPELLED_AMOUNTS))
TIME_WORDS = set(lx.MONTHS) | ORDINAL_TIME | RELATIVE | {"q1", "q2", "q3", "q4", "h1", "h2", "decade"}
_A_DECADE_AGO = re.compile(r"decade\s+ago(?![a-z])")


class WordScan:
    """The matches of `body` (a pattern whose groups hold what it finds) where the character before
    is none of the class `before` ("a-z\\d": not inside a word), or at the very start of the text.

    The character before is consumed by a pattern that opens with its negated class, rather than
    looked behind at or written `(?:^|[^...])`: `re` finds the first characters of a pattern that
    opens with a set and skips to the next one in C, instead of trying the whole pattern at every
    character (35% faster on the anchors, measured); the start of the text is matched apart."""

    __slots__ = ("first", "lead")

    def __init__(self, body: str, before: str):
        self.first = re.compile(body)
        self.lead = re.compile(f"[^{before}]" + body)

    def finditer(self, low: str, a: int = 0, b: int | None = None):
        """The matches that start in [a, b) and end by b, in order, not overlapping."""
        b = len(low) if b is None else b
        if a > 0:
            yield from self.lead.finditer(low, a - 1, b)
            return
        m = self.first.match(low, 0, b)
        if m:
            yield m
            a = m.end()
        yield from self.lead.finditer(low, a, b)


@cache
def anchor_scan(gazetteer: Gazetteer) -> WordScan:
    """Digits, number words, time words and the gazetteer's place names, in one scan (group 1 is
    the anchor)."""
    words = NUMBER_WORDS | TIME_WORDS | lx.PLACE_REFS | set(gazetteer.names) | set(gazetteer.other_names)
    return WordScan(r"(\d+|" + trie_pattern(words) + r"(?![a-z\d]))", r"a-z\d")


_YEAR = r"(?:19[5-9]\d|20\d\d)"
_MONTH = trie_pattern(lx.MONTHS)
_PERIOD_AT = re.compile(
    "(" + trie_pattern(lx.PERIOD_PHRASES) + r")(?![a-z])"
    r"(?:\s+of\s+(?:the\s+)?(?:year\s+)?(" + _YEAR + r")(?!\d)|\s+of\s+(this|last|next|the)\s+year|[ \t]+(" + _YEAR + r")(?!\d|[-/.]\d))?")
_MONTH_AT = re.compile(
    "(" + _MONTH + r")\.?(?![a-z])"
    r"(?:[ \t]*(?:to|-|–|through|till|until|(and))[ \t]*(" + _MONTH + r")\.?(?![a-z]))?"
    r"(?:[ \t]+(\d{1,2})(?:st|nd|rd|th)?(?:[ \t]*(?:to|-|–)[ \t]*\d{1,2}(?:st|nd|rd|th)?)?(?!\d)(?!,\d{1,3}(?!\d)))?"
    r"(?:,?[ \t]*(?:of[ \t]+)?(" + _YEAR + r")(?![\d-])|[ \t]+(?:of[ \t]+)?(this|last)[ \t]+year)?")
_DAY_SPAN_AT = re.compile("(" + _MONTH + r")\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?[ \t]*(?:-|–|to|through|until)[ \t]*(" + _MONTH
                          + r")\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?(?![\d])(?:,?[ \t]*(" + _YEAR + r")(?![\d-]))?")
DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MONTH + r")\.?(?![a-z])(?:,?\s+(" + _YEAR + r")(?!\d))?")
DATE_AT = re.compile(r"(" + _YEAR + r")[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)"
                     r"|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](" + _YEAR + r")(?!\d)"
                     r"|\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
YEAR_RANGE = re.compile(r"(" + _YEAR + r")\s*(?:-|–|—|to|through)\s*(" + _YEAR + r"|\d\d)(?![\d,])")
# "(960-1279)", "(1271-1368)": the years of a dynasty or a life, in brackets
BRACKET_YEARS = re.compile(r"(\d{3,4})\s*[-–—]\s*(\d{3,4})\)")
_RELATIVE_AT = re.compile(r"(this|last|next|previous|past)\s+(year|month)(?![a-z-])|"
                          r"(this|last|next)\s+(?:spring|summer|autumn|fall|winter)(?![a-z-])")  # a season: its year
_RELATIVE_MONTH_AT = re.compile(r"(last|this|next)\s+(" + trie_pattern({m for m in lx.MONTHS if len(m) > 4 or m == "may"})
                                + r")(?![a-z])")  # "last April"
_THIS_WEEK_AT = re.compile(r"(?:this|last|next)\s+(?:week|weekend|season)(?![a-z-])")
_NOT_FRAME_BEFORE = re.compile(
    r"(?:(?<![a-z])(?:since|from|compared with|compared to|versus|vs\.?|against|(?:percent|per cent|points?|%)\s+on|"
    r"founded in|established in|set up in|that of|those of|level of|"
    r"(?:times|double|twice|triple|than)\s+the\s+(?:figure|number|amount|value|total|price|levels?)(?:\s+(?:of|in|for))?|"
    r"than(?:\s+(?:that|those))?(?:\s+(?:of|in|at|for|during))?(?:\s+the\s+(?:end|whole)\s+(?:year\s+)?of)?|over|"
    r"as\s+(?:many|much|high|large|great|big|fast)\s+as(?:\s+(?:in|during|for))?|what\s+(?:[a-z’']+\s+){1,3}?in|"
    r"same(?:\s+(?:pace|rate|level|speed))?\s+as(?:\s+(?:in|during|for))?)"
    r"\s+(?:the\s+)?(?:(?:same period|end|(?:same\s+)?(?:holiday|festival|fair|season|event)) (?:of\s+(?:the\s+)?)?)?"
    r"|(?<![a-z])same (?:period|time|month|quarter|day|holiday|festival|week|season)\s+(?:(?:of|in)\s+(?:the\s+)?)?"
    r"|(?<![a-z])(?:times|than|as|below|above|under|over|half|double|twice)\s+what\s+(?:[a-z’']+\s+){1,6}?"  # "100 times what he earned four decades ago", "below what it paid on its debt last year"
    r"|(?<![a-z])(?:times|double|twice|triple)\s+(?:the|its|their)\s+[a-z-]+\s+(?:[a-z’']+\s+){0,3}?in\s+"  # "three times the pay they got in 2015"
    r"|(?<![a-z])(?:times|double|twice|triple)\s+(?:the|its|their)\s+"  # "three times its 2020 volume"
    r"|(?<![a-z])base\s+(?:of|in)\s+(?:the\s+)?)$")  # "the high base of last year"
# "the 14th Five-Year Plan": group 1 names the plan, whose last year is lx.FIVE_YEAR_PLANS[group 1]
FIVE_YEAR_PLAN = re.compile(r"(" + trie_pattern(lx.FIVE_YEAR_PLANS) + r")\s+five[- ]year\s+plan(?![a-z])")
# a clause that opens with "since": "Since the city launched the reform in 2019, ..." (a start point)
# "since the reform began in 2019": the time of a since-clause; not one after a year the clause already
# names ("since 2021 and plans to build ... by 2027")
SINCE_CLAUSE = re.compile(r"(?<![a-z])since\s+(?:(?!(?:19|20)\d\d)[^,.;:!?\n]){0,80}$")
# "the 1985 level", "the 2019 figure": a year naming a comparison base
BASE_YEAR_AFTER = re.compile(r"\s+(?:level|levels|figure|figures|value|average|base)(?![a-z])")
END_OF_BEFORE = re.compile(r"(?<![a-z])(?:at|by|as of|until|till)\s+the\s+end\s+of\s+(?:the\s+)?$|(?<![a-z])end-(?:of-)?$")
_HORIZON_BEFORE = re.compile(r"(?<![a-z])(?:(?:by|until|till|through|before)\s+(?:the\s+end\s+of\s+)?(?:the\s+year\s+)?|"
                             r"(?:once|when|after|upon)\s+(?:it\s+is\s+|being\s+)?completed\s+in\s+|"  # "once completed in 2030"
                             r"(?:due|scheduled|expected|set)\s+to\s+(?:be\s+)?(?:completed|open|finished|operational)\s+in\s+)$")
_POSSESSIVE = re.compile(r"['’]s\b")
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*)")  # on the same line
_POSSESSIVE_END = re.compile(r"['’]s$")
# "HANGZHOU, Zhejiang --", "HANGZHOU, July 21 (Xinhua) --": after an upper-case place, a dateline's tail
_DATELINE_TAIL = re.compile(r",\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*(?:--|—|–|-|\(|,)")
ADDRESS_TAIL = re.compile(r"(?:\s+(?:[Cc]ounty|[Cc]ity|[Dd]istrict|[Tt]ownship|[Tt]own|[Vv]illage))?"
                          r"(?:,\s+an?\s+(?:[a-z-]+\s+){0,3}(?:county|city|district|town|township|village|area)"
                          r"\s+(?:in|of)\s+|,\s*|\s+(?:in|of),?\s+)(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent)\s+)?"
                          r"(?:(?:east|south|north|west|southeast|southwest|northeast|northwest|central)(?:ern)?\s+"
                          r"china['’]s\s+)?", re.I)
# after a wide place's "'s", the place it locates: "China's Zhejiang", "China's eastern manufacturing hub of Zhejiang"
_DESCRIBED_PLACE_AFTER = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,4}?(?:of\s+)?([A-Z][a-z]+)(?![\w'’-])")
_DESCRIPTOR_BEFORE = re.compile(r"(?:" + "|".join(lx.COMPASS_WORDS) + r")\s+$", re.I)
_CONTAINER_BEFORE = re.compile(r"(?:part of|under|administered by|of|in),?\s+$")


def _time_from_relative(rel: str, pub_year: int | None) -> tuple[int | None, bool]:
    off = {"this": 0, "last": -1, "previous": -1, "past": -1, "next": 1}[rel]
    return (pub_year + off if pub_year else None), pub_year is not None


def _relative_month(start: int, end: int, rel: str, pub_year: int | None, pub_month: int | None) -> Time | None:
    """"last month" in an article of May 2022 is April 2022 (M04); None when the article's month is
    unknown, and for "the past month" (a duration)."""
    if pub_year is None or pub_month is None or rel == "past":
        return None
    k = pub_year * 12 + pub_month - 1 + {"this": 0, "last": -1, "previous": -1, "next": 1}[rel]
    return Time(start, end, k // 12, f"M{k % 12 + 1:02d}", True, rel="last" if rel == "previous" else rel)


def _relative_named_month(start: int, end: int, rel: str, month: int, pub_year: int | None,
                          pub_month: int | None) -> Time:
    """"last April" in an article of April 2026 is April 2025 (the latest April before the month it
    was written in); "this April" is of the publication's year, "next April" the first after it; with
    no publication month, the month without a year."""
    if pub_year is None or pub_month is None:
        return Time(start, end, None, f"M{month:02d}", True)
    year = {"last": pub_year if month < pub_month else pub_year - 1, "this": pub_year,
            "next": pub_year if month > pub_month else pub_year + 1}[rel]
    return Time(start, end, year, f"M{month:02d}", True)


def _end_of(low: str, i: int, period: str | None) -> str | None:
    """"at the end of the second quarter" is its last month (M06); else the period itself."""
    if period and END_OF_BEFORE.search(low, max(0, i - 24), i):
        months = period_months(period)
        return f"M{months[1]:02d}" if months else period
    return period


# a month that is a sentence's subject: "April brought 538,000 visits", "March alone saw ..."
_MONTH_AS_SUBJECT = re.compile(r"\s+(?:alone\s+)?(?:brought|saw|recorded|registered|witnessed|posted|logged)(?![a-z])")


# the year "first full year" names after it: "in its first full year, 2016", "(2016)", "of operation, 2016"
_FULL_YEAR_NAMED = re.compile(r"(?:\s+of\s+[a-z]+)?(?:,\s*|\s*\()((?:19|20)\d\d)(?!\d)")


def _opens_sentence(low: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and low[j] in " \t":
        j -= 1
    return j < 0 or low[j] in ".!?\n"


def read_time(text: str, low: str, i: int, word: str, pub_year: int | None,
              pub_month: int | None = None) -> Time | None:
    """A time expression starting at anchor `i` (a word anchor), or None."""
    if word == "first" and low.startswith("first full year", i):  # "in its first full year": the next one
        named = _FULL_YEAR_NAMED.match(low, i + len("first full year"))
        if named:  # "in its first full year, 2016": the year it names
            return Time(i, named.end(1), int(named.group(1)), None)
        year, known = _time_from_relative("next", pub_year)
        return Time(i, i + len("first full year"), year, None, known, rel="next")
    if word in ORDINAL_TIME or word in ("q1", "q2", "q3", "q4", "h1", "h2"):
        if word[0] in "qh" and not text[i].isupper():
            return None
        m = _PERIOD_AT.match(low, i)
        if not m:
            return None
        if low.endswith(("its ", "their "), max(0, i - 6), i) and low.endswith("months", m.start(), m.end()):
            return None  # "a park that drew 150,000 visitors in its first two months": its own, not January-February
        period = _end_of(low, i, _canonical(lx.PERIOD_PHRASES[m.group(1)]))
        year, known = (int(m.group(2) or m.group(4)) if (m.group(2) or m.group(4)) else None), True
        rel = m.group(3)
        if rel and rel != "the":
            year, known = _time_from_relative(rel, pub_year)
            return Time(i, m.end(), year, period, known, rel=rel)
        return Time(i, m.end(), year, period, known)
    if word in lx.MONTHS:
        if not text[i].isupper():
            return None  # "may", "march"
        dm = _DAY_SPAN_AT.match(low, i)
        if dm and lx.MONTHS[dm.group(1)] < lx.MONTHS[dm.group(3)]:
            y = int(dm.group(5)) if dm.group(5) else None
            if int(dm.group(2)) != 1 or int(dm.group(4)) < 28:  # "from Oct 20 to Nov 11": days, no period of months
                return Time(i, dm.end(), y, None, frame=bool(y), date=True)
            # "Jan 1-Nov 30": the months it spans
            return Time(i, dm.end(), y, _end_of(low, i, canonical_period(lx.MONTHS[dm.group(1)], lx.MONTHS[dm.group(3)])))
        m = _MONTH_AT.match(low, i)
        if not m:
            return None
        m1, joined, m2, day, year, rel = m.groups()
        if len(m1) <= 4 and not (joined or day or year) and low[i - 1:i] == " " \
                and (low[max(0, i - 7):i - 1].split() or [""])[-1] in lx.SURNAMES:
            return None  # "Ye Jun: Thank you": a given name after a surname
        if joined and m2 and lx.MONTHS[m2] != lx.MONTHS[m1] + 1:
            m2 = None  # "March and May" is two months, not a range
        y = int(year) if year else None
        if day and not m2:
            return Time(i, m.end(), y, None, frame=y is not None, date=True)   # a date: its year, no period
        if rel:
            yy, known = _time_from_relative(rel, pub_year)
        else:
            yy, known = y, True
        a = lx.MONTHS[m1]
        if m2:
            b = lx.MONTHS[m2]
            return Time(i, m.end(), yy, _end_of(low, i, canonical_period(a, b)) if a <= b else None, known, rel=rel)
        # "in May", "China's November exports", "July: ...", "Mar alone +6.2%"
        if low.endswith(("in ", "during ", "for ", "of ", "'s ", "’s ", "its "), max(0, i - 8), i) or y or rel \
                or END_OF_BEFORE.search(low, max(0, i - 24), i) or low.startswith((":", " alone"), m.end()) \
                or (_MONTH_AS_SUBJECT.match(low, m.end()) and _opens_sentence(low, i)):
            return Time(i, m.end(), yy, f"M{a:02d}", known, rel=rel)
        return None
    if word == "decade":  # "a decade ago" in a dated text: ten years before its publication ("two decades ago": a number's)
        m = _A_DECADE_AGO.match(low, i)
        if m is None or pub_year is None or not low.endswith("a ", max(0, i - 2), i) or (i > 2 and low[i - 3].isalpha()):
            return None
        return Time(i - 2, m.end(), pub_year - 10, None)
    if word in RELATIVE:
        m = _RELATIVE_AT.match(low, i)
        mm = None if m else _RELATIVE_MONTH_AT.match(low, i)
        if mm is not None and text[mm.start(2)].isupper():
            return _relative_named_month(i, mm.end(), mm.group(1), lx.MONTHS[mm.group(2)], pub_year, pub_month)
        if not m:
            w = _THIS_WEEK_AT.match(low, i)  # "last weekend", "this season": the publication's present, a moment
            return None if w is None else Time(i, w.end(), pub_year, None, pub_year is not None, rel="this", date=True)
        rel = m.group(1) or m.group(3)
        if m.group(2) == "month":
            return _relative_month(i, m.end(), rel, pub_year, pub_month)
        year, known = _time_from_relative(rel, pub_year)
        # a season ("last spring") is an anecdote's moment, like a day: never a document's frame
        return Time(i, m.end(), year, None, known, rel="last" if rel in ("previous", "past") else rel,
                    date=m.group(3) is not None)
    return None


def is_horizon(low: str, t: Time) -> bool:
    """"by 2025", "by the end of 2027", "until 2030": the year a plan is for."""
    return bool(_HORIZON_BEFORE.search(low, max(0, t.start - 30), t.start))


# in a text about Nanjing's Lishui, the Lishui of Zhejiang named as such ("Zhejiang's Lishui", "Lishui city in
# Zhejiang", "Lishui, Zhejiang")
_ZHEJIANG_LISHUI_BEFORE = re.compile(r"zhejiang['’]s\s+$")
# "Lishui City", "Lishui, Zhejiang", "Lishui, a prefecture-level city of 2.5 million people in southwestern Zhejiang,"
_ZHEJIANG_LISHUI_AFTER = re.compile(r"\s+(?:city|municipal|municipality)(?![a-z])|,?\s+(?:in\s+)?zhejiang(?![a-z])|"
                                    r",\s+an?\s+(?:[a-z-]+\s+){0,2}?city(?![a-z])(?:[^.;,\n]|(?<=\d)\.(?=\d)){0,60}?(?<![a-z])zhejiang(?![a-z])")


def read_place(text: str, low: str, i: int, end: int, word: str, gazetteer: Gazetteer, nanjing: bool) -> Place | None:
    """A place mention at `i`, with its region code, or None (a company name like "Zhejiang Rongqi")."""
    if word in lx.PLACE_REFS:
        if word == "the province":
            return Place(i, end, "", "province-ref", bool(_POSSESSIVE.match(low, end)))
        if word in ("the country", "the nation"):
            return Place(i, end, "China", "broad", bool(_POSSESSIVE.match(low, end)))
        if word in ("the county", "the whole county", "countywide", "county-wide", "the county-level city") or \
                (word == "the district" and not nanjing):
            return Place(i, end, "", "county-ref", False)
        return Place(i, end, "", "city-ref", False)
    if not text[i].isupper():
        return None
    if text[i:end].isupper() and len(text) > end + 1 and text[end:end + 4].lstrip(" ,").startswith(("--", "—", "–", "(", "-")) \
            or text[i:end].isupper() and _DATELINE_TAIL.match(text, end):
        # "HANGZHOU --": where the report was filed (its region kept for a county's own dateline)
        return Place(i, end, gazetteer.names.get(word) or "", "dateline", False)
    if i > 1 and text[i - 1] == "-" and text[i - 2].isalpha():
        return None
    if text[end:end + 1] == "-" and text[end + 1:end + 2].isupper():
        # "Ningbo-Zhoushan Port", "the Jinhua-Wenzhou railway": a thing named after the places it joins, of neither
        return Place(i, end, "Other", "other", False)
    poss = bool(_POSSESSIVE.match(low, end))
    if poss and _DESCRIPTOR_BEFORE.search(text, max(0, i - 12), i):
        return None  # "East China's Zhejiang": a compass region describing the next place
    nm = None if poss else _NEXT_WORD.match(text, end)
    # "Yunhe Terraces", "Zhejiang Rongqi" (but "Jinyun County's": a head word, possessive)
    named = nm is not None and not {nm.group(1), _POSSESSIVE_END.sub("", nm.group(1))} & lx.PLACE_HEAD_WORDS
    region = gazetteer.names.get(word)
    if region is None:
        return None if named else Place(i, end, "Other", "other", poss)
    if poss and gazetteer.is_broad(region):
        d = _DESCRIBED_PLACE_AFTER.match(text, end)
        inner = gazetteer.names.get(d.group(1).lower()) if d else None
        if inner is not None and inner != region and gazetteer.within(inner, region):
            return None  # "China's Zhejiang", "China's eastern manufacturing hub of Zhejiang": where the next place is
    if region == HOME_CITY:
        if nanjing and not _ZHEJIANG_LISHUI_BEFORE.search(low, max(0, i - 12), i) \
                and not _ZHEJIANG_LISHUI_AFTER.match(low, end):
            return Place(i, end, NANJING_LISHUI, "specific", poss)
        if text.startswith(" District", end):
            return None  # Lishui District in a Zhejiang article: ambiguous, not a clue
    if named:
        # a name that starts with a place: a landmark or a firm located there, not the place itself
        return Place(i, end, region, "named", poss) if gazetteer.is_county(region) else None
    if nanjing and region in ("Nanjing", "Jiangsu"):
        return Place(i, end, region, "broad", poss)
    return Place(i, end, region, "broad" if gazetteer.is_broad(region) else "specific", poss)


def mark_containers(text: str, low: str, places: list[Place], gazetteer: Gazetteer, main_region: str | None = None) -> None:
    """In an address chain ("Yunhe county in Lishui, Zhejiang province", "Lishui, a city in East
    China's Zhejiang province") the first place is the place and the later ones only contain it.
    In an article about a county, "part of Lishui" and "in Lishui" name the container too."""
    for k in range(1, len(places)):
        a, b = places[k - 1], places[k]
        if a.kind not in ("specific", "container", "broad", "local", "other") or b.kind not in ("specific", "broad"):
            continue
        if a.kind == "broad" and b.kind != "broad":
            continue
        m = ADDRESS_TAIL.match(text, a.end)
        if m and m.end() == b.start and a.region != b.region and not low.startswith("the ", a.start) \
                and (a.region == "Other" or gazetteer.within(a.region, b.region)):
            b.kind = "container"
    if main_region and gazetteer.is_county(main_region):
        for p in places:
            if p.region == HOME_CITY and p.kind == "specific" and \
                    _CONTAINER_BEFORE.search(text, max(0, p.start - 25), p.start):
                p.kind = "container"


def with_frame(low: str, t: Time) -> Time:
    """`t`, marked as no figure's time when it is a start point or a comparison base (`not_a_frame`)."""
    t.frame = t.frame and not not_a_frame(low, t)
    return t


def not_a_frame(low: str, t: Time) -> bool:
    """True when the expression is a start point or a comparison base, not a figure's time.

    "since 2019", "than last year", "over the same period of 2023", "since the reform began in 2019",
    "up 45 percent on 2022", the base of a change ("narrowing by 0.5 points from January-June"), "than
    that from January to September", the "this year" of "the first increase this year" are not; "from January to November" (a period), "over the first 11 months"
    and a sentence's opening "Over the past year," are.
    """
    if t.rel == "this" and t.period is None and _FIRST_SO_FAR_BEFORE.search(low, max(0, t.start - 30), t.start):
        return True  # "the first increase this year": counts the year so far, dates no figure
    m = _NOT_FRAME_BEFORE.search(low, max(0, t.start - 48), t.start)
    if not m:
        return bool(SINCE_CLAUSE.search(low, max(0, t.start - 90), t.start))
    if m.group(0).startswith("over") and (t.period is not None or t.until is not None):
        return False  # "over the first 11 months", "over the 2021-2025 period" are periods; "over 2017" a base
    if m.group(0).startswith("over the") and t.rel is not None and _OPENS.search(low, max(0, m.start() - 3), m.start()):
        return False  # "Over the past year, the county's GDP reached ...": the time the sentence reports on
    if m.group(0).startswith("from") and _THAN_THAT.search(low, max(0, m.start() - 16), m.start()):
        return True  # "0.6 points higher than that from January to September": the base's period
    return not (t.period and m.group(0).strip().startswith("from") and _RANGE_WORD.search(low, t.start, t.end)
                and not _CHANGED_FROM.search(low, max(0, m.start() - 24), m.start()))


# "the first increase this year", "for the first time this year", "its only decline this year"
_FIRST_SO_FAR_BEFORE = re.compile(r"(?<![a-z])(?:first|only|second|third)\s+(?:[a-z-]+\s+){0,2}$")
_THAN_THAT = re.compile(r"(?<![a-z])than(?:\s+(?:that|those))?\s+$")


# "narrowing by 0.5 percentage points from January-June", "slowing from January-May": the change of a rate
# from a base period ("rose 5 percent from January to June" is the period of the change)
_CHANGED_FROM = re.compile(r"(?<![a-z])(?:points?|narrow\w*|widen\w*|slow\w*|accelerat\w*|quicken\w*)\s+$")
_OPENS = re.compile(r"(?:^|[.!?]\s|\n)$")
_RANGE_WORD = re.compile(r"(?<![a-z])(?:to|through|till|until)(?![a-z])|[-–]")
