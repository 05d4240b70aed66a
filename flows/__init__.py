"""Prefect flows: the `lishui` pipeline (ingest -> extract -> transform -> validate -> publish).

One module per stage holds its task; the task, its tables (raw/staging.<stage>), its
expectation suite (expectations/<stage>.py) and its tests (tests/test_<stage>.py) share the
stage's name.
"""

import logging

# the environment variable holding the PostgreSQL URL of the BI copy (a URL is never a flow parameter)
POSTGRES_ENV = "LISHUI_POSTGRES_URL"
# the default size limit of one source file (lishui run --max-document-mb)
MAX_DOCUMENT_MB = 10.0


def megabytes(mb: float) -> int:
    """Bytes in `mb` megabytes (of 1,000,000 bytes)."""
    return int(mb * 1_000_000)


def logger() -> logging.Logger | logging.LoggerAdapter:
    """The Prefect run logger inside a flow or task run, a plain logger outside (task.fn calls)."""
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("lishui")
