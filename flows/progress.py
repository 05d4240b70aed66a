"""Progress a person can follow: a rich progress bar on a terminal, plain log lines elsewhere, and a
Prefect progress artifact (the run's page shows it) updated as work finishes."""
from __future__ import annotations

import time

from flows import logger

LINES = 10  # plain lines per stage when not on a terminal


class Progress:
    def __init__(self, stage: str, steps: int, documents: int, terminal: bool):
        self.stage, self.steps, self.documents, self.terminal = stage, steps, documents, terminal
        self.done_documents = 0
        self._bar = self._task = self._artifact = None
        self._next_line = 0
        self._started = time.perf_counter()

    def __enter__(self) -> "Progress":
        if not self.steps:
            return self
        if self.terminal:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(TextColumn(f"{self.stage}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("documents"), TimeRemainingColumn(), console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task(self.stage, total=self.documents)
        self._artifact = _progress_artifact(self.stage)
        return self

    def advance(self, steps_done: int, documents: int) -> None:
        self.done_documents += documents
        share = steps_done / self.steps
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done_documents)
        elif share >= self._next_line / LINES or steps_done == self.steps:
            rate = self.done_documents / max(time.perf_counter() - self._started, 1e-9)
            logger().info("%s: %d of %d documents (%d of %d batches, %.0f documents/s)", self.stage,
                          self.done_documents, self.documents, steps_done, self.steps, rate)
            while self._next_line / LINES <= share:
                self._next_line += 1
        if self._artifact is not None:
            from prefect.artifacts import update_progress_artifact

            update_progress_artifact(self._artifact, progress=100 * share)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


def _progress_artifact(stage: str):
    """A Prefect progress artifact for the stage, inside a flow or task run only."""
    from prefect.context import FlowRunContext, TaskRunContext

    if FlowRunContext.get() is None and TaskRunContext.get() is None:
        return None
    from prefect.artifacts import create_progress_artifact

    return create_progress_artifact(progress=0.0, key=f"lishui-{stage}", description=f"Lishui {stage}: share of batches done")
