"""Extracted figures in, typed and normalised figures out (the `transform` stage).

What changes: `value` becomes the number in base units (number x scale word), `unit` a code
of the unit vocabulary (from the unit word as written, else the unit the extractor read from
context), periods their one canonical code (a quarter Qn, a half Hn, a month Mnn, other ranges
Mnn-Mnn), regions a code of the gazetteer (dim_region; an unknown place is Other), text fields
trimmed and types fixed;
`rounding` is half a unit of the last digit written; `metric_id` maps the free-text metric to
the canonical metrics of `dim_metric` (by its patterns, in its order); `related_figure_id` points
a growth, share, rank or difference to the figure it qualifies and `part_of_figure_id` a part to
its whole. Rows are ordered by document, then position.
"""
from __future__ import annotations

import polars as pl

from transforms.extract import FIGURES_SCHEMA
from transforms.extract import lexicon as lx
from transforms.extract.scan import canonical_period

UNITS = lx.UNITS_VOCAB
ROLES = lx.ROLES
APPROX = lx.APPROX
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
    "metric_id": pl.String,
    "related_figure_id": pl.String,
    "base_figure_id": pl.String,
    "part_of_figure_id": pl.String,
    "rounding": pl.Float64,
    "scope": pl.String,
    "base_cue": pl.Boolean,
    "dated_by": pl.String,
    "rules": pl.String,
    "sentence_index": pl.Int32,
    "sentence_start": pl.Int32,
    "page": pl.Int32,
    "extractor_version": pl.String,
}
METRICS_SCHEMA = {
    "metric_id": pl.String, "name": pl.String, "unit_kind": pl.String, "unit": pl.String,
    "parent_metric_id": pl.String, "max_gdp_ratio": pl.Float64, "comparable": pl.Boolean, "pattern": pl.String,
}

# what the transform reads: staging.extract, the extractor's figures (but their position) with their key
INPUT = {"figure_id": pl.String, "doc": pl.String, **{k: v for k, v in FIGURES_SCHEMA.items() if k != "seq"},
         "extractor_version": pl.String}

# unit words that say the unit by themselves; "times" and "fold" need context (unit_hint)
_UNIT_WORDS = {w: u for w, u in {**lx.UNIT_WORDS, **lx.PREFIX_CURRENCY}.items()}
_SCALE_WORDS = dict(lx.SCALES)
# every month range written Mnn-Mnn -> its canonical code ("M01-M03" -> "Q1", "M01-M12" -> the year)
_PERIODS = {f"M{a:02d}-M{b:02d}": canonical_period(a, b) for a in range(1, 13) for b in range(a + 1, 13)}


def transform(extracted: pl.DataFrame, metrics: pl.DataFrame, regions: pl.DataFrame) -> pl.DataFrame:
    """Typed, normalised figures with the columns of SCHEMA (see module docstring).

    `metrics` is dim_metric (METRICS_SCHEMA): its rows, in order, map metrics to metric ids;
    `regions` is dim_region (its `region` codes are the vocabulary of regions).
    """
    return (
        extracted
        .select([pl.col(name).cast(dtype) for name, dtype in INPUT.items()])
        .sort("doc", "char_start", "char_end")
        .pipe(_value)
        .pipe(_unit)
        .pipe(_period)
        .pipe(_region, regions)
        .pipe(_trim)
        .pipe(_rounding)
        .pipe(_relate)
        .pipe(_metric_id, metrics)
        .select([pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()])
        .sort("doc", "char_start", "char_end")
    )


def _value(df: pl.DataFrame) -> pl.DataFrame:
    """value = number x the factor of its scale word ("billion" -> 1e9); no scale word -> 1."""
    scale = pl.col("scale_word").str.to_lowercase().replace_strict(_SCALE_WORDS, default=None, return_dtype=pl.Float64)
    value = pl.col("number").cast(pl.Float64) * scale.fill_null(1.0)
    # 4.113 x 1e9 is 4113000000.0000005 in floating point: a scaled value is rounded to cents
    return df.with_columns(value=pl.when(scale.is_null()).then(value).otherwise(value.round(2)))


def _unit(df: pl.DataFrame) -> pl.DataFrame:
    """unit = the code of the unit word as written, else the extractor's unit from context."""
    word = pl.col("unit_word").str.to_lowercase().str.strip_chars()
    from_word = word.replace_strict(_UNIT_WORDS, default=None, return_dtype=pl.String)
    return df.with_columns(unit=pl.coalesce(from_word, pl.col("unit_hint")))


def _period(df: pl.DataFrame) -> pl.DataFrame:
    """Periods upper case without spaces, in their canonical code ("m01-m03" -> "Q1",
    "M01-M06" -> "H1", "M01-M12" -> null: the whole year); empty -> null."""
    period = pl.col("period").str.to_uppercase().str.replace_all(r"\s", "")
    period = period.replace(_PERIODS)
    return df.with_columns(period=pl.when(period == "").then(None).otherwise(period))


def _region(df: pl.DataFrame, regions: pl.DataFrame) -> pl.DataFrame:
    """Regions as codes of the gazetteer, matched without regard to case; an unknown place is "Other"."""
    codes = {r.lower(): r for r in regions.get_column("region").to_list()}
    key = pl.col("region").str.to_lowercase().str.strip_chars()
    canonical = key.replace_strict(codes, default="Other", return_dtype=pl.String)
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


def _rounding(df: pl.DataFrame) -> pl.DataFrame:
    """rounding = half a unit of the last digit written, in base units ("196.4 billion" -> 0.05e9)."""
    decimals = pl.col("text").str.extract(r"\d(?:[\d,]*\d)?\.(\d+)", 1).str.len_chars().fill_null(0)
    scale = pl.col("scale_word").str.to_lowercase().replace_strict(_SCALE_WORDS, default=None,
                                                                    return_dtype=pl.Float64).fill_null(1.0)
    return df.with_columns(rounding=0.5 * pl.lit(10.0).pow(-decimals.cast(pl.Float64)) * scale)


def _relate(df: pl.DataFrame) -> pl.DataFrame:
    """related_figure_id: what a growth, share, rank or difference qualifies in its sentence (a
    difference: its benchmark; a growth: the last level before it that is not the starting value
    of the change); base_figure_id: for a growth, the starting value of the change it states
    ("grew to X from Y, up Z%": Y); part_of_figure_id: the whole of a figure written as its part."""
    sentence = ["doc", "sentence_index"]
    role = pl.col("role")
    base = pl.col("base_cue").fill_null(False)

    def last_before(cond: pl.Expr) -> pl.Expr:
        return pl.when(cond).then(pl.col("figure_id")).forward_fill().shift(1).over(sentence)

    def first_after(cond: pl.Expr) -> pl.Expr:
        return pl.when(cond).then(pl.col("figure_id")).backward_fill().shift(-1).over(sentence)

    prev_level = last_before(role == "level")
    prev_end_level = last_before((role == "level") & ~base)
    prev_base = last_before((role == "level") & base)
    prev_measured = last_before(role.is_in(["level", "growth", "share"]))
    benchmark = pl.coalesce(first_after(role == "benchmark"), last_before(role == "benchmark"))
    related = (
        pl.when(role == "growth").then(pl.coalesce(prev_end_level, prev_level))
        .when(role == "share").then(prev_level)
        .when(role == "rank").then(prev_measured)
        .when(role == "difference").then(pl.coalesce(benchmark, last_before(role == "growth"), prev_level))
        .otherwise(None)
    )
    whole = pl.col("figure_id").shift(1).over(["doc", "unit"])
    whole_sentence = pl.col("sentence_index").shift(1).over(["doc", "unit"])
    part_of = pl.when(pl.col("part_cue").fill_null(False) & (pl.col("sentence_index") - whole_sentence <= 1)) \
        .then(whole).otherwise(None)
    base_of = pl.when(role == "growth").then(prev_base).otherwise(None)
    return df.with_columns(related_figure_id=related, base_figure_id=base_of, part_of_figure_id=part_of)


def _metric_id(df: pl.DataFrame, metrics: pl.DataFrame) -> pl.DataFrame:
    """metric_id from dim_metric's patterns (first matching row wins), matched on the metric
    without its "growth"/"rank of" wrapping, none for a ratio; a figure with none takes the one of
    the figure it qualifies ("up 6.7 percent" -> the GDP it follows)."""
    base = (pl.col("metric").str.to_lowercase().str.replace(r" growth$", "").str.replace(r"^rank of ", "")
            .str.strip_chars())
    matched = pl.lit(None, dtype=pl.String)
    for metric_id, pattern in reversed(metrics.select("metric_id", "pattern").rows()):
        matched = pl.when(base.str.contains(pattern)).then(pl.lit(metric_id)).otherwise(matched)
    # a ratio ("the income ratio of urban to rural residents was 1.9") is none of the canonical metrics
    df = df.with_columns(metric_id=pl.when((pl.col("unit") == "multiple") & (pl.col("role") == "level"))
                         .then(pl.lit(None, dtype=pl.String)).otherwise(matched))
    for _ in range(3):  # along chains: a rank of a growth of a level
        own = df.select(pl.col("figure_id").alias("related_figure_id"), pl.col("metric_id").alias("related_metric_id"))
        df = (df.join(own, on="related_figure_id", how="left", maintain_order="left")
                .with_columns(metric_id=pl.coalesce("metric_id", "related_metric_id"))
                .drop("related_metric_id"))
    return df
