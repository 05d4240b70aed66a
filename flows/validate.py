"""The validate stage: run every stage's expectation suite on its staged rows.

Row-level failures become this run's quarantine verdicts (staging.validate, and the
quality.quarantine log); every expectation's result goes to quality.validation_results;
Great Expectations Data Docs are rebuilt in the report folder.
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
from expectations import SUITES
from expectations.gate import Gates, Outcome

VERDICT_COLUMNS = ["stage", "suite", "expectation", "reason", "record_kind", "record_key", "doc", "record"]


@dataclass(frozen=True)
class GateReport:
    passed: bool
    outcomes: list[Outcome]
    quarantined: int
    data_docs: Path

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    def message(self) -> str:
        return "; ".join(o.describe() for o in self.failures)

    def by_stage(self) -> dict[str, tuple[int, int]]:
        """stage -> (expectations passed, expectations evaluated)."""
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            ok, n = out.get(o.stage, (0, 0))
            out[o.stage] = (ok + o.success, n + 1)
        return out


def gx_project(warehouse: Path) -> Path:
    return warehouse.parent / "gx"


def report_folder(warehouse: Path) -> Path:
    return warehouse.parent / "report"


@task(name="validate", cache_policy=NO_CACHE)
def validate(warehouse: Path, run_id: str) -> GateReport:
    """Gate the staged output of ingest, extract and transform."""
    log = logger()
    gates = Gates(gx_project(warehouse), report_folder(warehouse) / "data_docs")
    outcomes: list[Outcome] = []
    verdicts: list[dict] = []
    with wh.connect(warehouse) as con:
        for stage, suite in SUITES.items():
            frame = con.execute(wh.model("audit", stage).sql).df()
            gate = gates.check(stage, suite.expectations(), frame, run_id, suite.record_kind, suite.key)
            outcomes += gate.outcomes
            verdicts += gate.verdicts(frame)
            for o in gate.failures:
                log.warning(o.describe())
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        results = pd.DataFrame([{
            "run_id": run_id, "stage": o.stage, "suite": o.suite, "expectation": o.expectation,
            "severity": o.severity, "success": o.success, "element_count": o.element_count,
            "unexpected_count": o.unexpected_count, "unexpected_percent": o.unexpected_percent,
            "sample_values": json.dumps(o.sample_values, default=str, ensure_ascii=False),
            "validated_at": now,
        } for o in outcomes])
        batch = pd.DataFrame(verdicts, columns=VERDICT_COLUMNS).astype(object)
        con.begin()
        con.register("validation_batch", results)
        con.execute("insert into quality.validation_results by name select * from validation_batch")
        con.register("validate_batch", batch)
        wh.build(con, "staging", "validate")
        con.execute("""
            insert into quality.quarantine by name
            select ? as run_id, *, ? as quarantined_at from staging.validate
        """, [run_id, now])
        con.commit()
    docs = gates.build_docs()
    passed = all(o.success for o in outcomes)
    log.info("validate: %d expectations, %d failed, %d records quarantined",
             len(outcomes), sum(not o.success for o in outcomes), len(verdicts))
    return GateReport(passed=passed, outcomes=outcomes, quarantined=len(verdicts), data_docs=docs)
