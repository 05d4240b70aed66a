"""Decide which number mentions are figures and read each figure's context.

`extract_figures(text)` returns one dict per figure with the fields of ANNOTATION.md:
offsets into `text`, the span text, value in base units, unit, counted, per, approx, role,
is_target, year, period, region, subject, metric, and the sentence it sits in.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon as lx
from .mentions import Mention, borrow_unit, find_mentions
from .segment import Layout, Sentence, clause_bounds, layout


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _ends_with(words, tail: str = r"(?:\s+(?:the|a|an))?") -> re.Pattern:
    """A pattern for a left context that ends with one of `words` (then maybe an article)."""
    return re.compile(r"(?:^|[^\w-])(?:" + _alt(words) + r")" + tail + r"\s*$", re.IGNORECASE)


def _starts_with(words) -> re.Pattern:
    return re.compile(r"^\s*(?:" + _alt(words) + r")(?![\w])", re.IGNORECASE)


# --- approx -----------------------------------------------------------------------------
_OVER = _ends_with(lx.QUAL_OVER)
_UNDER = _ends_with(lx.QUAL_UNDER)
_ABOUT = _ends_with(lx.QUAL_ABOUT)
_THRESHOLD = re.compile(
    r"(?:exceed\w*|surpass\w*|top(?:s|ped|ping)?|pass(?:ed|es|ing)?|cross(?:ed|es|ing)?|"
    r"br(?:eak|oke|eaks|eaking) through|over|above|beyond)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:threshold|mark|level|line|milestone)\s+of\s*$",
    re.IGNORECASE,
)
_QUAL_AFTER = re.compile(r"^\s*(?:or more|and above|or above|plus|or so|-odd|odd)\b", re.IGNORECASE)

# --- what is not a figure ---------------------------------------------------------------
_MONTH = _alt(lx.MONTHS)
_DATE_LEFT = re.compile(r"(?:^|[^\w])(?:" + _MONTH + r")\.?\s*$", re.IGNORECASE)
_DATE_RIGHT = re.compile(r"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:" + _MONTH + r")\b", re.IGNORECASE)
_DURATION_RIGHT = re.compile(
    r"^[\s-]*(?:(?:consecutive|straight|successive|full|whole|calendar|more|long|short|"
    r"working|natural|fiscal|academic|school|light)[\s-]+)?(?:years?|months?|weeks?|days?|hours?|"
    r"minutes?|seconds?|decades?|centur(?:y|ies)|yrs?|a\.m\.|p\.m\.|am\b|pm\b|o'clock)(?![\w])",
    re.IGNORECASE,
)
_AGE_LEFT = re.compile(r"(?:aged|age|ages|over the age of|under the age of)\s*$", re.IGNORECASE)
_LABEL_LEFT = re.compile(
    r"(?:^|[^\w])(?:Class|Grade|Level|Phase|No\.|No|Nos\.|Number|Line|Route|Type|Article|"
    r"Section|Chapter|Version|Model|Room|Gate|Exit|Block|Building|Plan|Item|Vol\.|Lot|"
    r"Zone|Station|Terminal|Platform|COVID-|Industry|Category|Tier|Star|Expo|Summit|Group|"
    r"Team|Park|Road|Street|Avenue|Highway|Expressway|Port|Berth|Pier|Wharf|Unit|Batch|"
    r"Program|Programme|Project|Initiative|Action|Strategy|Policy|Forum|Award|Prize|Cup|"
    r"Games|Index|Top|Fortune|Global|China|Lishui|Zhejiang)\s*$"
)
_LABEL_RIGHT = re.compile(
    r"^(?:[A-Za-z](?![a-z]{2})|\+\d|\s*\+\s*\d|\.\d|\s?(?:Five-Year|five-year|Plenary|"
    r"plenary|Party Congress|National Congress|anniversary|Anniversary|session|Session|"
    r"edition|Edition|batch\b|generation)|-(?:star|Star|level|storey|story|floor|lane|"
    r"digit|year|month|day|hour|minute|member|point|character|word|inch|seat)\b)"
)
_PLUS_LEFT = re.compile(r"\d\s*\+\s*$")
_LIST_MARKER = re.compile(r"^\s*[(（]?$")
_PER_PEOPLE = re.compile(
    r"(?:per|every|for every|each|for|by|among|of)\s*$", re.IGNORECASE)
_PEOPLE_RIGHT = re.compile(r"^\s*(?:people|persons|residents|inhabitants|population|permanent residents|urban residents|rural residents)\b",
                           re.IGNORECASE)
_ONE_OF = re.compile(r"^\s*(?:of|another|other|by one|to one|on one|-to-|-stop|-off|-time|-on-one|-way|'s)\b", re.IGNORECASE)
_HALF_OK = re.compile(r"^\s*(?:of|the)\b", re.IGNORECASE)
_VAGUE_RIGHT = re.compile(r"^\s*(?:of\s+(?:thousands|millions|billions|hundreds)|dozen)", re.IGNORECASE)

# --- counted nouns ----------------------------------------------------------------------
_TOKEN = re.compile(r"[“”\"‘]|[A-Za-z][A-Za-z’'-]*|\d[\d,.]*|[^\sA-Za-z\d]")
_NOUNISH_SUFFIX = ("s",)

# --- role -------------------------------------------------------------------------------
_GROWTH_WORDS = re.compile(
    r"\b(?:up|increase[sd]?|increasing|growth|grew|grow(?:s|ing)?|rose|rise[sn]?|rising|"
    r"surge[sd]?|surging|jump(?:ed|s)?|climb(?:ed|s)?|expand(?:ed|s)?|expansion|gain(?:ed|s)?|"
    r"boost(?:ed|s|ing)?|rais(?:ed|es|ing)|year-on-year|yoy|y-o-y|year on year|increment|"
    r"accelerat(?:ed|ing)|advanc(?:ed|es)|higher|doubl(?:ed|ing))\b",
    re.IGNORECASE,
)
_DECLINE_WORDS = re.compile(
    r"\b(?:down|decrease[sd]?|decreasing|decline[sd]?|declining|fell|fall(?:s|ing|en)?|drop(?:ped|s|ping)?|"
    r"shr[iu]nk(?:ing)?|shrank|contract(?:ed|ion)|reduc(?:ed|tion|es)|slipp?(?:ed)?|slid|"
    r"negative growth|narrow(?:ed|ing)|lower|less)\b",
    re.IGNORECASE,
)
_LEVEL_WORDS = re.compile(
    r"\b(?:reached|reaching|reach|totall?ed|totall?ing|total|amounted|amounting|was|were|is|stood|standing|"
    r"hit|hitting|achieved|achieving|recorded|recording|registered|of|at|valued|worth|with)\b",
    re.IGNORECASE,
)
_SHARE_WORDS = re.compile(
    r"\b(?:share|shares|proportion|proportions|accounting for|accounted for|accounts for|account for|"
    r"making up|made up|makes up|ratio|(?<!growth )rate|coverage|penetration|occupancy|percentage|completed|"
    r"completion|of the total|of all|of total)\b",
    re.IGNORECASE,
)
_BENCHMARK_LEFT = re.compile(
    r"\b(?:average|averages|national level|provincial level|city level|benchmark)"
    r"(?:\s+(?:level|rate|growth|growth rate|of|at|was|is|stood at|standing at|by))*\s*[(（]?\s*$",
    re.IGNORECASE,
)
_DIFF_RIGHT = re.compile(
    r"^\s*(?:(?:higher|lower|more|less|faster|slower|greater|above|below|ahead of|behind|over)\b"
    r"(?:\s+than)?|than\b)",
    re.IGNORECASE,
)
_DIFF_NEG_RIGHT = re.compile(r"^\s*(?:lower|less|slower|below|behind)\b", re.IGNORECASE)
_DIFF_LEFT = re.compile(
    r"\b(?:average|averages|than|above|below|higher|lower|faster|slower|ahead|behind|outpac\w*|"
    r"outperform\w*|exceed\w*|surpass\w*|gap|difference)\b",
    re.IGNORECASE,
)
_GROWTH_BY_LEFT = re.compile(
    r"\b(?:up|increas\w*|rose|rise[sn]?|rising|grew|grow\w*|boost\w*|rais\w*|expand\w*|"
    r"gain\w*|add\w*|surg\w*|jump\w*|climb\w*|improv\w*|lift\w*|decreas\w*|declin\w*|fell|"
    r"fall\w*|drop\w*|reduc\w*|cut\w*|shr\w*|narrow\w*)\b(?:\s+\S+){0,6}?\s+by\s*$|"
    r"\b(?:an?\s+)?(?:increase|increment|rise|growth|gain|decrease|decline|drop|fall|reduction)\s+of\s*$|\b(?:another|an additional|a further|additional)\s*$|\bup\s*$|\bdown\s*$",
    re.IGNORECASE,
)
_GROWTH_RIGHT = re.compile(
    r"^\s*(?:year-on-year|year on year|yoy|y-o-y|increase|growth|rise|more than (?:the previous|last|a) year|"
    r"over (?:the previous|last) year|from (?:the previous|last|a) year|compared with)",
    re.IGNORECASE,
)
_DECLINE_RIGHT = re.compile(r"^\s*(?:year-on-year\s+|yoy\s+)?(?:decrease|decline|drop|fall|reduction)",
                            re.IGNORECASE)
_SHARE_RIGHT = re.compile(
    r"^\s*(?:of\b|market share|share|stake|completed|coverage|of the total)", re.IGNORECASE)
_PAREN_PLUS = re.compile(r"[(（]\s*[+]\s*$")

_RANK_LEFT = re.compile(
    r"\b(?:rank(?:ed|ing|s)?|plac(?:ed|ing|es)|came|coming|finish(?:ed|ing)|stood|standing|"
    r"secur(?:ed|ing|es)|t(?:ook|aking|akes)|w(?:on|inning|ins)|occup(?:ied|ying|ies)|"
    r"held|holding|holds|remain(?:ed|s|ing)?|retain(?:ed|ing|s)?|clinch(?:ed|ing)?)"
    r"(?:\s+(?:it|them|the city|lishui|all|again|once again|firmly|steadily|consistently|still|"
    r"among|the|top|at|in|as|no\.|number))*\s*$",
    re.IGNORECASE,
)
_RANK_WEAK_LEFT = re.compile(r"\b(?:is|was|are|were|be|been|being|became|become|all|both|"
                             r"the|it|them)\s*$", re.IGNORECASE)
_RANK_RIGHT = re.compile(
    r"^\s*(?:place|places|position|positions|spot|spots|in\s+(?:the\s+)?(?:province|country|nation|city|"
    r"prefecture|world|region|district|whole|zhejiang|china|jiangsu|provincial|national|list|"
    r"ranking|rankings|growth|terms|its|east|the)|province-?wide|nation-?wide|city-?wide|among|"
    r"within\s+(?:the\s+)?(?:province|country|city|zhejiang)|nationally|globally|worldwide|"
    r"for\s+\S+\s+consecutive)",
    re.IGNORECASE,
)
_TOP_LEFT = re.compile(r"\btop\s*$", re.IGNORECASE)
_ORDINAL_NEXT_BAD = re.compile(
    r"^(?:-|\s+(?:" + _alt(lx.ORDINAL_NOT_RANK_NEXT) + r")\b)", re.IGNORECASE)

_TIMES_MULTIPLE_RIGHT = re.compile(
    r"^\s*(?:that|those|the|as|higher|more|larger|bigger|greater|over|compared|of|what)\b", re.IGNORECASE)
_TIMES_MULTIPLE_LEFT = re.compile(
    r"\b(?:increas\w*|grew|grow\w*|rose|ris\w*|expand\w*|multipl\w*|up|reach\w*|is|was|"
    r"were|are|by|nearly|about|over|some|approximately|around)\s*$", re.IGNORECASE)

# --- target -----------------------------------------------------------------------------
_TARGET = re.compile(r"(?<![\w-])(?:" + _alt(lx.TARGET_STRONG) + r")(?![\w-])", re.IGNORECASE)
_TARGET_WEAK = re.compile(r"(?<![\w-])(?:" + _alt(lx.TARGET_WEAK) + r")(?![\w-])", re.IGNORECASE)
_GOAL_FRAME = re.compile(r"(?<![\w-])(?:" + _alt(lx.GOAL_NOUNS) + r")(?![\w-])|:\s*$", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:last year|in the past|so far|to date|previously|(?:19[5-9]\d|20\d\d)|has been|have been|"
    r"had been|was|were|(?:has|have|had)\s+(?:\w+\s+)?\w+ed)\b", re.IGNORECASE)
_TARGET_RESET = re.compile(
    r"\b(?:last year|in the past|so far|to date|already|previously|has been|have been|had been|"
    r"was|were|(?:has|have|had)\s+\w+ed)\b",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(r"\W*(?:" + _alt(lx.IMPERATIVE_VERBS) + r")\b\s+(?:the|a|an|more|new|\w+)",
                         re.IGNORECASE)

# --- time -------------------------------------------------------------------------------
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_TIME = re.compile(
    r"(?P<period>" + _alt(lx.PERIOD_PHRASES) + r")(?![\w])"
    r"(?:\s+of\s+(?:the\s+)?(?:year\s+)?(?P<pyear>" + _YEAR + r")(?!\d)|\s+of\s+(?P<prel>this|last|next|the)\s+year"
    r"|\s+(?P<pyear2>" + _YEAR + r")(?!\d))?"
    r"|(?P<mfrom>(?:from\s+)?(?P<m1>" + _MONTH + r")\.?\s*(?:to|-|–|through|till|until)\s*(?P<m2>" + _MONTH + r")\b\.?"
    r"(?:,?\s+(?:of\s+)?(?P<myear>" + _YEAR + r")(?!\d)|\s+(?:of\s+)?(?P<mrel>this|last)\s+year)?)"
    r"|(?P<rel>this|last|next|the previous|previous|the past|past|the same|same)\s+year(?!-)"
    r"|(?P<yrange>" + _YEAR + r")\s*(?:-|–|to)\s*(?P<yrange2>" + _YEAR + r"|\d\d)(?![\d,])"
    r"|(?P<year>(?<![\d,.$])" + _YEAR + r")(?!\d|,\d|\.\d)"
    r"|\bin\s+(?P<month>" + _MONTH + r")(?:\s+(?P<monthyear>" + _YEAR + r"))?(?!\s*\d)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\b(?:since|from|founded in|established in|set up in)\s*$",
                    re.IGNORECASE)
_PUB_DATE = re.compile(
    r"(?:updated|published|posted|released|release date|date|time)\s*[:：]?\s*"
    r"(?:(?:" + _MONTH + r")\.?\s+\d{1,2},?\s+(?P<y1>" + _YEAR + r")|(?P<y2>" + _YEAR + r")[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}\s+(?:" + _MONTH + r")\.?,?\s+(?P<y3>" + _YEAR + r"))",
    re.IGNORECASE,
)
_MONTH_NUM = {k: v for k, v in lx.MONTHS.items()}

# --- places -----------------------------------------------------------------------------
_PLACE = re.compile(
    r"\b(?P<place>Lishui|" + "|".join(w.capitalize() for w in lx.COUNTIES) + r"|Zhejiang|China|"
    r"Nanjing|Jiangsu|" + "|".join(_p.title() if _p not in ("eu", "u.s.", "usa") else _p.upper() for _p in lx.OTHER_PLACES) + r"|"
    r"the province|the country|the nation|the city|the whole city|citywide|city-wide)"
    r"(?P<poss>['’]s)?(?P<next>\s+[A-Z][\w-]*)?",
)
_PLACE_WORDS = {
    "City", "County", "District", "Province", "Municipal", "Municipality", "Economic", "Development",
    "High-tech", "Zone", "Township", "Town", "Village", "Street", "Area", "Region", "Prefecture",
    "Autonomous", "She", "Statistics", "Bureau", "Party", "Government", "People's", "Nine",
    "Mountain", "Airport", "Port", "Station", "Lake", "River", "Park", "New", "Industrial",
    "National", "Provincial", "Valley", "Green", "Urban", "Rural", "Science", "High",
}
_SUPERLATIVE_NEXT = re.compile(
    r"\s*(?:first|second|third|top|largest|biggest|only|leading|most|highest|best|earliest)\b", re.IGNORECASE)
_ADDRESS_TAIL = re.compile(r"(?:\s+(?:County|City|District))?,\s+Lishui\b")
_AVERAGE_SCOPE = re.compile(
    r"\b(?P<scope>provincial|province['’]s|the province|national|nationwide|the country['’]s|country|nation['’]s|"
    r"city|the city['’]s|county|zhejiang['’]s|china['’]s|jiangsu['’]s)\b[^.;]{0,40}?\baverages?\b[^.;]{0,25}$",
    re.IGNORECASE,
)

# --- metric and subject -------------------------------------------------------------------
_METRIC_HEADS = re.compile(
    r"(?:total\s+)?(?:(?:per capita|average|annual|total|urban|rural|regional|industrial|"
    r"fixed[- ]asset|foreign|online|retail|tourism|fiscal|general public budget|digital economy|"
    r"core|export|import|tax|cumulative|full-chain)\s+)*"
    r"(?:gdp|gep|gross domestic product|gross ecosystem product|added value|value added|output value|output|"
    r"investment|investments|revenue|revenues|sales|income|disposable income|exports?|imports?|"
    r"imports and exports|foreign trade|profits?|tax revenue|taxes|expenditures?|spending|funds?|bonds|"
    r"turnover|volume|production value|production|consumption|savings|deposits|loans|population|"
    r"visitors|tourists|arrivals|earnings|wages?|dividends|settlements|capacity|area|land supply|"
    r"market share|share|proportion|growth rate|rate|index|scale|yield|budget|subsid(?:y|ies)|"
    r"financing|capital|assets|valuation|price|prices|cost|costs|contract value|trade)"
    r"(?:\s+of\s+(?:the\s+)?[a-z][\w-]*(?:\s+(?!of\b|in\b|was\b|were\b|is\b|reached\b)[a-z][\w-]*){0,5})?",
    re.IGNORECASE,
)
_METRIC_RIGHT = re.compile(
    r"^\s*(?:in|of)\s+((?:[a-z][\w-]*\s+){0,3}?(?:output|sales|revenue|revenues|investment|"
    r"exports?|imports?|income|funds|dividends|bonds|retail sales|online retail sales|"
    r"export sales|settlements|output value|profits?|turnover|fixed-asset investment|"
    r"full-chain revenue))\b",
    re.IGNORECASE,
)
_ENTITY = re.compile(
    r"(?:[A-Z][\w&’'-]*(?:\s+\([A-Z][\w]*\))?\s+){0,6}(?:Co\.,?\s*Ltd\.?|Group|Corporation|Company|"
    r"Technology|Pharmaceuticals|Industrial Park|Park|Zone|Center|Centre|Base|Project|Alliance|"
    r"Village|Township|Workshops?|Platform|Industry|Cluster)\b"
)


@dataclass(slots=True)
class _Time:
    start: int
    end: int
    year: int | None
    period: str | None
    known: bool  # False when the expression is relative and the document date is unknown
    blocks: bool = True
    rel: str | None = None  # this | last | next for relative expressions


@dataclass(slots=True)
class _Place:
    start: int
    end: int
    region: str
    kind: str  # specific | broad | other | city-ref
    possessive: bool


class DocContext:
    """What the extractor knows about one document as a whole."""

    def __init__(self, text: str):
        self.text = text
        self.lay: Layout = layout(text)
        self.pub_year = _publication_year(text)
        self.nanjing = _is_nanjing(text)
        self.province_region = "Other" if self.nanjing else "Zhejiang"
        self.places = self._places()
        self.place_starts = [p.start for p in self.places]
        self.main_region = self._main_region()
        self.times = self._times()
        self.time_starts = [t.start for t in self.times]
        self.ref_year = self._reference_year()

    # -- places
    def _places(self) -> list[_Place]:
        out: list[_Place] = []
        text = self.text
        for m in _PLACE.finditer(text):
            name = m.group("place")
            low = name.lower()
            nxt = (m.group("next") or "").strip()
            poss = m.group("poss") is not None
            if low in lx.COUNTIES:
                out.append(_Place(m.start(), m.end("place"), lx.COUNTIES[low], "specific", poss))
            elif low == "lishui":
                region = "Nanjing-Lishui" if self.nanjing else "Lishui"
                tail = text[m.end("place"):m.end("place") + 12]
                if self.nanjing or not tail.startswith(" District"):
                    out.append(_Place(m.start(), m.end("place"), region, "specific", poss))
            elif low in ("the city", "the whole city", "citywide", "city-wide"):
                out.append(_Place(m.start(), m.end("place"), "", "city-ref", poss))
            elif low in ("zhejiang", "the province"):
                if nxt and not poss and nxt not in _PLACE_WORDS:
                    continue  # a company name: "Zhejiang Rongqi Technology Co., Ltd."
                region = self.province_region if low == "the province" else "Zhejiang"
                out.append(_Place(m.start(), m.end("place"), region, "broad", poss))
            elif low in ("china", "the country", "the nation"):
                if nxt and not poss and nxt not in _PLACE_WORDS:
                    continue
                out.append(_Place(m.start(), m.end("place"), "China", "broad", poss))
            else:
                if nxt and not poss and nxt not in _PLACE_WORDS:
                    continue
                if self.nanjing and low in ("nanjing", "jiangsu"):
                    out.append(_Place(m.start(), m.end("place"), "Other", "broad", poss))
                else:
                    out.append(_Place(m.start(), m.end("place"), "Other", "other", poss))
        # "Youzhu Street, Qingtian, Lishui": the county is the place, the city its container
        for i, p in enumerate(out):
            if p.kind == "specific" and p.region not in ("Lishui", "Nanjing-Lishui"):
                if _ADDRESS_TAIL.match(text, p.end) and i + 1 < len(out):
                    out[i + 1].kind = "container"
        return out

    def _main_region(self) -> str:
        counts: dict[str, int] = {}
        text = self.text
        for p in self.places:
            if p.kind in ("specific", "broad", "other") and not text.startswith("the ", p.start):
                counts[p.region] = counts.get(p.region, 0) + 1
        if self.nanjing:
            return "Nanjing-Lishui"
        if counts.get("Lishui"):
            return "Lishui"
        specific = {r: n for r, n in counts.items() if r in lx.REGIONS and r not in ("Zhejiang", "China", "Other")}
        if specific:
            return max(specific, key=specific.get)
        if counts:
            return max(counts, key=counts.get)
        return "Lishui"

    # -- time
    def _times(self) -> list[_Time]:
        out: list[_Time] = []
        text = self.text
        for m in _TIME.finditer(text):
            if self.lay.in_label(m.start(), m.end()):
                continue
            t = _read_time(m, self.pub_year)
            if t is None:
                continue
            if _SINCE.search(text, max(0, m.start() - 20), m.start()):
                t.blocks = False
                t.year = None
                t.period = None
            out.append(t)
        # "the list of 2024 tasks shows that this year ...": an unknown "this year" takes the
        # one explicit year its sentence names
        for t in out:
            if t.rel == "this" and not t.known:
                s = self.lay.sentence_at(t.start)
                years = {u.year for u in out if s.start <= u.start < s.end and u.rel is None
                         and u.year is not None and u.blocks}
                if len(years) == 1:
                    t.year, t.known = years.pop(), True
        return out

    def _reference_year(self) -> int | None:
        """The year the document reports from: its publication date, else the latest year
        it names outside plans and names (used only to tell past from plan)."""
        if self.pub_year:
            return self.pub_year
        years = []
        for t in self.times:
            if t.rel is None and t.year is not None and t.blocks:
                s = self.lay.sentence_at(t.start)
                if not _sentence_target_cues(self, s)["strong"]:
                    years.append(t.year)
        return max(years) if years else None


def _publication_year(text: str) -> int | None:
    m = _PUB_DATE.search(text, 0, min(len(text), 600))
    if m:
        return int(m.group("y1") or m.group("y2") or m.group("y3"))
    return None


def _is_nanjing(text: str) -> bool:
    low = text.lower()
    nanjing = low.count("nanjing") + low.count("jiangsu") + 2 * low.count("lishui district")
    if not nanjing:
        return False
    zhejiang = low.count("zhejiang") + low.count("lishui city") + low.count("lishui municipal")
    zhejiang += sum(low.count(c) for c in lx.COUNTIES)
    return nanjing >= zhejiang


def _read_time(m: re.Match, pub_year: int | None) -> _Time | None:
    g = m.group
    if g("period"):
        period = lx.PERIOD_PHRASES[g("period").lower()]
        year, known = None, True
        y = g("pyear") or g("pyear2")
        if y:
            year = int(y)
        elif g("prel") and g("prel").lower() != "the":
            off = {"this": 0, "last": -1, "next": 1}[g("prel").lower()]
            year = pub_year + off if pub_year else None
            known = pub_year is not None
            return _Time(m.start(), m.end(), year, period, known,
                         rel={0: "this", -1: "last", 1: "next"}[off])
        return _Time(m.start(), m.end(), year, period, known)
    if g("mfrom"):
        m1, m2 = lx.MONTHS[g("m1").lower()], lx.MONTHS[g("m2").lower()]
        year, known = (int(g("myear")) if g("myear") else None), True
        if g("mrel"):
            off = 0 if g("mrel").lower() == "this" else -1
            year = pub_year + off if pub_year else None
            known = pub_year is not None
        period = f"M{m1:02d}" if m1 == m2 else f"M{m1:02d}-M{m2:02d}"
        return _Time(m.start(), m.end(), year, period, known)
    if g("rel"):
        rel = g("rel").lower()
        off = {"this": 0, "the same": 0, "same": 0, "last": -1, "the previous": -1, "previous": -1,
               "past": -1, "the past": -1, "next": 1}[rel]
        if rel in ("the same", "same"):
            return None
        year = pub_year + off if pub_year else None
        return _Time(m.start(), m.end(), year, None, pub_year is not None,
                     rel={0: "this", -1: "last", 1: "next"}[off])
    if g("yrange"):
        return _Time(m.start(), m.end(), None, None, False)
    if g("year"):
        return _Time(m.start(), m.end(), int(g("year")), None, True)
    if g("month"):
        month = lx.MONTHS[g("month").lower()]
        if g("month").lower() == "may" and not g("monthyear"):
            return None  # "in May" is often the verb phrase "in may"; keep only with a year
        year = int(g("monthyear")) if g("monthyear") else None
        return _Time(m.start(), m.end(), year, f"M{month:02d}", True)
    return None


# ---------------------------------------------------------------------------------------
# figure-hood
# ---------------------------------------------------------------------------------------

def _words_after(text: str, pos: int, limit: int, n: int = 8) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN.finditer(text, pos, limit):
        out.append((m.group(0), m.start(), m.end()))
        if len(out) >= n:
            break
    return out


def _counted_noun(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The noun a bare number counts: "27 large-scale enterprises already" -> enterprise.

    Words inside quotes belong to the phrase ('131 "Mountain Livestreaming" Workshops').
    Returns (singular noun or None, position after the noun phrase).
    """
    head, head_end, seen, in_quote = None, pos, 0, False
    for m in _TOKEN.finditer(text, pos, limit):
        w = m.group(0)
        if w in "“‘" or (w == '"' and not in_quote):
            in_quote = True
            continue
        if w in "”’" or w == '"':
            in_quote = False
            continue
        if not w[0].isalpha():
            break
        lw = w.lower()
        if not in_quote:
            if lw.endswith(("’s", "'s")):
                return _singular(lw[:-2]), m.end()
            if lw.endswith(("’", "'")) and len(lw) > 2:
                return _singular(lw[:-1]), m.end()
            if lw in lx.NP_STOP:
                if seen:
                    break
                return None, pos
        head, head_end = lw, m.end()
        seen += 1
        if seen >= 8:
            break
    if head is None:
        return None, pos
    return _singular(head), head_end


def _singular(word: str) -> str:
    w = word.strip("’'").lower()
    if w in lx.SINGULAR:
        return lx.SINGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _is_plural(word: str) -> bool:
    w = word.lower()
    return (w in lx.SINGULAR and lx.SINGULAR[w] != w) or (w.endswith("s") and not w.endswith(("ss", "us", "is")))


@dataclass(slots=True)
class _Fig:
    m: Mention
    unit: str
    counted: str | None = None
    role: str = "level"
    approx: str = "exact"
    per: str | None = None
    is_target: bool = False
    year: int | None = None
    period: str | None = None
    region: str = "Lishui"
    subject: str = ""
    metric: str = ""
    sentence: Sentence | None = None


def _figure(ctx: DocContext, m: Mention, s: Sentence) -> _Fig | None:
    """Return a _Fig when mention `m` is a figure, else None."""
    text = ctx.text
    start, end = m.start, m.end
    if ctx.lay.in_label(start, end):
        return None
    left = text[max(s.start, start - 60):start]
    right = text[m.num_end:min(s.end + 1, m.num_end + 60)]
    after_unit = text[end:min(len(text), end + 60)]
    kind = m.kind
    unit = m.unit

    # names, codes, list markers
    if kind in ("digits", "word") and unit is None:
        if _LABEL_LEFT.search(left) or _LABEL_RIGHT.match(right) or _PLUS_LEFT.search(left):
            return None
    if kind == "digits":
        if _LABEL_RIGHT.match(right) and unit is None:
            return None
        if right[:1].isalpha() and unit is None and m.scale == 1.0:
            return None  # 5G, 3D
        if _PLUS_LEFT.search(left) or re.match(r"\s*\+\s*\d", right):
            return None  # "5+5", "1+3+1"
        if unit is None and m.scale == 1.0 and _LIST_MARKER.match(text[max(s.start, start - 2):start]) \
                and re.match(r"[.)、]\s", right) and start - s.start <= 2:
            return None
        if re.match(r"(?:st|nd|rd|th)\b", right, re.IGNORECASE):
            kind = "ordinal"
            m.kind = "ordinal"
            unit = "rank"
    # dates
    if kind in ("digits", "ordinal") and unit in (None, "rank"):
        if _DATE_LEFT.search(left) or _DATE_RIGHT.match(right):
            return None
    # years
    if kind == "digits" and unit is None and m.scale == 1.0 and "," not in text[start:m.num_end] \
            and "." not in text[start:m.num_end] and 1950 <= m.number <= 2100:
        noun, _ = _counted_noun(text, m.num_end, s.end)
        nxt = text[m.num_end:m.num_end + 30].split()
        plural_next = bool(nxt) and _is_plural(nxt[0].strip(",.;:")) and nxt[0][0].islower()
        if not (plural_next and re.search(r"(?:more than|over|about|nearly|some|total of|with|had|has|have|of)\s*$", left)):
            return None
    # durations and ages
    if unit is None:
        if _DURATION_RIGHT.match(right) and kind in ("digits", "word"):
            return None
        if _AGE_LEFT.search(left):
            return None
    if kind in ("digits", "word") and unit is None and _VAGUE_RIGHT.match(right):
        return None

    if kind == "word" and text[start].isupper() and re.match(r"\s+[A-Z]", after_unit):
        return None  # "Three Rivers Estuary", "Ten Thousand Villages": a name
    fig = _Fig(m=m, unit=unit or "count", sentence=s)
    if kind == "ordinal":
        if not _is_rank(text, left, after_unit, m):
            return None
        fig.unit = "rank"
        return fig
    if kind == "fraction":
        low = text[start:end].lower()
        if "half" in low:
            prev = text[max(0, start - 12):start].lower()
            if re.search(r"(?:first|second|and a|one and|a|-)\s*$", prev) and low == "half":
                return None
            if not _HALF_OK.match(after_unit) and not re.search(r"(?:for|by|than|to|about|nearly|over)\s*$", prev):
                return None
        return fig
    if kind == "multiple":
        return fig
    # top N: a rank
    if _TOP_LEFT.search(left) and unit is None and m.scale == 1.0:
        if _RANK_LEFT.search(text[max(s.start, start - 80):start]) or re.match(r"\s*(?:\w+\s+)?(?:positions?|places?|spots?|ranks?)\b", right, re.IGNORECASE):
            fig.unit = "rank"
            fig.approx = "under"
            return fig
        return None
    if unit == "multiple" and m.unit_surface == "times":
        if not (_TIMES_MULTIPLE_RIGHT.match(after_unit) or _TIMES_MULTIPLE_LEFT.search(left)):
            fig.unit = "count"
            fig.counted = "time"
        return fig
    if unit is not None:
        return fig
    if m.scale != 1.0:
        return _scaled_without_unit(text, fig, m, s, left)
    # a bare number: it counts something, or is a denominator, or nothing
    if _PEOPLE_RIGHT.match(right) and m.number in (100, 1000, 10000, 100000) and _PER_PEOPLE.search(left):
        return None  # "per 10,000 people": the rate's denominator
    noun, _ = _counted_noun(text, end, s.end)
    if kind == "word":
        low = text[start:m.num_end].lower()
        nxt_amount = re.match(r"\s+(?:" + r"\d[\d,.]*\s*(?:billion|million|thousand|trillion|10,000)|"
                              r"\d[\d,.]*\s*-\s*(?:billion|million))", right, re.IGNORECASE)
        if nxt_amount:
            fig.counted = _counted_after_amount(text, end, s.end)
            return fig
        if low in ("one", "a dozen") and not re.search(r"(?:than|least|only|just)\s*$", left):
            return None
        if _ONE_OF.match(right):
            return None
        if noun is None or noun in lx.NOT_COUNT_NOUNS:
            return None
        fig.counted = noun
        return fig
    if _ONE_OF.match(right) and m.number == 1:
        return None
    fig.counted = noun
    return fig


_MONEY_CLASS_NOUNS = {"level", "mark", "step", "class", "threshold", "scale", "tier", "category", "yuan",
                      "grade", "scale", "line", "milestone", "size"}
_SIZE_CLASS_NOUNS = {"project", "enterprise", "company", "cluster", "industry", "base", "platform",
                     "park", "chain", "group", "firm", "investment"}
_PEOPLE_CUES = re.compile(r"\b(?:population|people|residents|inhabitants|visitors|tourists|"
                          r"passengers|workers|users|customers|households|person-times|trips)\b", re.IGNORECASE)


def _scaled_without_unit(text: str, fig: "_Fig", m: Mention, s: Sentence, left: str) -> "_Fig":
    """"10 billion mark", "two 5 billion projects" (money) vs "1.77 million patients" (count)."""
    noun, _ = _counted_noun(text, m.end, s.end)
    if noun in _MONEY_CLASS_NOUNS or (noun in _SIZE_CLASS_NOUNS and m.scale >= 1e8):
        fig.unit = "CNY"
    elif noun:
        fig.counted = noun
    elif _PEOPLE_CUES.search(left[-50:]):
        fig.counted = "person"
    else:
        fig.unit = "CNY"
    return fig


def _counted_after_amount(text: str, pos: int, limit: int) -> str | None:
    am = re.match(r"\s+\d[\d,.]*\s*-?\s*(?:billion|million|thousand|trillion|10,000)(?:\s*-?\s*(?:yuan|rmb))?",
                  text[pos:limit], re.IGNORECASE)
    if not am:
        return None
    noun, _ = _counted_noun(text, pos + am.end(), limit)
    return noun


def _is_rank(text: str, left: str, right: str, m: Mention) -> bool:
    if _ORDINAL_NEXT_BAD.match(right) and not re.search(r"\brank(?:ed|ing|s)?\s+(?:the\s+)?$", left, re.IGNORECASE):
        return False
    if _RANK_LEFT.search(left):
        return True
    if _RANK_RIGHT.match(right) and (_RANK_WEAK_LEFT.search(left) or _RANK_LEFT.search(left)
                                     or re.search(r"(?:^|\s)(?:it|its|the|and|all|both|was|is|a|,)\s*$", left)
                                     or left.strip() == ""):
        return True
    if re.match(r"\s*(?:place|position|spot)\b", right, re.IGNORECASE):
        return True
    return False


# ---------------------------------------------------------------------------------------
# context
# ---------------------------------------------------------------------------------------

def _approx(ctx: DocContext, f: _Fig, left: str, after: str) -> str:
    if f.approx != "exact":
        return f.approx
    m = f.m
    if m.plus or _QUAL_AFTER.match(after):
        return "over" if not re.match(r"\s*or so", after) else "about"
    tail = left[-50:]
    if _ABOUT.search(tail):
        return "about"
    if _UNDER.search(tail):
        if re.search(r"\bup to\s*(?:the\s+)?$", tail, re.IGNORECASE) and re.search(r"\b(?:go|goes|went|going|gone|moved?|jump\w*|climb\w*|risen|rose|rise)\s+up to\s*$", tail, re.IGNORECASE):
            return "exact"
        return "under"
    if _OVER.search(tail) or _THRESHOLD.search(tail):
        if re.search(r"\b(?:increase|growth|rise|up|increased|grew|rose)\s+(?:by\s+)?over\s*$", tail, re.IGNORECASE):
            return "over"
        return "over"
    return "exact"


def _role(ctx: DocContext, f: _Fig, prev: _Fig | None, clause_left: str, after: str, left60: str) -> str:
    unit = f.unit
    if unit == "rank":
        return "rank"
    if unit == "multiple":
        return "growth" if f.m.kind == "multiple" or _GROWTH_WORDS.search(clause_left) else "level"
    if unit == "percentage_point":
        if _DIFF_RIGHT.match(after) or _DIFF_LEFT.search(clause_left):
            return "difference"
        if _GROWTH_BY_LEFT.search(left60) or _GROWTH_WORDS.search(clause_left[-30:]):
            return "growth"
        return "difference"
    if unit == "percent":
        if f.m.kind == "fraction":
            return "share"
        if _PAREN_PLUS.search(left60):
            return "growth"
        if _BENCHMARK_LEFT.search(left60):
            return "benchmark"
        if _DIFF_RIGHT.match(after) and re.search(r"\b(?:than|average|level)\b", after[:60], re.IGNORECASE):
            return "difference"
        if _GROWTH_RIGHT.match(after) or _DECLINE_RIGHT.match(after):
            return "growth"
        if _SHARE_RIGHT.match(after):
            return "share"
        cue = _nearest_cue(clause_left)
        if cue:
            return cue
        if prev is not None and prev.unit == "percent" and prev.sentence is f.sentence \
                and not re.search(r"[.;]", ctx.text[prev.m.end:f.m.start]) and clause_left.strip(" ,and") == "":
            return prev.role
        return "share"
    # money, counts and measures
    if _GROWTH_BY_LEFT.search(left60):
        return "growth"
    if _GROWTH_RIGHT.match(after) or _DECLINE_RIGHT.match(after):
        if unit != "count":
            return "growth"
    if _DIFF_RIGHT.match(after) and re.search(r"\bthan\b", after[:40], re.IGNORECASE) and unit != "count":
        return "difference"
    if _BENCHMARK_LEFT.search(left60) and re.search(r"\baverages?\b", left60, re.IGNORECASE):
        return "benchmark"
    return "level"


def _nearest_cue(clause_left: str) -> str | None:
    """Role from the cue word closest to the figure in the text before it."""
    best, best_pos = None, -1
    for pat, role in ((_GROWTH_WORDS, "growth"), (_DECLINE_WORDS, "decline"), (_SHARE_WORDS, "share")):
        for mm in pat.finditer(clause_left):
            if mm.start() > best_pos:
                best_pos, best = mm.start(), role
    if best == "decline":
        return "growth"
    if best is None:
        return None
    return best


def _negative(f: _Fig, clause_left: str, after: str, left60: str) -> bool:
    if f.m.negative:
        return False  # already signed
    if f.role == "growth":
        near = left60[-45:]
        if re.search(r"\b(?:down|decreas\w*|declin\w*|fell|fall\w*|drop\w*|shr\w*|contract\w*|reduc\w*|"
                     r"negative growth of|lower)\b[^%\d]{0,30}$", near, re.IGNORECASE):
            return True
        if _DECLINE_RIGHT.match(after):
            return True
    if f.role == "difference" and _DIFF_NEG_RIGHT.match(after):
        return True
    return False


def _sentence_target_cues(ctx: DocContext, s: Sentence) -> dict:
    """Positions of plan cues in a sentence, and whether the sentence itself reads as a plan."""
    info = s.cache.get("target")
    if info is None:
        text = ctx.text
        strong = [mm.start() for mm in _TARGET.finditer(text, s.start, s.end)]
        past = bool(_PAST.search(text, s.start, s.end))
        weak = [] if past else [mm.start() for mm in _TARGET_WEAK.finditer(text, s.start, s.end)]
        imperative = bool(_IMPERATIVE.match(text, s.start, s.end))
        info = {"cues": sorted(strong + weak), "weak": set(weak), "strong": bool(strong),
                "imperative": imperative, "past": past,
                "goal_frame": bool(_GOAL_FRAME.search(text, s.start, s.end)) and bool(strong)}
        s.cache["target"] = info
    return info


def _target(ctx: DocContext, f: _Fig, s: Sentence) -> bool:
    text = ctx.text
    info = _sentence_target_cues(ctx, s)
    start = f.m.start
    _, clause_end = clause_bounds(text, s, start)
    for c in reversed(info["cues"]):
        if c < start:
            if c in info["weak"] and f.year is not None and ctx.ref_year and f.year < ctx.ref_year:
                continue  # "to promote 51 projects" in a paragraph about an earlier year
            return not _TARGET_RESET.search(text, c, start)
        if c < clause_end and re.match(r"(?:target|goal)", text[c:c + 6], re.IGNORECASE) and c - f.m.end < 25:
            return True  # "100 million yuan target"
    if info["imperative"]:
        return True
    # a sentence right after one that announced goals continues the list of goals
    if s.index > 0 and not info["past"]:
        prev = ctx.lay.sentences[s.index - 1]
        if prev.paragraph == s.paragraph and _sentence_target_cues(ctx, prev)["goal_frame"]:
            return True
    return False


def _time(ctx: DocContext, f: _Fig, s: Sentence) -> tuple[int | None, str | None]:
    times, starts = ctx.times, ctx.time_starts
    start = f.m.start
    c0, c1 = clause_bounds(ctx.text, s, start)
    lo = bisect.bisect_left(starts, s.start)
    hi = bisect.bisect_left(starts, s.end)
    in_sentence = [t for t in times[lo:hi] if t.blocks]
    chosen = None
    # 1. same clause, nearest
    same = [t for t in in_sentence if c0 <= t.start < c1]
    if same:
        chosen = min(same, key=lambda t: abs(t.start - start))
    else:
        leftward = [t for t in in_sentence if t.start < start]
        if leftward:
            chosen = leftward[-1]
        elif in_sentence:
            chosen = in_sentence[0]
    outer_year = None
    if chosen is None or (chosen.year is None and chosen.known and chosen.period is not None):
        # 2. carry the last time frame of earlier sentences of the paragraph
        p_start = ctx.lay.paragraph_starts[s.paragraph]
        plo = bisect.bisect_left(starts, p_start)
        earlier = [t for t in times[plo:lo] if t.blocks]
        if earlier:
            carried = earlier[-1]
            if chosen is None:
                chosen = carried
            else:
                outer_year = carried.year
    if chosen is None:
        return None, None
    year = chosen.year if chosen.year is not None else outer_year
    return year, chosen.period


def _region(ctx: DocContext, f: _Fig, s: Sentence, left60: str) -> str:
    places, starts = ctx.places, ctx.place_starts
    start = f.m.start
    text = ctx.text
    if f.counted == "country":
        return "Other"  # "from 60+ countries": a figure about the world, not a place in it
    if f.role == "benchmark":
        sm = _AVERAGE_SCOPE.search(left60)
        if sm:
            scope = sm.group("scope").lower()
            if scope.startswith(("provinc", "the province", "zhejiang", "jiangsu")):
                return ctx.province_region if not scope.startswith("zhejiang") else "Zhejiang"
            if scope.startswith(("nation", "country", "the country", "china")):
                return "China"
    c0, c1 = clause_bounds(text, s, start)
    lo = bisect.bisect_left(starts, s.start)
    hi = bisect.bisect_left(starts, s.end)
    sent_places = [p for p in places[lo:hi] if p.kind != "container"]

    def pick(cands):
        counties = [p for p in cands if p.kind == "specific" and p.region not in ("Lishui", "Nanjing-Lishui")]
        if counties:
            return counties[-1].region
        spec = [p for p in cands if p.kind == "specific"]
        if spec:
            return spec[-1].region
        refs = [p for p in cands if p.kind == "city-ref"]
        if refs:
            return ctx.main_region
        return None

    # 1. the clause: places before the figure, or "in <place>" right after it
    clause_left = [p for p in sent_places if c0 <= p.start < start]
    r = pick(clause_left)
    if r:
        return r
    right_adj = [p for p in sent_places if f.m.end <= p.start < f.m.end + 25 and p.kind == "specific"
                 and re.search(r"\b(?:in|of|from)\s+(?:the\s+)?$", text[f.m.end:p.start])]
    if right_adj:
        return right_adj[0].region
    # 2. the sentence before the figure, then after it
    r = pick([p for p in sent_places if p.start < start])
    if r:
        return r
    r = pick([p for p in sent_places if p.kind == "specific" and p.start >= f.m.end])
    if r:
        return r
    # 3. a province, the nation or another place as the subject of the sentence
    for p in sent_places:
        if p.kind in ("broad", "other") and p.start < start and (p.possessive or p.start - s.start < 4) \
                and not _SUPERLATIVE_NEXT.match(text, p.end + (2 if p.possessive else 0)):
            return p.region
    # 4. the last earlier sentence of the paragraph that names a place, when it names one
    p_start = ctx.lay.paragraph_starts[s.paragraph]
    for prev in reversed(ctx.lay.sentences[:s.index]):
        if prev.start < p_start:
            break
        named = {p.region for p in places[bisect.bisect_left(starts, prev.start):bisect.bisect_left(starts, prev.end)]
                 if p.kind == "specific"}
        if named:
            return named.pop() if len(named) == 1 else ctx.main_region
    return ctx.main_region


def _per(f: _Fig, left60: str, after: str) -> str | None:
    pm = re.match(r"\s*(?:yuan\s+)?(?:per|a|an|each|every|for each)\s+(capita|person|head|mu|household|year|month|day|"
                  r"hectare|square kilometer|square kilometre|ton|kwh|worker|employee|resident|"
                  r"student|enterprise|cubic (?:foot|meter|metre)|\d[\d,]*\s+\w+)\b", after, re.IGNORECASE)
    if pm:
        w = pm.group(1).lower()
        return {"capita": "person", "head": "person", "worker": "person", "employee": "person",
                "resident": "person", "square kilometre": "square kilometer"}.get(w, w)
    if re.match(r"\s*(?:\w+\s+){0,3}?(?:annually|every year|per year|a year|each year)\b", after, re.IGNORECASE):
        if re.search(r"\bon average\b", after[:60], re.IGNORECASE):
            return "person"
        return "year"
    if re.match(r"\s*per capita\b", after, re.IGNORECASE):
        return "person"
    if re.search(r"\bper capita\b", left60, re.IGNORECASE):
        return "person"
    if f.role == "growth" and re.search(r"\baverage annual\b|\bannual average\b", left60, re.IGNORECASE):
        return "year"
    if f.unit == "count":
        pm = re.search(r"\b(?:per|for|by|owned by)\s+(\d[\d,]*\s+people)\b", left60, re.IGNORECASE)
        if pm:
            return pm.group(1).lower()
    return None


def _metric(ctx: DocContext, f: _Fig, s: Sentence, clause_left: str, after: str) -> str:
    text = ctx.text
    if f.unit == "count" and f.counted:
        base = f"number of {f.counted}s" if not f.counted.endswith("s") else f"number of {f.counted}"
    else:
        rm = _METRIC_RIGHT.match(after)
        if rm:
            base = rm.group(1).lower()
        else:
            sent_left = text[max(s.start, f.m.start - 160):f.m.start]
            found = None
            for mm in _METRIC_HEADS.finditer(sent_left):
                found = mm.group(0)
            base = found.lower().strip() if found else ""
    if f.role == "growth" and base:
        return base if "growth" in base else f"{base} growth"
    if f.role == "rank":
        return f"rank of {base}" if base else "rank"
    return base


def _subject(ctx: DocContext, f: _Fig, s: Sentence) -> str:
    text = ctx.text
    sent_left = text[s.start:f.m.start]
    best = None
    for mm in _ENTITY.finditer(sent_left):
        best = mm.group(0).strip()
    if best:
        return best
    return f.region


# ---------------------------------------------------------------------------------------

def extract_figures(text: str) -> list[dict]:
    """Every figure in `text`, in order, as dicts of the extraction contract."""
    ctx = DocContext(text)
    figs: list[_Fig] = []
    lay = ctx.lay
    sent_idx = 0
    sentences = lay.sentences
    for m in find_mentions(text):
        while sent_idx + 1 < len(sentences) and sentences[sent_idx + 1].start <= m.start:
            sent_idx += 1
        s = sentences[sent_idx]
        borrow_unit(text, m, s.end)
        f = _figure(ctx, m, s)
        if f is None:
            continue
        figs.append(f)
    out = []
    prev: _Fig | None = None
    for f in figs:
        s = f.sentence
        m = f.m
        c0, _ = clause_bounds(text, s, m.start)
        clause_left = text[c0:m.start]
        left60 = text[max(s.start, m.start - 70):m.start]
        after = text[m.end:min(len(text), m.end + 80)]
        f.approx = _approx(ctx, f, left60, after)
        f.role = _role(ctx, f, prev if prev is not None and prev.sentence is s else None, clause_left, after, left60)
        value = m.value
        if _negative(f, clause_left, after, left60):
            value = -abs(value)
        f.year, f.period = _time(ctx, f, s)
        f.is_target = _target(ctx, f, s)
        f.region = _region(ctx, f, s, left60)
        f.per = _per(f, left60, after)
        f.metric = _metric(ctx, f, s, clause_left, after)
        f.subject = _subject(ctx, f, s)
        if f.unit == "count" and f.counted is None and m.unit_surface in lx.UNIT_COUNTED:
            f.counted = lx.UNIT_COUNTED[m.unit_surface]
        number = m.number if value >= 0 else -abs(m.number)
        out.append({
            "char_start": m.start,
            "char_end": m.end,
            "text": text[m.start:m.end],
            "sentence": text[s.start:s.end],
            "number": number,
            "scale_word": m.scale_surface or None,
            "unit_word": (m.unit_surface or m.currency_prefix or None),
            "unit_hint": f.unit,
            "counted": f.counted if f.unit == "count" else None,
            "per": f.per,
            "approx": f.approx,
            "role": f.role,
            "is_target": f.is_target,
            "year": f.year,
            "period": f.period,
            "region": f.region,
            "subject": f.subject,
            "metric": f.metric,
        })
        prev = f
    return out
