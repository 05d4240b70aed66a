"""Named decision rules, held in ordered lists per field (the way duckling holds its rules).

Every decision the extractor takes about a figure (is it a figure; its role; is it a target; which
time expression dates it; its year; its period; its region; its metric) is made by the first rule
of that field's list that applies. A rule is a plain function with a docstring saying what it
reads and examples beside it; it returns the field's value, or `NA` when it does not apply.

    ROLE = Rules("role")

    @ROLE.rule(("Imports were 5 billion yuan, down 2.4 percent.", "2.4 percent", "growth"))
    def change_word_before(doc, f):
        \"\"\"A change word right before the figure ("up", "an increase of") makes it a growth.\"\"\"
        ...

`Rules.decide(doc, f)` returns (value, rule name); the extractor records the name of the rule
behind each field (`curated.figures.rules`, and `lishui explain`). Each example is a sentence
written for the rule, the figure's text in it, and the value the rule gives it there: the tests
(tests/test_rules.py) run every example and check both the value and that this rule decided it
(or, for an example of what the rule leaves alone, the rule it names with `by`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


class _NotApplicable:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NA"

    def __bool__(self) -> bool:
        return False


NA = _NotApplicable()  # what a rule returns when it does not decide


@dataclass(frozen=True, slots=True)
class Example:
    """`text` (a sentence or a short document), the figure written `figure` in it, and the value
    its field gets (for the figure list: True, or False for "not a figure"). An example of what a
    rule leaves alone names the rule that decides it instead (`by`)."""

    text: str
    figure: str
    expected: Any
    occurrence: int = 1
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    field: str
    name: str
    decide: Callable[..., Any]
    examples: tuple[Example, ...]
    when: frozenset | None = None   # the keys (mention kinds, units) it can decide; None: any

    @property
    def doc(self) -> str:
        return (self.decide.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


class Rules:
    """The ordered rules of one field: the first that applies decides.

    With `key` (a function of the figure, such as its mention kind or unit), a rule may declare the
    keys it can decide (`when=`): a figure then walks only the rules for its key, in the same order.
    """

    def __init__(self, field: str, key: Callable | None = None):
        self.field = field
        self.key = key
        self.rules: list[Rule] = []
        self._chains: dict = {}
        _ALL.append(self)

    def rule(self, *examples: tuple, when: tuple | None = None) -> Callable:
        """Register the decorated function as the next rule of this field, with its examples
        (`(text, figure, expected)` or `(text, figure, expected, occurrence)`, or an `Example`)
        and the keys it can decide (`when`)."""
        def register(fn: Callable) -> Callable:
            name = fn.__name__
            if any(r.name == name for r in self.rules):
                raise ValueError(f"rule {name} is defined twice for {self.field}")
            self.rules.append(Rule(self.field, name, fn, tuple(e if isinstance(e, Example) else Example(*e)
                                                               for e in examples),
                                   frozenset(when) if when is not None else None))
            self._chains = {}
            return fn
        return register

    def _for(self, key) -> Callable:
        """The chain of the rules for `key`, as one function of (doc, f) that tries them in order
        (straight-line code: a figure walks up to seventy rules, and a loop costs each a turn)."""
        chain = self._chains.get(key)
        if chain is None:
            rules = [r for r in self.rules if r.when is None or key in r.when]
            env = {"NA": NA, "LookupError": LookupError, **{f"r{i}": r.decide for i, r in enumerate(rules)}}
            body = "".join(f"    v = r{i}(doc, f)\n    if v is not NA:\n        return v, {r.name!r}\n"
                           for i, r in enumerate(rules))
            source = (f"def chain(doc, f):\n{body}    raise LookupError("
                      f"{'no ' + self.field + ' rule applies (the last rule of a list must always decide)'!r})\n")
            exec(compile(source, f"<rules {self.field} {key!r}>", "exec"), env)
            chain = self._chains[key] = env["chain"]
        return chain

    def decide(self, doc, f) -> tuple[Any, str]:
        key = self.key(f) if self.key is not None else None
        chain = self._chains.get(key)
        return (chain if chain is not None else self._for(key))(doc, f)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


_ALL: list[Rules] = []


def all_rules() -> list[Rules]:
    """Every field's rule list, in the order the fields are decided."""
    from . import figure, metric, region, role, target, when  # noqa: F401 - registers the lists

    order = ["figure", "role", "time", "is_target", "year", "period", "region", "metric"]
    return sorted(_ALL, key=lambda r: order.index(r.field) if r.field in order else len(order))
