"""The extractor's cost is linear in the size of its input, whatever the input.

Times are compared within one run (a hostile text against an ordinary article of the same size, or
one text against four times itself), so the tests hold on a slow or busy machine. The absolute
figures (a 1 MB document of numbers in about a second) are printed by `bench/extract.py --worst`.
"""
import gc
import random
import time

import pytest

from tests.conftest import SAMPLE_SOURCES
from transforms.extract import read_document


def _cost(text: str, repeat: int = 3) -> float:
    """Best seconds of `repeat` readings, with Python's cyclic garbage collector paused: its passes
    cost in proportion to everything the test process holds, not to this text."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            read_document(text)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.fixture(scope="module")
def ordinary():
    """An ordinary article of a given size: the sample sources, one after another."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE_SOURCES.glob("*.txt")))
    return lambda size: _repeat(text + "\n\n", size)


# the worst cases found so far, each a kind of input rather than a sentence
_ONE_LINE = " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted(SAMPLE_SOURCES.glob("*.txt")))
HOSTILE = {
    "articles on one line": lambda size: _repeat(_ONE_LINE + " ", size),
    "plans on one line": lambda size: _repeat("The county plans to add 40 parks, and its firm employs 320 workers. ", size),
    "numbers": lambda size: _repeat(" ".join(str(i) for i in range(1, 40000)) + " ", size),
    "dots": lambda size: _repeat("." * 1000 + " ", size),
    "punctuation": lambda size: _repeat("!?.,;:-—“”()" * 40 + " x ", size),
    "percentages": lambda size: _repeat("1% ", size),
    "ratios": lambda size: _repeat("1.94:1 ", size),
    "one long line": lambda size: _repeat("GDP grew 5.5 percent to 100 billion yuan, and ", size),
    "the county": lambda size: _repeat("The county had 5 firms. ", size),
    "relative years": lambda size: _repeat("Last year sales rose 4%. ", size),
    "quotes": lambda size: _repeat('"The 5 parks," he said. ', size),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_input_costs_about_what_an_article_of_its_size_costs(ordinary, kind):
    size = 200_000
    base, cost = _cost(ordinary(size)), _cost(HOSTILE[kind](size))
    assert cost < 15 * base, f"{kind}: {cost:.3f} s against {base:.3f} s for an ordinary article"


@pytest.mark.parametrize("kind", ["numbers", "dots", "one long line", "the county", "relative years",
                                  "articles on one line"])
def test_cost_grows_linearly_with_size(kind):
    small, large = _cost(HOSTILE[kind](100_000)), _cost(HOSTILE[kind](400_000))
    assert large < 7 * small, f"{kind}: 4x the text cost {large / small:.1f}x the time (linear is 4x)"


_WORDS = ["1", "2", "23", "2019", "2024", "1,234", "5.6", "percent", "%", "billion", "yuan", "million", "times",
          "the", "county", "city", "province", "Lishui", "Jinyun", "Zhejiang", "Nanjing", "in", "by", "from", "to",
          "January", "first", "half", "quarter", "year", "last", "this", "grew", "rose", "up", "down", "reached",
          "will", "target", "plan", "five", "ten", "hundred", "thousand", ",", ".", ";", ":", "(", ")", "“", "”",
          '"', "'", "’", "-", "—", "\n", "\n\n", "...", "|", ">>", "respectively", "and", "or", "of", "GDP",
          "exports", "sales", "1:1", "1.94:1", "No.", "Co.,", "Ltd.", "mu", "tons", "kWh", "points", "percentage",
          "year-on-year", "Updated:", "May", "2,", "14th", "Five-Year", "Plan", "period", "village", "town",
          "ranked", "second", "one-third", "twice", "I.", "Q1", "H1", "1-11", "2021-2025", "about", "over", "than"]


def test_a_long_paragraph_is_not_walked_once_per_figure():
    """Regression: whether a plan cue sat inside a quotation was counted from its paragraph's start,
    so a one-line document of 3 MB cost twice what its thirty parts cost. Eight times the text costs
    eight times the time (a walk per figure made it fourteen)."""
    small, large = _cost(HOSTILE["plans on one line"](50_000)), _cost(HOSTILE["plans on one line"](400_000))
    assert large < 11 * small, f"8x the text cost {large / small:.1f}x the time (linear is 8x)"


def test_no_10kb_input_costs_more_than_50_times_an_ordinary_article(ordinary):
    """Seeded fuzz: texts of 10 KB drawn from a few words each (so that some are very dense in
    numbers, punctuation or places) or from all of them."""
    rng = random.Random(20261201)
    base = _cost(ordinary(10_000), repeat=5)
    worst = (0.0, None)
    for _ in range(150):
        vocabulary = rng.sample(_WORDS, rng.randint(1, 10)) if rng.random() < 0.8 else _WORDS
        words, size = [], 0
        while size < 10_000:
            words.append(rng.choice(vocabulary))
            size += len(words[-1]) + 1
        text = " ".join(words)[:10_000]
        cost = _cost(text, repeat=1)
        if cost > 50 * base:
            cost = _cost(text)  # a slow moment of the machine, or the text?
        worst = max(worst, (cost, vocabulary))
    assert worst[0] < 50 * base, f"{worst[0] * 1000:.1f} ms against {base * 1000:.1f} ms: words {worst[1]}"


def test_a_crowded_line_is_not_read_as_prose():
    """Regression: 3,000 percentages on one line were each read against all the others."""
    figures = read_document(_repeat("1% ", 9000))[0]
    assert figures == []
    figures = read_document("Output rose 5%, 6% and 7% in the three years.")[0]
    assert [f["text"] for f in figures] == ["5%", "6%", "7%"]
