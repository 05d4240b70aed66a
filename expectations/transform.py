"""The `transform` suite: this run's typed, normalised figures (warehouse/audit/transform.sql).

These are the gates of the curated.figures contract: schema and types, keys, vocabularies,
finite values, provenance integrity, plausible percentages and links that resolve; and the
consistency checks, which flag a figure (and keep it published) when it contradicts its region's
magnitude, its whole, its total or its document's period (another source reporting a different value
is checked over the whole warehouse at publish: warehouse/audit/conflicts.sql).
"""
import great_expectations.expectations as gxe

from transforms.transform import APPROX, PERIOD_PATTERN, ROLES, SCHEMA, UNITS
from warehouse import seed

from .custom import ExpectStatedShareToMatchPartOfWhole, ExpectValuesToAgreeWithinRounding
from .gate import batch, row, warn

AUDIT_COLUMNS = [
    "source_text", "related_resolves", "base_resolves", "part_of_resolves", "metric_resolves",
    "magnitude_limit", "magnitude_reason", "growth_implied", "growth_implied_rounding", "growth_reason", "whole_value", "whole_reason", "share_part", "share_whole",
    "share_tolerance", "share_reason", "share_of_a_goal", "total_value", "total_reason", "reporting_year", "dated_reason",
]
COLUMNS = [*SCHEMA, *AUDIT_COLUMNS]
MOSTLY = 0.9  # more than 10% bad rows under one expectation means the batch is broken
# pandas dtypes of the DuckDB columns as GX reads them (INTEGER -> int32, DOUBLE -> float64 ...)
TYPES = {
    "figure_id": "str",
    "doc": "str",
    "char_start": "int32",
    "char_end": "int32",
    "text": "str",
    "value": "float64",
    "unit": "str",
    "is_target": "bool",
    "year": "int32",
    "rounding": "float64",
}


def expectations() -> list:
    out = [
        gxe.ExpectTableColumnsToMatchSet(column_set=COLUMNS, exact_match=True,
                                         **batch("figures have exactly the contract's columns")),
        gxe.ExpectColumnValuesToBeUnique(column="figure_id", **batch("figure ids are unique")),
    ]
    out += [gxe.ExpectColumnValuesToBeOfType(column=c, type_=t, **batch(f"{c} has its contract type"))
            for c, t in TYPES.items()]
    for c in ("figure_id", "doc", "char_start", "char_end", "text", "value", "unit", "role", "approx", "is_target"):
        out.append(gxe.ExpectColumnValuesToNotBeNull(column=c, **row(f"{c} is missing", MOSTLY)))
    out += [
        gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=list(UNITS), **row("unit outside the vocabulary", MOSTLY)),
        gxe.ExpectColumnValuesToBeInSet(column="role", value_set=list(ROLES), **row("unknown role", MOSTLY)),
        gxe.ExpectColumnValuesToBeInSet(column="approx", value_set=list(APPROX), **row("unknown approx", MOSTLY)),
        gxe.ExpectColumnValuesToBeInSet(column="region", value_set=seed("dim_region")["region"].to_list(),
                                        **row("region not in the gazetteer", MOSTLY)),
        gxe.ExpectColumnValuesToMatchRegex(column="period", regex=PERIOD_PATTERN, **row("malformed period", MOSTLY)),
        gxe.ExpectColumnValuesToBeBetween(column="year", min_value=1949, max_value=2100,
                                          **row("implausible year", MOSTLY)),
        gxe.ExpectColumnValuesToBeBetween(column="value", min_value=-1e16, max_value=1e16,
                                          **row("value not finite or beyond 1e16", MOSTLY)),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start",
                                                    **row("empty or reversed span", MOSTLY)),
        gxe.ExpectColumnPairValuesToBeEqual(column_A="text", column_B="source_text",
                                            **row("provenance: text differs from the document at its offsets", MOSTLY)),
        gxe.ExpectColumnValuesToBeBetween(column="value", min_value=-100, max_value=1000,
                                          row_condition='unit=="percent"', condition_parser="pandas",
                                          **row("percentage outside -100..1000", MOSTLY)),
        gxe.ExpectColumnValuesToBeBetween(column="value", min_value=0, max_value=100,
                                          row_condition='unit=="percent" and role=="share" and share_of_a_goal==False',
                                          condition_parser="pandas",
                                          **row("share outside 0..100% (not of a goal)", MOSTLY)),
        gxe.ExpectColumnValuesToBeBetween(column="value", min_value=-100, max_value=100,
                                          row_condition='unit=="percentage_point"', condition_parser="pandas",
                                          **row("percentage-point gap outside -100..100", MOSTLY)),
    ]
    out += [gxe.ExpectColumnValuesToBeInSet(column=c, value_set=[True], **batch(f"{what} resolve"))
            for c, what in (("related_resolves", "related figures"), ("base_resolves", "bases of changes"),
                            ("part_of_resolves", "wholes of parts"),
                            ("metric_resolves", "metric ids"))]
    return out + consistency()


def consistency() -> list:
    """Checks that flag a figure (code, reason) and keep it published."""
    either = "either_value_is_missing"
    return [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="magnitude_limit", column_B="value", or_equal=True, ignore_row_if=either,
            **warn("MAGNITUDE_IMPLAUSIBLE", "value far beyond the region's reference GDP", "magnitude_reason")),
        ExpectValuesToAgreeWithinRounding(
            column_list=["value", "rounding", "growth_implied", "growth_implied_rounding"],
            ignore_row_if="any_value_is_missing",
            **warn("GROWTH_MISMATCH", "a stated growth that contradicts its two levels", "growth_reason")),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="whole_value", column_B="value", or_equal=True, ignore_row_if=either,
            **warn("PART_EXCEEDS_WHOLE", "a part larger than its whole", "whole_reason")),
        ExpectStatedShareToMatchPartOfWhole(
            column_list=["value", "share_part", "share_whole", "share_tolerance"],
            ignore_row_if="any_value_is_missing",
            **warn("SHARE_MISMATCH", "a share that contradicts its part and whole", "share_reason")),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="total_value", column_B="value", or_equal=True, ignore_row_if=either,
            **warn("COMPONENT_EXCEEDS_TOTAL", "a component larger than its total", "total_reason")),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="reporting_year", column_B="year", or_equal=True, ignore_row_if=either,
            row_condition="is_target == False", condition_parser="pandas",
            **warn("DATED_AFTER_REPORT", "a reported figure dated after the document's period", "dated_reason")),
    ]
