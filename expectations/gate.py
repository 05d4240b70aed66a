"""Run a stage's Great Expectations suite on its staged rows and read the verdict.

Every expectation carries Great Expectations' own `severity` and a `description` (Data Docs show
both); ours are named after what a failure does:
- "batch" (GX critical): a failure blocks the publish (schema, types, unique keys, row counts, and the
  `documents` suite: most documents losing most of their figures, i.e. a broken extractor);
- "row" (GX warning): failing rows are quarantined with the expectation's reason and the rest publishes; a
  row expectation never blocks on its own (one misread figure must not stop a run);
- "warn" (GX info): failing rows stay published and carry a quality flag (`meta["code"]`) whose reason
  is the row's `meta["reason_column"]` (a plain-language sentence with the values compared).

A `Gates` object owns one file-backed GX project (suites, validation results, Data Docs).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# GX prints a progress bar per validation; our logs say what ran.
logging.getLogger("great_expectations").setLevel(logging.WARNING)

ROW = "row"
BATCH = "batch"
WARN = "warn"
SAMPLE_SIZE = 20
RECORD_TEXT_CHARS = 500  # a record's text (a whole document, for ingest) is cut there


# our severities as Great Expectations' own (`severity`, shown in Data Docs beside the `description`)
GX_SEVERITY = {BATCH: "critical", ROW: "warning", WARN: "info"}
OUR_SEVERITY = {v: k for k, v in GX_SEVERITY.items()}


def batch(reason: str) -> dict:
    """Keyword arguments of a blocking expectation."""
    return {"severity": GX_SEVERITY[BATCH], "description": reason}


def row(reason: str, mostly: float) -> dict:
    """Keyword arguments of a row-level expectation: failing rows are quarantined."""
    return {"severity": GX_SEVERITY[ROW], "description": reason, "mostly": mostly}


def warn(code: str, reason: str, reason_column: str) -> dict:
    """Keyword arguments of a consistency check: failing rows are flagged with `code`, whose reason
    is the row's `reason_column`."""
    return {"severity": GX_SEVERITY[WARN], "description": f"{reason} (flag {code})",
            "meta": {"code": code, "reason": reason, "reason_column": reason_column}}


@dataclass
class Outcome:
    """One expectation's result on one stage's batch."""

    stage: str
    suite: str
    expectation: str
    severity: str
    reason: str
    success: bool
    element_count: int | None
    unexpected_count: int | None
    unexpected_percent: float | None
    sample_values: list
    bad_rows: list[int] = field(default_factory=list)
    code: str | None = None
    reason_column: str | None = None

    @property
    def blocking(self) -> bool:
        return not self.success and self.severity == BATCH

    @property
    def result(self) -> str:
        """passed, quarantined (rows taken out), flagged (rows kept with a flag) or failed (blocking)."""
        if self.success:
            return "passed"
        return {BATCH: "failed", ROW: "quarantined", WARN: "flagged"}[self.severity]

    def describe(self) -> str:
        sample = ", ".join(repr(v) for v in self.sample_values[:5])
        return (f"gate '{self.stage}' failed: {self.expectation} ({self.reason}); "
                f"{self.unexpected_count or 0} of {self.element_count or 0} rows unexpected"
                + (f", e.g. {sample}" if sample else ""))


@dataclass
class StageGate:
    """A stage's outcomes, and the rows they quarantine."""

    stage: str
    outcomes: list[Outcome]
    record_kind: str
    key: str

    @property
    def passed(self) -> bool:
        return not any(o.blocking for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.blocking]

    def verdicts(self, frame: pd.DataFrame, records: bool = True) -> list[dict]:
        """One quarantine record per failing row (first failing expectation wins), and one flag per
        row and consistency check it fails (the row stays). A quarantine verdict carries the row as
        JSON (`record`) when `records`; a flag never does. Rows are the frame's positions."""
        out, quarantined = [], set()
        keys = frame[self.key].to_numpy() if self.key in frame else None
        docs = frame["doc"].to_numpy() if "doc" in frame else None
        for o in self.outcomes:
            if o.severity not in (ROW, WARN):
                continue
            reasons = frame[o.reason_column].to_numpy() if o.reason_column in frame else None
            for i in o.bad_rows:
                if not 0 <= i < len(frame) or (o.severity == ROW and i in quarantined):
                    continue
                if o.severity == ROW:
                    quarantined.add(i)
                reason = o.reason
                if reasons is not None and not _isnull(reasons[i]):
                    reason = str(reasons[i])
                out.append({
                    "stage": self.stage,
                    "suite": o.suite,
                    "expectation": o.expectation,
                    "reason": reason,
                    "record_kind": self.record_kind,
                    "record_key": None if keys is None else str(keys[i]),
                    "doc": None if docs is None or _isnull(docs[i]) else str(docs[i]),
                    "record": _row_json(frame.iloc[i]) if records and o.severity == ROW else None,
                    "action": "flag" if o.severity == WARN else "quarantine",
                    "code": o.code,
                })
        return out


def merge(chunks: list[list[Outcome]]) -> list[Outcome]:
    """One outcome per expectation from its outcomes on chunks of one batch (the same suite, in the
    same order): it succeeds when it succeeded on every chunk; counts add up; samples are the first
    ones. Row indexes (bad_rows) are per chunk and are not kept."""
    if len(chunks) == 1:
        return chunks[0]
    out = []
    for parts in zip(*chunks):
        first = parts[0]
        elements = sum(p.element_count or 0 for p in parts)
        unexpected = sum(p.unexpected_count or 0 for p in parts)
        samples = [v for p in parts for v in p.sample_values][:SAMPLE_SIZE]
        out.append(Outcome(
            stage=first.stage, suite=first.suite, expectation=first.expectation, severity=first.severity,
            reason=first.reason, success=all(p.success for p in parts), element_count=elements,
            unexpected_count=unexpected, unexpected_percent=100 * unexpected / elements if elements else None,
            sample_values=samples, code=first.code, reason_column=first.reason_column))
    return out


def _row_json(record: pd.Series) -> str:
    data = {}
    for k, v in record.items():
        if k == "text" and isinstance(v, str) and len(v) > RECORD_TEXT_CHARS:
            v = v[:RECORD_TEXT_CHARS] + "…"
        data[k] = None if _isnull(v) else (v.item() if hasattr(v, "item") else v)
    return json.dumps(data, default=str, ensure_ascii=False)


def _isnull(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _name(config) -> str:
    kw = config.kwargs
    cols = kw.get("column") or ",".join(x for x in (kw.get("column_A"), kw.get("column_B")) if x) \
        or ",".join(kw.get("column_list") or [])
    args = []
    if cols:
        args.append(cols)
    if kw.get("value_set") is not None:
        args.append("in vocabulary")
    if kw.get("min_value") is not None or kw.get("max_value") is not None:
        args.append(f"{_num(kw.get('min_value'))}..{_num(kw.get('max_value'))}")
    if kw.get("regex"):
        args.append(f"~ {kw['regex']}")
    condition = kw.get("row_condition")
    if isinstance(condition, dict):
        condition = condition.get("pass_through_filter") or condition
    if condition:
        args.append(f"where {condition}")
    return f"{config.type}({'; '.join(args)})"


def _num(v) -> str:
    return "" if v is None else f"{v:g}" if isinstance(v, (int, float)) else str(v)


class Gates:
    """The GX project of a warehouse: one suite per stage, Data Docs in `docs_dir`."""

    def __init__(self, project_dir: Path, docs_dir: Path):
        import great_expectations as gx

        self._gx = gx
        project_dir, docs_dir = project_dir.resolve(), docs_dir.resolve()
        project_dir.mkdir(parents=True, exist_ok=True)
        self.context = gx.get_context(mode="file", project_root_dir=str(project_dir))
        if self.context.variables.progress_bars is None:
            from great_expectations.data_context.types.base import ProgressBarsConfig

            self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
            self.context.variables.save()
        self.docs_dir = docs_dir
        sites = self.context.get_config().data_docs_sites or {}
        site = sites.get("lishui")
        if site is not None and site.get("store_backend", {}).get("base_directory") != str(docs_dir):
            self.context.delete_data_docs_site("lishui")  # the report folder moved
            site = None
        if site is None:
            self.context.add_data_docs_site(
                site_name="lishui",
                site_config={
                    "class_name": "SiteBuilder",
                    "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                                      "base_directory": str(docs_dir)},
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                },
            )
        try:  # kept with its assets (the saved validation definitions refer to them)
            self.source = self.context.data_sources.get("stages")
        except (KeyError, LookupError, ValueError):
            self.source = self.context.data_sources.add_pandas("stages")

    def suite(self, name: str, suite_expectations: list, version: str | None = None):
        """The suite `name` with these expectations, saved in the project with its validation
        definition (over a whole dataframe), ready to run on many frames. With `version` (what
        the expectations are made from), a suite saved with the same version is used as it is:
        comparing a suite with the saved one takes GX seconds."""
        gx = self._gx
        if version is not None:
            try:
                saved = self.context.suites.get(name=name)
                if (saved.meta or {}).get("lishui_version") == version:
                    return self.context.validation_definitions.get(name=name)
            except Exception:  # noqa: BLE001 - not saved yet, or unreadable: saved again below
                pass
        suite = self.context.suites.add_or_update(gx.ExpectationSuite(
            name=name, expectations=suite_expectations, meta={"lishui_version": version} if version else None))
        try:
            asset = self.source.get_asset(name)
        except LookupError:
            asset = self.source.add_dataframe_asset(name)
        try:
            batch_definition = asset.get_batch_definition("batch")
        except (KeyError, LookupError):
            batch_definition = asset.add_batch_definition_whole_dataframe("batch")
        return self.context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=name, data=batch_definition, suite=suite))

    def check(self, stage: str, suite_expectations: list, frame: pd.DataFrame, run_id: str,
              record_kind: str, key: str) -> StageGate:
        """Validate `frame` with the stage's expectations (a suite named after the stage)."""
        return self.run(stage, self.suite(stage, suite_expectations), frame, run_id, record_kind, key)

    def run(self, stage: str, definition, frame: pd.DataFrame, run_id: str, record_kind: str,
            key: str) -> StageGate:
        """Validate `frame` with a prepared suite (`suite()`); return the outcomes."""
        from great_expectations.core.run_identifier import RunIdentifier

        result = definition.run(
            batch_parameters={"dataframe": frame.reset_index(drop=True)},
            result_format={"result_format": "COMPLETE", "partial_unexpected_count": SAMPLE_SIZE},
            run_id=RunIdentifier(run_name=run_id),
        )
        suite_name = definition.suite.name
        outcomes = []
        for r in result.results:
            config = r.expectation_config
            meta = config.meta or {}
            res = r.result or {}
            exc = r.exception_info or {}
            raised = exc.get("raised_exception") if isinstance(exc, dict) else False
            sample = list(res.get("partial_unexpected_list") or [])[:SAMPLE_SIZE]
            if raised:
                sample = [str(exc.get("exception_message", ""))[:300]]
            if config.type == "expect_table_columns_to_match_set" and not r.success:
                details = res.get("details", {}).get("mismatched", {})
                sample = [f"missing {details.get('missing')}", f"unexpected {details.get('unexpected')}"]
            outcomes.append(Outcome(
                stage=stage,
                suite=suite_name,
                expectation=_name(config),
                severity=OUR_SEVERITY.get(str(getattr(config.severity, "value", config.severity)), BATCH),
                reason=meta.get("reason") or config.description or config.type,
                success=bool(r.success),
                element_count=res.get("element_count"),
                unexpected_count=res.get("unexpected_count"),
                unexpected_percent=res.get("unexpected_percent"),
                sample_values=[_plain(v) for v in sample],
                bad_rows=[int(i) for i in (res.get("unexpected_index_list") or []) if isinstance(i, (int,))
                          or str(i).isdigit()],
                code=meta.get("code"),
                reason_column=meta.get("reason_column"),
            ))
        return StageGate(stage=stage, outcomes=outcomes, record_kind=record_kind, key=key)

    def build_docs(self, run_id: str | None = None) -> Path:
        """Rebuild the Data Docs; with `run_id`, of that run's validation results only: older ones
        leave the project's store first (their outcomes stay in quality.validation_results), so the
        docs of a scheduled pipeline do not grow, and take longer to build, with every run."""
        if run_id is not None:
            store = self.context.validation_results_store
            for key in store.list_keys():
                if key.run_id.run_name != run_id:
                    store.remove_key(key)
            self.context.clean_data_docs(site_name="lishui")
        self.context.build_data_docs(site_names=["lishui"])
        return self.docs_dir / "index.html"


def _plain(v):
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if hasattr(v, "item"):
        return v.item()
    if _isnull(v):
        return None
    return v if isinstance(v, (str, int, float, bool, list, dict)) else str(v)
