"""One pass over a document that finds every anchor the extractor cares about.

Anchors are digits, number words, time words and place names. They are found with a single
regular expression whose word alternation is factored into a trie (Python's `re` tries
alternatives one by one; a trie lets it fail after one or two characters), run over the
lower-cased text. Each anchor is then read where it stands: a number mention, a time
expression (a year, "the first half of 2024", "January to November", "last year") or a place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx


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


def lower(text: str) -> str:
    """`text` lower-cased with offsets kept (characters whose lower case is longer stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


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


@dataclass(slots=True)
class Place:
    start: int
    end: int
    region: str
    kind: str                   # specific | broad | other | city-ref | container
    possessive: bool


ORDINAL_TIME = {"first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"}
RELATIVE = {"this", "last", "next", "previous", "past"}
PLACE_NAMES = {"lishui"} | set(lx.COUNTIES) | {"zhejiang", "china", "nanjing", "jiangsu"} | set(lx.OTHER_PLACES)
PLACE_REFS = {"the province", "the country", "the nation", "the city", "the whole city", "citywide", "city-wide",
              "the county", "the whole county", "the district", "countywide", "county-wide", "the county-level city"}
NUMBER_WORDS = (set(lx.UNITS_WORDS) | set(lx.TENS_WORDS) | set(lx.ORDINALS) | set(lx.MULTIPLE_WORDS)
                | {"half"} | {f for f in lx.FRACTIONS if f.startswith("a ")}
                | {"a hundred", "a thousand", "a dozen", "a million", "a billion"})
_WORDS = NUMBER_WORDS | set(lx.MONTHS) | ORDINAL_TIME | RELATIVE | PLACE_NAMES | PLACE_REFS | {
    "q1", "q2", "q3", "q4", "h1", "h2"}
# group 1 is the anchor; the character before it is consumed rather than looked behind at,
# which keeps the pattern's first-character set and so the scan fast
ANCHOR = re.compile(r"(?:^|[^a-z\d])(\d+|" + trie_pattern(_WORDS) + r"(?![a-z\d]))")

_YEAR = r"(?:19[5-9]\d|20\d\d)"
_MONTH = trie_pattern(lx.MONTHS)
_PERIOD_AT = re.compile(
    "(" + trie_pattern(lx.PERIOD_PHRASES) + r")(?![a-z])"
    r"(?:\s+of\s+(?:the\s+)?(?:year\s+)?(" + _YEAR + r")(?!\d)|\s+of\s+(this|last|next|the)\s+year|\s+(" + _YEAR + r")(?!\d))?")
_MONTH_AT = re.compile(
    "(" + _MONTH + r")\.?(?![a-z])"
    r"(?:\s*(?:to|-|–|through|till|until)\s*(" + _MONTH + r")\.?(?![a-z]))?"
    r"(?:\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d,]\d))?"
    r"(?:,?\s+(?:of\s+)?(" + _YEAR + r")(?!\d)|\s+(?:of\s+)?(this|last)\s+year)?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MONTH + r")\.?(?![a-z])(?:,?\s+(" + _YEAR + r")(?!\d))?")
_DATE_AT = re.compile(r"(" + _YEAR + r")[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)"
                      r"|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](" + _YEAR + r")(?!\d)"
                      r"|\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_YEAR_RANGE = re.compile(r"(" + _YEAR + r")\s*(?:-|–|—|to|through)\s*(" + _YEAR + r"|\d\d)(?![\d,])")
_RELATIVE_AT = re.compile(r"(this|last|next|previous|past)\s+year(?![a-z-])")
_NOT_FRAME_BEFORE = re.compile(
    r"(?:(?<![a-z])(?:since|from|than|than in|over|compared with|compared to|versus|vs\.?|against|"
    r"founded in|established in|set up in|that of|those of|level of|than that of)\s+(?:the\s+)?(?:same period (?:of\s+)?)?"
    r"|(?<![a-z])same (?:period|time)\s+(?:of\s+|in\s+)?)$")
_POSSESSIVE = re.compile(r"['’]s\b")
_NEXT_WORD = re.compile(r"\s+([A-Z][\w-]*)")
_PLACE_WORDS = {
    "City", "County", "District", "Province", "Municipal", "Municipality", "Economic", "Development",
    "High-tech", "Zone", "Township", "Town", "Village", "Street", "Area", "Region", "Prefecture",
    "Autonomous", "She", "Statistics", "Bureau", "Party", "Government", "People's", "Nine",
    "Mountain", "Airport", "Port", "Station", "Lake", "River", "Park", "New", "Industrial",
    "National", "Provincial", "Valley", "Green", "Urban", "Rural", "Science", "High", "Daily",
}
_DATELINE_TAIL = re.compile(r",\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?:--|—|–|-|\()")
_ADDRESS_TAIL = re.compile(r"(?:\s+(?:[Cc]ounty|City|[Dd]istrict))?(?:,\s+|\s+(?:in|of),?\s+)Lishui\b")


def _time_from_relative(rel: str, pub_year: int | None) -> tuple[int | None, bool]:
    off = {"this": 0, "last": -1, "previous": -1, "past": -1, "next": 1}[rel]
    return (pub_year + off if pub_year else None), pub_year is not None


def read_time(text: str, low: str, i: int, word: str, pub_year: int | None) -> Time | None:
    """A time expression starting at anchor `i` (a word anchor), or None."""
    if word in ORDINAL_TIME or word in ("q1", "q2", "q3", "q4", "h1", "h2"):
        if word[0] in "qh" and not text[i].isupper():
            return None
        m = _PERIOD_AT.match(low, i)
        if not m:
            return None
        period = lx.PERIOD_PHRASES[m.group(1)]
        year, known = (int(m.group(2) or m.group(4)) if (m.group(2) or m.group(4)) else None), True
        rel = m.group(3)
        if rel and rel != "the":
            year, known = _time_from_relative(rel, pub_year)
            return Time(i, m.end(), year, period, known, rel=rel)
        return Time(i, m.end(), year, period, known)
    if word in lx.MONTHS:
        if not text[i].isupper():
            return None  # "may", "march"
        m = _MONTH_AT.match(low, i)
        if not m:
            return None
        m1, m2, day, year, rel = m.groups()
        y = int(year) if year else None
        if day and not m2:
            return Time(i, m.end(), y, None, frame=y is not None)   # a date: its year, no period
        if rel:
            yy, known = _time_from_relative(rel, pub_year)
        else:
            yy, known = y, True
        a = lx.MONTHS[m1]
        if m2:
            b = lx.MONTHS[m2]
            return Time(i, m.end(), yy, f"M{a:02d}-M{b:02d}" if a != b else f"M{a:02d}", known)
        if low.endswith(("in ", "during ", "for "), max(0, i - 8), i) or y or rel:
            return Time(i, m.end(), yy, f"M{a:02d}", known)
        return None
    if word in RELATIVE:
        m = _RELATIVE_AT.match(low, i)
        if not m:
            return None
        rel = m.group(1)
        year, known = _time_from_relative(rel, pub_year)
        return Time(i, m.end(), year, None, known, rel="last" if rel in ("previous", "past") else rel)
    return None


def read_place(text: str, low: str, i: int, end: int, word: str, nanjing: bool, province: str) -> Place | None:
    """A place mention at `i`, with its region code, or None (a company name like "Zhejiang Rongqi")."""
    if word in PLACE_REFS:
        if word in ("the province",):
            return Place(i, end, province, "broad", bool(_POSSESSIVE.match(low, end)))
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
        return Place(i, end, "", "dateline", False)  # "HANGZHOU --": where the report was filed
    poss = bool(_POSSESSIVE.match(low, end))
    nm = None if poss else _NEXT_WORD.match(text, end)
    company = nm is not None and nm.group(1) not in _PLACE_WORDS
    if word in lx.COUNTIES:
        return Place(i, end, lx.COUNTIES[word], "specific", poss)
    if word == "lishui":
        if nanjing:
            return Place(i, end, "Nanjing-Lishui", "specific", poss)
        if text.startswith(" District", end):
            return None  # Lishui District in a Zhejiang article: ambiguous, not a clue
        return Place(i, end, "Lishui", "specific", poss)
    if company:
        return None
    if word == "zhejiang":
        return Place(i, end, "Zhejiang", "broad", poss)
    if word == "china":
        return Place(i, end, "China", "broad", poss)
    if nanjing and word in ("nanjing", "jiangsu"):
        return Place(i, end, "Other", "broad", poss)
    return Place(i, end, "Other", "other", poss)


_CONTAINER_BEFORE = re.compile(r"(?:part of|under|administered by|of|in),?\s+$")


def mark_containers(text: str, places: list[Place], main_region: str | None = None) -> None:
    """"Youzhu Street, Qingtian, Lishui": the county is the place, Lishui only its container. In an
    article about a county, "part of Lishui" and "in Lishui" name the container too."""
    for a, b in zip(places, places[1:]):
        if a.kind == "specific" and a.region not in ("Lishui", "Nanjing-Lishui") and b.region == "Lishui" \
                and _ADDRESS_TAIL.match(text, a.end):
            b.kind = "container"
    if main_region in lx.COUNTIES.values():
        for p in places:
            if p.region == "Lishui" and p.kind == "specific" and \
                    _CONTAINER_BEFORE.search(text, max(0, p.start - 25), p.start):
                p.kind = "container"


def not_a_frame(low: str, t: Time) -> bool:
    """True when the expression is a start point or a comparison base, not a figure's time.

    "since 2019", "than last year", "over the same period of 2023" are not; "from January to
    November" (a period) is.
    """
    m = _NOT_FRAME_BEFORE.search(low, max(0, t.start - 30), t.start)
    if not m:
        return False
    return not (t.period and "-" in t.period and m.group(0).strip().startswith("from"))
