"""What a figure is to its statement: the `role` rules, and its sign.

level (an amount, count or stock), growth (a change of another quantity), difference (a gap
against a benchmark), benchmark (the comparison value itself), share (a part of a whole) or rank.
A fall written as a positive number ("a decrease of 0.4%") is made negative by `negative()`.
"""
from __future__ import annotations

import re
from operator import attrgetter

from . import lexicon as lx
from .qualifiers import CLAUSE_ENDS_AFTER, COMPARED_BRACKETED_BEFORE, COMPARED_WITH, FROM_BEFORE, HEDGE, PLACE_IN_BRACKETS, PLAN_MET_AFTER, compared_place
from .rules import NA, Example, Rules
from .scan import trie_pattern
from .segment import WORDS, question_of_a_bare_answer

ROLE = Rules("role", key=attrgetter("unit"))
PERCENT, MULTIPLE = ("percent",), ("multiple",)
AMOUNTS = ("CNY", "USD", "EUR", "count", "mu", "hectare", "km", "km2", "m", "ton", "kwh", "other")

_GROWTH, _DECLINE, _SHARE = lx.GROWTH_WORDS, lx.DECLINE_WORDS, lx.SHARE_WORDS
_CHANGE_NOUNS = "|".join(lx.CHANGE_NOUNS)
# the verbs of a change: "increased ... by", "rose another"
_CHANGE_VERBS = (r"up|increas\w*|rose|rise[sn]?|rising|grew|grow\w*|boost\w*|rais\w*|expand\w*|gain\w*|add\w*|"
                 r"surg\w*|jump\w*|climb\w*|improv\w*|lift\w*|soar\w*|decreas\w*|declin\w*|fell|fall\w*|drop\w*|"
                 r"reduc\w*|cut\w*|shr\w*|narrow\w*|slid\w*|slip\w*|dip\w*")
_GROWTH_BY = re.compile(
    r"(?<![a-z])(?:" + _CHANGE_VERBS + r")(?![a-z])(?:\s+\S+){0,6}?\s+by\s*(?:\s" + HEDGE + r")?$|"
    r"(?<![a-z])(?:" + _CHANGE_VERBS + r")(?![a-z])(?:\s+\S+){0,4}?\s+by\s+an?\s+(?:(?:annual|yearly)\s+)?average\s+"
    r"(?:rate\s+)?of\s*$|"
    r"(?<![a-z])(?:an?\s+)?(?:(?:[a-z-]+\s+)?(?:" + _CHANGE_NOUNS + r"))\s+of\s*$|"
    r"(?<![a-z])(?:another|an additional|a further|additional)\s*$|(?<![a-z])(?:up|down)\s*$")
_GROWTH_BY_LAST = lx.GROWTH_BY_LAST
_HEDGE_WORDS = {w for w in lx.HEDGES if " " not in w}
_CHANGE_VERB_BEFORE = re.compile(r"(?<![a-z])(?:" + _CHANGE_VERBS + r"|down)(?![a-z])(?:\s+(?:by|to))?\s+"
                                 r"(?:another|an additional|a further|additional|further)\s*$")
_GROWTH_AFTER = re.compile(
    r"\s*(?:(?:average\s+)?(?:annual|yearly|average)\s+(?=increase|growth|rise))?"
    r"(?:year-on-year|year on year|yoy|y-o-y|month-on-month|increase|growth|rise|"
    r"(?:jump|surge|gain|uptick|upturn|increment|rebound|spurt)s?(?![a-z])|more than (?:the previous|last|a) year|"
    r"over (?:the previous|last) year|from (?:the previous|last|a) year|compared with)")
_DECLINE_AFTER = re.compile(r"\s*(?:year-on-year\s+|yoy\s+)?(?:decrease|decline|drop|fall|reduction|"
                            r"(?:slump|plunge|slide|dip|contraction)s?(?![a-z]))")  # "a 14% slump in ..."
_SHARE_AFTER = re.compile(r"\s*(?:of(?![a-z])|market share|share|stake|completed|coverage)")
_DIFF_AFTER = re.compile(  # (after a rate's denominator: "6 yuan/kg higher than")
    r"(?:/[a-z]+|\s+per\s+[a-z]+)?\s*(?:(?:higher|lower|more|less|faster|slower|greater|above|below|ahead of|behind|over)(?![a-z])"
    r"(?:\s+than)?|than(?![a-z]))")
_MORE_THAN_BEFORE = re.compile(
    r"\s*(?:[a-z-]+\s+){0,2}?(?:more|fewer|less|higher|lower|greater|larger|bigger|smaller)\s+than\s+"
    r"(?:in\s+|at\s+the\s+end\s+of\s+|at\s+|during\s+)?(?:the same period|"
    r"the\s+(?:same\s+)?(?:holiday|festival|fair|season|event)\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)(?![a-z])|"
    r"the\s+(?:previous|prior)\s+(?:month|quarter|week)|a\s+(?:week|month)\s+(?:earlier|ago|before)|last\s+week|"
    r"last\s+(?:year|spring|summer|autumn|fall|winter|season|month|quarter)|a year|the previous year|"
    r"the year before|(?:19|20)\d\d|(?:\d+|[a-z]+)\s+(?:years?|decades?)\s+(?:ago|earlier|before)|"
    r"at\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year|"
    r"(?:at\s+)?the\s+end\s+of\s+(?:last|the\s+previous)\s+year)")
# a count "more <noun> than" an earlier time: "1.2 million more tourist visits than last year"
_MORE_NOUN_THAN_BEFORE = re.compile(r"\s+(?:more|fewer|less)\s+(?:[a-z-]+\s+){1,3}?than\s+"
                                    + _MORE_THAN_BEFORE.pattern.split(r"than\s+", 1)[1])
# an earlier time a multiple is measured against ("that of 2019", "as much as last year")
_EARLIER_TIME = r"(?:(?:19|20)\d\d|last year|the previous year|a year (?:earlier|ago)|(?:\d+|[a-z]+) (?:years?|decades?) (?:ago|earlier|before))"
_EARLIER_AFTER = re.compile(r"\s*as\s+(?:much|many|large|high|big)\s+as\s+(?:in\s+)?(?:the\s+)?" + _EARLIER_TIME + "|"
                            r"\s*(?:(?:higher|more|larger|greater|bigger)\s+than\s+|as\s+(?:much|large|high)\s+as\s+)?"
                            r"(?:that|those|the (?:level|figure|amount|number|value|total)|the|"
                            r"(?:what|the\s+[a-z-]+)(?:\s+[a-z’']+){1,3}?|(?:its|their)\s+[a-z-]+(?:\s+[a-z’']+){0,2}?)"
                            r"(?:\s+(?:of|in))?\s+(?:the\s+)?" + _EARLIER_TIME + "|"
                            r"\s*(?:its|their|the)\s+(?:19|20)\d\d\s+[a-z]")  # "three times its 2020 volume"
_BENCHMARK_AFTER = re.compile(r"\s*(?:higher\s+than|more\s+than|larger\s+than|greater\s+than|above|as\s+(?:much|high)\s+as|"
                              r"the|that\s+of(?:\s+the)?|those\s+of(?:\s+the)?)\s+(?!(?:19|20)\d\d|last|previous|same)"
                              r"(?:[a-z'’-]+\s+){0,4}(?:averages?|standard|level|benchmark|mark|threshold|rate|norm)(?![a-z])")
_BENCHMARK_BEFORE = re.compile(
    r"(?<![a-z])(?:(?:national|provincial|province['’]s|city|county|district|country['’]s|nation['’]s|industry|"
    r"regional|prefecture|zhejiang['’]s|china['’]s|the city['’]s|the county['’]s|its|"
    r"(?:" + COMPARED_WITH + r")\s+(?:the\s+)?[a-z]+['’]s)\s+(?:[a-z-]+\s+){0,2}?averages?|"
    r"national level|provincial level|city level|benchmark)"
    r"(?:\s+(?:level|rate|growth|growth rate|of|at|was|is|stood at|standing at|by))*\s*[(（]?\s*$")
_PREMIUM_BEFORE = re.compile(r"(?<![a-z])(?:premium|discount)\s+of\s+" + HEDGE + "$")
_THAN_NEAR = re.compile(r"(?<![a-z])(?:than|average|level)(?![a-z])")
_THAN = re.compile(r"(?<![a-z])than(?![a-z])")
# the verbs and nouns of a fall (the lexicon's, but "less", which compares)
_DECLINE_FORMS = trie_pattern(lx.DECLINE_WORDS - {"less"})
_SIGNED_DECLINE = re.compile(
    r"(?<![a-z])(?:decreas\w*|declin\w*|fall\w*|drop\w*|shr\w*|contract\w*|reduc\w*|cut\w*|"
    r"slid\w*|slip\w*|dip\w*|lower\w*|negative growth of|" + _DECLINE_FORMS + r")(?![a-z])(?!\s+short\s+of)"
    r"[^%\d]{0,60}$")  # (not "falling short of the 6 percent goal")
_DECLINE_NARROWED = re.compile(r"(?<![a-z])(?:" + "|".join(lx.DECLINE_NOUNS) + r")s?\s+(?:[a-z]+\s+){0,3}?"
                               r"(?:narrowed|narrowing|narrows|eased|shrank)(?:\s+by)?\s*$")
_FEWER_AFTER = re.compile(r"\s*(?:[a-z-]+\s+){0,2}?(?:fewer|less|lower|smaller)(?![a-z])")
_NARROWER_AFTER = re.compile(r"\s*(?:narrower|smaller)(?![a-z])")
_DIFF_NEG_AFTER = re.compile(r"\s*(?:lower|less|slower|below|behind)(?![a-z])")
_DECLINE_NOUN_BEFORE = re.compile(r"(?<![a-z])(?:" + "|".join(lx.DECLINE_NOUNS) + r")\s+of\s*$")
_DOWN_BEFORE = re.compile(r"(?<![a-z])(?:" + _DECLINE_FORMS + r")(?:\s+by)?\s*$")


def _growth_by(f, count: bool = False) -> bool:
    """"increased ... by", "an increase of", "another", "up" right before the figure (for counts,
    "another three projects" is a count of more things, not a change)."""
    words = f.words
    k = len(words) - 1
    while k > 0 and words[k] in _HEDGE_WORDS and words[k - 1] == "by":
        k -= 1  # "cut costs by about 2,000 yuan"
    last = words[k] if words else ""
    if last in ("another", "additional", "further"):
        # "added another 20 firms" is a count of more things; "brought in another 120 million yuan" the
        # level of another thing; "rose another 5 percent" a growth
        return not count and bool(_CHANGE_VERB_BEFORE.search(f.left))
    if last == "up" and len(f.words) > 1 and f.words[-2] in lx.PHRASAL_UP:
        return False  # "set up 13 towns"
    return last in _GROWTH_BY_LAST and bool(_GROWTH_BY.search(f.left))


_GROWTH_RATE_BEFORE = {"growth", "fastest", "slowest", "faster", "slower", "expansion", "annual", "yearly"}


def _nearest_cue(words: list[str]) -> str | None:
    """Role from the cue word closest before the figure: growth (or decline) vs share."""
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w == "rate" and i > 0 and (words[i - 1] in _GROWTH_RATE_BEFORE or any(
                v in _GROWTH or v in _DECLINE for v in words[max(0, i - 5):i])):
            return "growth"  # "the growth rate of", "the fastest rate of", "grew at an average annual rate of"
        if w == "up" and i > 0 and words[i - 1] in _MAKE:
            return "share"  # "products made up 52.4 percent"
        if (w in _GROWTH or w in _DECLINE) and not (i > 0 and words[i - 1] in _NOT and words[i + 1:i + 2] == ["than"]):
            return "growth"  # (not "no less than 85 percent", "not lower than": a floor, not a change)
        if w in _SHARE:
            return "share"
    return None


_NOT = {"no", "not"}


_MAKE = {"made", "make", "makes", "making"}


# --- ranks and multiples ---------------------------------------------------------------------

@ROLE.rule(("| Indicator | Unit | Jan-Jun | YoY growth (%) |\n| GDP | 100 million yuan | 40,300 | 5.6 |", "5.6", "growth"),
           ("| Indicator | Unit | Jan-Jun | YoY growth (%) |\n| GDP | 100 million yuan | 40,300 | 5.6 |", "40,300", "level"),
           ("| Indicator | Share (%) |\n| Tertiary industry | 56.3 |", "56.3", "share"),
           ("| Indicator | 2022 | 2023 |\n| Exports (billion yuan) | 41.2 | 44.9 |\n| Export growth (%) | 19.1 | 9.0 |",
            "9.0", "growth"),
           ("| County | GDP (100 million yuan) | Growth (%) | Rank by growth |\n| Jinyun | 162.5 | 7.4 | 3 |", "3",
            "rank"))
def table_column(doc, f):
    """A table's figure is of its column's kind: a level, a growth ("YoY growth (%)"), a share or a
    rank ("Rank by growth"); in a column of a time, of its row's kind ("Export growth (%)")."""
    return NA if f.cell is None else f.cell.column


@ROLE.rule(("Its tea output ranked third in the province.", "third", "rank"), when=("rank",))
def rank(doc, f):
    """A rank is a rank."""
    return "rank" if f.unit == "rank" else NA


@ROLE.rule(("Their income is 1.4 times the county average.", "1.4 times", "difference"),
           ("Ion levels are more than five times higher than the world's clean air standard.", "five times",
            "difference"),
           ("Ion levels are 3 times higher than the national standard.", "3 times", "difference"),
           ("Wages in the park are twice the provincial average.", "twice", "difference"),
           ("Set beside Lishui, Shangrao's economy is about 1.7 times as large.", "1.7 times", "difference"),
           when=MULTIPLE)
def multiple_of_a_benchmark(doc, f):
    """A multiple of an average, standard or level ("1.4 times the county average", "3 times
    higher than the national standard", "twice the provincial average") is a difference, and so is
    one of a size that closes its clause ("Shangrao's economy is about 1.7 times as large": than the
    place it is set beside, not than an earlier year)."""
    if f.unit == "multiple" and (f.kind != "multiple" or doc.low[f.m.start:f.m.end] in lx.MULTIPLE_ADVERBS) \
            and (_BENCHMARK_AFTER.match(f.after) or _AS_LARGE_AFTER.match(f.after)) \
            and not _EARLIER_AFTER.match(f.after):
        return "difference"
    return NA


_AS_LARGE_AFTER = re.compile(r"\s+as\s+(?:large|big)\s*[,.;]")


# "double that of Lishui", "nearly double Quzhou's": the place whose quantity a multiple is of
_OF_A_PLACE_AFTER = re.compile(r"\s+((?:that|those)\s+of\s+(?:the\s+)?)?")


@ROLE.rule(("Its per capita GDP was 174,300 yuan, roughly double that of Lishui.", "double", "difference"),
           ("Its GDP was 2.5 times that of Quzhou.", "2.5 times", "difference"),
           ("Lishui's tourism revenue was nearly double Quzhou's.", "double", "difference"),
           ("The city has 80,000 private firms, about four times as many as Quzhou.", "four times", "difference"),
           ("In 2016 its output was 1.8 times Quzhou's; last year it was 1.4 times.", "1.4 times", "difference"),
           when=MULTIPLE)
def multiple_of_a_place(doc, f):
    """A multiple of the same quantity of another place ("double that of Lishui", "2.5 times that of
    Quzhou", "three times Lishui's", "four times as many as Quzhou") is a difference (of an earlier
    year, "that of 2019", a growth); so is a bare multiple closing a clause after one ("was 1.8 times
    Quzhou's; last year it was 1.4 times")."""
    if f.unit != "multiple":
        return NA
    if _of_a_place(doc, f):
        return "difference"
    prev = f.prev
    if prev is not None and prev.unit == "multiple" and CLAUSE_ENDS_AFTER.match(doc.low, f.m.end) \
            and prev.sentence is f.sentence and _of_a_place(doc, prev):
        return "difference"
    return NA


def _of_a_place(doc, f) -> bool:
    """Whether another place's quantity follows the multiple ("that of Lishui", "Quzhou's", "as many as Quzhou")."""
    for pattern in (_OF_A_PLACE_AFTER, _AS_MANY_AS_AFTER):
        m = pattern.match(doc.low, f.m.end)
        if m is None:
            continue
        k = doc.place_within(m.end(), m.end() + 30)
        if k is not None and doc.places[k].start == m.end() and (m.group(1) or doc.places[k].possessive):
            return True
    return False


_AS_MANY_AS_AFTER = re.compile(r"\s+(as\s+(?:many|much|large|big|high)\s+as\s+(?:that\s+of\s+)?(?:the\s+)?)")


@ROLE.rule(("Exports were 2.5 times that of 2019.", "2.5 times", "growth"),
           ("Output value doubled in five years.", "doubled", "growth"),
           ("The income ratio was 1.71, 0.03 lower than a year earlier.", "0.03", "growth"),
           ("The income ratio fell to 1.71, down 0.03 from a year earlier.", "0.03", "growth"),
           ("Its sales reached 9 million yuan, three times what they were in 2016.", "three times", "growth"),
           ("Updated: May 2, 2024\nHer shop earned 90,000 yuan, 30 times what she made two decades ago.",
            "30 times", "growth"),
           ("Their income was 38,200 yuan, 1.5 times the level of a decade ago.", "1.5 times", "growth"),
           ("Its mills sold goods worth 2 billion yuan, nearly four times the figure of a decade earlier.", "four times",
            "growth"),
           ("The inn had twice as many guests as in 2019.", "twice", "growth"),
           ("Sales are nearly 50 times in ten years.", "50 times", "growth"),
           ("Villagers got 150 yuan a mu last year, three times the pay they received in 2015.", "three times",
            "growth"),
           ("Tea now sells for 900 yuan a kilogram, six times its price in 2012.", "six times", "growth"),
           ("The firm shipped 320 tons last year, three times its 2020 volume.", "three times", "growth"),
           Example("By 2027 it aims to narrow the ratio of urban to rural incomes to 1.70.", "1.70", "level",
                   by="multiple_level"),
           Example("Its GDP was 364 billion yuan, nearly twice that of Lishui.", "twice", "difference",
                   by="multiple_of_a_place"),
           when=MULTIPLE)
def multiple_change(doc, f):
    """A multiple of an earlier year ("2.5 times that of 2019") or over years ("50 times in ten
    years"), a multiplying word ("doubled"), the change of a ratio ("0.03 lower") or a multiple
    beside a change word is a growth."""
    if f.unit != "multiple":
        return NA
    if f.rules.get("figure") == "ratio_value" and f.words and f.words[-1] == "to":
        return NA  # "to narrow the ratio of urban to rural incomes to 1.70": the ratio it reaches, a level
    adverb = doc.low[f.m.start:f.m.end] in lx.MULTIPLE_ADVERBS  # "twice", "thrice": a comparison, not a change
    if _double_its(doc, f):
        return NA  # "more than double its conventional GDP": a comparison (multiple_of_another_quantity)
    if _EARLIER_AFTER.match(f.after) or (f.kind == "multiple" and not adverb) or _GROWTH.intersection(f.clause_words) \
            or (adverb and _AS_MUCH_AS_EARLIER.match(f.after)) or _IN_YEARS_AFTER.match(f.after):
        return "growth"
    if f.prev is not None and f.prev.unit == "multiple" and (_DIFF_AFTER.match(f.after) or _growth_by(f)):
        return "growth"
    return NA


_IN_YEARS_AFTER = re.compile(r"\s+(?:in|over|within)\s+(?:the\s+(?:past|last)\s+)?(?:\d+|[a-z]+)\s+years(?![a-z])")
_AS_MUCH_AS_EARLIER = re.compile(r"\s*as\s+(?:much|many|large|high|big)\s+(?:[a-z-]+\s+){0,3}?as\s+(?:in\s+)?"
                                 r"(?:the\s+)?" + _EARLIER_TIME)
_OTHER_QUANTITY_AFTER = re.compile(r"\s*(?:(?:higher|more|larger|greater|bigger)\s+than\s+)?"
                                   r"(?:its|their|our|his|her|the|what|that\s+of|those\s+of)\s+(?!(?:19|20)\d\d)[a-z]")


@ROLE.rule(("Its GEP was 546 billion yuan, more than three times its GDP.", "three times", "difference"),
           ("The rice sells at six times the price of ordinary rice.", "six times", "difference"),
           ("Our GEP was 573.2 billion yuan, about 2.7 times our GDP.", "2.7 times", "difference"),
           ("Its GEP came to 573 billion yuan, more than double its conventional GDP.", "double", "difference"),
           ("Each mu earns farmers 6,000 yuan, five times what rice alone would bring.", "five times", "difference"),
           Example("Jiaxing's GDP reached 737.5 billion yuan, more than three times Lishui's.", "three times",
                   "difference", by="multiple_of_a_place"),
           ("Jiaxing covers 4,200 square kilometers. Lishui is four times larger, at 17,298 square kilometers.",
            "four times", "difference"),
           when=MULTIPLE)
def multiple_of_another_quantity(doc, f):
    """A multiple of another quantity ("three times its GDP", "six times the price of ordinary
    rice", "four times larger") is a difference (a multiple of an earlier one is a growth:
    multiple_change; of another place's, multiple_of_a_place)."""
    if f.unit == "multiple" and (f.kind != "multiple" or doc.low[f.m.start:f.m.end] in lx.MULTIPLE_ADVERBS):
        if _OTHER_QUANTITY_AFTER.match(f.after) or _COMPARATIVE_AFTER.match(f.after):
            return "difference"
    return "difference" if _double_its(doc, f) else NA


# "more than double its GDP": "double" as a comparison with another quantity of its own (not "to double its
# output", a plan's change, nor "double the amount in the same period last year")
_ITS_QUANTITY_AFTER = re.compile(r"\s+(?:its|their|our|his|her)\s+(?!(?:19|20)\d\d)[a-z]")


def _double_its(doc, f) -> bool:
    return doc.low[f.m.start:f.m.end] in ("double", "triple") and bool(_ITS_QUANTITY_AFTER.match(f.after)) \
        and not f.left.endswith("to ") and not _EARLIER_AFTER.match(f.after)


# "16 times larger, at 17,298 square kilometers": larger than the thing named before
_COMPARATIVE_AFTER = re.compile(r"\s+(?:larger|bigger|greater|higher|smaller|richer|wider)(?:\s*[,.;]|\s+(?:than|in|by)\s)")


@ROLE.rule(("The income ratio of urban to rural residents was 1.71.", "1.71", "level"), when=MULTIPLE)
def multiple_level(doc, f):
    """Any other multiple (a ratio) is a level."""
    return "level" if f.unit == "multiple" else NA


@ROLE.rule(("Growth was 2.3 percentage points higher than the city's average.", "2.3 percentage points",
            "difference"),
           ("The share rose 1.2 percentage points from last year.", "1.2 percentage points", "difference"), when=("percentage_point",))
def percentage_points(doc, f):
    """Percentage points are a gap between two rates: a difference (also against an earlier period)."""
    return "difference" if f.unit == "percentage_point" else NA


# --- percentages -------------------------------------------------------------------------------

@ROLE.rule(("Tea accounts for one-third of farm output.", "one-third", "share"),
           ("Bookings fell by half.", "half", "growth"),
           ("Wages average 6,500 yuan a month, a third more than five years ago.", "a third", "growth"), when=PERCENT)
def fraction(doc, f):
    """A fraction is a share, or a growth after a change word ("fell by half") or before "more than"
    an earlier time ("a third more than five years ago")."""
    if f.unit == "percent" and f.kind == "fraction":
        return "growth" if _growth_by(f) or _MORE_THAN_BEFORE.match(f.after) else "share"
    return NA


@ROLE.rule(("GDP: 9.1 billion yuan, +6.8% (Lishui: +5.9%)", "5.9%", "benchmark"),
           ("Exports grew 12.4 percent (Zhejiang 9.3 percent).", "9.3 percent", "benchmark"), when=PERCENT + AMOUNTS)
def place_value_in_brackets(doc, f):
    """A value in brackets that open with another place, after a figure ("+6.8% (Lishui: +5.9%)"),
    is that place's figure the first is compared with: a benchmark."""
    if f.prev is None or f.prev.sentence is not f.sentence or "(" not in f.left and "（" not in f.left:
        return NA
    m = PLACE_IN_BRACKETS.search(f.left)
    return "benchmark" if m is not None and _place_at(doc, f, m) else NA


_PLACE_THEN_BRACKET = re.compile(r"([a-z][a-z'’-]+)\s*[(（]\s*$")


@ROLE.rule(("Its rural income was 1.4 times that of Lishui (23,190 yuan).", "23,190 yuan", "benchmark"),
           ("Growth was 0.8 points higher than Quzhou (6.1 percent).", "6.1 percent", "benchmark"),
           ("Its GDP grew 7 percent, ahead of Quzhou (6.1 percent).", "6.1 percent", "benchmark"),
           ("Its GDP grew fastest, ahead of Yunhe (5.9 percent) and Jingning (5.4 percent).", "5.4 percent",
            "benchmark"),
           when=PERCENT + AMOUNTS)
def value_of_a_compared_place_in_brackets(doc, f):
    """A value in brackets right after the place a figure is compared with ("1.4 times that of Lishui
    (23,190 yuan)", "ahead of Yunhe (5.9 percent)") is that place's value: a benchmark; so is the
    next place's ("... and Jingning (5.4 percent)")."""
    left = f.left[-40:]
    if "(" not in left and "（" not in left:
        return NA
    m = COMPARED_BRACKETED_BEFORE.search(left)
    if m is not None and _place_at(doc, f, m, left):
        return "benchmark"
    prev = f.prev
    if prev is None or prev.sentence is not f.sentence:
        return NA
    am = _AND_A_PLACE_IN_BRACKETS.fullmatch(doc.low, prev.m.end, f.m.start)
    if am is None or doc.place_at(am.start(1)) is None:
        return NA
    return value_of_a_compared_place_in_brackets(doc, prev)


_AND_A_PLACE_IN_BRACKETS = re.compile(r"\s*[)）]\s*,?\s+and\s+([a-z][a-z'’-]+)\s*[(（]\s*" + HEDGE)


@ROLE.rule(("By city, Lishui (6.8 percent) and Quzhou (6.5 percent) grew fastest.", "6.5 percent", "growth"),
           ("Tea made up a larger share of farm output in Songyang (38 percent) than in Jingning (21 percent).",
            "21 percent", "share"), when=PERCENT)
def value_of_a_place_in_brackets(doc, f):
    """A percentage in brackets right after a place ("Lishui (6.8 percent) and Quzhou (6.5 percent)
    grew fastest") is of the kind its sentence's cue word says: the first after it, else the last
    before it."""
    left = f.left[-40:]
    if "(" not in left and "（" not in left:
        return NA
    m = _PLACE_THEN_BRACKET.search(left)
    if m is None or not _place_at(doc, f, m, left):
        return NA
    after = WORDS.findall(doc.low, f.m.end, f.sentence.end)
    cue = _nearest_cue(after[::-1]) or _nearest_cue(WORDS.findall(doc.low, f.sentence.start, f.m.start))
    return cue if cue else NA


@ROLE.rule(("Revenue hit 8.6 billion yuan (+15.5%).", "15.5%", "growth"),
           ("Zhejiang 1H 2024: GDP +5.6%", "5.6%", "growth"),
           ("• Fixed-asset investment: -4.2%", "-4.2%", "growth"), when=PERCENT)
def signed_plus(doc, f):
    """"(+15.5%)", "GDP +5.6%", "investment: -4.2%": a percentage written with its sign is a growth."""
    if f.unit == "percent" and (f.left.endswith(("+", "+ ")) or (f.m.negative and doc.text[f.m.start] in _MINUS)):
        return NA if _WIDER_VALUE_COMPARED.search(f.left) else "growth"  # "ahead of national +5.2%": a benchmark
    return NA


_MINUS = "-−–"


@ROLE.rule(("Growth outpaced the provincial average (7.5%).", "7.5%", "benchmark"),
           ("It beat the national average of 5 percent.", "5 percent", "benchmark"),
           ("Rural incomes grew 7.4 percent, faster than the provincial rural average of 6.6 percent.", "6.6 percent",
            "benchmark"),
           ("Jinhua's GDP grew 6.1% in 1H25, beating the national 5.3%.", "5.3%", "benchmark"),
           ("Its growth was 0.4 points higher than Ningbo's average of 5.9 percent.", "5.9 percent", "benchmark"),
           ("Jinhua's GDP grew 6.1% in 1H25, above its 2024 pace and the national 5.3%.", "5.3%", "benchmark"),
           ("Ningbo GDP +5.9% YoY in 1-3Q25, ahead of national +5.2%.", "5.2%", "benchmark"),
           when=PERCENT + AMOUNTS)
def average_named_before(doc, f):
    """The value of an average or benchmark named right before it is a benchmark."""
    if f.unit not in ("percent", "count") and f.unit not in ("CNY", "USD", "EUR"):
        return NA
    if "average" in f.left or "level" in f.left or "benchmark" in f.left:
        if _BENCHMARK_BEFORE.search(f.left) and not _AVERAGE_AS_A_VERB.search(f.left[-40:]):
            return "benchmark"
    if ("nation" in f.left or "provincial" in f.left) and _WIDER_VALUE_COMPARED.search(f.left):
        return "benchmark"  # "beating the national 5.3%"
    return NA


# "wages at the county's factories average 6,500 yuan": a plural subject's verb, not an average named
_AVERAGE_AS_A_VERB = re.compile(r"[a-z]{2,}s\s+average\s+(?:about\s+|around\s+|nearly\s+|over\s+)?$")
# the value of a wider place compared with, the place an adjective right before it: "beating the national 5.3%"
# (also the second of two things compared with: "above our 5.6% forecast and the national 4.8%")
_WIDER_VALUE_COMPARED = re.compile(r"(?<![a-z])(?:" + COMPARED_WITH + r")\s+(?:[^,;]{1,40}?\s+and\s+)?"
                                   r"(?:the\s+)?(?:national|provincial|nationwide)\s+\+?\s*$")


_WIDER_FIGURE_COMPARED = re.compile(
    r"(?<![a-z])(?:" + COMPARED_WITH + r"|bucking|defying)\s+"
    r"(?:that\s+of\s+)?(?:the|an?)\s+(?:national|provincial|country['’]s|nation['’]s|province['’]s|city['’]s|citywide)\s+"
    r"(?:growth(?:\s+rate)?|rate|figure|level|pace|decline|fall|drop|contraction|increase|rise)\s+(?:of|at)\s+" + HEDGE
    + "$")


@ROLE.rule(("Its GDP grew 4.5 percent, lower than the national growth of 5.2 percent.", "5.2 percent", "benchmark"),
           ("Exports rose 9 percent, outpacing the provincial rate of 6.1 percent.", "6.1 percent", "benchmark"),
           ("Anhui's output rose 6 percent, keeping the province ahead of the national growth of 5.1 percent.",
            "5.1 percent", "benchmark"),
           ("Its foreign investment rose 4.2 percent, bucking a national decline of 8.6 percent.", "8.6 percent",
            "benchmark"),
           when=PERCENT + AMOUNTS)
def wider_figure_compared(doc, f):
    """The nation's, province's or city's figure a value is compared with ("lower than the national
    growth of 5.2 percent", "outpacing the provincial rate of 6.1 percent") is a benchmark."""
    left = f.left
    if not ("national" in left or "provincial" in left or "’s" in left or "'s" in left or "citywide" in left):
        return NA
    return "benchmark" if _WIDER_FIGURE_COMPARED.search(left) else NA


def _same_unit_before(g, unit: str | None) -> bool:
    """Whether a figure before `g` in its sentence is of `unit` (the value a fraction compares)."""
    g = g.prev
    while g is not None:
        if g.unit == unit:
            return True
        g = g.prev
    return False


_OF_A_PLACES = re.compile(r"(?<![a-z])(?:of|times|twice|double|triple)\s+((?:the\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)['’]s\s*$")
_THAN_A_PLACES = re.compile(r"(?<![a-z])than\s+(?:that\s+of\s+)?((?:the\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)['’]s\s*[(（]?\s*$")


@ROLE.rule(("Growth was 1.1 points higher than Zhejiang's 6.6 percent.", "6.6 percent", "benchmark"),
           ("Incomes were 2,000 yuan higher than the province's 38,000 yuan.", "38,000 yuan", "benchmark"),
           ("Its rural income was 21,000 yuan, about two-thirds of Lishui's 31,500 yuan.", "31,500 yuan", "benchmark"),
           ("Its exports rose to 9.4 billion yuan, more than twice Jinhua's 4.8 billion yuan.", "4.8 billion yuan",
            "benchmark"),
           Example("About half of the town's 12,000 residents farm rice.", "12,000", "level", by="level"),
           when=PERCENT + AMOUNTS)
def value_of_a_place_compared(doc, f):
    """The value of the place a figure is compared with, written right after it ("higher than
    Zhejiang's 6.6 percent", "than the province's 38,000 yuan", "two-thirds of Lishui's 31,500
    yuan"), is a benchmark."""
    m = _THAN_A_PLACES.search(f.left) if "than" in f.left else None
    if m is not None and _place_at(doc, f, m):
        return "benchmark"
    if f.prev is not None and f.prev.kind in ("fraction", "multiple") \
            and f.m.start - f.prev.m.end < 30 and _same_unit_before(f.prev, f.unit):
        # "22,140 yuan, two-thirds of Lishui's 33,850 yuan" (not "two-thirds of the county's 240,000 residents"),
        # "more than twice Quzhou's 31.2 billion yuan" (its "than" compares the multiple)
        m = _OF_A_PLACES.search(f.left)
        if m is not None and _place_at(doc, f, m):
            return "benchmark"
    return NA


def _place_at(doc, f, m, left: str | None = None) -> bool:
    """Whether the document read a place where group 1 of `m` starts, a match in `left` (the end of
    `f.left`, the whole of it by default)."""
    return doc.place_at(f.m.start - len(f.left if left is None else left) + m.start(1)) is not None


@ROLE.rule(("GDP grew 6.2 percent, higher than the 5.0 percent growth of Nanjing.", "5.0 percent", "benchmark"),
           ("Sales rose 7 percent, above the 6.1 percent recorded in Jiangsu.", "6.1 percent", "benchmark"),
           ("Its GDP rose 6.0 percent in 2024, against 5.5 percent for the province.", "5.5 percent", "benchmark"),
           ("Output in the district grew 8.3 percent, outpacing Nanjing's 6.1 percent.", "6.1 percent", "benchmark"),
           ("Its exports were 9 billion yuan, against Wenzhou city's 120 billion yuan.", "120 billion yuan", "benchmark"),
           ("Rural incomes grew 7 percent, faster than the 6 percent of rural Quzhou.", "6 percent", "benchmark"),
           ("Its growth rate was the second highest, behind only Wenzhou's 7.2 percent.", "7.2 percent", "benchmark"),
           ("Its output was the largest, ahead of Yunhe's 9.1 billion yuan and Jingning's 8.7 billion yuan.",
            "8.7 billion yuan", "benchmark"),
           when=PERCENT + AMOUNTS)
def figure_of_a_place_compared(doc, f):
    """The value a figure is compared with, followed by the place it belongs to ("higher than the
    5.0 percent growth of Nanjing", "above the 6.1 percent recorded in Jiangsu"), is a benchmark; so
    is another place's value joined to it ("ahead of Yunhe's 9.1 billion yuan and Jingning's 8.7
    billion yuan")."""
    if compared_place(doc, f) is not None:
        return "benchmark"
    prev = f.prev
    if prev is None or prev.unit != f.unit or "and" not in f.left[-40:]:
        return NA
    m = _AND_A_PLACES.fullmatch(doc.low, prev.m.end, f.m.start)
    if m is None or doc.place_at(prev.m.end + len(m.group(1))) is None:
        return NA
    return "benchmark" if compared_place(doc, prev) is not None else NA


_AND_A_PLACES = re.compile(r"(\s*,?\s+and\s+)[a-z][a-z .-]{1,30}?['’]s\s+")


@ROLE.rule(("Its tea sold 8 billion yuan, 12 percent more than in 2021.", "12 percent", "growth"),
           ("Revenue reached 50 billion yuan, 38.4 percent higher than in 2019.", "38.4 percent", "growth"),
           ("Deposits were 95 billion yuan, 6.1 billion yuan more than at the beginning of the year.",
            "6.1 billion yuan", "growth"),
           ("The orders were 15 percent more than at last year's fair.", "15 percent", "growth"),
           ("Top buds sold at 480 yuan a kilogram, 30 yuan higher than last spring.", "30 yuan", "growth"),
           ("The park drew 90,000 visitors, 12 percent more than during the holiday last year.", "12 percent", "growth"),
           ("Green tea sold at 130 yuan a kilogram, 6 yuan higher than in October.", "6 yuan", "growth"),
           ("Fresh leaves averaged 21.4 yuan a kilogram, 1.2 yuan higher than a week earlier.", "1.2 yuan", "growth"),
           ("The county aims to receive 1.2 million more tourist visits than last year.", "1.2 million", "growth"),
           when=PERCENT + AMOUNTS)
def more_than_an_earlier_time(doc, f):
    """A percentage or an amount "more (or less) than in 2021", "than at the beginning of the year",
    a count "more tourist visits than last year": a change over time, a growth (against a place or an
    average it is a difference)."""
    if f.unit != "count" and _MORE_THAN_BEFORE.match(f.after):
        return "growth"
    if f.unit == "count" and _MORE_NOUN_THAN_BEFORE.match(doc.low, f.m.end):
        return "growth"
    return NA


@ROLE.rule(("Its growth rate was 3 percent higher than the national level.", "3 percent", "difference"),
           ("The brand's goods sell at a premium of more than 30 percent over similar goods.", "30 percent",
            "difference"), when=PERCENT)
def percent_above_a_benchmark(doc, f):
    """A percentage "higher than the average / level" is a difference, and so is a premium or a
    discount ("a premium of 30 percent over similar goods")."""
    if f.unit == "percent" and _DIFF_AFTER.match(f.after) \
            and _THAN_NEAR.search(f.after, 0, min(60, f.sentence.end - f.m.end)):  # in its own sentence
        return "difference"
    if f.unit == "percent" and ("premium" in f.left or "discount" in f.left) and _PREMIUM_BEFORE.search(f.left):
        return "difference"
    return NA


@ROLE.rule(("Exports grew 14.2% year-on-year.", "14.2%", "growth"),
           ("It posted a 4.8% year-on-year increase in sales.", "4.8%", "growth"),
           ("Profits rose on a 9 percent jump in orders.", "9 percent", "growth"),
           ("The plan sets a target of 20 percent annual growth for parcel volumes.", "20 percent", "growth"),
           ("Jinhua posts 6.2% GDP growth in H1", "6.2%", "growth"),
           ("Quzhou posts 6.8% Q1 growth, fastest in Zhejiang", "6.8%", "growth"),
           ("Qingtian's exports grew 18.3 percent to 7.1 billion yuan, and Yunhe's 9.6 percent to 2.7 billion yuan.",
            "9.6 percent", "growth"), when=PERCENT)
def change_word_after(doc, f):
    """"year-on-year", "increase", "growth", "decline" right after a percentage make it a growth, and
    so does the amount it changed to ("and Yunhe's 9.6 percent to 2.7 billion yuan")."""
    if f.unit == "percent" and (_GROWTH_AFTER.match(f.after) or _DECLINE_AFTER.match(f.after)
                                or _TO_AN_AMOUNT.match(f.after) or _NAMED_GROWTH_AFTER.match(f.after)):
        return "growth"
    return NA


# "posts 6.0% GDP growth", "5% export growth": a growth of the quantity named between
_NAMED_GROWTH_AFTER = re.compile(r"\s+(?:(?!(?:of|in|for|to|and|or|the|a|an|its|their|with)\s)[a-z0-9-]+\s+){1,2}"
                                 r"(?:growth|increase|rise)(?![a-z])")


# "... 9.6 percent to 2.75 billion yuan": the level a change reached
_TO_AN_AMOUNT = re.compile(r"\s+to\s+" + HEDGE + r"(?:rmb\s*|us\$|\$|¥)?\d[\d,.]*\s*(?:trillion|billion|million|"
                           r"thousand|yuan|dollars|euros|tons|(?:-|\s)?mu)(?![a-z])")


@ROLE.rule(("The three industries accounted for 57.1 percent of GDP.", "57.1 percent", "share"),
           ("They hold a 60% market share.", "60%", "share"), when=PERCENT)
def part_of_a_whole_after(doc, f):
    """A percentage "of" something, or "market share", is a share."""
    if f.unit == "percent" and _SHARE_AFTER.match(f.after):
        return "share"
    return NA


_A_FURTHER_PART = re.compile(r"(?<![a-z])(?:made|make|makes|making)\s+up\s+(?:another|a further|an additional)\s*$|"
                             r"(?<![a-z])account(?:ed|s|ing)?\s+for\s+(?:another|a further|an additional)\s*$")


@ROLE.rule(("The county plans to cut energy use by 3 percent.", "3 percent", "growth"),
           ("Machinery made up 44 percent of exports, and toys made up a further 31 percent.", "31 percent", "share"),
           ("Profit posted an uptick of 7 percent.", "7 percent", "growth"),
           ("The population grew by 6,000 over the previous year.", "6,000", "growth"),
           Example("The county has set up 13 trade centres.", "13", "level", by="level"),
           ("Freight volume saw a slide of 2.6 percent.", "2.6 percent", "growth"),
           ("Prices rose another 5 percent.", "5 percent", "growth"),
           ("Drones cut spraying costs by about 90 yuan per mu.", "90 yuan", "growth"),
           ("Since 2019 its GEP has grown by an average of 6 percent a year.", "6 percent", "growth"),
           Example("Sales reached 560 million yuan, and tourism brought in another 120 million yuan.",
                   "120 million yuan", "level", by="level"), when=PERCENT + AMOUNTS)
def change_word_before(doc, f):
    """A change word right before the figure ("increased ... by", "an uptick of", "up", "down",
    "another") makes it a growth: of a percentage, an amount or a count."""
    if f.unit in ("percent", "percentage_point", "multiple", "rank"):
        tail = f.left[-12:]
        if ("further" in tail or "another" in tail or "additional" in tail) and _A_FURTHER_PART.search(f.left):
            return "share"  # "made up a further 31 percent": another part of the whole
        return "growth" if f.unit == "percent" and _growth_by(f) else NA
    if _growth_by(f, f.unit == "count") or (f.unit == "count" and _MORE_THAN_BEFORE.match(f.after)):
        return "growth"
    return NA


_RATE_NOUNS = {"rate", "share", "proportion", "ratio", "coverage", "rates"}
# a verb of a pace that changed, before the pace it reached: "It rebounded to 8.3 percent", "before easing to 4.1"
_PACE_CHANGED_TO = re.compile(r"(?<![a-z])(?:rebound\w*|eas(?:ed|ing|es)|slow(?:ed|ing|s)|accelerat\w*|quicken\w*|"
                              r"pick(?:ed|ing|s)\s+up|recover\w*|moderat\w*|bounc\w*\s+back)\s+to\s+" + HEDGE + "$")


@ROLE.rule(("Growth slowed in 2020. It rebounded to 8.3 percent in 2021, before easing to 4.1 percent in 2022.",
            "4.1 percent", "growth"),
           Example("The jobless rate eased to 5.0 percent.", "5.0 percent", "share", by="levels_of_a_change"),
           when=PERCENT)
def pace_changed_to(doc, f):
    """A percentage a pace "rebounded to", "slowed to", "eased to" is a growth rate (not a rate of its
    own: "the jobless rate eased to 5.0 percent")."""
    tail = f.left[-40:]
    if f.unit != "percent" or " to " not in tail or not _PACE_CHANGED_TO.search(tail):
        return NA
    words = set(f.clause_words)
    return NA if words & _RATE_NOUNS and "growth" not in words else "growth"


@ROLE.rule(("Forest cover increased to 81.7 percent from 80.8 percent.", "81.7 percent", "share"),
           ("GDP grew 7.1 percent in the second quarter, up from 6.2 percent in the first.", "6.2 percent", "growth"),
           ("Output grew 6.5 percent in the fourth quarter, picking up from 5.8 percent in the third.", "5.8 percent",
            "growth"), when=PERCENT)
def levels_of_a_change(doc, f):
    """"the proportion rose to 81.7% from 80.8%": the two values of a change are levels (shares);
    "grew 7.1 percent, up from 6.2 percent" ("picking up from"): an earlier rate of the growth before it is a growth."""
    if f.unit != "percent" or not f.words or f.words[-1] not in ("to", "from"):
        return NA
    words = f.clause_words
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _GROWTH or words[i] in _DECLINE:
            if words[i + 1] in ("to", "from"):
                cue = _nearest_cue(words[:i])
                prev = f.prev
                if cue is None and (i == 0 or i == 1 and words[0].endswith("ing")) and prev is not None \
                        and prev.unit == "percent" and prev.role == "growth":
                    return "growth"  # the clause is only "up from 6.2 percent": the rate of the growth before
                return cue if cue and cue != "growth" else "share"
            break
    return NA


@ROLE.rule(("Output of textile firms grew by 3.2 percent; machinery firms by 6.5 percent; and chemical "
            "firms by 7 percent.", "7 percent", "growth"),
           ("The three industries each grew: primary industry by 3.2 percent, secondary by 7.1 percent.",
            "3.2 percent", "growth"), when=PERCENT)
def by_in_a_list_of_changes(doc, f):
    """"...; and chemical firms by 7 percent": "by" after a list of growths, or after a change word
    that opens a list with a colon ("each grew: primary industry by 3.2 percent"), continues it."""
    if f.unit != "percent" or not f.words or f.words[-1] != "by":
        return NA
    if f.prev is not None and f.prev.role == "growth":
        return "growth"
    colon = doc.text.rfind(":", f.sentence.start, f.m.start)
    return "growth" if colon > 0 and _CHANGE_BEFORE_COLON.search(doc.low, max(f.sentence.start, colon - 40), colon + 1) \
        else NA


_CHANGE_BEFORE_COLON = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(lx.GROWTH_WORDS | lx.DECLINE_WORDS)) +
                                  r")(?:\s+(?:respectively|as follows))?\s*:$")


# a target a figure is measured against: "..., beating its target of 5.5 percent", "exceeding the annual goal of"
_TARGET_MEASURED_AGAINST = re.compile(r"(?<![a-z])(?:" + "|".join(lx.AGAINST_A_TARGET_WORDS) + r")\s+(?:the|its|their|this|a)\s+"
                                      r"(?:[a-z'’-]+\s+){0,2}?(?:target|goal|plan)(?:\s+of|\s+set)?\s+" + HEDGE + "$")


@ROLE.rule(("GDP grew 5.7 percent, beating its target of 5.5 percent.", "5.5 percent", "growth"),
           ("Its forest coverage reached 81 percent, above the goal of 80 percent.", "80 percent", "share"),
           ("GDP grew 5.0 percent, meeting the government's target of around 5 percent.", "5 percent", "growth"),
           when=PERCENT)
def target_measured_against(doc, f):
    """A percentage that is the target the percentage before it in its sentence is measured against
    ("grew 5.7 percent to 9.43 trillion yuan, beating its target of 5.5 percent") is of that one's kind."""
    last = doc.last_percent
    if f.unit != "percent" or last is None or last.sentence is not f.sentence \
            or not _TARGET_MEASURED_AGAINST.search(f.left):
        return NA
    return last.role


@ROLE.rule(("Investment in fixed assets rose 8 percent.", "8 percent", "growth"),
           ("The forest coverage rate is 82 percent.", "82 percent", "share"),
           ("Of all the counties, Yunhe posted the fastest rate of 9 percent.", "9 percent", "growth"),
           ("Output grew at an average rate of 6.9 percent over the two years.", "6.9 percent", "growth"),
           ("Incomes rose at an average annual rate of 7 percent.", "7 percent", "growth"),
           ("Sales rose 9 percent, of which tea made up 41 percent.", "41 percent", "share"),
           ("The share of clean rivers will be no less than 92 percent.", "92 percent", "share"),
           ("Main targets for 2027:\nGrowth of retail sales: about 5%\nForest coverage rate: 81%", "5%", "growth"),
           when=PERCENT)
def cue_word_in_clause(doc, f):
    """Else the nearest cue word before a percentage in its clause: a change word makes it a growth,
    a share word ("proportion", "rate", "accounting") a share ("the growth rate", "the fastest rate":
    a growth); a line's label before a colon is its clause ("GDP growth: about 6.5%")."""
    if f.unit != "percent":
        return NA
    cue = _nearest_cue(f.clause_words)
    if cue:
        return cue
    label = _label_of_its_line(doc, f)
    return (_nearest_cue(label) or NA) if label else NA


def _label_of_its_line(doc, f) -> list[str] | None:
    """The words of the label of a "label: value" line the figure is the value of (a hedge allowed)."""
    low = doc.low
    a = max(0, f.m.start - LABEL_LINE_CHARS)
    start = low.rfind("\n", a, f.m.start) + 1
    if start == 0 and a > 0:
        return None  # a line longer than a label and its value (and no walk back through a long one)
    colon = low.rfind(":", start, f.m.start)
    if colon < 0 or any(w not in lx.HEDGE_WORDS for w in WORDS.findall(low, colon + 1, f.m.start)):
        return None
    label = WORDS.findall(low, start, colon)
    return label if len(label) <= MAX_LABEL_WORDS else None  # (not a sentence: "X and Y grew at the same pace in 2024:")


MAX_LABEL_WORDS = 8  # "Per capita disposable income of rural residents"
LABEL_LINE_CHARS = 120  # how far back from its value a label line may start


_BARE_PREPOSITION = {"at", "by", "of", "to"}


@ROLE.rule(("Of the counties, Yunhe grew the fastest, at 9.1 percent.", "9.1 percent", "growth"),
           ("All nine counties reported GDP growth, with Jinyun leading at 7.6 percent.", "7.6 percent", "growth"),
           ("Yunhe, the smallest county, posted the fastest growth, 8.4 percent.", "8.4 percent", "growth"),
           ("Within Zhejiang, Lishui posted the fastest growth of its 11 cities, 6.5 percent.", "6.5 percent", "growth"),
           ("Yunhe and Jinyun grew at the same pace in 2024: 6.1 percent and 6.0 percent respectively.", "6.1 percent",
            "growth"),
           when=PERCENT)
def cue_in_the_clause_before(doc, f):
    """A percentage whose clause holds only a preposition before it ("grew the fastest, at 9.1
    percent"), or no cue word and "at" ("with Jinyun leading at 7.6 percent"), takes the nearest cue
    word of its sentence before that clause; one that is its clause ("the fastest growth, 8.4
    percent") takes the word right before it."""
    words = f.clause_words
    if f.unit != "percent":
        return NA
    before = WORDS.findall(doc.low, f.sentence.start, f.clause[0])
    if not words:  # "posted the second-fastest growth, 6.5 percent": the percentage names the noun before it
        after_colon = doc.low[max(f.sentence.start, f.clause[0] - 3):f.clause[0]].rstrip().endswith(":")
        cue = _nearest_cue(before if after_colon else before[-1:])  # "grew ... in 2024: 6.1 percent and ..."
        if not cue and before and _OF_THE_GROUP.search(doc.low, f.sentence.start, f.clause[0]):
            cue = _nearest_cue(before[-8:])  # "posted the fastest growth of its 11 cities, 6.5 percent"
        return cue if cue else NA
    if not (len(words) == 1 and words[0] in _BARE_PREPOSITION or words[-1] == "at"):
        return NA
    cue = _nearest_cue(before)
    return cue if cue else NA


# the group a superlative ranks in, closing the clause before the figure: "the fastest growth of its 11 cities, "
_OF_THE_GROUP = re.compile(r"(?<![a-z])(?:of|among|in)\s+(?:the|its|their|all|[a-z]+['’]s)\s+(?:[a-z0-9-]+\s+){0,2}"
                           r"(?:cities|counties|districts|provinces|regions|places)\s*,\s*$")


_LED_WITH = re.compile(r"(?<![a-z])(?:led|leads|leading|topped|tops|followed|follows|following)\s+"
                       r"(?:the\s+(?:list|pack|ranking)\s+)?with\s+" + HEDGE + "$")


_OWN_NOUNS = {"growth", "increase", "rise", "expansion"}


# an aside that gives a change's cause: ", boosted by online shopping festivals,"
_CAUSE_ASIDE = re.compile(r",\s+(?:boosted|driven|helped|supported|dragged|weighed|led|spurred|fuelled|fueled)\s+"
                          r"(?:down\s+)?by\s+[^,;]*,")


@ROLE.rule(("Value added rose by 21.3% in chemicals, 11.6% in textiles and 8.2% in machinery.", "8.2%",
            "growth"),
           ("Zhoushan ranked 2nd with 6.0 percent growth, and Quzhou 3rd with 5.9 percent.", "5.9 percent", "growth"),
           ("Shangrao grew 5.9 percent to 410.2 billion yuan, and Ganzhou, the largest city by area, 5.6 percent.",
            "5.6 percent", "growth"),
           Example("The city received 3.56 million visits, up 12.1 percent, of which 28 percent came from Zhejiang.",
                   "28 percent", "share", by="percent_share"),
           ("Sales rose 6.1 percent in May, boosted by a festival, and 4.9 percent in the first five months.",
            "4.9 percent", "growth"), when=PERCENT)
def list_continues(doc, f):
    """A percentage in a list continues the role of the percentage before it ("up 24.5% in A,
    17.5% in B and 13.5% in C"), past the level that percentage reached ("grew 5.9 percent to 410.2
    billion yuan, and Ganzhou, ..., 5.6 percent")."""
    if f.unit != "percent" or f.prev is None:
        return NA
    prev = f.prev
    while prev is not None and prev.unit == "rank" and prev.sentence is f.sentence:
        prev = prev.prev  # "..., and Quzhou 3rd with 5.9 percent": past the rank
    if prev is None:
        return NA
    if prev.unit != "percent" and prev.role == "level" and prev.sentence is f.sentence \
            and prev.prev is not None and prev.prev.unit == "percent" and prev.prev.sentence is f.sentence \
            and _TO_AN_AMOUNT.match(doc.low, prev.prev.m.end):
        prev = prev.prev  # "Shangrao grew 5.9 percent to 410.2 billion yuan, and Ganzhou, ..., 5.6 percent"
    if prev.unit != "percent":
        return NA
    between = _CAUSE_ASIDE.sub(",", doc.low[prev.m.end:f.m.start])  # (past ", boosted by online shopping festivals,")
    words = WORDS.findall(between)
    if words and words[0] in _OWN_NOUNS and prev.role == "growth":
        words = words[1:]  # "ranked 2nd with 6.0 percent growth, and Quzhou 3rd with 5.9 percent": its own noun
    if ";" in between or any(w in _GROWTH or w in _DECLINE or w in _SHARE for w in words):
        return NA
    if "which" in words or "them" in words:
        return NA  # "up 12.1 percent, of which 28 percent came from Zhejiang": a part, not the list's next
    return prev.role


@ROLE.rule(("All counties grew faster than 5 percent.\n\nYunhe led with 7.8 percent.", "7.8 percent", "growth"),
           ("Among the counties, by growth, Jinyun led with 8.8 percent.", "8.8 percent", "growth"),
           ("Jinyun's GDP grew 8.1 percent, the fastest. Yunhe followed with 7.6 percent.", "7.6 percent", "growth"),
           when=PERCENT)
def leader_of_a_ranking(doc, f):
    """The percentage a ranking's leader "led with" is of the kind its sentence names ("By growth,
    Zhoushan led with 7.9 percent"), else of the percentage written last before it, in its paragraph
    or the one before ("All counties grew faster than 5 percent. Yunhe led with 7.8 percent")."""
    if f.unit != "percent" or not _LED_WITH.search(f.left):
        return NA
    cue = _nearest_cue(WORDS.findall(doc.low, f.sentence.start, f.m.start))
    if cue:
        return cue  # "By growth, Zhoushan led with 7.9 percent"
    last = doc.last_percent
    if last is None or last.sentence.paragraph < f.sentence.paragraph - 1:
        return NA
    return last.role


# the forecast or target of an amount, as a percentage: its growth ("our FY25 GDP forecast at 5.5%")
_FORECAST_OF_AN_AMOUNT = re.compile(r"(?<![a-z])(?:gdp|output|exports|imports|sales|investment|revenue|consumption)\s+"
                                    r"(?:forecasts?|targets?|goals?|estimates?|projections?)\s+(?:at|of|to|is|was|=)?\s*"
                                    + HEDGE + "$")


@ROLE.rule(("We keep our 2025 GDP forecast at 5.5%.", "5.5%", "growth"),
           ("This year the county's sales target is 12 percent.", "12 percent", "growth"),
           Example("The GDP target is 99 percent met.", "99 percent", "share", by="percent_share"), when=PERCENT)
def forecast_of_an_amount(doc, f):
    """A percentage that is the forecast or target of an amount ("our GDP forecast at 5.5%") is its
    growth."""
    if f.unit == "percent" and ("forecast" in f.left or "target" in f.left or "goal" in f.left
                                or "estimate" in f.left or "projection" in f.left) \
            and _FORECAST_OF_AN_AMOUNT.search(f.left[-60:]) and not PLAN_MET_AFTER.match(f.after) \
            and not f.after.startswith(" of "):
        return "growth"
    return NA


@ROLE.rule(("Q: What is your growth target for 2027?\n\nA: Around 6.5 percent.", "6.5 percent", "growth"),
           Example("Q: What share of sales is online?\n\nA: About 40 percent.", "40 percent", "share",
                   by="cue_of_the_question"), when=PERCENT)
def cue_of_the_question(doc, f):
    """A bare answer ("A: Around 6.5 percent.") is of the kind its question asks: the cue word
    nearest its end ("Q: Your growth target for 2026?": a growth)."""
    q = question_of_a_bare_answer(doc, f)
    cue = _nearest_cue(WORDS.findall(doc.low, *q)) if q is not None else None
    return cue or NA


@ROLE.rule(("Its tea gardens are now 30 percent organic.", "30 percent", "share"),
           Example("About 70 percent of its products are exported.", "70 percent", "share", by="part_of_a_whole_after"), when=PERCENT)
def percent_share(doc, f):
    """Any other percentage is a share."""
    return "share" if f.unit == "percent" else NA


# --- amounts and counts --------------------------------------------------------------------------

# "the minimum rose 170 yuan to 2,250 yuan": the change, then the level it reached
_RISEN_BEFORE = re.compile(r"(?<![a-z])(?:rose|rise[sn]?|grew|increased|climbed|jumped|went\s+up|fell|dropped|declined|"
                           r"decreased|went\s+down)\s+" + HEDGE + "$")


@ROLE.rule(("The monthly minimum wage rose 170 yuan to 2,250 yuan.", "170 yuan", "growth"),
           Example("The monthly minimum wage rose 170 yuan to 2,250 yuan.", "2,250 yuan", "level", by="level"),
           when=AMOUNTS)
def amount_risen_to(doc, f):
    """An amount right after a verb of change and before the level it reached ("rose 170 yuan to 2,250
    yuan") is the change, a growth."""
    if f.unit != "count" and _TO_AN_AMOUNT.match(f.after) and _RISEN_BEFORE.search(f.left):
        return "growth"
    return NA


@ROLE.rule(("The province added 659.5 billion yuan year on year in deposits.", "659.5 billion yuan", "growth"), when=AMOUNTS)
def amount_change_after(doc, f):
    """An amount followed by "year-on-year", "increase" ... is a change."""
    if f.unit != "count" and (_GROWTH_AFTER.match(f.after) or _DECLINE_AFTER.match(f.after)):
        return "growth"
    return NA


_GAP_NOUN_BEFORE = re.compile(r"(?<![a-z])(?:gap|lead|shortfall|difference)\s+of\s+" + HEDGE + "$")


@ROLE.rule(("Its GDP now exceeds Quzhou's, a lead of 1.7 billion yuan.", "1.7 billion yuan", "difference"),
           ("The income gap of 4,300 yuan with Hangzhou narrowed.", "4,300 yuan", "difference"),
           Example("The county ran a trade surplus of 2.1 billion yuan.", "2.1 billion yuan", "level", by="level"),
           when=AMOUNTS)
def amount_of_a_gap(doc, f):
    """An amount that is "a gap of", "a lead of", "a shortfall of" is a difference between two places or
    values."""
    return "difference" if f.unit != "count" and _GAP_NOUN_BEFORE.search(f.left[-40:]) else NA


@ROLE.rule(("Its income is 2,000 yuan higher than the national level.", "2,000 yuan", "difference"), when=AMOUNTS)
def amount_above_a_benchmark(doc, f):
    """An amount "higher than" something is a difference."""
    if f.unit != "count" and _DIFF_AFTER.match(f.after) and _THAN.search(f.after[:40]):
        return "difference"
    return NA


@ROLE.rule(("GDP reached 196.43 billion yuan.", "196.43 billion yuan", "level"))
def level(doc, f):
    """Anything else is a level: an amount, a count or a stock."""
    return "level"


# a change left out and understood from the one before: ", and that of its bamboo industry by 3.1 percent"
_THAT_OF_BY_BEFORE = re.compile(r"[,;]\s+(?:and\s+)?(?:that|those)\s+of\s+[^,;%\d]{0,70}?\s+by\s+$")


# a verb of a rise, after a decline word before the figure: the figure is that rise's
_RISE_VERB = re.compile(r"(?<![a-z])(?:grew|grows|rose|rises|increased|increases|climbed|jumped|surged|gained|expanded|"
                        r"picked\s+up)(?![a-z])")
# a fall's easing, after the fall: "fell 1.9 percent, narrowing by 0.5 percentage points"
_ITS_FALL_NARROWING = re.compile(r",\s+(?:(?:a|the)\s+(?:decline|drop|fall)\s+)?(?:narrowing|narrowed|easing|eased)(?:\s+by)?\s+"
                                 + HEDGE + "$")
# a sign written as a word: "the natural growth rate was minus 0.9 per thousand", "negative 0.3 percent"
_MINUS_WORD_BEFORE = re.compile(r"(?<![a-z])(?:minus|negative)\s+$")


def negative(doc, f) -> bool:
    """True when the figure is a fall written as a positive number ("a decrease of 0.4%", "down 0.2
    percentage points from August") or a value signed by a word ("minus 0.9 per thousand")."""
    if f.m.negative:
        return False
    after, left = f.after, f.left
    if _MINUS_WORD_BEFORE.search(left[-12:]):
        return True
    if f.role == "growth":
        if _PACE_CHANGED_TO.search(left[-40:]):
            return False  # "before easing to 4.1 percent": the pace it eased to
        if _MORE_THAN_BEFORE.match(after):
            return bool(_FEWER_AFTER.match(after))
        if f.unit == "multiple" and _DIFF_AFTER.match(after):
            return bool(_DIFF_NEG_AFTER.match(after))
        if f.prev is not None and f.prev.falls and f.prev.role == "growth" and _THAT_OF_BY_BEFORE.search(left):
            return True  # "decreased by 6.8 percent, and that of its bamboo industry by 3.1 percent"
        if "from" in left[-24:] and FROM_BEFORE.search(left[-24:]):
            return bool(_DECLINE_AFTER.match(after))  # "grew 5.8 percent, down from 6.4 percent": the pace it fell from
        tail = left[-70:]
        dm = _SIGNED_DECLINE.search(tail)
        if dm is not None and _RISE_VERB.search(tail, dm.start()):
            dm = None  # "down 8.1 percent as prices fell, while its car industry grew 22.6 percent": a rise
        return bool(dm or _DECLINE_AFTER.match(after))
    if f.role == "difference":
        if _DECLINE_NARROWED.search(left):
            return False  # "the decline narrowed 0.8 percentage points": the change rose by 0.8
        if f.prev is not None and f.prev.falls and f.prev.sentence is f.sentence and _ITS_FALL_NARROWING.search(left[-30:]):
            return False  # "fell 1.9 percent, narrowing by 0.5 percentage points from October": the fall eased
        if _NARROWER_AFTER.match(after) and (_DECLINE_NOUN_BEFORE.search(left) or _DOWN_BEFORE.search(left)):
            return False  # "a drop 1.1 percentage points narrower than in January": the fall eased
        return bool(_DIFF_NEG_AFTER.match(after) or _DECLINE_NOUN_BEFORE.search(left) or _DOWN_BEFORE.search(left))
    if f.role == "benchmark":  # "against a 1.1 percent fall for the country", "bucking a national decline of 8.6 percent"
        return bool(_DECLINE_AFTER.match(after) or _DECLINE_NOUN_BEFORE.search(left))
    return False
