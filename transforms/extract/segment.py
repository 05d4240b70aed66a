"""Split a document into paragraphs, sentences and clauses, and find quoted labels.

All positions are 0-based offsets into the document text, end exclusive.
"""
from __future__ import annotations

import bisect
import re
from itertools import islice
from dataclasses import dataclass, field

from . import lexicon as lx

# a paragraph ends at a newline; a sentence at . ! ? (or a run of them) followed by optional
# closing quotes and spaces, then something that can open a sentence. A run is tried once, from
# its first mark and without backtracking, so a line of a million dots costs one pass. The pattern
# opens with the set of its first characters (the run's "not after a mark" is looked behind at
# once its first mark is read), so that `re` skips to the next newline or mark in C instead of
# trying the pattern at every character: 6x faster than the same pattern led by its lookbehind.
_BOUNDARY = re.compile(r"""[\n.!?。…](?:(?<=\n)|(?<![.!?。…][.!?。…])[.!?。…]*+["”’)\]]*+(?=[ \t]+["“‘(\[]?[A-Z0-9]))""")
# no real sentence is this long (the longest of the annotated articles is under 900 characters):
# a longer run of text without a full stop (a table flattened into one line, a list of numbers) is
# cut into pieces of at most this size, at a space, so that what is read per figure stays bounded
MAX_SENTENCE = 2000
_ABBREV = re.compile(
    r"(?:\b(?:Co|Ltd|Inc|Corp|No|Nos|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gov|Rep|Dept|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx|e\.g|i\.e|U\.S|U\.K|Fig|Vol|"
    r"est|ca|cf|al)|\b[A-Z])$"
)
# clause boundaries inside a sentence
# what ends a clause: , : ; ( ) — and a dash between spaces
_CLAUSE_CHARS = re.compile(r"[,:;()—–-]")
# quote marks: curly ones say which way they face; a straight one is read from its neighbours
_OPENERS_BEFORE = set(" \t\n([{—–-/:;,")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’+.-]*")
# the words rules read around a figure (in lower-case text): words, numbers, brackets
WORDS = re.compile(r"[a-z][a-z-]*|\d[\d,.]*%?|[()（）]")
LABEL_MAX_WORDS = 10
# a furniture word, a whole word where it starts or ends with a letter ("Print", not "3D printing")
_FURNITURE = re.compile("|".join((r"(?<![a-z])" if w[0].isalpha() else "") + re.escape(w)
                                 + (r"(?![a-z])" if w[-1].isalpha() else "") for w in lx.FURNITURE_WORDS))
# page furniture: a site or an image name on its own line
_SITE_OR_FILE = re.compile(r"[\w.-]+\.(?:com|cn|org|net)(?:\.cn)?|\S+\.(?:jpg|png|gif)")
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z]")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int
    cache: dict = field(default_factory=dict)


@dataclass(slots=True)
class Layout:
    """Where paragraphs, sentences, clause breaks and quoted labels sit in a text."""

    text: str
    sentences: list[Sentence]
    sentence_starts: list[int]
    paragraph_starts: list[int]
    label_spans: list[tuple[int, int]]
    label_starts: list[int]
    furniture: dict = field(default_factory=dict)  # paragraph -> is it page furniture (is_furniture)

    def sentence_at(self, pos: int) -> Sentence:
        return self.sentences[bisect.bisect_right(self.sentence_starts, pos) - 1]

    def in_label(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a short quoted name or slogan."""
        return _inside(self.label_spans, self.label_starts, start, end)

    def is_furniture(self, low: str, paragraph: int) -> bool:
        """Whether a paragraph is page furniture (navigation, byline, share buttons, a site or image
        name): its numbers are not figures and its times frame nothing."""
        hit = self.furniture.get(paragraph)
        if hit is None:
            a = self.paragraph_starts[paragraph]
            b = self.paragraph_starts[paragraph + 1] if paragraph + 1 < len(self.paragraph_starts) else len(low)
            line = low[a:b].strip()
            hit = self.furniture[paragraph] = len(line) < 200 and (
                (any(w in line for w in lx.FURNITURE_WORDS) and _FURNITURE.search(line) is not None)
                or bool(_SITE_OR_FILE.fullmatch(line))
                or (line.count("|") >= 2 and not all(_FIGURE_PART.search(part) for part in line.split("|")))
                or (line[-1:].isdigit() and bool(_COUNTER_AT_END.search(line))) or bool(_PAGE_NUMBER_LINE.fullmatch(line))
                or self._in_a_link_list(low, paragraph))
        return hit

    def _line(self, low: str, k: int) -> str:
        a = self.paragraph_starts[k]
        b = self.paragraph_starts[k + 1] if k + 1 < len(self.paragraph_starts) else len(low)
        return low[a:b].strip()

    def _in_a_link_list(self, low: str, paragraph: int) -> bool:
        """Whether a short line is one of a list of links under "Related:" ("- Lishui's GDP grows 6.2%
        in 2024", "Lishui GDP tops 154 billion yuan [2021-02-10]": another article's headline)."""
        k = paragraph - 1
        while k >= 0:
            line = self._line(low, k)
            if _LINK_LIST_HEADING.fullmatch(line):
                return True
            if len(line) >= 200 or not (line.startswith(_LIST_MARKS) or not line.endswith((".", "。"))):
                return False  # an item is marked ("- ...") or is a headline (no closing full stop)
            k -= 1
        return False


# a page's counter or a newspaper's page closing a line ("Views: 1328", "... 2023-11-24   Views: 2,415",
# "Lishui Daily  2026-01-30  Page 1"), not "Tourist visits: 112.6 million"
_COUNTER_AT_END = re.compile(r"(?:^|\||\d\s)\s*(?:(?:views|visits|clicks|hits|reads)\s*:\s*\d[\d,]*|"
                             r"(?:page|edition)\s+[a-z]?\d{1,2})\s*$")


# a part of a headline of figures between bars: "GDP +6.2% | Exports +15.3% | Retail sales +4.9%"
_FIGURE_PART = re.compile(r"^\s*[a-z][a-z ,'’-]{1,40}[:：]?\s*[+\-−]?\d[\d,]*(?:\.\d+)?\s*(?:%|percent|billion|million)")
# a PDF page's number on a line of its own: "- 3 -", "— 12 —", "Page 3 of 8"
_PAGE_NUMBER_LINE = re.compile(r"[-–—]\s*\d{1,3}\s*[-–—]|page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?")
# the heading of a list of links to other articles, and the marks its items start with
_LINK_LIST_HEADING = re.compile(r"(?:related(?:\s+(?:news|stories|articles|reading|links))?|recommended(?:\s+reading)?|"
                                r"more\s+(?:news|stories)|read\s+more|further\s+reading|you\s+may\s+also\s+like|"
                                r"see\s+also)\s*[:：]?")
_LIST_MARKS = ("- ", "• ", "· ", "* ", "> ", "▪ ", "■ ")


def _inside(spans, starts, start, end) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


# a line broken inside a sentence (a PDF's or a narrow page's): "... at\ncomparable prices", "grew\n15.4%",
# "1.21\nbillion yuan"; not a date line after a headline, a site's name ("zj.gov.cn") nor a line after a sentence's end
_SITE_AT = re.compile(r"[a-z0-9.-]*\.(?:com|cn|org|net|gov)(?![a-z])")
# a scale or unit word that continues a number on the line before ("1.21\nbillion yuan"), and a figure that
# opens the next line ("grew\n15.4%"; not a date, a time or a list item's number)
_SCALE_OR_UNIT = (r"(?:%|％|percent|per cent|percentage points?|hundred|thousand|million|billion|trillion|yuan|"
                  r"tons?|mu|kwh)(?![a-z])")
_SCALE_OR_UNIT_AT = re.compile(_SCALE_OR_UNIT)
_FIGURE_AT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*" + _SCALE_OR_UNIT)


def _broken_inside(text: str, i: int) -> bool:
    """Whether the line break at `i` falls inside a sentence."""
    before, after = text[i - 1], text[i + 1]
    if before == ";":
        return "a" <= after <= "z"  # "GDP growth of about 6.5 percent;\nfixed-asset investment growth of 5 percent"
    if "a" <= before <= "z" or before == ",":
        if "a" <= after <= "z":
            return not _SITE_AT.match(text, i + 1)
        return before != "," and after.isdigit() and _FIGURE_AT.match(text, i + 1) is not None
    return before.isdigit() and _SCALE_OR_UNIT_AT.match(text, i + 1) is not None


def reflow(text: str) -> str:
    """`text` with each line break inside a sentence read as a space, and a word hyphenated across
    a line break joined ("per-\ncent" -> "  percent", "year-\non-year" -> " year-on-year"; the same
    length, so every offset into it is an offset into `text`, give or take the joined word's own)."""
    cuts, joins = [], []
    i = text.find("\n", 1)
    last = len(text) - 1
    while 0 < i < last:
        if _broken_inside(text, i):
            cuts.append(i)
        elif text[i - 1] == "-" and i > 1 and text[i - 2].isalpha() and text[i + 1].isalpha() and text[i + 1].islower():
            joins.append(i)
        i = text.find("\n", i + 1)
    if joins:
        text = _join_hyphenated(text, joins)
    if not cuts:
        return text
    parts, start = [], 0
    for i in cuts:
        parts.append(text[start:i])
        start = i + 1
    parts.append(text[start:])
    return " ".join(parts)


def _join_hyphenated(text: str, breaks: list[int]) -> str:
    """Each word broken by a hyphen and a line break at `breaks` (the line breaks' positions) made
    whole, padded with spaces before it (so that it ends where it did): without the hyphen when the
    whole is a word of `lexicon.UNBROKEN_WORDS` ("per-\ncent"), else with it (a compound: "year-\non-year")."""
    out, start = [], 0
    for i in breaks:
        a = i - 1
        while a > 0 and text[a - 1].isalpha():
            a -= 1
        b = i + 1
        while b < len(text) and (text[b].isalpha() or (text[b] == "-" and b + 1 < len(text) and text[b + 1].isalpha())):
            b += 1
        left, right = text[a:i - 1], text[i + 1:b]
        whole = left + right
        out.append(text[start:a])
        out.append("  " + whole if whole.lower() in lx.UNBROKEN_WORDS else " " + left + "-" + right)
        start = b
    out.append(text[start:])
    return "".join(out)


def layout(text: str) -> Layout:
    """Segment `text` once; everything else reads positions from the result."""
    sentences: list[Sentence] = []
    paragraph_starts: list[int] = []
    n = len(text)
    para, new_paragraph, start = -1, True, 0
    abbrev = _ABBREV.search
    for m in _BOUNDARY.finditer(text):
        a, b = m.span()
        if b - a == 1 and text[a] == "." and abbrev(text, max(start, a - 8), a):
            continue  # "Co., Ltd.", "No. 5", "Mr. Li"
        end = a if text[a] == "\n" else b
        if start < end and not text[start:end].isspace():
            if new_paragraph:
                para += 1
                new_paragraph = False
                paragraph_starts.append(start)
            if end - start <= MAX_SENTENCE:
                sentences.append(Sentence(start, end, para, len(sentences), {}))
            else:
                _add_sentences(sentences, text, start, end, para)
        if text[a] == "\n":
            new_paragraph = True
        start = b
        while start < n and text[start] in " \t":
            start += 1
    if start < n and not text[start:n].isspace():
        if new_paragraph:
            para += 1
            paragraph_starts.append(start)
        _add_sentences(sentences, text, start, n, para)
    if not sentences:
        paragraph_starts.append(0)
        sentences.append(Sentence(0, n, 0, 0, {}))
    label_spans = []
    for q_start, q_end in _quotes(text):
        inner = text[q_start + 1:q_end - 1]
        words = len(_WORD.findall(inner))
        # a short quote without a sentence inside it is a name, slogan or programme label; one that
        # ends in , . ! ? inside its marks is speech ("The time has been cut by over 50%," he said)
        if words <= LABEL_MAX_WORDS and not _SENTENCE_INSIDE.search(inner) \
                and not (words >= 4 and inner.rstrip()[-1:] in ",.!?"):
            label_spans.append((q_start, q_end))
    return Layout(
        text=text,
        sentences=sentences,
        sentence_starts=[s.start for s in sentences],
        paragraph_starts=paragraph_starts,
        label_spans=label_spans,
        label_starts=[s for s, _ in label_spans],
    )


def _add_sentences(sentences: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    """The sentence [start, end), cut at spaces into pieces of at most MAX_SENTENCE characters."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut > 0 else start + MAX_SENTENCE
        sentences.append(Sentence(start, cut, para, len(sentences), {}))
        start = cut
    sentences.append(Sentence(start, end, para, len(sentences), {}))


_CURLY_DOUBLE = re.compile(r"“[^“”\n]*”")
_CURLY_SINGLE = re.compile(r"‘[^‘’\n]{0,200}’(?![A-Za-z])")


def _quotes(text: str) -> list[tuple[int, int]]:
    """Quoted spans (marks included), paired within a paragraph, in order of their start."""
    spans = [m.span() for m in _CURLY_DOUBLE.finditer(text)]
    if "‘" in text:
        spans += [m.span() for m in _CURLY_SINGLE.finditer(text)
                  if m.start() == 0 or text[m.start() - 1] in _OPENERS_BEFORE or text[m.start() - 1] in "“\""]
    if '"' in text:
        open_at = None
        for i in (m.start() for m in _STRAIGHT.finditer(text)):
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if open_at is None and before in _OPENERS_BEFORE and not after.isspace():
                open_at = i
            elif open_at is not None:
                if "\n" not in text[open_at:i]:
                    spans.append((open_at, i + 1))
                open_at = None
    spans.sort()
    return spans


_STRAIGHT = re.compile('"')


_MISS = object()


def sentence_search(low: str, sentence: Sentence, pattern: re.Pattern, needles: tuple[str, ...] = (),
                    found: dict | None = None):
    """`pattern.search` over the sentence, computed once per sentence and pattern. `needles` are
    words every match contains: where none is in the sentence, the pattern is not run at all.
    `found` (one per document) keeps where the needles stand in the document, found once, so that a
    sentence is tested by a bisection rather than a search for each needle."""
    key = id(pattern)  # a compiled pattern's own hash reads all of its code
    hit = sentence.cache.get(key, _MISS)
    if hit is _MISS:
        a, b = sentence.start, sentence.end
        if not needles:
            hit = pattern.search(low, a, b)
        elif found is not None:
            at = found.get(needles)  # by needles: patterns that share their needles share the search
            if at is None:
                at = found[needles] = _needle_starts(low, needles)
            k = bisect.bisect_left(at, a)
            hit = pattern.search(low, a, b) if k < len(at) and at[k] < b else None
        else:
            hit = pattern.search(low, a, b) if any(low.find(n, a, b) >= 0 for n in needles) else None
        sentence.cache[key] = hit
    return hit


def _needle_starts(low: str, needles: tuple[str, ...]) -> list[int]:
    """The sorted starts of every occurrence of each needle in `low`."""
    at: list[int] = []
    for n in needles:
        i = low.find(n)
        while i >= 0:
            at.append(i)
            i = low.find(n, i + 1)
    at.sort()
    return at


class QuoteMarks:
    """Where a text's quotation marks are, so that a count between two offsets costs a bisection
    rather than a walk: a paragraph of one long line is walked once, not once per figure."""

    def __init__(self, text: str):
        self.at = {mark: _needle_starts(text, (mark,)) for mark in ('"', "“", "”")}

    def count(self, mark: str, start: int, end: int) -> int:
        at = self.at[mark]
        return bisect.bisect_left(at, end) - bisect.bisect_left(at, start)


def quoted_apart(text: str, start: int, a: int, b: int, end: int, marks: QuoteMarks | None = None) -> bool:
    """Whether text[a:b] is inside a quotation (opened after `start`) that closes before `end`;
    `marks` (the text's `QuoteMarks`) counts where `start` may lie far back."""
    count = marks.count if marks else lambda mark, i, j: text.count(mark, i, j)
    if count("“", start, a) > count("”", start, a):
        return text.find("”", b, end) >= 0
    return count('"', start, a) % 2 == 1 and text.find('"', b, end) >= 0


def bracketed_apart(text: str, start: int, a: int, b: int, end: int) -> bool:
    """Whether text[a:b] is inside brackets (opened after `start`) that close before `end`
    ("(2Q25: +5.7%), above our 5.6% forecast")."""
    return text.count("(", start, a) > text.count(")", start, a) and text.find(")", b, end) >= 0


def enclosed_apart(text: str, start: int, a: int, b: int, end: int) -> bool:
    """Whether text[a:b] is inside a quotation or brackets that close before `end`."""
    return quoted_apart(text, start, a, b, end) or bracketed_apart(text, start, a, b, end)


def earlier_in_paragraph(sentences: list[Sentence], s: Sentence, key: str, found_in):
    """What `found_in(prev, cur)` gives for the last sentence `prev` of s's paragraph before it that
    gives anything (`cur` is the sentence after `prev`), else None. Kept on every sentence walked
    under `key`, so a paragraph is walked once however many figures ask."""
    chain, cur = [], s
    while key not in cur.cache:
        k = cur.index - 1
        if k < 0 or sentences[k].paragraph != cur.paragraph:
            cur.cache[key] = None
            break
        found = found_in(sentences[k], cur)
        if found:
            cur.cache[key] = found
            break
        chain.append(cur)
        cur = sentences[k]
    for c in chain:
        c.cache[key] = cur.cache[key]
    return s.cache[key]


def clause_bounds(text: str, sentence: Sentence, pos: int) -> tuple[int, int]:
    """The clause of `sentence` that holds position `pos` (commas, semicolons, dashes, brackets)."""
    breaks = sentence.cache.get("clauses")
    if breaks is None:
        breaks = [sentence.start]
        for m in _CLAUSE_CHARS.finditer(text, sentence.start, sentence.end):
            i = m.start()
            ch = text[i]
            if ch in ",:":
                if text[i + 1:i + 2].isspace():
                    breaks.append(i + 1)
            elif ch in "-–":
                if text[i - 1:i] == " " and text[i + 1:i + 2] == " ":
                    breaks.append(i + 1)
            else:
                breaks.append(i + 1)
        breaks.append(sentence.end)
        sentence.cache["clauses"] = breaks
    k = bisect.bisect_right(breaks, pos) - 1
    if k >= len(breaks) - 1:
        k = len(breaks) - 2
    return breaks[k], breaks[k + 1]


def question_of_a_bare_answer(doc, f) -> tuple[int, int] | None:
    """The span of the question a figure answers when the figure is all of its answer but a label and
    a hedge ("Q: Your growth target for 2026?" / "A: Around 6.5 percent."), else None."""
    if not doc.holds["q:"]:
        return None
    words = WORDS.finditer(doc.low, doc.lay.paragraph_starts[f.sentence.paragraph], f.m.start)
    if next(islice(words, 3, None), None) is not None:  # a fourth word: more than a label and a hedge
        return None
    return doc.question_before(f.sentence.paragraph)
