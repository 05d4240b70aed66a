"""When a figure is: the `time`, `year` and `period` rules.

The TIME rules find the time expression that dates the figure in its clause, sentence or
paragraph ("541.9 billion yuan in 2023", "In H1, ... grew 6.9 percent"), or none. The YEAR
and PERIOD rules then read that expression, or, when there is none, the frames of the document
(frame.py: headline, lead, section headings, reporting year). A plan's year is its horizon ("by
2025", "in the next five years", "during the 14th Five-Year Plan period"); a plan takes no year
from the document's frame.
"""
from __future__ import annotations

import re
from operator import attrgetter

from . import lexicon as lx
from .frame import ALONE_AFTER, latest_year_of
from .qualifiers import (AFTER_A_CHANGE_BEFORE, AND_PLAN_PREDICATE, ASIDE_PARTICIPLE, FROM_BEFORE, HEDGE,
                         ITS_CHANGE_WORDS, NEXT_CLAUSE, RELATIVE_OPENER, RELATIVE_STILL_OPEN, pair_position, set_against)
from .rules import NA, Example, Rules
from .scan import FIVE_YEAR_PLAN, SINCE_CLAUSE, YEAR_RANGE, Time, canonical_period, period_months, several_months
from .segment import bracketed_apart, earlier_in_paragraph, quoted_apart, sentence_search
from .target import sentence_cues

TIME = Rules("time")
YEAR = Rules("year", key=attrgetter("is_target"))
PERIOD = Rules("period", key=attrgetter("is_target"))
PLAN = (True,)  # the keys of a rule that reads only plans (targets): other figures do not try it


def dates(t: Time) -> bool:
    """Whether a time expression can date a figure: not a comparison base or start point, and not a
    relative year ("in the past year") that the undated document cannot resolve."""
    return t.frame and (t.known or t.period is not None)


def sentence_times(doc, s, owned: bool = False) -> list[Time]:
    """The time expressions of sentence `s` that can date a figure (with `owned`, also those that
    date only the figure they follow: "up from 35.6 percent in 2009")."""
    key = "times_owned" if owned else "times"
    ts = s.cache.get(key)
    if ts is None:
        ts = s.cache[key] = [t for t in doc.times_between(s.start, s.end) if dates(t) and (owned or t.owner is None)]
    return ts


def time_text(doc, t: Time | None) -> str | None:
    return None if t is None else doc.text[t.start:t.end]


_OWN_TIME = re.compile(r"\s+(?:(?:in|of|during)\s+)?(?:the\s+)?(?:same\s+(?:period|month|quarter)\s+(?:of\s+)?)?")
# a change of an earlier period a figure reverses or follows: "reversing a 0.6% decline in January-September"
_REVERSING_BEFORE = re.compile(r"(?<![a-z])(?:reversing|reversed|reverses|after|following)\s+(?:a|an)\s+$")
_CHANGE_IN = re.compile(r"\s+(?:year-on-year\s+)?(?:decline|drop|fall|decrease|contraction|growth|increase|rise|gain)"
                        r"\s+(?:in|of|during|for)\s+(?:the\s+)?")


def own_base_times(doc, figures) -> None:
    """"up from 35.6 percent in 2009", "from 4.1 billion yuan the previous year", "against 62.9 percent
    last year", "up from 19 percent in the same period last year": the time right after the starting
    value of a change, or the value it is set against, dates only that value (a relative one, which
    no lead frames, dates it still), not the other figures of its sentence; so does the time of a
    change the figure followed ("fell 0.2 percent in May, after falling 0.1 percent in April"). The
    year of a goal ("the 2025 target of 86,000 yuan", "on track to meet their 2025 targets") dates
    only the goal's value, if the sentence gives one, not the figures reported beside it; the year of
    a level ("to double from the 2025 level of 6.2 billion yuan") dates that level's value only; the
    year a goal was set in ("the goal of 60 billion yuan set in 2021") dates nothing."""
    starts = None
    if "'s" in doc.low or "’s" in doc.low:
        for f in figures:
            _own_possessive_time(doc, f)
    for t in doc.years:
        if t.year is not None and t.owner is None and _SET_IN_BEFORE.search(doc.low, max(0, t.start - 80), t.start):
            t.owner = -1  # "exceeding the goal of 60 billion yuan set in 2021": when the goal was set dates nothing
        elif t.year is not None and t.owner is None and _GOAL_AFTER.match(doc.low, t.end):
            if starts is None:
                starts = {f.m.start for f in figures}
            gm = _GOAL_OF_AFTER.match(doc.low, t.end)
            t.owner = gm.end() if gm is not None and gm.end() in starts else -1
        elif t.year is not None and t.owner is None and (lm := _LEVEL_OF_AFTER.match(doc.low, t.end)) is not None:
            if starts is None:
                starts = {f.m.start for f in figures}
            if lm.end() in starts:
                t.owner = lm.end()  # "to double from the 2025 level of 6.2 billion yuan"
    for f in figures:
        if set_against(f.left):
            later = doc.times_between(f.m.end, f.m.end + 32)  # (also "compared with a 0.2 percent increase in October")
            if later and (_OWN_TIME.fullmatch(doc.low, f.m.end, later[0].start)
                          or _CHANGE_IN.fullmatch(doc.low, f.m.end, later[0].start)):
                later[0].owner = f.m.start
                later[0].frame = later[0].frame or later[0].rel is not None  # "... in the same period last year"
        elif ("revers" in f.left or "after" in f.left or "following" in f.left) and _REVERSING_BEFORE.search(f.left):
            # "grew 1.3%, reversing a 0.6% decline in January-September"
            later = doc.times_between(f.m.end, f.m.end + 30)
            if later and _CHANGE_IN.fullmatch(doc.low, f.m.end, later[0].start):
                later[0].owner = f.m.start
        elif ("after" in f.left or "following" in f.left) and AFTER_A_CHANGE_BEFORE.search(f.left):
            # "fell 0.2 percent in May, after falling 0.1 percent in April, and was down 0.3 percent ..."
            later = doc.times_between(f.m.end, f.m.end + 16)
            if later and _OWN_TIME.fullmatch(doc.low, f.m.end, later[0].start):
                later[0].owner = f.m.start


# a time whose possessive opens the figure: "worse than 1H's -0.6%", "last year's 6.1 percent", "2019's 410,000"
_POSSESSIVE_BEFORE = re.compile(r"['’]s\s+(?:[+-]\s*|minus\s+)?" + HEDGE + r"$")


def _own_possessive_time(doc, f) -> None:
    """A time written as the possessive right before a figure ("than 1H's -0.6%", "from last year's
    6.1 percent") dates that figure only (even as a comparison's base), not its neighbours."""
    tail = f.left[-40:]
    m = _POSSESSIVE_BEFORE.search(tail)
    if m is None:
        return
    end = f.m.start - (len(tail) - m.start())
    before = doc.times_between(max(0, end - 24), end)
    if before and before[-1].end == end and before[-1].owner is None and (before[-1].known or before[-1].period):
        t = before[-1]
        t.owner, t.frame = f.m.start, True


_GOAL_AFTER = re.compile(r"\s+(?:targets?|goals?)(?![a-z])")
# a goal or plan, then the year it was set in: "the goal of 60 billion yuan set in 2021", "the plan, adopted in 2021,"
_SET_IN_BEFORE = re.compile(r"(?<![a-z])(?:target|goal|plan|outline|blueprint|objective)s?(?:\s+of)?[^.;:]{0,40}?,?\s+"
                            r"(?:set|adopted|announced|approved|drawn\s+up|released|unveiled|proposed|laid\s+out)"
                            r"\s+(?:back\s+)?in\s+$")
_LEVEL_OF_AFTER = re.compile(r"\s+(?:" + "|".join(lx.LEVEL_NOUNS) + r")\s+of\s+" + HEDGE)
_GOAL_OF_AFTER = re.compile(r"\s+(?:targets?|goals?)\s+(?:of|at|is|was|:)\s*" + HEDGE)


# --- which time expression dates the figure ----------------------------------------------

# "now", but not in a clause that names a place ("the area that is now Lishui")
_PRESENT = re.compile(r"(?<![a-z])(?:today|(?<!that is )(?<!what is )(?<!which is )now|currently|at present|nowadays)"
                      r"(?![a-z])")
_PRESENT_NEEDLES = ("today", "now", "current", "present")  # one of these is in every _PRESENT match


def _present(doc, start: int, end: int) -> Time:
    """The present, at text [start, end): the publication year of a dated document ("now", "today",
    "since 2020", a standing fact)."""
    return Time(start, end, doc.pub_year, None, True, rel="now")


_YEARS_JOIN = re.compile(r"\s*,?\s+and\s+|\s*,\s*")


@TIME.rule(("| Indicator | Unit | Jan-Jun | YoY growth (%) |\n| GDP | 100 million yuan | 40,300 | 5.6 |", "40,300", "Jan-Jun"),
           ("| County | 2023 | Growth (%) |\n| Yunhe | 9.1 | 7.2 |", "9.1", "2023"),
           ("Main indicators, 2025\n\n| Indicator | 2025 | Growth over 2024 (%) |\n| GDP | 9.1 | 7.2 |", "7.2", None),
           ("| Indicator | Value |\n| GDP | 40,300 |", "40,300", None))
def table_header_time(doc, f):
    """A table's figure is of the time its column's header names ("Jan-Jun", "2023"), else of the
    one its row's label names, else of the document's frames (never of another row's time)."""
    if f.cell is None:
        return NA
    for a, b in (f.cell.header, f.cell.label):
        for t in doc.times_between(a, b):
            if dates(t):
                return t
    return None


@TIME.rule(("Updated: Jun 11, 2025\nIncomes reached 67,010 yuan in 2024, surpassing the 2025 target of 65,000 yuan.",
            "65,000 yuan", "2025"),
           Example("Updated: Jun 11, 2025\nIncomes reached 67,010 yuan in 2024, surpassing the 2025 target of 65,000 "
                   "yuan.", "67,010 yuan", "2024", by="time_right_after"),
           Example("Updated: Nov 28, 2023\nOf its 65 indicators, 58 are on track to meet their 2025 targets.", "58",
                   None, by="no_time"),
           ("Updated: Oct 29, 2026\nInvestment fell 1.8% YTD, worse than 1H's -0.6%.", "0.6%", "1H"),
           ("Sales are to triple by 2030 from the 2024 level of 3.1 billion yuan.", "3.1 billion yuan", "2024"),
           Example("Updated: Feb 3, 2026\nSales reached 9 billion yuan last year, beating the goal of 8 billion yuan set "
                   "in 2021.", "8 billion yuan", "last year", by="time_earlier_in_sentence"),
           ("Updated: Jan 9, 2026\nGrowth eased to 5.2 percent from last year's 6.1 percent.", "6.1 percent", "last year"),
           Example("Updated: Oct 29, 2026\nInvestment fell 1.8% YTD, worse than 1H's -0.6%.", "1.8%", "YTD",
                   by="year_to_date"))
def time_it_owns_before(doc, f):
    """A time before the figure that is its own (own_base_times): the year of a goal ("the 2025 target
    of 65,000 yuan"), which dates no other figure of its sentence ("58 are on track to meet their 2025
    targets": none), and a time written as the figure's possessive ("worse than 1H's -0.6%")."""
    for t in doc.times_between(f.sentence.start, f.m.start):
        if t.owner == f.m.start and t.end <= f.m.start:
            return t
    return NA


@TIME.rule(("In 2021 and 2022 the economy grew 8.3 percent and 4.3 percent.", "8.3 percent", "2021"),
           ("Sales were 3 billion yuan and 4 billion yuan in 2022 and 2023 respectively.", "4 billion yuan", "2023"))
def pair_of_years_for_a_pair(doc, f):
    """Two years named as a pair ("In 2021 and 2022") and two figures named as a pair ("8.3 percent
    and 4.3 percent") in one sentence: the first figure is of the first year, the second of the second."""
    low, s = doc.low, f.sentence
    pairs = s.cache.get("year_pairs")
    if pairs is None:
        ts = [t for t in sentence_times(doc, s) if t.year is not None and t.period is None]
        pairs = s.cache["year_pairs"] = [(a, b) for a, b in zip(ts, ts[1:]) if _YEARS_JOIN.fullmatch(low, a.end, b.start)]
    if len(pairs) != 1:
        return NA
    position = pair_position(low, f)
    if position == 0:
        return pairs[0][0]
    if position == 1 and f.prev.bound is pairs[0][0]:
        return pairs[0][1]
    return NA


_TIME_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?:in|during|for|of|by|as of|at the end of|over|throughout)\s+(?:the\s+)?")


@TIME.rule(("GEP rose to 541.9 billion yuan in 2023, from 416.4 billion in 2018.", "541.9 billion yuan", "2023"),
           ("Exports were 8 billion yuan over the first 10 months.", "8 billion yuan", "first 10 months"),
           ("Updated: May 2, 2024\nThey earned 86,000 yuan, compared with 9,000 yuan a decade ago.", "9,000 yuan",
            "a decade ago"))
def time_right_after(doc, f):
    """A time expression right after the figure in its clause ("541.9 billion yuan in 2023") dates it."""
    c0, c1 = f.clause
    for t in sentence_times(doc, f.sentence, owned=True):
        if t.start >= f.m.end and t.start < c1 and (t.owner == f.m.start or t.owner is None
                                                      and _TIME_AFTER.fullmatch(doc.low, f.m.end, t.start)):
            return t  # "62.9 percent last year" after "against": its own time (own_base_times)
    return NA


_TO_AFTER = re.compile(r"\s+to\s+" + HEDGE + r"[\d.,]")


@TIME.rule(("From 2019 to 2024, sales grew from 12.1 billion yuan to 20.4 billion yuan.", "12.1 billion yuan", "2019"))
def start_of_a_range(doc, f):
    """"From 2019 to 2024, ... grew from X to Y": X is of the range's first year."""
    low, start = doc.low, f.m.start
    if not (FROM_BEFORE.search(low, max(f.clause[0], start - 20), start) and _TO_AFTER.match(low, f.m.end)):
        return NA
    span = [t for t in doc.times_between(f.sentence.start, start) if t.year is not None]
    if len(span) >= 2 and span[-2].year < span[-1].year \
            and (span[-2].frame or YEAR_RANGE.fullmatch(low, span[-2].start, span[-1].end)):
        return span[-2]
    return NA


_RELATIVE_PRONOUN = re.compile(r"(?<![a-z])(?<!of )(?:that|which|who)\s")  # (not "23 of which were introduced last year")
_YEAR_TO_DATE = re.compile(r"(?<![a-z])(?:ytd|year[- ]to[- ]date)(?![a-z])")


@TIME.rule(("Updated: Oct 21, 2025\nGDP grew 5.8% in Jan-Sep. Output rose 7.1% in Sep (Aug: +6.5%). Retail sales "
            "were soft at +3.2% y/y YTD.", "3.2%", "YTD"),
           ("Updated: Oct 21, 2025\nRetail sales were soft at +3.2% y/y YTD.", "3.2%", "YTD"),
           ("Note of 24 Oct 2025\nGDP +5.6% in 1-3Q25 (1H25: +5.8%). Exports +8.4% YTD.", "8.4%", "YTD"))
def year_to_date(doc, f):
    """"YTD", "year to date" in the figure's clause: from January to the end of the longest period
    from January the document named before (its "Jan-Sep", not a bracket's "1H25" after it), else to
    the month before it was published."""
    c0, c1 = f.clause
    m = _YEAR_TO_DATE.search(doc.low, c0, c1) if ("ytd" in doc.low[c0:c1] or "to-date" in doc.low[c0:c1]
                                                    or "to date" in doc.low[c0:c1]) else None
    if m is None:
        return NA
    spans = [t for t in doc.times_between(0, f.m.start)
             if t.year is not None and several_months(t.period) and period_months(t.period)[0] == 1
             and (doc.pub_year is None or t.year == doc.pub_year)]
    if spans:  # the longest ("1-3Q25 ... (1H25: +5.8%) ... YTD": January to September)
        t = max(spans, key=lambda t: (t.year, period_months(t.period)[1]))
        return Time(m.start(), m.end(), t.year, t.period)
    if doc.pub_month is None or doc.pub_month < 3:
        return NA
    return Time(m.start(), m.end(), doc.pub_year, canonical_period(1, doc.pub_month - 1))


_LABEL_TIME_AFTER = re.compile(r"\s*[)）]\s*[:：]\s*$")


@TIME.rule(("Jingning County\nArea: 1,950 square kilometers\nGDP (2024): 9.83 billion yuan, up 6.2%", "6.2%", "2024"),)
def time_of_the_label(doc, f):
    """A year in brackets that ends a line's label ("GDP (2024): 9.83 billion yuan, up 6.2%") dates
    the values after its colon."""
    if not (doc.holds["):"] or doc.holds["）："]):
        return NA
    a = doc.low.rfind("\n", 0, f.m.start) + 1
    colon = doc.low.find(":", a, f.m.start)
    if colon < 0:
        colon = doc.low.find("：", a, f.m.start)
    if colon < 0:
        return NA
    for t in doc.times_between(a, colon):
        if t.year is not None and _LABEL_TIME_AFTER.match(doc.low, t.end, colon + 1):
            return t
    return NA


_ELLIPTIC_ORDINAL_AFTER = re.compile(r"\s+in\s+(the\s+(first|second|third|fourth))(?![a-z-])(?!\s+[a-z])")
_ORDINAL_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


@TIME.rule(("In the second quarter, GDP grew 5.5 percent, after 5.7 percent in the first.", "5.7 percent", "the first"),
           ("GDP grew 7.1 percent in the second quarter, up from 6.2 percent in the first.", "6.2 percent", "the first"))
def period_left_out_after(doc, f):
    """"..., after 5.7 percent in the first": the quarter (or half) its sentence named before, by
    its ordinal (Q1)."""
    m = _ELLIPTIC_ORDINAL_AFTER.match(doc.low, f.m.end)
    if m is None:
        return NA
    for t in reversed(doc.times_between(f.sentence.start, f.m.start)):
        if t.period and t.period[0] in "QH" and len(t.period) == 2:
            n = _ORDINAL_NUMBERS[m.group(2)]
            if t.period[0] == "H" and n > 2:
                return NA
            return Time(m.start(1), m.end(), t.year, f"{t.period[0]}{n}", t.known, rel=t.rel)
    return NA


@TIME.rule(("In the first half retail sales reached 9 billion yuan.", "9 billion yuan", "first half"),
           ("Power use in November rose 4 percent.", "4 percent", "November"),
           Example("Updated: May 2, 2024\nToday the co-op has 420 members and sold 38 million yuan of tea last year.",
                   "420", "Today", by="present_in_clause"),
           ("Updated: May 2, 2024\nToday the co-op has 420 members and sold 38 million yuan of tea last year.",
            "38 million yuan", "last year"),
           Example("Updated: May 21, 2025\nThe county has trained 650 hosts since 2021 and plans to build a park by "
                   "2027.", "650", None, by="no_time"),
           Example("Updated: Oct 15, 2025\nThe town has 40 inns, and it aims to raise that number to 60 by 2027.", "40",
                   None, by="no_time"),
           Example("Updated: Jun 12, 2024\nYe returned in 2018 and opened a winery that now employs 45 people.", "45",
                   "now", by="present_in_clause"),
           ("Industrial output rose 7.6% in the first quarter; March alone +6.2%", "6.2%", "March"),
           Example("Updated: Jun 17, 2025\nToday its 1,600 residents run 210 shops that sold 380 million yuan of tools last "
                   "year.", "210", "Today", by="present_in_clause"))
def time_in_clause(doc, f):
    """The time expression nearest the figure in its own clause dates it, unless "now" or "today"
    stands between them ("in 2018 ... a winery that now employs 45 people") or it dates another
    clause (`_of_another_clause`: "has trained 650 hosts and plans to ... by 2027", "Today the
    co-op has 420 members and sold 38 million yuan of tea last year": 420 is of today)."""
    c0, c1 = f.clause
    same = [t for t in sentence_times(doc, f.sentence) if c0 <= t.start < c1]
    if not same:
        return NA
    best = min(same, key=lambda t: abs(t.start - f.m.start))
    if best.end <= f.m.start and (_PRESENT.search(doc.low, best.end, f.m.start)
                                  or _AND_NOW_DOES.search(doc.low, best.end, f.m.start + 1)):
        return NA  # "returned in 2018 and opened a winery that now employs 45 people", "opened in 2023 and employs": now
    if best.start > f.m.end and _RELATIVE_PRONOUN.search(doc.low, f.m.end, best.start):
        return NA  # "Today its 1,600 residents run 210 shops that sold 380 million yuan last year": the shops' sales
    if best.start > f.m.end and _dates_a_base(doc, f, best):
        return NA  # "made up less than 15% of sales, down from about a quarter in 2018": the base's
    return NA if _of_another_clause(doc, f, best) else best


_PAST_FORM = r"(?:[a-z]+ed|" + "|".join(lx.IRREGULAR_PAST) + r")(?![a-z])"
_AND_PAST = re.compile(r"(?<![a-z])and\s+" + _PAST_FORM)
_THAT_DID = re.compile(r"(?<![a-z])(?:that|which|who)\s+(?:together\s+|also\s+)?" + _PAST_FORM)


def _of_another_clause(doc, f, t: Time) -> bool:
    """Whether time `t`, after the figure, dates another clause than the figure's:
    - the main clause, when the figure is in a relative clause ("Dajun, where 60 percent of residents
      are She, earned ... last year");
    - a relative clause with a figure of its own, after a present-tense fact ("is home to 1,000 firms,
      which made 22.3 billion yuan last year"; not "opened 18 homestays, which received 42,000
      tourists in 2022");
    - a second predicate joined by "and" that is a plan ("and plans to build a park by 2027"), or in
      the past tense when "today" or "now" opens the figure's clause or its verb is a standing fact
      ("the factory employs 1,800 people and exported ... last year");
    - a later clause in the past tense after a standing fact ("Forests cover 81.9 percent of the
      county, and its air was good on 99.5 percent of days last year")."""
    low = doc.low
    if t.start <= f.m.end:
        return False
    if "," in low[f.m.end:t.start] and RELATIVE_STILL_OPEN.search(low, f.sentence.start, f.m.start):
        return True  # "Dajun village, where 60 percent of residents are She, earned ... last year"
    if (RELATIVE_OPENER.search(low, f.m.end, t.start) or _THAT_DID.search(low, f.m.end, t.start)) \
            and _PRESENT_FACT.search(low, f.clause[0], f.m.start) and any(
            f.m.end < x < t.start for x in f.sentence.cache.get("figure_starts", ())):
        return True  # "Yunhe is home to 1,000 toy companies, which together made 22.3 billion yuan of toys last year",
        # "The park houses 28 companies that paid 86 million yuan in taxes last year"
    if " and " not in low[f.m.end:t.start]:
        return False
    if AND_PLAN_PREDICATE.search(low, f.m.end, t.start) \
            or _AND_PAST.search(low, f.m.end, t.start) and (_PRESENT.search(low, f.clause[0], f.m.start)
                                                             or _STANDING_FACT.search(low, f.clause[0], f.m.start)):
        return True
    c1 = f.clause[1]
    return t.start >= c1 and bool(_PRESENT_FACT.search(low, f.clause[0], f.m.start)) \
        and bool(_PAST_VERB.search(low, c1, t.start))


_PAST_VERB = re.compile(r"(?<![a-z-])(?:was|were|had|(?!(?:need|speed|seed|feed|bed|red|hundred)(?![a-z]))[a-z]{2,}ed|"
                        + "|".join(lx.IRREGULAR_PAST) + r")(?![a-z])")


_BACK_THEN = re.compile(r"(?<![a-z])(?:back\s+then|at\s+that\s+time|in\s+those\s+days|in\s+those\s+years|"
                        r"(?:that|the)\s+same\s+year|that\s+year|in\s+(?:the|its|their|her|his|my|our)\s+first\s+year|"
                        r"(a\s+year\s+later|the\s+following\s+year|the\s+year\s+after))(?![a-z])")
_BACK_THEN_NEEDLES = ("then", "that time", "those", "same year", "that year", "first year", "year later",
                      "following year", "year after")  # one of these is in every _BACK_THEN match


# the size of a place in an apposition: "Damushan, a village of 460 people, ..."
_PLACE_OF_A_SIZE = re.compile(r",\s+(?:a|an)\s+(?:[a-z-]+\s+){0,2}?(?:village|town|township|county|city|district|"
                              r"community|island|hamlet|settlement|prefecture|province)\s+(?:of|with)\s+"
                              r"(?:about\s+|some\s+|nearly\s+|around\s+|more\s+than\s+|over\s+|just\s+|only\s+)?$")
_ITS_PEOPLE = re.compile(r"\s+(?:people|residents|inhabitants|households|villagers|souls)\s*,")


@TIME.rule(("Updated: Mar 24, 2026\nIn Damushan, a village of 460 people, tea income averaged 86,000 yuan in 2025.",
            "460", "a village of"),
           Example("Updated: Mar 24, 2026\nIn Damushan, a village of 460 people, tea income averaged 86,000 yuan in "
                   "2025.", "86,000 yuan", "2025", by="time_right_after"),
           ("Updated: May 11, 2026\nThe city, a hilly prefecture with 2.5 million residents, had GDP of 228 billion yuan "
            "in 2025.", "2.5 million", "a hilly prefecture with"))
def size_in_an_apposition(doc, f):
    """The people of a place counted in an apposition ("Damushan, a village of 460 people, ...") are
    its standing size: the present of a dated document, not the time of the sentence's statement."""
    if doc.pub_year is None or not f.left.endswith(("of ", "than ", "with ", "about ", "some ", "nearly ", "around ")):
        return NA
    tail = f.left[-60:]
    m = _PLACE_OF_A_SIZE.search(tail)
    if m is None or not _ITS_PEOPLE.match(doc.low, f.m.end):
        return NA
    start = f.m.start - len(tail) + m.start() + 1  # after the comma
    start += len(doc.low[start:f.m.start]) - len(doc.low[start:f.m.start].lstrip())
    return _present(doc, start, start + len(doc.low[start:f.m.start].rstrip()))


@TIME.rule(("Updated: May 2, 2024\nHe opened the shop in 1986. Back then, the street had only nine stalls.", "nine",
            "Back then"),
           ("Updated: May 2, 2024\nIn 2001 she came home. At that time, the village earned 300 yuan a head.",
            "300 yuan", "At that time"),
           Example("Updated: May 2, 2024\nHe came in 1998. “Back then, I sold 10 kilograms a day,” said Ye, who now "
                   "employs 35 people.", "35", "now", by="present_in_clause"),
           ("Updated: Oct 8, 2024\nIn 2016, she opened the first inn.\n“In the first year I made 60,000 yuan,” she "
            "said.", "60,000 yuan", "In the first year"),
           ("Updated: Oct 8, 2024\nIn 2016, she opened the first inn. A year later, she had 12 rooms.", "12",
            "A year later"))
def back_then(doc, f):
    """"Back then", "at that time", "in those days", "that year", "in the first year" before the figure
    in its sentence: the year the text named last before the sentence (a narrative's past year), not
    the present of a "now" nearby; "a year later", "the following year": the year after it."""
    m = sentence_search(doc.low, f.sentence, _BACK_THEN, _BACK_THEN_NEEDLES, doc.needles)
    if m is None or m.start() >= f.m.start or _PRESENT.search(doc.low, m.end(), f.m.start) \
            or quoted_apart(doc.text, f.sentence.start, m.start(), m.end(), f.m.start):
        return NA  # "“Back then, I sold 10 kilograms,” said Ye, who now employs 35": now
    for t in reversed(doc.times_between(0, f.sentence.start)):
        if t.year is not None and dates(t) and not t.adjective and t.owner is None:
            year = t.year + 1 if m.group(1) else t.year
            return Time(m.start(), m.end(), year if doc.pub_year is None else min(year, doc.pub_year), None)
    return NA


@TIME.rule(("Updated: May 2, 2024\nIn 2019 it had 8 shops, and 35 firms now trade there.", "35", "now"),
           ("Updated: May 2, 2024\nA sword that sold for 200 yuan in the 1990s fetches 8,000 yuan today.", "8,000 yuan",
            "today"),
           Example("Updated: May 2, 2024\nIn 1949, the area that is now Lishui had a GDP of 62 million yuan.",
                   "62 million yuan", "1949", by="time_earlier_in_sentence"),
           Example("In 2019 it had 8 shops, and 35 firms now trade there.", "35", "2019",
                   by="time_earlier_in_sentence"))
def present_in_clause(doc, f):
    """"now", "today", "currently" in the figure's own clause of a dated document: the present, its
    publication year, not a year named earlier in the sentence."""
    if doc.pub_year is None:
        return NA
    if sentence_search(doc.low, f.sentence, _PRESENT, _PRESENT_NEEDLES, doc.needles) is None:
        return NA
    m = _PRESENT.search(doc.low, *f.clause)
    return NA if m is None or m.start() < f.m.start and _own_past_predicate(doc, f, m.end()) \
        else _present(doc, m.start(), m.end())


@TIME.rule(("Updated: May 2, 2024\nToday, the town has 80 inns, and its sales hit 9 million yuan last year.", "80",
            "Today"),
           Example("Updated: May 2, 2024\nToday his farm covers 40 mu and earned 1.2 million yuan last year.",
                   "1.2 million yuan", "last year", by="time_in_clause"),
           Example("Updated: May 2, 2024\nToday, the town has 80 inns, and its sales hit 9 million yuan last year.",
                   "9 million yuan", "last year", by="time_in_clause"))
def present_before_in_sentence(doc, f):
    """"Today", "now", "currently" before the figure in its sentence of a dated document, with no time
    expression between them: the present, its publication year (not a year that closes the sentence)."""
    if doc.pub_year is None:
        return NA
    low = doc.low
    if sentence_search(low, f.sentence, _PRESENT, _PRESENT_NEEDLES, doc.needles) is None:
        return NA
    last = None
    for m in _PRESENT.finditer(low, f.sentence.start, f.m.start):
        last = m
    if last is None or any(last.end() <= t.start < f.m.start for t in sentence_times(doc, f.sentence)):
        return NA
    if _own_past_predicate(doc, f, last.end()):
        return NA
    return _present(doc, last.start(), last.end())


def _own_past_predicate(doc, f, start: int) -> bool:
    """Whether the figure is the object of a second predicate in the past, after `start`, with a time
    of its own after it ("Today her farm covers 300 mu and sold 2.6 million yuan of flowers last year")."""
    if not _AND_PAST_BEFORE.search(doc.low, start, f.m.start):
        return False
    end = min(f.next.m.start if f.next is not None else f.sentence.end, f.sentence.end)
    return any(f.m.end <= t.start < end for t in sentence_times(doc, f.sentence))


# a second predicate in the past: "... covers 300 mu and sold 2.6 million yuan ..."
_AND_PAST_BEFORE = re.compile(r"(?<![a-z])and\s+" + _PAST_FORM + r"\s+(?:[a-z]+\s+)?$")


@TIME.rule(("In 2023, the county's GDP grew, and exports rose 12 percent.", "12 percent", "2023"),
           ("Updated: Apr 3, 2025\nFive years ago, shoots sold for 3 yuan a kilogram.", "3 yuan", "Five years ago"),
           ("In 2016 she designed a workshop. Nine years on, her studio has built 27 houses.", "27", "Nine years on"),
           ("Updated: Dec 4, 2023\nIn 2015 he rented a greenhouse.\n\nEight years on, his cooperative farms 420 mu.",
            "420 mu", "Eight years on"),
           Example("Updated: May 2, 2024\n“In 2014 nobody came,” says Lan, who has 12 rooms.", "12", None,
                   by="no_time"),
           Example("Output fell 1.2 percent, mainly affected by the high base of last year, while chip output rose "
                   "7.9 percent.", "7.9 percent", None, by="no_time"),
           Example("Updated: Jun 5, 2025\nIn 2021, it became a pilot, and since then it has sold credits worth 9.8 "
                   "million yuan.", "9.8 million yuan", "since then", by="since_a_year"),
           Example("Zhejiang's GEP was 7.6 trillion yuan in 2024.\nLishui, which pioneered GEP accounting in 2019, had "
                   "the highest ratio, at 2.7.", "2.7", None, by="no_time"),
           Example("GDP rose 5.9% in the third quarter of 2025 (2Q25: +5.7%), above the national 4.8%.", "4.8%",
                   "third quarter of 2025"),
           Example("Updated: Dec 1, 2026\nThe wine market, opened in 2015, has grown to 8,000 square meters.",
                   "8,000 square meters", None, by="no_time"),
           Example("Updated: Mar 27, 2026\nThe firm built a resort that opened in 2023 and employs 85 villagers.", "85",
                   None, by="no_time"),
           Example("Updated: Mar 27, 2026\nTea sales reached 4 billion yuan in 2025, and the trade supports 30,000 jobs.",
                   "30,000", None, by="no_time"),
           Example("Updated: Apr 2, 2026\nThe town sold 90,000 pots of honey last year, and has 240 beekeepers.", "240",
                   None, by="no_time"),
           Example("Updated: Jun 16, 2026\nThe zone's revenue rose 12 percent in 2025. It is home to 1,260 firms.", "1,260",
                   None, by="no_time"),
           Example("Updated: Jan 12, 2026\nRural incomes, which reached 33,480 yuan last year, are expected to grow by "
                   "7.5 percent.", "7.5 percent", None, by="no_time"),
           Example("Updated: Jun 2, 2026\nToday, after the county began training its cooks in 2016, its noodles are "
                   "sold in 3,000 shops.", "3,000", "Today", by="present_in_sentence"))
def time_earlier_in_sentence(doc, f):
    """Else the last time expression before the figure in its sentence, not one inside a quotation,
    brackets ("(2Q25: +5.7%), above our 5.6% forecast") or a relative clause ("Lishui, which
    pioneered it in 2019, had ...") or an opening adverbial clause ("Today, after the county started
    branding them in 2016, they are sold in 8,000 shops") that closes before the figure, nor one that
    "since then" follows."""
    before = [t for t in sentence_times(doc, f.sentence) if t.start < f.m.start
              and not _in_a_relative_clause(doc.low, f.sentence.start, t, f.m.start)
              and not _in_an_opening_adverbial(doc.low, f.sentence.start, t, f.m.start)
              and not bracketed_apart(doc.text, f.sentence.start, t.start, t.end, f.m.start)]
    if before and (quoted_apart(doc.text, f.sentence.start, before[-1].start, before[-1].end, f.m.start)
                   or _SINCE_THEN.search(doc.low, before[-1].end, f.m.start)
                   or _AND_NOW_DOES.search(doc.low, before[-1].end, f.m.start + 1)):
        return NA  # "In 2021, it became a pilot, and since then it has sold ...": since then; "a resort that
        # opened in 2023 and employs 85 villagers": what it does now
    return before[-1] if before else NA




# the third-person present of a standing fact other than "is" and "has" ("employs", "covers")
_STANDING_VERBS = "|".join(sorted(v for v in lx.PRESENT_FACT_VERBS if v.endswith("s") and v not in ("is", "has")))
_AND_NOW_DOES = re.compile(r"(?<![a-z])and\s+(?:(?:the|its|their)\s+[a-z-]+\s+)?(?:now\s+|still\s+)?(?:" + _STANDING_VERBS
                           + r"|ha(?:s|ve)(?=\s+" + HEDGE + r"\d))"
                           r"(?![a-z])")  # "and employs 85", "and the trade supports 50,000 jobs", "and has 1,100 shops"


def _in_a_relative_clause(low: str, start: int, t: Time, end: int) -> bool:
    """Whether time `t` is inside a relative clause or a participle's aside between commas that
    closes before `end` ("Lishui, which pioneered GEP accounting in 2019, had the highest ratio ...",
    "The market, opened in 2015, has 520 shops")."""
    return ", " in low[t.end:end] and not _ITS_CHANGE.fullmatch(low, t.end, end) \
        and bool(RELATIVE_STILL_OPEN.search(low, start, t.start)  # (", which sold ... in 2020, up 35 percent": within)
                 or _ASIDE_STILL_OPEN.search(low, start, t.start))


def _in_an_opening_adverbial(low: str, start: int, t: Time, end: int) -> bool:
    """Whether time `t` is inside a clause of what came before that opens the sentence and closes
    before `end` ("After the county began training them in 2016, ...", "Today, after ... in 2016,
    ..."; not "When he was born in 1962, ...", which dates the main clause)."""
    m = _ADVERBIAL_OPENS.match(low, start, t.start)
    return m is not None and m.end() == t.start and ", " in low[t.end:end]


_ADVERBIAL_OPENS = re.compile(r"(?:(?:today|now|nowadays),\s+)?after\s+[^,;]*")  # (not "When ... in 1962,": then)
_ASIDE_STILL_OPEN = re.compile(r",\s+" + ASIDE_PARTICIPLE + r"\s+(?:in|on|at)\s+(?:[^,;]|(?<=\d),(?=\d)){0,24}$")


@TIME.rule(("Retail sales grew 7.1 percent, and online sales 12 percent, in the first quarter.", "7.1 percent",
            "first quarter"),
           Example("Updated: Mar 16, 2022\nForests cover 81.9 percent of the county, and its air was rated good on 99.5 "
                   "percent of days last year.", "81.9 percent", None, by="no_time"),
           Example("Updated: Aug 30, 2024\nYunhe is home to more than 1,000 toy companies, which together made 22.3 "
                   "billion yuan of toys last year.", "1,000", None, by="no_time"),
           Example("Updated: Jun 3, 2026\nThe park houses 28 firms that paid 86 million yuan in taxes last year.", "28",
                   None, by="no_time"),
           Example("Updated: Dec 11, 2026\nThe producer price index fell 2.4 percent, the same pace as in October.",
                   "2.4 percent", None, by="no_time"),
           Example("Updated: Mar 31, 2025\nDajun village, where 60 percent of residents are She, earned 1.2 million "
                   "yuan from homestays last year.", "60 percent", None, by="no_time"),
           ("Updated: Sep 16, 2025\nThe market sold 3.3 billion yuan of wine, coffee and olive oil last year, an "
            "increase of 18.6%.", "3.3 billion yuan", "last year"),
           Example("Sales of the first quarter of 2026: +3.9% y/y, slowing from +9.8% in Q4 2025", "3.9%",
                   "first quarter of 2026", by="time_earlier_in_sentence"),
           Example("Updated: Aug 19, 2025\nInvestment fell 0.8 percent, with the fall narrowing by 0.5 percentage points "
                   "from January-June.", "0.8 percent", None, by="no_time"),
           ("Updated: May 28, 2025\nThe city sold 680 million yuan of tea, mushrooms and bamboo to Nanjing last year, up "
            "35 percent, while Nanjing sent 12,000 tourists.", "680 million yuan", "last year"),
           ("Updated: Feb 6, 2025\nThe county exported toys worth 7.3 billion yuan ($1 billion) last year, up 11 percent.",
            "7.3 billion yuan", "last year"))
def time_closing_sentence(doc, f):
    """Else a time expression that closes the sentence, with no figure after it but the change of
    the figure's own statement ("sold 3.3 billion yuan ... last year, an increase of 18.6%"), dates
    the whole sentence; one followed by more figures ("..., and in November, sales rose 9%") dates
    only them, one right after the base of a comparison ("slowing from +9.8% in Q4 2025") only that
    base, and one of another clause (`_of_another_clause`) not the figure before it."""
    later = [t for t in sentence_times(doc, f.sentence) if t.start >= f.m.end]
    if not later:
        return NA
    t = later[-1]
    starts = f.sentence.cache.get("figure_starts", ())
    if _dates_a_base(doc, f, t):
        return NA  # "+3.9% y/y, slowing from +9.8% in Q4 2025": the time of the base only
    after = [x for x in starts if x > t.start]
    if after and not (_ITS_CHANGE.fullmatch(doc.low, t.end, after[0])
                      and not any(f.m.start < x < t.start and not _CONVERSION_BEFORE.fullmatch(doc.low, f.m.end, x)
                                  for x in starts)
                      and (len(after) == 1 or NEXT_CLAUSE.search(doc.low, after[0], after[1]))):
        return NA  # "..., and in November, sales rose 9%": it dates only what follows it
    if _RISING_TO_ANOTHER.search(doc.low, f.m.end, t.start):
        return NA  # "28 pairs a day will run at first, rising to 40 pairs by 2028": the later figure's
    return NA if _of_another_clause(doc, f, t) else t


def _dates_a_base(doc, f, t: Time) -> bool:
    """Whether time `t`, after figure `f`, follows right after a later figure that is the base of a
    comparison ("+3.9% y/y, slowing from +9.8% in Q4 2025"): it dates only that base."""
    between = [x for x in f.sentence.cache.get("figure_starts", ()) if f.m.end <= x < t.start]
    return bool(between) and t.start - between[-1] < 40 and "," not in doc.low[between[-1]:t.start] \
        and set_against(doc.low[max(0, between[-1] - 40):between[-1]])


# a figure's conversion in brackets right after it: "7.3 billion yuan ($1 billion)"
_CONVERSION_BEFORE = re.compile(r"\s*[(（]\s*")
# the change of the figure before, right after the time that closes its statement ("... last year, up 18.6%")
_ITS_CHANGE = re.compile(r"\s*,\s*" + ITS_CHANGE_WORDS + r"\s+" + HEDGE)




@TIME.rule(("Updated: May 2, 2024\nIn 2012 the farm had 8 mu. It covers 120 mu, and it is now a park.",
            "120 mu", "now"),
           Example("In 2012 the farm had 8 mu. It covers 120 mu, and it is now a park.", "120 mu", "2012",
                   by="time_earlier_in_paragraph"),
           Example("Updated: Feb 14, 2026\nThe share is to reach 9 percent, against 7.2 percent now.", "9 percent", None,
                   by="no_time"),
           ("Yiwu's exports in the first half of 2025\nTraders did well. \"Last year Americans made up 30 percent of my "
            "orders. Now it is 12 percent,\" said one.", "12 percent", "Now"))
def present_in_sentence(doc, f):
    """"Today", "now", "currently" in the sentence of a dated document: the present, its publication
    year, not a year named earlier in the paragraph. Undated, the paragraph's year stands, but for a
    "Now" opening a sentence after a "last year" ("Last year ... 30 percent. Now it is 12 percent"):
    the document's reporting year."""
    year = doc.pub_year
    if year is None and (doc.frames.reporting_year is None or not any(
            t.rel == "last" for t in doc.times_between(doc.lay.paragraph_starts[f.sentence.paragraph],
                                                         f.sentence.start))):
        return NA
    m = sentence_search(doc.low, f.sentence, _PRESENT, _PRESENT_NEEDLES, doc.needles)
    if m is None:
        return NA
    if m.start() > f.m.end and _A_FIGURE_BEFORE_NOW.search(doc.low, max(0, m.start() - 12), m.start()):
        return NA  # "should account for 9 percent of GDP, against 7.2 percent now": the other figure's present
    if year is None:  # undated: only a "Now ..." that opens its sentence, set against the "last year" before it
        if doc.low[f.sentence.start:m.start()].strip(" \"“‘'") != "":
            return NA
        return Time(m.start(), m.end(), doc.frames.reporting_year, None, True, rel="now")
    return _present(doc, m.start(), m.end())


_A_FIGURE_BEFORE_NOW = re.compile(r"(?:\d|%|percent|yuan|tons?)\s+$")




_SINCE_THEN = re.compile(r"(?<![a-z])since\s+then(?![a-z])")


@TIME.rule(("Updated: May 2, 2024\nIn 2023 the fair drew crowds. Since 2020, firms have invested 8 billion yuan.",
            "8 billion yuan", "2020"),
           ("Updated: May 2, 2024\nThe park opened in 2018. Since then, it has drawn 3 million visitors.",
            "3 million visitors", "Since then"),
           Example("In 2023 the fair drew crowds. Since 2020, firms have invested 8 billion yuan.", "8 billion yuan",
                   "2023", by="time_earlier_in_paragraph"))
def since_a_year(doc, f):
    """"Since 2020, firms have invested 8 billion yuan", "Since the fund opened in 2020, ...", "Since
    then, ...": a sum since a year, in a dated document, runs up to its publication year, not a year
    named in an earlier sentence."""
    if doc.pub_year is None:
        return NA
    low = doc.low
    for t in doc.times_between(f.sentence.start, f.m.start):
        if not t.frame and t.year is not None and SINCE_CLAUSE.search(low, max(0, t.start - 90), t.start):
            return _present(doc, t.start, t.end)
    m = _SINCE_THEN.search(low, f.sentence.start, f.m.start)
    return NA if m is None else _present(doc, m.start(), m.end())


@TIME.rule(("Updated: May 2, 2024\nThe bridge was built in 1462. It still carries 9,000 cars a day.", "9,000",
            "carries"),
           Example("The bridge was built in 1462. It still carries 9,000 cars a day.", "9,000", "1462",
                   by="time_earlier_in_paragraph"))
def standing_fact_in_clause(doc, f):
    """A standing fact in the present tense ("it still carries", "the county covers", "it has"; not
    "is", "are" or "has grown") in a dated document is of its publication year, not of a year named
    in an earlier sentence; a sentence with a plan cue states no fact."""
    if doc.pub_year is None:
        return NA
    m = _STANDING_FACT.search(doc.low, f.clause[0], f.m.start)
    if m is None or sentence_cues(doc, f.sentence)["cues"] or _last_time_before(doc, f.sentence) is None:
        return NA  # no such verb before the figure in its clause, a plan, or no earlier year to keep it from
    return _present(doc, m.start(), m.end())


_THE_PERIOD = re.compile(r"(?<![a-z])(?:in|during|for|over)\s+the\s+(?:same\s+)?(?:period|(?:two|three|four|five|six|"
                         r"seven|eight|nine|ten|eleven|\d{1,2})\s+months)(?![a-z])")  # "in the seven months'


@TIME.rule(("Toy makers go digital\n\nThe county has 1,000 toy firms. In the first eight months, its exports rose 11 "
            "percent.\n\nOnline sales reached 1.1 billion yuan in the period.", "1.1 billion yuan", "first eight months"),
           ("Toy makers go digital\n\nThe county has 1,000 toy firms. In the first eight months, its exports rose 11 "
            "percent, and 95 percent of its firms were busy in August.\n\nOnline sales reached 1.1 billion yuan in the "
            "eight months.", "1.1 billion yuan", "first eight months"),
           ("Exports rose 7.8 percent from January to August.\nIn August alone, they rose 6.3 percent.\nNationwide, "
            "exports grew 5.8 percent in the same period.", "5.8 percent", None))
def the_period_named_before(doc, f):
    """"in the period", "during the same period", "in the seven months": the period of the document's
    frame (no time of its own: the frames date it), else the last period of months it named before."""
    if sentence_search(doc.low, f.sentence, _THE_PERIOD, ("period", "months"), doc.needles) is None:
        return NA
    framed = doc.frames.at(f.sentence.paragraph)[1]
    if framed is not None and several_months(framed):
        return None  # (in a release on one month, "in the period" is of the months named before)
    for t in reversed(doc.times_between(0, f.sentence.start)):
        if several_months(t.period) and dates(t) and t.owner is None:  # not "In August alone"
            return t
    return NA


@TIME.rule(("The plant will be finished by 2029. The town also plans to open 40 shops this year.", "40", "this year"),
           ("The mill will reopen by 2030. Last year the farm sold 600 tons of pears.", "600 tons", "Last year"),
           Example("In 2023 the mill closed. Last year the farm sold 600 tons of pears.", "600 tons", "2023",
                   by="time_earlier_in_paragraph"))
def unknown_relative_year_in_clause(doc, f):
    """"this year", "last year" in the figure's clause of a text whose date is unknown, no other time
    in its sentence, and a plan's horizon the last time before it in its paragraph: that year,
    unknown, rather than the horizon ("by 2029" is not the year of "40 shops this year"); after a
    year that is not a horizon, that year may be the text's own ("in 2023 ... last year")."""
    if doc.pub_year is not None:
        return NA  # (a dated text knows its relative years)
    c0, c1 = f.clause
    if sentence_times(doc, f.sentence) or not getattr(_last_time_before(doc, f.sentence), "horizon", False):
        return NA
    for t in doc.times_between(c0, c1):
        if t.rel is not None and not t.known and t.frame and t.owner is None:
            return t
    return NA


@TIME.rule(("Output rose from 8 billion yuan in 2020 to 12 billion yuan in 2025. Firms grew from 310 to 700.", "310",
            "2020"),
           Example("Output rose from 8 billion yuan in 2020 to 12 billion yuan in 2025. Firms grew from 310 to 700.",
                   "700", "2025", by="time_earlier_in_paragraph"))
def start_of_the_span_before(doc, f):
    """The start of a change "from X to Y" whose sentence names no time, after a change of its
    paragraph from one year to another ("from 86.3 billion yuan in 2020 to 129.5 billion yuan in
    2025"): X is of that start year (and Y of the later one, time_earlier_in_paragraph)."""
    if "from" not in f.left[-24:] or not FROM_BEFORE.search(f.left) or not _TO_AFTER.match(doc.low, f.m.end) \
            or sentence_times(doc, f.sentence):
        return NA
    last = _last_time_before(doc, f.sentence)
    if last is None or last.year is None:
        return NA
    para = doc.lay.paragraph_starts[f.sentence.paragraph]
    for t in reversed(doc.times_between(para, last.start)):
        if t.owner is not None and t.year is not None and t.year < last.year and t.frame and t.period is None:
            return t
    return NA


@TIME.rule(("In the first half of 2023, exports grew 9 percent. Imports rose 4 percent.", "4 percent",
            "first half of 2023"),
           Example("Updated: Mar 2, 2024\nExports reached 2 billion yuan in 2023. The county has 900 firms, 120 of "
                   "them exporters.", "120", None, by="no_time"),
           Example("Updated: Apr 2, 2025\nSales rose 16 percent last year. A hand-forged sword by him can fetch "
                   "200,000 yuan.", "200,000 yuan", None, by="no_time"),
           ("Updated: Aug 19, 2026\nIn the first seven months, sales rose 9 percent. In July alone they rose 12 percent. "
            "Exports grew 6 percent.", "6 percent", "first seven months"),
           ("Updated: Oct 29, 2026\nGDP grew 6.2% in 1-3Q26, slowing for the first time this year. Nominal GDP came "
            "in at RMB172.4bn.", "RMB172.4bn", "1-3Q26"),
           Example("Updated: Dec 9, 2025\nIts forests stored 218 million tons of carbon at the end of 2024. Forests cover "
                   "81.8 percent of its land.", "81.8 percent", "Dec 9, 2025",
                   by="time_of_the_paragraph_its_continues"),
           Example("Updated: Apr 8, 2026\nVisits rose 9 percent in 2025. Its orchards cover 5,200 mu, and its pears sold "
                   "for 12 yuan a kilogram at the spring fair.", "5,200 mu", None, by="no_time"),
           Example("Updated: Apr 8, 2026\nThe town wants 2 million visitors by 2028. It has opened a 40-hectare park.",
                   "40-hectare", None, by="no_time"),
           Example("Updated: Oct 9, 2026\nThe county's trade reached 6 billion yuan in 2025. Some 9,000 of its "
                   "residents make a living from tea.", "9,000", None, by="no_time"),
           ("Lishui in the first half of 2026\nAt the end of June, loans were 690 billion yuan. Deposits rose 8 percent.",
            "8 percent", "June"),
           Example("Lishui in the first half of 2026\nAt the end of June, loans were 690 billion yuan. Per capita "
                   "disposable income was 30,100 yuan.", "30,100 yuan", None, by="no_time"))
def time_earlier_in_paragraph(doc, f):
    """Else the last time expression of an earlier sentence of its paragraph (not a year used as
    an adjective, "the 2024 list"), unless the figure's sentence, or its own clause, states a
    standing fact in the present tense and nothing in the past ("Trade reached 8.6 billion yuan last
    year. The county has 1,680 firms, 420 of them ...": of the publication's present), nor a flow
    (income, sales, output ...) after a stock's "At the end of June" in a text on a longer period."""
    t = _last_time_before(doc, f.sentence)
    if t is None or t.horizon and not f.is_target:
        return NA  # (a plan's "by 2028" dates no reported figure after it: "It has built a 1.2-square-kilometer park")
    s, low = f.sentence, doc.low
    if _flow_after_a_stock(doc, f, t):
        return NA  # "At the end of June, deposits were ... The per capita disposable income was ...": of the half
    if doc.pub_year is not None and (_standing_fact_in(low, s.start, s.end) and not _past_in(low, s.start, s.end)
                                     or _standing_fact_in(low, *f.clause) and not _past_in(low, *f.clause)):
        return NA  # not "That is three times as much as last year": it points back
    return t


# a stock is "at the end of June"; a flow before its figure is of the frame's period
_END_OF_BEFORE = re.compile(r"(?<![a-z])end\s+of\s+$")
_FLOW = re.compile(r"(?<![a-z])(?:" + "|".join(lx.FLOW_NOUNS) + r")(?![a-z])")


def _flow_after_a_stock(doc, f, t: Time) -> bool:
    """Whether `t` is a single month's end ("At the end of June") that an earlier sentence dates a
    stock by, and f's sentence names a flow before it (income, sales ...) in a text framed by a period."""
    low, s = doc.low, f.sentence
    return t.period is not None and t.period[0] == "M" and "-" not in t.period \
        and _END_OF_BEFORE.search(low, max(0, t.start - 16), t.start) is not None \
        and doc.frames.at(s.paragraph)[1] is not None and _FLOW.search(low, s.start, f.m.start) is not None


def _standing_fact_in(low: str, a: int, b: int) -> bool:
    """Whether low[a:b] states a standing fact in the present ("has", "covers", "are", "can", "forests cover")."""
    return bool(_STANDING_FACT.search(low, a, b) or _ARE.search(low, a, b) or _CAN.search(low, a, b)
                or _PLURAL_FACT.search(low, a, b))


def _last_time_before(doc, s) -> Time | None:
    """The last time expression that can date a figure in the sentences of s's paragraph before it
    (not one set apart: "(1H: +10.2%)", "Sep alone +7.4%", "In July alone, ..."; the "this year" of
    "slowing for the first time this year" counts the year so far and is no frame: scan.not_a_frame)."""
    return earlier_in_paragraph(doc.lay.sentences, s, "last_time_before", lambda prev, cur: next(
        (t for t in reversed(doc.times_between(prev.start, cur.start))
         if dates(t) and not t.adjective and t.owner is None
         and not bracketed_apart(doc.text, prev.start, t.start, t.end, prev.end)
         and not ALONE_AFTER.match(doc.low, t.end)), None))


@TIME.rule(("Updated: Jan 21, 2025\nQuzhou sets 2025 targets\n\nQuzhou aims for growth of 6.5 percent in 2025.\n\n"
            "Last year, its GDP grew 6.8 percent.\n\nIts rural residents earned 39,110 yuan.", "39,110 yuan",
            "Last year"),
           ("In 2016, Liu moved back to Yunhe with savings of 200,000 yuan.\n\nHe rented a workshop and hired six "
            "carpenters.", "six", "2016"),
           ("Updated: Jul 6, 2026\nIn 2025, the five counties' exports grew 9 percent.\n\nAmong the five, Yunhe grew "
            "fastest, at 14 percent.", "14 percent", "2025"))
def time_of_the_paragraph_its_continues(doc, f):
    """A paragraph that opens with "Its" / "Their", continuing the one before, is of the last time
    expression of that paragraph when it names none before the figure; so is one that opens with
    "He" / "She" / "They", or with "Among ..." / "Of them" (a part of a group named before), and tells
    the past ("In 2016, Liu moved back ...\n\nHe rented a workshop and hired six carpenters")."""
    starts = doc.lay.paragraph_starts
    k = f.sentence.paragraph
    if k == 0:
        return NA
    low = doc.low
    part = low.startswith(("among ", "of them", "of these", "of those"), starts[k]) \
        and _past_in(low, f.sentence.start, f.sentence.end)
    if not low.startswith(("its ", "their "), starts[k]) and not part and not (
            low.startswith(("he ", "she ", "they "), starts[k]) and _past_in(low, f.sentence.start, f.m.start)):
        return NA
    for t in reversed(doc.times_between(starts[k - 1], starts[k])):
        if dates(t) and not t.adjective and t.owner is None and not t.horizon:
            return t if not part or t.period is None else NA  # (a part of a group of a whole year's, not "In July alone")
    return NA




@TIME.rule(("Updated: Mar 6, 2025\nQ: How did the city do last year?\n\nA: Our exports grew 9 percent.", "9 percent",
            "last year"),
           ("Updated: Mar 6, 2025\nQ: What are your goals for 2025?\n\nA: We will build 30 schools.", "30", "2025"))
def time_of_the_question(doc, f):
    """An answer ("A: ...") that names no time before the figure is of the last time expression of
    the question right before it ("Q: How did the city do last year?")."""
    q = doc.question_before(f.sentence.paragraph)
    if q is None:
        return NA
    for t in reversed(doc.times_between(*q)):
        if dates(t) and not t.adjective and t.owner is None:
            return t
    return NA


@TIME.rule(("Exports rose 4 percent.", "4 percent", None))
def no_time(doc, f):
    """Nothing around the figure dates it: the frames of the document will."""
    return None


# --- year ------------------------------------------------------------------------------------

def _plan_start_year(doc) -> int | None:
    """The year a plan's "next five years" count from: the publication year, else the reporting year."""
    return doc.pub_year or doc.frames.reporting_year


# a later figure a plan rises to, with its own horizon: ", rising to 40 pairs by 2028"
_RISING_TO_ANOTHER = re.compile(r",\s+(?:rising|increasing|growing|climbing|reaching|expanding)\s+(?:to\s+)?[^,;]*\d")


def _horizon_times(doc, f) -> list[Time]:
    return [t for t in sentence_times(doc, f.sentence, owned=True)
            if (t.horizon and t.year is not None and t.known) or t.until is not None]


@YEAR.rule(("The city will build 300 5G base stations by 2027.", "300", 2027),
           ("By the end of 2026, exports should reach 5 billion yuan.", "5 billion yuan", 2026),
           ("GDP is expected to grow by about 6 percent a year over the 2021-2025 period.", "6 percent", 2025),
           Example("The port expects 900,000 boxes in 2026 and plans to add a berth by 2028.", "900,000", 2026,
                   by="year_of_its_time"),
           Example("Updated: Dec 1, 2026\nThe new line opened on Sunday with six stations along its route through the "
                   "hills.\n\nSome 24 trains a day will run at first, rising to 36 by 2028.", "24", None,
                   by="plan_without_horizon"), when=PLAN)
def horizon_in_sentence(doc, f):
    """A plan's year is the horizon its sentence names ("by 2027", "by the end of 2026", the last
    year of "over the 2021-2025 period"): the one after the figure, else the nearest before it."""
    hs = _horizon_times(doc, f)
    if not hs:
        return NA
    last = hs[-1]
    if last.start > f.m.end and AND_PLAN_PREDICATE.search(doc.low, f.m.end, last.start) and any(
            f.m.end <= u.start < last.start and u.year is not None and not u.horizon
            for u in sentence_times(doc, f.sentence)):
        return NA  # another predicate's, after the figure's own year: "expects 1.5 million passengers in 2026 and
        # plans to ... by 2027" (but "will cost 8.4 billion yuan and is expected to ... once completed in 2030": 2030)
    after = [t for t in hs if t.start >= f.m.end and not _RISING_TO_ANOTHER.search(doc.low, f.m.end, t.start)]
    if not after and hs[-1].start >= f.m.end:
        return NA  # "28 pairs a day will run at first, rising to 40 pairs by 2028": the later figure's horizon
    t = after[0] if after else hs[-1]
    return t.until if t.until is not None else t.year


@YEAR.rule(("During the 14th Five-Year Plan period, the county will add 50 factories.", "50", 2025), when=PLAN)
def five_year_plan(doc, f):
    """A plan set for a Five-Year Plan period ("during the 14th Five-Year Plan period") is for its
    last year (the 14th: 2021-2025, so 2025)."""
    m = sentence_search(doc.low, f.sentence, FIVE_YEAR_PLAN, ("five",), doc.needles)
    return lx.FIVE_YEAR_PLANS[m.group(1)] if m else NA


_NEXT_YEARS = re.compile(r"(?<![a-z])(?:in|over|during|within|for)\s+the\s+(?:next|coming|following)\s+"
                         r"(two|three|four|five|ten|\d{1,2})\s+years(?![a-z])")


@YEAR.rule(("Updated: Nov 2, 2023\nOver the next five years the county plans to plant 900 hectares of tea.",
            "900 hectares", 2028),
           ("Updated: Jan 12, 2026\nOver the next five years the county plans to plant 900 hectares of tea.",
            "900 hectares", 2030),
           ("Tourism plan of the county (2026-2030)\n\nOver the next five years it will build 40 homestays.",
            "40", 2030),
           ("Updated: Jan 8, 2026\nFor the next five years, Songyang proposes to hold growth above 6 percent.",
            "6 percent", 2030), when=PLAN)
def next_n_years(doc, f):
    """"in the next five years": a plan is for the document's year plus five (unknown without a date);
    said in the first half of a year, the five years include that year. An undated plan document's
    "next five years" are its own plan period: they end at the horizon its head names."""
    m = sentence_search(doc.low, f.sentence, _NEXT_YEARS, ("next", "coming", "following"), doc.needles)
    if m and doc.pub_year is None and doc.frames.plan_horizon is not None:
        return doc.frames.plan_horizon
    ref = _plan_start_year(doc) if m else None
    if not m or ref is None:
        return NA
    n = m.group(1)
    # said in the first half of a year, the next five years start with it (a plan for 2026-2030)
    early = doc.pub_year is not None and doc.pub_month is not None and doc.pub_month <= 6
    return ref + _number_of_years(n) - early


def _number_of_years(word: str) -> int | None:
    """"five" -> 5, "10" -> 10; None for a word that is no number ("the past few years")."""
    return lx.UNITS_WORDS.get(word) or (int(word) if word.isdigit() else None)


_YEAR_BEFORE_AFTER = re.compile(r"\s+(?:(?:a|one)\s+year\s+(?:earlier|ago|before)|the\s+year\s+before|"
                                r"(?:in\s+)?the\s+(?:previous|preceding|prior)\s+year)(?![a-z])")


@YEAR.rule(("Updated: Feb 15, 2023\nLast year the ratio narrowed to 1.67, from 1.71 a year earlier.", "1.71", 2021),
           ("In 2022, sales rose to 5 billion yuan from 4.1 billion yuan the previous year.", "4.1 billion yuan", 2021))
def year_before_the_change(doc, f):
    """The starting value of a change "from 1.71 a year earlier" ("from ... the previous year") is of
    the year before the figure it changed to."""
    prev = f.prev
    if prev is None or prev.year is None or prev.is_target or not FROM_BEFORE.search(f.left) \
            or not _YEAR_BEFORE_AFTER.match(doc.low, f.m.end):
        return NA
    return prev.year - 1


@YEAR.rule(("Halfway through the 14th Five-Year Plan: goals checked\n\nUpdated: Nov 20, 2024\n\nForest coverage, targeted at "
            "80 percent, was 80.4 percent at the end of 2023.", "80 percent", 2025),
           ("Halfway through the 14th Five-Year Plan: goals checked\n\nUpdated: Nov 20, 2024\n\nThe city had 900 tech firms "
            "in 2023, short of the plan's target of 1,200.", "1,200", 2025),
           Example("Halfway through the 14th Five-Year Plan: goals checked\n\nUpdated: Nov 20, 2024\n\nIn 2023 exports grew 3 "
                   "percent, below the target of 5 percent set a year earlier.", "5 percent", 2023, by="year_of_its_time"),
           when=PLAN)
def plan_beside_a_report(doc, f):
    """A plan of the plan ("targeted at 80 percent, was 80.4 percent at the end of 2023", "had 900
    firms in 2023, short of the plan's target of 1,200") whose sentence's time is nearer another
    figure (a reported one) is for the plan horizon of the document, when it has one."""
    t, h = f.bound, doc.frames.plan_horizon
    if t is None or h is None or t.horizon or not (f.sentence.start <= t.start < f.sentence.end) \
            or not _THE_PLANS.search(doc.low, f.sentence.start, f.sentence.end):
        return NA  # "below the target of 5 percent set a year earlier": that year's own target
    gap = abs(t.start - f.m.start)
    near = any(abs(t.start - s) < gap for s in f.sentence.cache.get("figure_starts", ()) if s != f.m.start)
    return h if near and t.year is not None and t.year < h else NA


_THE_PLANS = re.compile(r"(?<![a-z])(?:plan['’]s|targeted\s+at)(?![a-z])")


@YEAR.rule(("In 2022, the county's exports grew 9 percent.", "9 percent", 2022),
           ("Updated: Nov 11, 2025\nThey made up 15 percent of exports, against 11 percent a year earlier.", "11 percent",
            2024),
           ("Updated: Nov 11, 2025\nA year earlier, the county had 300 sellers.", "300", 2024),
           ("We keep our FY25 GDP forecast at 5.5%.", "5.5%", 2025),
           ("Updated: Jun 5, 2024\nLast spring a bank lent him 600,000 yuan.", "600,000 yuan", 2023),
           ("Updated: Mar 5, 2024\nLast year, tea sales were 3 billion yuan.", "3 billion yuan", 2023),
           ("Updated: Nov 8, 2023\nThe kiln reopened in 1957.\n\nSeven decades later, the city has 2,600 kilns.", "2,600",
            2023))
def year_of_its_time(doc, f):
    """The year the dating time expression names ("in 2022", "last year" in a 2024 article)."""
    t = f.bound
    if t is not None and t.year is not None and t.known:
        return t.year
    return NA


# the span a change took, "rose from 26,386 yuan to 36,850 yuan over the five years"; with "past" or "last"
# (group 1), the years just gone a paragraph reviews: "Over the past five years, ..."
_OVER_N_YEARS = re.compile(r"(?<![a-z])(?:over|in|during)\s+the\s+(past\s+|last\s+)?(\d+|[a-z]+)\s+years(?![a-z])")


@YEAR.rule(("Updated: Jan 5, 2026\nOver the past five years, the city's GDP rose from 150 billion yuan to 220 billion "
            "yuan.", "220 billion yuan", 2025),
           ("Updated: Jan 5, 2026\nOver the past five years, GDP grew 7 percent a year. Rural incomes rose from 26,000 "
            "yuan to 35,000 yuan.", "26,000 yuan", 2020),
           Example("Updated: Jan 5, 2026\nIn 2025, the city's GDP was 226 billion yuan.\nRural incomes rose from 26,386 "
                   "yuan to 36,850 yuan over the past five years.", "36,850 yuan", 2025, by="year_of_the_frame"),
           Example("Updated: Jun 3, 2026\nOver the past five years, the town built a park. The park houses 28 firms.",
                   "28", 2026, by="reporting_year"))
def end_of_the_past_years(doc, f):
    """In a paragraph that reviews "the past five years", in a text that names no year for them to
    end in (its year is only its date's), a figure with no time of its own is of the last whole year
    before the text, and the starting value of a change ("from 26,000 yuan to ...") of the year
    before the span."""
    if f.bound is not None or f.is_target or doc.pub_year is None or doc.frames.reporting_year != doc.pub_year \
            or doc.frames.at(f.sentence.paragraph)[0] is not None:
        return NA
    m = _past_years_in(doc.low, f.sentence.start, f.m.start) or earlier_in_paragraph(
        doc.lay.sentences, f.sentence, "past_years", lambda prev, cur: _past_years_in(doc.low, prev.start, prev.end))
    n = _number_of_years(m.group(2)) if m else None
    if not n or any(w in lx.PRESENT_FACT_VERBS for w in f.clause_words):
        return NA  # (not "The park houses 28 companies": what is so now)
    end = doc.pub_year - 1
    starts = "from" in f.left[-24:] and FROM_BEFORE.search(f.left) and _TO_AFTER.match(doc.low, f.m.end)
    return end - n if starts else end


def _past_years_in(low: str, a: int, b: int) -> re.Match | None:
    """The "over the past five years" (the years just gone) in low[a:b], if any."""
    m = _OVER_N_YEARS.search(low, a, b)
    return m if m is not None and m.group(1) else None


@YEAR.rule(("Updated: Jan 5, 2026\nIn 2025, the city's GDP was 226 billion yuan.\nRural incomes rose from 26,386 yuan to "
            "36,850 yuan over the past five years.", "26,386 yuan", 2020),
           Example("Updated: Jan 5, 2026\nIn 2025, the city's GDP was 226 billion yuan.\nRural incomes rose from 26,386 "
                   "yuan to 36,850 yuan over the past five years.", "36,850 yuan", 2025, by="year_of_the_frame"))
def start_of_n_years(doc, f):
    """The starting value of a change "from X to Y over the (past) five years" is of five years
    before the year of its frame."""
    if f.bound is not None or "from" not in f.left[-24:] or not FROM_BEFORE.search(f.left) \
            or not _TO_AFTER.match(doc.low, f.m.end):
        return NA
    m = _OVER_N_YEARS.search(doc.low, f.sentence.start, f.sentence.end)
    n = _number_of_years(m.group(2)) if m else None
    if not n:
        return NA
    year = doc.frames.at(f.sentence.paragraph)[0] or doc.frames.reporting_year
    return year - n if year is not None else NA


@YEAR.rule(("In December last year, the firm shipped 26 tons of tea.", "26 tons", None))
def unknown_relative_year(doc, f):
    """"last year" in an article whose date is unknown: the year is unknown."""
    t = f.bound
    return None if t is not None and t.rel is not None and not t.known else NA


@YEAR.rule(("In 2023, the city grew fast. In the first half, exports rose 6 percent.", "6 percent", 2023),
           Example("Updated: Jun 5, 2024\nThe loans began in 2020. By the end of April, banks had lent 9.6 billion "
                   "yuan.", "9.6 billion yuan", 2024, by="year_of_the_period"),
           ("Updated: 2026-03-18\nBanks made 1,260 such loans last year. By the end of February, the balance had reached "
            "58.2 billion yuan.", "58.2 billion yuan", 2026),
           ("Updated: 2026-03-18\nExports rose 10 percent last year. In December, they rose 12 percent.", "12 percent",
            2025),
           Example("Updated: 2026-05-30\nThe town wants 9 million visitors by 2028. It opened a park of 60 mu in March.",
                   "60 mu", 2026, by="year_of_the_period"))
def year_of_the_paragraph(doc, f):
    """A period without a year ("in the first half") is of the year named earlier in its paragraph
    (for a reported figure, not a plan's horizon: "... by 2028. It opened a park of 180 mu in March")."""
    t = f.bound
    if t is None or t.year is not None or t.period is None:
        return NA
    for u in reversed(doc.times_between(doc.lay.paragraph_starts[f.sentence.paragraph], t.start)):
        if u.frame and u.year is not None and u.known and not (u.horizon and not f.is_target) and u.owner is None:
            if u.rel == "last" and doc.pub_year is not None and u.year == doc.pub_year - 1:
                # "... made last year. By the end of February, the balance had reached ..." (in March): the
                # latest February, as "last year" names the year before the text's own
                return latest_year_of(t.period, doc.pub_year, doc.pub_month)
            # a year long before the publication is a story's past, not the year of "by the end of April"
            return u.year if doc.pub_year is None or u.year >= doc.pub_year - 1 else NA
    return NA


@YEAR.rule(("Updated: Apr 16, 2025\nQ: How did you do last year?\nA: Sales rose 18 percent.\nQ: And this year?\nA: Orders "
            "for the first half are up 25 percent.", "25 percent", 2025),
           ("Updated: Feb 20, 2026\nQ: How did the farm do last year?\nA: It sold 400 tonnes of pears.\nQ: And its "
            "workers?\nA: They earned 52,000 yuan each.", "52,000 yuan", 2025))
def year_of_the_question(doc, f):
    """An answer's figure with no year of its own ("A: Orders for the first half are up 25
    percent") is of the year its question names ("Q: And this year?"), or, reported under a question
    that names none ("Q: And its workers?"), the year the nearest question before named."""
    t = f.bound
    if t is not None and (t.year is not None or t.period is None) or not doc.holds["q:"]:
        return NA
    if doc.question_before(f.sentence.paragraph) is None:
        return NA
    for q in doc.questions_before(f.sentence.paragraph):
        years = [u.year for u in doc.times_between(*q) if u.year is not None and u.known]
        if years:
            return years[-1]
        if f.is_target:
            return NA  # a plan's horizon is not an earlier question's year
    return NA


@YEAR.rule(("Lishui's economy in 2024\nIn the first quarter, GDP grew 6.1 percent.", "6.1 percent", 2024),
           ("Updated: Aug 2, 2023\nIn the first half, exports rose 5 percent.", "5 percent", 2023),
           ("Updated: Mar 19, 2024\nLast year visits rose 56 percent to 3.6 million.\nThe city will give 28 scenic "
            "areas' tickets away from April 1 to May 31.", "28", 2024),
           ("XI'AN, Sept. 19 (Xinhua) -- Gansu's economy grew steadily in the first seven months of 2024, the "
            "bureau said.\n\nFrom January to July, retail sales rose 3.9 percent.", "3.9 percent", 2024),
           ("Updated: Sep 2, 2026\nIn 2025, the county sold 3 billion yuan of tea.\n\nBy the end of June, banks had lent "
            "its growers 800 million yuan.", "800 million yuan", 2026))
def year_of_the_period(doc, f):
    """A period without a year is of the document's frame year; else (or when that year is only a
    story's lead's, before the publication year) the latest such period that had ended by the
    publication date (for a plan: the publication year, or a later frame's)."""
    t = f.bound
    if t is None or t.year is not None or t.period is None or t.rel is not None:
        return NA
    year, period, source = doc.frames.at(f.sentence.paragraph)
    if f.is_target and doc.pub_year is not None and (year is None or year < doc.pub_year):
        year = doc.pub_year  # a plan "from April 1 to May 31" is not of a past frame's year
    elif year is None or source == "lead" and period is None and doc.pub_year is not None and year < doc.pub_year \
            and latest_year_of(t.period, doc.pub_year, doc.pub_month) == doc.pub_year:
        # (a story's lead "In 2025, its GEP was ..." in August 2026: "By the end of June" is this June)
        year = latest_year_of(t.period, doc.pub_year, doc.pub_month)
    return year if year is not None else NA


@YEAR.rule(("The city will build 40 parks by 2026.\nIt will also add 12 museums.", "12", 2026),
           ("For the plan period (2026-2030), the county aims to lift its GDP to 30 billion yuan. It plans to build 12 "
            "museums.", "12", 2030),
           ("Incomes reached 67,010 yuan, above the 2025 target of 65,000 yuan. The share of middle-income households "
            "was 55.8 percent, short of the 60 percent goal.", "60 percent", 2025), when=PLAN)
def horizon_of_the_plan_before(doc, f):
    """A plan listed right after another (same or next sentence) shares its horizon, unless its own
    sentence has a time."""
    if f.bound is not None and f.bound.start >= f.sentence.start:
        return NA
    prev = doc.last_target
    if prev is None or prev.year is None or f.sentence.index - prev.sentence.index > 1 \
            or prev.rules.get("year") not in ("horizon_in_sentence", "five_year_plan", "next_n_years",
                                              "horizon_of_the_plan_before", "year_of_its_time"):
        return NA
    return prev.year


_WHOLE_YEAR = re.compile(
    r"(?<![a-z])(?:(?:for|in|over|throughout|during)\s+the\s+(?:whole|full|entire)\s+year|full-year|whole-year)(?![a-z])")
_YEAR_PLAN = re.compile(
    r"(?<![a-z])(?:(?:for|in|over|throughout|during)\s+the\s+(?:whole|full|entire)\s+year|"
    r"(?:for|throughout)\s+the\s+year|full-year|whole-year|annual\s+(?:target|goal|plan)|"
    r"(?:at|from)\s+the\s+(?:start|beginning)\s+of\s+the\s+year|this\s+(?:season|harvest)|"
    r"(?:by|before|until|till)\s+(?:the\s+end\s+of\s+the\s+year|(?:the\s+)?year-end|the\s+year['’]s\s+end))(?![a-z])")


@YEAR.rule(("Lishui's economy in the first half of 2023\nThe city aims at 6 percent growth for the whole year.",
            "6 percent", 2023),
           ("Updated: Aug 2, 2022\nThe county plans to open 12 new clinics by the end of the year.", "12", 2022),
           Example("Updated: Feb 14, 2025\nThe grower expects to earn 300,000 yuan this season.", "300,000 yuan", 2025,
                   by="year_of_its_time"),
           when=PLAN)
def plan_for_the_year(doc, f):
    """A plan "for the whole year", "by the end of the year", "this season" (or "expected at the start
    of the year") is for the year the document reports on."""
    if not sentence_search(doc.low, f.sentence, _YEAR_PLAN, ("year", "this season", "this harvest"), doc.needles):
        return NA
    year = doc.frames.at(f.sentence.paragraph)[0] or doc.frames.reporting_year
    return year if year is not None else NA


@YEAR.rule(("The city's economy grew steadily, and the incomes of its residents rose faster than its output.\n"
            "II. Main targets for 2025\nThe city will create 30,000 new urban jobs.", "30,000", 2025), when=PLAN)
def plan_under_a_heading(doc, f):
    """A plan in a section whose heading names a year ("Main Targets for 2024") is for that year."""
    for fr in doc.frames.headings:
        if fr.first <= f.sentence.paragraph <= fr.last and fr.year is not None:
            return fr.year
    return NA


@YEAR.rule(("Updated: Mar 19, 2024\nThe city said 100,000 coupons would be issued on April 1.", "100,000", 2024),
           when=PLAN)
def plan_on_a_day(doc, f):
    """A plan its sentence puts on a day of no stated year ("on April 1") is for the year of the
    document's publication."""
    if doc.pub_year is None:
        return NA
    for t in doc.times_between(f.sentence.start, f.sentence.end):
        if t.date and t.year is None:
            return doc.pub_year
    return NA


@YEAR.rule(("Green targets for the 14th Five-Year Plan period\n\nUpdated: Aug 16, 2021\n\nThe city has set its "
            "targets for the five years. Forests will cover 82 percent of its land.", "82 percent", 2025),
           ("Updated: Mar 3, 2022\n\nThe county released its tourism plan for 2022-2026 on Monday, which sets "
            "targets for hotels and villages.\n\nIt will build 30 new homestays.", "30", 2026),
           ("Updated: Mar 3, 2022\n\nThe county released its tourism plan for 2022-2026, aiming at a stronger industry.\n\n"
            "It will build 30 new homestays.", "30", 2026),
           ("Jinyun's outline of the 15th Five-Year Plan (2026-2030)\n\nUpdated: Feb 2, 2026\n\nOver the 14th Five-Year "
            "Plan the county's output doubled, and its people's incomes rose by half.\n\nIts aims:\n\n- Tourism: "
            "visits to exceed 30 million.", "30 million", 2030), when=PLAN)
def horizon_of_the_document(doc, f):
    """A plan whose text gives no horizon is for the one horizon the headline and the first body
    paragraph give the document's plan ("targets for the 14th Five-Year Plan period", "its plan for
    2022-2026", "by 2025")."""
    h = doc.frames.plan_horizon
    return h if h is not None else NA


@YEAR.rule(("Updated: Jan 3, 2024\nThe fund will be invested in 12 villages.", "12", None), when=PLAN)
def plan_without_horizon(doc, f):
    """A plan whose text gives no horizon has no year."""
    return None


@YEAR.rule(("Statistical bulletin of Lishui for 2023\n\nRetail sales grew 7 percent.", "7 percent", 2023),
           ("Updated: Feb 10, 2025\nHANGZHOU -- Zhejiang, chosen in 2021 as a pilot zone, reported incomes of 67,013 "
            "yuan in 2024.\nRural residents earned 42,123 yuan.", "42,123 yuan", 2024),
           ("Qingtian Yearbook 2024: Trade\n\nExports (100 million yuan): 402.1", "402.1", 2023),
           Example("Updated: 2025-01-24\n\nWenzhou's GDP reached 903.3 billion yuan in 2024.\n\nAmong China's cities, "
                   "Wenzhou ranked 30th by GDP, the same as in 2023.", "30th", 2024, by="year_of_its_time"),
           ("I. Review of work in 2021\nThe city built 40 schools.", "40", 2021),
           Example("Updated: Mar 2, 2021\nIn 2020, the county's GDP grew 4 percent to 9.1 billion yuan.\nIts exports "
                   "rose 6 percent.", "6 percent", 2020, by="year_of_its_time"),
           ("Updated: Mar 2, 2021\nIn 2020, the county's GDP grew 4 percent to 9.1 billion yuan.\nExports rose 6 "
            "percent.", "6 percent", 2020),
           Example("Updated: Mar 2, 2021\nIn 2020, the county's GDP grew 4 percent to 9.1 billion yuan.\nIt covers "
                   "1,950 square kilometers.", "1,950 square kilometers", 2021, by="reporting_year"))
def year_of_the_frame(doc, f):
    """Else the year of the frame around the figure: the headline, the lead, a section heading. A
    lead's year dates the report's past-tense statements, not a standing fact in the present tense
    ("the county covers 1,950 square kilometers": the reporting year)."""
    year, period, source = doc.frames.at(f.sentence.paragraph)
    if year is None:
        return NA
    if source == "lead" and period is None and _present_fact(doc, f):
        return NA
    return year


_PRESENT_FACT = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(lx.PRESENT_FACT_VERBS)) + r")(?![a-z])")
_GROWS = re.compile(r"(?<![a-z])grows(?![a-z])")
_A_CHANGE_AFTER = re.compile(r"\s+(?:by\s+)?(?:about\s+|nearly\s+|over\s+|more\s+than\s+)?[+\d]|\s+(?:fast|slow|steadi)")
# the verbs of a standing fact: a third-person present other than "is" ("has", not "has grown")
_STANDING_FACT = re.compile(
    r"(?<![a-z])(?:has(?!\s+(?:been|[a-z]+ed|grown|risen|seen|become|made|won|built|set|kept)(?![a-z]))|"
    + _STANDING_VERBS + r")(?![a-z])")


_ARE = re.compile(r"(?<![a-z])are(?![a-z])")
# a plural subject's standing fact: "Forests cover 81.8 percent of the city's land", "rates average 3.9 percent",
# "residents make a living from fungi", "19,000 She people live in Jingning"; and "is home to", "orders ... make up"
_PLURAL_FACT = re.compile(r"(?<![a-z])(?:[a-z]+s|people|women|men|children)\s+(?:cover|have|hold|employ|own|house|host|work|"
                          r"live|average|make|run|pay|sell|cost|earn)(?![a-z])|(?<![a-z])(?:is|are)\s+home\s+to(?![a-z])|"
                          r"(?<![a-z])make\s+up(?![a-z])")
_STILL_DOES = re.compile(r"(?<![a-z])still\s+[a-z]+s(?![a-z])")  # "still plants rice on 3 mu": now
_CAN = re.compile(r"(?<![a-z])can(?![a-z])")  # "a sword by him can fetch 200,000 yuan": a standing fact
_PERFECT_OR_AS = re.compile(r"(?<![a-z])(?:has|have|as)\s+$")


def _past_in(low: str, a: int, b: int) -> bool:
    """Whether low[a:b] has a verb in the past tense (not a participle that describes a noun, "above
    designated size", nor a present perfect, "have invested", nor "as expected")."""
    for m in _PAST_VERB.finditer(low, a, b):
        if m.group(0) in lx.PARTICIPLE_MODIFIERS or _PERFECT_OR_AS.search(low, max(a, m.start() - 6), m.start()):
            continue
        return True
    return False


def _present_fact(doc, f) -> bool:
    """A present-tense verb of a standing fact in the figure's clause ("has", "covers", "are"), or
    before it in its sentence ("Qingyuan has 11 markets, handling 220,000 tons a year"), unless its
    own clause, or the text since that verb, has a past verb before it ("The figure is 2.8 times its
    GDP, and GEP per head was 240,000 yuan"; "Shangrao has the larger base: its output rose 8.6
    percent, against 7.3 percent in Lishui")."""
    low = doc.low
    if _PRESENT_FACT.search(low, *f.clause) is not None or _CAN.search(low, f.clause[0], f.m.start) is not None \
            or _STILL_DOES.search(low, f.clause[0], f.m.start) is not None \
            or _PLURAL_FACT.search(low, *f.clause) is not None and not _past_in(low, *f.clause):
        return True  # ("its plant can turn out 40,000 wafers a month": what it can do; "still plants rice on 3 mu",
        # "About 400 farmers work under such contracts")
    g = _GROWS.search(low, f.clause[0], f.m.start)
    if g is not None and not _A_CHANGE_AFTER.match(low, g.end()):
        return True  # "grows strawberries on about 30,000 mu" (not "grows 6.0%")
    last = None
    for last in _PRESENT_FACT.finditer(low, f.sentence.start, f.m.start):
        pass
    if last is None:  # "Rates on such loans average 3.9 percent, about 0.8 percentage points lower than ..."
        for last in _PLURAL_FACT.finditer(low, f.sentence.start, f.m.start):
            pass
    return last is not None and not _past_in(low, min(f.clause[0], last.end()), f.m.start)


@YEAR.rule(("Updated: Dec 19, 2023\nThe review found growth of 6.8 percent in 2021 and 2022, and in 2022 GEP "
            "reached 546 billion yuan.\nOf its 52 indicators, 45 are on track.", "45", 2023))
def present_fact_of_a_dated_document(doc, f):
    """A standing fact in the present tense ("45 are on track", "the county has 12 museums") of a
    dated document whose reporting year is only the year it names most is of its publication year."""
    if doc.frames.reporting_source not in ("dominant year", "last full year") or doc.pub_year is None \
            or not _present_fact(doc, f):
        return NA
    return doc.pub_year


@YEAR.rule(("Updated: Mar 16, 2021\nThe county has 12 museums.", "12", 2021),
           ("Updated: Sep 16, 2026\nThe city signed 18 projects. One opens in 2030, and the city's capacity will "
            "double by 2030.", "18", 2026),
           ("Updated: Jan 28, 2026\nThe county met 30 of its 34 targets for the five years, a review released by its "
            "planning bureau found.\n\nFarmers earned 41,000 yuan a head.\n\nIts GDP rose to 38 billion yuan in 2025, "
            "and its exports to 9 billion yuan in 2025.", "41,000 yuan", 2025))
def reporting_year(doc, f):
    """Else the document's reporting year (a year it names repeatedly, else its publication year); for
    a reported figure, not a year after the publication (the plans' "by 2030" a text names twice)."""
    year = doc.frames.reporting_year
    if year is None:
        return NA
    return doc.pub_year if doc.pub_year is not None and year > doc.pub_year and not f.is_target else year


@YEAR.rule(("The county has 12 museums.", "12", None))
def unknown_year(doc, f):
    """Nothing says when."""
    return None


# --- period ----------------------------------------------------------------------------------

@PERIOD.rule(("GDP grew 5.1 percent in the first half of 2022. It aims at 5 percent for the whole year.",
              "5 percent", None))
def whole_year(doc, f):
    """"for the whole year", "full-year", "annual target": the whole year, no period (for a plan, in
    its sentence; for a reported figure, in its own clause)."""
    if f.is_target:
        return None if sentence_search(doc.low, f.sentence, _YEAR_PLAN, ("year",), doc.needles) else NA
    if not sentence_search(doc.low, f.sentence, _WHOLE_YEAR, ("year",), doc.needles):
        return NA
    return None if _WHOLE_YEAR.search(doc.low, *f.clause) else NA


@PERIOD.rule(("In the first three quarters of 2024, GDP grew 6.1%.", "6.1%", "M01-M09"),
             ("From January to June, exports rose 9 percent.", "9 percent", "H1"),
             ("At the end of the second quarter, 16 million pigs were in stock.", "16 million", "M06"))
def period_of_its_time(doc, f):
    """The period the dating time expression names, in its canonical code (a quarter Qn, a half Hn,
    a month Mnn, other ranges Mnn-Mnn; "at the end of" a period is its last month)."""
    t = f.bound
    return t.period if t is not None and t.period is not None else NA


@PERIOD.rule(("From January to November, power use was 15.2 billion kWh in 2023.", "15.2 billion kWh", "M01-M11"))
def period_elsewhere_in_sentence(doc, f):
    """A year dates the figure and another expression of its sentence names the period of that year."""
    t = f.bound
    if t is None or t.year is None or t.period is not None:
        return NA
    for u in sentence_times(doc, f.sentence):
        if u.period and u.year in (None, t.year):
            return u.period
    return NA


@PERIOD.rule(("Updated: Aug 2, 2024\nFrom January to June, exports grew 9 percent.\nThe county now has 312 firms.",
              "312", "H1"))
def present_in_the_frame(doc, f):
    """"now" in a report on part of this year: the period of the report (the frame's, when its year
    is the present one)."""
    t = f.bound
    if t is None or t.rel != "now":
        return NA
    year, period, _ = doc.frames.at(f.sentence.paragraph)
    return period if period is not None and year == t.year else None


_SAME_PERIOD_BEFORE = re.compile(r"(?<![a-z])same\s+(?:period|time)\s+(?:of\s+)?$")
_SAME_PERIOD_AFTER = re.compile(r"\s+(?:for|in|of|during|over)\s+the\s+same\s+(?:period|time)(?![a-z])")


@PERIOD.rule(("Visits rose 11 percent in the first half of 2025.\nVisitors from abroad made up 23 percent, up from 19 percent "
              "in the same period last year.", "19 percent", "H1"),
             ("Port traffic in the first half of 2026\nThe port handled 4.2 million boxes, against 3.9 million a year "
              "earlier.", "3.9 million", "H1"),
             Example("Port traffic in the first half of 2026\nThe port handled 4.2 million boxes last year.", "4.2 million",
                     None, by="year_without_period"),
             ("Port traffic in the first half of 2026\nUpdated: Jul 20, 2026\nBox traffic rose 3 percent, slower than "
              "last year's 5 percent for the same period.", "5 percent", "H1"))
def period_of_the_same_period(doc, f):
    """"in the same period last year", "last year's 5 percent for the same period", "against 3.9
    million a year earlier": the period of the frame, a year earlier (not "last year", which may be the
    whole year)."""
    t = f.bound
    if t is None or t.period is not None or not (
            _SAME_PERIOD_BEFORE.search(doc.low, max(0, t.start - 24), t.start) or doc.low.startswith("a year", t.start)
            or _SAME_PERIOD_AFTER.match(doc.low, f.m.end)):
        return NA
    period = doc.frames.at(f.sentence.paragraph)[1]
    return period if period is not None else NA


@PERIOD.rule(("Lishui's economy in the first half of 2022\nIn 2021, exports grew 3 percent.", "3 percent", None))
def year_without_period(doc, f):
    """A year named without a period ("in 2023", "last year") is the whole year."""
    t = f.bound
    return None if t is not None and t.period is None else NA


@PERIOD.rule(("Lishui's economy in the first half of 2022\nThe city plans to add 30 schools.", "30", None), when=PLAN)
def plan_without_period(doc, f):
    """A plan whose text names no period is for a year."""
    return None


# between a whole's change and the change of the part that led it: " YTD, led by equipment (+"
_LED_BY_BETWEEN = re.compile(r"[^.;()]{0,20}?,\s+(?:led|driven|boosted|pulled|dragged|helped)\s+by\s+[^.;()]{1,50}?"
                             r"[(（]\s*[+-]?\s*")


@PERIOD.rule(("Analyst note | 2026-10-29\nJinyun 3Q26: steady\nIndustry grew 11.2% YTD, led by equipment (+15.4%).",
              "15.4%", "M01-M09"))
def period_of_the_whole_it_led(doc, f):
    """The change of a part that led a whole's change, in brackets after it ("grew 11.2% YTD, led by
    equipment (+15.4%)"), is of the whole's period."""
    prev = f.prev
    if f.bound is not None or prev is None or prev.sentence is not f.sentence or prev.period is None \
            or prev.bound is None or not _LED_BY_BETWEEN.fullmatch(doc.low, prev.m.end, f.m.start):
        return NA
    return prev.period


# the whole a share is of, named by a definite noun: "62 percent of the exports"
_OF_THE_WHOLE_AFTER = re.compile(r"\s+of\s+(?:the|these|those|its|their)\s+(?:[a-z-]+\s+){0,2}?([a-z-]{4,})(?![a-z-])")


@PERIOD.rule(("Updated: Dec 3, 2025\nIn the first ten months of this year, its exports were 7 billion yuan.\n\nEurope "
              "took 62 percent of the exports, and Japan 9 percent.", "9 percent", "M01-M10"))
def period_of_the_whole_before(doc, f):
    """A share of a whole the sentence before measured ("... its exports were 7 billion yuan in the
    first ten months. Europe took 62 percent of the exports"), and the shares listed after it ("and
    Japan 9 percent"), are of that figure's period (in its year)."""
    if f.bound is not None or f.unit != "percent" or f.role != "share":
        return NA
    prev = f.prev
    if prev is not None and prev.sentence is f.sentence and f.rules.get("role") == "list_continues":
        return prev.period if prev.period is not None and prev.year == f.year else NA
    m = _OF_THE_WHOLE_AFTER.match(doc.low, f.m.end)
    last = doc.last_figure
    if m is None or last is None or last.period is None or last.year != f.year \
            or last.sentence.index != f.sentence.index - 1 or last.bound is None:
        return NA
    whole = m.group(1)
    return last.period if doc.low.find(whole, last.sentence.start, last.sentence.end) >= 0 else NA


@PERIOD.rule(("Huzhou's economy grows in Q1\nRetail sales rose 8.7 percent.", "8.7 percent", "Q1"),
             ("Updated: Oct 31, 2022\n\nLishui's GDP grew 4.9 percent in the third quarter, faster than in the "
              "second quarter of the year.\n\nFor the first three quarters, its GDP reached 131 billion yuan, up 4 "
              "percent.\n\nExports were 36 billion yuan.", "36 billion yuan", "M01-M09"),
             ("Updated: Oct 25, 2024\n\nWenzhou's GDP grew 6.1 percent in the first three quarters of 2024, the "
              "city's statistics bureau said.\n\nIn the third quarter alone, GDP grew 5.8 percent.\n\nExports "
              "jumped 13 percent.", "13 percent", "M01-M09"),
             ("Zhejiang's October prices edge up\n\nConsumer prices rose 0.2 percent, and food prices 1.1 percent.",
              "1.1 percent", "M10"),
             ("Lishui's first-quarter GDP tops 50 billion yuan\n\nThe city's exports rose 16.2 percent.", "16.2 percent",
              "Q1"))
def period_of_the_frame(doc, f):
    """Else the period of the frame around the figure (headline, lead, section heading, or a
    paragraph before it that opens with a wider period: "For the first three quarters, ...")."""
    period = doc.frames.at(f.sentence.paragraph)[1]
    return period if period is not None else NA


@PERIOD.rule(("The county has 12 museums.", "12", None))
def no_period(doc, f):
    """Nothing names a period."""
    return None
