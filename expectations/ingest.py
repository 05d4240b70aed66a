"""The `ingest` suite: this run's documents (warehouse/audit/ingest.sql; a batch may be empty: the
`documents` suite checks that the warehouse keeps at least one document)."""
import great_expectations.expectations as gxe

from transforms.ingest import MEDIA_TYPES

from .gate import batch, row

COLUMNS = ["doc", "sha256", "path", "size_bytes", "media_type", "title", "text", "text_length", "url", "fetched"]
MOSTLY = 0.5  # documents are few: block only when half of them fail


def expectations() -> list:
    return [
        gxe.ExpectTableColumnsToMatchSet(column_set=COLUMNS, exact_match=True,
                                         **batch("documents have exactly the staged columns")),
        gxe.ExpectColumnValuesToBeUnique(column="doc", **batch("one row per document")),
        gxe.ExpectColumnValuesToNotBeNull(column="text", **row("document without text", MOSTLY)),
        gxe.ExpectColumnValuesToBeBetween(column="text_length", min_value=1,
                                          **row("document with empty text", MOSTLY)),
        gxe.ExpectColumnValuesToMatchRegex(column="sha256", regex=r"^[0-9a-f]{64}$",
                                           **row("malformed sha256", MOSTLY)),
        gxe.ExpectColumnValuesToBeInSet(column="media_type",
                                        value_set=sorted(set(MEDIA_TYPES.values())),
                                        **row("unknown media type", MOSTLY)),
        # a web page's provenance (nulls, the files, are not checked)
        gxe.ExpectColumnValuesToMatchRegex(column="url", regex=r"^https?://[^\s/?#]+", **row("page URL not http(s)", MOSTLY)),
        gxe.ExpectColumnValuesToBeInSet(column="fetched", value_set=[True], **row("page without its fetch time", MOSTLY)),
    ]
