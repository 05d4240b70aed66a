"""The sources folder: which files are sources (no Prefect here, so the CLI can check it at once)."""
from __future__ import annotations

from pathlib import Path

from transforms.ingest import MEDIA_TYPES

SUFFIXES = tuple(MEDIA_TYPES)


class SourcesError(Exception):
    """The sources folder is missing or holds no source files."""


def source_files(sources: Path) -> list[Path]:
    """Every .txt, .md and .html file under `sources` (hidden ones skipped), sorted."""
    if not sources.exists():
        raise SourcesError(f"sources folder {sources} does not exist")
    if not sources.is_dir():
        raise SourcesError(f"sources path {sources} is not a folder")
    files = [
        p for p in sources.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(sources).parts)
    ]
    if not files:
        raise SourcesError(f"sources folder {sources} holds no {', '.join(SUFFIXES)} files")
    return sorted(files)
