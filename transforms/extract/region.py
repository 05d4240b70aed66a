"""Where a figure is about: the `region` rules.

Places come from the gazetteer (warehouse/seeds/dim_region.csv); a place it does not list is
`Other`. A figure is about the nearest place that can be its subject: a city or county named
before it in its clause or sentence, a province or country when possessive ("Zhejiang's") or
with its head ("Fujian province"), "the city" / "the county" / "the province" of the document;
else its paragraph's place, else the place the document is about. In an address chain
("Jingning county in Lishui, Zhejiang province") only the first place counts; a town or village
the text places in a county is that county.
"""
from __future__ import annotations

import bisect
import re

from . import lexicon as lx
from .document import AFTER_DATELINE
from .gazetteer import NANJING_LISHUI
from .qualifiers import (ASIDE_PARTICIPLE, FROM_BEFORE, HEDGE, ITS_CHANGE_WORDS, NEXT_CLAUSE, PLACE_IN_BRACKETS,
                         RELATIVE_OPENER, compared_place, pair_position, set_against)
from .rules import NA, Example, Rules
from .segment import earlier_in_paragraph, enclosed_apart

REGION = Rules("region")

_SUBJECT_KINDS = ("specific", "local", "city-ref", "county-ref")
_SUPERLATIVE = re.compile(r"(?:['’]s)?\s*(?:(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|"
                          r"ninth|tenth)-)?(?:first|second|third|top|largest|biggest|only|leading|most|highest|"
                          r"best|earliest)(?![a-z])")
# the scope word nearest the figure (the leading ".*" is greedy): "keeping the province well ahead of the
# national growth of 5.3 percent" is the nation's
_AVERAGE_SCOPE = re.compile(
    r".*(?<![a-z])(provincial|province['’]s|the province|national|nationwide|the country['’]s|country|"
    r"nation['’]s|city|the city['’]s|county|zhejiang['’]s|china['’]s|jiangsu['’]s)(?![a-z])"
    r"(?:[^.;]{0,40}?(?<![a-z])(?:averages?|growth|rate|figure|level|pace|decline|fall|drop|contraction)(?![a-z])"
    r"[^.;]{0,25}|\s+\+?)$")  # "the national 5.3%", "a national decline of 8.6 percent"
_IN_PLACE = re.compile(r"\s*(?:in|of|from)\s+(?:the\s+)?$")
_BROAD_AFTER_NP = re.compile(r"\s+(?:(?:in|across)\s+(the province|zhejiang|the country|china|the nation|jiangsu)|"
                             r"(nationwide|provincewide|province-wide|across the country))(?![a-z])")
_WORLD_AFTER_NP = re.compile(r"\s+from\s+" + HEDGE +
                             r"(?:\d[\d,]*\+?|[a-z]+)\s+(?:countries|nations)(?![a-z])|"
                             r"\s+from\s+(?:around|across|all over)\s+the\s+world(?![a-z])")
_OF_PLACE_AFTER = re.compile(r"\s+of\s+(?:the\s+)?$")
_POSSESSIVE_AT = re.compile(r"['’]s(?![a-z])")
_PROVINCE_HEAD = re.compile(r"\s+(?:province|city|municipality|prefecture)(?![a-z])")
_SUBJECT_VERB = re.compile(r"(?:\s+(?:province|city|municipality))?(?:,?\s+as\s+a\s+whole,?)?"
                           r"\s+(?:[a-z]+ed|saw|has|had|is|was|posted|"
                           r"reported|recorded|registered|achieved|exported|imported|attracted|produced)(?![a-z])")
# a place opening its sentence with an apposition is its subject: "Shanghai, with a GDP of ...", "Fujian, whose ..."
_APPOSITION_WORDS = r",\s+(?:with|whose|which|where|home to|an?|the|[a-z]+[’']s)(?![a-z])"
_APPOSITION_AFTER = re.compile(r"\s*" + _APPOSITION_WORDS)
# a scope before a place, a compass word allowed: "in Zhejiang province", "in western Zhejiang province"
_SCOPE_BEFORE = re.compile(r"(?<![a-z])(?:in|of|across|from|to|within|throughout|around|into|for|with|outside|beyond)\s+"
                           r"(?:the\s+)?"
                           r"(?:(?:" + "|".join(lx.COMPASS_WORDS) + r")(?:ern)?\s+)?$")


def resolve(doc, i: int) -> str:
    """The region of places[i]: "the city", "the county" and "the province" resolved (in a text
    about a province, "the city" is the city named just before it)."""
    p = doc.places[i]
    if p.kind in ("specific", "local", "broad", "other"):
        return p.region
    if p.kind == "city-ref":
        if i > 0 and _OPENER_THEN.fullmatch(doc.low, doc.places[i - 1].end, p.start) \
                and doc.gazetteer.city_of(doc.places[i - 1].region) == doc.places[i - 1].region:
            return doc.places[i - 1].region  # "Across Nanjing, the city received ...": the city just named
        if doc.gazetteer.is_broad(doc.city_region):
            return _city_named_before(doc, i) or doc.city_region
        return _city_opening_the_sentence_before(doc, i) or doc.city_region
    if p.kind == "province-ref":
        return doc.province
    return _counties_before(doc)[i] or doc.main_region  # "the county": the last county named before


_OPENER_THEN = re.compile(r"\s*,\s*")
CITY_BACK_CHARS = 400  # how far back "the city" of a text about a province looks for the city it means


def _city_opening_the_sentence_before(doc, i: int) -> str | None:
    """"The city" opening a sentence right after one that opens with another city ("Wenzhou's
    private economy is the main reason. The city has 1.4 million private firms") is that city."""
    start, lay = doc.places[i].start, doc.lay
    if i == 0 or not doc.low.startswith(". ", start - 2):
        return None
    q, s = doc.places[i - 1], lay.sentence_at(start)
    before = lay.sentence_at(q.start)
    if s.start != start or before.index != s.index - 1 or doc.low[before.start:q.start].strip() \
            or doc.gazetteer.city_of(q.region) != q.region or q.region == doc.city_region or q.kind != "specific":
        return None
    return q.region


def _city_named_before(doc, i: int) -> str | None:
    """In a text about a province or the country, "the city" is the last city named shortly before
    it ("In Lishui, private firms ... The city added 11,800 firms")."""
    gaz, start = doc.gazetteer, doc.places[i].start
    for k in range(i - 1, -1, -1):
        q = doc.places[k]
        if start - q.start > CITY_BACK_CHARS:
            break
        if q.kind in ("specific", "container") and gaz.city_of(q.region) == q.region:
            return q.region
    return None


def _counties_before(doc) -> list[str | None]:
    """For each place, the last county of Lishui named before it, or the city of a county of another
    city the text placed there ("Anji county in Huzhou") (one pass, kept on the document)."""
    if doc.county_before is None:
        out, last, gaz = [], None, doc.gazetteer
        for q in doc.places:
            out.append(last)
            if q.kind in ("specific", "local") and gaz.is_county(q.region):
                last = q.region
            elif q.kind == "local" and q.region and doc.low.startswith(" county", q.end):
                last = q.region  # "Anji county in Huzhou ... The county's tea industry": Huzhou's
        doc.county_before = out
    return doc.county_before


def _subject_place(doc, i: int) -> bool:
    """Whether a province, country or unlisted place at places[i] can be a figure's subject: when
    possessive ("Zhejiang's", "the province's"), with its head ("Fujian province") and not a scope
    ("in Zhejiang province"), opening its sentence or clause before its verb ("Zhejiang grew
    fastest", "..., while Shanghai grew 5.1 percent"), listed with its value ("followed by Zhejiang at
    4.48 trillion yuan"), naming where someone's firm is ("whose Yiwu firm") or the place a sentence
    is set in ("Across the border in Fujian, ...")."""
    p = doc.places[i]
    low = doc.low
    if p.possessive:
        return not _SUPERLATIVE.match(low, p.end)
    s0 = doc.lay.sentence_at(p.start).start
    opens = s0 == p.start or (doc.text[s0:s0 + 1].isupper() and AFTER_DATELINE.fullmatch(doc.text, s0, p.start))
    if opens and (p.kind == "province-ref" or _APPOSITION_AFTER.match(low, p.end) or _REPORT_VERB_AFTER.match(low, p.end)
                  or _REPORT_VERB_AFTER.match(low, _ITS_ADDRESS.match(low, p.end).end())):
        return True  # "Shanghai, with a GDP of ...", "The province invested ...", "Zhejiang grew fastest",
        # "Kunshan in Jiangsu topped the list": it opens its sentence
    if _AT_A_VALUE_AFTER.match(low, p.end) and low.endswith((", ", "by ", "and ", "with "), max(0, p.start - 5), p.start):
        return True  # "..., followed by Zhejiang at 4.48 trillion yuan, Shanghai at 2.67 trillion yuan", "with
        # Zhejiang the largest source at 19 percent"
    if _REPORT_VERB_AFTER.match(low, p.end) and _CLAUSE_OPENER.search(low, max(0, p.start - 12), p.start):
        return True  # "..., while Shanghai grew 5.1 percent"
    if _COMPANY_AFTER.match(low, p.end) and low.endswith(("whose ", "his ", "her ", "their "),
                                                        max(0, p.start - 6), p.start):
        return True  # "said Chen, whose Yiwu firm employs 320 workers": where the firm is
    if low.startswith(",", _LOCATIVE_HEAD.match(low, p.end).end()) \
            and _OPENING_LOCATIVE.fullmatch(low, doc.lay.sentence_at(p.start).start, p.start):
        return True  # "Across the border in Fujian, farmers grow ...": the place the sentence is set in
    return bool(_PROVINCE_HEAD.match(low, p.end)) and not _SCOPE_BEFORE.search(low, max(0, p.start - 24), p.start)


# a sentence-opening place's verb: "Zhejiang grew fastest", "Anhui reported ...", "Italy and Spain alone host ...",
# "Shanghai residents had the highest income"
_REPORT_VERB_AFTER = re.compile(r"(?:\s+and\s+[a-z]+(?:\s+[a-z]+)??)?(?:\s+(?:alone|together|combined|both|itself|as\s+a\s+whole))?"
                                r"(?:\s+(?:residents|people|farmers|households|companies|firms|enterprises|exporters))?"
                                r"\s+(?:grew|rose|fell|reported|posted|recorded|registered|saw|achieved|exported|had|earned|"
                                r"imported|ranked|remained|reached|increased|decreased|produced|received|attracted|"
                                r"led|topped|added|hosts?|hosted|followed\s+with|(?:is|are)\s+home\s+to)(?![a-z])")
# a person's firm named by its place: "whose Yiwu firm", "his Ningbo factory" (not "invested by a Shenzhen company")
_COMPANY_AFTER = re.compile(r"\s+(?:firm|company|factory|plant|workshop|exporter|manufacturer|mill)s?(?![a-z])")
# a sentence set in a place: "In Fujian, ...", "Across the border in neighboring Fujian province, ..."
_OPENING_LOCATIVE = re.compile(r"(?:[a-z]+(?:\s+[a-z]+){0,3}\s+)?in\s+(?:(?:neighbou?ring|nearby|adjacent)\s+)?"
                               r"(?:(?:" + "|".join(lx.COMPASS_WORDS) + r")(?:ern)?\s+)?")
_LOCATIVE_HEAD = re.compile(r"(?:\s+(?:province|city|county|municipality|region))?")
_ITS_ADDRESS = re.compile(r"(?:\s+in\s+[a-z]+(?:\s+province)?|,\s+[a-z]+(?:\s+province)?,)?")
_CLAUSE_OPENER = re.compile(r"(?:[,;]\s+(?:while|and|whereas|but)|;)\s+$")
# a place listed with its value: "Zhejiang at 4.48 trillion yuan"
_AT_A_VALUE_AFTER = re.compile(r"(?:\s+(?:the|its)(?:\s+[a-z-]+){1,4}?)?\s+at\s+" + HEDGE + r"\d")


_LEADING_VERBS = ("led", "leads", "leading", "topped", "tops", "topping")  # "Jinyun led the city": a scope
# "Lishui overtook Quzhou for tenth place": the place overtaken is not the subject
_OVERTAKING_VERBS = ("overtook", "overtakes", "overtaking", "overtaken", "surpassed", "surpassing", "displaced",
                     "displacing", "edged out", "edging out")
_NOT_SUBJECT_BEFORE = re.compile(r"(?<![a-z])(?:(?:" + "|".join(lx.SUPERLATIVES) + r")(?:\s+[a-z-]+){0,2}?"
                                r"\s+(?:in|among|of)|among|(than)(?:\s+in)?|(?:share|proportion|portion|part)\s+of|"
                                r"(?:" + "|".join(lx.VISITOR_NOUNS) + r")\s+from"  # (all of a list: "from Shanghai, Hangzhou and Wenzhou")
                                r"(?:\s+(?:the\s+)?[a-z][a-z'’ -]{0,30}?(?:,|\s+and|\s+or))*|"
                                r"(?:" + "|".join(lx.ORIGIN_WORDS) + r")(?:\s+[a-z'’]+){0,2}?\s+from"
                                r"(?:\s+(?:[a-z]+\s+)?(?:cities|places|provinces|countries|areas)\s+(?:such\s+as|like|including))?"
                                r"(?:\s+(?:the\s+)?[a-z][a-z'’ -]{0,30}?(?:,|\s+and|\s+or))*|"  # ("from Xinjiang and Central Asia")
                                r"what\s+(?:[a-z'’]+\s+){1,3}?in|"
                                r"(?:" + "|".join(lx.DEPARTURE_WORDS) + r")\s+(?:for|to)"  # (all of "left for Wenzhou or Hangzhou")
                                r"(?:\s+(?:the\s+)?[a-z][a-z'’ -]{0,30}?(?:,|\s+and|\s+or))*|"
                                r"(?:" + "|".join(lx.VENUE_NOUNS) + r")s?\s+(?:held\s+)?in|"
                                r"(?<=[a-z] )in\s+(?:neighbou?ring|nearby|adjacent)|"  # "the capital in neighboring Jinhua"
                                r"(?:" + "|".join(_LEADING_VERBS) + r")|"
                                r"(?:" + "|".join(_OVERTAKING_VERBS) + r")|"  # "Lishui overtook Quzhou for tenth place'
                                r"(?:gap|difference|distance|lead)\s+(?:with|over|behind)|"  # "its gap with Quzhou'
                                r"(?:sold|sells?|selling)\s+(?:[a-z'’-]+\s+){0,3}?in|"  # "sold mushrooms in Wenzhou"
                                r"according\s+to|"  # "according to Hangzhou customs": a source
                                r"(?:exports?|exported|sales|sold|shipped|shipments)\s+to"
                                r"(?:\s+(?:the\s+)?[a-z][a-z'’ -]{0,30}?(?:,|\s+and|\s+or))*)\s+(?:the\s+)?$")
_SCOPE_WORD_ENDS = ("in ", "of ", "among ", "than ", "the ", "from ", "to ", "for ", "and ", "or ", ", ", "with ",
                    "over ", "behind ",
                    "neighboring ", "neighbouring ", "nearby ", "adjacent ", "such as ",
                    *(v + " " for v in _LEADING_VERBS + _OVERTAKING_VERBS))


def _scope_not_subject(doc, p) -> bool:
    """Whether a place is the scope of a superlative ("the lowest in the city") or of a ranking
    ("first among Lishui's nine counties"), the base of a comparison ("higher than the city's average"),
    the whole of a share ("their share of the province's total"), where visitors come from ("visitors from
    Wenzhou", "Wenzhou investors", "moved her studio from Hangzhou"), the base of "half what we paid in Hangzhou", where people went ("young people who left for Hangzhou", "left
    for Wenzhou or Hangzhou"), the venue of an
    event ("at an auction in Hangzhou") or where goods go ("exports to Japan", "sold mushrooms in
    Wenzhou", "Europe remained the largest market, ..., followed by North America") or a source
    ("according to Hangzhou customs", "Hangzhou customs said"), not a figure's subject."""
    low = doc.low
    if p.kind == "other" and _MARKET_AFTER.match(low, p.end):
        return True  # "Europe remained the largest market"
    if low.startswith(lx.ORIGIN_AFTER_PLACE, p.end):
        return True  # "Wenzhou investors run 146 factories in Jinyun": where they come from
    if low.startswith(lx.SOURCE_AFTER_PLACE, p.end):
        return True  # "..., Hangzhou customs said": a source, whose district is wider than its seat
    start = p.start
    pm = _CONTAINER_POSSESSIVE_BEFORE.search(low, max(0, start - 30), start)
    if pm is not None:  # "to Nanjing's Lishui": the place is where its container stands
        start = pm.start()
    if low.endswith("to ", max(0, start - 3), start):
        s = doc.lay.sentence_at(start)
        if _SENT_TO.search(low, s.start, start):
            return True  # "sold 680 million yuan of mushrooms, tea and bamboo products to Nanjing's Lishui"
    elif low.endswith("in ", max(0, start - 3), start) and _TO_SOMEONE_IN.search(low, max(0, start - 50), start):
        s = doc.lay.sentence_at(start)
        if _SENT_TO_SOMEONE_IN.search(low, s.start, start):
            return True  # "selling about 200 swords a year, mostly to martial arts schools in Hangzhou"
    if not low.endswith(_SCOPE_WORD_ENDS, max(0, start - 13), start):  # ("visitors from Nanjing's Lishui": from)
        if low.endswith("followed by ", max(0, p.start - 12), p.start) and p.kind == "other":
            s = doc.lay.sentence_at(p.start)  # "..., followed by North America at 27 percent" of a market list
            return "market" in low[s.start:p.start]
        return False
    m = _NOT_SUBJECT_BEFORE.search(low, max(0, start - 60), start)
    # "than the city's average" is a base; "than Lishui's 2.5 million" is Lishui's own figure
    return m is not None and (m.group(1) is None or bool(_AVERAGE_AFTER.match(low, p.end)))


_CONTAINER_POSSESSIVE_BEFORE = re.compile(r"(?<![a-z])[a-z]+['’]s\s+$")
# a verb of goods or people sent somewhere, before "to <place>" in its sentence
_SENT_VERBS = r"(?:sold|sells|selling|exported|exports|exporting|shipped|ships|shipping|sent|sends|sending|supplied|" \
              r"supplies|supplying|delivered|delivering)"
_SENT_TO = re.compile(r"(?<![a-z])" + _SENT_VERBS + r"(?![a-z])[^.;:!?]*?\s+to\s+$")
# the buyers a thing went to, and where they are: "... to martial arts schools in Hangzhou"
_TO_SOMEONE_IN = re.compile(r"(?<![a-z])to\s+(?:[a-z'’-]+\s+){1,4}?in\s+$")
_SENT_TO_SOMEONE_IN = re.compile(r"(?<![a-z])" + _SENT_VERBS + r"(?![a-z])[^.;:!?]*?\s+to\s+(?:[a-z'’-]+\s+){1,4}?in\s+$")
_MARKET_AFTER = re.compile(r"\s+(?:remained|remains|was|is|became|stayed)\s+(?:the|its)\s+(?:[a-z-]+\s+){0,2}"
                           r"(?:export\s+)?(?:market|destination)s?(?![a-z])")
# "than the city's average", and "than the province's," or "than the city." (its rate understood)
_AVERAGE_AFTER = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+)?(?:average|level|rate|figure|growth)(?![a-z])|(?:['’]s)?\s*(?:[,.;:)]|$)")


def _can_be_subject(doc, i: int, specific: bool = False) -> bool:
    """Whether places[i] can be a figure's subject: a city, county or local place (only those with
    `specific`), or a province, country or unlisted place written as a subject (`_subject_place`);
    never a scope, a whole, an origin or a destination (`_scope_not_subject`), nor the container a
    wire dateline names ("JINGNING, Lishui - The festival drew 152,000 visitors ...")."""
    kind = doc.places[i].kind
    if kind in _SUBJECT_KINDS:
        if i > 0 and _container_of_a_dateline(doc, i):
            return False
    elif specific or kind not in ("broad", "other", "province-ref") or not _subject_place(doc, i):
        return False
    return not _scope_not_subject(doc, doc.places[i])


def _nearest(doc, a: int, b: int, specific_first: bool = False, f=None) -> str | None:
    """The region of the nearest place in places[a:b] that can be a figure's subject (a city or
    county first when `specific_first`), not one in a relative clause that closes before figure `f`
    ("The firm, which employs 2,300 people in Lishui's zone, plans to invest 800 million yuan in ..."),
    nor one in a quotation that closes before it."""
    skip = _UNSET

    def outside(i: int) -> bool:
        nonlocal skip
        if f is None:
            return True
        if skip is _UNSET:
            skip = _closed_relative(doc, f)
        p = doc.places[i]
        if p.end < f.m.start and enclosed_apart(doc.text, f.sentence.start, p.start, p.end, f.m.start):
            return False  # '"We sold in Wenzhou," said Wu, who grows 120,000 bags': a quotation's place
        return skip is None or not (skip[0] <= p.start < skip[1])
    if specific_first:
        for i in range(b - 1, a - 1, -1):
            if _can_be_subject(doc, i, specific=True) and outside(i):
                return resolve(doc, i)
    for i in range(b - 1, a - 1, -1):
        if _can_be_subject(doc, i) and outside(i):
            return resolve(doc, i)
    return None


def _closed_relative(doc, f) -> tuple[int, int] | None:
    """The span of a relative clause of f's sentence that opens after a comma and closes with one
    before the figure, of a noun in apposition with a place ("Jiangning, the city's largest
    district, 5.4 percent") or of an aside ("Lishui district, not to be confused with Lishui city in
    Zhejiang, ..."), if any."""
    low, s = doc.low, f.sentence
    openers = []
    if low.find(", wh", s.start, f.m.start) >= 0 or low.find(", including", s.start, f.m.start) >= 0:
        openers += RELATIVE_OPENER.finditer(low, s.start, f.m.start)
    if low.find(", the ", s.start, f.m.start) >= 0 or low.find(", a", s.start, f.m.start) >= 0:
        openers += _APPOSITION_OPENER.finditer(low, s.start, f.m.start)
    if (doc.holds[", not "] or doc.holds[", unlike "]) and (low.find(", not ", s.start, f.m.start) >= 0
                                                       or low.find(", unlike ", s.start, f.m.start) >= 0):
        openers += _ASIDE_OPENER.finditer(low, s.start, f.m.start)  # "Lishui district, not to be confused with ..."
    lo, mid, _ = _bounds(doc, f)
    for i in range(mid - 1, lo - 1, -1):  # "and Jiangning, the city's largest district by output, 5.4 percent"
        end = doc.places[i].end
        a = _APPOSITION_AFTER_A_PLACE.match(low, end, f.m.start) if low.startswith(",", end) else None
        if a is not None:
            openers.append(a)
            break
    m = max(openers, key=lambda a: a.start(), default=None)  # the latest: the one the figure may stand after
    if m is None:
        return None
    close = _CLAUSE_COMMA.search(low, m.end(), f.m.start)  # not the comma of "2,300"
    return (m.start(), close.start()) if close else None


_CLAUSE_COMMA = re.compile(r",\s")
# an aside that sets another place apart: "Lishui district, not to be confused with Lishui city in Zhejiang, is ..."
_ASIDE_OPENER = re.compile(r",\s+(?:not\s+to\s+be\s+confused\s+with|not|unlike)\s")
# a noun or a participle in apposition with the place before it, between commas: "Jiangning, the city's largest
# district, ...", "Zhejiang, chosen in 2021 as China's pilot zone, ..."
_APPOSITION_AFTER_A_PLACE = re.compile(r",\s+(?:the|an?|" + ASIDE_PARTICIPLE + r")\s+(?=[^,;]{0,80},\s)")
# a noun in apposition with its own relative clause: "In Zhejiang, the province that is home to many of the
# country's exporters, exports rose 9.8%"
_APPOSITION_OPENER = re.compile(r",\s+(?:the|an?)\s+(?:[a-z-]+\s+){0,4}?(?:that|which|where|whose|who)\s")


def _bounds(doc, f) -> tuple[int, int, int]:
    """(lo, mid, hi): the places of the figure's sentence are places[lo:hi], those before it places[lo:mid]
    (found once per figure)."""
    b = f.place_bounds
    if b is None:
        s = f.sentence
        starts = doc.place_starts
        lo = bisect.bisect_left(starts, s.start)
        hi = bisect.bisect_left(starts, s.end, lo)
        b = f.place_bounds = (lo, bisect.bisect_left(starts, f.m.start, lo, hi), hi)
    return b


@REGION.rule(("| County | 2023 | Growth (%) |\n| Yunhe | 9.1 | 7.2 |", "9.1", "Yunhe"),
             Example("Lishui's first half\n| Indicator | Value |\n| GDP | 40,300 |", "40,300", "Lishui",
                     by="place_of_the_document"))
def table_row_place(doc, f):
    """A table's figure is of the place its row's label names ("| Yunhe | 9.1 | 7.2 |"); a row that
    names none is of the document's place."""
    if f.cell is None:
        return NA
    i = doc.place_within(*f.cell.label)
    return NA if i is None else resolve(doc, i)


_FROM_A_LIST_BEFORE = re.compile(r"(?<![a-z])from\s+" + HEDGE + r"[\d,]+\s+[a-z]+\s+and\s+" + HEDGE + r"$")


@REGION.rule(("Villages from 60+ countries competed.", "60", "Other"),
             ("Jinyun's fair drew 680 exhibitors from 21 provinces and 15 countries.", "15", "Other"),
             ("The fair drew 260 exhibitors from 30 countries.", "260", "Other"),
             ("Jinyun hosted 300 exhibitors from around the world.", "300", "Other"))
def from_other_countries(doc, f):
    """Things "from N countries" or "from around the world" are about the world (Other); the
    countries a home firm exports to are not ("exports to 82 countries")."""
    if not f.counted:
        return NA
    if f.counted in ("country", "nation") and (FROM_BEFORE.search(f.left) or _FROM_A_LIST_BEFORE.search(f.left[-60:])):
        return "Other"  # "from 21 provinces and 15 countries" too
    if _WORLD_AFTER_NP.match(doc.low, f.np_end):
        return "Other"
    return NA


@REGION.rule(("Growth was 2.1 percentage points over the provincial average (6.4%).", "6.4%", "Zhejiang"),
             ("Lishui grew 6.9 percent, beating the national average of 5 percent.", "5 percent", "China"),
             ("Its GDP grew 4.5 percent, lower than the national growth of 5.2 percent.", "5.2 percent", "China"),
             ("Anhui's output rose 6 percent, keeping the province ahead of the national growth of 5.1 percent.",
              "5.1 percent", "China"),
             ("Its foreign investment rose 4.2 percent, bucking a national decline of 8.6 percent.", "8.6 percent",
              "China"))
def scope_of_an_average(doc, f):
    """A benchmark is of the scope of its average: provincial -> the document's province, national
    -> China, city -> the document's city."""
    if f.role != "benchmark":
        return NA
    sm = _AVERAGE_SCOPE.search(f.left)
    if not sm:
        return NA
    scope = sm.group(1)
    if scope.startswith(("provinc", "the province", "jiangsu")):
        return doc.province
    if scope.startswith("zhejiang"):
        return "Zhejiang"
    if scope.startswith(("nation", "country", "the country", "china")):
        return "China"
    return doc.city_region if scope.startswith(("city", "the city")) else NA


@REGION.rule(("Yunhe output: +6.8% (Zhejiang: +5.5%)", "5.5%", "Zhejiang"),
             ("Lishui District GDP: +6.9% (Nanjing: +5.4%)", "5.4%", "Nanjing"))
def place_opening_its_brackets(doc, f):
    """A benchmark in brackets that open with its place ("+6.8% (Zhejiang: +5.5%)") is that place's,
    also a province's or a city that contains the document's place."""
    tail = f.left[-40:]
    if f.role != "benchmark" or "(" not in tail and "（" not in tail:
        return NA
    m = PLACE_IN_BRACKETS.search(tail)
    k = doc.place_at(f.m.start - len(tail) + m.start(1)) if m is not None else None
    return resolve(doc, k) if k is not None else NA


_THAT_WAS_OPENS = re.compile(r"(?:that|this)\s+(?:was|is|came\s+to|amounted\s+to|equals?|equalled)\s")


@REGION.rule(("Wages in Lishui averaged 118,600 yuan in 2024. That was about 69 percent of Hangzhou's 171,900 yuan.",
              "69 percent", "Lishui"),)
def figure_that_points_back(doc, f):
    """A sentence that opens "That was ..." speaks of the last figure of the sentence before: its
    figures before any place of their own are of that figure's place ("That was about 69 percent of
    Hangzhou's 171,900 yuan")."""
    s = f.sentence
    last = doc.last_figure
    if s.index == 0 or last is None or not last.region or last.sentence.index != s.index - 1 \
            or not _THAT_WAS_OPENS.match(doc.low, s.start):
        return NA
    lo, mid, _ = _bounds(doc, f)
    return NA if mid > lo else last.region


@REGION.rule(("Bamboo flooring makes up 8.2 percent of China's flooring market.", "8.2 percent", "China"),
             ("Qingtian county sells stone carvings.\nJapan took 30 percent of the county's carvings.", "30 percent",
              "Qingtian"),
             Example("Yunhe exported 4 billion yuan of toys, about 60 percent of China's toy exports.", "60 percent",
                     "Yunhe", by="place_of_the_figure_before"),
             Example("Songyang county grows tea.\nThe county grows 9 percent of China's green tea.", "9 percent",
                     "Songyang", by="place_in_clause"),
             Example("Songyang county grows tea.\nIts tea farms yield 9 percent of China's green tea.", "9 percent",
                     "Songyang", by="place_of_the_document"),
             Example("Yiwu's foreign trade made up 11.5 percent of Zhejiang's total.", "11.5 percent", "Other",
                     by="place_in_clause"),
             Example("Songyang county grows tea.\nThe market, the largest in China, handles 10 percent of the "
                     "country's green tea trade.", "10 percent", "Songyang", by="place_of_the_document"),
             Example("Steel output in Hebei reached 90 million tons, accounting for one-fifth of the country's total.",
                     "one-fifth", "Hebei", by="place_of_the_document"))
def share_of_a_place(doc, f):
    """A share "of China's toy market" is about the place whose whole it is a part of, unless the
    sentence names its own subject place before it ("Yunhe exported ..., 60 percent of China's", "the
    county grows 9 percent of China's ...", "output in Hebei ..., one-fifth of the country's total") or opens with "Its" / "Their" /
    "The region's", the place written of before,
    or with one of its firms or sites ("The market, ..., handles 10 percent of the country's tea trade")."""
    if f.unit != "percent" or not f.after.startswith(" of "):
        return NA
    lo, mid, _ = _bounds(doc, f)
    if any(_can_be_subject(doc, i) or _located_in(doc, doc.places[i]) for i in range(lo, mid)) \
            or doc.low.startswith(("its ", "their "), f.sentence.start) or _THE_ONES_OPENS.match(doc.low, f.sentence.start) \
            or _LOCAL_ENTITY_OPENS.match(doc.low, f.sentence.start):
        return NA
    places = doc.places
    k = bisect.bisect_left(doc.place_starts, f.m.end)
    if k >= len(places) or places[k].start - f.m.end > 9 \
            or not _OF_PLACE_AFTER.fullmatch(doc.low, f.m.end, places[k].start):
        return NA
    p = places[k]
    if p.possessive and p.kind in ("broad", "specific"):
        return p.region
    if p.kind in ("city-ref", "county-ref", "province-ref") and _POSSESSIVE_AT.match(doc.low, p.end):
        return resolve(doc, k)  # "38 percent of the county's exports"
    return NA


def _located_in(doc, p) -> bool:
    """Whether a place is where the thing measured is ("steel output in Hebei"), not a scope."""
    return doc.low.endswith(" in ", max(0, p.start - 4), p.start) and not _scope_not_subject(doc, p)


_AND = re.compile(r"\s*,?\s+and\s+")
# a sentence opening with what was written of before: "The region's foreign trade ...", "The delta's ..."
_THE_ONES_OPENS = re.compile(r"the\s+[a-z-]+['’]s\s")
_UNSET = object()
# a sentence about one of the place's own firms or sites: "The market ...", "This cooperative ..."
_LOCAL_ENTITY_OPENS = re.compile(r"(?:the|this)\s+(?:[a-z-]+\s+){0,2}?(?:" + "|".join(lx.LOCAL_ENTITY_NOUNS) + r")(?![a-z])")


@REGION.rule(("The district grew 6.2 percent, higher than the 5.0 percent growth of Nanjing.", "5.0 percent", "Nanjing"),
             ("Lishui's sales rose 7 percent, above the 6.1 percent recorded in Zhejiang.", "6.1 percent", "Zhejiang"),
             ("Yunhe's sales rose 8 percent in 2024, against 5.5 percent for the province.", "5.5 percent", "Zhejiang"),
             ("Lishui District grew 6.4 percent. Its growth rate was 0.7 points above Nanjing's average of 5.7 percent.",
              "5.7 percent", "Nanjing"))
def place_of_a_figure_compared(doc, f):
    """The value a figure is compared with is about the place written after it ("higher than the 5.0
    percent growth of Nanjing"), not about the sentence's subject."""
    k = compared_place(doc, f)
    return resolve(doc, k) if k is not None else NA


_RESPECTIVELY = re.compile(r"(?<![a-z])respectively(?![a-z])")


_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


@REGION.rule(("Exports from Yunhe, Jinyun and Songyang grew 8.1 percent, 4.2 percent and 6.6 percent respectively.",
              "4.2 percent", "Jinyun"),
             ("Jiangsu, Zhejiang and Anhui reported GDP of 13.7 trillion yuan, 9.0 trillion yuan and 5.1 trillion yuan, "
              "respectively.", "9.0 trillion yuan", "Zhejiang"),
             ("Yunhe, Jinyun and Songyang exported 2.1, 1.4 and 0.9 billion yuan, respectively. Their growth rates were "
              "8.1 percent, 4.2 percent and 6.6 percent.", "6.6 percent", "Songyang"))
def list_of_places_for_a_list(doc, f):
    """Three or more places listed before as many figures that are "respectively" theirs ("Yunhe,
    Jinyun and Songyang grew 8.1 percent, 4.2 percent and 6.6 percent respectively"): the n-th
    figure of the list is of the n-th place; so in a next sentence that lists as many figures of
    "Their ..." ("Their growth rates were 8.1 percent, 4.2 percent and 6.6 percent")."""
    s = f.sentence
    low = doc.low
    lo, mid, hi = _bounds(doc, f)
    follow_up = lo == hi and low.startswith("their ", s.start) and s.index > 0  # "Their growth rates were ..."
    if follow_up:
        s = doc.lay.sentences[s.index - 1]
        lo, mid = bisect.bisect_left(doc.place_starts, s.start), bisect.bisect_left(doc.place_starts, s.end)
    if "respectively" not in low[s.start:s.end]:
        return NA
    places = doc.places
    run = [mid - 1] if mid > lo else []
    while run and run[0] > lo and _LIST_SEP.fullmatch(low, places[run[0] - 1].end, places[run[0]].start):
        run.insert(0, run[0] - 1)
    if len(run) < 3:
        return NA
    position, g = 0, f
    while g.prev is not None and g.prev.unit == f.unit and _LIST_SEP.fullmatch(low, g.prev.m.end, g.m.start):
        position, g = position + 1, g.prev
    if follow_up:  # as many figures as places, in the same order
        n, g = position + 1, f
        while g.next is not None and g.next.unit == f.unit and _LIST_SEP.fullmatch(low, g.m.end, g.next.m.start):
            n, g = n + 1, g.next
        if n != len(run):
            return NA
    # a province or country in the list is a subject as the list is ("Jiangsu, Zhejiang, Shanghai and Anhui reported")
    if position >= len(run) or not all(_can_be_subject(doc, i) or (
            doc.places[i].kind in ("broad", "other") and not _scope_not_subject(doc, doc.places[i])) for i in run):
        return NA
    return resolve(doc, run[position])


@REGION.rule(("Quzhou and Zhoushan grew 7.2 percent and 7.0 percent respectively.", "7.2 percent", "Quzhou"),
             ("Yunhe and Jinyun grew 9.1 percent and 6.2 percent.", "6.2 percent", "Jinyun"),
             ("Yunhe and Jinyun grew 9.1 percent and 6.2 percent.", "9.1 percent", "Yunhe"),
             ("Quzhou's index gained 10.6 percent and Lishui's 11.3 percent, respectively 2.8 and 3.5 points above "
              "the average.", "2.8", "Quzhou"))
def pair_of_places_for_a_pair(doc, f):
    """Two places named as a pair before a pair of figures ("Yunhe and Jinyun grew 9.1 percent and
    6.2 percent"), or the two places a sentence names before a pair it says is "respectively" theirs
    ("In Quzhou, ..., while in Lishui ..., respectively 2.8 and 3.5 percentage points"): the first
    figure is of the first place, the second of the second."""
    lo, mid, _ = _bounds(doc, f)
    if mid - lo < 2:
        return NA
    pair = None
    if mid - lo == 2:
        pair = f.sentence.cache.get("place_pair", _UNSET)
        if pair is _UNSET:
            pair = f.sentence.cache["place_pair"] = (lo, lo + 1) if _AND.fullmatch(
                doc.low, doc.places[lo].end, doc.places[lo + 1].start) else None
    if pair is None:  # "In Quzhou, ..., while in Lishui ..., respectively 2.8 and 3.5 percentage points"
        if "respectively" not in doc.low[f.sentence.start:f.sentence.end]:
            return NA
        subjects = [i for i in range(lo, mid) if _can_be_subject(doc, i)]
        if len(subjects) != 2 or not _RESPECTIVELY.search(doc.low, f.sentence.start, f.sentence.end):
            return NA
        pair = tuple(subjects)
    a, b = pair
    if not (_can_be_subject(doc, a) and _can_be_subject(doc, b)):
        return NA
    position = pair_position(doc.low, f)
    return NA if position is None else resolve(doc, (a, b)[position])


# money invested, then where it went: "have invested 18.6 billion yuan in 142 projects across Lishui's counties"
_INVESTED_BEFORE = re.compile(r"(?<![a-z])(?:invest|invests|invested|investing|poured|pours|pour|put|puts)\s+"
                              r"(?:(?:a\s+total\s+of|nearly|about|around|more\s+than|over|some|almost)\s+)?$")
_INTO_BEFORE = re.compile(r"(?<![a-z])(?:in|into|across)\s+(?:the\s+)?$")


@REGION.rule(("Since 2021, Ningbo firms have invested 18.6 billion yuan in 142 projects across Lishui's counties.",
              "18.6 billion yuan", "Lishui"),
             ("Wenzhou companies invested 2 billion yuan in Jinyun last year.", "2 billion yuan", "Jinyun"),
             Example("Firms from Qingtian county invested 1.2 billion yuan in projects in Italy.", "1.2 billion yuan",
                     "Qingtian", by="place_in_clause"),
             Example("Zhejiang will invest 100 billion yuan in 26 counties, most of them in Lishui and Quzhou.",
                     "100 billion yuan", "Zhejiang", by="place_of_the_document"))
def invested_in_a_place(doc, f):
    """Money invested "in" or "across" a place of the gazetteer written after it in its clause is
    that place's, not the investor's ("Ningbo firms have invested 18.6 billion yuan in 142 projects
    across Lishui's counties"); so are the projects it went to. Money invested abroad ("in 37
    projects in Europe") stays the investor's."""
    low = doc.low
    g = f.prev if f.prev is not None and f.unit == "count" and f.prev.unit in ("CNY", "USD", "EUR") else f
    if g.unit not in ("CNY", "USD", "EUR") or not ("invest" in g.left or "pour" in g.left or "put" in g.left) \
            or not _INVESTED_BEFORE.search(g.left):
        return NA
    _, mid, hi = _bounds(doc, f)
    for i in range(mid, hi):
        p = doc.places[i]
        if p.start >= f.clause[1] or any(c in low[f.m.end:p.start] for c in ",;("):
            return NA
        if _INTO_BEFORE.search(low, max(0, p.start - 12), p.start) and p.kind in ("specific", "local", "broad") \
                and not _scope_not_subject(doc, p):
            return resolve(doc, i)
    return NA


_FORMER_OR_LATTER = re.compile(r"(?<![a-z])the\s+(former|latter)(?![a-z])")


@REGION.rule(("Lishui and Quzhou reported incomes of 56,210 yuan and 58,940 yuan. The former's rural residents earned 33,950 "
              "yuan, and the latter's 35,080 yuan.", "35,080 yuan", "Quzhou"),
             ("Lishui and Quzhou reported incomes of 56,210 yuan and 58,940 yuan. The former's rural residents earned 33,950 "
              "yuan, and the latter's 35,080 yuan.", "33,950 yuan", "Lishui"))
def the_former_or_the_latter(doc, f):
    """"the former's", "the latter's": the first or the second of the two places the sentence before
    names as its subjects."""
    s = f.sentence
    if s.index == 0 or not (doc.holds["the former"] or doc.holds["the latter"]) or \
            doc.low.find("the former", s.start, f.m.start) < 0 and doc.low.find("the latter", s.start, f.m.start) < 0:
        return NA
    m = None
    for m in _FORMER_OR_LATTER.finditer(doc.low, s.start, f.m.start):
        pass
    prev = doc.lay.sentences[s.index - 1]
    lo = bisect.bisect_left(doc.place_starts, prev.start)
    hi = bisect.bisect_left(doc.place_starts, prev.end, lo)
    regions = []
    for i in range(lo, hi):
        r = resolve(doc, i) if _can_be_subject(doc, i) or doc.places[i].kind in ("broad", "other") else None
        if r and r not in regions:
            regions.append(r)
    if len(regions) < 2:
        return NA
    return regions[0] if m.group(1) == "former" else regions[1]


_POSSESSIVE_BASE_BETWEEN = re.compile(r"\s+[a-z]+['’]s\s+(?:[a-z-]+\s+){0,2}?")
_AND_BETWEEN = re.compile(r"\s*,?\s+and\s+")


@REGION.rule(("Zhejiang leads its neighbours.\nIts income of 67,013 yuan was 1.7 times Anhui's 39,380 yuan and 1.8 times "
              "Jiangxi's 36,800 yuan.", "1.8 times", "Zhejiang"),)
def second_of_parallel_comparisons(doc, f):
    """The second of two like comparisons with other places' values ("1.7 times Anhui's 39,380 yuan
    and 1.8 times Jiangxi's 36,800 yuan") is of the first's place, not of the base before it."""
    base = f.prev
    first = base.prev if base is not None else None
    if first is None or first.sentence is not f.sentence or first.unit != f.unit or first.role != f.role \
            or not first.region or not _AND_BETWEEN.fullmatch(doc.low, base.m.end, f.m.start) \
            or not _POSSESSIVE_BASE_BETWEEN.fullmatch(doc.low, first.m.end, base.m.start):
        return NA
    return first.region


_THERE_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?there(?![a-z])")
_MOVED_BEFORE = re.compile(r"(?<![a-z])(?:moved|moving|relocated|relocating|shifted|shifting|transferred)\s+$")
_TO_A_PLACE_AFTER = re.compile(r"(?:\s+[a-z-]+){0,3}?\s+to\s+")
_THEY_MOVED_TO_AFTER = re.compile(r"(?:\s+[a-z'’-]+){1,5}?\s+(?:(?:have|has|had)\s+)?(?:moved|relocated)\s+"
                                  r"(?:[a-z'’-]+\s+){0,3}?to\s+(?:the\s+)?")
# where visitors went: "... visitors from Nanjing's Lishui went to the Zhejiang city"
_VISITORS_WENT_TO = re.compile(r"[^.;]{0,60}?\s(?:went|travell?ed|came|headed|flocked|made\s+(?:the|a)\s+trip)\s+to\s+"
                               r"(?:the\s+)?")
_MOVED_TO_BEFORE = re.compile(r"(?<![a-z])(?:moved|moving|relocated|relocating|came|settled|expanded)\s+(?:\S+\s+){0,3}?"
                              r"(?:to|in)\s+$")


@REGION.rule(("Jinyun makes shoes now.\nA Wenzhou shoe maker that moved to Jinyun in 2023 now employs 1,100 people there.",
              "1,100", "Jinyun"),
             ("Yongkang is crowded. \"Land is dear,\" said Lu, whose company moved 300 jobs to Jinyun in 2022.", "300",
              "Jinyun"),
             ("Since 2019, 41 Wenzhou leather firms have relocated production to Lishui.", "41", "Lishui"),
             ("Songyang, Lishui -- Zhou worked at a restaurant in southern Spain, and by 2015 he ran two restaurants "
              "there.", "two", "Other"),
             ("Jinyun county makes tools.\nLast year 52,000 visitors from Wenzhou went to Yunhe for its terraces.",
              "52,000", "Yunhe"))
def place_it_moved_to(doc, f):
    """"... that moved to Jinyun in 2023 now employs 1,100 people there": the place the subject
    moved to, which "there" names again, not the place it came from; so "moved 300 jobs to Jinyun"
    and "52,000 visitors from Wenzhou went to Yunhe";
    else the place its sentence names last with "in" ("worked in southern Spain, and by 2015 he ran
    two restaurants there")."""
    if _MOVED_BEFORE.search(f.left[-14:]):
        m = _TO_A_PLACE_AFTER.match(doc.low, max(f.np_end, f.m.end))
        k = doc.place_at(m.end()) if m is not None else None
        if k is not None:
            return resolve(doc, k) or NA
    after = doc.low[f.m.end:f.m.end + 80] if f.unit == "count" else ""
    if "moved" in after or "relocat" in after:
        m = _THEY_MOVED_TO_AFTER.match(doc.low, f.m.end)  # "73 Wenzhou shoe companies have relocated production to Lishui"
        k = doc.place_at(m.end()) if m is not None else None
        if k is not None:
            return resolve(doc, k) or NA
    if f.counted and f.counted + "s" in lx.VISITOR_NOUNS and " to " in doc.low[f.np_end:f.np_end + 90]:
        m = _VISITORS_WENT_TO.match(doc.low, f.np_end)  # "186,000 visitors from Nanjing's Lishui went to the Zhejiang city"
        k = doc.place_at(m.end()) if m is not None else None
        if k is not None:
            return resolve(doc, k) or NA
    if not doc.holds[" there"] or not _THERE_AFTER.match(doc.low, f.m.end):
        return NA
    lo, mid, _ = _bounds(doc, f)
    for i in range(mid - 1, lo - 1, -1):
        p = doc.places[i]
        if _MOVED_TO_BEFORE.search(doc.low, max(f.sentence.start, p.start - 40), p.start):
            return resolve(doc, i) or NA
    if mid > lo and _IN_A_PLACE_BEFORE.search(doc.low, max(f.sentence.start, doc.places[mid - 1].start - 24),
                                              doc.places[mid - 1].start):
        return resolve(doc, mid - 1) or NA  # "selling bags in northern Italy, and by 2012 he owned three shops there"
    return NA


_IN_A_PLACE_BEFORE = re.compile(r"(?<![a-z])(?:in|at)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|"
                                r"north|south|east|west)\s+)?$")


@REGION.rule(("Its income grew the fastest among Lishui's nine counties and districts.", "nine", "Lishui"),
             ("Growth in the county led Zhejiang's 26 mountainous counties.", "26", "Zhejiang"),
             Example("Yunhe's GDP grew 8.2 percent, ranking first among Lishui's nine counties.", "first", "Yunhe",
                     by="place_in_sentence"))
def owner_of_a_count(doc, f):
    """A count right after a place's possessive is that place's ("among Lishui's nine counties" in a
    text about one of them, "Zhejiang's 26 mountainous counties")."""
    if f.unit != "count" or not f.counted or not f.left.endswith(("'s ", "’s ")):
        return NA
    end = f.m.start - 3
    k = bisect.bisect_right(doc.place_starts, end) - 1
    return resolve(doc, k) if k >= 0 and doc.places[k].end == end else NA


_NUMBER_WORD = re.compile(r"\d|(?<![a-z])(?:" + "|".join(sorted(lx.ORDINALS)) + r")(?![a-z])")
# between two places of a list of their products: "Songyang tea, Qingyuan mushrooms and Jinyun shaobing"
_PRODUCT_LIST_SEP = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,1}[a-z-]+(?:,\s+and\s+|,\s+|\s+and\s+)")


@REGION.rule(("Sales of Songyang tea, Qingyuan mushrooms and Jinyun cakes reached 600 million yuan.", "600 million yuan",
              "Lishui"),
             Example("Sales of Songyang tea reached 600 million yuan.", "600 million yuan", "Songyang",
                     by="place_in_clause"),
             Example("In the county assessment, Yunhe ranked second and Jingning fourth.", "fourth", "Jingning",
                     by="place_in_clause"))
def products_of_several_places(doc, f):
    """One figure of the products of several counties listed together ("Sales of Songyang tea,
    Qingyuan mushrooms and Jinyun shaobing totaled 612 million yuan") is of the city they are in,
    not of the last one named."""
    lo, mid, _ = _bounds(doc, f)
    if mid - lo < 2 or doc.places[mid - 2].start < f.clause[0]:
        return NA
    places, low = doc.places, doc.low
    run = [mid - 1]
    while run[0] > lo and places[run[0] - 1].start >= f.clause[0] \
            and _PRODUCT_LIST_SEP.fullmatch(low, places[run[0] - 1].end, places[run[0]].start) \
            and not _NUMBER_WORD.search(low, places[run[0] - 1].end, places[run[0]].start):
        run.insert(0, run[0] - 1)  # (not "Jingning ranked third and Suichang fifth": a figure of each)
    regions = {resolve(doc, i) for i in run}
    cities = {doc.gazetteer.city_of(r) for r in regions}
    if len(run) < 2 or len(regions) < 2 or len(cities) != 1 or None in cities \
            or not all(doc.gazetteer.is_county(r) for r in regions):
        return NA
    return cities.pop()


@REGION.rule(("Jinyun County has 27 large-scale enterprises in the chain.", "27", "Jinyun"),
             ("Lishui grew fast.\nThe province invested 45 billion yuan in its roads.", "45 billion yuan", "Zhejiang"),
             ("Average wages in Yunhe county of East China's Zhejiang province rose to 71,000 yuan.",
              "71,000 yuan", "Yunhe"),
             Example("Jingning's rural income, the lowest in the city at 23,980 yuan, grew fastest.", "23,980 yuan",
                     "Jingning", by="place_in_sentence"),
             Example("Songyang county grows tea.\nIts tea sales rose, and their share of the province's total was "
                     "7.8 percent.", "7.8 percent", "Songyang", by="place_of_the_document"),
             Example("Lishui received 2.86 million visitors from Wenzhou, up 31 percent.", "31 percent", "Lishui",
                     by="place_in_sentence"),
             Example("Jinyun County led the city with online sales of 1.31 billion yuan.", "1.31 billion yuan", "Jinyun",
                     by="place_in_clause"),
             Example("Qingyuan county grows mushrooms.\nExports to Japan and South Korea accounted for 41.2 percent "
                     "of the total.",
                     "41.2 percent", "Qingyuan", by="place_of_the_document"),
             Example("Songyang county grows tea.\nMany of those who moved to Shanghai came back, and 300 of them "
                     "opened shops.", "300", "Songyang", by="place_of_the_document"),
             Example("Yunhe's GDP grew 8.2 percent, 1.9 points higher than the city's average and ranking first among "
                     "Lishui's nine counties.", "first", "Yunhe", by="place_in_sentence"),
             Example("Yunhe county makes toys.\nEurope remained the largest market, accounting for 48 percent of the "
                     "exports, followed by North America at 27 percent.", "27 percent", "Yunhe",
                     by="place_of_the_document"),
             ("Jiangsu led with 6.6 trillion yuan, followed by Zhejiang at 4.5 trillion yuan.", "4.5 trillion yuan",
              "Zhejiang"),
             ("Anhui's GDP rose 5.8 percent, while Zhejiang grew 5.6 percent.", "5.6 percent", "Zhejiang"),
             ("Taizhou in eastern Zhejiang province posted output of 80.2 billion yuan.", "80.2 billion yuan", "Taizhou"),
             ("Many Jinyun natives live in Europe.\nFrance and Italy together host 24,000 of them.", "24,000", "Other"),
             Example("Incomes in Zhejiang rose.\nShanghai residents had the highest income, at 46,880 yuan.",
                     "46,880 yuan", "Shanghai", by="place_in_sentence"))
def place_in_clause(doc, f):
    """The nearest place before the figure in its clause that can be its subject."""
    lo, mid, hi = _bounds(doc, f)
    a = bisect.bisect_left(doc.place_starts, f.clause[0], lo, mid)
    r = _nearest(doc, a, mid, f=f)
    return r if r else NA


@REGION.rule(("Lishui received 3.1 million visits, and its Yunhe Terraces scenic area alone drew 126,000 visitors.",
              "126,000", "Yunhe"))
def named_after_a_county(doc, f):
    """A thing named after a county of the city, before the figure in its clause ("its Yunhe Terraces
    scenic area drew 126,000 visitors"), is in that county."""
    lo, mid, _ = _bounds(doc, f)
    for i in range(mid - 1, bisect.bisect_left(doc.place_starts, f.clause[0], lo, mid) - 1, -1):
        p = doc.places[i]
        if p.kind == "named" and doc.gazetteer.is_county(p.region):
            return p.region
    return NA


# between a figure and its change or comparison: "186,000 visitors, 21 percent more", "9.6 billion yuan, up 8 percent"
_ITS_CHANGE_BETWEEN = re.compile(r"\s*(?:[a-z-]+\s+){0,3}?(?:[a-z-]+)?\s*,\s*(?:" + ITS_CHANGE_WORDS + r"\s+)?" + HEDGE)


_PLACE_NOUNS = frozenset({"city", "county", "district", "province", "region", "town", "village", "country"})


@REGION.rule(("Lishui drew 3 million visits. The Yunhe Terraces received 186,000 visitors, 21 percent more than a year "
              "earlier.", "21 percent", "Yunhe"))
def place_of_the_figure_before(doc, f):
    """A change or comparison written right after the figure it qualifies ("186,000 visitors, 21
    percent more than ..."), in a clause that names no place of its own, is of that figure's place."""
    prev = f.prev
    if prev is None or prev.sentence is not f.sentence or not prev.region \
            or not _ITS_CHANGE_BETWEEN.fullmatch(doc.low, prev.m.end, f.m.start):
        return NA
    if prev.counted in _PLACE_NOUNS and prev.prev is not None and prev.prev.sentence is f.sentence \
            and prev.prev.region:
        prev = prev.prev  # "32,480 yuan, the highest among Zhejiang's 11 cities, about 1.4 times ...": the income's
    lo, mid, _ = _bounds(doc, f)
    if any(prev.m.start <= doc.places[i].start for i in range(lo, mid)):
        return NA
    return prev.region


# a clause that takes up the figure before with a pronoun: "...; last year it was 1.3 times", "; in 2021 they were 9 percent"
_IT_WAS_BETWEEN = re.compile(r"[^.;]*;\s+(?:[a-z0-9,-]+\s+){0,4}?(?:it|they)\s+(?:was|were|is|are|stood\s+at)\s+" + HEDGE)


@REGION.rule(("In 2016 Yunhe's output was 1.8 times Jingning's; last year it was 1.4 times.", "1.4 times", "Yunhe"))
def place_of_the_figure_it_takes_up(doc, f):
    """A clause whose pronoun takes up the figure before ("...; last year it was 1.4 times") is of
    that figure's place."""
    prev = f.prev
    if prev is None or prev.sentence is not f.sentence or not prev.region or prev.unit != f.unit \
            or ";" not in doc.low[prev.m.end:f.m.start] or not _IT_WAS_BETWEEN.fullmatch(doc.low, prev.m.end, f.m.start):
        return NA
    return prev.region


_SCOPE_OPENER = re.compile(r"(?:(" + "|".join(lx.NATIONAL_OPENERS) + r")|(?:" + "|".join(lx.PROVINCIAL_OPENERS)
                           + r"))(?![a-z])")


@REGION.rule(("Lishui's exports grew 9 percent.\nNationwide, exports grew 4 percent in the same period.", "4 percent",
              "China"),
             ("Yunhe's toy exports grew.\nAcross the province, toy exports rose 6 percent.", "6 percent", "Zhejiang"),
             ("Jinyun's cakes sell well.\nNationally, 30 cities have copied Jinyun's model.", "30", "China"),
             ("Lishui's prices rose 0.5 percent in May. In the same month, the national CPI rose 0.1 percent.",
              "0.1 percent", "China"),
             ("Yunhe's retail sales rose 4 percent. The provincial total grew 5.2 percent.", "5.2 percent", "Zhejiang"))
def scope_opening_the_sentence(doc, f):
    """A sentence that opens with its scope ("Nationwide, ...", "Across the province, ...") or whose
    subject does ("In the same month, the national CPI rose ...", "The provincial total grew ...") is
    about the country or the document's province, unless its figure's clause names its own subject."""
    m = _SCOPE_OPENER.match(doc.low, f.sentence.start) or _SCOPE_SUBJECT.match(doc.low, f.sentence.start)
    if not m:
        return NA
    lo, mid, _ = _bounds(doc, f)
    if m.re is _SCOPE_SUBJECT and _nearest(doc, bisect.bisect_left(doc.place_starts, m.end(), lo, mid), mid, f=f):
        return NA  # "The national team from Lishui won 12 medals": a place of its own before the figure
    return "China" if m.group(1) else doc.province


# a subject that opens with its scope, after a time phrase: "In the same month, the national CPI rose ..."
_SCOPE_SUBJECT = re.compile(r"(?:(?:in|during|over|for|at)\s+[^,.;\n]{1,40},\s*)?(?:the\s+)?"
                            r"(?:(national|nation['’]s|country['’]s)|provincial|province['’]s)\s+(?=[a-z])")


_PRICE_BEFORE = re.compile(r"(?<![a-z])(?:costs?|costing|sells?\s+for|sold\s+for|selling\s+for|priced\s+at|fetch(?:es|ed)?|"
                           r"retails?\s+(?:for|at))\s+" + HEDGE + r"$")


@REGION.rule(("A cup that costs 4 euros in Italy sells for 30 yuan in Qingtian.", "4 euros", "Other"),
             ("A cup that costs 4 euros in Italy sells for 30 yuan in Qingtian.", "30 yuan", "Qingtian"))
def price_in_a_place_after(doc, f):
    """A price "in" a place right after it ("costs 5 euros in Spain") is that place's market price,
    also of a place outside the gazetteer."""
    if f.unit not in ("CNY", "USD", "EUR") or "in " not in doc.low[f.m.end:f.m.end + 5] \
            or not _PRICE_BEFORE.search(f.left[-40:]):
        return NA
    _, mid, hi = _bounds(doc, f)
    if mid < hi and _IN_PLACE.fullmatch(doc.low, f.m.end, doc.places[mid].start):
        return resolve(doc, mid)
    return NA


@REGION.rule(("It has 17 enterprises in Lishui City.", "17", "Lishui"),
             Example("Neighboring Lishui had GDP of 221.6 billion yuan, about one-fifth of Wenzhou's.", "one-fifth",
                     "Lishui", by="place_of_the_figure_before"),
             Example("Lishui's GDP per capita was 83,100 yuan, about 52 percent of Hangzhou's 159,800 yuan.",
                     "52 percent", "Lishui", by="place_of_the_figure_before"),
             ("Six Zhejiang cities in China's top 50 by GDP", "Six", "Zhejiang"))
def place_right_after(doc, f):
    """"17 enterprises in Lishui City": a city or county the figure is "in" right after it (not the
    base of a comparison, "a fifth of Wenzhou's.", "52 percent of Hangzhou's 159,800 yuan" after
    another place); "Six Zhejiang cities": a place of the gazetteer
    that qualifies the things counted (not "18 European companies", who come from it)."""
    lo, mid, hi = _bounds(doc, f)
    low = doc.low
    end = max(f.m.end, f.np_end)
    for i in range(mid, hi):
        p = doc.places[i]
        if p.start >= f.m.end + 25:
            break
        if p.start == f.m.end + 1 and f.unit == "count" and p.end < end and p.kind != "other" \
                and not low.startswith(lx.ORIGIN_AFTER_PLACE, p.end):
            return p.region  # the counted noun phrase runs past the place
        if p.kind in ("specific", "local") and p.start >= end and _IN_PLACE.fullmatch(low, end, p.start) \
                and not _scope_not_subject(doc, p) and not (p.possessive and _ELIDED_AFTER.match(low, p.end)) \
                and not (p.possessive and _NUMBER_AFTER.match(low, p.end) and not set_against(f.left)
                         and any(_can_be_subject(doc, k) for k in range(lo, mid))):
            return p.region
    return NA


# "about 52 percent of Hangzhou's 159,800 yuan": the base's value follows the possessive (unless the figure is
# itself a base: "against 36 percent of Lishui's 210.5 billion yuan": `set_against`)
_NUMBER_AFTER = re.compile(r"(?:['’]s)?\s+\d")


# a possessive whose noun is left out is the base of a comparison: "GDP of 221.6 billion yuan, a fifth of Wenzhou's."
_ELIDED_AFTER = re.compile(r"(?:['’]s)?\s*(?:[,.;:)]|$)")


@REGION.rule(("Among the 11 prefecture-level cities in the province, Lishui grew fastest.", "11", "Zhejiang"),
             ("Jingning hosts a festival.\nIts She are a fifth of the 700,000 She people nationwide.", "700,000",
              "China"))
def scope_after_the_noun(doc, f):
    """"the 11 cities in the province", "the 700,000 She people nationwide": a count of things across
    a province or the country is about it."""
    if f.unit in ("rank", "percent", "percentage_point") or not f.counted:
        return NA
    bm = _BROAD_AFTER_NP.match(doc.low, f.np_end)
    if not bm:
        return NA
    scope = bm.group(1) or bm.group(2)
    if scope in ("the province", "jiangsu", "provincewide", "province-wide"):
        return doc.province
    return "Zhejiang" if scope == "zhejiang" else "China"


_ADDRESS_THEN_APPOSITION = re.compile(r"(?:\s+(?:county|city|district|province))?\s+(?:in|of)\s+[^,.;]{1,40}?"
                                      + _APPOSITION_WORDS)


_BEFORE_THE_OPENING_PLACE = re.compile(r"(?:(?:the\s+)?(?:neighbou?ring|nearby|adjacent|neighbou?r)\s+)?")


@REGION.rule(("Songyang, the city's tea capital, sold 9 billion yuan of tea.", "9 billion yuan", "Songyang"),
             ("Neighboring Jinyun, whose output is a third of Yongkang's, grew 7 percent.", "7 percent", "Jinyun"),
             ("Liandu, home to the city government, grew 4 percent.", "4 percent", "Liandu"),
             ("Nanping in northern Fujian, which borders Lishui, reported GDP of 232.6 billion yuan.",
              "232.6 billion yuan", "Other"),
             ("Lishui grew 6 percent. Nearby Wenzhou, Zhejiang's third-largest economy, grew 5 percent.", "5 percent",
              "Wenzhou"),
             ("Lishui grew 6 percent. Nearby Wenzhou, Zhejiang's third-largest economy, grew 5 percent.", "third",
              "Wenzhou"),
             Example("Songyang, the city's tea capital, sold 9 billion yuan of tea, while Yunhe's exports rose 7 "
                     "percent.", "7 percent", "Yunhe", by="place_in_clause"))
def subject_before_an_apposition(doc, f):
    """A place that opens the sentence ("Neighboring Jinyun"; with its address: "Nanping in northern Fujian, which ..."),
    followed by an apposition about it ("Songyang, the city's tea capital, sold ..."), is the
    subject of the figures after the apposition, not a place the
    apposition names, nor of those after another place the sentence names later ("..., while Yunhe's
    exports rose 7 percent"); and of a rank inside it ("Wenzhou, Zhejiang's third-largest economy")."""
    lo, mid, _ = _bounds(doc, f)
    if lo == mid:
        return NA
    p = doc.places[lo]
    low = doc.low
    if not _BEFORE_THE_OPENING_PLACE.fullmatch(low, f.sentence.start, p.start) \
            or p.kind not in ("specific", "local", "broad", "other"):
        return NA
    am = _APPOSITION_AFTER.match(low, p.end) or _ADDRESS_THEN_APPOSITION.match(low, p.end)
    if am is None:
        return NA
    close = low.find(",", am.end(), f.m.start)  # the comma that closes the apposition
    if close < 0:
        return p.region if f.unit == "rank" else NA
    after = bisect.bisect_left(doc.place_starts, close, lo, mid)
    if any(_can_be_subject(doc, i) for i in range(after, mid)):
        return NA  # "Suzhou, the largest, contributed ..., while Nanjing's GDP stood at ..., up 4.7 percent"
    return p.region


_OPENING_IN = re.compile(r"[\"“‘']?(?:in|across|throughout)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby)\s+)?")


@REGION.rule(("Qingtian imports wine.\n\"In Italy a bottle like this costs 8 euros. Here it sells for 128 yuan,\" he said.",
              "8 euros", "Other"))
def place_opening_the_sentence(doc, f):
    """A sentence that opens with its place ("In Italy a bottle costs 8 euros", "Across Fujian, ...")
    is about that place when the figure's clause names no subject of its own."""
    s = f.sentence
    m = _OPENING_IN.match(doc.low, s.start)
    if m is None:
        return NA
    lo, mid, _ = _bounds(doc, f)
    if lo >= mid or doc.places[lo].start != m.end() or doc.places[lo].possessive \
            or doc.places[lo].kind in ("dateline", "container", "named"):
        return NA
    return resolve(doc, lo) or NA


# a later clause about the sentence's subject: "Lishui grew 6.6 percent, faster than Wenzhou's 6.0 percent, and its ..."
_ITS_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|with)\s+its\s")


@REGION.rule(("Lishui grew 6.6 percent, faster than Wenzhou's 6.0 percent, and its rural income, 33,950 yuan, rose too.",
              "33,950 yuan", "Lishui"))
def subject_of_its_clause(doc, f):
    """A figure in a later clause of "its" ("..., and its rural income, 33,950 yuan, ...") is of the
    place that opens the sentence as its subject, not of a place compared with in between."""
    s = f.sentence
    low = doc.low
    if not (doc.holds["and its "] or doc.holds["but its "] or doc.holds["while its "] or doc.holds["with its "]) \
            or low.find(" its ", s.start, f.m.start) < 0:
        return NA
    m = None
    for m in _ITS_CLAUSE.finditer(low, s.start, f.m.start):
        pass
    if m is None:
        return NA
    lo, mid, _ = _bounds(doc, f)
    if any(doc.places[i].start >= m.end() for i in range(lo, mid)):
        return NA  # "..., and its Yunhe plant ...": a place of its own
    dm = AFTER_DATELINE.match(doc.text, s.start)
    opening = dm.end() if dm is not None else s.start
    if lo >= mid or doc.places[lo].start != opening or not _can_be_subject(doc, lo):
        return NA
    return resolve(doc, lo)


@REGION.rule(("Lishui's exports rose, and sales reached 12 billion yuan.", "12 billion yuan", "Lishui"),
             Example("Lishui's GDP grew.\nIn Zhejiang, the province that is home to many of the country's small firms, "
                     "exports rose 9 percent.", "9 percent", "Zhejiang", by="place_opening_the_sentence"),
             ("Lishui's GDP grew.\nSales in Zhejiang, the province that is home to many of the country's small firms, "
              "rose 9 percent.", "9 percent", "Zhejiang"),
             ("Within Lishui, Jinyun grew 7 percent, and Liandu, the city's central district, 5.4 percent.", "5.4 percent",
              "Liandu"),
             ("Strawberries of Nanjing\nLishui district, not to be confused with Lishui city in Zhejiang, has about "
              "480,000 people.", "480,000", NANJING_LISHUI),
             ("Two Lishuis\nThey share a name: Lishui, a prefecture-level city of 2.5 million people in southwestern "
              "Zhejiang, and Lishui District of Nanjing.", "2.5 million", "Lishui"),
             ("Two Lishuis\nZhejiang's Lishui sold 680 million yuan of tea and mushrooms to Nanjing's Lishui last year, up "
              "35 percent.", "35 percent", "Lishui"),
             Example("Zhejiang, chosen in 2021 as China's pilot zone, reported incomes of 67,013 yuan.", "67,013 yuan",
                     "Zhejiang", by="place_of_the_document"),
             ("Qingyuan grows mushrooms.\nAcross the border in Fujian, growers pick 400,000 tons of fungi a year.",
              "400,000 tons", "Fujian"),
             Example("Zhejiang's exports to the US fell, according to Hangzhou customs. Overall exports rose 6.2%.",
                     "6.2%", "Zhejiang", by="place_of_the_document"),
             Example("Zhejiang's exports slowed.\nBuyers are few, said Chen, whose Yiwu firm employs 320 workers.",
                     "320", "Other", by="place_in_clause"),
             ("Jinyun climbed the list.\nKunshan in Jiangsu topped it again, with GDP of 528 billion yuan in 2024.",
              "528 billion yuan", "Other"),
             Example("Qingyuan grows mushrooms.\n\"We sold them in Wenzhou,\" said Wu, who grows 120,000 bags a year.",
                     "120,000", "Qingyuan", by="place_of_the_document"),
             Example("Qingyuan grows mushrooms.\nHis father sold mushrooms in Wenzhou. Wu sells his for 90 yuan a kilo.",
                     "90 yuan", "Qingyuan", by="place_of_the_document"),
             ("Wuxi, with a GDP of 1.5 trillion yuan, is a partner of Lishui.", "1.5 trillion yuan", "Other"),
             ("Jingning county in Lishui, Zhejiang province, earned 13 billion yuan.", "13 billion yuan", "Jingning"),
             ("Henan's economy grew.\nThe province, China's sixth-largest provincial economy, saw retail sales "
              "rise 6.1 percent.", "6.1 percent", "Henan"),
             Example("JINYUN, Zhejiang - When the Jinhua-Wenzhou railway opened a station in 2015, his workshop had 20 "
                     "workers.", "20", "Jinyun", 2, by="place_of_the_document"))
def place_in_sentence(doc, f):
    """Else the nearest place before the figure in its sentence (a city or county first)."""
    lo, mid, hi = _bounds(doc, f)
    if _A_PERSONS_CLAUSE.match(doc.low, f.clause[0]):
        return NA  # "..., the hardware capital in Jinhua, and his company had 300 workers": a person's, not the place's
    r = _nearest(doc, lo, mid, specific_first=True, f=f)
    return r if r else NA


_A_PERSONS_CLAUSE = re.compile(r"\s*(?:and|but|while|so)\s+(?:his|her|my|our)\s")


# a place named after these is a ranking's scope or a comparison's base, not the subject
_SCOPE_OR_BASE_BEFORE = re.compile(r"(?:(?<![a-z])(?:among|outside|beyond|than(?:\s+(?:that|those)\s+of|\s+in)?|"
                                   r"compared\s+(?:with|to)|versus|behind|trailing|(?:second\s+)?only\s+to|to|"
                                   r"above|below|over|ahead\s+of)|"  # "0.4 points above Lishui's average"
                                   r",\s+(?:after|following))\s+(?:the\s+)?$")
_PART_CLAUSE = re.compile(r"[,;]\s+(?:with|while|whereas|including|of which|among (?:them|which)|"
                          r"(?:most|many|some|all|half|several)\s+of\s+(?:them|which))(?![a-z])")


@REGION.rule(("Sales of 12 billion yuan were reported by Songyang.", "12 billion yuan", "Songyang"),
             Example("Jingning county's festival drew 286,000 visitors.\nAbout 40 percent of the visitors came from outside "
                     "Lishui.", "40 percent", "Jingning", by="place_of_the_document"),
             Example("Qingyuan grows mushrooms.\nIn Suizhou, Hubei province, 3,000 growers from Qingyuan produce "
                     "80,000 tons.", "80,000 tons", "Hubei", by="place_in_sentence"),
             Example("Jinyun county makes tools.\nBy 2008 he made drills for firms in Jinhua, and his company had 300 "
                     "workers.", "300", "Jinyun", by="place_of_the_document"),
             Example("The city's exports grew 9 percent, with Songyang and Yunhe supplying most.", "9 percent",
                     "Lishui", by="place_in_clause"),
             Example("Yunhe county makes toys.\nIncomes rose 7 percent, ranking third among Lishui's counties.",
                     "7 percent", "Yunhe", by="place_of_the_document"),
             Example("Yunhe county makes toys.\nIncomes rose 7 percent, faster than in Lishui as a whole.",
                     "7 percent", "Yunhe", by="place_of_the_document"),
             Example("Yunhe county makes toys.\nIts incomes rose 7 percent in Lishui's hills.", "7 percent", "Yunhe",
                     by="place_of_the_document"),
             Example("Yunhe county makes toys.\nIncomes rose 7 percent, ranking second in the city, after Jinyun.",
                     "second", "Yunhe", by="place_of_the_document"),
             Example("Yunhe county makes toys.\nBuyers used to travel 100 kilometers to Wenzhou.", "100 kilometers",
                     "Yunhe", by="place_of_the_document"),
             Example("Yunhe county makes toys.\nAbout 40 Wenzhou-owned firms make them.", "40", "Yunhe",
                     by="place_of_the_document"),
             Example("Yunhe county makes toys.\nToy exports: +12.1% (Lishui: +8.2%)", "12.1%", "Yunhe",
                     by="place_of_the_document"),
             Example("Yunhe county makes toys.\nIncomes rose 7 percent, while Jinyun's grew 6 percent.", "7 percent",
                     "Yunhe", by="place_of_the_document"),
             Example("Longquan county makes swords.\nA sword by Shen sold for 900,000 yuan at an expo in Shanghai.",
                     "900,000 yuan", "Longquan", by="place_of_the_document"),
             Example("Jinyun county makes tools.\nDesks here rent for 300 yuan a month, half what we paid in Ningbo.",
                     "300 yuan", "Jinyun", by="place_of_the_document"),
             Example("Jinyun county makes tools.\nLin moved his shop from Ningbo in 2020. He now has 14 staff.",
                     "14", "Jinyun", by="place_of_the_document"),
             Example("Zhejiang will invest 100 billion yuan in 26 counties, most of them in Lishui and Quzhou.",
                     "100 billion yuan", "Zhejiang", by="place_of_the_document"),
             Example("Yunhe county makes toys.\nSince 2020, 47 villagers have come back from cities such as Wenzhou.",
                     "47", "Yunhe", by="place_of_the_document"),
             Example("Yunhe county makes toys.\nIts toy output rose 8.6 percent, against 7.3 percent in Jinyun.",
                     "8.6 percent", "Yunhe", by="place_of_the_document"),
             Example("Yunhe county makes toys.\nRural incomes were 31,940 yuan, compared with 35,640 yuan in Jinyun.",
                     "31,940 yuan", "Yunhe", by="place_of_the_document"))
def place_later_in_sentence(doc, f):
    """Else a city or county named later in the sentence, but not in a clause about its parts ("...,
    with Songyang and Yunhe supplying most", "..., including ..."), not the scope of a ranking
    ("ranking third among Lishui's counties"), the one ahead in it ("second, after Zhoushan"), a
    destination ("to Wenzhou"), an origin ("Wenzhou-owned"), a place in brackets ("(Lishui: +5.9%)"),
    the place of a clause of its own (", and Lishui district grew ...") or the base of a comparison
    ("0.7 points higher than Lishui", "against 7.3 percent in Lishui"), and not in a sentence that
    opens with "Its" / "Their" (its subject is the place written of before)."""
    lo, mid, hi = _bounds(doc, f)
    low = doc.low
    if low.startswith(("its ", "their "), f.sentence.start):
        return NA
    for i in range(mid, hi):
        p = doc.places[i]
        if p.kind in ("specific", "local") and p.start >= f.m.end:
            if _SCOPE_OR_BASE_BEFORE.search(low, max(0, p.start - 24), p.start) \
                    or _BASE_FIGURE_BEFORE.search(low, max(f.m.end, p.start - 60), p.start) \
                    or low.startswith(lx.ORIGIN_AFTER_PLACE, p.end) or _scope_not_subject(doc, p) \
                    or low.rfind("(", f.m.end, p.start) > low.rfind(")", f.m.end, p.start):
                continue  # "+6.8% (Lishui: +5.9%)": a place in brackets after it is compared with
            if _PART_CLAUSE.search(low, f.m.end, p.start) or NEXT_CLAUSE.search(low, f.m.end, p.start):
                return NA  # "..., with Songyang supplying most"; "6.9 percent, and Lishui district grew ..."
            return p.region
    return NA


# the place of the figure compared with: "rose 8.6 percent, against 7.3 percent in Lishui"
_BASE_FIGURE_BEFORE = re.compile(r"(?<![a-z])(?:against|compared\s+(?:with|to)|versus|than)\s+(?:[^,;]|(?<=\d),(?=\d)){0,30}?"
                                 r"\d(?:[^,;]|(?<=\d),(?=\d)){0,20}?\s(?:in|for|of)\s+(?:the\s+)?$")  # ("35,640 yuan in")
# a coordinate clause of its own after the figure: "Jiangning led with 6.9 percent, and Lishui district grew 6.4"


@REGION.rule(("Fujian shipped 4 trillion yuan of goods abroad.", "4 trillion yuan", "Fujian"),
             Example("Jinyun held its fair.\nExhibitors from outside China accounted for 9 percent of booths.",
                     "9 percent", "Jinyun", by="place_of_the_document"),
             Example("Visits to Lishui District rose.\nNanjing as a whole received 28.6 million visits.", "28.6 million",
                     "Nanjing", by="place_in_clause"),
             Example("Qingtian imports wine.\nIts European imported goods city now has 1,120 shops.", "1,120", "Qingtian",
                     by="place_of_the_document"))
def province_as_subject(doc, f):
    """Else a province or other place before the figure that is the sentence's subject ("Zhejiang
    province reported ...", "Fujian exported ...")."""
    lo, mid, hi = _bounds(doc, f)
    low = doc.low
    for i in range(mid - 1, lo - 1, -1):
        p = doc.places[i]
        if p.kind in ("broad", "other") and _SUBJECT_VERB.match(low, p.end) \
                and not _SCOPE_BEFORE.search(low, max(0, p.start - 24), p.start) and not _scope_not_subject(doc, p) \
                and not _DETERMINER_BEFORE.search(low, max(0, p.start - 7), p.start):
            return p.region
    return NA


# "Its European imported goods city": a place after a determiner qualifies a noun
_DETERMINER_BEFORE = re.compile(r"(?<![a-z])(?:its|their|our|the|a|an)\s+$")


@REGION.rule(("Shangrao's GDP was twice that of Lishui. Its population of 6.4 million is larger.", "6.4 million",
              "Other"),
             ("Ningbo helped Jingning build a park, where 26 firms had settled by June. Their output reached 2.1 billion "
              "yuan.", "2.1 billion yuan", "Jingning"),
             ("NANPING, Fujian -- Nanping, the northernmost city of Fujian, borders Qingyuan. Its economy reached 241.6 "
              "billion yuan.", "241.6 billion yuan", "Other"))
def its_subject_before(doc, f):
    """In a sentence that opens with "Its" / "Their", the place that opens the sentence before (its
    subject: "Shangrao's GDP was ...") is the figure's; "Their" after a sentence that ends by counting
    things ("..., where 26 firms had settled") is those things' and takes their place."""
    s = f.sentence
    if s.index == 0 or not doc.low.startswith(("its ", "their "), s.start):
        return NA
    prev = doc.lay.sentences[s.index - 1]
    last = doc.last_figure
    if doc.low.startswith("their ", s.start) and last is not None and last.sentence is prev and last.unit == "count" \
            and last.counted and last.m.end > prev.start + (prev.end - prev.start) // 2 and last.region:
        return last.region
    dm = AFTER_DATELINE.match(doc.text, prev.start)  # "NANPING, Fujian -- Nanping, the northernmost city ..."
    opening = dm.end() if dm is not None else prev.start
    k = bisect.bisect_left(doc.place_starts, opening)
    if prev.paragraph != s.paragraph or k >= len(doc.places) or doc.places[k].start != opening:
        return NA
    if _can_be_subject(doc, k) or (doc.places[k].kind in ("broad", "other")
                                    and _SUBJECT_VERB.match(doc.low, doc.places[k].end)):
        return resolve(doc, k)
    return NA


_SPELLED = "|".join(sorted([*lx.UNITS_WORDS, *lx.TENS_WORDS], key=len, reverse=True))
_GROUP_OF_PLACES = re.compile(
    r"(?<![a-z])(?:the|these|those|all|its|their)\s+(?:\d+|(?:" + _SPELLED + r")(?:-(?:" + _SPELLED + r"))?)"
    r"\s+(?:[a-z-]+\s+){0,2}?(?:counties|cities|districts)(?![a-z])")


_GROUP_SIZE = re.compile(r"\d+")
_MOST_COUNTIES_OF_A_CITY = 13  # (Wenzhou has 12 counties and districts, Lishui 9)


@REGION.rule(("Zhejiang's 26 mountain counties grow\nNine of the 26 counties are in Lishui. The GDP of the 26 "
              "counties grew 6.9 percent.", "6.9 percent", "Zhejiang"),
             ("Mountain counties' incomes\nNine of the 26 counties are in Lishui.\nThe gap between the 26 counties and "
              "the province narrowed: their income was 79.6 percent of the provincial level.", "79.6 percent",
              "Zhejiang"))
def group_of_places(doc, f):
    """A figure of a group of places named as one ("the 26 counties", "these cities") is about the
    place the document is about (its province when that is a county, or when the group is larger
    than any one city's counties), not a member named before."""
    gm = _GROUP_OF_PLACES.search(doc.low, f.sentence.start, f.m.start)
    if not gm:
        return NA
    n = _GROUP_SIZE.search(gm.group(0))
    if doc.gazetteer.is_county(doc.main_region) or (n is not None and int(n.group(0)) > _MOST_COUNTIES_OF_A_CITY):
        return doc.province  # "the 26 counties": more than any one city has, the province's
    return doc.main_region


@REGION.rule(("The nurses reached Xiyuan Village, Jinyun County. Seventy residents were treated.",
              "Seventy", "Jinyun"),
             ("Songyang's incomes grew fastest.\nAcross the city, incomes rose 7 percent. The urban-rural ratio "
              "narrowed to 1.67.", "1.67", "Lishui"),
             Example("Songyang county grows tea.\nZhang came home from Hangzhou in 2016. Last year his farm earned 1.2 "
                     "million yuan.", "1.2 million yuan", "Songyang", by="place_of_the_document"),
             ("Lishui's parks\n\nA village in Lishui's Yunhe county leased its forest. It pooled 3,200 mu from 216 "
              "households.", "216", "Yunhe"),
             Example("Zhejiang 1H26 note\n\nExports: +7.1% YTD; Ningbo port throughput +4.2%. Retail sales: +4.6%.",
                     "4.6%", "Zhejiang", by="place_of_the_document"),
             Example("Terraces reborn\n\nSONGYANG, Lishui - The old terraces of the village were left to weeds. Now "
                     "900 mu are planted again.", "900 mu", "Songyang", by="place_of_the_document"))
def place_of_the_paragraph(doc, f):
    """Else the last earlier sentence of the paragraph that names a city or county (or "the city":
    "Across the city, ..."), when it names one as a subject (not where someone came from: "came home
    from Hangzhou"; not a dateline's container: "YUNHE, Lishui - ..."); not for a sentence that opens
    with a label of its own ("Retail sales: +4.6%", after "Ningbo port throughput +4.2%.": a note's
    next item)."""
    named = _named_before(doc, f.sentence)
    if not named or _LABEL_OPENS.match(doc.low, f.sentence.start):
        return NA
    return next(iter(named)) if len(named) == 1 else doc.main_region


_LABEL_OPENS = re.compile(r"[a-z][a-z -]{0,30}:\s")
_IN_A_PLACE = re.compile(r"(?:in|across|throughout)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|coastal|inland)\s+)?")


@REGION.rule(("Exports rose 6 percent.\nIn Fujian, the province that faces Taiwan, exports rose 9 percent. Shipments to "
              "Africa jumped 23 percent.", "23 percent", "Fujian"),
             Example("Exports rose 6 percent.\nIn Fujian, exports rose 9 percent. Ningbo's shipments jumped 23 percent.",
                     "23 percent", "Ningbo", by="place_in_clause"))
def place_opening_the_paragraph(doc, f):
    """Else the place an earlier sentence of the paragraph opens with as its scope ("In Fujian, ...")
    is the place of the paragraph's figures whose sentence names none that can be a subject
    ("Shipments to Africa jumped 23 percent": a destination)."""
    s = f.sentence
    start = doc.lay.paragraph_starts[s.paragraph]
    if start >= s.start:
        return NA
    m = _IN_A_PLACE.match(doc.low, start)
    if m is None:
        return NA
    k = bisect.bisect_left(doc.place_starts, m.end())
    if k >= len(doc.places) or doc.places[k].start != m.end() or not doc.low.startswith(",", doc.places[k].end):
        return NA
    lo, _, hi = _bounds(doc, f)
    if any(_can_be_subject(doc, i) for i in range(lo, hi)):
        return NA
    return resolve(doc, k)


def _named_before(doc, s) -> frozenset:
    """The cities and counties named by the last earlier sentence of s's paragraph that names any."""
    starts = doc.place_starts

    def named(prev, cur):
        a = bisect.bisect_left(starts, prev.start)
        b = bisect.bisect_left(starts, prev.end, a)
        return frozenset(resolve(doc, i) for i in range(a, b)
                         if doc.places[i].kind in ("specific", "local", "county-ref", "city-ref")
                         and not _scope_not_subject(doc, doc.places[i]) and not _container_of_the_next(doc, i)
                         and not _container_of_a_dateline(doc, i))

    return earlier_in_paragraph(doc.lay.sentences, s, "named_before", named) or frozenset()


def _container_of_a_dateline(doc, i: int) -> bool:
    """Whether places[i] is the container a wire dateline names after its place ("YUNHE, Lishui - ...")."""
    prev = doc.places[i - 1] if i > 0 else None
    return prev is not None and prev.kind == "dateline" and doc.text[prev.end:doc.places[i].start].strip() == ","


def _container_of_the_next(doc, i: int) -> bool:
    """Whether places[i] is a possessive that contains the place right after it ("Lishui's Yunhe county")."""
    p = doc.places[i]
    if not p.possessive or i + 1 >= len(doc.places):
        return False
    q = doc.places[i + 1]
    return q.start - p.end <= 4 and q.region is not None and q.region != p.region \
        and doc.gazetteer.within(q.region, p.region)


@REGION.rule(("Songyang county grows tea.\nThe tea market handled 9,300 tons.", "9,300 tons", "Songyang"),
             ("Strawberries in Nanjing's Lishui district\nGrowers planted 20,000 mu.", "20,000 mu", NANJING_LISHUI),
             ("Rice and fish\n\nQINGTIAN, Zhejiang - In Longxian village, fish swim among the rice. Farmers earn "
              "6,000 yuan a mu.", "6,000 yuan", "Qingtian"),
             ("Ningbo-Zhoushan Port handles more cargo\nThe port, China's largest, handled 1.28 billion tons. Its container "
              "volume rose 9.8 percent, and Lishui's dry port used it more.", "9.8 percent", "Other"),
             ("Private firms carry Zhejiang's exports\nHANGZHOU, Jan 20 -- Private firms in Zhejiang exported 3.1 trillion "
              "yuan in 2025, Hangzhou customs said.", "3.1 trillion yuan", "Zhejiang"))
def place_of_the_document(doc, f):
    """Else the place the document is about (the one it names most; Lishui District of Nanjing in
    an article about Nanjing)."""
    return doc.main_region
