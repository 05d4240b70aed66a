"""Prefect flows: the `lishui` pipeline (ingest -> extract -> transform -> validate -> publish).

One module per stage holds its task; the task, its tables (raw/staging.<stage>), its
expectation suite (expectations/<stage>.py) and its tests (tests/test_<stage>.py) share the
stage's name.
"""

import hashlib
import logging
from functools import cache
from pathlib import Path

# the environment variable holding the PostgreSQL URL of the BI copy (a URL is never a flow parameter)
POSTGRES_ENV = "LISHUI_POSTGRES_URL"
# the environment variable holding the address of a Dask scheduler to extract on (lishui run --dask-address)
DASK_ENV = "LISHUI_DASK_ADDRESS"
# where a run reads and writes by default (lishui run --sources, --warehouse)
DEFAULT_SOURCES = Path("data/sources")
DEFAULT_WAREHOUSE = Path("data/warehouse.duckdb")
# the default size limit of one source file (lishui run --max-document-mb)
MAX_DOCUMENT_MB = 10.0
# an expectation's result (expectations.gate.Outcome.result, quality.validation_results.result), in
# the order the run summary, `lishui quality`, the run's artifact and the report list them
RESULTS = ("passed", "quarantined", "flagged", "failed")
# characters of text per extraction task at most (lishui run --batch-chars; the last ones are smaller)
BATCH_CHARS = 4_000_000


class GateFailed(Exception):
    """A blocking expectation failed: nothing was published (raised by the publish stage)."""


def megabytes(mb: float) -> int:
    """Bytes in `mb` megabytes (of 1,000,000 bytes)."""
    return int(mb * 1_000_000)


def pipeline_version() -> str:
    """What processed a document: the extractor's version and a fingerprint of the transform, the
    expectation suites, the SQL models and the seeds. A change re-processes every document."""
    from transforms import extract

    return f"{extract.EXTRACTOR_VERSION}/{_models_fingerprint()}"


@cache
def _models_fingerprint() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([root / "transforms" / "transform.py", *(root / "expectations").glob("*.py"),
                        *(root / "warehouse").glob("*/*.sql"), *(root / "warehouse" / "seeds").glob("*.csv"),
                        root / "warehouse" / "macros.sql"]):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def logger() -> logging.Logger | logging.LoggerAdapter:
    """The Prefect run logger inside a flow or task run, a plain logger outside (task.fn calls)."""
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("lishui")
