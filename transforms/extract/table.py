"""Tables of figures: rows of cells between pipes, as a page's table reaches the text
(trafilatura writes an HTML table so, and statistics bureaus publish their indicators so), or in
columns aligned by spaces (a table copied from a PDF or a plain-text release):

    | Indicator | Unit | Jan-Jun | YoY growth (%) |
    |---|---|---|---|
    | GDP | 100 million yuan | 40,300 | 5.6 |

A table is two or more consecutive lines with the same number (two or more) of cells, the first of
them a header whose cells hold no number but a year. Its first column names what each row measures
(and may name a place); a column headed "Unit" gives each row's unit and scale ("100 million
yuan"), else a unit in brackets in the row's label or the column's header ("GDP (billion yuan)",
"Growth (%)"); a column headed as a change ("YoY growth", "Change", "±") holds growths, one headed
"Share" or "Proportion" shares, one headed "Target" or "Plan" plans, any other one levels (but a
row labelled as a change or a part, "GDP growth (%)", holds growths or shares), of the time its
header names ("Jan-Jun", "2023"), else of the document's frame.

`read_tables` finds them once per document; each number in a data cell of a figure column is a
figure (figure.table_cell) whose role, time, plan, place and metric the table gives (the `table_*`
rules of each field).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon as lx

MIN_PIPES = 4   # a text with fewer "|" holds no table (a byline's "Source | Date" is not one)

_NUMERIC_CELL = re.compile(r"[+\-−–]?\s*[\d,]*\d(?:\.\d+)?\s*%?")
_YEAR_CELL = re.compile(r"(?:19|20)\d\d")
_RULE_ROW = re.compile(r"[\s|:\-–—=+]*")
_GROWTH_HEADER = re.compile(r"(?<![a-z])(?:growth|yoy|y-o-y|y/y|year-on-year|year on year|change|increase|"
                            r"rise|up/down|up or down)(?![a-z])|±|\+/-|\+/−")
_RANK_HEADER = re.compile(r"(?<![a-z])(?:rank|ranking|ranked|position|place)(?![a-z])")
_SHARE_HEADER = re.compile(r"(?<![a-z])(?:share|proportion|percentage of|% of)(?![a-z])")
_TARGET_HEADER = re.compile(r"(?<![a-z])(?:target|plan|planned|goal|expected|forecast)(?![a-z])")
_UNIT_HEADER = re.compile(r"\s*(?:unit|units|unit of measure(?:ment)?|measure)\s*")
_AVERAGE_ANNUAL = re.compile(r"(?<![a-z])(?:average|annual)(?![a-z])")
_YEAR_IN = re.compile(r"(?:19|20)\d\d")
_YEAR_HEADER = re.compile(r"\s*(?:19|20)\d\d\s*")
# a line that gives a table's unit: "Unit: 10,000 yuan", "Unit: 100 million yuan"
UNIT_LINE = re.compile(r"\s*(?:unit|units)\s*[:：]\s*([^\n|]{1,30}?)\s*")
_BRACKETED = re.compile(r"[(（]([^()（）]{1,30})[)）]\s*$")
_SCALE_PREFIXES = sorted(lx.SCALES, key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class Unit:
    """What a table says a bare number in a cell measures: "100 million yuan" -> scale 1e8, CNY."""

    unit: str | None
    scale_surface: str = ""
    unit_surface: str = ""
    counted: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """A data cell of a figure column: its span, its column's kind and header, its row's label."""

    start: int
    end: int
    column: str                 # level | growth | share | rank
    target: bool                # the column holds plans
    header: tuple[int, int]     # the span of the column's header cell
    label: tuple[int, int]      # the span of the row's label cell (its first)
    unit: Unit | None           # what a bare number in it measures


class Tables:
    """The data cells of a document's tables, found by position."""

    def __init__(self, cells: list[Cell], headers: list[tuple[int, int]] = (), rows: list[tuple[int, int]] = ()):
        self.cells = cells
        self.starts = [c.start for c in cells]
        self.headers = list(headers)  # the header cells' spans, in order
        self.header_starts = [a for a, _ in self.headers]
        self.rows = sorted(rows)      # the spans of the tables' rows (header and body), from first cell to last
        self.row_starts = [a for a, _ in self.rows]

    def at(self, start: int, end: int) -> Cell | None:
        """The data cell that holds [start, end), if any."""
        k = bisect.bisect_right(self.starts, start) - 1
        if k >= 0 and self.cells[k].start <= start and end <= self.cells[k].end:
            return self.cells[k]
        return None

    def in_header(self, start: int, end: int) -> bool:
        """Whether [start, end) lies in a header cell."""
        k = bisect.bisect_right(self.header_starts, start) - 1
        return k >= 0 and self.headers[k][0] <= start and end <= self.headers[k][1]

    def in_row(self, start: int, end: int) -> bool:
        """Whether [start, end) lies in a row of a table (a unit cell, a label: not a data cell's figure)."""
        k = bisect.bisect_right(self.row_starts, start) - 1
        return k >= 0 and self.rows[k][0] <= start and end <= self.rows[k][1]


NO_TABLES = Tables([])


def read_tables(text: str, low: str, paragraph_starts: list[int]) -> Tables:
    """The tables of `text` (`low` its lower case; its lines start at `paragraph_starts`), as their
    data cells: between pipes, else in columns aligned by spaces (or tabs)."""
    if text.count("|") >= MIN_PIPES:
        cells_of = _cells
    elif "   " in text or "\t" in text:
        cells_of = _spaced_cells
    else:
        return NO_TABLES
    rows = []
    for k, a in enumerate(paragraph_starts):
        b = paragraph_starts[k + 1] if k + 1 < len(paragraph_starts) else len(text)
        line_end = text.find("\n", a, b)
        rows.append(cells_of(text, a, b if line_end < 0 else line_end))
    cells: list[Cell] = []
    headers: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(rows):
        header = rows[k]
        body = []
        j = k + 1
        while j < len(rows) and rows[j] is not None and (len(rows[j]) == len(header or ()) or _is_rule(text, rows[j])):
            if not _is_rule(text, rows[j]):
                body.append(rows[j])
            j += 1
        if header is not None and len(header) >= 2 and body and _is_header(text, header):
            cells += _data_cells(low, header, body, _unit_line_above(low, paragraph_starts, k))
            headers += header
            spans += [(row[0][0], row[-1][1]) for row in (header, *body)]
            k = j
        else:
            k += 1
    return Tables(sorted(cells, key=lambda c: c.start), headers, spans) if cells else NO_TABLES


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """The (stripped) cell spans of the line [a, b), None for a line with fewer than two cells."""
    if text.count("|", a, b) < 1:
        return None
    spans, start = [], a
    while True:
        bar = text.find("|", start, b)
        end = b if bar < 0 else bar
        spans.append(_strip(text, start, end))
        if bar < 0:
            break
        start = bar + 1
    if spans and spans[0][0] == spans[0][1]:
        spans = spans[1:]  # "| a | b |": the bars that open and close the row
    if spans and spans[-1][0] == spans[-1][1]:
        spans = spans[:-1]
    return spans if len(spans) >= 2 else None


_SPACED_CELL = re.compile(r"[^\s|]+(?: [^\s|]+)*")  # words one space apart; cells are two or more apart
MIN_SPACED_CELLS = 3    # a line of two parts ("Source: ...   Date: ...") is no table row
MAX_SPACED_CELL = 60    # nor one whose parts are sentences


def _spaced_cells(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """The cell spans of the line [a, b) of a table aligned by spaces ("GDP    100 million yuan
    1,021.3    5.8"), None for a line of fewer than MIN_SPACED_CELLS cells or of long ones."""
    if text.find("  ", a, b) < 0 and text.find("\t", a, b) < 0:
        return None
    spans = [m.span() for m in _SPACED_CELL.finditer(text, a, b)]
    if len(spans) < MIN_SPACED_CELLS or any(e - s > MAX_SPACED_CELL for s, e in spans):
        return None
    return spans


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _is_rule(text: str, row: list[tuple[int, int]]) -> bool:
    """"|---|:---:|": the line under a header."""
    return all(_RULE_ROW.fullmatch(text, a, b) for a, b in row)


def _is_header(text: str, row: list[tuple[int, int]]) -> bool:
    """A header names its columns: no number in its cells but a year, and its first cell is words."""
    a, b = row[0]
    if not any(ch.isalpha() for ch in text[a:b]):
        return False
    return not any(_NUMERIC_CELL.fullmatch(text, a, b) and not _YEAR_CELL.fullmatch(text, a, b) for a, b in row)


def _unit_line_above(low: str, starts: list[int], k: int) -> Unit | None:
    """The unit a line right above a table's header gives all its figures ("Unit: 10,000 yuan")."""
    for j in (k - 1, k - 2):
        if j < 0:
            return None
        a = starts[j]
        b = starts[j + 1] if j + 1 < len(starts) else len(low)
        m = UNIT_LINE.fullmatch(low, a, b)
        if m:
            return _unit(m.group(1))
        if low[a:b].strip():
            return None  # a line of words between: not the table's
    return None


def _data_cells(low: str, header: list[tuple[int, int]], body: list[list[tuple[int, int]]],
                table_unit: Unit | None = None) -> list[Cell]:
    kinds = [_column_kind(low, a, b) for a, b in header]
    unit_column = next((c for c, kind in enumerate(kinds) if kind == "unit"), None)
    target_column = next((c for c, kind in enumerate(kinds) if kind == "target"), None)
    year_columns = [c for c, (a, b) in enumerate(header) if _YEAR_HEADER.fullmatch(low, a, b)]
    # a first column of serial numbers ("| No. | Indicator | 2025 | ..."): the label is the next one
    first = 1 if header and len(header) > 2 and _SERIAL_HEADER.fullmatch(low, *header[0]) else 0
    out = []
    for row in body:
        if len(row) <= first:
            continue
        label = row[first]
        row_unit = _unit(low[row[unit_column][0]:row[unit_column][1]]) if unit_column is not None else None
        label_unit = _bracketed_unit(low, *label)
        label_kind = _column_kind(low, *label)  # "GDP growth (%)" in a table of years: a row of growths
        if label_kind not in ("growth", "share"):
            label_kind = None
        for c in range(first + 1, len(row)):
            kind = kinds[c]
            if kind == "unit":
                continue
            a, b = row[c]
            if a == b:
                continue
            column = "level" if kind == "target" else kind
            if kind == "rank":  # "| Rank by growth |": a place in a ranking
                unit = Unit("rank")
            elif kind in ("growth", "share"):  # a change or a part: in percent, unless its header says else
                unit = _bracketed_unit(low, *header[c]) or Unit("percent")
            elif label_kind:  # a row of changes or parts under a column of a time: in percent, unless its label says else
                column, unit = label_kind, row_unit or label_unit or Unit("percent")
            else:
                unit = row_unit or label_unit or _bracketed_unit(low, *header[c]) or table_unit
                if unit is not None and unit.unit == "percent":
                    column = "share"  # "Forest coverage (%)" in a column of a year: a rate, a share
            head, target = header[c], kind == "target" or bool(_TARGET_HEADER.search(low, *header[c]))
            if kind == "growth" and target_column is not None and _AVERAGE_ANNUAL.search(low, *head) \
                    and not _YEAR_IN.search(low, *head):
                head, target = header[target_column], True  # "Average annual growth (%)" beside "2030 target"
            elif kind == "growth" and len(year_columns) >= 2 and _AVERAGE_ANNUAL.search(low, *head) \
                    and not _YEAR_IN.search(low, *head):
                head = header[year_columns[-1]]  # "| 2025 | 2030 | Average annual growth (%) |": growth to 2030
            out.append(Cell(a, b, column, target, head, label, unit))
    return out


_SERIAL_HEADER = re.compile(r"\s*(?:no\.?|#|s/n|serial(?:\s+no\.?)?|number)\s*")


def _column_kind(low: str, a: int, b: int) -> str:
    if _UNIT_HEADER.fullmatch(low, a, b):
        return "unit"
    if _RANK_HEADER.search(low, a, b):
        return "rank"  # "Rank by growth": before "growth", which it names
    if _SHARE_HEADER.search(low, a, b):
        return "share"
    if _GROWTH_HEADER.search(low, a, b):
        return "growth"
    if _TARGET_HEADER.search(low, a, b):
        return "target"
    return "level"


def _bracketed_unit(low: str, a: int, b: int) -> Unit | None:
    """The unit in brackets at the end of a label or header: "GDP (100 million yuan)", "Growth (%)"."""
    m = _BRACKETED.search(low, a, b)
    return _unit(m.group(1)) if m else None


def read_unit(written: str) -> Unit | None:
    """The unit a table or a bracket names (`_unit`), for the extractor's rules."""
    return _unit(written)


def _unit(written: str) -> Unit | None:
    """"100 million yuan" -> Unit("CNY", "100 million", "yuan"); "%" -> percent; "10,000 people" ->
    a count of persons in ten thousands; None when it names no unit we know ("-", "index")."""
    w = " ".join(written.strip().split())
    if not w or w in ("-", "—", "–"):
        return None
    scale = next((s for s in _SCALE_PREFIXES if w.startswith(s + " ") or w == s), "")
    rest = w[len(scale):].strip()
    if rest in lx.UNIT_WORDS:
        return Unit(lx.UNIT_WORDS[rest], scale, rest)
    if rest in lx.TABLE_COUNT_NOUNS:
        return Unit("count", scale, "", lx.TABLE_COUNT_NOUNS[rest])
    if scale and not rest:
        return Unit(None, scale)
    return None
