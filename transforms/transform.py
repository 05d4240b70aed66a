"""Extracted figures in, typed and normalised figures out (the `transform` stage).

What changes: `value` becomes the number in base units (number x scale word), `unit` a code
of the unit vocabulary (from the unit word as written, else the unit the extractor read from
context), periods and regions their canonical spelling, text fields trimmed and types fixed.
Rows are ordered by document, then position.
"""
from __future__ import annotations

import polars as pl

from transforms.extract import lexicon as lx

UNITS = lx.UNITS_VOCAB
ROLES = lx.ROLES
APPROX = lx.APPROX
REGIONS = lx.REGIONS
PERIOD_PATTERN = r"^(?:H[12]|Q[1-4]|M(?:0[1-9]|1[0-2])(?:-M(?:0[1-9]|1[0-2]))?)$"

SCHEMA = {
    "figure_id": pl.String,
    "doc": pl.String,
    "doc_sha256": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "text": pl.String,
    "sentence": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
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
    "extractor_version": pl.String,
}

# what the transform reads: staging.extract
INPUT = {
    "figure_id": pl.String, "doc": pl.String, "doc_sha256": pl.String, "char_start": pl.Int32,
    "char_end": pl.Int32, "text": pl.String, "sentence": pl.String, "number": pl.Float64,
    "scale_word": pl.String, "unit_word": pl.String, "unit_hint": pl.String, "counted": pl.String,
    "per": pl.String, "approx": pl.String, "role": pl.String, "is_target": pl.Boolean,
    "year": pl.Int32, "period": pl.String, "region": pl.String, "subject": pl.String,
    "metric": pl.String, "extractor_version": pl.String,
}

# unit words that say the unit by themselves; "times" and "fold" need context (unit_hint)
_UNIT_WORDS = {w: u for w, u in {**lx.UNIT_WORDS, **lx.PREFIX_CURRENCY}.items()}
_SCALE_WORDS = dict(lx.SCALES)
_REGION_ALIASES = {r.lower(): r for r in REGIONS} | {
    "lishui district": "Nanjing-Lishui", "nanjing lishui": "Nanjing-Lishui", "other": "Other",
}


def transform(extracted: pl.DataFrame) -> pl.DataFrame:
    """Typed, normalised figures with the columns of SCHEMA (see module docstring)."""
    return (
        extracted
        .select([pl.col(name).cast(dtype) for name, dtype in INPUT.items()])
        .pipe(_value)
        .pipe(_unit)
        .pipe(_period)
        .pipe(_region)
        .pipe(_trim)
        .select([pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()])
        .sort("doc", "char_start", "char_end")
    )


def _value(df: pl.DataFrame) -> pl.DataFrame:
    """value = number x the factor of its scale word ("billion" -> 1e9); no scale word -> 1."""
    scale = pl.col("scale_word").str.to_lowercase().replace_strict(_SCALE_WORDS, default=None, return_dtype=pl.Float64)
    return df.with_columns(value=pl.col("number").cast(pl.Float64) * scale.fill_null(1.0))


def _unit(df: pl.DataFrame) -> pl.DataFrame:
    """unit = the code of the unit word as written, else the extractor's unit from context."""
    word = pl.col("unit_word").str.to_lowercase().str.strip_chars()
    from_word = word.replace_strict(_UNIT_WORDS, default=None, return_dtype=pl.String)
    return df.with_columns(unit=pl.coalesce(from_word, pl.col("unit_hint")))


def _period(df: pl.DataFrame) -> pl.DataFrame:
    """Periods upper case without spaces ("m01-m11" -> "M01-M11"); empty -> null."""
    period = pl.col("period").str.to_uppercase().str.replace_all(r"\s", "")
    return df.with_columns(period=pl.when(period == "").then(None).otherwise(period))


def _region(df: pl.DataFrame) -> pl.DataFrame:
    """Regions in their canonical spelling; an unknown place name becomes "Other"."""
    key = pl.col("region").str.to_lowercase().str.strip_chars()
    canonical = key.replace_strict(_REGION_ALIASES, default="Other", return_dtype=pl.String)
    return df.with_columns(region=pl.when(pl.col("region").is_null()).then(None).otherwise(canonical))


def _trim(df: pl.DataFrame) -> pl.DataFrame:
    """Free-text fields trimmed, empty ones null; counted/per lower case."""
    def clean(name: str, lower: bool = False) -> pl.Expr:
        e = pl.col(name).str.strip_chars()
        if lower:
            e = e.str.to_lowercase()
        return pl.when(e == "").then(None).otherwise(e).alias(name)
    return df.with_columns(
        clean("subject"), clean("metric"), clean("counted", True), clean("per", True),
        pl.col("approx").fill_null("exact"),
    )
