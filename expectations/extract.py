"""The `extract` suite: this run's figures as extracted (warehouse/audit/extract.sql)."""
import great_expectations.expectations as gxe

from transforms.extract import FIGURES_SCHEMA
from transforms.extract import lexicon as lx

from .gate import batch, row

# staging.extract: the extractor's figures with their document, key and version, and the audit's source text
COLUMNS = ["doc", *FIGURES_SCHEMA, "extractor_version", "figure_id", "source_text"]
MOSTLY = 0.9  # more than 10% bad rows under one expectation means the batch is broken


def expectations() -> list:
    return [
        gxe.ExpectTableColumnsToMatchSet(column_set=COLUMNS, exact_match=True,
                                         **batch("extracted figures have exactly the staged columns")),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["doc", "seq"], **batch("one row per figure position")),
        gxe.ExpectColumnValuesToNotBeNull(column="text", **row("figure without text", MOSTLY)),
        gxe.ExpectColumnValuesToNotBeNull(column="number", **row("figure without a number", MOSTLY)),
        gxe.ExpectColumnValuesToNotBeNull(column="char_start", **row("figure without offsets", MOSTLY)),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start",
                                                    **row("empty or reversed span", MOSTLY)),
        gxe.ExpectColumnPairValuesToBeEqual(column_A="text", column_B="source_text",
                                            **row("text differs from the document at its offsets", MOSTLY)),
        gxe.ExpectColumnValuesToBeInSet(column="role", value_set=list(lx.ROLES), **row("unknown role", MOSTLY)),
        gxe.ExpectColumnValuesToBeInSet(column="approx", value_set=list(lx.APPROX), **row("unknown approx", MOSTLY)),
    ]
