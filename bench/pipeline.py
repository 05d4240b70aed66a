"""The whole pipeline at scale, run as a user runs it (`lishui run` in its own process).

    .venv/bin/python bench/pipeline.py [--docs 10000] [--workdir DIR] [--compare-docs N]

Builds --docs documents deterministically from the sample sources (data/sources): document i is
a run of paragraphs of sample i mod 5, about DOC_CHARS characters from a paragraph that moves
with i, its numbers perturbed by a seeded generator (years left alone) and a unique closing line.
Then, each Prefect home's database created beforehand (as on a machine where Prefect has run
before: creating it takes about 10 s here, once), it runs, each in a fresh process:

1. the first run (every document new; extraction on the default workers: one per core);
2. the same again with nothing new (the no-op run);
3. after adding 1% more documents (the +1% run);
4. --compare-rounds rounds (default 3) of a first run of --compare-docs documents with --workers 1
   followed by one with --workers 2: the ratio of their extract stages' seconds is the round's
   2-worker speedup, and the median of the rounds is the one reported. The worker process starts
   during ingest, so the ratio of ingest and extract together is printed beside it. A round's two runs follow
   each other, so that both see the machine alike: the speed of a shared machine drifts by 10-35%
   over minutes, as much as the 1-worker runs of different rounds differ.

For each run it prints the wall time, the seconds per stage (quality.runs.stage_seconds),
documents per second and the peak memory: of the run's own process (its maximum resident set),
and of all its processes together (the run, its worker processes and Prefect's temporary server,
sampled every 0.1 s). Memory and times are of this machine (`nproc` cores). The last line is

    docs=N first_s=.. noop_s=.. add_s=.. peak_rss_mb=.. extract_speedup_2w=..

where peak_rss_mb is the first run's own process and the gates' share is validate / wall.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parent.parent
LISHUI = Path(sys.executable).parent / "lishui"
DOC_CHARS = 4500
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?=\s*(%|percent)?)")


def _paragraphs() -> list[list[str]]:
    out = []
    for p in sorted((ROOT / "data" / "sources").glob("*.txt")):
        out.append([x for x in p.read_text(encoding="utf-8").split("\n") if x.strip()])
    return out


def _perturb(text: str, rng: random.Random) -> str:
    def one(m: re.Match) -> str:
        s = m.group(0)
        if re.fullmatch(r"(19|20)\d\d", s) or len(s.replace(".", "")) < 2:
            return s  # years and single digits (ranks, ordinals) stay
        decimals = len(s.split(".")[1]) if "." in s else 0
        value = float(s) * rng.uniform(0.9, 1.1)
        if m.group(1) and float(s) <= 100 < value:
            return s  # a share stays a share
        return f"{value:.{decimals}f}" if decimals else str(max(10, int(round(value))))
    return _NUMBER.sub(one, text)


def document(i: int, samples: list[list[str]]) -> str:
    """Document i: deterministic, unique."""
    paragraphs = samples[i % len(samples)]
    rng = random.Random(i)
    start = (i // len(samples)) % len(paragraphs)
    picked, size = [paragraphs[0]], len(paragraphs[0])  # the headline scopes the article
    for j in range(len(paragraphs) - 1):
        p = paragraphs[1 + (start + j) % (len(paragraphs) - 1)]
        if size + len(p) > DOC_CHARS and len(picked) > 1:
            break
        picked.append(p)
        size += len(p)
    body = _perturb("\n".join(picked), rng)
    return f"{body}\nThis is article {i:07d} of the benchmark archive.\n"


def build(folder: Path, start: int, stop: int) -> int:
    samples = _paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(start, stop):
        text = document(i, samples)
        chars += len(text)
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{i:07d}.txt").write_text(text, encoding="utf-8")
    return chars


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _environment(home: Path) -> dict:
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    env.pop("PREFECT_API_URL", None)
    return env


def prefect_home(home: Path) -> float:
    """Create Prefect's database in `home` (seconds): once per machine, not part of any run timed here."""
    started = time.perf_counter()
    home.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(LISHUI.parent / "prefect"), "server", "database", "upgrade", "-y"], env=_environment(home),
                   check=True, capture_output=True)
    return time.perf_counter() - started


def run(name: str, sources: Path, warehouse: Path, home: Path, *extra: str) -> dict:
    env = _environment(home)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    log = warehouse.parent / f"{name}.log"
    started = time.perf_counter()
    with open(log, "w") as out:
        child = subprocess.Popen([str(LISHUI), "run", "--sources", str(sources), "--warehouse", str(warehouse), *extra],
                                 stdout=out, stderr=subprocess.STDOUT, env=env)
        peak = [0]
        done = threading.Event()

        def sample():
            proc = psutil.Process(child.pid)
            while not done.is_set():
                try:
                    peak[0] = max(peak[0], _tree_rss(proc))
                except psutil.Error:
                    pass
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        done.set()
        sampler.join()
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{name}: lishui run failed (exit {os.waitstatus_to_exitcode(status)}); see {log}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status_, seconds, peaks, batch = con.execute(
            "select status, stage_seconds, stage_peak_mb, batch_documents from quality.runs "
            "order by started_at desc limit 1").fetchone()
    stages = json.loads(seconds or "{}")
    return {"name": name, "wall": wall, "stages": stages, "peaks": json.loads(peaks or "{}"), "status": status_,
            "batch": batch or 0,
            "peak_mb": usage.ru_maxrss / 1024, "tree_mb": peak[0] / 2**20}


def show(r: dict, docs: int) -> None:
    stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
    rate = r["batch"] / r["wall"] if r["batch"] else 0
    gates = r["stages"].get("validate", 0.0) / r["wall"]
    print(f"{r['name']:<10} {r['wall']:7.1f} s  {r['status']:<9} batch {r['batch']:>6} of {docs} documents, "
          f"{rate:6.0f} documents/s, gates {100 * gates:4.1f}% of the run; peak memory {r['peak_mb']:6.0f} MB "
          f"(run's process), {r['tree_mb']:6.0f} MB (all its processes)")
    print(f"{'':<10} stages (s): {stages}")
    print(f"{'':<10} peak memory of the run's process at the end of each stage (MB): "
          + ", ".join(f"{k} {v}" for k, v in r["peaks"].items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--compare-docs", type=int, default=None, help="documents for the 1 vs 2 worker runs (default --docs)")
    ap.add_argument("--compare-rounds", type=int, default=3,
                    help="rounds of a 1-worker then a 2-worker run; the speedup is the median of the rounds' ratios")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/lishui-bench-pipeline"))
    args = ap.parse_args()
    docs, compare = args.docs, args.compare_docs or args.docs
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    sources = work / "sources"
    t = time.perf_counter()
    chars = build(sources, 0, docs)
    print(f"built {docs} documents ({chars / 1e6:.1f} M characters) in {time.perf_counter() - t:.1f} s under {sources}; "
          f"{os.cpu_count()} cores")
    warehouse = work / "data" / "warehouse.duckdb"
    home = work / "prefect"
    seconds = sum(prefect_home(h) for h in (home, work / "prefect1", work / "prefect2"))
    print(f"Prefect's databases created beforehand in {seconds:.1f} s (a first run on a new Prefect home "
          f"would spend about a third of that creating it)")
    first = run("first", sources, warehouse, home)
    show(first, docs)
    noop = run("no-op", sources, warehouse, home)
    show(noop, docs)
    added = max(1, docs // 100)
    build(sources, docs, docs + added)
    add = run("+1%", sources, warehouse, home)
    show(add, docs + added)
    print(f"no-op / first = {noop['wall'] / first['wall']:.2f}x, +1% / first = {add['wall'] / first['wall']:.2f}x")

    compare_sources = sources
    if compare == docs:
        compare = docs + added  # the same folder, with the added documents
    else:
        compare_sources = work / "compare"
        build(compare_sources, 0, compare)
    ratios, both = [], []
    for round_ in range(1, args.compare_rounds + 1):  # 1 and 2 back to back: the machine alike for both
        extract, reading = {}, {}
        for n in (1, 2):
            r = run(f"{n} worker{'s' if n > 1 else ''}", compare_sources, work / f"w{n}" / "warehouse.duckdb",
                    work / f"prefect{n}", "--workers", str(n))
            shutil.rmtree(work / f"w{n}")
            show(r, compare)
            extract[n] = r["stages"]["extract"]
            reading[n] = r["stages"]["ingest"] + r["stages"]["extract"]
        ratios.append(extract[1] / extract[2])
        both.append(reading[1] / reading[2])
        print(f"round {round_}: extract stage on {compare} documents: {extract[1]:.1f} s with 1 worker, "
              f"{extract[2]:.1f} s with 2 ({ratios[-1]:.2f}x); ingest and extract together: {reading[1]:.1f} s "
              f"and {reading[2]:.1f} s ({both[-1]:.2f}x)")
    speedup = statistics.median(ratios)
    print(f"2-worker speedup of the extract stage, median of {len(ratios)} rounds: {speedup:.2f}x "
          f"({', '.join(f'{x:.2f}' for x in ratios)}); of ingest and extract together (the workers start "
          f"during ingest): {statistics.median(both):.2f}x ({', '.join(f'{x:.2f}' for x in both)})")
    print(f"docs={docs} first_s={first['wall']:.1f} noop_s={noop['wall']:.1f} add_s={add['wall']:.1f} "
          f"peak_rss_mb={first['peak_mb']:.0f} extract_speedup_2w={speedup:.2f}")


if __name__ == "__main__":
    main()
