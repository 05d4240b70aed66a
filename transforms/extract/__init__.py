"""The figure extractor: plain text in, figures with their context out.

`read_document(text)` reads one document; `extract(documents)` reads a frame of them.
`EXTRACTOR_VERSION` changes whenever the output may change (a release number plus a
fingerprint of this package's source and of the gazetteer), so that cached extractions
(raw.extract) are told apart and re-done: an edited rule or place re-reads every document.

How it reads a document: one scan finds every number, time expression and place name
(scan.py, mentions.py, document.py) and its tables of figures (table.py: a table's cells give
the unit, role, time, place and metric of their numbers); the `figure` rules keep the mentions
that are figures (figure.py); the document's time frames are read (frame.py); then each field is
decided by the first rule of its ordered list that applies (rules.py): role.py, when.py (time,
year, period), target.py, region.py, metric.py; qualifiers.py reads approx, per, rank scope and
part cues.
Every figure records the rule behind each field (`rules`).
"""
from __future__ import annotations

import bisect
import datetime as dt
import gc
import hashlib
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from . import gazetteer as gz
from . import qualifiers as q
from .document import Document
from .figure import candidates
from .frame import Frames, resolve_relative_years
from .metric import METRIC, finish, subject
from .region import REGION
from .role import ROLE, negative
from .segment import WORDS, clause_bounds
from .target import TARGET, Cues, reference_year
from .when import PERIOD, TIME, YEAR, own_base_times, time_text

EXTRACTOR_RELEASE = "5"


def source_fingerprint(folder: Path, *extra: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the Python files in `folder`, in name order, and
    of the `extra` files (the gazetteer)."""
    digest = hashlib.sha256()
    for path in [*sorted(folder.glob("*.py")), *extra]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = f"{EXTRACTOR_RELEASE}+{source_fingerprint(Path(__file__).parent, gz.default_path())}"

FIGURES_SCHEMA = {
    "doc_sha256": pl.String,
    "seq": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "text": pl.String,
    "sentence": pl.String,
    "number": pl.Float64,
    "scale_word": pl.String,
    "unit_word": pl.String,
    "unit_hint": pl.String,
    "counted": pl.String,
    "per": pl.String,
    "approx": pl.String,
    "role": pl.String,
    "is_target": pl.Boolean,
    "year": pl.Int32,
    "period": pl.String,
    "region": pl.String,
    "subject": pl.String,
    "metric": pl.String,
    "scope": pl.String,
    "part_cue": pl.Boolean,
    "base_cue": pl.Boolean,
    "dated_by": pl.String,
    "rules": pl.String,
    "sentence_index": pl.Int32,
    "sentence_start": pl.Int32,
    "page": pl.Int32,
}
DOCUMENTS_SCHEMA = {
    "sha256": pl.String,
    "published_on": pl.Date,
    "main_region": pl.String,
    "reporting_year": pl.Int32,
    "names_a_place": pl.Boolean,
}
# the rules map as JSON (rule names are identifiers: nothing to escape)
_RULES_JSON = ('{"figure":"%s","role":"%s","time":"%s","is_target":"%s","year":"%s","period":"%s","region":"%s",'
               '"metric":"%s"}')


def extract_figures(text: str, gazetteer: gz.Gazetteer | None = None) -> list[dict]:
    """Every figure in `text`, in order, as dicts with the columns of FIGURES_SCHEMA (but the key)."""
    return read_document(text, gazetteer)[0]


def read_document(text: str, gazetteer: gz.Gazetteer | None = None, trace: bool = False):
    """The figures of `text`, and what the text says of itself: publication date, the place it is
    about, the year it reports on. With `trace`, also the mentions that are not figures, each with
    the rule that rejected it, as a third value."""
    with _collector_paused():
        doc = Document(text, gazetteer or gz.load())
        figures = candidates(doc)
        own_base_times(doc, figures)
        doc.cues = Cues(doc.low, _sentence_spans(doc, figures))
        doc.frames = Frames(doc, figures)
        resolve_relative_years(doc)
        doc.ref_year = reference_year(doc)
        out = [_read_figure(doc, f) for f in figures]
        _number_pages(text, out)
        info = {
            "published_on": dt.date(doc.pub_year, doc.pub_month or 1, doc.pub_day or 1) if doc.pub_year else None,
            "main_region": doc.main_region,
            "reporting_year": doc.frames.reporting_year,
            "names_a_place": doc.names_a_place,  # False: its places are the home city by default (a source's region hint may say)
        }
        doc.frames.doc = None  # the cycles (document <-> its frames, a figure <-> the next one): without them,
        for f in figures:      # reference counting frees the read
            f.next = None
        if trace:
            rejected = [{"char_start": m.start, "char_end": m.end, "text": text[m.start:m.end], "rule": rule}
                        for m, rule in doc.rejected]
            return out, info, rejected
        return out, info


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off while one document is read, and back on after.

    A read makes tens of thousands of small objects that all die by reference counting when it
    returns (the read holds no cycle once the frames let go of the document); the collector, run
    every 700 allocations, would only walk them again and again: 5% of the extractor's time,
    measured. Anything cyclic made meanwhile is still collected, at its next run after the read."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _number_pages(text: str, figures: list[dict]) -> None:
    """Each figure's page: 1 + the page breaks (form feeds, as the PDF reader joins pages) before
    it; null in a text without any."""
    breaks, at = [], text.find("\f")
    while at >= 0:
        breaks.append(at)
        at = text.find("\f", at + 1)
    for f in figures:
        f["page"] = bisect.bisect_right(breaks, f["char_start"]) + 1 if breaks else None


def _read_figure(doc: Document, f) -> dict:
    s, m = f.sentence, f.m
    low, text = doc.low, doc.written
    f.clause = clause_bounds(low, s, m.start)
    a = max(s.start, m.start - 110)
    if a > s.start and low[a - 1].isalnum():  # not the end of a word the window cut ("...ble income")
        a = low.find(" ", a, m.start) + 1 or m.start
    f.words = WORDS.findall(low, a, m.start)
    f.doc_low = low
    f.approx = q.approx(f)
    rules = f.rules
    f.role, rules["role"] = ROLE.decide(doc, f)
    f.falls = negative(doc, f) or m.negative
    sign = -1.0 if f.falls else 1.0
    f.bound, rules["time"] = TIME.decide(doc, f)
    f.is_target, rules["is_target"] = TARGET.decide(doc, f)
    f.year, rules["year"] = YEAR.decide(doc, f)
    f.period, rules["period"] = PERIOD.decide(doc, f)
    f.region, rules["region"] = REGION.decide(doc, f)
    f.per = q.per(doc, f)
    f.base_metric, rules["metric"] = METRIC.decide(doc, f)
    f.metric = finish(doc, f, f.base_metric)
    f.subject = subject(doc, f)
    if f.is_target:
        doc.last_target = f
    if f.unit == "percent":
        doc.last_percent = f
    doc.last_figure = f
    return {
        "char_start": m.start,
        "char_end": m.end,
        "text": text[m.start:m.end],
        "sentence": text[s.start:s.end],
        "number": sign * abs(m.number),
        "scale_word": m.scale_surface or None,
        "unit_word": m.unit_surface or m.currency_prefix or None,
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
        "scope": q.rank_scope(f),
        "part_cue": q.part_cue(doc, f),
        "base_cue": q.base_cue(f),
        "dated_by": time_text(doc, f.bound),
        "rules": _RULES_JSON % (rules["figure"], rules["role"], rules["time"], rules["is_target"], rules["year"],
                                rules["period"], rules["region"], rules["metric"]),
        "sentence_index": s.index,
        "sentence_start": s.start,
    }


def _sentence_spans(doc: Document, figures) -> list[tuple[int, int]]:
    """Text ranges of the sentences that hold figures and of the sentence before each, merged."""
    sentences = doc.lay.sentences
    wanted = sorted({k for f in figures for k in (f.sentence.index - 1, f.sentence.index) if k >= 0})
    spans: list[tuple[int, int]] = []
    for k in wanted:
        a, b = sentences[k].start, sentences[k].end
        if spans and a <= spans[-1][1] + 2:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def extract(documents: pl.DataFrame, gazetteer: gz.Gazetteer | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(figures, documents) read from `documents` (sha256, text): one row per figure, keyed by
    (doc_sha256, seq), and one row per document with DOCUMENTS_SCHEMA."""
    rows, infos = [], []
    for sha, text in documents.select("sha256", "text").iter_rows():
        figures, info = read_document(text, gazetteer)
        infos.append({"sha256": sha, **info})
        for seq, figure in enumerate(figures):
            rows.append({"doc_sha256": sha, "seq": seq, **figure})
    return pl.DataFrame(rows, schema=FIGURES_SCHEMA), pl.DataFrame(infos, schema=DOCUMENTS_SCHEMA)


__all__ = ["extract", "extract_figures", "read_document", "EXTRACTOR_VERSION", "FIGURES_SCHEMA",
           "DOCUMENTS_SCHEMA"]
