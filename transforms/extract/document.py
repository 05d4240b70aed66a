"""A document scanned once: its layout, publication date, number mentions, places and times.

Everything a rule reads about the document as a whole lives here: where its paragraphs and
sentences are, when it was published, the place it is about (`main_region`), the province and
city that "the province" and "the city" refer to, and the towns and villages it places in a
county ("Shimen township in Lishui's Yunhe county" teaches it Shimen).
"""
from __future__ import annotations

import bisect
import heapq
import re
from functools import cached_property

from . import lexicon as lx
from .gazetteer import HOME_CITY, NANJING_LISHUI, Gazetteer
from .mentions import Mention, read_digits, read_word
from .table import Tables, read_tables
from .scan import (BRACKET_YEARS, DATE_AT, DAY_MONTH, NUMBER_WORDS, TIME_WORDS, YEAR_RANGE, Place, Time, anchor_scan,
                   canonical_period, is_horizon, lower, mark_containers, read_place, read_time, trie_pattern,
                   with_frame)
from .segment import Layout, QuoteMarks, layout, reflow

_PLACE_WORDS = lx.PLACE_REFS
_GLUED_CURRENCY = re.compile(r"(?<![a-z])(?:" + "|".join(lx.GLUED_CURRENCY_CODES) + r")(\d+)")
# "1H 2024", "3Q", "1H25", "1Q25" (in the text as written: upper case)
_HALF_OR_QUARTER = re.compile(r"(?:([12])H|([1-4])Q)(?:(\d\d)(?![A-Za-z\d])|(?![A-Za-z\d])(?:[ \t]+((?:19|20)\d\d)(?!\d))?)")
# "1-3Q25", "1Q-3Q25", "1-3Q 2025": a range of quarters written the analysts' way
_QUARTER_RANGE = re.compile(r"([1-4])Q?[-–]([1-4])Q(?:(\d\d)(?![A-Za-z\d])|(?![A-Za-z\d])(?:[ \t]+((?:19|20)\d\d)(?!\d))?)")
_FISCAL_YEAR = re.compile(r"fy((?:19|20)\d\d|\d\d)(?![a-z\d])")
# the rare phrases rules test the whole text for once (`Document.holds`) before they read a sentence
TEXT_NEEDLES = ("the former", "the latter", "and its ", "but its ", "while its ", "with its ", ", not ", ", unlike ",
                " there", ":\n", "q:", "):", "）：")
QUESTION_OPENS = ("q:", "q.", "question:", "q：", "q :")
ANSWER_OPENS = ("a:", "a.", "answer:", "a：", "a :")
_A_YEAR_EARLIER = re.compile(r"a year (?:earlier|ago|before)(?![a-z])")
_CODE_AT = re.compile(r"0\d+(?:[-\s]\d{3,})+|0\d{2,}(?![\d.,])|\d{3,4}-\d{7,8}(?!\d)|\d+_")


class Document:
    """One text, scanned once: its layout, mentions, places and time expressions."""

    def __init__(self, text: str, gazetteer: Gazetteer):
        self.written = text  # the text as written; `text` reads a line broken inside a sentence as a space
        text = reflow(text)
        self.text = text
        self.low = lower(text)
        self.gazetteer = gazetteer
        self.lay: Layout = layout(text)
        self.tables: Tables = read_tables(text, self.low, self.lay.paragraph_starts)
        self.pub_year, self.pub_month, self.pub_day = publication_date(text, self.low)
        self.nanjing = is_nanjing(self.low, gazetteer)
        self.mentions: list[Mention] = []
        self.places: list[Place] = []
        self.times: list[Time] = []  # in text order (with the years of `years`, once settled)
        self.time_starts: list[int] = []  # the starts of `times`, for `times_between`
        self.years: list[Time] = []  # bare years the figure rules read as time expressions ("in 2023")
        self.rejected: list[tuple[Mention, str]] = []  # mentions that are not figures, and the rule that said so
        self.number_runs: set[int] = set()  # starts of bare numbers in a list of numbers (figure.candidates)
        self.county_before: list | None = None  # the county named last before each place (region.resolve)
        self.crowded: set[int] = set()  # sentences with too many numbers to be prose (figure.candidates)
        # (number, counted noun) of the counts read so far (figure.candidates)
        self.counts: set[tuple[float, str]] = set()
        self.last_scaled_count: tuple[int, str] | None = None  # (paragraph, noun) of the last scaled count read
        self._scan()
        self._read_times_off_the_scan()
        self._mark_date_lines()
        self._learn_local_places()
        self._learn_counties_of_other_cities()
        self._the_province_city()
        mark_containers(text, self.low, self.places, gazetteer)
        self.place_starts = [p.start for p in self.places]
        self.main_region = self._main_region()
        mark_containers(text, self.low, self.places, gazetteer, self.main_region)
        self.province = gazetteer.province_of(self.main_region) or self._named_province() or "Zhejiang"
        # "the city": Lishui, or the county-level city an article about Longquan calls "the city"
        parent = gazetteer.parent.get(self.main_region)
        if self.nanjing:  # "the city" of a text about Nanjing itself is Nanjing
            self.city_region = self.main_region if self.main_region == "Nanjing" else NANJING_LISHUI
        elif parent == HOME_CITY:
            self.city_region = self.main_region if self.main_region in lx.COUNTY_LEVEL_CITIES else HOME_CITY
        else:
            self.city_region = gazetteer.city_of(self.main_region) or self.main_region
        self.place_words = gazetteer.place_words
        self.needles: dict = {}  # needles -> where they stand in the document (segment.sentence_search)
        # whether the (lower-case) text holds each of the rare phrases some rules need: their cheap test
        self.holds: dict[str, bool] = {needle: needle in self.low for needle in TEXT_NEEDLES}
        # read once its figures are known (transforms.extract.read_document)
        self.frames = None       # the time frames of its paragraphs (frame.Frames)
        self.cues = None         # where its plan and past cues are (target.Cues)
        self.ref_year: int | None = None  # the year it reports from, to tell past from plan (target.reference_year)
        self.last_target = None  # the last plan figure read so far (when.horizon_of_the_plan_before)
        self.last_percent = None  # the last percentage read so far (role.leader_of_a_ranking)
        self.last_figure = None   # the last figure read so far (region.its_subject_before)

    def _read_times_off_the_scan(self) -> None:
        """The time expressions whose first word is no anchor of the scan: "FY25", "FY2025" (an
        analysts' fiscal year, which in China is the calendar year; its digits are glued to "FY"), and
        "a year earlier", "a year ago", "a year before" (last year, as the scan's "last year": a
        comparison's base after "from", "than" ..., `not_a_frame`). Each is found with `str.find`."""
        low, found = self.low, []
        i = low.find("fy")
        while i >= 0:  # ("fy" is mostly the end of a word, "identify")
            m = _FISCAL_YEAR.match(low, i) if low[i + 2:i + 3].isdigit() else None
            if m is not None and (i == 0 or not low[i - 1].isalnum()):
                year = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
                found.append(Time(i, m.end(), year, None))
            i = low.find("fy", i + 2)
        i = low.find("a year ")
        while i >= 0:
            m = _A_YEAR_EARLIER.match(low, i)
            if m is not None and (i == 0 or not low[i - 1].isalnum()):
                year, known = (self.pub_year - 1, True) if self.pub_year else (None, False)
                found.append(with_frame(low, Time(i, m.end(), year, None, known, rel="last")))
            i = low.find("a year ", i + 7)
        if found:
            self.times = sorted(self.times + found, key=lambda t: t.start)

    def settle_times(self) -> None:
        """Merge the years the figure rules found into `times`, index them, and mark horizons ("by 2027")."""
        if self.years:
            self.times = sorted(self.times + self.years, key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        for t in self.times:
            t.horizon = is_horizon(self.low, t)

    def times_between(self, a: int, b: int) -> list[Time]:
        """The time expressions that start in [a, b)."""
        starts = self.time_starts
        lo = bisect.bisect_left(starts, a)
        return self.times[lo:bisect.bisect_left(starts, b, lo)]

    def _scan(self) -> None:
        text, low = self.text, self.low
        skip = 0
        gaz = self.gazetteer
        place_words = _PLACE_WORDS | set(gaz.names) | gaz.other_names
        anchors = anchor_scan(gaz).finditer(low)
        if any(c in low for c in lx.GLUED_CURRENCY_CODES):  # "RMB3.12 billion": digits glued to a currency code
            anchors = heapq.merge(anchors, _GLUED_CURRENCY.finditer(low), key=lambda am: am.start(1))
        for am in anchors:
            i = am.start(1)
            if i < skip:
                continue
            w = am.group(1)
            if w[0].isdigit():
                skip = self._digits(i, am.end())
                continue
            if w in TIME_WORDS:
                t = read_time(text, low, i, w, self.pub_year, self.pub_month)
                if t is not None:
                    self.times.append(with_frame(low, t))
                    skip = t.end
                    continue
            if w in place_words:
                p = read_place(text, low, i, am.end(), w, gaz, self.nanjing)
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
            return cm.end()  # "0578-1234567", "1_photo.jpg": a telephone number, a code or a file name
        dm = DATE_AT.match(low, i)
        if dm:
            y = dm.group(1) or dm.group(2)
            self.times.append(Time(i, dm.end(), int(y) if y else None, None, frame=bool(y), date=True))
            return dm.end()
        dd = DAY_MONTH.match(low, i)
        if dd and text[dd.start(2)].isupper():
            y = dd.group(3)
            self.times.append(Time(i, dd.end(), int(y) if y else None, None, frame=bool(y), date=True))
            return dd.end()
        qr = _QUARTER_RANGE.match(text, i)
        if qr and qr.group(1) < qr.group(2):  # "1-3Q25": the first three quarters of 2025
            y = int(qr.group(4)) if qr.group(4) else 2000 + int(qr.group(3)) if qr.group(3) else None
            self.times.append(with_frame(low, Time(i, qr.end(), y,
                                                   canonical_period(3 * int(qr.group(1)) - 2, 3 * int(qr.group(2))))))
            return qr.end()
        hq = _HALF_OR_QUARTER.match(text, i)
        if hq:  # "1H 2024", "3Q", "1H25": a half or a quarter written the analysts' way
            y = int(hq.group(4)) if hq.group(4) else 2000 + int(hq.group(3)) if hq.group(3) else None
            # ("worse than 1H's -0.6%": a comparison's base)
            period = f"H{hq.group(1)}" if hq.group(1) else f"Q{hq.group(2)}"
            self.times.append(with_frame(low, Time(i, hq.end(), y, period)))
            return hq.end()
        yr = YEAR_RANGE.match(low, i)
        if yr and (len(yr.group(2)) == 4 or int(yr.group(2)) > int(yr.group(1)[2:])):
            last = yr.group(2)
            self.times.append(with_frame(low, Time(i, yr.end(), None, None,
                                                   until=int(last) if len(last) == 4 else int(yr.group(1)[:2] + last))))
            return yr.end()
        if i > 0 and low[i - 1] == "(":
            by = BRACKET_YEARS.match(low, i)
            if by and int(by.group(1)) < int(by.group(2)) <= 2100:
                self.times.append(Time(i, by.end() - 1, None, None, frame=False))  # "(960-1279)"
                return by.end()
        m = read_digits(text, low, i)
        if m is None:
            return anchor_end
        self.mentions.append(m)
        return m.end

    def _mark_date_lines(self) -> None:
        """A time expression that is a whole line of the head ("March 2024" under a bulletin's title)
        dates the document, not its figures; so does the date of a wire dateline ("CHANGSHA, Jan. 22,
        2026 (Xinhua) -- Hunan reported GDP of 5.38 trillion yuan for 2025")."""
        text = self.text
        datelines = [m.span() for m in _DATELINE.finditer(text, 0, min(len(text), 2 * HEAD_CHARS))]
        reach = max([HEAD_CHARS] + [b for _, b in datelines])
        for t in self.times:
            if t.start >= reach:
                break
            if any(a <= t.start < b for a, b in datelines):
                t.date, t.frame = True, False
                continue
            if t.start >= HEAD_CHARS:
                continue
            a = text.rfind("\n", 0, t.start) + 1
            b = text.find("\n", t.end)
            if text[a:t.start].strip() == "" and text[t.end:len(text) if b < 0 else b].strip(" \t.,") == "" \
                    and t.rel is None:  # (a line "Last year" is a section's heading, no date)
                t.date, t.frame = True, False

    def _learn_local_places(self) -> None:
        """Towns and villages the text places in a county ("Shimen township in Lishui's Yunhe
        county", "Xikou village, Dayang town, Qingtian county"): each mention of them is that county."""
        low = self.low
        if not any(w in low for w in lx.LOCAL_PLACE_TYPES) or not self.places:
            return
        starts = [p.start for p in self.places]
        learned: dict[str, str] = {}
        text = self.text
        for at, word in _type_words(low):
            end = at - 1
            if end < 2 or text[end] != " " or not text[text.rfind(" ", 0, end) + 1:end][:1].isupper():
                continue  # the word before the type is not a name
            m = _LOCAL_NAME_BEFORE.search(text, max(0, at - 40), at + len(word))
            if m is None:
                continue
            k = _first_place_after(starts, m.end())
            # "in Lishui's Jingning county": the county behind the city's possessive
            while k is not None and k + 1 < len(self.places) and self.places[k].region == HOME_CITY \
                    and self.places[k].possessive:
                k += 1
            if k is None:
                continue
            p = self.places[k]
            between = self.text[m.end():p.start]
            if p.kind != "specific" or self.gazetteer.parent.get(p.region) != HOME_CITY \
                    or len(between) > 60 or not _CHAIN_BETWEEN.fullmatch(between):
                continue
            for name in _LOCAL_NAME.findall(self.text, m.start(), p.start):
                learned.setdefault(name, p.region)
        self._add_learned_places(learned)

    def _add_learned_places(self, learned: dict[str, str]) -> None:
        """Each whole-word mention of a learned name (name -> region) becomes a local place of that region."""
        if not learned:
            return
        have = {p.start: p for p in self.places}
        text = self.text
        for name, region in learned.items():
            i = text.find(name)
            while i >= 0:
                j = i + len(name)
                p = have.get(i)
                if p is not None:
                    if p.kind == "other" and p.end == j:  # a name known only as outside ("Yongkang"): now placed
                        p.region, p.kind = region, "local"
                elif (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "-")) \
                        and not (text[j:j + 1].isalnum() or text[j:j + 1] == "-"):
                    self.places.append(Place(i, j, region, "local", text.startswith(("'s", "’s"), j)))
                i = text.find(name, j)
        self.places.sort(key=lambda p: p.start)

    def _learn_counties_of_other_cities(self) -> None:
        """A county or district the text places in another city of the gazetteer ("Anji county in
        Huzhou", "Binjiang district of Hangzhou"): each mention of its name is that city's (the
        gazetteer lists only the home city's counties); a city it places in another province
        ("Huangshan city in Anhui province", "Huangshan, a prefecture-level city in east China's Anhui
        province") is a place outside the gazetteer (Other); so is a place the text puts "in neighboring"
        another city ("the factories of Yongkang in neighboring Jinhua": Jinhua's)."""
        low, text = self.low, self.text
        learned: dict[str, str] = {}
        gaz = self.gazetteer
        starts = [p.start for p in self.places]
        for word in (" county ", " district ", " city "):
            i = low.find(word)
            while i >= 0:  # (found with str.find: a regex over the whole text costs more than the rest of a read)
                am = _IN_OR_OF_AT.match(low, i + len(word))
                nm = (_COUNTY_NAME_BEFORE.search(text, max(0, i - 30), i)
                      or _APPOSED_NAME_BEFORE.search(text, max(0, i - 60), i)) if am else None
                if nm is not None:
                    k = _first_place_after(starts, am.end())
                    if k is not None and self.places[k].start == am.end() and nm.group(1).lower() not in gaz.names:
                        region, level = self.places[k].region, gaz.level.get(self.places[k].region)
                        if word == " city " and level == "province" and region != gaz.province_of(HOME_CITY):
                            learned.setdefault(nm.group(1), "Other")  # "Huangshan city in Anhui province"
                        elif word != " city " and self.places[k].kind == "specific" and region != HOME_CITY \
                                and level == "prefecture-level city":
                            learned.setdefault(nm.group(1), region)
                i = low.find(word, i + len(word))
        i = low.find(" in neighbo")
        while i >= 0:  # "the factories of Yongkang in neighboring Jinhua": a place of that city
            nm = _NEIGHBOR_NAME_BEFORE.search(text, max(0, i - 30), i)
            am = _NEIGHBORING.match(low, i)
            k = _first_place_after(starts, am.end()) if nm is not None and am is not None else None
            if k is not None and self.places[k].start == am.end() and nm.group(1).lower() not in gaz.names \
                    and self.places[k].kind in ("specific", "container") and self.places[k].region != HOME_CITY \
                    and gaz.level.get(self.places[k].region) == "prefecture-level city":
                learned.setdefault(nm.group(1), self.places[k].region)
            i = low.find(" in neighbo", i + 11)
        self._add_learned_places(learned)

    def question_before(self, paragraph: int) -> tuple[int, int] | None:
        """The span of the question ("Q: ...") right before `paragraph` when that is its answer ("A: ...")."""
        starts, low = self.lay.paragraph_starts, self.low
        if paragraph == 0 or not low.startswith(ANSWER_OPENS, starts[paragraph]) \
                or not low.startswith(QUESTION_OPENS, starts[paragraph - 1]):
            return None
        return starts[paragraph - 1], starts[paragraph]

    def questions_before(self, paragraph: int):
        """The spans of the questions ("Q: ...") before `paragraph`, the nearest first."""
        starts, low = self.lay.paragraph_starts, self.low
        for k in range(paragraph - 1, -1, -1):
            if low.startswith(QUESTION_OPENS, starts[k]):
                yield starts[k], starts[k + 1]

    def place_at(self, start: int) -> int | None:
        """The index of the place that starts at `start`, if any."""
        i = bisect.bisect_left(self.place_starts, start)
        return i if i < len(self.places) and self.places[i].start == start else None

    def place_within(self, a: int, b: int) -> int | None:
        """The index of the first place that lies inside [a, b) (a table's cell), if any."""
        i = bisect.bisect_left(self.place_starts, a)
        return i if i < len(self.places) and self.places[i].end <= b else None

    def _the_province_city(self) -> None:
        """"the Zhejiang city" (a province as an adjective of "city") is the city of that province
        named last before it ("Lishui City in Zhejiang ... The Zhejiang city is 16 times larger"); in
        a text that read "Lishui" as Nanjing's, the other Lishui, the home city."""
        low, gaz = self.low, self.gazetteer
        for k, p in enumerate(self.places):
            if p.kind != "broad" or not low.endswith("the ", max(0, p.start - 4), p.start) \
                    or not low.startswith(" city", p.end) or low[p.end + 5:p.end + 6].isalpha():
                continue
            for q in reversed(self.places[:k]):
                if q.kind == "specific" and q.region != p.region and gaz.within(q.region, p.region) \
                        and gaz.level.get(q.region) in ("prefecture-level city", "county-level city"):
                    p.region, p.kind = q.region, "specific"
                    break
            else:  # "Two places share the name Lishui ... The Zhejiang city": the Lishui that is not Nanjing's
                if p.region == gaz.province_of(HOME_CITY) and any(q.region == NANJING_LISHUI for q in self.places[:k]):
                    p.region, p.kind = HOME_CITY, "specific"

    def _headline_subject(self) -> str | None:
        """The region of the place that opens the headline ("Lishui deepens cooperation with
        Shanghai", "Huzhou's economy thrives in Q1"), else the subject of the lead ("HANGZHOU --
        Zhejiang's 26 mountain counties have ..."): the first line of the text that is not page
        furniture and is short, or the first long one, when a place of the gazetteer opens it (after
        a dateline), possessive or its sentence's subject."""
        lay, text, low = self.lay, self.text, self.low
        headline = True
        for k, a in enumerate(lay.paragraph_starts[:8]):
            if lay.is_furniture(low, k):
                continue
            b = lay.paragraph_starts[k + 1] if k + 1 < len(lay.paragraph_starts) else len(text)
            long = len(text[a:b].split()) > HEAD_LINE_WORDS
            if headline or long:
                i = bisect.bisect_left(self.place_starts, a)
                while i < len(self.places) and self.places[i].kind == "dateline":
                    i += 1
                if i < len(self.places) and self.places[i].kind in ("specific", "broad", "other", "local") \
                        and not low.startswith(lx.ORIGIN_AFTER_PLACE, self.places[i].end):  # "Shanghai visitors flock to"
                    p = self.places[i]
                    opening = p.start == a or AFTER_DATELINE.fullmatch(text, a, p.start)
                    if opening and (headline or p.possessive):
                        return p.region
                    if headline and p.start < b and _TITLE_OF.search(low, a, p.start):
                        return p.region  # "Statistical Communique of Longquan City on ...": its issuer's place
                if long:
                    return None
            headline = False
        return None

    def _named_province(self) -> str | None:
        """The province the document names most ("the province" of an article about a city outside
        the gazetteer, "Hefei, capital of Anhui province"), a city of the gazetteer counting half a
        mention of its province ("HANGZHOU -- Ningbo-Zhoushan Port ... after Shanghai and Singapore ...
        Zhejiang's coastal ports": Zhejiang)."""
        gaz = self.gazetteer
        weight: dict[str, int] = {}
        for p in self.places:
            if p.kind == "broad" and p.region != "China" and gaz.province_of(p.region) == p.region:
                weight[p.region] = weight.get(p.region, 0) + 2
            elif p.kind in ("specific", "dateline", "container", "local") and p.region:
                province = gaz.province_of(p.region)  # "HANGZHOU --", "Lishui": a city's province counts too
                if province is not None and province != p.region:
                    weight[province] = weight.get(province, 0) + 1
        named = [r for r in weight if r in {p.region for p in self.places if p.kind == "broad"}]
        return max(named, key=weight.get) if named else None

    def _other_names(self) -> set[str]:
        """The names of the places outside the gazetteer the text names ("nanping")."""
        return {self.low[p.start:p.end] for p in self.places if p.kind == "other"}

    @cached_property
    def quote_marks(self) -> QuoteMarks:
        """Where its quotation marks are (built when a rule first counts them)."""
        return QuoteMarks(self.text)

    def _main_region(self) -> str:
        """The place the document is about: Lishui District of Nanjing when it is that Lishui (and names
        no place but Nanjing more than twice as often), else the place it names most, the place that opens its headline (or its lead) counting
        HEADLINE_SUBJECT_WEIGHT times more (the home city on a tie, and when it names none:
        `names_a_place`)."""
        self.names_a_place = True
        counts: dict[str, int] = {}
        gaz = self.gazetteer
        last_dateline, last_county, dateline_other = None, None, False
        for p in self.places:  # a village the article places in a county counts for the county
            if p.kind == "county-ref" and last_county is not None and not self.nanjing:
                counts[last_county] = counts.get(last_county, 0) + 1  # "The county as a whole ...": the county named before
                continue
            if p.region and gaz.is_county(p.region) and p.kind in ("specific", "local", "named"):
                last_county = p.region
            if p.kind == "dateline":
                last_dateline = p
                if p.region and (gaz.is_county(p.region) or p.region == HOME_CITY):
                    counts[p.region] = counts.get(p.region, 0) + 1  # "QINGTIAN, Zhejiang -": a county's own report
                elif not p.region and self.low[p.start:p.end] in self._other_names():
                    counts["Other"] = counts.get("Other", 0) + 1  # "NANPING, Fujian -- Nanping, ...": its own story
                    dateline_other = True
                continue
            if last_dateline is not None and _DATELINE_CONTAINER.fullmatch(self.text, last_dateline.end, p.start):
                continue  # the "Zhejiang" of "QINGTIAN, Zhejiang -" only says where Qingtian is
            if (p.kind in ("specific", "broad", "other", "local")
                    # a thing named after a county of the city is in it ("the Yunhe Terraces")
                    or (p.kind == "named" and gaz.is_county(p.region))) \
                    and p.region and not self.low.startswith("the ", p.start) \
                    and not self.low.startswith(lx.ORIGIN_AFTER_PLACE, p.end) \
                    and not self.low.startswith(lx.SOURCE_AFTER_PLACE, p.end):  # "Wenzhou investors", "Hangzhou customs"
                counts[p.region] = counts.get(p.region, 0) + 1
        subject = self._headline_subject()
        if subject is not None and subject in counts:
            counts[subject] += HEADLINE_SUBJECT_WEIGHT
        nl = self.low.find("\n")
        head = self.low if nl < 0 else self.low[:nl]  # the first line
        about_nanjing = subject == "Nanjing" and "lishui" not in head and not _A_DISTRICT_OF_NANJING.search(head) \
            and counts.get("Nanjing", 0) > 2 * counts.get(NANJING_LISHUI, 0)
        if self.nanjing and not about_nanjing and 2 * counts.get(NANJING_LISHUI, 0) >= max(
                (c for r, c in counts.items() if r not in (NANJING_LISHUI, "Nanjing")), default=0):
            return NANJING_LISHUI  # one clue is enough, unless the text is about a wider place ("Jiangsu's H1",
            # "Nanjing's GDP reaches 1.9 trillion yuan": its headline's and most of its mentions)
        if len(counts) > 1 and subject != "Other" and not dateline_other:
            counts.pop("Other", None)  # places outside the gazetteer are partners, unless the headline's
            # (or the dateline's) subject
        if not counts:
            self.names_a_place = False
            return HOME_CITY
        gaz = self.gazetteer

        def rank(r: str) -> int:
            if r == HOME_CITY:
                return 4
            if r in ("China", "Other"):
                return 0
            return 1 if gaz.is_broad(r) else 2
        return max(counts, key=lambda r: (counts[r], rank(r)))




def _type_words(low: str):
    """(position, word) of every local place type word ("township", "village" ...), by str.find."""
    found = []
    for w in lx.LOCAL_PLACE_TYPES:
        i = low.find(w)
        while i >= 0:
            j = i + len(w)
            if (i == 0 or not low[i - 1].isalpha()) and not low[j:j + 1].isalpha():
                found.append((i, w))
            i = low.find(w, j)
    return sorted(found)
_COUNTY_NAME_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]+)$")  # "Anji" before " county in Huzhou"
_IN_OR_OF_AT = re.compile(r"(?:in|of)\s+(?:(?:" + "|".join(lx.COMPASS_WORDS) + r")(?:ern)?\s+china['’]s\s+)?")
# a name inside a sentence (after a lower-case word), before " in neighboring <city>"
_NEIGHBOR_NAME_BEFORE = re.compile(r"(?<=[a-z] )([A-Z][a-z]+)$")
_NEIGHBORING = re.compile(r" in neighbou?ring\s+")
# a headline about a district of Nanjing, not the city: "Nanjing district lures investment", "Nanjing's Lishui ..."
_A_DISTRICT_OF_NANJING = re.compile(r"nanjing(?:['’]s)?\s+(?:district|county|suburb)")
# a name explained by an apposition: "Huangshan, a prefecture-level city in east China's Anhui province"
_APPOSED_NAME_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]+),\s+an?(?:\s+[a-z-]+){0,2}$")
_LOCAL_NAME_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s+(?i:" + "|".join(lx.LOCAL_PLACE_TYPES)
                                + r")$")
_LOCAL_NAME = re.compile(r"(?<![\w-])([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+(?i:" + "|".join(lx.LOCAL_PLACE_TYPES)
                         + r")(?![a-z])")
_CHAIN_BETWEEN = re.compile(r"(?:\s*,\s*|\s+(?:in|of)\s+|\s*lishui['’]s\s+|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s+(?i:"
                            + "|".join(lx.LOCAL_PLACE_TYPES) + r")|\s+)*", re.I)


def _first_place_after(starts: list[int], pos: int) -> int | None:
    k = bisect.bisect_left(starts, pos)
    return k if k < len(starts) else None


_PUB_DATE = re.compile(
    r"(?:updated|published|posted|released|release date|pub date|date|time)\s*[:：]?\s*"
    r"(?:(" + trie_pattern(lx.MONTHS) + r")\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)"
    r"|((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})"
    r"|(\d{1,2})\s+(" + trie_pattern(lx.MONTHS) + r")\.?,?\s+((?:19|20)\d\d))")
# a wire dateline: "NANJING, China, March 30, 2021 --", "Lishui, Oct 9 2025 --"
_DATELINE_HEAD = r"^[A-Z][A-Za-z .'-]+,\s*(?:[A-Z][a-z]+\s*,\s*)?(" + trie_pattern(
    {m.capitalize() for m in lx.MONTHS}) + r")\.?\s+(\d{1,2})"  # "NANJING, China, March 30", "QINGTIAN, Zhejiang, Nov 18, 2026 -"
_DATELINE = re.compile(_DATELINE_HEAD + r"(?:,\s*|\s+)((?:19|20)\d\d)\s*(?:--|—|–|-\s|\()", re.M)
# a wire dateline without a year: "Ningbo, Jan 21 (Xinhua) -", "HANGZHOU, March 3 --"
_DATELINE_NO_YEAR = re.compile(_DATELINE_HEAD + r"\s*(?:--|—|–|-\s|\()", re.M)


def dateline_month(text: str) -> int | None:
    """The month of a wire dateline that names no year ("Ningbo, Jan 21 (Xinhua) -"), else None."""
    d = _DATELINE_NO_YEAR.search(text, 0, min(len(text), 600))
    return lx.MONTHS[d.group(1).lower()] if d else None


# a line of the page head that starts with a date: "2023-12-22 | Lishui Municipal Bureau of Statistics"
_DATE_LINE = re.compile(r"^[ \t]*((?:19|20)\d\d)[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])(?=[ \t]*(?:\||$))", re.M)


# a full date in a short line of the head: "Delivered at the Second Session ... on January 10, 2023"
_HEAD_DATE = re.compile(r"(?<![a-z])(?:(" + trie_pattern(lx.MONTHS) + r")\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)"
                        r"|((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})"
                        r"|(\d{1,2})\s+(" + trie_pattern(lx.MONTHS) + r")\.?,?\s+((?:19|20)\d\d))(?!\d)")
HEAD_CHARS = 300        # how far into a text its head (headline, byline, date) may reach
TAIL_CHARS = 300        # how far from a text's end its closing source line (and date) may start
# a head line that is a month and a year, alone or after its issuer: "March 2024", "County Bureau of Statistics, March 2024"
_MONTH_YEAR_LINE = re.compile(r"^[ \t]*(?:[^\n\d|,]{3,80}(?:,|\|)[ \t]*)?(" + trie_pattern(lx.MONTHS)
                              + r")\.?,?[ \t]+((?:19|20)\d\d)[ \t]*$", re.M)
HEAD_LINE_WORDS = 20    # a line of the head is short: a longer one is the body's
LEAD_CHARS = 800        # how far into a text the lead's attribution ("..., the district said in October 2025") may be
# when the lead's source spoke, in a text with no date of its own: "the district government said in October 2025",
# "the bureau announced on March 3, 2024"
_SAID_ON_DATE = re.compile(r"(?<![a-z])(?:said|says|announced|reported|disclosed|revealed|released)\s+(?:on|in)\s+("
                           + trie_pattern(lx.MONTHS) + r")\.?(?:\s+(\d{1,2}))?,?\s+((?:19|20)\d\d)(?!\d)")
HEADLINE_SUBJECT_WEIGHT = 3  # the place that opens the headline (or the lead) counts as this many more mentions
_DATELINE_CONTAINER = re.compile(r",[ \t]*")
# what stands before the lead's first word: a wire dateline ("HANGZHOU --", "WUHAN, Jan. 26 (Xinhua) --")
AFTER_DATELINE = re.compile(r"[A-Z][A-Z .'-]+(?:,[^\n]{0,40}?)?\s*(?:--|—|–)\s*")


# a document's title naming the place it is of: "Statistical Communique of Longquan City", "Bulletin of ... of Suichang County"
_TITLE_OF = re.compile(r"(?<![a-z])(?:communiqu[eé]|bulletin|report|outline|yearbook|plan)\s+(?:[a-z'’ -]+\s+)?(?:of|for)\s+"
                       r"(?:the\s+)?$")


def publication_date(text: str, low: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a publication date written in the text ("Updated: Apr 25, 2024", a
    wire dateline "NANJING, China, March 30, 2021 --", a head line "2023-12-22 | Source"), else the
    first full date in a short line of the text's head ("Delivered ... on January 10, 2023"), else
    the date of a source line at its end ("(Source: Lishui Daily, 2026-04-24)"), else when the
    lead's source spoke ("..., the district government said in October 2025")."""
    m = _PUB_DATE.search(low, 0, min(len(low), 800)) or _PUB_DATE.search(low, max(0, len(low) - 400))
    if not m:
        d = _DATELINE.search(text, 0, min(len(text), 600))
        if d:
            return int(d.group(3)), lx.MONTHS[d.group(1).lower()], int(d.group(2))
        d = _DATE_LINE.search(text, 0, min(len(text), 400))
        if d:
            return int(d.group(1)), int(d.group(2)), int(d.group(3))
        head = _head_date(low)
        if head[0] is None:
            head = _source_line_date(low)
        if head[0] is None and (d := _SAID_ON_DATE.search(low, 0, min(len(low), LEAD_CHARS))):
            return int(d.group(3)), lx.MONTHS[d.group(1)], int(d.group(2)) if d.group(2) else None
        return head
    y, mo, d = _ymd(m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return y, None, None
    return y, mo, d


def _ymd(g: tuple) -> tuple[int, int, int]:
    """(year, month, day) of the nine groups of a date pattern: "Month D, YYYY" | "YYYY-MM-DD" |
    "D Month YYYY" (_PUB_DATE's date, _HEAD_DATE)."""
    if g[2]:
        return int(g[2]), lx.MONTHS[g[0]], int(g[1])
    if g[3]:
        return int(g[3]), int(g[4]), int(g[5])
    return int(g[8]), lx.MONTHS[g[7]], int(g[6])


def _source_line_date(low: str) -> tuple[int | None, int | None, int | None]:
    """The full date of a source line at the text's end ("(Source: Lishui Daily, 2026-04-24)")."""
    i = low.rfind("source", max(0, len(low) - TAIL_CHARS))
    if i < 0:
        return None, None, None
    end = low.find("\n", i)
    d = _HEAD_DATE.search(low, i, end if end >= 0 else len(low))
    return _full_date(d) if d is not None else (None, None, None)


def _full_date(d: re.Match) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a match of _HEAD_DATE, or Nones when its month or day is impossible."""
    y, mo, day = _ymd(d.groups())
    return (y, mo, day) if 1 <= mo <= 12 and 1 <= day <= 31 else (None, None, None)


def _head_date(low: str) -> tuple[int | None, int | None, int | None]:
    """The first full date in a short line among the first HEAD_CHARS characters, else a line that is
    only a month and a year ("March 2024"), or its issuer and them ("County Bureau of Statistics, March 2024")."""
    for line in low[:HEAD_CHARS].split("\n"):
        if len(line.split()) <= HEAD_LINE_WORDS:
            d = _HEAD_DATE.search(line)
            if d and (date := _full_date(d))[0] is not None:
                return date
    d = _MONTH_YEAR_LINE.search(low, 0, HEAD_CHARS)
    if d:
        return int(d.group(2)), lx.MONTHS[d.group(1)], None
    return None, None, None


def is_nanjing(low: str, gazetteer: Gazetteer) -> bool:
    """True when the Lishui of the text is Lishui District of Nanjing (one clear clue is enough)."""
    if "lishui" not in low or not ("nanjing" in low or "jiangsu" in low or "lishui district" in low):
        return False
    nanjing = low.count("nanjing") + low.count("jiangsu") + 2 * low.count("lishui district")
    if not nanjing:
        return False
    zhejiang = low.count("zhejiang") + low.count("lishui city") + low.count("lishui municipal")
    zhejiang += sum(low.count(c) for c in gazetteer.counties)
    return nanjing >= zhejiang
