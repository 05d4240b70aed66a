"""Plan or reported: the `is_target` rules.

A figure is a target when it is a plan, goal, target, forecast or expectation ("will", "strive
to", "target of", "expected to", "plans to"). The cues of a document's sentences are found in one
scan (`Cues`); the rules read them around each figure.
"""
from __future__ import annotations

import bisect
import re

from . import lexicon as lx
from .qualifiers import AFTER_A_CHANGE_BEFORE, AND_PLAN_PREDICATE, CLAUSE_ENDS_AFTER, HEDGE, PLAN_MET_AFTER, RELATIVE_STILL_OPEN, set_against
from .rules import NA, Example, Rules
from .scan import WordScan, period_months, trie_pattern
from .segment import bracketed_apart, question_of_a_bare_answer, quoted_apart, sentence_search

TARGET = Rules("is_target")

_CONTRACTIONS = tuple(c for c in lx.TARGET_STRONG if not c[0].isalpha())   # "we’ll"
_CUES = WordScan(
    r"(?:(" + trie_pattern(set(lx.TARGET_STRONG) - set(_CONTRACTIONS)) + r")|(" + trie_pattern(lx.TARGET_WEAK)
    + r")|(" + trie_pattern(lx.PAST_MARKERS) + r"|(?:has|have|had)\s+(?:[a-z]+\s+)?[a-z]+ed))(?![a-z-])", "a-z-")
# what something took before an infinitive of purpose: "cost 44.5 billion yuan to build", "took three years to complete"
_COST_BEFORE = re.compile(r"(?<![a-z])(?:cost|costs|costing|took|take|takes|needed|required)\s+(?:\S+\s+){0,4}?$")
_GOAL_NOUN = re.compile(r"(?<![a-z])(?:" + trie_pattern(lx.GOAL_NOUNS) + r")(?![a-z])")
_GOALS_MET = re.compile(r"(?<![a-z])(?:" + trie_pattern(lx.GOALS_MET_VERBS) + r")\s+(?:[a-z-]+\s+){0,4}?(?:"
                        + trie_pattern(lx.GOAL_NOUNS) + r")(?![a-z])")
# participles that describe a noun ("enterprises above designated size", "listed firms"), not a verb of a clause
_ADJECTIVE_PARTICIPLES = "|".join(sorted(lx.PARTICIPLE_MODIFIERS | set(lx.PLAN_PARTICIPLES) | {
    "fixed", "added", "related", "certified", "sized", "renowned", "invested"}))
_TARGET_RESET = re.compile(
    r"(?<![a-z])(?:last year|in the past|so far|to date|already|(?<!\()previously|has been|have been|had been|"
    r"was|were|had|(?:has|have|had)\s+[a-z]+ed|"
    r"exceeded|reached|totaled|totalled|topped|amounted|stood|rose|fell|grew|increased|decreased|"
    r"believe|believed|imagine|imagined|dream|dreamed|dreamt|think|thought)(?![a-z])"
    r"|[,;]\s+(?:and|while|but|whereas)\s+(?:[a-z’'-]+\s+){0,3}?(?!(?:" + _ADJECTIVE_PARTICIPLES
    + r")(?![a-z]))[a-z]+ed(?![a-z])")
# between a figure and a later plan cue: a verb or a new clause means the cue is not about the figure
_VERB_OR_LINK = re.compile(
    r"(?<![a-z])(?:is|are|was|were|has|have|had|been|and|but|while|whereas|which|that|who|where|"
    r"(?!(?:" + _ADJECTIVE_PARTICIPLES + r")(?![a-z]))[a-z]+ed)(?![a-z])|[;:]")
_PLAN_PARTICIPLE_AFTER = re.compile(r"\s+(?:" + "|".join(lx.PLAN_PARTICIPLES) + r")(?![a-z])")
_PLAN_ADJECTIVE_BEFORE = re.compile(r"(?<![a-z])(?:planned|projected|targeted|expected|budgeted|envisaged)\s+"
                                    r"(?:[a-z-]+\s+){0,3}(?:of\s+)?" + HEDGE + "$")
_PLAN_ADJECTIVE = re.compile(r"(?<![a-z])(?:planned|projected|targeted|expected|budgeted|envisaged)\s")
_IMPERATIVE = re.compile(r"\W*(?:" + trie_pattern(lx.IMPERATIVE_VERBS) + r")\s+(?:the|a|an|more|new|[a-z]+)")
# the yearly output of a facility that is only now being built or signed is what it is expected to make
_FACILITY_OUTPUT_BEFORE = re.compile(
    r"(?<![a-z])(?:with|has|having|boasting)\s+(?:an?\s+)?(?:designed\s+)?annual\s+"
    r"(?:output(?:\s+value)?|production(?:\s+value|\s+capacity)?|capacity|revenue|sales(?:\s+revenue)?|"
    r"tax(?:es)?(?:\s+revenue)?)\s+of\s+" + HEDGE + "$")
_NOT_YET_BUILT = re.compile(
    r"(?<![a-z])(?:(?:commenced|started|starts?|began|begun|begins?|broke|breaks?)\s+(?:construction|ground)|"
    r"groundbreaking|under\s+construction|(?:upon|after|on)\s+(?:its\s+|their\s+)?completion|"
    r"(?:once|when|after)\s+(?:fully\s+)?(?:completed|operational|put\s+into\s+(?:production|operation)))(?![a-z])")


_GOAL_WORDS = frozenset(lx.GOAL_NOUNS)
_WHOLE_OF_A_SHARE = re.compile(r"(?:percent|per cent|%)\s+of\s+(?:the\s+|its\s+|their\s+|this\s+year['’]s\s+)?"
                               r"(?:annual\s+|yearly\s+|full-year\s+)?$")


_WHAT_BEFORE = re.compile(r"(?<![a-z])what\s+(?:[a-z’'-]+\s+){1,4}$")


class Cues:
    """Where a document's plan cues and past markers are (one scan per document)."""

    def __init__(self, low: str, spans: list[tuple[int, int]]):
        """Scan `low` within `spans` (the sentences that hold figures and the ones before them)."""
        self.strong, self.weak, self.past = [], [], []
        lists = (self.strong, self.weak, self.past)
        for a, b in spans:
            for m in _CUES.finditer(low, a, b):
                g = m.lastindex
                if g == 1 and m.group(1) in _GOAL_WORDS and _WHOLE_OF_A_SHARE.search(low, max(0, m.start(1) - 40), m.start(1)):
                    continue  # "92.1 percent of their annual target": the whole of a share, not a plan
                if g == 2 and _COST_BEFORE.search(low, max(0, m.start(2) - 60), m.start(2)):
                    continue  # "cost 44.5 billion yuan to build": what it took, not a plan
                if g == 1 and m.group(1) == "would" and _WHAT_BEFORE.search(low, max(0, m.start(1) - 40), m.start(1)):
                    continue  # "five times what rice alone would bring": a comparison's conditional, not a plan
                lists[g - 1].append(m.start(g))
            for c in _CONTRACTIONS:
                i = low.find(c, a, b)
                while i >= 0:
                    if not low[i + len(c):i + len(c) + 1].isalpha():
                        self.strong.append(i)
                    i = low.find(c, i + 1, b)
        self.strong.sort()

    @staticmethod
    def between(xs: list[int], a: int, b: int) -> list[int]:
        return xs[bisect.bisect_left(xs, a):bisect.bisect_left(xs, b)]


def reference_year(doc) -> int | None:
    """The year the document reports from, to tell past from plan: its publication year, else the
    latest year it names outside plans."""
    if doc.pub_year:
        return doc.pub_year
    years = [t.year for t in doc.times if t.rel is None and t.year is not None and t.frame
             and not sentence_cues(doc, doc.lay.sentence_at(t.start))["strong"]]
    return max(years) if years else None


def sentence_cues(doc, s) -> dict:
    info = s.cache.get("target")
    if info is None:
        cues: Cues = doc.cues
        strong = Cues.between(cues.strong, s.start, s.end)
        past = bool(Cues.between(cues.past, s.start, s.end))
        weak = [] if past else Cues.between(cues.weak, s.start, s.end)
        low = doc.low
        info = {
            "cues": sorted(strong + weak), "weak": set(weak), "strong": bool(strong), "past": past,
            "imperative": bool(_IMPERATIVE.match(low, s.start, s.end)),
            "goal_frame": bool(strong) and (bool(_GOAL_NOUN.search(low, s.start, s.end))
                                            or low[s.start:s.end].rstrip().endswith(":"))
                          and not _GOALS_MET.search(low, s.start, s.end),
        }
        s.cache["target"] = info
    return info


_PLAN_TABLE = ("Updated: Jan 5, 2026\n| Indicator | 2025 | 2030 | Average annual growth (%) |\n"
               "| GDP (billion yuan) | 17.2 | 23.5 | 6.4 |")


@TARGET.rule(("| Indicator | 2023 | Target for 2024 |\n| GDP growth (%) | 6.8 | 6.5 |", "6.5", True),
             ("| Indicator | 2025 | 2030 target | Average annual growth (%) |\n| GDP (billion yuan) | 226.5 | 310 | 7.2 |",
              "7.2", True),
             ("| Indicator | 2023 | Target for 2024 |\n| GDP growth (%) | 6.8 | 6.5 |", "6.8", False),
             (_PLAN_TABLE, "23.5", True),
             (_PLAN_TABLE, "6.4", True),
             ("Yunhe's plan to 2030\n| Indicator | 2025 | 2030 |\n| GDP (billion yuan) | 17.2 | 23.5 |", "23.5", True),
             ("Updated: Jan 5, 2026\n| Indicator | 2024 | 2025 |\n| GDP (billion yuan) | 17.2 | 18.5 |", "18.5", False))
def table_column_target(doc, f):
    """A table's figure is a plan when its column's header says so ("Target for 2024") or is a year
    still ahead (after the year the document was published in; in an undated plan, its horizon),
    else reported."""
    if f.cell is None:
        return NA
    if f.cell.target:
        return True
    m = _YEAR_ONLY.fullmatch(doc.low, *f.cell.header)
    if m is None:
        return False
    year = int(m.group(1))
    return year > doc.pub_year if doc.pub_year is not None else year == doc.frames.plan_horizon


_YEAR_ONLY = re.compile(r"\s*((?:19|20)\d\d)\s*")


@TARGET.rule(("Updated: Aug 1, 2023\nExports will reach 9 percent of GDP by 2025, up from 6.4 percent in 2022.",
              "6.4 percent", False),
             ("Updated: Aug 1, 2023\nThe share will rise to 9 percent, from 7 percent last year.", "7 percent", False),
             ("Updated: Aug 1, 2023\nThe rate is set to reach 65 percent by 2025, against 62.9 percent last year.",
              "62.9 percent", False),
             ("Updated: Feb 14, 2026\nIts share should reach 9 percent by 2030, against 7.2 percent now.", "7.2 percent",
              False),
             ("\"We expect to ship 40 containers in May, against 28 a year ago,\" she said.", "28", False),
             ("The city aims to grow by about 6.5 percent in 2026, after growth of 6.1 percent in 2025.", "6.1 percent",
              False),
             ("Updated: Feb 3, 2026\nSales are to triple by 2030 from the 2024 level of 3.1 billion yuan.",
              "3.1 billion yuan", False),
             ("Updated: Mar 5, 2026\nBy 2030, services are to make up 60 percent of output, up from 52 percent.",
              "52 percent", False))
def starting_value_of_a_plan(doc, f):
    """The starting value of a planned change, or the value a plan is set against, dated by its own
    past time ("up from 6.4 percent in 2022", "against 62.9 percent last year", in an undated text "against 28
    a year ago") or the present ("against 7.2 percent now"), is reported; so is the change a plan
    follows ("aims to grow 6.5 percent, after growth of 6.1 percent in 2025"), a past year's level
    ("from the 2024 level of 3.1 billion yuan") and a starting value that closes its clause ("to make
    up 60 percent, up from 52 percent.")."""
    if ("after" in f.left or "following" in f.left) and AFTER_A_CHANGE_BEFORE.search(f.left):
        return False  # "aims to grow 6.5 percent in 2026, after growth of 6.1 percent in 2025": the change it follows
    ref = doc.ref_year
    if ref is not None and "of" in f.left[-24:]:
        lm = _PAST_LEVEL_BEFORE.search(f.left[-40:])
        if lm is not None and int(lm.group(1)) <= ref:
            return False  # "to triple by 2030 from the 2024 level of 3.1 billion yuan"
    if not set_against(f.left):
        return NA
    for t in doc.times_between(f.m.end, f.m.end + 16) if ref is not None else ():
        if t.owner == f.m.start and t.year is not None and t.known and t.year <= ref:
            return False  # "will exceed 100 billion yuan, from 48 billion yuan in 2025" (in 2025)
    if _NOW_AFTER.match(doc.low, f.m.end):
        return False  # "should account for 9 percent of GDP, against 7.2 percent now", "against 28 a year ago"
    if CLAUSE_ENDS_AFTER.match(doc.low, f.m.end):
        return False  # "is to reach 8 percent of GDP, up from 6.9 percent.": where the plan starts, now
    return NA


_PAST_LEVEL_BEFORE = re.compile(r"(?<![a-z])(?:the|its|their|this|that)\s+((?:19|20)\d\d)\s+(?:" + "|".join(lx.LEVEL_NOUNS)
                                + r")\s+of\s+" + HEDGE + "$")
_NOW_AFTER = re.compile(r"\s+(?:now|today|currently|at present|a\s+year\s+(?:ago|earlier|before)|last\s+year|"
                        r"(?:in\s+)?the\s+(?:previous|prior)\s+year|(?:in\s+)?the\s+same\s+(?:period|month|quarter)\s+"
                        r"(?:of\s+)?last\s+year)(?![a-z])")


# "its annual target of 30,000", "the goal of 5 percent": the value a target is
_VALUE_OF_A_TARGET = re.compile(r"(?<![a-z])(?:target|goal|objective)s?\s+(?:of|at)\s+" + HEDGE + "$")


@TARGET.rule(("It created 31,800 jobs, completing 106 percent of its annual target of 30,000.", "30,000", True),
             Example("It created 31,800 jobs, completing 106 percent of its annual target of 30,000.", "106 percent",
                     False, by="reported"))
def value_of_a_target(doc, f):
    """The value written as what a target is ("its annual target of 30,000") is a plan's."""
    left = f.left[-40:]
    if not ("target" in left or "goal" in left or "objective" in left):
        return NA
    return True if _VALUE_OF_A_TARGET.search(f.left) else NA


@TARGET.rule(("Growth of 5 to 6 percent expected at the start of the year was met.", "6 percent", True),
             ("The ferry carried 90,000 people, more than the 70,000 its owners had forecast.", "70,000", True))
def plan_participle_after(doc, f):
    """"5 to 6 percent expected": a plan participle right after the figure, or closing the relative
    clause of "the 70,000 its owners had forecast"."""
    end = f.m.partner_end if f.m.coordinated else f.m.end
    if _PLAN_PARTICIPLE_AFTER.match(doc.low, end):
        return True
    return True if _THE_BEFORE.search(f.left[-20:]) and _WHAT_THEY_FORECAST_AFTER.match(doc.low, end) else NA


_THE_BEFORE = re.compile(r"(?<![a-z])the\s+" + HEDGE + "$")
# a relative clause with no "that" whose verb is a plan participle: "(the 70,000) its owners had forecast"
_WHAT_THEY_FORECAST_AFTER = re.compile(r"\s+(?:that\s+)?(?:(?:the|its|their|our)\s+[a-z-]+|it|they|we)\s+"
                                       r"(?:had\s+|has\s+|have\s+)?(?:" + "|".join(lx.PLAN_PARTICIPLES)
                                       + r"|predicted)(?![a-z])")


@TARGET.rule(("The planned investment of 3 billion yuan is large.", "3 billion yuan", True))
def plan_adjective_before(doc, f):
    """"a planned investment of 3 billion yuan": a plan adjective before the figure's noun."""
    s = f.sentence
    if not sentence_search(doc.low, s, _PLAN_ADJECTIVE, lx.PLAN_PARTICIPLES, doc.needles):
        return NA
    return True if _PLAN_ADJECTIVE_BEFORE.search(doc.low, max(s.start, f.m.start - 40), f.m.start) else NA


@TARGET.rule(("A plant with an annual production value of 5 billion yuan broke ground in May.", "5 billion yuan", True))
def output_of_a_facility_not_yet_built(doc, f):
    """The annual output of a facility that "broke ground" or "upon completion" is expected."""
    s = f.sentence
    if sentence_search(doc.low, s, _NOT_YET_BUILT, lx.NOT_YET_BUILT_WORDS, doc.needles) \
            and _FACILITY_OUTPUT_BEFORE.search(doc.low, max(s.start, f.m.start - 60), f.m.start):
        return True
    return NA


def _right_after_a_figure(doc, f, c: int) -> bool:
    """Whether the cue at `c` follows an earlier figure of f's sentence right after it: a noun of
    that figure ("our 5.6% forecast")."""
    g = f.prev
    while g is not None and g.m.start >= f.sentence.start:
        if g.m.end <= c and not doc.low[g.m.end:c].strip():
            return True
        g = g.prev
    return False


@TARGET.rule(("The GDP target is 99 percent met.", "99 percent", False))
def share_of_a_plan_met(doc, f):
    """How much of a plan is met ("the GDP target is 99 percent met") is reported."""
    return False if f.unit == "percent" and PLAN_MET_AFTER.match(doc.low, f.m.end) else NA


@TARGET.rule(("The city will build 3 new parks.", "3", True),
             Example("GDP grew 5.9%, above our 5.6% forecast and the national 4.8%.", "4.8%", False, by="reported"),
             Example("\"We shipped 200 containers. This year it will be maybe 60,\" said Chen, whose firm employs 320 "
                     "workers.", "320", False, by="reported"),
             ("In June, we’ll host a fair for 800 exhibitors.", "800", True),
             ("The city will keep its parks open, and last year it built 30 parks.", "30", False),
             ("By the end of June, the county had 1,260 online shops.", "1,260", False),
             Example("Updated: Aug 3, 2023\nBy the end of June, loans in the county stood at 91 billion yuan.",
                     "91 billion yuan", False, by="reported"),
             ("GDP is expected to grow 6 percent, and investment in fixed assets by 8 percent.", "8 percent", True),
             ("- Ecology: forest cover to remain above 80 percent; clean rivers to stay at 100 percent.", "100 percent",
              True),
             ("Organizers expect more than 300,000 visitors at the festival.", "300,000", True),
             ("“He would not believe that our tea is sold in 30 countries,” she said.", "30", False),
             Example("The bridge cost 2 billion yuan to build and has six lanes.", "six", False, by="reported"),
             ("The number of graduates returning to start businesses exceeded 900.", "900", False),
             Example("Two targets were missed: R&D at 2.6 percent against a goal of 3 percent, and high-tech firms, 180 "
                     "against 200.", "180", False, by="reported"))
def plan_cue_before(doc, f):
    """The nearest plan cue before the figure in its sentence ("will", "aims to", "’ll", "to build")
    makes it a plan, unless a past marker ("was", "has ...ed", "exceeded") or a verb of thought ("would not
    believe that") stands between them (an infinitive after what something cost, "cost 2 billion yuan
    to build", is no cue); an infinitive of
    purpose or "by the end of" does not in a sentence about a time that was over when the document
    was written (an earlier year, or "by the end of June" in an August report), nor a cue that is
    the noun of an earlier figure ("above our 5.6% forecast and the national 4.8%") or in a
    quotation that closes before the figure."""
    info = sentence_cues(doc, f.sentence)
    start = f.m.start
    for c in reversed(info["cues"]):
        if c < start:
            if c in info["weak"] and _over(doc, f.bound):
                continue
            if _right_after_a_figure(doc, f, c):
                continue  # "above our 5.6% forecast and the national 4.8%": the forecast is the 5.6%'s
            if _names_a_value_before(doc, f, c):
                continue  # "at 2.6 percent against a goal of 3 percent, and ..., 180 against 200": the 3 percent's
            if quoted_apart(doc.text, doc.lay.paragraph_starts[f.sentence.paragraph], c, c + 1, start, doc.quote_marks):
                continue  # '"This year it will be 60," said Chen, whose firm employs 320': the quotation's plan
            return not _TARGET_RESET.search(doc.low, c, start)
    return NA


_GOAL_OF = re.compile(r"(?:targets?|goals?|objectives?)\s+(?:of|at)\s+" + HEDGE)


def _names_a_value_before(doc, f, c: int) -> bool:
    """Whether the plan cue at `c` is a goal whose value an earlier figure of the sentence gives
    ("a goal of 3 percent")."""
    g = f.prev
    while g is not None and g.m.start > c:
        if _GOAL_OF.fullmatch(doc.low, c, g.m.start):
            return True
        g = g.prev
    return False


def _over(doc, t) -> bool:
    """Whether the time `t` that dates a figure was over when the document was written: a year
    before its reference year, or a period of its publication year that had ended ("by the end of
    September" in an October report)."""
    if t is None or (t.year is None and t.period is None):
        return False
    if t.year is not None and doc.ref_year and t.year < doc.ref_year:
        return True
    # a period of the publication year (a period without a year is the latest one of that name)
    return t.year in (None, doc.pub_year) and t.period is not None and doc.pub_month is not None \
        and period_months(t.period)[1] < doc.pub_month


@TARGET.rule(("A hub covering 230,000 square meters will open soon.", "230,000 square meters", True),
             Example("Sales were 8.4 billion yuan, which is expected to reach 12 billion yuan.", "8.4 billion yuan",
                     False, by="reported"),
             Example("The plant covers 260 mu and is expected to employ 900 people.", "260 mu", False, by="reported"),
             Example("GDP reached 9.3 trillion yuan, up 5.6 percent, exceeding the target of around 5.5 percent.",
                     "5.6 percent", False, by="reported"),
             Example("Sales reached 9.1 billion yuan, putting the market on track for its annual target of 12 billion "
                     "yuan.", "9.1 billion yuan", False, by="reported"),
             Example("Each mu yields 30 kilograms of fish, earning 6,000 yuan, five times what rice alone would bring.",
                     "6,000 yuan", False, by="reported"),
             Example("Its GDP per head was 75,800 yuan, 88 percent of the 2025 target of 86,000 yuan.", "88 percent",
                     False, by="reported"),
             Example("Wu, who keeps 300 bee hives, will sell honey online.", "300", False, by="reported"),
             Example("Tea sales reached 90 million yuan, with the leaves going to buyers in Europe.",
                     "90 million yuan", False, by="reported"),
             Example("The firm is going to hire 400 workers.", "400", True, by="plan_cue_before"),
             Example("GDP grew 5.9% in 3Q25 (2Q25: +5.7%), above our 5.6% forecast.", "5.7%", False, by="reported"),
             Example("The port handled 2.1 million boxes, beating the 1,800,000 forecast.", "2.1 million", False,
                     by="reported"))
def plan_cue_after(doc, f):
    """A strong plan cue shortly after the figure, in its clause or with no verb between them ("a hub
    covering 230,000 square meters will open") makes it a plan; a target the figure is measured
    against ("up 5.6 percent, exceeding the target of ...") does not, nor the plan of the main clause
    after a relative clause the figure stands in ("Wu, who keeps 300 hives, will ...")."""
    info = sentence_cues(doc, f.sentence)
    end = f.m.partner_end if f.m.coordinated else f.m.end
    low = doc.low
    for c in info["cues"]:
        if c < f.m.start or c in info["weak"]:
            continue
        if c - f.m.end >= 120:
            break
        if _AGAINST_A_TARGET.search(low, max(end, c - 40), c) or _OF_THE_GOAL.fullmatch(low, end, c):
            continue  # "88 percent of the 2025 target of 86,000 yuan": a share of the goal, reported
        if _AND_PREDICATE.search(low, end, c):
            return NA  # "the plant covers 260 mu and is expected to ...": the plan is the next predicate's
        if "," in low[end:c] and RELATIVE_STILL_OPEN.search(low, f.sentence.start, f.m.start):
            return NA  # "Ye, who grows 40,000 logs, expects to earn ...": the plan is the main clause's
        if bracketed_apart(doc.text, f.sentence.start, f.m.start, end, c):
            return NA  # "rose 5.9% in 3Q25 (2Q25: +5.7%), above our 5.6% forecast": a bracket's figure
        if not _TARGET_RESET.search(low, f.m.end, c) \
                and (c < f.clause[1] or not _VERB_OR_LINK.search(low, end, c)):
            return True
    return NA


_OF_THE_GOAL = re.compile(r"\s+of\s+(?:the|its|their)\s+(?:[a-z0-9’'.%-]+\s+){0,2}")
# a target a reported figure is measured against: "exceeding the annual target of", "above the goal"
_AGAINST_A_TARGET = re.compile(r"(?<![a-z])(?:" + "|".join(lx.AGAINST_A_TARGET_WORDS) + r")\s+(?:the|its|their|this|a)\s+"
                               r"(?:[a-z0-9’'.,%-]+\s+){0,3}$")  # "surpassing the 2025 target", "beating the 800,000 forecast"


def plans_in(doc, s) -> bool:
    """Whether sentence `s` states a plan: a strong cue that is not a target a reported figure is
    measured against ("reached 67,010 yuan, surpassing the 2025 target of 65,000 yuan" reports)."""
    info = sentence_cues(doc, s)
    if not info["strong"]:
        return False
    low = doc.low
    return any(not _AGAINST_A_TARGET.search(low, max(s.start, c - 60), c)
               for c in info["cues"] if c not in info["weak"])
_AND_PREDICATE = re.compile(r"(?<![a-z])and\s+(?:(?:is|are)\s+)?$")



# the figure's own noun phrase (a few words, no verb or conjunction), a relative clause between commas,
# then the sentence's main predicate
_RELATIVE_CLAUSE = re.compile(r"(?:\s+(?!(?:and|or|then|to|is|are|was|were|has|have)(?![a-z]))[a-z-]+){0,5},\s+"
                              r"(?:which|that)\s[^,;]{0,80},\s+")


@TARGET.rule(("A 3-billion-yuan bridge in Yunhe, which will span the river, is expected to open next year.",
              "3-billion-yuan", True),
             Example("A 3-billion-yuan bridge in Yunhe, which opened in May, carries 9,000 cars a day.",
                     "3-billion-yuan", False, by="reported"))
def plan_after_a_relative_clause(doc, f):
    """A figure in the subject of a sentence whose main predicate, after a relative clause on the
    subject, is a plan ("A ... project in Jingning, which will be 5.6 km long, is expected to
    start") is a plan."""
    low = doc.low
    comma = low.find(", ", f.m.end, f.m.end + 60)
    if comma < 0 or not low.startswith((", which ", ", that "), comma):
        return NA
    info = sentence_cues(doc, f.sentence)
    for c in info["cues"]:
        if c - f.m.end >= 160:
            break
        if c > comma and c not in info["weak"] and _RELATIVE_CLAUSE.fullmatch(low, f.m.end, c):
            return True
    return NA


@TARGET.rule(("Add four new schools and realize 6,000 new jobs.", "6,000", True))
def imperative_sentence(doc, f):
    """A sentence that opens with an imperative ("Add four new schools, ...") lists plans."""
    return True if sentence_cues(doc, f.sentence)["imperative"] else NA


@TARGET.rule(("The city has set goals for the next five years. GEP exceeds 500 billion yuan.", "500 billion yuan",
              True),
             Example("The city completed its goals for the year. GDP rose 6 percent.", "6 percent", False,
                     by="reported"),
             Example("Updated: Jan 20, 2026\nIts output grew 7.7 percent in 2025, beating its target. Sales rose 8 percent.",
                     "8 percent", False, by="reported"),
             Example("Updated: May 3, 2023\nGDP grew faster than the plan's target. GEP reached 546 billion yuan in "
                     "2022.", "546 billion yuan", False, by="reported"),
             ("Updated: Mar 11, 2026\nThe plan's main targets:\nVisits: 60 million a year by 2030\nRevenue: 70 billion "
              "yuan\nHomestays: 5,000 of high quality", "5,000", True),
             ("Updated: Feb 4, 2026\nThe county's outline sets the following main goals:\n\n- GDP to exceed 25 billion "
              "yuan\n- Average annual growth of about 6.5 percent", "6.5 percent", True),
             ("Updated: Feb 9, 2026\nThe county's plan lists these main indicators for the end of the plan period:\n- "
              "Exports: 9 billion yuan\n- Forest coverage: 80%", "80%", True),
             ("Updated: Apr 2, 2026\nBy 2028, the town aims to reach the following:\n- 300 homestays;\n- tourism revenue "
              "of 2 billion yuan.", "2 billion yuan", True))
def after_announced_goals(doc, f):
    """The sentence after one that announces goals ("set goals for ...:") lists them, and so does
    each line of a list under a line that announces them, or a plan's indicators, and ends with a
    colon ("Main targets:", "The plan lists these main indicators for the end of the plan period:");
    goals met ("completed its goals") announce nothing, and a figure of a past year is reported."""
    s = f.sentence
    t = f.bound
    if t is not None and t.year is not None and t.known and doc.ref_year is not None and t.year < doc.ref_year:
        return NA  # "GEP reached 546.1 billion yuan in 2022" (in 2023) reports a past year
    if s.index > 0 and not sentence_cues(doc, s)["past"]:
        prev = doc.lay.sentences[s.index - 1]
        if prev.paragraph == s.paragraph and sentence_cues(doc, prev)["goal_frame"] and plans_in(doc, prev):
            return True  # not after "..., compared with a target of below 1.9": a goal measured against
        if _in_a_list_of_goals(doc, s):
            return True
    return NA


_LIST_OF_GOALS_LINES = 12
# a plan's indicators: "The outline of the plan lists the following main indicators for the end of the plan period:"
_PLAN_INDICATORS = re.compile(r"(?<![a-z])(?:plan(?![a-z])[^:\n]{0,80}?indicators|indicators[^:\n]{0,80}?plan)(?![a-z])")


# a plan whose goals the list gives: "By the end of 2027, the county aims to achieve the following:"
_PLANS_THE_FOLLOWING = re.compile(r"(?<![a-z])(?:aims?|aiming|plans?|planning|strives?|striving|seeks?|intends?|will|"
                                  r"(?:is|are)\s+to)\s+(?:[a-z-]+\s+){0,4}?(?:the\s+following|these|as\s+follows)(?![a-z])")


def _in_a_list_of_goals(doc, s) -> bool:
    """Whether sentence `s` is a line of a list under a line that announces goals and ends with a
    colon ("Main targets:", "... sets the following main goals:"), each line of it one sentence."""
    low, sentences = doc.low, doc.lay.sentences
    if not doc.holds[":\n"]:
        return False  # no line ends with a colon
    for k in range(s.index - 1, max(-1, s.index - 1 - _LIST_OF_GOALS_LINES), -1):
        p, nxt = sentences[k], sentences[k + 1]
        line = low[p.start:p.end].rstrip()
        if "\n" in line or low.find("\n", p.end - 1, nxt.start) < 0 or p.paragraph < nxt.paragraph - 1:
            return False  # a sentence of prose, not a whole line of the list
        if line.endswith(":"):
            return bool(_GOAL_NOUN.search(low, p.start, p.end) or _PLAN_INDICATORS.search(low, p.start, p.end)
                        or _PLANS_THE_FOLLOWING.search(low, p.start, p.end)) \
                and not _GOALS_MET.search(low, p.start, p.end)
    return False


@TARGET.rule(("Updated: Dec 28, 2024\nIt is designed to handle 1.2 million passengers a year by 2030.", "1.2 million",
              True),
             ("Updated: Jun 30, 2025\nBy 2027, we want green loans to pass 100 billion yuan.", "100 billion yuan", True),
             Example("Updated: Jul 17, 2023\nSales reached 12.8 billion yuan last year, up 35 percent, and the zone aims "
                     "at a larger cluster by 2030.", "12.8 billion yuan", False, by="reported"),
             Example("Updated: May 21, 2025\nThe county has trained 650 hosts since 2021 and plans to build a park "
                     "by 2027.", "650", False, by="reported"))
def future_horizon(doc, f):
    """A figure its clause (or its sentence's opening "By 2027,") dates "by" a year after the
    document's ("by 2030" in 2024) is a plan,
    unless the horizon belongs to a plan of a second predicate ("has trained 650 hosts since 2021
    and plans to build a park by 2027")."""
    ref = doc.ref_year
    if ref is None:
        return NA
    s = f.sentence
    for t in doc.times_between(s.start if s.start < f.clause[0] else f.clause[0], f.clause[1]):
        if t.start < f.clause[0] and t.start - s.start > 8:
            continue  # an earlier clause's horizon, unless it opens the sentence ("By 2027, we want loans to pass ...")
        if t.horizon and t.year is not None and t.known and t.year > ref:
            if t.start > f.m.end and AND_PLAN_PREDICATE.search(doc.low, f.m.end, t.start):
                continue
            return True
    return NA



_GOALS_HEADING = re.compile(r"(?<![a-z])(?:" + trie_pattern(lx.GOAL_HEADING_WORDS) + r")(?![a-z])")


@TARGET.rule(("Updated: Jan 5, 2024\n\nI. Review of Work in 2023\n\nIn the past year, the city's economy grew 6 percent, "
              "and its exports rose faster than in any year since 2015.\n\nII. Main Targets for 2024\n\n"
              "GDP growth of about 5 percent; 30,000 new urban jobs.", "30,000", True))
def under_a_goals_heading(doc, f):
    """A figure under a heading that names the goals of a year not yet past ("II. Main Targets for
    2024") is a target, unless its sentence speaks of the past."""
    for fr in doc.frames.headings:
        if fr.first <= f.sentence.paragraph <= fr.last and fr.year is not None:
            if doc.pub_year is not None and fr.year < doc.pub_year or sentence_cues(doc, f.sentence)["past"]:
                return NA
            starts = doc.lay.paragraph_starts
            return True if _GOALS_HEADING.search(doc.low, starts[fr.first - 1], starts[fr.first]) else NA
    return NA


_HEADLINE_PLANS_BEFORE = re.compile(r"(?<![a-z])(?:plans|eyes|targets|aims\s+(?:for|at))\s+" + HEDGE + r"$")


@TARGET.rule(("Jinyun plans 100-billion-yuan hardware cluster\n\nThe county will build it by 2027.", "100-billion-yuan",
              True),
             Example("Jinyun plans grow\n\nThe county sold 9 tons.", "9 tons", False, by="reported"))
def plan_in_a_headline(doc, f):
    """A headline's figure right after "plans", "eyes", "targets", "aims for" ("Jinyun plans
    100-billion-yuan hardware cluster") is a plan (a headline drops the "to" of "plans to build")."""
    if f.sentence.paragraph != 0 or not _HEADLINE_PLANS_BEFORE.search(f.left[-40:]):
        return NA
    return True


_GOAL_ASKED = re.compile(r"(?<![a-z])(?:" + "|".join(lx.HEADLINE_PLAN_WORDS) + r"|expect\w*|forecasts?)(?![a-z])")


@TARGET.rule(("Q: What is your growth target for 2027?\n\nA: Around 6.5 percent.", "6.5 percent", True),
             Example("Q: How fast did sales grow?\n\nA: About 9 percent.", "9 percent", False, by="reported"))
def plan_of_the_question(doc, f):
    """A bare answer ("A: Around 6.5 percent.") to a question about a goal ("Q: Your growth target
    for 2026?") is a target."""
    q = question_of_a_bare_answer(doc, f)
    return True if q is not None and _GOAL_ASKED.search(doc.low, *q) else NA


@TARGET.rule(("Exports rose 9 percent.", "9 percent", False),
             ("Its projects completed 18.6 billion yuan, 92.1 percent of their annual target.", "18.6 billion yuan",
              False))
def reported(doc, f):
    """Anything else is reported, not planned."""
    return False
