"""A figure's context: approx, role, sign, target, year, period, region, per, metric, subject.

Each reader looks at the words around the figure: its clause, its sentence, its paragraph and
the document (see the ANNOTATION guide for what each field means).
"""
from __future__ import annotations

import bisect
import re

from . import lexicon as lx
from .figures import Document, Figure
from .scan import _YEAR_RANGE, PLACE_NAMES, Place, trie_pattern
from .segment import Sentence

_WORD = re.compile(r"[a-z][a-z-]*|\d[\d,.]*%?|[()（）]")


_OVER = set(lx.QUAL_OVER)
_UNDER = set(lx.QUAL_UNDER)
_ABOUT = set(lx.QUAL_ABOUT)
_ARTICLES = {"the", "a", "an"}




# --- approx ------------------------------------------------------------------------------
_THRESHOLD = re.compile(
    r"(?:exceed\w*|surpass\w*|top(?:s|ped|ping)?|pass(?:ed|es|ing)?|cross(?:ed|es|ing)?|"
    r"br(?:eak|oke|eaks|eaking) through|over|above|beyond)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:threshold|mark|level|line|milestone)\s+of\s*$")
_QUAL_AFTER = re.compile(r"\s*(?:or more|and above|or above|plus|-odd|odd)(?![a-z])")
_OR_SO = re.compile(r"\s*or so(?![a-z])")
_UP_TO_MOVE = re.compile(r"(?:go|goes|went|going|gone|move[sd]?|jump\w*|climb\w*|risen|rose|rise)\s+up\s+to\s*$")


def approx(f: Figure, left_words: list[str], left: str, after: str) -> str:
    if f.approx != "exact":
        return f.approx
    if f.m.plus or _QUAL_AFTER.match(after):
        return "over"
    if _OR_SO.match(after):
        return "about"
    words = left_words[-5:]
    while words and words[-1] in _ARTICLES:
        words = words[:-1]
    for n in range(min(4, len(words)), 0, -1):  # the longest phrase decides: "no less than" is over
        tail = " ".join(words[-n:])
        if tail in _ABOUT:
            return "about"
        if tail in _UNDER:
            return "exact" if _UP_TO_MOVE.search(left) else "under"
        if tail in _OVER:
            return "over"
    if words and words[-1] == "of" and _THRESHOLD.search(left):
        return "over"
    return "exact"


# --- role ---------------------------------------------------------------------------------
_GROWTH = {
    "up", "increase", "increased", "increases", "increasing", "growth", "grew", "grow", "grows", "growing",
    "rose", "rise", "rises", "risen", "rising", "surge", "surged", "surges", "surging", "jump", "jumped",
    "jumps", "climb", "climbed", "climbs", "expand", "expanded", "expands", "expansion", "gain", "gained",
    "gains", "boost", "boosted", "boosts", "boosting", "raise", "raised", "raises", "raising",
    "year-on-year", "yoy", "y-o-y", "increment", "accelerated", "accelerating", "advanced", "higher",
    "doubled", "doubling",
}
_DECLINE = {
    "down", "decrease", "decreased", "decreases", "decreasing", "decline", "declined", "declines",
    "declining", "fell", "fall", "falls", "falling", "fallen", "drop", "dropped", "drops", "dropping",
    "shrank", "shrink", "shrinking", "shrunk", "contracted", "contraction", "reduced", "reduction",
    "reduces", "reduce", "reducing", "slipped", "slid", "narrowed", "narrowing", "lower", "less", "cut", "cuts",
    "cutting", "lowered", "lowering",
}
_SHARE = {"share", "shares", "proportion", "proportions", "ratio", "coverage", "penetration", "occupancy",
          "percentage", "completed", "completion", "accounting", "accounted", "accounts", "account",
          "making", "made", "makes", "rate"}
_GROWTH_BY = re.compile(
    r"(?<![a-z])(?:up|increas\w*|rose|rise[sn]?|rising|grew|grow\w*|boost\w*|rais\w*|expand\w*|"
    r"gain\w*|add\w*|surg\w*|jump\w*|climb\w*|improv\w*|lift\w*|decreas\w*|declin\w*|fell|"
    r"fall\w*|drop\w*|reduc\w*|cut\w*|shr\w*|narrow\w*)(?![a-z])(?:\s+\S+){0,6}?\s+by\s*$|"
    r"(?<![a-z])(?:an?\s+)?(?:increase|increment|rise|growth|gain|decrease|decline|drop|fall|reduction)\s+of\s*$|"
    r"(?<![a-z])(?:another|an additional|a further|additional)\s*$|(?<![a-z])(?:up|down)\s*$")
_GROWTH_AFTER = re.compile(
    r"\s*(?:year-on-year|year on year|yoy|y-o-y|increase|growth|rise|more than (?:the previous|last|a) year|"
    r"over (?:the previous|last) year|from (?:the previous|last|a) year|compared with)")
_DECLINE_AFTER = re.compile(r"\s*(?:year-on-year\s+|yoy\s+)?(?:decrease|decline|drop|fall|reduction)")
_SHARE_AFTER = re.compile(r"\s*(?:of(?![a-z])|market share|share|stake|completed|coverage)")
_DIFF_AFTER = re.compile(
    r"\s*(?:(?:higher|lower|more|less|faster|slower|greater|above|below|ahead of|behind|over)(?![a-z])"
    r"(?:\s+than)?|than(?![a-z]))")
_OVER_TIME_AFTER = re.compile(
    r"\s*(?:(?:higher|lower|more|less|up|down|faster|slower)\s+(?:than|from|over|on)\s+(?:that\s+(?:of|in)\s+)?|"
    r"(?:over|from|on|compared with|compared to)\s+)"
    r"(?:a year (?:earlier|ago|before)|the (?:previous|preceding|prior) year|last year|the same period(?: of| in)?(?: last| the previous)? year|"
    r"the end of (?:last|the previous) year|(?:19|20)\d\d|a year)")
_MORE_THAN_BEFORE = re.compile(
    r"\s*(?:[a-z-]+\s+){0,2}?(?:more|fewer|less)\s+than\s+(?:in\s+)?(?:the same period|last year|a year|"
    r"the previous year|the year before|(?:19|20)\d\d)")
_EARLIER_AFTER = re.compile(r"\s*(?:that|those|the level|the figure|the amount)(?:\s+(?:of|in))?\s+(?:the\s+)?"
                            r"(?:(?:19|20)\d\d|last year|the previous year|a year (?:earlier|ago)|\d+ years ago)")
_AVERAGE_AFTER = re.compile(r"\s*(?:the|that of the|those of the|that of)\s+(?:[a-z]+\s+){0,3}averages?(?![a-z])")
_DIFF_NEG_AFTER = re.compile(r"\s*(?:lower|less|slower|below|behind)(?![a-z])")
_DIFF_BEFORE = {"average", "averages", "than", "above", "below", "higher", "lower", "faster", "slower",
                "ahead", "behind", "gap", "difference", "outpacing", "outpaced", "outperforming",
                "outperformed", "exceeding", "exceeded", "surpassing", "surpassed"}
_BENCHMARK_BEFORE = re.compile(
    r"(?<![a-z])(?:(?:national|provincial|province['’]s|city|county|district|country['’]s|nation['’]s|industry|"
    r"regional|prefecture|zhejiang['’]s|china['’]s|the city['’]s|the county['’]s|its)\s+averages?|"
    r"national level|provincial level|city level|benchmark)"
    r"(?:\s+(?:level|rate|growth|growth rate|of|at|was|is|stood at|standing at|by))*\s*[(（]?\s*$")
_PAREN_PLUS = re.compile(r"[(（]\s*\+\s*$")
_SIGNED_DECLINE = re.compile(
    r"(?<![a-z])(?:down|decreas\w*|declin\w*|fell|fall\w*|drop\w*|shr\w*|contract\w*|reduc\w*|cut\w*|"
    r"negative growth of|lower\w*)(?![a-z])[^%\d]{0,60}$")


def _growth_by(left: str, last: str, count: bool = False) -> bool:
    """"increased ... by", "an increase of", "another", "up" right before the figure (for counts,
    "another three projects" is a count of more things, not a change)."""
    if count and last in ("another", "additional", "further"):
        return False
    return last in _GROWTH_BY_LAST and bool(_GROWTH_BY.search(left))


_GROWTH_BY_LAST = {"by", "of", "another", "additional", "further", "up", "down"}


def role(f: Figure, prev: Figure | None, clause_words: list[str], left: str, after: str, between: str,
         last: str) -> str:
    unit = f.unit
    if unit == "rank":
        return "rank"
    if unit == "multiple":
        if f.m.kind != "multiple" and _AVERAGE_AFTER.match(after):
            return "difference"  # "1.4 times the county average"
        if _EARLIER_AFTER.match(after):
            return "growth"  # "2.5 times that of 2019"
        return "growth" if f.m.kind == "multiple" or _GROWTH.intersection(clause_words) else "level"
    if unit == "percentage_point":
        if _OVER_TIME_AFTER.match(after):
            return "growth"  # "0.9 percentage points higher than a year earlier"
        if _DIFF_AFTER.match(after) or _DIFF_BEFORE.intersection(clause_words):
            return "difference"
        if _growth_by(left, last) or _GROWTH.intersection(clause_words[-4:]):
            return "growth"
        return "difference"
    if unit == "percent":
        if f.m.kind == "fraction":
            return "growth" if _growth_by(left, last) else "share"  # "fell by half", "a third of"
        if left.endswith(("+", "+ ")) and _PAREN_PLUS.search(left):
            return "growth"
        if ("average" in left or "level" in left or "benchmark" in left) and _BENCHMARK_BEFORE.search(left):
            return "benchmark"
        if _DIFF_AFTER.match(after) and re.search(r"(?<![a-z])(?:than|average|level)(?![a-z])", after[:60]):
            return "difference"
        if _GROWTH_AFTER.match(after) or _DECLINE_AFTER.match(after):
            return "growth"
        if _SHARE_AFTER.match(after):
            return "share"
        if _growth_by(left, last):
            return "growth"  # "cut energy use ... by 3 percent"
        if last in ("to", "from"):
            verb = _change_verb_before(clause_words)
            if verb is not None and clause_words[verb + 1] in ("to", "from"):
                cue = _nearest_cue(clause_words[:verb])  # "the proportion rose to 81.7% from 80.8%": levels
                return cue if cue and cue != "growth" else "share"
        cue = _nearest_cue(clause_words)
        if cue:
            return cue
        if prev is not None and prev.unit == "percent" and ";" not in between and not _has_cue(between):
            return prev.role  # "up 24.5% in manufacturing, 17.5% in equipment and 13.5% in ..."
        return "share"
    # money, counts and measures
    if _growth_by(left, last, unit == "count") or (unit == "count" and _MORE_THAN_BEFORE.match(after)):
        return "growth"  # "an increase of 6,000", "42 more than in the same period of 2023"
    if unit != "count" and (_GROWTH_AFTER.match(after) or _DECLINE_AFTER.match(after)):
        return "growth"
    if unit != "count" and _DIFF_AFTER.match(after) and re.search(r"(?<![a-z])than(?![a-z])", after[:40]):
        return "difference"
    if "average" in left and _BENCHMARK_BEFORE.search(left):
        return "benchmark"
    return "level"


_ANOTHER = {"another", "additional", "further"}


def _has_cue(text: str) -> bool:
    words = _WORD.findall(text)
    return any(w in _GROWTH or w in _DECLINE or w in _SHARE for w in words)


def _change_verb_before(words: list[str]) -> int | None:
    """Index of the last growth or decline word in `words` (not the last word), or None."""
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _GROWTH or words[i] in _DECLINE:
            return i
    return None


_LINKERS = {"and", "or", "while", "with", "respectively", "as", "well", "but", "whereas"}


def _nearest_cue(words: list[str]) -> str | None:
    """Role from the cue word closest before the figure: growth (or decline) vs share."""
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w == "rate" and i > 0 and words[i - 1] == "growth":
            return "growth"
        if w in _GROWTH or w in _DECLINE:
            return "growth"
        if w in _SHARE:
            return "share"
    return None


def negative(f: Figure, left: str, after: str) -> bool:
    """True when the figure is a fall written as a positive number ("a decrease of 0.4%")."""
    if f.m.negative:
        return False
    if f.role == "growth":
        if _MORE_THAN_BEFORE.match(after):
            return bool(re.match(r"\s*(?:[a-z-]+\s+){0,2}?(?:fewer|less)", after))
        return bool(_SIGNED_DECLINE.search(left[-70:]) or _DECLINE_AFTER.match(after))
    if f.role == "difference":
        return bool(_DIFF_NEG_AFTER.match(after))
    return False


# --- target -------------------------------------------------------------------------------
_CUES = re.compile(
    r"(?:^|[^a-z-])(?:(" + trie_pattern(lx.TARGET_STRONG) + r")|(" + trie_pattern(lx.TARGET_WEAK) + r")|"
    r"(last year|in the past|so far|to date|previously|has been|have been|had been|was|were|"
    r"(?:has|have|had)\s+(?:[a-z]+\s+)?[a-z]+ed))(?![a-z-])")
_GOAL_NOUN = re.compile(r"(?<![a-z])(?:" + trie_pattern(lx.GOAL_NOUNS) + r")(?![a-z])")
_TARGET_RESET = re.compile(
    r"(?<![a-z])(?:last year|in the past|so far|to date|already|previously|has been|have been|had been|"
    r"was|were|(?:has|have|had)\s+[a-z]+ed)(?![a-z])"
    r"|[,;]\s+(?:and|while|but|whereas)\s+(?:[a-z’'-]+\s+){0,3}?(?!expected|projected|planned)[a-z]+ed(?![a-z])")
# between a figure and a later plan cue: a verb or a new clause means the cue is not about the figure
_VERB_OR_LINK = re.compile(
    r"(?<![a-z])(?:is|are|was|were|has|have|had|been|and|but|while|whereas|which|that|who|where|"
    r"(?!designated|added|based|sized|listed|advanced|integrated|specialized|renowned|related|"
    r"certified|funded|owned|invested|registered|planned|expected|projected|targeted)[a-z]+ed)(?![a-z])|[;:]")
_PLAN_PARTICIPLE_AFTER = re.compile(r"\s+(?:expected|projected|planned|targeted|forecast|budgeted|envisaged)(?![a-z])")
_PLAN_ADJECTIVE_BEFORE = re.compile(r"(?<![a-z])(?:planned|projected|targeted|expected|budgeted|envisaged)\s+"
                                    r"(?:[a-z-]+\s+){0,3}(?:of\s+)?(?:about\s+|around\s+|over\s+|some\s+)?$")
_IMPERATIVE = re.compile(r"\W*(?:" + trie_pattern(lx.IMPERATIVE_VERBS) + r")\s+(?:the|a|an|more|new|[a-z]+)")
# the yearly output of a facility that is only now being built or signed is what it is expected to make
_FACILITY_OUTPUT_BEFORE = re.compile(
    r"(?<![a-z])(?:with|has|having|boasting)\s+(?:an?\s+)?(?:designed\s+)?annual\s+"
    r"(?:output(?:\s+value)?|production(?:\s+value|\s+capacity)?|capacity|revenue|sales(?:\s+revenue)?|"
    r"tax(?:es)?(?:\s+revenue)?)\s+of\s+(?:about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+)?$")
_NOT_YET_BUILT = re.compile(
    r"(?<![a-z])(?:(?:commenced|started|starts?|began|begun|begins?|broke|breaks?)\s+(?:construction|ground)|"
    r"groundbreaking|under\s+construction|(?:upon|after|on)\s+(?:its\s+|their\s+)?completion|"
    r"(?:once|when|after)\s+(?:fully\s+)?(?:completed|operational|put\s+into\s+(?:production|operation)))(?![a-z])")
_TARGET_NOUN_AFTER = re.compile(r"(?:target|goal)")


class Cues:
    """Where a document's plan cues, past markers and goal nouns are (one scan per document)."""

    def __init__(self, low: str, spans: list[tuple[int, int]]):
        """Scan `low` within `spans` (the sentences that hold figures and the ones before them)."""
        self.strong, self.weak, self.past = [], [], []
        lists = (self.strong, self.weak, self.past)
        for a, b in spans:
            for m in _CUES.finditer(low, a, b):
                g = m.lastindex
                lists[g - 1].append(m.start(g))

    @staticmethod
    def _between(xs: list[int], a: int, b: int) -> list[int]:
        return xs[bisect.bisect_left(xs, a):bisect.bisect_left(xs, b)]


def _target_cues(doc: Document, s: Sentence) -> dict:
    info = s.cache.get("target")
    if info is None:
        cues: Cues = doc.cues
        strong = Cues._between(cues.strong, s.start, s.end)
        past = bool(Cues._between(cues.past, s.start, s.end))
        weak = [] if past else Cues._between(cues.weak, s.start, s.end)
        info = {
            "cues": sorted(strong + weak), "weak": set(weak), "strong": bool(strong), "past": past,
            "imperative": bool(_IMPERATIVE.match(doc.low, s.start, s.end)),
            "goal_frame": bool(strong) and (bool(_GOAL_NOUN.search(doc.low, s.start, s.end))
                                            or doc.low[s.start:s.end].rstrip().endswith(":")),
        }
        s.cache["target"] = info
    return info


def is_target(doc: Document, f: Figure, ref_year: int | None) -> bool:
    s = f.sentence
    low = doc.low
    info = _target_cues(doc, s)
    start = f.m.start
    clause_end = f.clause[1]
    end = f.m.partner_end if f.m.coordinated else f.m.end
    if _PLAN_PARTICIPLE_AFTER.match(low, end) or _PLAN_ADJECTIVE_BEFORE.search(low, max(s.start, start - 40), start):
        return True  # "5 to 6 percent expected", "a planned investment of 3 billion yuan"
    if _FACILITY_OUTPUT_BEFORE.search(low, max(s.start, start - 60), start) \
            and _NOT_YET_BUILT.search(low, s.start, s.end):
        return True  # "a base with an annual output value of 2.3 billion yuan ... commenced construction"
    for c in reversed(info["cues"]):
        if c < start:
            if c in info["weak"] and f.year is not None and ref_year and f.year < ref_year:
                continue  # "to promote 51 projects" in a paragraph about an earlier year
            return not _TARGET_RESET.search(low, c, start)
        if c not in info["weak"] and c - f.m.end < 120 and not _TARGET_RESET.search(low, f.m.end, c) \
                and (c < clause_end or not _VERB_OR_LINK.search(low, f.m.end, c)):
            return True  # "a hub covering 230,000 square meters will open", "three projects, each ..., are expected to"
    if info["imperative"]:
        return True
    if s.index > 0 and not info["past"]:
        prev = doc.lay.sentences[s.index - 1]
        if prev.paragraph == s.paragraph and _target_cues(doc, prev)["goal_frame"]:
            return True  # the sentence after one that announced goals lists them
    return False


def reference_year(doc: Document) -> int | None:
    """The year the document reports from: its publication date, else the latest year it names
    outside plans and names (used only to tell past from plan)."""
    if doc.pub_year:
        return doc.pub_year
    years = [t.year for t in doc.times if t.rel is None and t.year is not None and t.frame
             and not _target_cues(doc, doc.lay.sentence_at(t.start))["strong"]]
    return max(years) if years else None


_TITLE_WORDS = 25


def document_frame(doc: Document) -> tuple[int | None, str | None]:
    """The year (and period) a document reports on, when it is clear: the year and period in a short
    first line (a title), else a year that makes up most of the years the document names."""
    paras = doc.lay.paragraph_starts
    title_end = paras[1] if len(paras) > 1 else len(doc.text)
    year = period = None
    if len(doc.text[:title_end].split()) <= _TITLE_WORDS:
        in_title = [t for t in doc.times if t.start < title_end and t.frame and t.rel is None]
        years = [t.year for t in in_title if t.year]
        periods = [t.period for t in in_title if t.period]
        year = years[0] if years else None
        period = periods[0] if periods else None
        if period is None:
            from .scan import _PERIOD_AT
            pm = re.search(r"(?<![a-z])(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:half|quarter|three quarters)",
                           doc.low[:title_end])
            if pm and _PERIOD_AT.match(doc.low, pm.start()):
                period = lx.PERIOD_PHRASES[_PERIOD_AT.match(doc.low, pm.start()).group(1)]
    years = [t.year for t in doc.times if t.frame and t.rel is None and t.year]
    if year is None and years:
        top = max(set(years), key=years.count)
        if years.count(top) >= 0.6 * len(years):
            year = top
    if period is not None and year is None:
        first = [t.year for t in doc.times if t.frame and t.period == period and t.year]
        year = first[0] if first else None
    return year, period


def resolve_this_year(doc: Document) -> None:
    """"the list of 2024 tasks shows that this year ...": an unknown "this year" takes the one
    explicit year its sentence names."""
    for t in doc.times:
        if t.rel == "this" and not t.known:
            s = doc.lay.sentence_at(t.start)
            years = {u.year for u in doc.times if s.start <= u.start < s.end and u.rel is None
                     and u.year is not None and u.frame}
            if len(years) == 1:
                t.year, t.known = years.pop(), True


# --- year and period -----------------------------------------------------------------------
def time_of(doc: Document, f: Figure, starts: list[int]) -> tuple[int | None, str | None]:
    times = doc.times
    s = f.sentence
    start = f.m.start
    c0, c1 = f.clause
    lo = bisect.bisect_left(starts, s.start)
    hi = bisect.bisect_left(starts, s.end)
    in_sentence = [t for t in times[lo:hi] if t.frame]
    chosen = None
    same = [t for t in in_sentence if c0 <= t.start < c1]
    right = [t for t in same if t.start >= f.m.end and _TIME_AFTER.fullmatch(doc.low, f.m.end, t.start)]
    if right:
        chosen = right[0]  # "541.9 billion yuan in 2023"
    elif same:
        chosen = min(same, key=lambda t: abs(t.start - start))
    else:
        leftward = [t for t in in_sentence if t.start < start]
        if leftward:
            chosen = leftward[-1]
        elif in_sentence:
            chosen = in_sentence[0]
    if chosen is not None and not right and _FROM_BEFORE.search(doc.low, max(c0, start - 20), start) \
            and _TO_AFTER.match(doc.low, f.m.end):
        span = [t for t in times[lo:hi] if t.start < start and t.year is not None]
        if len(span) >= 2 and span[-2].year < span[-1].year and chosen is span[-1] \
                and (span[-2].frame or _YEAR_RANGE.fullmatch(doc.low, span[-2].start, span[-1].end)):
            chosen = span[-2]  # "From 2018 to 2023, GDP grew from 139.4 billion yuan to 196.4 billion yuan"
    outer_year = None
    if chosen is None or (chosen.year is None and chosen.known and chosen.period is not None):
        p_start = doc.lay.paragraph_starts[s.paragraph]
        plo = bisect.bisect_left(starts, p_start)
        earlier = [t for t in times[plo:lo] if t.frame and not t.adjective]
        if earlier:
            if chosen is None:
                chosen = earlier[-1]
                if chosen.year is not None and _THE_WHOLE_YEAR.search(doc.low, s.start, s.end):
                    return chosen.year, None  # "... in the first half of 2024. It aims at 5.5 percent for the whole year"
            else:
                outer_year = earlier[-1].year
    if chosen is None:
        if doc.frame[0] is not None and (_THE_WHOLE_YEAR.search(doc.low, s.start, s.end) or (
                f.is_target and _YEAR_PLAN.search(doc.low, s.start, s.end))):
            return doc.frame[0], None  # "aims at around 5.5 percent for the whole year" in a report on 2024 H1
        return doc.frame if not doc.frame_blocked(f) else (None, None)
    period = chosen.period
    if period is None and chosen.year is not None:
        # "From January to November, power use was 15.2 billion kWh in 2023"
        period = next((t.period for t in in_sentence if t.period and t.year in (None, chosen.year)), None)
    year = chosen.year if chosen.year is not None else outer_year
    if year is None and chosen.known and chosen.rel is None and chosen.period and doc.pub_year:
        year = _latest_year_of(chosen.period, doc.pub_year, doc.pub_month)  # "January to October" in a Nov 2024 article
    if year is None and chosen.known and chosen.rel is None and not doc.frame_blocked(f):
        year = doc.frame[0]  # "the first half of the year" in an article about 2024
    return year, period


_FROM_BEFORE = re.compile(r"(?<![a-z])from\s+(?:about\s+|around\s+|over\s+|nearly\s+)?$")
_TO_AFTER = re.compile(r"\s+to\s+(?:about\s+|around\s+|over\s+|nearly\s+|more than\s+)?[\d.,]")
# a plan for "the year" in a report on part of it is a plan for the report's year
_THE_WHOLE_YEAR = re.compile(
    r"(?<![a-z])(?:(?:for|in|over|throughout|during)\s+the\s+(?:whole|full|entire)\s+year|"
    r"(?:for|throughout)\s+the\s+year|full-year|whole-year)(?![a-z])")
_YEAR_PLAN = re.compile(r"(?<![a-z])(?:(?:at|from)\s+the\s+(?:start|beginning)\s+of\s+the\s+year|"
                        r"annual\s+(?:target|goal|plan))(?![a-z])")
_TIME_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?:in|during|for|of|by|as of|at the end of)\s+(?:the\s+)?")
_PERIOD_END = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}


def _latest_year_of(period: str, pub_year: int, pub_month: int | None) -> int:
    """The year of the latest `period` that had ended by the publication date."""
    end = _PERIOD_END.get(period) or int(period[-2:])
    return pub_year if pub_month is None or end <= pub_month else pub_year - 1


# --- region ---------------------------------------------------------------------------------
_SUPERLATIVE = re.compile(r"(?:['’]s)?\s*(?:first|second|third|top|largest|biggest|only|leading|most|highest|"
                          r"best|earliest)(?![a-z])")
_AVERAGE_SCOPE = re.compile(
    r"(?<![a-z])(provincial|province['’]s|the province|national|nationwide|the country['’]s|country|"
    r"nation['’]s|city|the city['’]s|county|zhejiang['’]s|china['’]s|jiangsu['’]s)(?![a-z])"
    r"[^.;]{0,40}?(?<![a-z])averages?(?![a-z])[^.;]{0,25}$")
_IN_PLACE = re.compile(r"\s*(?:in|of|from)\s+(?:the\s+)?$")


_BROAD_AFTER_NP = re.compile(r"\s+(?:in|across)\s+(the province|zhejiang|the country|china|the nation|jiangsu)(?![a-z])")
# things that come "from N countries" are about the world; people "living in N countries" stay home's
_WORLD_AFTER_NP = re.compile(r"\s+from\s+(?:(?:more than|over|nearly|about|some|around)\s+)?"
                             r"(?:\d[\d,]*\+?|[a-z]+)\s+(?:countries|nations)(?![a-z])|"
                             r"\s+from\s+(?:around|across|all over)\s+the\s+world(?![a-z])")
_PROVINCE_HEAD = re.compile(r"\s+(?:province|city|municipality|prefecture)(?![a-z])")
_SUBJECT_VERB = re.compile(r"(?:\s+(?:province|city|municipality))?\s+(?:[a-z]+ed|saw|has|had|is|was|posted|"
                           r"reported|recorded|registered|achieved|exported|imported|attracted|produced)(?![a-z])")
_SCOPE_BEFORE = re.compile(r"(?<![a-z])(?:in|of|across|from|to|within|throughout|around|into|for|with)\s+(?:the\s+)?$")
_DESCRIPTOR_BEFORE = re.compile(r"(?:east|south|north|west|central|southwest|southeast|northwest|northeast|"
                                r"eastern|southern|northern|western)\s+$")


def region(doc: Document, f: Figure, left: str, pstarts: list[int]) -> str:
    """The place the figure is about: the nearest place before it in its clause or sentence, a place
    it is "in", the sentence's subject, the paragraph's place, else the document's."""
    places = doc.places
    s = f.sentence
    start = f.m.start
    if f.counted == "country":
        return "Other"  # "from 60+ countries": about the world, not a place in it
    if f.counted and _WORLD_AFTER_NP.match(doc.low, f.np_end):
        return "Other"  # "260 villages from 60+ countries", "300 exhibitors from around the world"
    if f.role == "benchmark":
        sm = _AVERAGE_SCOPE.search(left)
        if sm:
            scope = sm.group(1)
            if scope.startswith(("provinc", "the province", "jiangsu")):
                return doc.province
            if scope.startswith("zhejiang"):
                return "Zhejiang"
            if scope.startswith(("nation", "country", "the country", "china")):
                return "China"
    lo = bisect.bisect_left(pstarts, s.start)
    hi = bisect.bisect_left(pstarts, s.end, lo)
    mid = bisect.bisect_left(pstarts, start, lo, hi)
    r = _nearest(doc, places, bisect.bisect_left(pstarts, f.clause[0], lo, mid), mid, start)
    if r:
        return r
    low = doc.low
    for i in range(mid, hi):
        p = places[i]
        if p.start >= f.m.end + 25:
            break
        if p.kind == "specific" and p.start >= f.m.end and _IN_PLACE.fullmatch(low, f.m.end, p.start):
            return p.region  # "17 enterprises in Lishui City"
    if f.unit not in ("rank", "percent", "percentage_point") and f.counted:
        bm = _BROAD_AFTER_NP.match(low, f.np_end)
        if bm:
            scope = bm.group(1)
            return doc.province if scope in ("the province", "jiangsu") else \
                "Zhejiang" if scope == "zhejiang" else "China"  # "the 11 cities in the province"
    r = _nearest(doc, places, lo, mid, start, specific_first=True)
    if r:
        return r
    for i in range(mid, hi):
        if places[i].kind == "specific" and places[i].start >= f.m.end:
            return places[i].region
    for i in range(mid - 1, lo - 1, -1):
        p = places[i]
        if p.kind in ("broad", "other") and _SUBJECT_VERB.match(low, p.end) and not _descriptor(low, p) \
                and not _SCOPE_BEFORE.search(low, max(0, p.start - 10), p.start):
            return p.region  # "Zhejiang province reported ...", "Fujian exported ..."
    # the last earlier sentence of the paragraph that names a place, when it names only one
    p_start = doc.lay.paragraph_starts[s.paragraph]
    sentences = doc.lay.sentences
    for k in range(s.index - 1, -1, -1):
        prev = sentences[k]
        if prev.start < p_start or prev.paragraph != s.paragraph:
            break
        a = bisect.bisect_left(pstarts, prev.start, 0, lo)
        b = bisect.bisect_left(pstarts, prev.end, a, lo)
        named = {_resolve(doc, places, i) for i in range(a, b) if places[i].kind in ("specific", "county-ref")}
        if named:
            return named.pop() if len(named) == 1 else doc.main_region
    return doc.main_region


def _nearest(doc: Document, places: list[Place], a: int, b: int, pos: int, specific_first: bool = False) -> str | None:
    """The region of the nearest place in places[a:b] that can be a figure's subject: a city or
    county, "the city"/"the county", or a possessive province, country or other place (after
    any city or county when `specific_first`)."""
    low = doc.low
    if specific_first:
        for i in range(b - 1, a - 1, -1):
            if places[i].kind in ("specific", "city-ref", "county-ref"):
                return _resolve(doc, places, i)
    for i in range(b - 1, a - 1, -1):
        p = places[i]
        kind = p.kind
        if kind in ("specific", "city-ref", "county-ref"):
            return _resolve(doc, places, i)
        if kind in ("broad", "other") and not _descriptor(low, p) and (
                (p.possessive and not _SUPERLATIVE.match(low, p.end))
                or (_PROVINCE_HEAD.match(low, p.end) and not _SCOPE_BEFORE.search(low, max(0, p.start - 10), p.start))):
            return p.region
    return None


def _descriptor(low: str, p: Place) -> bool:
    """"East China's Zhejiang": a compass region describing another place, not a subject."""
    return bool(_DESCRIPTOR_BEFORE.search(low, max(0, p.start - 12), p.start))


def _resolve(doc: Document, places: list[Place], i: int) -> str:
    p = places[i]
    if p.kind == "specific":
        return p.region
    if p.kind == "city-ref":
        return doc.city_region
    for j in range(i - 1, -1, -1):  # "the county": the last county named before
        q = places[j]
        if q.kind == "specific" and q.region not in ("Lishui", "Nanjing-Lishui"):
            return q.region
    return doc.main_region


# --- rank scope and parts ------------------------------------------------------------------------
_SCOPES = (
    ("province", re.compile(r"(?<![a-z])(?:in the province|province-?wide|provincewide|provincial|in zhejiang|"
                            r"within the province|of the province|in jiangsu|the province['’]s|zhejiang['’]s|"
                            r"in the whole province)(?![a-z])")),
    ("nation", re.compile(r"(?<![a-z])(?:in the country|nation-?wide|in china|national(?:ly)?|in the nation|"
                          r"china['’]s|of the country|countrywide)(?![a-z])")),
    ("world", re.compile(r"(?<![a-z])(?:in the world|worldwide|globally|global)(?![a-z])")),
    ("city", re.compile(r"(?<![a-z])(?:in the city|citywide|city-wide|the city['’]s|among lishui['’]s|in lishui)(?![a-z])")),
    ("county", re.compile(r"(?<![a-z])(?:count(?:y|ies)|county-level cities|districts)(?![a-z])")),
)


def rank_scope(low: str, left: str, after: str) -> str | None:
    """Where a rank was ranked: province, nation, world, city or county; None when unsaid."""
    window = after[:70] + " " + left[-40:]
    for scope, pattern in _SCOPES:
        if pattern.search(after[:70]):
            return scope
    for scope, pattern in _SCOPES:
        if pattern.search(window):
            return scope
    return None


_PART_BEFORE = re.compile(r"(?<![a-z])(?:including|of which|of whom|among (?:them|these|which|those)|"
                          r"of (?:these|them)|among them,|in which)\s*[,:]?\s*(?:[a-z-]+\s+){0,2}$")
_PART_SENTENCE_START = re.compile(r"\W*(?:among (?:them|these|which|those)|of (?:these|them|which)|of this|"
                                  r"of the total|in particular)(?![a-z])")
_PART_AFTER = re.compile(r"\s+of (?:them|these|which)(?![a-z])")


def part_cue(low: str, f: Figure, left: str, after: str) -> bool:
    """True when the figure is written as a part of an earlier one: "69 honors, including 687
    titles", "Among these, 171 were ...", "7 of them have started"."""
    if f.unit in ("percent", "percentage_point", "rank", "multiple") or f.role != "level":
        return False
    near = left[-45:]
    if ("includ" in near or "which" in near or "among" in near or " of th" in near or "whom" in near) \
            and _PART_BEFORE.search(near):
        return True
    if after.startswith(" of ") and _PART_AFTER.match(after):
        return True
    s = f.sentence
    # "Among these, 171 were ...": the sentence opens with the phrase and this is its first figure
    return f.m.start - s.start < 40 and bool(_PART_SENTENCE_START.match(low, s.start)) \
        and low.count(",", s.start, f.m.start) == 1


# --- per, metric, subject --------------------------------------------------------------------
_PER_AFTER = re.compile(
    r"\s*(?:yuan\s+)?(?:per|a|an|each|every|for each)\s+(capita|person|head|mu|household|year|month|day|hectare|"
    r"square kilometer|square kilometre|ton|kwh|worker|employee|resident|student|enterprise|"
    r"cubic (?:foot|meter|metre)|\d[\d,]*\s+[a-z]+)(?![a-z])")
_ANNUAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,3}?(?:annually|every year|per year|a year|each year)(?![a-z])")
_PER_NAMES = {"capita": "person", "head": "person", "worker": "person", "employee": "person",
              "resident": "person", "square kilometre": "square kilometer"}
_PER_PEOPLE_BEFORE = re.compile(r"(?<![a-z])(?:per|for|by|owned by)\s+(\d[\d,]*\s+people)(?![a-z])")


def per(f: Figure, left: str, after: str) -> str | None:
    pm = _PER_AFTER.match(after)
    if pm:
        w = pm.group(1)
        return _PER_NAMES.get(w, w)
    head = after[:45]
    if ("year" in head or "annual" in head) and _ANNUAL_AFTER.match(after):
        return "person" if "on average" in after[:60] else "year"
    if after.lstrip().startswith("per capita") or "per capita" in left:
        return "person"
    if f.role == "growth" and ("average annual" in left or "annual average" in left):
        return "year"
    if f.unit == "count":
        pm = _PER_PEOPLE_BEFORE.search(left)
        if pm:
            return pm.group(1)
    return None


_METRIC_HEADS = {
    "gdp", "gep", "value", "output", "investment", "investments", "revenue", "revenues", "sales",
    "income", "exports", "export", "imports", "import", "trade", "profit", "profits", "tax", "taxes",
    "expenditure", "expenditures", "spending", "funds", "fund", "bonds", "turnover", "volume", "production",
    "consumption", "savings", "deposits", "loans", "population", "earnings", "wages", "wage", "dividends",
    "settlements", "capacity", "area", "supply", "share", "proportion", "rate", "index", "scale", "yield",
    "budget", "subsidies", "financing", "capital", "assets", "price", "prices", "cost", "costs", "product",
}
_METRIC_MODIFIERS = {
    "per", "capita", "average", "annual", "total", "urban", "rural", "regional", "industrial", "fixed-asset",
    "fixed", "asset", "foreign", "online", "retail", "tourism", "fiscal", "public", "budget", "digital",
    "economy", "core", "export", "import", "tax", "cumulative", "full-chain", "added", "disposable",
    "gross", "domestic", "ecosystem", "output", "production", "market", "growth", "sales", "general",
    "manufacturing", "land", "trade", "consumer", "goods", "residents", "resident", "electricity",
    "grain", "agricultural", "service", "services",
}
_METRIC_STOP = {"of", "in", "and", "the", "a", "an", "was", "were", "is", "are", "reached", "by", "to", "with",
                "from", "for", "at", "on", "its", "their", "this", "that", "which", "had", "has", "have",
                "grew", "rose", "fell", "increased", "decreased", "declined", "dropped", "surged", "jumped", "hit",
                "totaled", "totalled", "amounted", "stood", "exceeded", "reaching", "totaling", "will", "would",
                "should", "last", "this", "year", "up", "down", "as", "than", "or", "be", "been", "being"}
_METRIC_AFTER = re.compile(
    r"\s*(?:in|of)\s+((?:[a-z][a-z-]*\s+){0,3}?(?:output|sales|revenue|revenues|investment|exports?|imports?|"
    r"income|funds|dividends|bonds|settlements|value|profits?|turnover))(?![a-z])")


_METRIC_QUALIFIER_AFTER = re.compile(
    r"\s*(?:from|of|by)\s+((?:[a-z-]+\s+){0,4}?(?:industries|industry|sector|enterprises)(?:\s+above designated size)?)(?![a-z])")


def metric(f: Figure, sent_words: list[str], after: str, prev: Figure | None) -> str:
    """What the figure measures, in short: "number of projects", "total retail sales of consumer
    goods", "added value of industries above designated size growth"."""
    if f.unit == "count" and f.counted == "population":
        base = _metric_phrase(sent_words) or "population"
        base = base if "population" in base else "population"
    elif f.unit == "count" and f.counted:
        base = f"number of {plural(f.counted)}"
    elif prev is not None and prev.metric and "that of" in " ".join(sent_words[-6:]) and " of " in prev.metric:
        # "... of urban residents was 66,875 yuan, and that of rural residents was 33,891 yuan"
        tail = " ".join(sent_words[-6:]).split("that of", 1)[1].split()
        qualifier = " ".join(w for w in tail if w not in _METRIC_STOP and w[0].isalpha())
        base = prev.metric.rsplit(" of ", 1)[0].replace(" growth", "") + " of " + qualifier
    elif f.role in ("growth", "share", "rank", "difference") and prev is not None and prev.role == "level" \
            and prev.metric and not prev.metric.startswith("number of") and not _has_metric_head(sent_words, prev):
        base = prev.metric  # "GDP reached 196 billion yuan, up 6.7 percent": the GDP's growth
    else:
        am = _METRIC_AFTER.match(after)
        base = am.group(1) if am else _metric_phrase(sent_words)
        qm = _METRIC_QUALIFIER_AFTER.match(after) if f.role == "level" and not am else None
        if qm and base and " of " not in base:
            base = f"{base} of {qm.group(1)}"  # "added value of 471.78 billion yuan from industries above designated size"
        if prev is not None and prev.unit == "count" and prev.counted in _SET_NOUNS and base \
                and f.unit in ("CNY", "USD", "EUR"):
            base = f"{base} of {plural(prev.counted)}"  # "23 projects ... totaling 10.62 billion yuan in investment"
    if f.role == "growth" and base and "growth" not in base:
        return f"{base} growth"
    if f.role == "rank":
        return f"rank of {base}" if base else "rank"
    return base


_SET_NOUNS = {"project", "enterprise", "company", "firm", "base", "park", "fund"}


def _has_metric_head(words: list[str], prev: Figure) -> bool:
    """True when a metric word stands between the previous figure and this one (a new metric)."""
    return False


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es" if not noun.endswith("s") else noun
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_PLACE_WORDS = PLACE_NAMES | {"city", "county", "province", "district", "country", "nation"}
_DETERMINERS = {"the", "a", "an", "its", "their", "this", "that", "these", "those", "s", "city", "county"}
_NOT_MODIFIERS = _METRIC_STOP | _DETERMINERS | {"lishui", "zhejiang", "china", "nanjing", "province", "said",
                                                "while", "but", "also", "now", "currently", "total"} - {"total"}


def _metric_phrase(words: list[str]) -> str:
    """The metric noun phrase that ends nearest the end of `words`: "total value of imports and
    exports", "added value of the primary industry", "investment in manufacturing"."""
    i = len(words) - 1
    while i >= 0 and words[i] not in _METRIC_HEADS:
        i -= 1
    if i < 0:
        return ""
    j = i  # left: modifiers, and heads joined by "of"/"and"
    while j > 0 and i - j < 7:
        w = words[j - 1]
        if w in ("of", "and") and j >= 2 and (words[j - 2] in _METRIC_HEADS or words[j - 2] in _METRIC_MODIFIERS):
            j -= 1
            continue
        if w in _NOT_MODIFIERS or not w[0].isalpha() or len(w) < 3:
            break
        j -= 1
    k = i + 1  # right: one "of"/"in" phrase (not a place: "the GDP of Songyang" is the GDP)
    if k + 1 < len(words) and words[k] in ("of", "in"):
        m = k + 1 + (words[k + 1] == "the")
        while m < len(words) and m - i < 11 and words[m] not in _METRIC_STOP and words[m][0].isalpha() \
                and words[m] not in _PLACE_WORDS:
            m += 1
        if m > k + 1 + (words[k + 1] == "the"):
            k = m
    return " ".join(w for w in words[j:k] if w != "the")


_ENTITY_END = re.compile(
    r"(?:Co\.,?\s*Ltd\.?|Group|Corporation|Company|Technology|Pharmaceuticals|Industrial Park|Park|Zone|"
    r"Center|Centre|Base|Project|Alliance|Village|Township|Workshops?|Platform|Cluster)(?![\w])")
_CAPS_BEFORE = re.compile(r"(?:(?:[A-Z][\w&’'-]*|and|of|\([A-Z][\w]*\))\s+){1,7}$")


def subject(doc: Document, f: Figure) -> str:
    """Who or what the figure belongs to: the nearest named organisation, project or place before it."""
    text = doc.text
    s = f.sentence
    ends = s.cache.get("entities")
    if ends is None:
        ends = s.cache["entities"] = list(_ENTITY_END.finditer(text, s.start, s.end))
    best = None
    for m in ends:
        if m.end() > f.m.start:
            break
        best = m
    if best is not None:
        cm = _CAPS_BEFORE.search(text, max(s.start, best.start() - 90), best.start())
        if cm:
            name = text[cm.start():best.end()].strip()
            name = re.sub(r"^(?:and|of)\s+", "", name)
            return name
    return f.region
