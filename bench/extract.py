"""Extraction throughput: our extractor against quantulum3 on the same text, in one process.

    .venv/bin/python bench/extract.py [--min-chars 5000000] [--repeat 3] [--quantulum-chars N]

The sample sources (data/sources) are repeated, document by document, until they hold at least
--min-chars characters. Our extractor reads every document --repeat times; its throughput is
the best of those passes (the least disturbed by other work on the machine). quantulum3 reads
the same documents once (it is slow: about 12 minutes for 5 M characters); --quantulum-chars
limits it to a prefix of the same sequence of documents, and the output says so. Throughputs
are characters per second of wall time in this single process; the accuracy line is the dev-set
score of the same extractor. Then hostile inputs of 1 MB each (a page of numbers, runs of
punctuation, one long line, a line of percentages) are timed against 1 MB of the sample sources:
extraction is linear in the size of any input. The last line is

    extract_chars_per_s=<n> quantulum3_chars_per_s=<m> ratio=<n/m>
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.extract import extract_figures  # noqa: E402


def corpus(min_chars: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))]
    docs: list[str] = []
    while sum(map(len, docs)) < min_chars:
        docs.extend(texts)
    return docs


def ours(docs: list[str], repeat: int) -> tuple[float, list[float], int]:
    chars = sum(map(len, docs))
    rates, figures = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        figures = sum(len(extract_figures(d)) for d in docs)
        rates.append(chars / (time.perf_counter() - started))
    return max(rates), rates, figures


def quantulum(docs: list[str], limit: int | None) -> tuple[float, int, int]:
    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    chosen, chars = [], 0
    for d in docs:
        if limit is not None and chars >= limit:
            break
        chosen.append(d)
        chars += len(d)
    started = time.perf_counter()
    quantities = sum(len(parser.parse(d)) for d in chosen)
    return chars / (time.perf_counter() - started), chars, quantities


def accuracy() -> str:
    """The dev-set score line of this extractor (through the transform, as the pipeline does)."""
    import importlib.util
    import tempfile

    import duckdb
    import polars as pl

    from transforms.extract import extract
    from transforms.transform import transform
    from warehouse import seed

    sources = ROOT / "data" / "sources"
    docs = pl.DataFrame([{"doc": p.name, "sha256": p.name, "text": p.read_text(encoding="utf-8")}
                         for p in sorted(sources.glob("*.txt"))])
    figures = extract(docs)[0].join(docs.select(pl.col("sha256").alias("doc_sha256"), "doc"), on="doc_sha256")
    figures = transform(figures.with_columns(figure_id=pl.format("{}#{}-{}", "doc", "char_start", "char_end"),
                                             extractor_version=pl.lit("bench")), seed("dim_metric"),
                        seed("dim_region"))
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.duckdb")
        con = duckdb.connect(path)
        con.execute("create schema curated")
        con.execute("create table curated.figures as select * from figures")
        con.close()
        gold = score.load_gold(ROOT / "tests" / "eval" / "dev_gold.jsonl", sources)
        pred, have = score.load_pred(path, "curated.figures")
        out, _ = score.score(gold, pred, have)
    attrs = " ".join(f"{k}={v}" for k, v in out["attributes"].items())
    return f"full_f1={out['full']['f1']} strict_f1={out['strict']['f1']} detect_f1={out['detect']['f1']} {attrs}"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


HOSTILE = {
    "numbers": " ".join(str(i) for i in range(1, 200_000)) + " ",
    "dots": "." * 1000 + " ",
    "one long line": "GDP grew 5.5 percent to 100 billion yuan, and ",
    "percentages": "1% ",
}


def hostile(docs: list[str], size: int = 1_000_000) -> str:
    """Seconds to extract `size` characters of each hostile kind, against as much ordinary text."""
    def seconds(text: str) -> float:
        started = time.perf_counter()
        extract_figures(text)
        return time.perf_counter() - started
    ordinary = seconds(_repeat("\n\n".join(dict.fromkeys(docs)) + "\n\n", size))
    parts = [f"{name} {seconds(_repeat(unit, size)):.2f} s" for name, unit in HOSTILE.items()]
    return f"hostile inputs of {size:,} characters: {', '.join(parts)}; ordinary articles {ordinary:.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-chars", type=int, default=5_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quantulum-chars", type=int, default=None,
                    help="time quantulum3 on this prefix of the documents only (default: all of them)")
    a = ap.parse_args()
    docs = corpus(a.min_chars)
    chars = sum(map(len, docs))
    print(f"text: {len(docs)} documents, {chars:,} characters (the {len(set(docs))} sample sources repeated)")
    print(f"accuracy on the sample sources: {accuracy()}")
    best, rates, figures = ours(docs, a.repeat)
    print(f"extractor: {figures:,} figures; passes {', '.join(f'{r:,.0f}' for r in rates)} chars/s; "
          f"best {best:,.0f}, median {statistics.median(rates):,.0f}")
    print(hostile(docs))
    q_rate, q_chars, q_found = quantulum(docs, a.quantulum_chars)
    scope = "the same text" if q_chars >= chars else f"the first {q_chars:,} characters of the same text"
    print(f"quantulum3: {q_found:,} quantities on {scope}; {q_rate:,.0f} chars/s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {rss:,.0f} MiB")
    print(f"extract_chars_per_s={best:.0f} quantulum3_chars_per_s={q_rate:.0f} ratio={best / q_rate:.1f}")


if __name__ == "__main__":
    main()
