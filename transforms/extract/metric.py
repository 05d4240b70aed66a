"""What a figure measures (the `metric` rules) and whom it belongs to (its subject).

The metric is a short noun phrase of the sentence: "number of projects", "total retail sales of
consumer goods", "added value of the secondary industry". A growth, share, rank or difference
that follows a level and names no metric of its own is of that level's metric ("GDP reached 196
billion yuan, up 6.7 percent"). The transform maps the free text to canonical metric ids
(warehouse/seeds/dim_metric.csv).
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .rules import NA, Example, Rules
from .segment import sentence_search

METRIC = Rules("metric")

_HEADS = lx.METRIC_HEADS
_PLACE_WORDS = lx.PLACE_TYPE_WORDS
_NOT_MODIFIERS = (lx.METRIC_STOP | lx.DETERMINERS | lx.METRIC_VERBS | lx.IMPERATIVE_VERBS
                  | ((lx.GROWTH_WORDS | lx.DECLINE_WORDS) - lx.METRIC_MODIFIERS)
                  | {"province", "said", "while", "but", "also", "now", "currently"})
_PARTICIPLE_MODIFIERS = lx.PARTICIPLE_MODIFIERS
_HEAD_ALTERNATION = "|".join(sorted(_HEADS | {"retail sales", "foreign trade"}, key=len, reverse=True))
_METRIC_AFTER = re.compile(
    r"\s*(?:(?:year-on-year\s+|annual\s+)?(?:increase|growth|rise|decline|decrease|drop|gain)\s+)?(?:in|of)\s+"
    r"((?:[a-z][a-z-]*\s+){0,3}(?:" + _HEAD_ALTERNATION + r"))(?![a-z])")
_METRIC_QUALIFIER_AFTER = re.compile(
    r"\s*(?:from|of|by)\s+((?:[a-z-]+\s+){0,4}?(?:industries|industry|sector|enterprises)(?:\s+above designated size)?)(?![a-z])")


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es" if not noun.endswith("s") else noun
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_ABOVE_SIZE = ["above", "designated", "size"]


def metric_phrase(words: list[str], places: frozenset = frozenset()) -> str:
    """The metric noun phrase that ends nearest the end of `words`: "total value of imports and
    exports", "added value of the primary industry", "investment in manufacturing"."""
    i = len(words) - 1
    while i >= 0 and words[i] not in _HEADS:
        i -= 1
    if i < 0:
        return ""
    if i + 1 < len(words) and words[i + 1] == "added" and words[i] == "value":
        i += 1  # "value added of the industrial sector" is one head
    j = i  # left: modifiers, and heads joined by "of"/"and"
    while j > 0 and i - j < 7:
        w = words[j - 1]
        if w in ("of", "and") and j >= 2 and (words[j - 2] in _HEADS or words[j - 2] in lx.METRIC_MODIFIERS):
            j -= 1
            continue
        if w in _NOT_MODIFIERS or w in places or not w[0].isalpha() or len(w) < 3 \
                or (w.endswith("ed") and w not in lx.METRIC_MODIFIERS and w not in _PARTICIPLE_MODIFIERS) \
                or (w in lx.METRIC_VERBS_S and w not in _HEADS):
            break  # a verb ("issued green loans", "generates sales") ends the noun phrase
        j -= 1
    k = i + 1  # right: one "of"/"in" phrase (not a place: "the GDP of Songyang" is the GDP)
    if words[k:k + 3] == _ABOVE_SIZE:  # "industrial output above designated size"
        k += 3
    if k + 1 < len(words) and words[k] in ("of", "in"):
        m = k + 1 + (words[k + 1] == "the")
        if m + 1 < len(words) and (words[m] in places or words[m] in _PLACE_WORDS) and words[m + 1] == "s":
            words = words[:m] + words[m + 2:]  # "of Lishui's urban residents": of urban residents
        while m < len(words) and m - i < 11 and words[m][0].isalpha() and (
                (words[m] == "and" and m + 1 < len(words) and words[m + 1][0].isalpha()
                 and words[m + 1] not in lx.METRIC_STOP)
                or (words[m] not in lx.METRIC_STOP and words[m] not in _PLACE_WORDS and words[m] not in places
                    and words[m] not in lx.NOT_COUNT_NOUNS)):
            m += 1
        if m > k + 1 + (words[k + 1] == "the"):
            k = m
    return " ".join(w for w in words[j:k] if w != "the")


def _has_metric_head(doc, f) -> bool:
    """True when a metric word stands between the figure before and this one (a new metric:
    "GDP reached X, and exports grew 5%")."""
    between = _PRICE_BASIS.sub(" ", doc.low[f.prev.m.end:f.m.start])
    return any(w in _HEADS for w in _LETTERS.findall(between))


_PRICE_BASIS = re.compile(r"(?<![a-z])(?:at|in)\s+(?:comparable|constant|current)\s+prices(?![a-z])")


@METRIC.rule(("| Indicator | Unit | Jan-Jun | YoY growth (%) |\n| GDP | 100 million yuan | 40,300 | 5.6 |", "5.6", "gdp growth"),
             ("| Indicator | Jan-Jun |\n| Retail sales of consumer goods (100 million yuan) | 15,608 |", "15,608",
              "retail sales of consumer goods"),
             ("| County | GDP (100 million yuan) | Growth (%) |\n| Yunhe | 28.6 | 8.2 |", "8.2", "gdp growth"))
def table_row_label(doc, f):
    """A table's figure measures what its row's label names (without its unit in brackets); in a
    table whose rows are places, what its column's header names ("GDP (100 million yuan)"), else
    (a "Growth (%)" column) the metric of the row's figure before it."""
    cell = f.cell
    if cell is None:
        return NA
    if doc.place_within(*cell.label) is None:
        return _cell_words(doc.low, *cell.label)
    words = _cell_words(doc.low, *cell.header)
    words = " ".join(w for w in words.split() if w not in lx.TABLE_HEADER_NOT_METRIC and not w[0].isdigit())
    if words:
        return words
    return f.prev.base_metric if f.prev is not None and f.prev.cell is not None else ""


_LABEL_NOISE = re.compile(r"[(（][^()（）]*[)）]|^\s*(?:\d+[.、)]|[ivx]+\.)|[^a-z0-9%\s'-]")


def _cell_words(low: str, a: int, b: int) -> str:
    return " ".join(_LABEL_NOISE.sub(" ", low[a:b]).split())


@METRIC.rule(("The city has a population of 2.5 million.", "2.5 million", "population"))
def population(doc, f):
    """A count of population is the population (with its qualifier: "urban population")."""
    if f.unit == "count" and f.counted == "population":
        base = metric_phrase(f.words, doc.place_words) or "population"
        return base if "population" in base else "population"
    return NA


@METRIC.rule(("It attracted 40 partnership projects.", "40", "number of projects"))
def number_of_things(doc, f):
    """A count is the number of the things it counts."""
    if f.unit == "count" and f.counted:
        return f"number of {plural(f.counted)}"
    return NA


@METRIC.rule(("The income of urban residents was 66,875 yuan, and that of rural residents was 33,891 yuan.",
              "33,891 yuan", "income of rural residents"),
             ("Added value of the chip industry rose by 31.5%, and that of the new energy industry by 18.7%.",
              "18.7%", "added value of new energy industry growth"))
def that_of(doc, f):
    """"..., and that of rural residents was 33,891 yuan": the metric before it, for the new qualifier."""
    prev = f.prev
    tail = " ".join(f.words[-9:])
    if prev is None or not prev.metric or "that of" not in tail or " of " not in prev.metric \
            or "that of" not in doc.low[prev.m.end:f.m.start]:
        return NA
    qualifier = " ".join(w for w in tail.split("that of", 1)[1].split() if w not in lx.METRIC_STOP and w[0].isalpha())
    return prev.metric.rsplit(" of ", 1)[0].replace(" growth", "") + " of " + qualifier


@METRIC.rule(("GDP reached 196.43 billion yuan, up 6.7 percent.", "6.7 percent", "gdp growth"),
             ("Sales grew 3.1 percent, 4.4 percent and 6.8 percent in the three quarters.", "6.8 percent",
              "sales growth"),
             ("GDP grew 6.8% at comparable prices, 0.5 percentage points faster than the province.",
              "0.5 percentage points", "gdp"))
def of_the_figure_before(doc, f):
    """A growth, share, rank or difference after a level of the same sentence (or after a figure of
    its own role, in a list; a difference after a growth: of growth rates), with no metric word
    between them ("at comparable prices" is none), measures that figure's metric."""
    prev = f.prev
    if f.role in ("growth", "share", "rank", "difference") and prev is not None \
            and (prev.role in ("level", f.role) or (f.role == "difference" and prev.role == "growth")) \
            and prev.base_metric and not prev.base_metric.startswith("number of") and not _has_metric_head(doc, f):
        return prev.base_metric
    return NA


@METRIC.rule(("Songyang posted a 5.7% rise in GDP over the year before.", "5.7%", "gdp growth"),
             ("The firm earned 3 million yuan in export sales.", "3 million yuan", "export sales"))
def metric_after(doc, f):
    """"a 6.9% increase in GDP", "3 million yuan in export sales": the metric named right after."""
    am = _METRIC_AFTER.match(f.after)
    return am.group(1) if am else NA


@METRIC.rule(("Total retail sales of consumer goods reached 96.87 billion yuan.", "96.87 billion yuan",
              "total retail sales of consumer goods"),
             ("It achieved an added value of 36 billion yuan from enterprises above designated size.",
              "36 billion yuan", "added value of enterprises above designated size"),
             ("Urban households had a disposable income of 25,368 yuan, while their rural counterparts earned "
              "10,815 yuan.", "10,815 yuan", "disposable income of rural residents"),
             ("Disposable income of residents was 16,938 yuan, with urban residents at 20,472 yuan.", "20,472 yuan",
              "disposable income of urban residents"),
             ("Disposable income of urban residents was 55,916 yuan; rural residents 29,542 yuan.",
              "29,542 yuan", "disposable income of rural residents"))
def phrase_before(doc, f):
    """The metric noun phrase nearest before the figure in its sentence (with the "from industries
    above designated size" after a level)."""
    base = metric_phrase(f.words, doc.place_words)
    if not base:
        return NA
    qm = _METRIC_QUALIFIER_AFTER.match(f.after) if f.role == "level" else None
    if qm and " of " not in base:
        base = f"{base} of {qm.group(1)}"
    return _of_the_group(doc, f, base)


_INCOME_GROUP = re.compile(r"(?<![a-z])(urban|rural)\s+(?:residents|households|counterparts|people|dwellers)(?![a-z])")


def _of_the_group(doc, f, base: str) -> str:
    """An income that names no group, in a clause whose subject is one ("urban residents had a per
    capita disposable income of 25,368 yuan", "their rural counterparts earned 10,815 yuan"): that
    group's income."""
    if "income" not in base or f.unit == "multiple":
        return base  # (a ratio: "the income ratio between urban and rural residents")
    start = f.prev.m.end if f.prev is not None else f.sentence.start
    group = None
    for group in _INCOME_GROUP.finditer(doc.low, start, f.m.start):
        pass
    if group is None or doc.low.endswith(("and ", "or "), max(0, group.start() - 4), group.start()):
        return base  # none, or both ("urban and rural residents")
    named = group.group(1)
    if "urban" in base or "rural" in base:  # "income of urban residents 55,916 yuan; rural residents 29,542 yuan"
        if doc.low.endswith(("of ", "than "), max(0, group.start() - 5), group.start()):
            return base  # "... of rural residents is to grow faster than that of urban residents and reach ..."
        other = "rural" if named == "urban" else "urban"
        return base.replace(f"{other} residents", f"{named} residents")
    return f"{_OF_RESIDENTS.sub('', base)} of {named} residents"  # not "... of residents of urban residents"


_OF_RESIDENTS = re.compile(r" of (?:all )?residents$")


@METRIC.rule(("The economy of Anhui province expanded 5.8 percent.", "5.8 percent", "gdp growth"),
             ("Lishui grew fastest, though its economic aggregate of 45.3 billion yuan was the smallest.",
              "45.3 billion yuan", "gdp"),
             Example("The digital economy reached 2.6 trillion yuan.", "2.6 trillion yuan", "", by="no_metric"))
def the_economy(doc, f):
    """"The economy of Anhui expanded 5.8 percent", "its economic aggregate of 45.3 billion yuan": a
    place's whole economy is its GDP (a "digital" or "private economy" is not)."""
    if f.role not in ("level", "growth") or doc.low.find("econom", f.clause[0], f.m.start) < 0:
        return NA
    words = f.clause_words
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if w == "economy" and k > 0 and words[k - 1] in lx.WHOLE_ECONOMY_BEFORE:
            return "gdp"
        if w in ("aggregate", "output") and k > 0 and words[k - 1] == "economic":
            return "gdp"
    return NA


@METRIC.rule(("It ranked fifth.", "fifth", "rank"))
def no_metric(doc, f):
    """The sentence names no metric."""
    return ""


_LETTERS = re.compile(r"[a-z]+")
_ITEM_SEP = re.compile(r",?\s+and\s+|,\s+")
_LEADING_LINK = re.compile(r"^(?:and|of)\s+")
_LIST = re.compile(r"(?<![a-z-])((?:[a-z-]+,\s+)*[a-z-]+,?\s+and\s+[a-z-]+)\s+([a-z-]+)(?![a-z-])")
_RESPECTIVELY = re.compile(r"(?<![a-z])respectively(?![a-z])")


def distribute(doc, f, base: str) -> str:
    """"the primary, secondary and tertiary industries reached A, B and C, up a, b and c
    respectively": the k-th figure of a role is of the k-th word of the list (one-word items)."""
    s = f.sentence
    if not base or " and " not in base or not sentence_search(doc.low, s, _RESPECTIVELY, ("respectively",), doc.needles):
        return base
    cache = s.cache.get("respectively")
    if cache is None:
        first = s.cache.get("figure_starts", [f.m.start])[0]
        lists = list(_LIST.finditer(doc.low, s.start, first))
        cache = s.cache["respectively"] = ([_ITEM_SEP.split(lists[-1].group(1)), lists[-1].group(1)]
                                           if lists else None)
        s.cache["respectively_roles"] = {}
    if cache is None:
        return base
    items, written = cache
    compact = written.replace(",", "")
    if compact not in base:
        return base
    k = s.cache["respectively_roles"].get(f.role, 0)
    s.cache["respectively_roles"][f.role] = k + 1
    return base.replace(compact, items[k]) if k < len(items) else base


def finish(doc, f, base: str) -> str:
    """The metric as stored: one item of a "respectively" list; "... growth" for a growth, "rank
    of ..." for a rank; a money figure after a count of projects is of those projects ("23
    projects ... 10.62 billion yuan")."""
    base = distribute(doc, f, base)
    prev = f.prev
    if prev is not None and prev.unit == "count" and prev.counted in lx.SET_NOUNS and base \
            and f.unit in ("CNY", "USD", "EUR") and f.rules.get("metric") in ("phrase_before", "metric_after"):
        base = f"{base} of {plural(prev.counted)}"
    if f.role == "growth" and base and "growth" not in base:
        return f"{base} growth"
    if f.role == "rank":
        return f"rank of {base}" if base else "rank"
    return base


_ENTITY_END = re.compile(
    r"(?:Co\.,?\s*Ltd\.?|Group|Corporation|Company|Technology|Pharmaceuticals|Industrial Park|Park|Zone|"
    r"Center|Centre|Base|Project|Alliance|Village|Township|Workshops?|Platform|Cluster)(?![\w])")
_CAPS_BEFORE = re.compile(r"(?:(?:[A-Z][\w&’'-]*|and|of|\([A-Z][\w]*\))\s+){1,7}$")


def subject(doc, f) -> str:
    """Who or what the figure belongs to: the nearest named organisation, project or place before it."""
    text = doc.text
    s = f.sentence
    ends = s.cache.get("entities")
    if ends is None:
        ends = s.cache["entities"] = list(_ENTITY_END.finditer(text, s.start, s.end))
    best = None
    for m in ends:
        if m.end() > f.m.start:
            break
        best = m
    if best is not None:
        cm = _CAPS_BEFORE.search(text, max(s.start, best.start() - 90), best.start())
        if cm:
            return _LEADING_LINK.sub("", text[cm.start():best.end()].strip())
    return f.region
