"""The `documents` suite: the documents the warehouse holds after the run, and per document the
share of its figures the row gates quarantined (warehouse/audit/documents.sql: the batch's, and the
warehouse's other documents as they were published).

A misread figure is quarantined and its document's other figures publish. The run blocks only
when more than half of the documents lose more than half of their figures: then the extractor or
the transform itself broke, not one article (a change to either re-processes every document, so
the whole warehouse is judged). A run that would leave the warehouse without a document (every
file gone or unreadable) blocks too: nothing is retired.
"""
import great_expectations.expectations as gxe

from .gate import batch

COLUMNS = ["doc", "figures", "quarantined", "quarantined_share", "reasons"]
MAX_SHARE = 0.5       # a document that loses more than half of its figures has failed
MOSTLY = 0.5          # more than half of the documents failing is systemic


def expectations() -> list:
    return [
        gxe.ExpectTableRowCountToBeBetween(
            min_value=1, **batch("the warehouse keeps at least one document")),
        gxe.ExpectTableColumnsToMatchSet(column_set=COLUMNS, exact_match=True,
                                         **batch("document summary has its columns")),
        gxe.ExpectColumnValuesToBeBetween(
            column="quarantined_share", min_value=0, max_value=MAX_SHARE, mostly=MOSTLY,
            **batch("most documents lost most of their figures to the row gates: the extractor is broken")),
    ]
