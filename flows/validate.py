"""The validate stage: run every stage's expectation suite on its staged rows.

Row-level failures become this run's quarantine verdicts and consistency failures its flags
(staging.validate, and the quality.quarantine and quality.flags logs); every expectation's result
goes to quality.validation_results; Great Expectations Data Docs are rebuilt in the report folder.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import logger

import warehouse as wh
from expectations import DOCUMENTS, SUITES
from flows import report
from transforms import extract as extractor
from expectations.gate import Gates, Outcome

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

    def by_stage(self) -> dict[str, tuple[int, int]]:
        """stage -> (expectations passed, expectations evaluated)."""
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            ok, n = out.get(o.stage, (0, 0))
            out[o.stage] = (ok + (not o.blocking), n + 1)
        return out


def gx_project(warehouse: Path) -> Path:
    """The Great Expectations project of a warehouse: suites, validation results (beside the file)."""
    return warehouse.resolve().parent / "gx"


def report_folder(warehouse: Path) -> Path:
    """The quality report of a warehouse: index.html and the Data Docs (beside the file)."""
    return warehouse.resolve().parent / "report"


@task(name="validate", cache_policy=NO_CACHE)
def validate(warehouse: Path, run_id: str) -> GateReport:
    """Gate the staged output of ingest, extract and transform."""
    log = logger()
    gates = Gates(gx_project(warehouse), report_folder(warehouse) / "data_docs")
    outcomes: list[Outcome] = []
    verdicts: list[dict] = []
    with wh.connect(warehouse) as con:
        con.execute("set variable extractor_version = ?", [extractor.EXTRACTOR_VERSION])
        # the document text at each staged figure's offsets, for the provenance expectations
        con.register("validate_source_text", wh.text_at_offsets(
            con, "select doc, char_start, char_end from staging.extract union all "
                 "select doc, char_start, char_end from staging.transform",
            "select doc, text from staging.ingest"))
        for stage, suite in SUITES.items():
            frame = con.execute(wh.model("audit", stage).sql).df()
            gate = gates.check(stage, suite.expectations(), frame, run_id, suite.record_kind, suite.key)
            outcomes += gate.outcomes
            verdicts += gate.verdicts(frame)
            for o in gate.failures:
                log.warning(o.describe())
            for o in gate.outcomes:
                if o.severity == "warn" and not o.success:
                    log.info("flag %s on %d figures", o.code, o.unexpected_count or 0)
        # the batch as a whole: do most documents lose most of their figures?
        con.register("validate_batch", pd.DataFrame(verdicts, columns=VERDICT_COLUMNS).astype(object))
        per_doc = con.execute(wh.model("audit", DOCUMENTS.stage).sql).df()
        gate = gates.check(DOCUMENTS.stage, DOCUMENTS.expectations(), per_doc, run_id, DOCUMENTS.record_kind,
                           DOCUMENTS.key)
        for o in gate.outcomes:  # name the documents, not their shares
            if o.bad_rows:
                o.sample_values = [f"{per_doc.loc[i, 'doc']}: {per_doc.loc[i, 'quarantined']} of "
                                   f"{per_doc.loc[i, 'figures']} figures ({per_doc.loc[i, 'reasons']})"
                                   for i in o.bad_rows[:5] if i in per_doc.index]
        outcomes += gate.outcomes
        for o in gate.failures:
            log.warning(o.describe())
        losing = tuple((r.doc, int(r.figures), int(r.quarantined), r.reasons)
                       for r in per_doc.itertuples() if r.quarantined)
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
    docs = gates.build_docs()
    report.offline_data_docs(docs.parent)
    quarantined = sum(v["action"] == "quarantine" for v in verdicts)
    flagged = len(verdicts) - quarantined
    passed = not any(o.blocking for o in outcomes)
    log.info("validate: %d expectations, %d failed, %d records quarantined, %d flags raised",
             len(outcomes), sum(o.blocking for o in outcomes), quarantined, flagged)
    return GateReport(passed=passed, outcomes=outcomes, quarantined=quarantined, flagged=flagged, data_docs=docs,
                      documents=losing)
