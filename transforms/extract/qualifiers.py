"""A figure's qualifiers: approx ("more than", "nearly"), per (the denominator of a rate), the scope
of a rank, and whether it is written as a part of an earlier figure."""
from __future__ import annotations

import re

from . import lexicon as lx

_OVER, _UNDER, _ABOUT = set(lx.QUAL_OVER), set(lx.QUAL_UNDER), set(lx.QUAL_ABOUT)
# an optional hedge before a number ("about ", "more than "), for patterns that read around it
HEDGE = r"(?:(?:" + "|".join(w.replace(" ", r"\s+") for w in lx.HEDGES) + r")\s+)?"
# "from" (and a hedge) right before a number: the starting value of a change or a range
FROM_BEFORE = re.compile(r"(?<![a-z])from\s+" + HEDGE + "$")
# the base a value is set against: "from 4.1 billion yuan", "against 62.9 percent", "compared with 81 percent",
# "speeding up from a 1.1% fall in October"
_BASE_BEFORE = re.compile(r"(?<![a-z])(?:from|against|compared\s+(?:with|to)|versus|vs\.?)\s+"
                          r"(?:an?\s+(?:(?:shortfall|deficit|surplus|gap|lead|low|high|peak|total)\s+of\s+)?)?" + HEDGE
                          + "[+-]?$")  # ("from a shortfall of 5.2 billion yuan a year earlier to a lead of ...")


# a bracket that opens with a place, before a value: "+6.8% (Lishui: +5.9%)", "12.4 percent (Zhejiang 9.3 percent)"
PLACE_IN_BRACKETS = re.compile(r"[(（]\s*([a-z][a-z'’ -]{1,30}?)\s*[:：]?\s*[+＋]?\s*$")


def set_against(left: str) -> bool:
    """Whether the figure whose preceding text is `left` is the starting value of a change or the
    value another is set against ("up from 35.6 percent", "against 62.9 percent", "slowing from +9.8%", "from
    a 1.1% fall")."""
    tail = left[-40:]  # one of these words is in every match: tested first, as this runs for every figure
    return ("from" in tail or "against" in tail or "compared" in tail or "vs" in tail or "versus" in tail) \
        and bool(_BASE_BEFORE.search(left))


# a change a figure followed: "fell 0.2 percent in May, after falling 0.1 percent in April", "after growth of 6.1 percent"
AFTER_A_CHANGE_BEFORE = re.compile(r"(?<![a-z])(?:after|following)\s+(?:falling|rising|growing|increasing|"
                                   r"decreasing|declining|dropping|gaining|a\s+rise\s+of|a\s+fall\s+of|growth\s+of)\s+"
                                   + HEDGE + "$")


# a coordinate clause of its own: "Jiangning led with 6.9 percent, and Lishui district grew 6.4", "...; ..."
NEXT_CLAUSE = re.compile(r"(?:,|;)\s+(?:and|while|whereas|but)\s|;\s")
# the words of a figure's change written right after it: "..., up 8 percent", "..., an increase of 8 percent"
ITS_CHANGE_WORDS = (r"(?:(?:up|down)(?:\s+by)?|an?\s+(?:year-on-year\s+)?(?:increase|decrease|rise|drop|decline|growth|"
                    r"fall|gain)\s+of|(?:rising|falling|growing|increasing|decreasing|declining)(?:\s+by)?)")
# the participles that open an aside about a subject's past ("Zhejiang, chosen in 2021 as China's pilot zone, ...")
ASIDE_PARTICIPLE = r"(?:first\s+)?(?:" + "|".join(w.replace(" ", r"\s+") for w in lx.ASIDE_PARTICIPLES) + r")"
# how much of a plan is met: "the GDP target is 99 percent met"
PLAN_MET_AFTER = re.compile(r"\s+(?:met|achieved|completed|fulfilled|done|accomplished|reached)(?![a-z])")


# the words that set a value against another: "higher than", "outpacing", "well ahead of", "compared with"
COMPARED_WITH = (r"than|above|below|over|outpac\w*|beat\w*|exceed\w*|surpass\w*|trail\w*|lagg\w*\s+behind|behind|"
                 r"ahead\s+of|compared\s+(?:with|to)|against|versus")
# a relative clause opened after a comma ("Dajun, where ...", "The firm, which ..."), and one still open
# at the end of a stretch of text (no comma or semicolon after its opener)
RELATIVE_OPENER = re.compile(r",\s+(?:which|who|whose|where|including)\s")
RELATIVE_STILL_OPEN = re.compile(RELATIVE_OPENER.pattern + r"(?:[^,;]|(?<=\d),(?=\d))*$")  # (not the comma of "33,480")
# a figure compared with, then the place it belongs to: "higher than the 5.0 percent growth of Nanjing",
# "against 5.5 percent for the province"
_COMPARED_BEFORE = re.compile(r"(?<![a-z])(?:(?:" + COMPARED_WITH + r")\s+the|(?:against|versus|vs\.?|compared\s+(?:with|to))"
                              r"(?:\s+an?)?)\s+" + HEDGE + "$")
# the place's own figure compared with: "outpacing Nanjing's 6.1 percent", "above the province's 5.5 percent"
_COMPARED_POSSESSIVE_BEFORE = re.compile(r"(?<![a-z])(?:" + COMPARED_WITH + r")\s+(?:(?:only|just)\s+)?(?:the\s+)?"
                                         r"([a-z][a-z-]+)(\s+(?:city|county|district|province))?['’]s\s+"
                                         r"(?:(?!(?:and|or|but)\s)[a-z-]+\s+){0,2}?" + HEDGE + "$")
# (not across "and": "0.9 points higher than Nanjing's average and 0.8 points above Jiangsu's" is the district's)
# (a growth rate compares as growth)
_A_RATE = re.compile(r"(?<![a-z])(?<!growth )(?:rate|share|proportion|coverage|ratio)(?![a-z])")
# one of these is in every _COMPARED_BEFORE match (tested first: this runs for every figure)
_COMPARED_NEEDLES = ("than", "above", "below", "over", "outpac", "beat", "exceed", "surpass", "trail", "lagg",
                     "behind", "ahead", "compared", "against", "versus")
_OF_A_PLACE_AFTER = re.compile(r"(?:\s+(?:growth|growth rate|rate|increase|rise|expansion|level|average|figure|fall|"
                               r"decline|drop|decrease))?"
                               r"\s+(?:of|in|for|(?:recorded|posted|registered|seen|reported)\s+(?:by|in))\s+")


# the place compared with, its figure in brackets: "ahead of Lishui (6.9 percent)", "1.4 times that of Lishui (23,190 yuan)"
COMPARED_BRACKETED_BEFORE = re.compile(r"(?<![a-z])(?:" + COMPARED_WITH + r"|that\s+of|those\s+of)\s+(?:the\s+)?"
                                       r"([a-z][a-z'’-]+)\s*[(（]\s*" + HEDGE + "$")
# the end of a clause right after a figure: "... up from 52 percent.", "...; last year it was 1.3 times."
CLAUSE_ENDS_AFTER = re.compile(r"\s*(?:[.;!]|$)")
_THE_RURAL = re.compile(r"(?:the\s+)?(?:(?:rural|urban)\s+)?")


def compared_place(doc, f) -> int | None:
    """The index of the place whose figure `f` is, when `f` is the value a figure is compared with
    and the place follows it ("higher than the 5.0 percent growth of Nanjing", "above the 6.1
    percent recorded in Jiangsu") or owns it before ("outpacing Nanjing's 6.1 percent"); else None."""
    left = f.left
    tail = left[-50:]
    if not any(w in tail for w in _COMPARED_NEEDLES):
        return None
    pm = _COMPARED_POSSESSIVE_BEFORE.search(tail) if "'s" in tail or "’s" in tail else None
    if pm is not None and ("average" in tail[pm.end(1):] or not _A_RATE.search(doc.low, f.sentence.start, f.m.start)):
        # "outpacing Nanjing's 6.1 percent", "higher than Nanjing's average of 5.7 percent" (not a rate: "its
        # rate ... trails Lishui's 65.4")
        start = f.m.start - len(tail) + pm.start(1)
        k = doc.place_within(start - 4, f.m.start)
        if k is None:
            return None
        p = doc.places[k]
        if p.start == start - 4 and p.kind == "city-ref" and doc.low.startswith(("'s", "’s"), p.end):
            return k  # "above the city's 6.3 percent"
        return k if p.start == start and (p.possessive or pm.group(2)) else None  # ("against Lishui city's 221.8 billion yuan")
    if "(" in tail and (bm := COMPARED_BRACKETED_BEFORE.search(tail)) is not None:
        k = doc.place_at(f.m.start - len(tail) + bm.start(1))  # "ahead of Lishui (6.9 percent)"
        if k is not None:
            return k
    if not _COMPARED_BEFORE.search(left):
        return None
    m = _OF_A_PLACE_AFTER.match(doc.low, f.m.end)
    if m is None:
        return None
    k = doc.place_within(m.end(), m.end() + 40)  # "of Nanjing", "for the province", "in the Jiangsu province"
    at = _THE_RURAL.match(doc.low, m.end()).end()  # "of rural Wenzhou"
    if k is None or doc.places[k].start not in (m.end(), at):
        return None
    if doc.places[k].possessive and m.group(0).split()[-1] == "of":
        return None  # "against 36 percent of Lishui's 210.5 billion yuan": a share of that place's whole
    return k


# a second predicate that is a plan: "(has trained 650 hosts since 2021) and plans to build a park by 2027"
AND_PLAN_PREDICATE = re.compile(r"(?<![a-z])and\s+(?:(?:it|they|we|he|she|the\s+(?:city|county|district|town|village|"
                                r"province|company|firm))\s+)?(?:also\s+)?(?:plans?|aims?|intends?|hopes?|expects?|seeks?|will|"
                                r"(?:is|are)\s+(?:set|expected|planning|going))\s")
_AND_JOIN = re.compile(r"\s*,?\s+and\s+")


def pair_position(low: str, f) -> int | None:
    """0 when the figure is the first of a pair of figures joined by "and" ("8.3 percent and 4.3
    percent"), 1 when it is the second, else None."""
    prev = f.prev
    after_prev = prev is not None and bool(_AND_JOIN.fullmatch(low, prev.m.end, f.m.start))
    if after_prev:
        return 1
    starts = f.sentence.cache.get("figure_starts", ())
    k = starts.index(f.m.start) if f.m.start in starts else -1
    if 0 <= k and k + 1 < len(starts) and _AND_JOIN.fullmatch(low, f.m.end, starts[k + 1]):
        return 0
    return None
_THRESHOLD = re.compile(
    r"(?:exceed\w*|surpass\w*|top(?:s|ped|ping)?|pass(?:ed|es|ing)?|cross(?:ed|es|ing)?|"
    r"br(?:eak|oke|eaks|eaking) through|over|above|beyond)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:threshold|mark|level|line|milestone)\s+of\s*$")
_QUAL_AFTER = re.compile(r"\s*(?:or more|and above|or above|plus|-odd|odd)(?![a-z])")
_OR_SO = re.compile(r"\s*or so(?![a-z])")
_UP_TO_MOVE = re.compile(r"(?:go|goes|went|going|gone|move[sd]?|jump\w*|climb\w*|risen|rose|rise)\s+up\s+to\s*$")


def approx(f) -> str:
    """exact, over ("more than", "60+", "or more", "exceeded the threshold of"), under ("nearly",
    "less than", "up to") or about ("about", "around", "or so")."""
    if f.approx != "exact":
        return f.approx
    if f.m.plus or _QUAL_AFTER.match(f.after):
        return "over"
    sign = f.left.rstrip()[-1:]
    if sign in (">", "≥", "<", "≤"):
        return "over" if sign in ">≥" else "under"  # a table's ">81", "<3.5"
    if _OR_SO.match(f.after):
        return "about"
    words = f.words[-5:]
    while words and words[-1] in lx.ARTICLES:
        words = words[:-1]
    for n in range(min(4, len(words)), 0, -1):  # the longest phrase decides: "no less than" is over
        tail = " ".join(words[-n:])
        if tail in _ABOUT:
            return "about"
        if tail in _UNDER:
            return "exact" if _UP_TO_MOVE.search(f.left) else "under"
        if tail in _OVER:
            return "over"
    if words and words[-1] == "of" and _THRESHOLD.search(f.left):
        return "over"
    return "exact"


_PER_AFTER = re.compile(
    r"\s*(?:yuan\s+)?(?:per|a|an|each|every|for each)\s+(capita|person|head|mu|household|year|month|day|hectare|"
    r"square kilometer|square kilometre|ton|kwh|worker|employee|resident|student|enterprise|"
    r"cubic (?:foot|meter|metre|centimeter|centimetre)|\d[\d,]*\s+[a-z]+)(?![a-z])")
_ANNUAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,3}?(?:annually|every year|per year|a year|each year)(?![a-z])")
_PER_NAMES = lx.PER_NAMES
_PER_PEOPLE_BEFORE = re.compile(r"(?<![a-z])(?:per|for|by|owned by)\s+(\d[\d,]*\s+people)(?![a-z])")


def per(doc, f) -> str | None:
    """The denominator of a rate: "1,200 yuan per mu" -> mu, "per capita" -> person, "annually" -> year."""
    after, left = f.after, f.left
    if f.np_end and f.unit in ("count", "other"):
        after = doc.low[f.np_end:f.np_end + 60]
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


_SCOPES = (
    ("province", re.compile(r"(?<![a-z])(?:in the province|province-?wide|provincewide|provincial|in zhejiang|"
                            r"within the province|of the province|in jiangsu|the province['’]s|zhejiang['’]s|"
                            r"in the whole province|in the zhejiang province)(?![a-z])")),
    ("nation", re.compile(r"(?<![a-z])(?:in the country|nation-?wide|in china|national(?:ly)?|in the nation|"
                          r"china['’]s|of the country|countrywide)(?![a-z])")),
    ("world", re.compile(r"(?<![a-z])(?:in the world|worldwide|globally|global)(?![a-z])")),
    ("city", re.compile(r"(?<![a-z])(?:in the city|citywide|city-wide|the city['’]s|among lishui['’]s|in lishui)(?![a-z])")),
    ("county", re.compile(r"(?<![a-z])(?:count(?:y|ies)|county-level cities|districts)(?![a-z])")),
)


def rank_scope(f) -> str | None:
    """Where a rank was ranked: province, nation, world, city or county; None when unsaid."""
    if f.unit != "rank":
        return None
    window = f.after[:70] + " " + f.left[-40:]
    for scope, pattern in _SCOPES:
        if pattern.search(f.after[:70]):
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


def part_cue(doc, f) -> bool:
    """True when the figure is written as a part of an earlier one: "69 honors, including 687
    titles", "Among these, 171 were ...", "7 of them have started"."""
    if f.unit in ("percent", "percentage_point", "rank", "multiple") or f.role != "level":
        return False
    near = f.left[-45:]
    if ("includ" in near or "which" in near or "among" in near or " of th" in near or "whom" in near) \
            and _PART_BEFORE.search(near):
        return True
    if f.after.startswith(" of ") and _PART_AFTER.match(f.after):
        return True
    s = f.sentence
    return f.m.start - s.start < 40 and bool(_PART_SENTENCE_START.match(doc.low, s.start)) \
        and doc.low.count(",", s.start, f.m.start) == 1


def base_cue(f) -> bool:
    """True when a level is the starting value of a stated change ("grew to X from 209.6 billion
    yuan", "rose from 12 billion yuan to ..."): the base a growth is computed from."""
    return f.role == "level" and "from" in f.left[-24:] and bool(FROM_BEFORE.search(f.left))
