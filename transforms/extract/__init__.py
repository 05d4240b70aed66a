"""The figure extractor: plain text in, figures with their context out.

`extract_figures(text)` reads one document; `extract(documents)` reads a frame of them.
`EXTRACTOR_VERSION` changes whenever the output may change, so that cached extractions
(raw.extract) are told apart and re-done.
"""
from __future__ import annotations

import polars as pl

from .figures import extract_figures

EXTRACTOR_VERSION = "1"

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
}


def extract(documents: pl.DataFrame) -> pl.DataFrame:
    """One row per figure found in `documents` (sha256, text), keyed by (doc_sha256, seq)."""
    rows = []
    for sha, text in documents.select("sha256", "text").iter_rows():
        for seq, figure in enumerate(extract_figures(text)):
            rows.append({"doc_sha256": sha, "seq": seq, **figure})
    return pl.DataFrame(rows, schema=FIGURES_SCHEMA)


__all__ = ["extract", "extract_figures", "EXTRACTOR_VERSION", "FIGURES_SCHEMA"]
