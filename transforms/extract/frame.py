"""The time frames of a document: what year and period its parts report on.

A news page starts with furniture (navigation, byline, "Updated:" date), a headline and perhaps
a photo caption; then the body. Three kinds of frame date the figures whose own sentence and
paragraph name no time:

- the headline ("Jiangxi's exports climb 8 percent in H1", "Statistical Communique ... on the
  2023 National Economic and Social Development") frames the whole document;
- the lead, the first body sentence with a figure ("Taizhou's retail sales totaled 88.1 billion
  yuan in the first half of 2023", or, when it names no time, the body's words before it; not the
  "last year" of a background paragraph after an opening one that tells an event of the day, "...
  held an event on Wednesday"): a period it
  names (not a single month, unless an as-of one: "By the end of October, ...") frames the whole document; a
  year alone, when it is the publication year or the one before (a report, not a story's past),
  frames it up to the next section heading ("In 2020, Suichang ... ", then "Brief introduction:");
- a section heading ("I. Review of Work in 2024") frames the paragraphs under it;
- a body paragraph that opens with a period of several months ("For the first three quarters,
  ...") frames it and the paragraphs after it, unless that period is a part of the document's own
  ("In the third quarter alone" in a release on the first three quarters).

A frame's period without a year takes the year of another frame with that period, else the
latest such period that had ended by the publication date. The reporting year, for figures no
frame dates, is the headline's year, else a year the document names repeatedly (at least twice
and 60% of its years), else, in a text of a year's first quarter that reports on the whole year
before and names no later one, that year, else its publication year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .document import dateline_month
from .qualifiers import ASIDE_PARTICIPLE
from .scan import END_OF_BEFORE, FIVE_YEAR_PLAN, YEAR_RANGE, Time, period_months, several_months
from .target import plans_in

_BODY_WORDS = 25
_SHORT_CHARS = 400
_HEADING_WORDS = 12
_CAPTION = re.compile(r"\[\s*photo|photo (?:by|provided|courtesy)|\(photo|/vcg\]|\]\s*$")  # in lower-cased text
_CLAUSE_END = re.compile(r"[.!?,;”\"]\s*$")
_SENTENCE_END = re.compile(r"[.!?。”\"’]\s*$")


@dataclass(frozen=True, slots=True)
class Frame:
    year: int | None
    period: str | None
    source: str                 # headline | lead | heading
    first: int                  # first paragraph it frames
    last: int                   # last paragraph it frames (inclusive)


class Frames:
    """The frames of one document and its reporting year."""

    def __init__(self, doc, figures):
        self.doc = doc
        lay = doc.lay
        starts = lay.paragraph_starts
        n = len(starts)
        text, low = doc.text, doc.low
        spans = [(starts[k], starts[k + 1] if k + 1 < n else len(text)) for k in range(n)]
        with_figures = {f.sentence.paragraph for f in figures}
        # only short paragraphs can be furniture, captions or headings: long ones are body
        short = [b - a < _SHORT_CHARS for a, b in spans]
        words = [len(text[a:b].split()) if sh else _BODY_WORDS for (a, b), sh in zip(spans, short)]
        furniture = [sh and lay.is_furniture(low, k) for k, sh in enumerate(short)]
        caption = [sh and bool(_CAPTION.search(low, a, b)) for (a, b), sh in zip(spans, short)]
        ends = [bool(_SENTENCE_END.search(text, max(a, b - 3), b)) for a, b in spans]
        body = next((k for k in range(n) if not furniture[k] and not caption[k] and (
            words[k] >= _BODY_WORDS or (words[k] >= 12 and ends[k]))), n)
        self.body_start = body
        frames: list[Frame] = []

        def eligible(a: int, b: int) -> list[Time]:
            return [t for t in doc.times_between(a, b) if t.frame and t.owner is None and not t.date and t.known
                    and not t.horizon and (t.year is not None or t.period is not None or _over(t, doc.pub_year))]

        # the headline: the head's lines that are neither furniture nor captions
        head = [t for k in range(body) if not furniture[k] and not caption[k] for t in eligible(*spans[k])
                if k == 0 or not _dates_the_page(doc, t)]
        headline = _frame_of(head, "headline", 0, n - 1)
        if headline and headline.year and headline.period is None and any(
                t.year == headline.year and "yearbook" in low[max(0, t.start - 30):t.end + 12] for t in head):
            headline = Frame(headline.year - 1, None, "headline", 0, n - 1)  # "Yearbook 2025" records 2024
        if headline and headline.year and doc.pub_year and headline.year > doc.pub_year:
            headline = None  # "Lishui sets digital economy targets for 2027" in 2024: a plan's horizon, no report's year
        # the lead: the first sentence with a figure in the first two body paragraphs, not a quotation
        lead, lead_paragraph = None, body
        for f in figures:
            s = f.sentence
            if s.paragraph < body:
                continue
            if s.paragraph > body + 1:
                break
            if text[s.start:s.start + 1] in "“\"‘" or plans_in(doc, s):
                continue  # a quotation, or a plan (a cue: "coupons would be issued from April 1"): not a report's time
            # a single month in a lead is an anecdote's ("At 9:30 on a Saturday in October"), not a release's
            times = [t for t in _no_single_month(eligible(s.start, s.end)) if not _in_an_aside(low, s, t)] \
                or _as_of_month(doc, s, headline is None or headline.period is None)
            # a time in a quotation of the opening words ("“In 2016 the roof leaked,” he said") is an anecdote's
            opening = [t for t in _no_single_month(eligible(spans[body][0], s.start))
                       if not _quoted(text, spans[lay.sentence_at(t.start).paragraph][0], t.start)]
            if not times:  # the body's opening words before it ("... both outpaced the province in 2022.")
                times = opening
            elif all(t.year is None for t in times):  # "From January to August, ..." after "... in the first
                times = times + [t for t in opening if t.year is not None  # eight months of 2025, ... said."
                                 and t.period == times[0].period][:1]
            if s.paragraph > body and times and all(t.rel is not None and t.period is None for t in times) \
                    and _PRESENT_EVENT.search(low, *spans[body]):
                break  # "... held an event on Wednesday.\n\nVisitors made 6.2 million trips last year": a story's background
            # from the headline on: a release's period frames its headline's figures too
            lead, lead_paragraph = _frame_of(times, "lead", 0, n - 1), s.paragraph
            break
        # section headings in the body: short lines without figures or a sentence's end
        # (the head's last line too, after its title: "Review of 2024" right above the body it heads)
        headings = [k for k in range(max(1, body - 1), n) if k != body and words[k] <= _HEADING_WORDS and words[k] > 0
                    and k not in with_figures and not furniture[k] and not caption[k]
                    and not _CLAUSE_END.search(text[spans[k][0]:spans[k][1]].rstrip())]
        if lead is not None and lead.period is None:
            if doc.pub_year is not None and lead.year is not None and not (doc.pub_year - 1 <= lead.year <= doc.pub_year):
                lead = None  # an older year in a lead is a story's past ("In 2012, she returned ..."), not its report
            else:
                nxt = next((h for h in headings if h > lead_paragraph), None)
                if nxt is not None:  # a year alone: up to the next section heading
                    lead = Frame(lead.year, lead.period, "lead", 0, nxt - 1)
        for i, h in enumerate(headings):
            last = headings[i + 1] - 1 if i + 1 < len(headings) else n - 1
            times = eligible(*spans[h])
            if h < body and any(t.period is not None for t in times):
                continue  # in the head, only a year heads the body ("Review of 2024"), not a byline's "March 2025"
            fr = _frame_of(times, "heading", h + 1, last)
            if fr is not None and h + 1 <= last:
                frames.append(fr)
        # a body paragraph that opens with a period of months ("For the first three quarters, ...")
        # frames itself and the paragraphs after it, up to the next such paragraph or heading; not a
        # part of the document's own period ("In the third quarter alone" in a Q1-Q3 report)
        start = lead_paragraph + 1 if lead is not None else body + 1
        outer = period_months((lead or headline).period) if (lead or headline) else None
        opening = [(k, t) for k in range(start, n) if not furniture[k] and (t := _opening_period(doc, eligible, spans[k]))
                   and not _narrower(period_months(t.period), outer)]
        stops = sorted({k for k, _ in opening} | set(headings) | {n})
        # (in a release on one month, "In the first eight months, ..." frames its own paragraph only: the
        # paragraphs after it are of the month again)
        one_month = outer is not None and outer[0] == outer[1]
        openers = [Frame(t.year, t.period, "opener", k, k if one_month else next(x for x in stops if x > k) - 1)
                   for k, t in opening]
        self.headline, self.lead, self.headings = headline, lead, frames
        self.plan_horizon = _plan_horizon(doc, [spans[k] for k in range(min(body, n)) if not furniture[k] and not caption[k]],
                                          spans[body] if body < n else None)
        self.dominant_year = _dominant_year(doc)
        self._year_after = _UNREAD  # _after_the_last_full_year
        # complete the year of a frame that names only a period
        # the year a lead's period is written with ("By the end of April 2025"), before any completion
        self.lead_year_written = lead.year if lead is not None and lead.period is not None else None
        years_by_period = {fr.period: fr.year for fr in (headline, lead) if fr and fr.period and fr.year}
        self.headline = self._complete(headline, years_by_period)
        self.lead = self._complete(lead, years_by_period)
        self.headings = [self._complete(fr, years_by_period) for fr in frames]
        self.openers = [self._complete(fr, years_by_period) for fr in openers]
        if self.headline and self.headline.year:
            self.reporting_year, self.reporting_source = self.headline.year, "headline"
        elif self.lead and self.lead.period and self.lead.year:
            self.reporting_year, self.reporting_source = self.lead.year, "lead"
        elif self.dominant_year:
            self.reporting_year, self.reporting_source = self.dominant_year, "dominant year"
        elif doc.pub_year and (last := self._last_full_year_written_early()) is not None:
            self.reporting_year, self.reporting_source = last, "last full year"
        elif doc.pub_year:
            self.reporting_year, self.reporting_source = doc.pub_year, "publication date"
        else:
            self.reporting_year, self.reporting_source = None, None
        self._cache: dict[int, tuple[int | None, str | None, str | None]] = {}

    def _complete(self, fr: Frame | None, years_by_period: dict) -> Frame | None:
        if fr is None or fr.year is not None or fr.period is None:
            return fr
        # an undated text's period is of its headline's year ("Lishui District posts solid start to 2026"
        # over "in the first quarter of the year"), before any year read off its body
        headline_year = self.headline.year if self.headline is not None and fr is not self.headline else None
        year = years_by_period.get(fr.period) or latest_year_of(fr.period, self.doc.pub_year, self.doc.pub_month) \
            or headline_year or self.dominant_year or self._after_the_last_full_year() \
            or (_year_after_its_base(self.doc) if self.doc.pub_year is None else None)
        return Frame(year, fr.period, fr.source, fr.first, fr.last)

    def _after_the_last_full_year(self) -> int | None:
        """In an undated document, the year after the latest whole year it reports as past ("Zhejiang's
        GDP grew 5.5 percent in 2024" under "in the first two months of the year": 2025); read once."""
        if self._year_after is _UNREAD:
            doc = self.doc
            years = [t.year for t in doc.times if t.year and t.period is None and t.rel is None and t.frame
                     and not t.date and not t.horizon and t.until is None] if doc.pub_year is None else []
            self._year_after = max(years) + 1 if years else None
        return self._year_after

    def _last_full_year_written_early(self) -> int | None:
        """A text of a year's first quarter that names the year before, twice or more, as a whole
        year it reports, and no later year but a plan's, reports on that year ("Jinyun reviews its
        14th Five-Year Plan", January 2026: "GDP reached 38.7 billion yuan in 2025 ... Rural income
        reached 42,180 yuan")."""
        doc = self.doc
        if doc.pub_month is None or doc.pub_month > 3:
            return None
        years = [t.year for t in doc.times if t.year and t.period is None and t.rel is None and t.frame
                 and not t.date and not t.horizon and t.until is None and t.owner is None]
        last = doc.pub_year - 1
        return last if years.count(last) >= 2 and max(years) == last else None

    def at(self, paragraph: int) -> tuple[int | None, str | None, str | None]:
        """(year, period, source) of the frames around `paragraph`, the innermost first: a heading
        naming another year without a period is that whole year."""
        hit = self._cache.get(paragraph)
        if hit is not None:
            return hit
        year, period, source = None, None, None
        for fr in (self.headline, self.lead, *self.headings, *self.openers):
            if fr is None or not (fr.first <= paragraph <= fr.last):
                continue
            if fr.period is not None:
                year, period = fr.year or year, fr.period
            elif fr.year is not None:
                period = period if year in (None, fr.year) else None
                year = fr.year
            source = fr.source
        out = (year, period, source)
        self._cache[paragraph] = out
        return out




_UNREAD = object()


def _quoted(text: str, a: int, pos: int) -> bool:
    """Whether `pos` lies inside a quotation opened since `a` (its paragraph's start)."""
    return text.count('"', a, pos) % 2 == 1 or text.rfind("“", a, pos) > text.rfind("”", a, pos)


def _as_of_month(doc, s, compared: bool = True) -> list[Time]:
    """"By the end of October, the projects had completed ...": a release's as-of month in a lead,
    and the month a lead compares with a year before ("traded 16,400 tons in September, up 6.1
    percent from the same month last year": a monthly release's); a single month is otherwise an
    anecdote's, not a frame (`compared`: whether a compared month may frame; not under a headline
    that names a period)."""
    months = [t for t in doc.times_between(s.start, s.end) if t.period and t.known and not t.date and t.frame]
    yoy = compared and bool(months) and _YEAR_ON_YEAR.search(doc.low, s.start, s.end) is not None
    return [t for t in months if yoy and not several_months(t.period)
            or END_OF_BEFORE.search(doc.low, max(0, t.start - 24), t.start)][:1]


# a change over a year: "year on year", "from the same month last year", "from a year earlier"
_YEAR_ON_YEAR = re.compile(r"(?<![a-z])(?:year[- ]on[- ]year|y/y|yoy|(?:from|over|than)\s+(?:the\s+same\s+month\s+"
                           r"(?:of\s+)?(?:last|the\s+previous)\s+year|a\s+year\s+(?:earlier|ago|before)))(?![a-z])")


def _no_single_month(times: list[Time]) -> list[Time]:
    return [t for t in times if t.period is None or several_months(t.period)]


def _narrower(months: tuple[int, int] | None, outer: tuple[int, int] | None) -> bool:
    return months is not None and outer is not None and outer[0] <= months[0] and months[1] <= outer[1] \
        and months != outer


ALONE_AFTER = re.compile(r"\s+(?:alone|only)(?![a-z])")
_OPENING = re.compile(r"(?:(?:in|for|during|from|over|throughout)\s+)?(?:the\s+)?")


def _opening_period(doc, eligible, span: tuple[int, int]) -> Time | None:
    """The period of several months ("the first three quarters", "January to October", a quarter,
    a half) that opens a paragraph, else None."""
    a, b = span
    for t in eligible(a, min(b, a + 32)):
        if several_months(t.period) and _OPENING.fullmatch(doc.low, a, t.start) \
                and not ALONE_AFTER.match(doc.low, t.end):
            return t
        break
    return None


def _dates_the_page(doc, t: Time) -> bool:
    """Whether `t` is the page's publication month ("Bureau of Statistics, March 2024" under a
    communique's title on 2023): the page's date, not the period its headline frames."""
    return doc.pub_month is not None and t.year == doc.pub_year and t.period == f"M{doc.pub_month:02d}"


# a news event of the days of publication: "held an event in Shanghai on Wednesday", "opened on Friday"
_PRESENT_EVENT = re.compile(r"(?<![a-z])(?:on|this|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                            r"(?![a-z])|(?<![a-z])(?:today|yesterday)(?![a-z])")


def _over(t: Time, pub_year: int | None) -> bool:
    """A span of years over when the document was written ("the 14th Five-Year Plan period
    (2021-2025)" in 2026): a review's, which frames as its last year."""
    return t.until is not None and pub_year is not None and t.until < pub_year


# an aside between commas about the subject's past: "Zhejiang, chosen in 2021 as China's pilot zone, reported ..."
_ASIDE_BEFORE = re.compile(r",\s+(?:which|who|whose|where|once|" + ASIDE_PARTICIPLE + r")\s[^,;]*$")


def _in_an_aside(low: str, s, t: Time) -> bool:
    """Whether time `t` of sentence `s` is in an aside that closes with a comma before the sentence
    ends ("Zhejiang, chosen in 2021 as ..., reported income of 67,013 yuan in 2024")."""
    return low.find(",", t.end, s.end) >= 0 and bool(_ASIDE_BEFORE.search(low, s.start, t.start))


def _frame_of(times: list[Time], source: str, first: int, last: int) -> Frame | None:
    period = next((t.period for t in times if t.period), None)
    year = next((t.year for t in times if t.period == period and t.year), None) if period else None
    year = year or next((t.year or t.until for t in times if t.year or t.until), None)
    if year is None and period is None:
        return None
    return Frame(year, period, source, first, last)


_HEADLINE_PLAN = re.compile(r"(?<![a-z])(?:" + "|".join(lx.HEADLINE_PLAN_WORDS) + r")(?![a-z])")


def _plan_horizon(doc, head: list[tuple[int, int]], lead: tuple[int, int] | None) -> int | None:
    """The one horizon year the head (else the lead paragraph) names for a plan: a Five-Year Plan's
    last year, a year range's last year, a "by 2025", or a year not yet past in a headline about a
    plan ("Zhejiang sets 2025 growth target"); None when they name none or several. A head's one
    horizon stands over the lead's ("Outline of the 15th Five-Year Plan (2026-2030)" above "During
    the 14th Five-Year Plan period, GDP ...": 2030)."""
    years = _horizons(doc, head, False)
    if len(years) != 1 and lead:
        years |= _horizons(doc, [lead], True)
    return years.pop() if len(years) == 1 else None


def _horizons(doc, spans: list[tuple[int, int]], lead: bool) -> set[int]:
    years, low = set(), doc.low
    for a, b in spans:
        years.update(lx.FIVE_YEAR_PLANS[m.group(1)] for m in FIVE_YEAR_PLAN.finditer(low, a, b))
        plan_head = not lead and _HEADLINE_PLAN.search(low, a, b)
        ts, last = doc.times_between(a, b), None
        for k, t in enumerate(ts):
            if t is last:
                continue
            if t.until is not None:
                years.add(t.until)
            elif k + 1 < len(ts) and ts[k + 1].year and YEAR_RANGE.fullmatch(low, t.start, ts[k + 1].end):
                last = ts[k + 1]  # "its plan for 2023-2025, aiming ...": a range read as two years
                years.add(last.year)
            elif t.year is not None and t.known and not t.date and (
                    t.horizon or (plan_head and (doc.pub_year is None or t.year >= doc.pub_year))):
                years.add(t.year)
    return years


_REVIEW_OF_A_YEAR = re.compile(r"(?<![a-z])review\s+of\s+(?:(?:the\s+)?work\s+)?(?:in\s+)?(?:19|20)\d\d")


def resolve_relative_years(doc) -> None:
    """"the list of 2024 tasks shows that this year ...": an unknown "this year" takes the one
    explicit year its sentence names before it (not "this year, down from a quarter in 2018");
    else "this", "last" and "next year" count from the headline's year ("Work Report 2026 ... Over
    the past year, ...": 2025), else from the year of a period the lead reports ("By the end of
    April 2025, ...": the text was written in 2025; but "the past year" of a text whose lead, or
    whose head's "Review of Work in 2023", reports on a year may be that year: unknown)."""
    frames = doc.frames
    base = frames.headline.year if frames.headline else None
    if base is not None and doc.pub_year is None and _written_the_year_after(doc, frames.headline):
        base += 1  # "Ningbo's trade ... in 2025" datelined "Jan 21": written in 2026, when "last year" is 2025
    # a lead's year, or a head's "Review of Work in 2023", is the year reported on, which "the past year" may be
    written = base is None or bool(_REVIEW_OF_A_YEAR.search(doc.low, 0, doc.lay.paragraph_starts[
        min(frames.body_start, len(doc.lay.paragraph_starts) - 1)] if doc.lay.paragraph_starts else 0))
    if base is None:
        base = frames.lead_year_written
    if base is None and doc.pub_year is None:
        base = _year_after_its_base(doc)
    for t in doc.times:
        if t.rel is not None and not t.known:
            s = doc.lay.sentence_at(t.start)
            years = {u.year for u in doc.times_between(s.start, t.start)
                     if u.rel is None and u.year is not None and u.frame}
            if t.rel == "this" and len(years) == 1:
                t.year, t.known = years.pop(), True
            elif base is not None and not (written and doc.low.startswith("past", t.start)):
                t.year, t.known = base + {"this": 0, "last": -1, "next": 1}[t.rel], True


def _written_the_year_after(doc, headline: Frame) -> bool:
    """A year-less wire dateline ("Ningbo, Jan 21 (Xinhua) -") no later in the year than the end of
    the period its headline and its lead report (a whole year ends in December) is of the next year;
    not one over a plan ("Fujian targets 5% growth in 2026", whose lead is no report) nor over a
    part of the year ("posts solid start to 2026", whose lead reports the first quarter)."""
    lead, starts = doc.frames.lead, doc.lay.paragraph_starts
    if lead is None or lead.year != headline.year or lead.period != headline.period \
            or _HEADLINE_PLAN.search(doc.low, 0, starts[1] if len(starts) > 1 else len(doc.low)):
        return False
    month = dateline_month(doc.text)
    return month is not None and month <= (period_months(headline.period) or (1, 12))[1]


_SAME_PERIOD_OF = re.compile(r"(?<![a-z])same\s+(?:period|months?|quarter)\s+(?:of|in)\s+$")


def _year_after_its_base(doc) -> int | None:
    """An undated text that compares with "the same period of 2025" reports on 2026 (its "this year")."""
    years = {t.year for t in doc.times if t.year is not None and t.rel is None and t.period is None
             and _SAME_PERIOD_OF.search(doc.low, max(0, t.start - 24), t.start)}
    return max(years) + 1 if len(years) == 1 else None


def _dominant_year(doc) -> int | None:
    years = [t.year for t in doc.times if t.frame and t.rel is None and t.year and not t.date]
    if not years:
        return None
    top = max(set(years), key=lambda y: (years.count(y), y))
    return top if years.count(top) >= 2 and years.count(top) >= 0.6 * len(years) else None


def latest_year_of(period: str, pub_year: int | None, pub_month: int | None) -> int | None:
    """The year of the latest `period` that had ended by the publication date."""
    if pub_year is None:
        return None
    months = period_months(period)
    end = months[1] if months else 12
    return pub_year if pub_month is None or end <= pub_month else pub_year - 1
