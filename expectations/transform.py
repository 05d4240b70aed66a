"""The `transform` suite: this run's typed, normalised figures (warehouse/audit/transform.sql).

These are the gates of the curated.figures contract: schema and types, keys, vocabularies,
finite values, provenance integrity and plausible percentages.
"""
import great_expectations.expectations as gxe

from transforms.transform import APPROX, PERIOD_PATTERN, REGIONS, ROLES, SCHEMA, UNITS

from .gate import batch, row

COLUMNS = [*SCHEMA, "source_text"]
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
        gxe.ExpectColumnValuesToBeInSet(column="region", value_set=list(REGIONS), **row("unknown region", MOSTLY)),
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
                                          row_condition='unit=="percent" and role=="share"', condition_parser="pandas",
                                          **row("share outside 0..100%", MOSTLY)),
        gxe.ExpectColumnValuesToBeBetween(column="value", min_value=-100, max_value=100,
                                          row_condition='unit=="percentage_point"', condition_parser="pandas",
                                          **row("percentage-point gap outside -100..100", MOSTLY)),
    ]
    return out
