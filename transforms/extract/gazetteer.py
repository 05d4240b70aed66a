"""The gazetteer: which place names the extractor knows, and how the places nest.

It is `warehouse/seeds/dim_region.csv`, the same file the gates and the model read: editing it
teaches the extractor a place. Each row is a region code with its level (country, province,
municipality, prefecture-level city, county ...), its parent and the lower-case names the text
may use for it (`aliases`). Places the gazetteer does not list (abroad, or a Chinese city it
lacks) are region `Other`.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from . import lexicon as lx

# levels whose places are wide: a figure beside them is often about something inside them
BROAD_LEVELS = {"country", "province", "municipality", "autonomous region", "special administrative region"}
PROVINCIAL_LEVELS = BROAD_LEVELS - {"country"}
HOME_CITY = "Lishui"
NANJING_LISHUI = "Nanjing-Lishui"


@dataclass(frozen=True, eq=False)
class Gazetteer:
    regions: tuple[str, ...]
    level: dict[str, str]
    parent: dict[str, str | None]
    names: dict[str, str]                 # lower-case surface -> region code
    fingerprint: str
    other_names: frozenset[str] = field(default_factory=frozenset)

    @property
    def place_words(self) -> frozenset[str]:
        """Every word of every place name (for telling a metric's words from a place's)."""
        words = self.__dict__.get("_place_words")
        if words is None:
            words = frozenset(w for n in [*self.names, *self.other_names] for w in n.replace("'", " ").split())
            object.__setattr__(self, "_place_words", words)
        return words

    @property
    def counties(self) -> dict[str, str]:
        """Surface -> code of the home city's counties and districts."""
        return {n: r for n, r in self.names.items() if self.is_county(r)}

    def is_county(self, region: str | None) -> bool:
        """Whether `region` is one of the home city's counties and districts."""
        return self.parent.get(region) == HOME_CITY

    def is_broad(self, region: str) -> bool:
        return self.level.get(region) in BROAD_LEVELS

    def province_of(self, region: str | None) -> str | None:
        """The provincial-level region that holds `region` (itself when it is one)."""
        seen = 0
        while region is not None and seen < 6:
            if self.level.get(region) in PROVINCIAL_LEVELS:
                return region
            region, seen = self.parent.get(region), seen + 1
        return None

    def city_of(self, region: str | None) -> str | None:
        """The prefecture-level city (or municipality) that holds `region` (itself when it is one)."""
        seen = 0
        while region is not None and seen < 6:
            if self.level.get(region) in ("prefecture-level city", "municipality"):
                return region
            region, seen = self.parent.get(region), seen + 1
        return None

    def within(self, region: str, ancestor: str) -> bool:
        seen = 0
        while region is not None and seen < 8:
            if region == ancestor:
                return True
            region, seen = self.parent.get(region), seen + 1
        return False


def from_rows(rows: list[dict]) -> Gazetteer:
    """A gazetteer from dim_region rows (region, level, parent_region, aliases)."""
    regions, level, parent, names = [], {}, {}, {}
    digest = hashlib.sha256()
    for row in rows:
        code = (row.get("region") or "").strip()
        if not code:
            continue
        regions.append(code)
        level[code] = (row.get("level") or "").strip()
        parent[code] = (row.get("parent_region") or "").strip() or None
        aliases = [a.strip().lower() for a in (row.get("aliases") or "").split("|") if a.strip()]
        for a in aliases:
            names.setdefault(a, code)
        digest.update("\0".join([code, level[code], parent[code] or "", "|".join(aliases)]).encode() + b"\n")
    other = frozenset(n for n in lx.OTHER_PLACES if n not in names)
    return Gazetteer(tuple(regions), level, parent, names, digest.hexdigest()[:12], other)


def default_path() -> Path:
    return Path(str(resources.files("warehouse") / "seeds" / "dim_region.csv"))


@cache
def load(path: str | None = None) -> Gazetteer:
    """The gazetteer in `path` (default: the project's warehouse/seeds/dim_region.csv)."""
    p = Path(path) if path else default_path()
    with p.open(encoding="utf-8", newline="") as f:
        return from_rows(list(csv.DictReader(f)))
