"""Which number mentions are figures: not dates, years, durations, list markers or names.

`Document` scans a text once (see scan.py) and `candidates()` yields the mentions that are
figures, each as a `Figure` with its unit and counted noun; context.py reads the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .mentions import Mention, borrow_unit, read_digits, read_word
from .scan import (ANCHOR, NUMBER_WORDS, PLACE_NAMES, PLACE_REFS, RELATIVE, ORDINAL_TIME, Place, Time,
                   _DATE_AT, _DAY_MONTH, _YEAR_RANGE, lower, mark_containers, not_a_frame, read_place,
                   read_time, trie_pattern)
from .segment import Layout, Sentence, layout

_TIME_WORDS = set(lx.MONTHS) | ORDINAL_TIME | RELATIVE | {"q1", "q2", "q3", "q4", "h1", "h2"}
_PLACE_WORDS = PLACE_NAMES | PLACE_REFS

# --- not a figure ----------------------------------------------------------------------
_MONTH_BEFORE = re.compile(r"(?<![a-z])(?:" + trie_pattern(lx.MONTHS) + r")\.?\s*$")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s*(?:of\s+)?(?:" + trie_pattern(lx.MONTHS) + r")(?![a-z])")
_DURATION_AFTER = re.compile(
    r"[\s-]*(?:(?:consecutive|straight|successive|full|whole|calendar|more|long|short|working|"
    r"natural|fiscal|academic|school|light)[\s-]+)?(?:years?|months?|weeks?|days?|hours?|minutes?|"
    r"seconds?|decades?|centur(?:y|ies)|yrs?|a\.m\.|p\.m\.|am\b|pm\b|o'clock)(?![a-z])")
_AGE_BEFORE = re.compile(r"(?:aged|age|ages|over the age of|under the age of)\s*$")
_LABEL_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:Class|Grade|Level|Phase|No\.|No|Nos\.|Number|Line|Route|Type|Article|Section|"
    r"Chapter|Version|Model|Room|Gate|Exit|Block|Building|Plan|Item|Vol\.|Lot|Zone|Station|"
    r"Terminal|Platform|Category|Tier|Star|Expo|Summit|Team|Road|Street|Avenue|Highway|"
    r"Expressway|Berth|Pier|Wharf|Unit|Batch|Program|Programme|Project|Initiative|Action|"
    r"Strategy|Policy|Forum|Award|Prize|Cup|Games|Index|Fortune|Industry|Lishui|Zhejiang|China|"
    r"Jingning|Songyang|Longquan|Qingtian|Jinyun|Suichang|Yunhe|Qingyuan|Liandu)\s*$")
_LABEL_AFTER = re.compile(
    r"(?:[a-z](?![a-z]{2})|\s*\+\s*\d|\.\d|\s?(?:five-year|plenary|party congress|national congress|"
    r"anniversary|session|edition|generation)|-(?:star|level|storey|story|floor|lane|digit|year|month|"
    r"day|hour|minute|member|point|character|word|inch|seat)(?![a-z]))")
_PLUS_BEFORE = re.compile(r"\d\s*\+\s*$")
_LIST_AFTER = re.compile(r"[.)、]\s")
_PEOPLE_AFTER = re.compile(r"\s*(?:people|persons|residents|inhabitants|population|permanent residents|"
                           r"urban residents|rural residents)(?![a-z])")
_PER_BEFORE = re.compile(r"(?:per|every|for every|each|for|by|among|of|owned by)\s*$")
_ONE_OF = re.compile(r"\s*(?:of|another|other|by one|to one|on one|-to-|-stop|-off|-time|-on-one|-way|'s)(?![a-z])")
_HALF_OF = re.compile(r"\s*(?:of|the)(?![a-z])")
_VAGUE_AFTER = re.compile(r"\s*(?:of\s+(?:thousands|millions|billions|hundreds)|dozen)")
_AMOUNT_AFTER = re.compile(r"\s+\d[\d,.]*\s*-?\s*(?:billion|million|thousand|trillion|10,000)(?![a-z])"
                           r"(?:\s*-?\s*(?:yuan|rmb))?")
_QUANTITY_BEFORE = re.compile(r"(?:more than|over|about|nearly|some|total of|with|had|has|have|of|than|"
                              r"exceeding|around|almost)\s*$")

_CODE_AT = re.compile(r"0\d+(?:[-\s]\d{3,})+|0\d{2,}(?![\d.,])|\d{3,4}-\d{7,8}(?!\d)")
_AGE_AFTER_NAME = re.compile(r"[A-Z][a-z]+,\s+$")
_VERSION_BEFORE = re.compile(r"(?<![a-z])(?:version|ver\.|v\.?)\s*$")
_NOUN_AFTER = re.compile(r"\s+(?!and|or|to|was|were|is|are|the|a|an|in|of)[a-z][a-z-]+")
_TIME_PREPOSITION = re.compile(r"(?<![a-z])(?:in|by|of|for|since|during|until|till|before|after|from|to|as of)\s+$")
_NUMBER_SIGN_BEFORE = re.compile(r"(?:no\.|no|number|#)\s*$")
_THE_BEFORE = re.compile(r"(?<![a-z])(?:the|these|those|both)\s+$")
_PLUS_AFTER = re.compile(r"\s*\+\s*\d")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_HALF_PERIOD = re.compile(r"(?:first|second|and a|one and|a|-)\s*$")
_HALF_QUANTITY = re.compile(r"(?:for|by|than|to|about|nearly|over)\s*$")
_ONE_QUALIFIED = re.compile(r"(?:than|least|only|just)\s*$")


def _plus_before(left: str) -> bool:
    """"5+5", "1+3+1": the number follows a plus sign after a digit."""
    return left.rstrip().endswith("+") and bool(_PLUS_BEFORE.search(left))


# --- ranks -----------------------------------------------------------------------------
_RANK_VERB_BEFORE = re.compile(
    r"(?<![a-z])(?:rank(?:ed|ing|s)?|plac(?:ed|ing|es)|came|coming|finish(?:ed|ing)|stood|standing|"
    r"secur(?:ed|ing|es)|t(?:ook|aking|akes)|w(?:on|inning|ins)|occup(?:ied|ying|ies)|"
    r"held|holding|holds|remain(?:ed|s|ing)?|retain(?:ed|ing|s)?|clinch(?:ed|ing)?|entered|entering|"
    r"enter|among|into|reach(?:ed|ing)?|jump(?:ed|ing)?|climb(?:ed|ing)?|rose|rising|made|making)"
    r"(?:\s+(?:it|them|the city|lishui|all|again|once again|firmly|steadily|consistently|still|"
    r"among|the|top|at|in|as|no\.|number))*\s*$")
_RANK_WEAK_BEFORE = re.compile(r"(?<![a-z])(?:is|was|are|were|be|been|being|became|become|all|both|"
                               r"the|it|them|and|its|a)\s*$|,\s*$|^\s*$")
_RANK_AFTER = re.compile(
    r"\s*(?:place|places|position|positions|spot|spots|in\s+(?:the\s+)?(?:province|country|nation|city|"
    r"prefecture|world|region|district|whole|zhejiang|china|jiangsu|provincial|national|list|ranking|"
    r"rankings|growth|terms|its|east|the)|province-?wide|nation-?wide|city-?wide|among|"
    r"within\s+(?:the\s+)?(?:province|country|city|zhejiang)|nationally|globally|worldwide|"
    r"for\s+\S+\s+consecutive|only\s+to)")
_NOT_RANK_AFTER = re.compile(r"(?:-|\s+(?:" + trie_pattern(lx.ORDINAL_NOT_RANK_NEXT) + r")(?![a-z]))")
_POSITIONS_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:positions?|places?|spots?|ranks?)(?![a-z])")
_RANKED_THE = re.compile(r"(?<![a-z])rank(?:ed|ing|s)?\s+(?:the\s+)?$")
_PLACE_AFTER = re.compile(r"\s*(?:place|position|spot)(?![a-z])")
_TOP_CONTEXT = re.compile(r"(?:(?<![a-z])(?:among|in|into|entered|entering|enter|ranked|ranking|ranks|rank|"
                          r"made|making|remained|remain|stayed|reached|joined|occupied|occupying|"
                          r"occupy|held|holds|placed|of)(?:\s+(?:the|firmly))*|['’]s)\s+top\s*$")
_TIMES_MULTIPLE_AFTER = re.compile(
    r"\s*(?:that|those|the|as|higher|more|larger|bigger|greater|over|compared|of|what)(?![a-z])")
_TIMES_MULTIPLE_BEFORE = re.compile(
    r"(?<![a-z])(?:increas\w*|grew|grow\w*|rose|ris\w*|expand\w*|multipl\w*|up|reach\w*|is|was|"
    r"were|are|by|nearly|about|over|some|approximately|around)\s*$")

# --- counted nouns -----------------------------------------------------------------------
_TOKEN = re.compile(r"[“”\"‘]|[a-z][a-z’'-]*|\d[\d,.]*|[^\sa-z\d]")
_MONEY_CLASS_NOUNS = {"level", "mark", "step", "class", "threshold", "scale", "tier", "category", "yuan",
                      "grade", "line", "milestone", "size"}
_SIZE_CLASS_NOUNS = {"project", "enterprise", "company", "cluster", "industry", "base", "platform",
                     "park", "chain", "group", "firm", "investment"}


@dataclass(slots=True)
class Figure:
    m: Mention
    sentence: Sentence
    unit: str
    clause: tuple[int, int] = (0, 0)
    np_end: int = 0  # end of the noun phrase a count counts
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
    value: float = 0.0


class Document:
    """One text, scanned once: its layout, mentions, places and time expressions."""

    def __init__(self, text: str):
        self.text = text
        self.low = lower(text)
        self.lay: Layout = layout(text)
        self.pub_year, self.pub_month, self.pub_day = publication_date(text, self.low)
        self.nanjing = is_nanjing(self.low)
        self.province = "Other" if self.nanjing else "Zhejiang"
        self.mentions: list[Mention] = []
        self.places: list[Place] = []
        self.times: list[Time] = []
        self.cues = None  # plan and past cues, read by context.py
        self._scan()
        mark_containers(text, self.places)
        self.main_region = self._main_region()
        mark_containers(text, self.places, self.main_region)
        # "the city": Lishui, or the county-level city an article about Longquan calls "the city"
        self.city_region = "Nanjing-Lishui" if self.nanjing else (
            "Lishui" if self.main_region in lx.COUNTIES.values() and self.main_region not in lx.COUNTY_LEVEL_CITIES
            else self.main_region)
        self.frame: tuple[int | None, str | None] = (None, None)  # set by context.document_frame

    def frame_blocked(self, f: "Figure") -> bool:
        """A plan is not dated by the document's reporting year."""
        return f.is_target

    def _scan(self) -> None:
        text, low = self.text, self.low
        skip = 0
        for am in ANCHOR.finditer(low):
            i = am.start(1)
            if i < skip:
                continue
            w = am.group(1)
            if w[0].isdigit():
                skip = self._digits(i, am.end())
                continue
            if w in _TIME_WORDS:
                t = read_time(text, low, i, w, self.pub_year)
                if t is not None:
                    if not_a_frame(low, t):
                        t.frame = False
                    self.times.append(t)
                    skip = t.end
                    continue
            if w in _PLACE_WORDS:
                p = read_place(text, low, i, am.end(), w, self.nanjing, self.province)
                if p is not None:
                    self.places.append(p)
                continue
            if w in NUMBER_WORDS:
                m = read_word(low, i)
                if m is not None:
                    self.mentions.append(m)
                    skip = m.end

    def _digits(self, i: int, anchor_end: int) -> int:
        text, low = self.text, self.low
        cm = _CODE_AT.match(low, i)
        if cm:
            return cm.end()  # "0578-1234567", "010-62345678": a telephone number or code
        dm = _DATE_AT.match(low, i)
        if dm:
            y = dm.group(1) or dm.group(2)
            self.times.append(Time(i, dm.end(), int(y) if y else None, None, frame=bool(y)))
            return dm.end()
        dd = _DAY_MONTH.match(low, i)
        if dd and text[dd.start(2)].isupper():
            y = dd.group(3)
            self.times.append(Time(i, dd.end(), int(y) if y else None, None, frame=bool(y)))
            return dd.end()
        yr = _YEAR_RANGE.match(low, i)
        if yr and (len(yr.group(2)) == 4 or int(yr.group(2)) > int(yr.group(1)[2:])):
            t = Time(i, yr.end(), None, None)
            t.frame = not not_a_frame(low, t)
            self.times.append(t)
            return yr.end()
        m = read_digits(text, low, i)
        if m is None:
            return anchor_end
        self.mentions.append(m)
        return m.end

    def _main_region(self) -> str:
        """The place the document is about: Lishui District of Nanjing when it is that Lishui, else
        the place it names most (Lishui on a tie)."""
        if self.nanjing:
            return "Nanjing-Lishui"
        counts: dict[str, int] = {}
        for p in self.places:
            if p.kind in ("specific", "broad", "other") and not self.low.startswith("the ", p.start):
                counts[p.region] = counts.get(p.region, 0) + 1
        if not counts:
            return "Lishui"
        rank = {"Lishui": 4, "Zhejiang": 1, "China": 0, "Other": 0}
        return max(counts, key=lambda r: (counts[r], rank.get(r, 2)))

    # -- figures
    def candidates(self) -> list[Figure]:
        """The mentions that are figures, in order (years become time expressions)."""
        out: list[Figure] = []
        sentences = self.lay.sentences
        k = 0
        years: list[Time] = []
        for m in self.mentions:
            while k + 1 < len(sentences) and sentences[k + 1].start <= m.start:
                k += 1
            s = sentences[k]
            borrow_unit(self.low, m, s.end)
            f = _figure(self, m, s, years)
            if f is not None:
                out.append(f)
        if years:
            self.times = sorted(self.times + years, key=lambda t: t.start)
        return out


_PUB_DATE = re.compile(
    r"(?:updated|published|posted|released|release date|date|time)\s*[:：]?\s*"
    r"(?:(" + trie_pattern(lx.MONTHS) + r")\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)"
    r"|((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})"
    r"|(\d{1,2})\s+(" + trie_pattern(lx.MONTHS) + r")\.?,?\s+((?:19|20)\d\d))")


def publication_date(text: str, low: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a publication date written in the text ("Updated: Apr 25, 2024")."""
    m = _PUB_DATE.search(low, 0, min(len(low), 800)) or _PUB_DATE.search(low, max(0, len(low) - 400))
    if not m:
        return None, None, None
    g = m.groups()
    if g[2]:
        y, mo, d = int(g[2]), lx.MONTHS[g[0]], int(g[1])
    elif g[3]:
        y, mo, d = int(g[3]), int(g[4]), int(g[5])
    else:
        y, mo, d = int(g[8]), lx.MONTHS[g[7]], int(g[6])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return y, None, None
    return y, mo, d


def is_nanjing(low: str) -> bool:
    """True when the Lishui of the text is Lishui District of Nanjing (one clear clue is enough)."""
    nanjing = low.count("nanjing") + low.count("jiangsu") + 2 * low.count("lishui district")
    if not nanjing:
        return False
    zhejiang = low.count("zhejiang") + low.count("lishui city") + low.count("lishui municipal")
    zhejiang += sum(low.count(c) for c in lx.COUNTIES)
    return nanjing >= zhejiang


def _figure(doc: Document, m: Mention, s: Sentence, years: list[Time]) -> Figure | None:
    """A Figure when mention `m` is one, else None."""
    text, low = doc.text, doc.low
    start, end = m.start, m.end
    if doc.lay.in_label(start, end):
        return None
    left = low[max(s.start, start - 60):start]
    right = low[m.num_end:min(len(low), m.num_end + 60)]
    after = low[end:min(len(low), end + 60)]
    kind, unit = m.kind, m.unit

    if kind == "digits" and unit is None and m.scale == 1.0 and m.number.is_integer() \
            and 1950 <= m.number <= 2100 and text[start:m.num_end].isdigit():
        nxt = right.split(None, 1)
        plural_next = bool(nxt) and _is_plural(nxt[0].strip(",.;:")) and nxt[0][:1].isalpha()
        if not (plural_next and _QUANTITY_BEFORE.search(left)):
            t = Time(start, m.num_end, int(m.number), None)
            t.adjective = bool(_NOUN_AFTER.match(text, m.num_end)) and not _TIME_PREPOSITION.search(left[-12:])
            if doc.lay.in_label(start, m.num_end):
                t.frame = False
            elif not_a_frame(low, t):
                t.frame = False
            years.append(t)
            return None
    if kind == "digits" and unit is None and m.scale == 1.0 and _NUMBER_SIGN_BEFORE.search(left) \
            and m.number <= 100 and (_RANK_VERB_BEFORE.search(left[:_NUMBER_SIGN_BEFORE.search(left).start()])
                                     or _RANK_AFTER.match(right)):
        m.start -= len(_NUMBER_SIGN_BEFORE.search(left).group(0))  # "ranking No. 1 in the province"
        return Figure(m=m, sentence=s, unit="rank")
    if kind == "digits" and unit is None and m.scale == 1.0:
        prev_word = text[max(s.start, start - 16):start].split()[-1:]
        if (prev_word and prev_word[0][:1].isupper() and _LABEL_BEFORE.search(text, max(s.start, start - 16), start)) \
                or _LABEL_AFTER.match(right) or _plus_before(left):
            return None
        if right[:1].isalpha():
            return None  # "5G", "3D"
        if m.number < 120 and right.startswith(",") and _AGE_AFTER_NAME.search(text, max(s.start, start - 30), start):
            return None  # "Ye Lihua, 52, who runs ...": an age
        if _VERSION_BEFORE.search(left[-12:]):
            return None  # "version 3.0"
        if start - s.start <= 1 and _LIST_AFTER.match(right):
            return None  # "1. The added value ..."
        if left.endswith("(") and right.startswith(")") and m.number < 30:
            return None  # "(2)"
        digits = text[start:m.num_end]
        if len(digits) >= 4 and digits.isdigit() and left.endswith("the ") and not (1950 <= m.number <= 2100):
            return None  # "the 1315 chains", "the 8541 system": codes
    if kind == "digits" and (_plus_before(left) or _PLUS_AFTER.match(right)):
        return None
    if kind in ("digits", "ordinal") and unit in (None, "rank"):
        if text[start - 1:start].isspace() and _MONTH_BEFORE.search(left[-12:]) or _MONTH_AFTER.match(right):
            return None  # "June 13", "13 June", "May 20th"
    if unit is None:
        if kind in ("digits", "word") and _DURATION_AFTER.match(right):
            return None
        if "age" in left[-24:] and _AGE_BEFORE.search(left):
            return None
        if kind in ("digits", "word") and _VAGUE_AFTER.match(right):
            return None
    if kind == "word" and text[start].isupper() and _CAPITAL_NEXT.match(text, end):
        return None  # "Three Rivers Estuary", "Ten Thousand Villages": a name
    if kind == "word" and unit is None and m.scale == 1.0 and m.number <= 10 and _THE_BEFORE.search(left):
        return None  # "the two industries": a reference back, not a count

    fig = Figure(m=m, sentence=s, unit=unit or "count")
    if kind == "ordinal":
        return fig if _is_rank(left, after) else None
    if kind == "fraction":
        if m.number == 50.0 and "half" in low[start:end]:
            if _HALF_PERIOD.search(low, max(0, start - 12), start) and low[start:end] == "half":
                return None
            if not _HALF_OF.match(after) and not _HALF_QUANTITY.search(left):
                return None
        return fig
    if kind == "multiple":
        return fig
    if left.endswith(("top ", "top")) and unit is None and m.scale == 1.0:
        wide = low[max(s.start, start - 80):start]
        if _TOP_CONTEXT.search(wide) or _RANK_VERB_BEFORE.search(wide[:-4]) \
                or _POSITIONS_AFTER.match(right):
            fig.unit, fig.approx = "rank", "under"
            return fig
        return None
    if unit == "multiple" and m.unit_surface == "times":
        if not (_TIMES_MULTIPLE_AFTER.match(after) or _TIMES_MULTIPLE_BEFORE.search(left)):
            fig.unit, fig.counted = "count", "time"
        return fig
    if unit is not None:
        if unit == "count" and m.unit_surface in lx.UNIT_COUNTED:
            fig.counted = lx.UNIT_COUNTED[m.unit_surface]
        return fig
    if m.scale != 1.0:
        return _scaled_without_unit(low, fig, m, s, left)
    # a bare number: it counts something, or is a denominator, or nothing
    if m.number in (100, 1000, 10000, 100000) and _PEOPLE_AFTER.match(right) and _PER_BEFORE.search(left):
        return None  # "per 10,000 people": the denominator of a rate
    noun, fig.np_end = counted_noun(low, end + m.plus, s.end)
    if kind == "word":
        word = low[start:m.num_end]
        if _AMOUNT_AFTER.match(right):
            fig.counted = _counted_after_amount(low, end, s.end)  # "two 5 billion projects"
            return fig
        if word in ("one", "a dozen") and not _ONE_QUALIFIED.search(left):
            return None
        if _ONE_OF.match(right) or noun is None or noun in lx.NOT_COUNT_NOUNS:
            return None
        fig.counted = noun
        return fig
    if m.number == 1 and _ONE_OF.match(right):
        return None
    fig.counted = noun
    return fig


def _scaled_without_unit(low: str, fig: Figure, m: Mention, s: Sentence, left: str) -> Figure:
    """"10 billion mark", "two 5 billion projects" (money) vs "1.77 million patients" (count)."""
    noun, fig.np_end = counted_noun(low, m.end, s.end)
    if noun in _MONEY_CLASS_NOUNS or (noun in _SIZE_CLASS_NOUNS and m.scale >= 1e8):
        fig.unit = "CNY"
    elif noun:
        fig.counted = noun
    else:
        # no noun after it: what the sentence before it speaks of decides ("visitor numbers ... to
        # 6.5 million" counts; "GDP broke through the 100 billion mark" is money)
        cue = None
        for cm in _AMOUNT_CUES.finditer(low, max(s.start, m.start - 120), m.start):
            cue = cm
        if cue is not None and cue.lastgroup == "count":
            fig.counted = singular(cue.group("count"))
        else:
            fig.unit = "CNY"
    return fig


_AMOUNT_CUES = re.compile(
    r"(?<![a-z])(?:(?P<count>population|people|residents|inhabitants|visitors?|tourists?|passengers?|users?|"
    r"customers?|households?|trips|visits|arrivals|members|workers|employees|students|patients|vehicles|cars|"
    r"units|enterprises|companies|firms|entities|projects|jobs|subscribers|tons)"
    r"|(?P<money>gdp|value|output|revenues?|sales|income|investments?|yuan|rmb|funds?|profits?|exports|"
    r"imports|trade|spending|consumption|deposits|loans|budget|dollars|worth|mark))(?![a-z])")


def _counted_after_amount(low: str, pos: int, limit: int) -> str | None:
    am = _AMOUNT_AFTER.match(low, pos, limit)
    if not am:
        return None
    noun, _ = counted_noun(low, am.end(), limit)
    return noun


def _is_rank(left: str, after: str) -> bool:
    if _NOT_RANK_AFTER.match(after) and not _RANKED_THE.search(left):
        return False
    if _RANK_VERB_BEFORE.search(left):
        return True
    if _RANK_AFTER.match(after) and _RANK_WEAK_BEFORE.search(left):
        return True
    return bool(_PLACE_AFTER.match(after))


def counted_noun(low: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The noun a bare number counts: "27 large-scale enterprises already" -> enterprise.

    Words inside quotes belong to the phrase ('131 "Mountain Livestreaming" Workshops').
    Returns (singular noun or None, position after the noun phrase).
    """
    head, head_end, seen, in_quote = None, pos, 0, False
    for m in _TOKEN.finditer(low, pos, limit):
        w = m.group(0)
        if w in "“‘" or (w == '"' and not in_quote):
            in_quote = True
            continue
        if w in "”’" or w == '"':
            in_quote = False
            continue
        if not w[0].isalpha():
            break
        if not in_quote:
            if w.endswith(("’s", "'s")):
                return singular(w[:-2]), m.end()
            if w.endswith(("’", "'")) and len(w) > 2:
                return singular(w[:-1]), m.end()
            if w in lx.NP_STOP:
                if seen:
                    break
                return None, pos
            if seen and w.endswith("ed") and _is_plural(head):
                break  # "60+ countries competed"
        head, head_end = w, m.end()
        seen += 1
        if seen >= 8:
            break
    if head is None:
        return None, pos
    return singular(head), head_end


def singular(word: str) -> str:
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
