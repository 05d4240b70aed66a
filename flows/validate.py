"""The validate stage: run every stage's expectation suite on its staged rows (the run's batch).

The batch goes through the gates in chunks of whole documents of about CHUNK_FIGURES figures
(what Great Expectations holds in pandas at once), each with only the columns its expectations
read; each expectation's results over the chunks are merged into one outcome. A stage's contract
(its columns and their types) is checked once, on the batch's first CONTRACT_DOCUMENTS documents.

Row-level failures become this run's quarantine verdicts and consistency failures its flags
(staging.validate, and the quality.quarantine and quality.flags logs); every expectation's result
goes to quality.validation_results; Great Expectations Data Docs are rebuilt in the report folder.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import RESULTS, logger, pipeline_version

import warehouse as wh
from flows import report
from transforms import extract as extractor

if TYPE_CHECKING:
    from expectations.gate import Outcome

CHUNK_FIGURES = 100_000  # figures the gates hold at once (a chunk is whole documents)
CONTRACT_DOCUMENTS = 20  # documents of the batch the contract (columns and types) is checked on
VERDICT_COLUMNS = ["stage", "suite", "expectation", "reason", "record_kind", "record_key", "doc", "record",
                   "action", "code"]


@dataclass(frozen=True)
class GateReport:
    passed: bool
    outcomes: list[Outcome]
    quarantined: int
    flagged: int
    data_docs: Path
    documents: tuple = ()   # (doc, figures, quarantined, reasons) of each document that lost figures

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.blocking]

    def message(self) -> str:
        return "; ".join(o.describe() for o in self.failures)

    def by_stage(self) -> dict[str, dict[str, int]]:
        """stage -> expectations by result: passed, quarantined (rows taken out), flagged (rows kept
        with a flag), failed (blocking); the words of `Outcome.result`, the summary and the artifact."""
        out: dict[str, dict[str, int]] = {}
        for o in self.outcomes:
            counts = out.setdefault(o.stage, dict.fromkeys(RESULTS, 0))
            counts[o.result] += 1
        return out


def preload() -> threading.Thread:
    """Import Great Expectations (seconds) in the background, while extraction runs elsewhere (on
    a Dask cluster). Not while this machine extracts: in this process the import holds the GIL the
    extraction needs, and beside worker processes it takes a core from them."""
    thread = threading.Thread(target=lambda: __import__("expectations"), name="lishui-preload-gates", daemon=True)
    thread.start()
    return thread


def gx_project(warehouse: Path) -> Path:
    """The Great Expectations project of a warehouse: suites, validation results (beside the file)."""
    return wh.Warehouse(warehouse).gx


def report_folder(warehouse: Path) -> Path:
    """The quality report of a warehouse: index.html and the Data Docs (beside the file)."""
    return wh.Warehouse(warehouse).report


def _with_records(con, audit: str, key: str, verdicts: list[dict]) -> list[dict]:
    """The verdicts, each quarantined row with its whole record as JSON (its text cut at
    RECORD_TEXT_CHARS, as `_row_json` cuts it), read from the stage's audit model: the gates held only
    the columns they check."""
    from expectations.gate import RECORD_TEXT_CHARS as n

    keys = [v["record_key"] for v in verdicts if v["action"] == "quarantine"]
    if keys:
        records = dict(con.execute(f"""
            select {key}::varchar, to_json(audited)::varchar
            from (select * replace (case when length(text) > {n} then left(text, {n}) || '…' else text end as text)
                  from ({audit})) audited
            where {key}::varchar in (select unnest(?::varchar[]))""", [keys]).fetchall())
        for v in verdicts:
            if v["action"] == "quarantine":
                v["record"] = records.get(v["record_key"])
    return verdicts


@task(name="validate", cache_policy=NO_CACHE)
def validate(warehouse: Path, run_id: str) -> GateReport:
    """Gate the staged output of ingest, extract and transform."""
    log = logger()
    # Great Expectations takes seconds to import: only when validating
    from expectations import DOCUMENTS, SUITES
    from expectations.gate import Gates, merge

    gates = Gates(gx_project(warehouse), report_folder(warehouse) / "data_docs")
    version = pipeline_version()  # the suites are saved once per version of the code and seeds
    contracts = {stage: gates.suite(f"{stage}_contract", suite.contract(), version) for stage, suite in SUITES.items()}
    suites = {stage: gates.suite(stage, suite.rows(), version) for stage, suite in SUITES.items()}
    columns = {stage: suite.select() for stage, suite in SUITES.items()}  # built once: they read seeds
    outcomes: list[Outcome] = []
    verdicts: list[dict] = []
    with wh.connect(warehouse) as con:
        con.execute("set variable extractor_version = ?", [extractor.EXTRACTOR_VERSION])
        counts = con.execute("select doc, count(figure_id) + 1 from staging.ingest left join staging.extract "
                             "using (doc) group by doc order by doc").fetchall()
        chunks = wh.plan(counts, CHUNK_FIGURES) or [[]]
        by_stage: dict[str, list[list[Outcome]]] = {stage: [] for stage in SUITES}
        # first the contract (every column, with its type) on the batch's first few documents, then
        # the chunks with only the columns the other expectations read
        for n, docs in enumerate([chunks[0][:CONTRACT_DOCUMENTS], *chunks]):
            con.register("validate_chunk", pl.DataFrame({"doc": docs}, schema={"doc": pl.String}).to_arrow())
            # the document text at each staged figure's offsets, for the provenance expectations
            con.register("validate_source_text", wh.text_at_offsets(
                con, "select doc, char_start, char_end from staging.extract where doc in (select doc from validate_chunk) "
                     "union all select doc, char_start, char_end from staging.transform "
                     "where doc in (select doc from validate_chunk)",
                "select doc, text from staging.ingest"))
            for stage, suite in SUITES.items():
                audit = wh.model("audit", stage).sql
                if n == 0:
                    sample = con.execute(audit).df()
                    contract = gates.run(stage, contracts[stage], sample, run_id, suite.record_kind, suite.key)
                    outcomes += contract.outcomes
                    for o in contract.failures:
                        log.warning(o.describe())
                    del sample
                    continue
                frame = con.execute(f"select {columns[stage]} from ({audit})").df()
                gate = gates.run(stage, suites[stage], frame, run_id, suite.record_kind, suite.key)
                by_stage[stage].append(gate.outcomes)
                verdicts += _with_records(con, audit, suite.key, gate.verdicts(frame, records=False))
                del frame
        for stage, chunk_outcomes in by_stage.items():
            merged = merge(chunk_outcomes)
            outcomes += merged
            for o in merged:
                if o.blocking:
                    log.warning(o.describe())
                if o.severity == "warn" and not o.success:
                    log.info("flag %s on %d figures", o.code, o.unexpected_count or 0)
        if len(chunks) > 1:
            log.info("validate: the batch went through the gates in %d chunks of documents", len(chunks))
        # the batch as a whole: do most documents lose most of their figures?
        con.register("validate_batch", pd.DataFrame(verdicts, columns=VERDICT_COLUMNS).astype(object))
        published = ("select doc, figure_count from curated.documents where doc not in "
                     "(select doc from staging.ingest union select doc from staging.retired)"
                     if wh.table_exists(con, "curated", "documents") else
                     "select null::varchar as doc, null::bigint as figure_count where false")
        con.register("validate_published", wh.frame(con, published).to_arrow())
        per_doc = con.execute(wh.model("audit", DOCUMENTS.stage).sql).df()
        gate = gates.run(DOCUMENTS.stage, gates.suite(DOCUMENTS.stage, DOCUMENTS.expectations(), version), per_doc,
                         run_id, DOCUMENTS.record_kind, DOCUMENTS.key)
        for o in gate.outcomes:  # name the documents, not their shares
            if o.bad_rows:
                o.sample_values = [f"{per_doc.loc[i, 'doc']}: {per_doc.loc[i, 'quarantined']} of "
                                   f"{per_doc.loc[i, 'figures']} figures ({per_doc.loc[i, 'reasons']})"
                                   for i in o.bad_rows[:5] if i in per_doc.index]
        outcomes += gate.outcomes
        for o in gate.failures:
            log.warning(o.describe())
        losing = tuple((r.doc, int(r.figures), int(r.quarantined), r.reasons)
                       for r in per_doc.itertuples() if r.quarantined)  # of the batch: the others lost none
        for doc, n, bad, reasons in losing:
            log.warning("%s: %d of %d figures quarantined (%s)", doc, bad, n, reasons)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        results = pd.DataFrame([{
            "run_id": run_id, "stage": o.stage, "suite": o.suite, "expectation": o.expectation,
            "severity": o.severity, "success": o.success, "result": o.result, "element_count": o.element_count,
            "unexpected_count": o.unexpected_count, "unexpected_percent": o.unexpected_percent,
            "sample_values": json.dumps(o.sample_values, default=str, ensure_ascii=False),
            "validated_at": now,
        } for o in outcomes])
        con.begin()
        con.register("validation_batch", results)
        con.execute("insert into quality.validation_results by name select * from validation_batch")
        wh.build(con, "staging", "validate")
        con.execute("""
            insert into quality.quarantine by name
            select ? as run_id, * exclude (action, code), ? as quarantined_at
            from staging.validate where action = 'quarantine'
        """, [run_id, now])
        con.execute("""
            insert into quality.flags by name
            select ? as run_id, record_key as figure_id, doc, code, reason, ? as flagged_at
            from staging.validate where action = 'flag'
        """, [run_id, now])
        con.commit()
    docs = gates.build_docs(run_id)
    report.offline_data_docs(docs.parent, report.suite_words(outcomes))
    quarantined = sum(v["action"] == "quarantine" for v in verdicts)
    flagged = len(verdicts) - quarantined
    passed = not any(o.blocking for o in outcomes)
    log.info("validate: %d expectations, %d failed, %d records quarantined, %d flags raised",
             len(outcomes), sum(o.blocking for o in outcomes), quarantined, flagged)
    return GateReport(passed=passed, outcomes=outcomes, quarantined=quarantined, flagged=flagged, data_docs=docs,
                      documents=losing)
