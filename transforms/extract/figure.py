"""Which number mentions are figures (not dates, years, durations, list markers or names), and
their unit: the `figure` rules.

`candidates(doc)` runs the FIGURE rules on every mention of a scanned Document. A rule returns
False (not a figure: a year becomes a time expression), True (a figure, whose unit and counted
noun the rule has set) or NA. The first rule that decides wins; rejected mentions are kept on
the document with the rule that rejected them (`lishui explain` shows them).
"""
from __future__ import annotations

import bisect
import re
from operator import attrgetter
from collections import Counter
from dataclasses import dataclass, field

from . import lexicon as lx
from .document import Document
from .mentions import Mention, borrow_unit
from .qualifiers import FROM_BEFORE
from .table import UNIT_LINE, Cell, read_unit
from .rules import NA, Example, Rules
from .scan import BASE_YEAR_AFTER, Time, not_a_frame, trie_pattern, with_frame
from .segment import WORDS, Sentence

FIGURE = Rules("figure", key=attrgetter("kind"))
DIGITS, WORD, ORDINAL, FRACTION, MULTIPLE = ("digits",), ("word",), ("ordinal",), ("fraction",), ("multiple",)


@dataclass(slots=True)
class Figure:
    """A figure and what the rules decide about it."""

    m: Mention
    sentence: Sentence
    unit: str | None
    left: str = ""          # up to 60 characters of the sentence before it (lower case)
    right: str = ""         # 60 characters after its number (before its scale and unit)
    after: str = ""         # 60 characters after it
    clause: tuple[int, int] = (0, 0)
    np_end: int = 0         # end of the noun phrase a count counts
    counted: str | None = None
    role: str = "level"
    approx: str = "exact"
    per: str | None = None
    is_target: bool = False
    falls: bool = False     # a fall: its value is negative
    year: int | None = None
    period: str | None = None
    region: str = ""
    subject: str = ""
    metric: str = ""
    base_metric: str = ""       # the metric as its sentence writes it, before a "respectively" list is split
    bound: Time | None = None   # the time expression that dates it
    prev: "Figure | None" = None  # the figure before it in its sentence
    next: "Figure | None" = None  # the figure after it in its sentence
    words: list = field(default_factory=list)         # words of the sentence before it
    rules: dict = field(default_factory=dict)
    doc_low: str = ""
    _clause_words: list | None = None
    place_bounds: tuple | None = None  # where its sentence's places are (region._bounds)
    kind: str = ""          # the mention's kind: digits, word, fraction, ordinal, multiple
    bare: bool = False      # digits without a unit or scale word ("27", "1,100")
    cell: Cell | None = None  # the table cell it stands in, if it is a table's figure

    @property
    def clause_words(self) -> list[str]:
        """Words of its clause before it (read when a rule asks)."""
        if self._clause_words is None:
            self._clause_words = WORDS.findall(self.doc_low, self.clause[0], self.m.start)
        return self._clause_words


def candidates(doc: Document) -> list[Figure]:
    """The mentions of `doc` that are figures, in order (years become time expressions of `doc`)."""
    out: list[Figure] = []
    sentences = doc.lay.sentences
    low = doc.low
    owners = _sentence_of_each_mention(doc)
    doc.number_runs = _number_runs(doc)
    doc.crowded = {k for k, n in Counter(owners).items() if n > MAX_NUMBERS_PER_SENTENCE}
    for m, k in zip(doc.mentions, owners):
        s = sentences[k]
        borrow_unit(low, m, s.end)
        f = Figure(m=m, sentence=s, unit=m.unit,
                   left=low[max(s.start, m.start - 60):m.start],
                   right=low[m.num_end:min(len(low), m.num_end + 60)],
                   after=low[m.end:min(len(low), m.end + 60)], kind=m.kind, bare=m.bare)
        if out and out[-1].sentence is s:
            f.prev = out[-1]
        is_figure, rule = FIGURE.decide(doc, f)
        if is_figure:
            f.unit = f.unit or "count"
            f.rules["figure"] = rule
            s.cache.setdefault("figure_starts", []).append(m.start)
            out.append(f)
            if f.prev is not None:
                f.prev.next = f
            if f.unit == "count" and f.counted:
                doc.counts.add((m.number, f.counted))
                if m.number * m.scale >= 10000:  # "800,000 visitors a year. In 2024 it received 4.3 million"
                    doc.last_scaled_count = (s.paragraph, f.counted)
        else:
            doc.rejected.append((m, rule))
    doc.settle_times()
    return out


def _sentence_of_each_mention(doc: Document) -> list[int]:
    """The index of the sentence each mention stands in."""
    sentences, out, k = doc.lay.sentences, [], 0
    last = len(sentences) - 1
    for m in doc.mentions:
        while k < last and sentences[k + 1].start <= m.start:
            k += 1
        out.append(k)
    return out


# --- not a figure -----------------------------------------------------------------------

# the annotated articles' sentences hold at most 11 numbers; more than this is not prose
MAX_NUMBERS_PER_SENTENCE = 40


@FIGURE.rule(("| Indicator | Unit | Jan-Jun | YoY growth (%) |\n|---|---|---|---|\n"
              "| GDP | 100 million yuan | 40,300 | 5.6 |", "40,300", True),
             ("| Indicator | Unit | Jan-Jun | YoY growth (%) |\n| GDP | 100 million yuan | 40,300 | 5.6 |", "5.6",
              True),
             ("| Indicator | Unit | Jan-Jun |\n| GDP | 100 million yuan | 40,300 |", "100 million yuan", False),
             ("Indicator      Unit                Jan-Jun     Growth (%)\n"
              "GDP            100 million yuan    1,021.3     5.8", "1,021.3", True),
             ("Indicator      Unit                Jan-Jun     Growth (%)\n"
              "GDP            100 million yuan    1,021.3     5.8", "100 million yuan", False))
def table_cell(doc, f):
    """A number alone in a data cell of a table's figure column (table.py) is a figure: of the unit
    and scale its row or column names ("100 million yuan"), unless it writes its own ("5.6%"); a
    year in a header names its column's time; any other number of a table is not a figure."""
    if not doc.tables.cells:
        return NA
    m = f.m
    if doc.tables.in_header(m.start, m.end):  # "| County | 2023 | Growth (%) |": a column's year
        if f.bare and m.number.is_integer() and 1950 <= m.number <= 2100:
            # ("Growth over 2024 (%)": the base, not the column's year)
            doc.years.append(with_frame(doc.low, Time(m.start, m.num_end, int(m.number), None)))
        return False
    cell = doc.tables.at(m.start, m.end)
    if cell is None and doc.tables.in_row(m.start, m.end):
        return False  # "100 million yuan" in a row's unit cell
    if cell is None or not _ALONE_IN_CELL.fullmatch(doc.low, cell.start, f.m.start) \
            or not _ALONE_IN_CELL.fullmatch(doc.low, f.m.end, cell.end):
        return NA
    f.cell = cell
    if cell.unit is not None and m.unit is None and m.scale == 1.0:
        _take_unit(f, cell.unit)
    return True


def _take_unit(f, unit) -> None:
    """Give a bare number the unit and scale a table or a bracket names for it ("100 million yuan")."""
    m = f.m
    m.unit, m.scale_surface, m.unit_surface = unit.unit, unit.scale_surface, unit.unit_surface
    m.scale = lx.SCALES.get(unit.scale_surface, 1.0)
    f.unit, f.counted = unit.unit, unit.counted


_ALONE_IN_CELL = re.compile(r"[\s+\-−–*>≥<≤]*")  # (">81": at least 81)


@FIGURE.rule(Example("Grades: " + ", ".join(f"{n}%" for n in range(41, 83)) + ".", "60%", False),
             Example("Output rose 5%, 6% and 7% in the three years.", "6%", True, by="unit_word"))
def numbers_not_prose(doc, f):
    """A sentence of more than MAX_NUMBERS_PER_SENTENCE numbers (a table or a list of figures
    flattened into one line, a page of numbers) is not prose: nothing says what each measures, and
    reading each against all the others would cost the square of their number."""
    return False if f.sentence.index in doc.crowded else NA



@FIGURE.rule(("chinadaily.com.cn | Updated : Mar 3, 2022 | 7 comments", "7", False),
             ("Home >> News >> 2 >> Lishui Today", "2", False),
             ("Lishui Daily  2026-01-30  Page 1\n\nThe city grew 6 percent.", "1", False, 2),
             ("Tea prices held firm this spring.\n\nRelated:\n- Yunhe's toy exports rise 9% in May\n- A new park opens",
              "9%", False),
             ("Output rose 4.2% in the year.\n\n- 3 -\n\nII. Industry", "3", False),
             ("Tea prices held firm.\n\nRelated:\nA new park opens [2021-03-02]\nYunhe exports top 2 billion yuan "
              "[2021-02-10]", "2 billion yuan", False))
def page_furniture(doc, f):
    """A number in a line of page furniture (navigation, byline, share buttons) is not a figure."""
    return False if doc.lay.is_furniture(doc.low, f.sentence.paragraph) else NA


# a table's caption or unit line: "Table 1. Main indicators", "Unit: 10,000 yuan"
_CAPTION_WORDS = ("table", "figure", "chart", "annex", "appendix", "fig.")
_CAPTION_NUMBER = re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, _CAPTION_WORDS)) + r")\s*$")


@FIGURE.rule(("Table 1. Main indicators\n| Indicator | 2025 |\n| GDP (billion yuan) | 226.5 |", "1", False),
             ("Unit: 10,000 yuan\n| Item | 2025 |\n| Revenue | 121,350 |", "10,000 yuan", False),
             Example("Unit: 10,000 yuan\n| Item | 2025 |\n| Revenue | 121,350 |", "121,350", True, by="table_cell"))
def caption_or_unit_line(doc, f):
    """The number of a table's caption ("Table 1.") and the scale of a unit line ("Unit: 10,000
    yuan") are not figures."""
    left = f.left[-12:]
    if f.bare and any(w in left for w in _CAPTION_WORDS) and _CAPTION_NUMBER.search(left):
        return False
    low, a = doc.low, doc.lay.paragraph_starts[f.sentence.paragraph]
    if "unit" not in low[a:a + 12]:
        return NA
    end = low.find("\n", a)
    return False if UNIT_LINE.fullmatch(low, a, end if end >= 0 else len(low)) else NA



# a unit in brackets right after a number: "254.0 (10,000 persons)", "2,125.1 (100 million yuan)"
_COLON_AT = re.compile(r"[ \t]*[:：]")  # a label's colon right after its bracket
_UNIT_BRACKET_AFTER = re.compile(r"[ \t]*[(（]([^()（）\n]{1,30})[)）]")
_NUMBER_BRACKET_BEFORE = re.compile(r"\d[ \t]*[(（]$")


@FIGURE.rule(("Resident population at year-end: 254.0 (10,000 persons)", "10,000", False),
             ("GDP: 2,125.1 (100 million yuan), growth 6.0%", "100 million yuan", False),
             Example("GDP: 2,125.1 (100 million yuan), growth 6.0%", "2,125.1", True, by="unit_in_brackets"),
             when=DIGITS)
def scale_of_a_unit_in_brackets(doc, f):
    """The scale of a unit written in brackets after a number ("254.0 (10,000 persons)") is not a
    figure: it is that number's unit."""
    if not f.left.endswith(("(", "（")) or not _NUMBER_BRACKET_BEFORE.search(f.left[-12:]):
        return NA
    bm = _UNIT_BRACKET_AFTER.match(doc.low, f.m.start - 1)
    return False if bm is not None and read_unit(bm.group(1)) is not None else NA


@FIGURE.rule(("Resident population at year-end: 254.0 (10,000 persons)", "254.0", True),
             ("Electricity consumption: 157.6 (100 million kWh), growth 8.9%", "157.6", True), when=DIGITS)
def unit_in_brackets(doc, f):
    """A bare number with its unit in brackets after it ("2,125.1 (100 million yuan)") is a figure of
    that unit and scale."""
    m = f.m
    if f.unit is not None or m.scale != 1.0 or not doc.low.startswith(("(", " (", "（", " （"), m.end):
        return NA
    bm = _UNIT_BRACKET_AFTER.match(doc.low, m.end)
    unit = read_unit(bm.group(1)) if bm else None
    if unit is None or unit.unit is None or _COLON_AT.match(doc.low, bm.end()):
        return NA  # "at year-end 2024 (10,000 persons): 252.2": the unit of the label's value
    _take_unit(f, unit)
    return True


# a label's unit in brackets and its colon: "Resident population (10,000 persons): 252.2", "Birth rate (per
# thousand): 6.2"; the same right before a figure
_LABEL_UNIT = re.compile(r"[(（]([^()（）\n]{1,30})[)）][ \t]*[:：]")
_LABEL_UNIT_BEFORE = re.compile(_LABEL_UNIT.pattern + r"[ \t]*$")


@FIGURE.rule(("Resident population at year-end (10,000 persons): 252.2", "252.2", True),
             ("Resident population at year-end (10,000 persons): 252.2", "10,000", False),
             ("Birth rate (per thousand): 6.2", "6.2", True),
             ("Resident population (10,000 persons): 252.2\n  Urban: 179.3", "179.3", True), when=DIGITS)
def unit_in_the_label(doc, f):
    """A bare number after a label that ends with its unit in brackets ("Employed persons (10,000
    persons): 148.5"), or on an indented line under such a label ("  Urban: 179.3"), is a figure of
    that unit and scale; the scale in the brackets is not a figure."""
    left = f.left[-48:]
    tail = left[-4:]
    if ":" not in tail and "：" not in tail:
        if left.endswith(("(", "（")):  # the scale of the label's unit: "(10,000 persons):"
            bm = _UNIT_BRACKET_AFTER.match(doc.low, f.m.start - 1)
            if bm is not None and _COLON_AT.match(doc.low, bm.end()) and read_unit(bm.group(1)) is not None:
                return False
        return NA
    lm = _LABEL_UNIT_BEFORE.search(left)
    unit = read_unit(lm.group(1)) if lm else _unit_of_the_line_above(doc.low, f.m.start)
    if unit is None or unit.unit is None or f.unit is not None or f.m.scale != 1.0:
        return NA
    _take_unit(f, unit)
    return True


def _unit_of_the_line_above(low: str, at: int):
    """The bracketed unit of the label an indented line ("  Urban: 179.3") sits under ("Resident
    population (10,000 persons): 252.2"), if any."""
    start = low.rfind("\n", 0, at) + 1
    if low[start:start + 1] not in (" ", "\t"):
        return None
    while start > 0:
        start = low.rfind("\n", 0, start - 1) + 1
        if low[start:start + 1] not in (" ", "\t"):
            end = low.find("\n", start)
            um = _LABEL_UNIT.search(low, start, end if end >= 0 else len(low))
            return read_unit(um.group(1)) if um else None
    return None


_RUN_GAP = re.compile(r"[ \t]*[,;]?[ \t]+")
RUN_LENGTH = 3


def _number_runs(doc: Document) -> set[int]:
    """The starts of bare numbers that stand in a run of RUN_LENGTH or more bare numbers with only
    spaces or commas between them; one pass over the mentions."""
    out: set[int] = set()
    run: list[int] = []
    last = None
    for m in doc.mentions:
        bare = m.bare
        if bare and last is not None and _RUN_GAP.fullmatch(doc.low, last.end, m.start):
            run.append(m.start)
        else:
            if len(run) >= RUN_LENGTH:
                out.update(run)
            run = [m.start] if bare else []
        last = m if bare else None
    if len(run) >= RUN_LENGTH:
        out.update(run)
    return out


@FIGURE.rule(("Page 1 2 3 4 5 Next", "3", False),
             ("Codes: 110, 120, 119, 122", "120", False),
             Example("The county has 3 parks, 12 schools and 40 clinics.", "12", True, by="counted_digits"))
def list_of_bare_numbers(doc, f):
    """A bare number in a run of three or more bare numbers with only spaces or commas between them
    (page numbers, a table row flattened into a line, a list of codes) is not a figure: nothing says
    what it measures."""
    return False if f.m.start in doc.number_runs else NA


@FIGURE.rule(("It joined the “1315” industrial chains.", "1315", False),
             ("The “Two Mountains 100” plan began.", "100", False))
def inside_a_quoted_name(doc, f):
    """A number inside a short quoted name, slogan or programme label is part of the name."""
    return False if doc.lay.in_label(f.m.start, f.m.end) else NA


_QUOTE_MARKS = "‘’'\"“”"


@FIGURE.rule(("The work is themed on completing the tasks of ’2358’ this year.", "2358", False), when=DIGITS)
def number_in_quote_marks(doc, f):
    """A bare number wrapped in quotation marks of any kind ("’1161’") is a code."""
    if f.bare and doc.text[f.m.start - 1:f.m.start] in _QUOTE_MARKS and doc.text[f.m.end:f.m.end + 1] in _QUOTE_MARKS:
        return False
    return NA


_NAMED_DAY = "|".join(lx.NAMED_DAY_NUMBERS)
_DOUBLE_BEFORE = re.compile(r"(?<![A-Za-z])Double[\s-]+$")  # in the text as written
_DAY_AFTER = re.compile(r"[\s-]+(?:" + _NAMED_DAY + r")(?![a-z0-9])")


@FIGURE.rule(("Sales on Double 11 reached 5 million yuan.", "11", False),
             ("Sales on Double 11 reached 5 million yuan.", "Double", False),
             ("The Double Ninth Festival falls in October.", "Double", False))
def named_day(doc, f):
    """"Double 11", "Double Ninth": a named day (a shopping festival, a holiday), neither a multiple
    nor a count."""
    text = doc.text
    if f.kind == "multiple" and text[f.m.start] == "D" and _DAY_AFTER.match(doc.low, f.m.end):
        return False
    if f.kind in ("digits", "word", "ordinal") and "double" in f.left[-9:] \
            and _DOUBLE_BEFORE.search(text, max(0, f.m.start - 9), f.m.start):
        return False
    return NA


_NOUN_AFTER = re.compile(r"\s+(?!and|or|to|was|were|is|are|the|a|an|in|of)[a-z][a-z-]+")
_TIME_PREPOSITION = re.compile(r"(?<![a-z])(?:in|by|of|for|since|during|until|till|before|after|from|to|as of)\s+$")
_QUANTITY_BEFORE = re.compile(r"(?:more than|over|about|nearly|some|total of|with|had|has|have|of|than|"
                              r"exceeding|around|almost)\s*$")


@FIGURE.rule(("In 2024, the city opened 3 parks.", "2024", False),
             ("A sword that sold for 200 yuan in the 1990s fetches 8,000 yuan today.", "1990", False),
             ("Output in 2019 was higher.", "2019", False),
             Example("The fair drew more than 2000 visitors.", "2000", True, by="counted_digits"), when=DIGITS)
def year_as_time(doc, f):
    """A bare four-digit number between 1950 and 2100 is a year (a time expression), unless a
    quantity word before it and a plural noun after it make it a count ("over 2000 visitors")."""
    m = f.m
    if not (f.bare and m.number.is_integer() and 1950 <= m.number <= 2100 and doc.text[m.start:m.num_end].isdigit()):
        return NA
    nxt = f.right.split(None, 1)
    plural_next = bool(nxt) and _is_plural(nxt[0].strip(",.;:")) and nxt[0][:1].isalpha()
    if plural_next and _QUANTITY_BEFORE.search(f.left):
        return NA
    t = Time(m.start, m.num_end, int(m.number), None)
    t.adjective = bool(_NOUN_AFTER.match(doc.text, m.num_end)) and not _TIME_PREPOSITION.search(f.left[-12:])
    if doc.lay.in_label(m.start, m.num_end) or not_a_frame(doc.low, t) \
            or (f.left.endswith("the ") and BASE_YEAR_AFTER.match(doc.low, m.num_end)):
        t.frame = False  # "since 2019", "the 1985 level"
    elif f.prev is not None and m.number % 10 == 0 and doc.low.startswith(("s", "'s", "’s"), m.num_end) \
            and _IN_THE.fullmatch(doc.low, f.prev.m.end, m.start):
        t.owner = f.prev.m.start  # "sold for 200 yuan in the 1990s": a decade dates only the figure it follows
    doc.years.append(t)
    return False


_IN_THE = re.compile(r"\s+(?:in|during|throughout)\s+the\s+")


_EARLY_YEAR_BEFORE = re.compile(r"(?<![a-z])(?:in|since|until|till|before|after|around|(?:that|those)\s+of)\s+$")
# a span of two early years: "from 1593 to 1598" (not "from 358 to 1,196", a change of a count)
_EARLY_SPAN_FROM = re.compile(r"(?<![a-z])(?:from|between)\s+$")
_EARLY_SPAN_TO = re.compile(r"\s*(?:to|and|-|–)\s*1\d{3}(?![\d,])")
_EARLY_SPAN_END = re.compile(r"(?<![a-z])(?:from|between)\s+1\d{3}\s*(?:to|and|-|–)\s*$")
_EARLY_YEAR_AFTER = re.compile(r"\s*(?:[,.;)]|and\s|to\s\d|$|ad\b|bc\b|(?:during|under|when|after|before|by|in|as)\s)")


@FIGURE.rule(("The town was founded in 589, and rebuilt later.", "589", False),
             ("The bridge was built in 1053 during the Song Dynasty.", "1053", False),
             ("Tang served as the county's magistrate from 1593 to 1598.", "1598", False),
             ("GDP was 3,168 times that of 1949 in current prices.", "1949", False),
             ("By 1930, only a handful of kilns still burned.", "1930", False),
             Example("Farmers in 589 villages joined.", "589", True, by="counted_digits"), when=DIGITS)
def early_year(doc, f):
    """A bare number of three or four digits after "in", "since", "until", "from", "to" ... with
    nothing counted after it is a year of history ("founded in 589,", "from 1593 to 1598")."""
    m = f.m
    if not (f.bare and m.number.is_integer() and 100 <= m.number < 1950 and "," not in doc.text[m.start:m.num_end]):
        return NA
    span = 1000 <= m.number and ((_EARLY_SPAN_FROM.search(f.left) and _EARLY_SPAN_TO.match(f.right))
                                 or _EARLY_SPAN_END.search(f.left)
                                 or (f.sentence.start == m.start - 3 and f.left.endswith("by ")
                                     and f.right.startswith(",")))  # "By 1949, only a handful ..."
    if span or (_EARLY_YEAR_BEFORE.search(f.left) and _EARLY_YEAR_AFTER.match(f.right)):
        t = Time(m.start, m.num_end, int(m.number), None)
        t.frame = not f.left.endswith(("that of ", "those of "))  # "3,168 times that of 1949": a comparison base
        doc.years.append(t)
        return False
    return NA


_NUMBER_SIGN_BEFORE = re.compile(r"(?:no\.|no|number|#)\s*$")


@FIGURE.rule(("Its income ranked No. 1 in the province.", "No. 1", True), when=DIGITS)
def rank_number_sign(doc, f):
    """"No. 1" after a ranking verb or before "in the province" is a rank."""
    if not (f.bare and f.m.number <= 100):
        return NA
    sign = _NUMBER_SIGN_BEFORE.search(f.left)
    if sign and (_RANK_VERB_BEFORE.search(f.left[:sign.start()]) or _RANK_AFTER.match(f.right)):
        f.m.start -= len(sign.group(0))
        f.unit = "rank"
        return True
    return NA


_LABEL_BEFORE = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in lx.LABEL_WORDS_BEFORE) + r")\s*$")
_LABEL_AFTER = re.compile(
    r"(?:[a-z](?![a-z]{2})|\s*\+\s*\d|\.\d|\s?(?:five-year|plenary|party congress|national congress|"
    r"anniversary|session|edition|generation)|-(?:star|level|storey|story|floor|lane|digit|year|month|"
    r"day|hour|minute|member|point|character|word|inch|seat)(?![a-z]))")
_PLUS_BEFORE = re.compile(r"\d\s*\+\s*$")


@FIGURE.rule(("Take Route 3 to the park.", "3", False), ("The Jinyun 600 brand grew.", "600", False),
             ("It built 5G towers.", "5", False), ("The 3-star hotel opened.", "3", False),
             Example("There are now 1,160 homestays in Suichang, 85 more than a year ago.", "85", True,
                     by="counted_digits"), when=DIGITS)
def part_of_a_name(doc, f):
    """A bare number after a capitalised label word or place name ("Route 3", "Jingning 600"), or
    joined to letters or a label suffix after it ("5G", "3-star"), is part of a name."""
    if not f.bare:
        return NA
    s, start = f.sentence, f.m.start
    prev_word = doc.text[max(s.start, start - 16):start].split()[-1:]
    if prev_word and prev_word[0][:1].isupper() and (
            _LABEL_BEFORE.search(doc.text, max(s.start, start - 16), start)
            or prev_word[0][-1:].isalpha() and prev_word[0].lower() in doc.gazetteer.names):
        return False  # "Jinyun 600" (but "... in Suichang, 85 more than ...")
    if _LABEL_AFTER.match(f.right) or f.right[:1].isalpha():
        return False
    return NA


@FIGURE.rule(("It joined the 5+5 system.", "5", False, 2), ("the 3+16 framework", "16", False),
             Example("It joined the 5+5 system.", "5", False, 1, by="part_of_a_name"), when=DIGITS)
def joined_by_plus(doc, f):
    """Numbers joined by "+" ("5+5", "1+9") are a programme label."""
    if f.kind == "digits" and ((f.left.rstrip().endswith("+") and _PLUS_BEFORE.search(f.left))
                               or _PLUS_AFTER.match(f.right)):
        return False
    return NA


_PLUS_AFTER = re.compile(r"\s*\+\s*\d")
_AGE_AFTER_NAME = re.compile(r"[A-Z][a-z]+,\s+(?:now\s+|aged\s+)?$")
_AGE_WHEN = re.compile(r"\s+(?:when|as)\s")
_WAS_BEFORE = re.compile(r"(?<![a-z])(?:was|were|is|are)\s+$")
_VERSION_BEFORE = re.compile(r"(?<![a-z])(?:version|ver\.|v\.?)\s*$")
_LIST_AFTER = re.compile(r"[.)、]\s")


@FIGURE.rule(("“It pays,” says owner Chen Mei, 47, who runs a farm.", "47", False),
             ("The app reached version 4.2 last week.", "4.2", False),
             ("2. Retail sales grew 7.4%.", "2", False), ("(3) Exports grew 5%.", "3", False),
             ("Notes: 1. Growth rates are at comparable prices.", "1", False),
             ("It joined the 8541 system.", "8541", False),
             ("She was 19 when she opened her first shop.", "19", False),
             ("Lan, now 63, spent six years on it.", "63", False),
             ("“Now my rooms are full,” said homestay owner Zhu Lanfang, 49.", "49", False), when=DIGITS)
def age_version_or_list_marker(doc, f):
    """An age after a name ("Chen Mei, 47,") or in "she was 19 when", a version number, a list marker
    ("2.", "(3)", "Notes: 1.") or a long code after "the" ("the 8541 system") is not a figure."""
    if not f.bare:
        return NA
    s, m, left, right = f.sentence, f.m, f.left, f.right
    if m.number < 120 and right.startswith((",", ".")) and _AGE_AFTER_NAME.search(doc.text, max(s.start, m.start - 30), m.start):
        return False
    if m.number < 120 and _AGE_WHEN.match(right) and _WAS_BEFORE.search(left):
        return False  # "he was 16 when he began"
    if _VERSION_BEFORE.search(left[-12:]):
        return False
    if (m.start - s.start <= 1 or left.rstrip().endswith(":")) and _LIST_AFTER.match(right) and m.number < 30:
        return False
    if left.endswith("(") and right.startswith(")") and m.number < 30:
        return False
    digits = doc.text[m.start:m.num_end]
    if len(digits) >= 4 and digits.isdigit() and left.endswith("the ") and not (1950 <= m.number <= 2100):
        return False
    return NA


_RATIO_PART = re.compile(r"\s*:\s*\d")
_RATIO_PART_BEFORE = re.compile(r"\d[ \t]*:[ \t]*$")


@FIGURE.rule(("The structure of the three industries was 6.2:33.9:59.9.", "33.9", False),
             ("The structure of the three industries was 6.2:33.9:59.9.", "59.9", False),
             ("The three industries were structured at 3.1 : 40.7 : 56.2.", "56.2", False), when=DIGITS)
def part_of_a_ratio(doc, f):
    """A number joined to others by colons ("6.2:33.9:59.9", "3.1 : 40.7 : 56.2") is part of a
    structure, not a figure of its own (a ratio to one, "1.94:1", is read as a multiple)."""
    if f.bare and (_RATIO_PART.match(f.right) or _RATIO_PART_BEFORE.search(f.left[-8:])):
        return False
    return NA


_DURATION_AFTER = re.compile(
    r"[\s-]*(?:(?:consecutive|straight|successive|full|whole|calendar|more|long|short|working|"
    r"natural|fiscal|academic|school|light)[\s-]+)?(?:years?|months?|weeks?|days?|hours?|minutes?|"
    r"seconds?|decades?|centur(?:y|ies)|generations?|yrs?|a\.m\.|p\.m\.|am\b|pm\b|o'clock)(?![a-z])"
    r"|[\s-]*(?:consecutive|straight|successive)[\s-]+quarters(?![a-z])")  # (not "three quarters of": a share)
_AGE_BEFORE = re.compile(r"(?<![a-z])(?:aged|age|ages|(?:over|under|at)\s+the\s+age\s+of)"
                         r"(?:\s+(?:under|over|below|above))?\s*$")
_PEOPLE_ARE_UNDER = re.compile(r"(?<![a-z])(?:buyers|visitors|tourists|residents|workers|people|farmers|staff|"
                               r"employees|members|customers|students|hosts|owners|users|villagers|newcomers|"
                               r"guests|shoppers|diners|viewers|women|men|children|adults|retirees)\s+"
                               r"(?:(?:are|were)\s+(?:mostly\s+|all\s+)?)?(?:under|over|below|above)\s*$")
_VAGUE_AFTER = re.compile(r"\s*(?:of\s+(?:thousands|millions|billions|hundreds)|dozen)")


# "life expectancy of", "life expectancy reached", "life expectancy is to reach": the years that follow measure it
_LIFE_EXPECTANCY_BEFORE = re.compile(r"life\s+expectancy(?:\s+(?:of|at|to|is|was|will|reached|hit|rose|rise|"
                                     r"reach|be|increased|extended|expected|stood|stands)){0,4}\s*(?:\w+\s+)?$")
_YEARS_AGO = re.compile(r"[\s-]+(years?|decades?)\s+(ago|later|on|earlier|before)(?![a-z])")


@FIGURE.rule(("Four years ago the firm moved here.", "Four", False),
             ("It has led for 18 consecutive years.", "18", False),
             ("Three generations of tea in Songyang", "Three", False),
             ("Villagers aged 60 and above like it.", "60", False),
             ("70 percent of its hosts are aged under 35.", "35", False),
             ("He took up carving at the age of 12.", "12", False),
             ("Its water has ranked first in the province for 14 consecutive quarters.", "14", False),
             ("“Most of our guests are under 30,” she said.", "30", False),
             ("She employs 35 villagers, most of them women over 50.", "50", False),
             ("It drew two dozen vendors.", "two", False),
             ("Life expectancy is to reach 83.5 years by 2030.", "83.5", True),
             Example("She started with two farms and now manages 60.", "60", True, by="counted_digits"),
             when=DIGITS + WORD)
def duration_age_or_vague(doc, f):
    """A duration ("four years", "18 consecutive years", "14 consecutive quarters"), an age ("aged 60") or a vague amount
    ("tens of thousands") is not a figure; "five years ago" and "nine years later" are times. A
    life expectancy in years ("average life expectancy 83 years") is a figure (unit other)."""
    if f.unit is not None:
        return NA
    if f.kind in ("digits", "word") and (_DURATION_AFTER.match(f.right) or _VAGUE_AFTER.match(f.right)):
        if "expectancy" in f.left[-60:] and _LIFE_EXPECTANCY_BEFORE.search(f.left[-60:]):
            f.unit = "other"
            return True
        _time_of_a_duration(doc, f)
        return False
    if "age" in f.left[-24:] and _AGE_BEFORE.search(f.left):
        return False
    if f.bare and f.m.number < 120 and _PEOPLE_ARE_UNDER.search(f.left):
        return False  # "Half of our buyers are under 35", "women over 50": an age
    return NA


def _time_of_a_duration(doc, f) -> None:
    """"Five years ago" in a dated document: a time expression, the publication year less five;
    "nine years later" ("on"): the year its paragraph (or one of the two before) named last, plus nine;
    "five years earlier" ("before"): that year less five."""
    ago = _YEARS_AGO.match(doc.low, f.m.end)
    if ago is None or not f.m.number.is_integer():
        return
    n = int(f.m.number) * (10 if ago.group(1).startswith("decade") else 1)
    if ago.group(2) == "ago":
        if doc.pub_year is None:
            return
        year = doc.pub_year - n
    else:
        # the year its paragraph, else the two before it, named last ("In 2015 he rented ...\n\nEight years on, ...")
        para = doc.lay.paragraph_starts[max(0, f.sentence.paragraph - 2)]
        before = [t for t in (*doc.years[-3:], *doc.times) if para <= t.start < f.m.start and t.year and t.known]
        if not before:
            return
        year = max(before, key=lambda t: t.start).year + (-n if ago.group(2) in ("earlier", "before") else n)
        if doc.pub_year is not None and year > doc.pub_year:
            year = doc.pub_year  # "Seven decades later" after 1957, in 2023: the present
    t = Time(f.m.start, ago.end(), year, None)
    t.frame = not not_a_frame(doc.low, t)
    doc.years.append(t)


_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_LOWER_WORD = re.compile(r"(?:['’]s)?\s+[a-z]")


def _place_then_noun(doc, f) -> bool:
    """"Six Zhejiang cities": a place of the gazetteer, then a common noun, after the number."""
    k = bisect.bisect_left(doc.place_starts, f.m.end)
    return k < len(doc.places) and doc.places[k].start == f.m.end + 1 \
        and bool(_LOWER_WORD.match(doc.text, doc.places[k].end))
_THE_BEFORE = re.compile(r"(?<![a-z])(?:the|these|those|both)\s+$")


@FIGURE.rule(("The Three Gorges route links Ten Thousand Isles.", "Three", False),
             ("The two industries grew fast.", "two", False),
             Example("Six Zhejiang cities in China's top 50 by GDP", "Six", True, by="spelled_count"), when=WORD)
def spelled_number_in_a_name_or_reference(doc, f):
    """A capitalised spelled number before a capitalised word is a name ("Ten Thousand Isles");
    "the two industries" refers back to things already counted."""
    if f.kind != "word":
        return NA
    if doc.text[f.m.start].isupper() and _CAPITAL_NEXT.match(doc.text, f.m.end) and not _place_then_noun(doc, f):
        return False
    if f.unit is None and f.m.scale == 1.0 and f.m.number <= 10 and _THE_BEFORE.search(f.left):
        return False
    return NA


# --- what kind of figure ------------------------------------------------------------------

_RANK_VERB_BEFORE = re.compile(
    r"(?<![a-z])(?:rank(?:ed|ing|s)?|plac(?:ed|ing|es)|came|coming|finish(?:ed|ing)|stood|standing|"
    r"secur(?:ed|ing|es)|t(?:ook|aking|akes)|w(?:on|inning|ins)|occup(?:ied|ying|ies)|"
    r"held|holding|holds|remain(?:ed|s|ing)?|retain(?:ed|ing|s)?|clinch(?:ed|ing)?|entered|entering|"
    r"enter|among|into|reach(?:ed|ing)?|jump(?:ed|ing)?|climb(?:ed|ing)?|rose|rising|made|making|top|"
    r"(?:put(?:s|ting)?|keep(?:s|ing)?|kept)\s+(?:it|them|the\s+[a-z]+))"
    r"(?:,?\s+(?:it|them|the city|lishui|all|again|once again|firmly|steadily|consistently|still|"
    r"among|the|top|at|in|as|no\.|number|within|about|around|roughly|approximately|nearly|"
    r"highest|lowest|best|worst))*\s*$")  # "ranked highest among them, at 21st"
# an ordinal that continues a list of ranks ("ranked 28th, 36th, 43rd and 48th respectively")
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# a place and its rank after a ranking verb earlier in the sentence ("Hangzhou ranked eighth ..., and Ningbo 12th")
_RANK_VERB = re.compile(r"(?<![a-z])rank(?:ed|ing|s)?(?![a-z])")
_RANK_WEAK_BEFORE = re.compile(r"(?<![a-z])(?:is|was|are|were|be|been|being|became|become|all|both|"
                               r"the|it|them|and|its|a|also|again|still)\s*$|,\s*$|^\s*$")
_RANK_AFTER = re.compile(
    r"\s*(?:place|places|position|positions|spot|spots|in\s+(?:the\s+)?(?:province|country|nation|city|"
    r"prefecture|world|region|district|whole|zhejiang|china|jiangsu|provincial|national|list|ranking|"
    r"rankings|growth|terms|its|east|the)|(?:province|nation|city)-?wide(?![-\w]|\s+(?!(?:in|for|among|and|with|at|on)"
    r"(?![a-z]))[a-z])|among|"
    r"within\s+(?:the\s+)?(?:province|country|city|zhejiang)|nationally|globally|worldwide|"
    r"for\s+\S+\s+consecutive|only\s+to)")
_NOT_RANK_AFTER = re.compile(r"(?:-|\s+(?:" + trie_pattern(lx.ORDINAL_NOT_RANK_NEXT) + r")(?![a-z]))")
_RANKED_THE = re.compile(r"(?<![a-z])rank(?:ed|ing|s)?\s+(?:the\s+)?$")
# "the fourth-largest economy", "the second-busiest port": an ordinal joined to a superlative
_SUPERLATIVE_AFTER = re.compile(r"[-\s](?:largest|biggest|highest|fastest|richest|busiest|strongest|lowest|"
                                r"smallest|most|best|greatest|wealthiest)(?![a-z])")
_PLACE_AFTER = re.compile(r"\s*(?:place|position|spot)(?![a-z])")
_PURE_RANK_BEFORE = re.compile(r"(?<![a-z])(?:rank(?:ed|ing|s)?|plac(?:ed|ing|es)|came|coming|finish(?:ed|ing)|"
                               r"stood|standing|top)(?:\s+(?:the|within|among|at|as|no\.|number|top))*\s*$")
# a move in a ranking before the rank it reached: "climbs to 28th", "moving the city up two places to 28th"
_MOVED_TO_A_RANK = re.compile(r"(?<![a-z])(?:climb|rise|rose|rising|mov|jump|fell|fall|drop|slip|slid|advanc)[a-z]*"
                              r"(?:\s+(?:it|the\s+[a-z]+|[a-z]+['’]s\s+[a-z]+))?(?:\s+(?:up|down|back))?"
                              r"(?:\s+[a-z0-9]+\s+(?:places?|spots?|positions?|notches?))?\s+to\s+$")
_WORD_AFTER = re.compile(r"\s+(?!(?:in|among|and|or|with|for|of|on|at|nationally|globally|provincially|place|"
                         r"places|position|positions|spot|overall|only|again|both|respectively|among)(?![a-z]))[a-z]")


@FIGURE.rule(("Sales rose 4.2%, ranking sixth among the province's cities.", "sixth", True),
             ("The city ranked 3rd among county-level cities.", "3rd", True),
             ("It was listed in the first batch.", "first", False),
             ("In 1985 the factory shipped its first export order.", "first", False),
             ("It is now the province's third-largest port.", "third", True),
             ("It was the 11th largest provincial economy in China.", "11th", True),
             ("Its growth of 6.4 percent put it fourth.", "fourth", True),
             ("Its GDP rose 6 percent, keeping the city fourth in the province.", "fourth", True),
             ("Lishui, at 221.6 billion yuan, ranked about 190th.", "190th", True),
             ("Wenzhou, Jiaxing and Taizhou ranked 28th, 43rd and 48th respectively.", "43rd", True),
             ("Hangzhou ranked eighth with 2.3 trillion yuan, and Ningbo 12th with 1.9 trillion yuan.", "12th", True),
             ("Its growth was first provincewide.", "first", True),
             ("It released the first provincewide GEP accounting.", "first", False),
             ("Yunhe ranked 9th among the 90 counties for income growth in 2024, up from 40th in 2023.", "40th", True),
             ("Five Lishui counties made the list. Jinyun ranked highest among them, at 18th.", "18th", True),
             ("Industrial output grew 10.1 percent, also 1st in the province.", "1st", True),
             ("Wenzhou climbs to 28th in China's city GDP ranking", "28th", True),
             ("Its GDP rose 5.9 percent, moving the city up two places to 28th among Chinese cities.", "28th", True),
             when=ORDINAL)
def ordinal_rank(doc, f):
    """An ordinal is a rank after a ranking verb ("ranking fifth", "put it fourth", "ranked about
    190th"), before "place" / "in the province", joined to a superlative ("third-largest"), in a list
    of ranks ("28th, 43rd and 48th"), or after a place in a sentence that ranks ("..., and Ningbo
    12th"); before a sequence noun ("first batch", "its first export order") it is not."""
    if f.kind != "ordinal":
        return NA
    left, after = f.left, f.after
    if _SUPERLATIVE_AFTER.match(after):
        return True
    prev = f.prev
    if prev is not None and prev.kind == "ordinal" and _LIST_GAP.fullmatch(doc.low, prev.m.end, f.m.start):
        return True  # "28th, 36th, 43rd and 48th"
    if _NOT_RANK_AFTER.match(after) and not _RANKED_THE.search(left):
        return False
    if _FROM_BEFORE.search(left) and _rank_before(prev):
        return True  # "ranked 12th among the 90 counties ..., up from 31st in 2023"
    if "to" in left[-4:] and _MOVED_TO_A_RANK.search(left[-60:]):
        return True  # "Wenzhou climbs to 28th", "moving the city up two places to 28th"
    if _RANK_VERB_BEFORE.search(left):
        # "securing the first export order": after a verb that is not only about ranking, an
        # ordinal before a noun is a sequence
        return not (_WORD_AFTER.match(after) and not _PURE_RANK_BEFORE.search(left))
    if _RANK_AFTER.match(after) and _RANK_WEAK_BEFORE.search(left):
        return True
    if _PLACE_AFTER.match(after):
        return True
    k = bisect.bisect_left(doc.place_starts, f.m.start) - 1
    if k >= 0 and doc.places[k].end == f.m.start - 1 and doc.low[f.m.start - 1] == " " \
            and _RANK_VERB.search(doc.low, f.sentence.start, doc.places[k].start):
        return True  # "Hangzhou ranked eighth with ..., and Ningbo 12th"
    return False


def _rank_before(g) -> bool:
    while g is not None:
        if g.unit == "rank":
            return True
        g = g.prev
    return False


_FROM_BEFORE = re.compile(r"(?<![a-z])(?:up|down|rising|falling|climbing|slipping|improving)\s+from\s+$")
_HALF_PERIOD = re.compile(r"(?:first|second|and a|one and|a|-)\s*$")
_HALF_QUANTITY = re.compile(r"(?:for|by|than|to|about|nearly|over)\s*$")
_HALF_OF = re.compile(r"\s*(?:of|the|its|their|our|his|her)(?![a-z])")  # "half the total", "half our revenue"
# "for half the year", "half of the time": a duration, not a share
# "in three quarters", "the first three quarters", "over the past two quarters": quarters of a year
_QUARTERS_OF_A_YEAR = re.compile(r"(?<![a-z])(?:in|first|last|past|over|during|for|the)\s+$")
_HALF_DURATION = re.compile(r"\s+(?:of\s+)?(?:the|a|an|its|their|each)\s+(?:year|month|day|week|time|decade|century|"
                            r"season|hour)s?(?![a-z'’])")


@FIGURE.rule(("Tea accounts for one-third of farm output.", "one-third", True),
             ("Among its residents, one in five works in tourism.", "one in five", True),
             ("Bookings fell by half.", "half", True),
             ("It took a year and a half.", "half", False),
             ("The ferry runs for half the year.", "half", False),
             ("Now the online store brings half our revenue.", "half", True),
             ("Shaoxing's economy grows 6.3% in three quarters", "three quarters", False),
             ("Exports made up three quarters of sales.", "three quarters", True), when=FRACTION)
def fraction_of_a_whole(doc, f):
    """A fraction ("one-third", "one in five", "half of") is a share of a whole, in percent; "half"
    alone is one only after "by", "than", "of" ... ("fell by half"), and "half the year" is a duration;
    "in three quarters" is a time."""
    if f.kind != "fraction":
        return NA
    m = f.m
    if "quarter" in doc.low[m.start:m.end] and _QUARTERS_OF_A_YEAR.search(doc.low, max(0, m.start - 16), m.start) \
            and not _HALF_OF.match(f.after):
        return False  # "grows 6.3% in three quarters", "the first three quarters": a time
    if m.number == 50.0 and "half" in doc.low[m.start:m.end]:
        if _HALF_PERIOD.search(doc.low, max(0, m.start - 12), m.start) and doc.low[m.start:m.end] == "half":
            return False
        if (not _HALF_OF.match(f.after) and not _HALF_QUANTITY.search(f.left)) or _HALF_DURATION.match(f.after):
            return False
    return True


_COMPARISON_AFTER = re.compile(r"\s+(?:as|that|those|the|what|more|higher|larger|bigger|greater|over|than|its|their|our)"
                               r"(?![a-z])|\s+[a-z]+['’]s(?![a-z])")  # "twice Quzhou's", "twice its 2020 level"


@FIGURE.rule(("Farm output value doubled within four years.", "doubled", True),
             ("The inn had twice as many guests as in 2019.", "twice", True),
             ("The minister visited the village twice.", "twice", False),
             ("Lishui's GEP is more than twice Quzhou's.", "twice", True), when=MULTIPLE)
def multiple_word(doc, f):
    """"doubled", "tripled", "quadrupled" are multiples; "twice" and "thrice" only before a
    comparison ("twice as many as", "twice the national average"), not counting occurrences
    ("visited twice")."""
    if f.kind != "multiple":
        return NA
    if doc.low[f.m.start:f.m.end] in lx.MULTIPLE_ADVERBS:
        return bool(_COMPARISON_AFTER.match(f.after))
    return True


_TOP_CONTEXT = re.compile(r"(?:(?<![a-z])(?:among|in|into|entered|entering|enter|ranked|ranking|ranks|rank|"
                          r"made|making|remained|remain|stayed|reached|joined|occupied|occupying|"
                          r"occupy|held|holds|placed|of|within)(?:\s+(?:the|firmly))*|['’]s)\s+top\s*$")
_POSITIONS_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:positions?|places?|spots?|ranks?)(?![a-z])")


@FIGURE.rule(("Incomes ranked among the top 50 cities in China.", "50", True),
             ("Top 3 reasons to visit", "3", False),
             ("The brand held the top two spots in its market.", "two", True), when=DIGITS + WORD)
def top_n(doc, f):
    """"among the top 50", "the top two positions": a rank band (rank, approx under)."""
    if not (f.left.endswith(("top ", "top")) and f.unit is None and f.m.scale == 1.0):
        return NA
    wide = doc.low[max(f.sentence.start, f.m.start - 80):f.m.start]
    if _TOP_CONTEXT.search(wide) or _RANK_VERB_BEFORE.search(wide[:-4]) or _POSITIONS_AFTER.match(f.right):
        f.unit, f.approx = "rank", "under"
        return True
    return False


_OCCURRENCE_BEFORE = re.compile(
    r"(?<![a-z])(?:visited|visit|held|hosted|won|awarded|topped|appeared|met|called|tried|attempted|"
    r"happened|occurred|been|went|came|returned|travelled|traveled)\s+(?:[a-z]+\s+){0,3}$")


@FIGURE.rule(("Exports were 2.5 times that of 2019.", "2.5 times", True),
             ("GDP in 2018 was 152 times the 1978 level.", "152 times", True),
             ("The minister visited the county 3 times.", "3 times", True), when=DIGITS + WORD)
def times(doc, f):
    """"N times" is a multiple, unless it counts occurrences after a verb such as "visited" or
    "held" (then a count of times)."""
    if not (f.unit == "multiple" and f.m.unit_surface == "times"):
        return NA
    if _OCCURRENCE_BEFORE.search(f.left) and not _TIMES_MULTIPLE_AFTER.match(f.after):
        f.unit, f.counted = "count", "time"
    return True


_TIMES_MULTIPLE_AFTER = re.compile(
    r"\s*(?:that|those|the|as|higher|more|larger|bigger|greater|over|compared|of|what)(?![a-z])")


@FIGURE.rule(("Revenue reached 3.2 billion yuan.", "3.2 billion yuan", True),
             ("It hosted 1,200 person-times of visitors.", "1,200 person-times", True))
def unit_word(doc, f):
    """A number with a unit word or currency sign is a figure of that unit."""
    if f.unit is None:
        return NA
    if f.unit == "count" and f.m.unit_surface in lx.UNIT_COUNTED:
        f.counted = lx.UNIT_COUNTED[f.m.unit_surface]
    return True


_RATIO_BEFORE = re.compile(r"(?<![a-z])(?:ratio|gap)(?![a-z])")  # "the income gap ... narrowed from 1.79"
_GAP_AFTER = re.compile(r"\s*(?:higher|lower|more|less|up|down|above|below)(?![a-z])")
_GAP_BEFORE = re.compile(r"(?<![a-z])(?:up|down|(?:rose|fell|dropped|increased|decreased|narrowed|widened)\s+by)\s+$")


@FIGURE.rule(("The income ratio of urban to rural residents was 1.71.", "1.71", True),
             ("The income ratio of urban to rural residents was 1.71, 0.03 lower than a year earlier.", "0.03", True),
             ("The income ratio fell to 1.71, down 0.03 from a year earlier.", "0.03", True),
             ("The income gap between urban and rural residents narrowed from 1.84 to 1.71.", "1.84", True),
             when=DIGITS)
def ratio_value(doc, f):
    """A bare number stated as a ratio ("the income ratio ... was 1.71", "the income gap ... narrowed
    from 1.84 to 1.71"), and the change of that
    ratio right after it ("0.03 lower"), are multiples."""
    if not f.bare or f.m.number >= 100:
        return NA
    s = f.sentence
    if f.prev is not None and f.prev.unit == "multiple" and (_GAP_AFTER.match(f.after) or _GAP_BEFORE.search(f.left)):
        f.unit = "multiple"
        return True
    if _RATIO_BEFORE.search(doc.low, max(s.start, f.m.start - 90), f.m.start) and not f.m.number.is_integer():
        f.unit = "multiple"
        return True
    return NA


_AMOUNT_CUES = re.compile(
    r"(?<![a-z])(?:(?P<count>population|people|residents|inhabitants|visitors?|tourists?|passengers?|users?|"
    r"customers?|households?|trips|visits|arrivals|members|workers|employees|students|patients|vehicles|cars|"
    r"units|enterprises|companies|firms|entities|projects|jobs|subscribers|tons|pigs|cattle|animals|stays|nights|"
    r"bookings|orders|parcels|containers)"
    r"|(?P<money>gdp|value|output|revenues?|sales|income|investments?|yuan|rmb|funds?|profits?|exports|"
    r"imports|trade|spending|consumption|deposits|loans|budget|dollars|worth|mark))(?![a-z])")


_SPAN_OF_TIME_AFTER = re.compile(r"\s+(?:years?|months?|decades?|centuries|century|days?|hours?)(?![a-z])")


@FIGURE.rule(("Its output exceeds the 10 billion mark.", "10 billion", True),
             ("Eight hundred years of shiitake", "Eight hundred", False),
             ("The city has a population of 2.5 million.", "2.5 million", True),
             ("It treated 1.77 million patients.", "1.77 million", True),
             ("In 2015 it received 1.2 million visitors. Last year it received 4.86 million, and its revenue "
              "reached 210 million yuan.", "4.86 million", True),
             ("By 2010 it drew 800,000 visitors a year. In 2024 it received 4.3 million, and its revenue reached "
              "390 million yuan.", "4.3 million", True),
             ("Revenue reached 10.2 billion yuan. The scenic area accounted for 1.46 million of the visits.",
              "1.46 million", True),
             ("Revenue reached 10.2 billion yuan. Overnight stays rose 12.4 percent to 1.18 million.", "1.18 million",
              True), when=DIGITS + WORD)
def scaled_without_unit(doc, f):
    """A scaled number without a unit ("10 billion", "2.5 million") counts the noun after it, is
    money after a class noun ("the 10 billion mark"), or takes what the words before it speak of
    (visitors: a count; GDP or sales: money), counts the set named after it ("1.46 million of the
    visits"), else what an earlier large count of its paragraph (or the one before) counted
    ("received 1.2 million visitors ... it received 4.86 million", "800,000 visitors a year. In 2024
    it received 4.3 million")."""
    if f.m.scale == 1.0 or f.unit is not None:
        return NA
    m = f.m
    noun, f.np_end = counted_noun(doc.low, m.end, f.sentence.end)
    paragraph = f.sentence.paragraph
    if noun is None and _SPAN_OF_TIME_AFTER.match(doc.low, m.end):
        return False  # "Eight hundred years of shiitake": a span of time
    if noun in lx.MONEY_CLASS_NOUNS or (noun in lx.SIZE_CLASS_NOUNS and m.scale >= 1e8):
        f.unit = "CNY"
    elif noun and noun not in lx.NOT_COUNT_NOUNS:
        f.counted = noun
        doc.last_scaled_count = (paragraph, noun)
    elif (om := _OF_THE_SET_AFTER.match(doc.low, m.end, f.sentence.end)) is not None:
        f.counted, f.np_end = counted_noun(doc.low, om.end(), f.sentence.end)  # "1.46 million of the visits"
        if f.counted is None:
            f.unit = "CNY"
    else:
        cue = None
        for cm in _AMOUNT_CUES.finditer(doc.low, max(f.sentence.start, m.start - 120), m.start):
            cue = cm
        if cue is not None and cue.lastgroup == "count":
            f.counted = singular(cue.group("count"))
        elif cue is None and doc.last_scaled_count is not None and paragraph - 1 <= doc.last_scaled_count[0]:
            f.counted = doc.last_scaled_count[1]  # "received 1.2 million visitors. Last year it received 4.86 million"
        else:
            f.unit = "CNY"
    return True


_OF_THE_SET_AFTER = re.compile(r"\s+of\s+(?:the|its|their)\s+(?=[a-z])")
_PEOPLE_AFTER = re.compile(r"\s*(?:people|persons|residents|inhabitants|population|permanent residents|"
                           r"urban residents|rural residents)(?![a-z])")
_PER_BEFORE = re.compile(r"(?:per|every|for every|each|for|by|among|of|owned by)\s*$")


_STRICT_PER_BEFORE = re.compile(r"(?<![a-z])(?:per|every)\s*$")


@FIGURE.rule(("Patents per 10,000 people reached 73.4.", "10,000", False),
             ("Urban households owned 68 cars per 100 households.", "100", False), when=DIGITS)
def denominator_of_a_rate(doc, f):
    """"per 10,000 people", "per 100 households": the denominator of a rate is not a figure."""
    if f.bare and f.m.number in (100, 1000, 10000, 100000) and (
            _PEOPLE_AFTER.match(f.right) and _PER_BEFORE.search(f.left) or _STRICT_PER_BEFORE.search(f.left)):
        return False
    return NA


_AMOUNT_AFTER = re.compile(r"\s+\d[\d,.]*\s*-?\s*(?:billion|million|thousand|trillion|10,000)(?![a-z])"
                           r"(?:\s*-?\s*(?:yuan|rmb))?")
_ONE_OF = re.compile(r"\s*(?:of|another|other|by one|to one|on one|-to-|-stop|-off|-time|-on-one|-way|'s)(?![a-z])")
_ONE_QUALIFIED = re.compile(r"(?:than|least|only|just)\s*$")
_OF_A_SET = re.compile(r"\s+of\s+(?:(?:them|these|those)(?![a-z])|(the|its|their|our)\s+(?:\d[\d,]*\s+)?(?=[a-z]))")
_PHYSICAL_PER = re.compile(r"\s*per\s+(" + trie_pattern(lx.PHYSICAL_DENOMINATORS) + r")(?![a-z])")


_DEFINITE_BEFORE = re.compile(r"(?<![a-z])(?:the|these|those)\s+$")


@FIGURE.rule(("The province has 26 mountain counties. Incomes in the 26 counties rose.", "26", False, 2),
             Example("The province has 26 mountain counties. Incomes in the 26 counties rose.", "26", True,
                     by="counted_digits"),
             Example("The county has 3 parks. It opened the 3 museums in May.", "3", True, 2, by="counted_digits"),
             when=DIGITS + WORD)
def a_count_named_again(doc, f):
    """"the 26 counties" after "26 mountain counties": a count named again with "the" is a reference to
    the set counted before, not a new figure."""
    if not (f.unit is None and f.m.scale == 1.0 and _DEFINITE_BEFORE.search(f.left)) or not doc.counts:
        return NA
    noun = counted_noun(doc.low, f.m.end, f.sentence.end)[0]
    return False if noun and (f.m.number, noun) in doc.counts else NA


_MORE_THAN_AFTER = re.compile(r"\s+(?:more|fewer|less)\s+than(?![a-z])")


@FIGURE.rule(("It will introduce two 5 billion yuan projects.", "two", True),
             ("One of the projects is a hotel.", "One", False),
             ("Fifty-two idle plots were cleared.", "Fifty-two", True),
             ("If others give one, we give ten.", "ten", False),
             ("The county has 900 firms. Twelve of them export.", "Twelve", True),
             ("Nine of the new factories make batteries.", "Nine", True),
             ("She runs two workshops employing 60 villagers.", "two", True),
             ("Seven of the 40 villages have a clinic.", "Seven", True),
             ("It now has 14 tea exporters, up from three in 2020.", "three", True),
             ("The county plans to open five more such spaces by 2026.", "five", True),
             ("It has 21 tea villages, where sales top 10 million yuan, up from two in 2016.", "two", True),
             ("The province had 22 counties with GDP of more than 100 billion yuan, two more than a year earlier.",
              "two", True), when=WORD)
def spelled_count(doc, f):
    """A spelled number counts the noun after it ("Fifty-two idle plots") or the set it is a part of
    ("Twelve of them", "Nine of the new factories", "Seven of the 40 villages"),
    or, as the starting value of a change or the
    change itself, what the count before it counts ("14 exporters, up from three", "22 counties, two
    more than a year earlier"); "one" only when qualified ("more than one"); without a noun it is not
    a figure."""
    if f.kind != "word":
        return NA
    low, m = doc.low, f.m
    if _AMOUNT_AFTER.match(f.right):
        am = _AMOUNT_AFTER.match(low, m.end, f.sentence.end)
        f.counted = counted_noun(low, am.end(), f.sentence.end)[0] if am else None
        return True
    noun, f.np_end = counted_noun(low, m.end + m.plus, f.sentence.end)
    word = low[m.start:m.num_end]
    if word in ("one", "a dozen") and not _ONE_QUALIFIED.search(f.left):
        return False
    om = _OF_A_SET.match(low, m.end, f.sentence.end)
    if om:
        if om.group(1):  # "Twelve of the new projects": a count of the things named after
            f.counted, f.np_end = counted_noun(low, om.end(), f.sentence.end)
        return True  # "Ten of them had sales above ...": a count of the set named before
    if noun is None and f.prev is not None and FROM_BEFORE.search(f.left):
        count = f.prev
        while count is not None and not count.counted:
            count = count.prev  # "21 villages, where sales exceed 10 million yuan, up from two"
        if count is not None:
            f.counted = count.counted  # "14 tea exporters, up from three in 2020": the same things, before
            return True
    if _MORE_THAN_AFTER.match(low, m.end, f.sentence.end):
        count = f.prev
        while count is not None and not count.counted:
            count = count.prev
        if count is not None:
            f.counted = count.counted  # "22 counties ..., two more than a year earlier": the change of that count
            return True
    if _ONE_OF.match(f.right) or noun is None or noun in lx.NOT_COUNT_NOUNS:
        return False
    f.counted = noun
    return True


@FIGURE.rule(("It attracted 40 partnership projects.", "40", True),
             ("The air holds 8,500 negative ions per cubic centimeter.", "8,500", True),
             ("Only 1 of them opened.", "1", False), when=DIGITS)
def counted_digits(doc, f):
    """Digits without a unit count the noun after them ("40 partnership projects"); a count per a
    physical measure is a concentration (unit other); "1 of them" is not a figure."""
    m = f.m
    if m.number == 1 and _ONE_OF.match(f.right):
        return False
    noun, f.np_end = counted_noun(doc.low, m.end + m.plus, f.sentence.end)
    if noun in lx.NOT_COUNT_NOUNS:
        noun = None
    f.counted = noun
    if noun and _PHYSICAL_PER.match(doc.low, f.np_end):
        f.unit = "other"
    return True


# --- counted nouns -----------------------------------------------------------------------

_MORE_AFTER = re.compile(r"\s+(?:(?:more|additional|extra|further)(?:\s+such)?|such)(?=\s+[a-z])(?!\s+than(?![a-z]))")
_TOKEN = re.compile(r"[“”\"‘]|[a-z][a-z’'-]*|\d+[a-z][a-z\d-]*|\d[\d,.]*|[^\sa-z\d]")
_GRADE = re.compile(r"\d+[a-z][a-z\d-]*")


def counted_noun(low: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The noun a bare number counts: "27 large-scale enterprises already" -> enterprise.

    Words inside quotes belong to the phrase ('131 "Mountain Livestreaming" Workshops'), and so do
    grade labels ("two 5A-level scenic spots"). Returns (singular noun or None, position after the
    noun phrase).
    """
    head, head_end, seen, in_quote = None, pos, 0, False
    qm = _MORE_AFTER.match(low, pos, limit)
    if qm:
        pos = qm.end()  # "two more processing lines": the lines are counted
    for m in _TOKEN.finditer(low, pos, limit):
        w = m.group(0)
        if w in "“‘" or (w == '"' and not in_quote):
            in_quote = True
            continue
        if w in "”’" or w == '"':
            in_quote = False
            continue
        if not w[0].isalpha():
            if _GRADE.fullmatch(w):
                seen += 1
                continue
            break
        if not in_quote:
            if w.endswith(("’s", "'s")):
                return singular(w[:-2]), m.end()
            if w.endswith(("’", "'")) and len(w) > 2:
                return singular(w[:-1]), m.end()
            if w in lx.NP_STOP:
                if not seen and w in lx.PARTICIPLE_MODIFIERS and _modifies_next(low, m.end(), limit):
                    seen += 1  # "10.72 million registered private business entities"
                    continue
                if seen:
                    break
                return None, pos
            if seen and w.endswith(("ed", "ing")) and w not in lx.ING_NOUNS and _is_plural(head or ""):
                break  # "60+ countries competed", "three restaurants employing 45 people"
        head, head_end = w, m.end()
        seen += 1
        if seen >= 8:
            break
    if head is None or (head.endswith("ing") and head not in lx.ING_NOUNS):
        return None, pos  # "focusing on ...": a gerund is not a counted noun
    return singular(head), head_end


_NEXT_TOKEN = re.compile(r"\s+([a-z][a-z’'-]*)")


def _modifies_next(low: str, pos: int, limit: int) -> bool:
    """Whether the word after `pos` can continue a noun phrase (not a stop word: "registered
    enterprises" but "27 enterprises registered in ...")."""
    m = _NEXT_TOKEN.match(low, pos, limit)
    return m is not None and m.group(1) not in lx.NP_STOP


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
