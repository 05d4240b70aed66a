"""The figure extractor: plain text in, figures with their context out.

`extract_figures(text)` reads one document; `extract(documents)` reads a frame of them.
`EXTRACTOR_VERSION` changes whenever the output may change (a release number plus a
fingerprint of this package's source), so that cached extractions (raw.extract) are told
apart and re-done: an edited rule re-reads every document on the next run.

How it reads a document: one scan finds every number, time expression and place name
(scan.py, mentions.py); figures.py keeps the mentions that are figures (not dates, years,
durations, list markers or parts of names); context.py reads each figure's approx, role,
sign, target flag, year, period, region, rate, metric and subject from its clause, sentence,
paragraph and document.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import polars as pl

from . import context as cx
from .figures import Document
from .segment import clause_bounds

EXTRACTOR_RELEASE = "4"


def source_fingerprint(folder: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the Python files in `folder`, in name order."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = f"{EXTRACTOR_RELEASE}+{source_fingerprint(Path(__file__).parent)}"

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
    "sentence_index": pl.Int32,
    "sentence_start": pl.Int32,
}
DOCUMENTS_SCHEMA = {
    "sha256": pl.String,
    "published_on": pl.Date,
    "main_region": pl.String,
    "reporting_year": pl.Int32,
}


def extract_figures(text: str) -> list[dict]:
    """Every figure in `text`, in order, as dicts with the columns of FIGURES_SCHEMA (but the key)."""
    return read_document(text)[0]


def read_document(text: str) -> tuple[list[dict], dict]:
    """The figures of `text`, and what the text says of itself: publication date, the place it is
    about, the year it reports on."""
    doc = Document(text)
    figures = doc.candidates()
    doc.cues = cx.Cues(doc.low, _sentence_spans(doc, figures))
    cx.resolve_this_year(doc)
    ref_year = cx.reference_year(doc)
    doc.frame = cx.document_frame(doc)
    time_starts = [t.start for t in doc.times]
    place_starts = [p.start for p in doc.places]
    low, words = doc.low, cx._WORD
    out = []
    prev = None
    for f in figures:
        s, m = f.sentence, f.m
        f.clause = clause_bounds(low, s, m.start)
        c0 = f.clause[0]
        left = low[max(s.start, m.start - 70):m.start]
        after = low[m.end:m.end + 80]
        same_sentence = prev is not None and prev.sentence is s
        before = words.findall(low, max(s.start, m.start - 160), m.start)
        clause_words = words.findall(low, c0, m.start)
        f.approx = cx.approx(f, before[-8:], left, after)
        f.role = cx.role(f, prev if same_sentence else None, clause_words, left, after,
                         low[prev.m.end:m.start] if same_sentence else ";", before[-1] if before else "")
        negative = cx.negative(f, left, after)
        f.year, f.period = cx.time_of(doc, f, time_starts)
        f.is_target = cx.is_target(doc, f, ref_year)
        if f.is_target and (f.year, f.period) == doc.frame and doc.frame != (None, None):
            f.year, f.period = cx.time_of(doc, f, time_starts)
        f.region = cx.region(doc, f, left, place_starts)
        f.per = cx.per(f, left, after)
        f.metric = cx.metric(f, before, after, prev if same_sentence else None)
        f.subject = cx.subject(doc, f)
        scope = cx.rank_scope(low, left, after) if f.unit == "rank" else None
        number = -abs(m.number) if (negative or m.negative) else m.number
        out.append({
            "char_start": m.start,
            "char_end": m.end,
            "text": text[m.start:m.end],
            "sentence": text[s.start:s.end],
            "number": number,
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
            "scope": scope,
            "part_cue": cx.part_cue(low, f, left, after),
            "sentence_index": s.index,
            "sentence_start": s.start,
        })
        prev = f
    info = {
        "published_on": dt.date(doc.pub_year, doc.pub_month or 1, doc.pub_day or 1) if doc.pub_year else None,
        "main_region": doc.main_region,
        "reporting_year": doc.frame[0] or doc.pub_year,
    }
    return out, info


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


def extract(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(figures, documents) read from `documents` (sha256, text): one row per figure, keyed by
    (doc_sha256, seq), and one row per document with DOCUMENTS_SCHEMA."""
    rows, infos = [], []
    for sha, text in documents.select("sha256", "text").iter_rows():
        figures, info = read_document(text)
        infos.append({"sha256": sha, **info})
        for seq, figure in enumerate(figures):
            rows.append({"doc_sha256": sha, "seq": seq, **figure})
    return pl.DataFrame(rows, schema=FIGURES_SCHEMA), pl.DataFrame(infos, schema=DOCUMENTS_SCHEMA)


__all__ = ["extract", "extract_figures", "read_document", "EXTRACTOR_VERSION", "FIGURES_SCHEMA",
           "DOCUMENTS_SCHEMA"]
