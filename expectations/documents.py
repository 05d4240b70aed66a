"""The `documents` suite: per document, the share of its figures the row gates quarantined
(warehouse/audit/documents.sql).

A misread figure is quarantined and its document's other figures publish. The batch blocks only
when more than half of its documents lose more than half of their figures: then the extractor
or the transform itself broke, not one article.
"""
import great_expectations.expectations as gxe

from .gate import BATCH

COLUMNS = ["doc", "figures", "quarantined", "quarantined_share", "reasons"]
MAX_SHARE = 0.5       # a document that loses more than half of its figures has failed
MOSTLY = 0.5          # more than half of the documents failing is systemic


def expectations() -> list:
    return [
        gxe.ExpectTableColumnsToMatchSet(column_set=COLUMNS, exact_match=True,
                                         meta={"severity": BATCH, "reason": "document summary has its columns"}),
        gxe.ExpectColumnValuesToBeBetween(
            column="quarantined_share", min_value=0, max_value=MAX_SHARE, mostly=MOSTLY,
            meta={"severity": BATCH,
                  "reason": "most documents lost most of their figures to the row gates: the extractor is broken"}),
    ]
