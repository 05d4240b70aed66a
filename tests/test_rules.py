"""Every rule of the extractor, on the examples written beside it (transforms/extract/rules.py).

Each example is a sentence written for its rule, the figure in it and the value the rule gives
that figure's field. The test reads the example with the whole extractor and checks the value
and that this rule, not another, decided it (so every rule is reached by at least one example).
"""
import ast
import json
import re
from pathlib import Path

import pytest

from transforms.extract import read_document
from transforms.extract.rules import all_rules

CASES = [pytest.param(rules.field, rule.name, example, id=f"{rules.field}:{rule.name}:{n}")
         for rules in all_rules() for rule in rules for n, example in enumerate(rule.examples)]


def _at(text: str, figure: str, occurrence: int) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(figure, pos + 1)
        assert pos >= 0, f"{figure!r} occurs fewer than {occurrence} times in {text!r}"
    return pos


@pytest.mark.parametrize("field, rule, example", CASES)
def test_rule_example(field, rule, example):
    figures, _, rejected = read_document(example.text, trace=True)
    start = _at(example.text, example.figure, example.occurrence)
    found = [f for f in figures if f["char_start"] <= start < f["char_end"]]
    if field == "figure" and example.expected is False:
        assert not found, f"read as a figure: {found[0]['text']!r}"
        deciding = [r["rule"] for r in rejected if r["char_start"] <= start < r["char_end"]]
        assert deciding == [example.by or rule], rejected
        return
    assert len(found) == 1, [f["text"] for f in figures]
    (f,) = found
    decided = json.loads(f["rules"])
    value = {"figure": True, "time": f["dated_by"]}.get(field, f.get(field))
    if field == "time" and value is not None:
        value = value.replace("\n", " ")
    assert (value, decided[field]) == (example.expected, example.by or rule)


def test_every_rule_has_an_example_and_a_docstring():
    bare = [f"{rules.field}:{rule.name}" for rules in all_rules() for rule in rules
            if not rule.examples or not rule.doc]
    assert bare == []


def test_the_last_rule_of_every_field_always_decides():
    # a text without any cue still gets every field decided (by each list's last rule)
    (figure,), _ = read_document("Sales were 12 units.")
    assert set(json.loads(figure["rules"])) == {"figure", "role", "time", "is_target", "year", "period", "region",
                                               "metric"}


def test_no_example_or_test_sentence_is_copied_from_the_sample_sources():
    """Rules and tests are written in general phrasings: no string of the tests or of the extractor
    (its examples and docstrings) shares a run of six words with the sample sources."""
    root = Path(__file__).resolve().parent.parent

    def words(text):
        return re.findall(r"[a-z0-9]+", text.lower())

    runs = set()
    for path in (root / "data" / "sources").glob("*.txt"):
        w = words(path.read_text(encoding="utf-8"))
        runs |= {tuple(w[i:i + 6]) for i in range(len(w) - 5)}
    copied = []
    for path in [*(root / "tests").glob("*.py"), *(root / "transforms" / "extract").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                w = words(node.value)
                if any(tuple(w[i:i + 6]) in runs for i in range(len(w) - 5)):
                    copied.append(f"{path.name}:{node.lineno}: {node.value[:60]}")
    assert copied == []
